# segments-2.gp - 'revenue by lifecycle: change vs control, with 95% intervals'
# written by uplift report; run from this folder: gnuplot segments-2.gp
if (!exists("outprefix")) outprefix = ""
set encoding utf8
set datafile separator "\t"
set terminal pngcairo size 1400,860 noenhanced font "Noto Sans CJK SC,13"
set output outprefix."segments-2.png"
set title 'revenue by lifecycle: change vs control, with 95% intervals' font ",16"
set grid xtics ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left box opaque
set xlabel 'change vs control (%)'
set yrange [10.6:0.4]
set ytics scale 0
set key outside below center horizontal
set bmargin 7
set arrow 1 from 0, graph 0 to 0, graph 1 nohead dt 2 lw 2 lc rgb "#444444"
plot "segments-2.dat" using ($6 == 1 ? $3 : NaN):1:4:5:ytic(2) with xerrorbars pt 7 ps 1.6 lw 2 lc rgb "#c0392b" title 'significant after correction', \
     "segments-2.dat" using ($6 == 0 ? $3 : NaN):1:4:5:ytic(2) with xerrorbars pt 6 ps 1.6 lw 2 lc rgb "#7f8c8d" title 'not significant'
set terminal svg size 1400,860 noenhanced font "Noto Sans CJK SC,13" background rgb "white"
set output outprefix."segments-2.svg"
replot
unset output
