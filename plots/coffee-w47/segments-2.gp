# segments-2.gp - 'revenue by lifecycle stage: change vs control, with 95% intervals'
# written by uplift report; run from this folder: gnuplot segments-2.gp
if (!exists("outprefix")) outprefix = ""
set encoding utf8
set datafile separator "\t"
# the PNG is the SVG at twice its size: fs scales every font the script sets
fs = 2
set terminal pngcairo size 1440,958 noenhanced font "Noto Sans CJK SC,26" linewidth 2 pointscale 2
set output outprefix."segments-2.png"
set title 'revenue by lifecycle stage:'."\n".'change vs control, with 95% intervals' font sprintf(",%d", 15 * fs)
set grid xtics ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left box opaque
set datafile columnheaders
set xlabel 'change vs control (%)'
set xrange [-38.2132:190.2710]
set yrange [10.6:0.4]
set ytics scale 0
set grid noytics
set key at screen 0.5, screen 0.0689 center bottom horizontal maxcols 3 samplen 1.5 nobox
set label 2 '●  filled: significant after correction        ○  hollow: not significant' at screen 0.5, screen 0.0397 center front tc rgb "#333333"
set bmargin at screen 0.2902
set arrow 1 from 0, graph 0 to 0, graph 1 nohead dt 2 lw 1.5 lc rgb "#444444"
plot "segments-2.dat" using (0):1:ytic(2) with points pt 7 ps 0 lc rgb "white" notitle, \
     "segments-2.dat" using ($10 == 1 && $6 >= 0 ? $3 : NaN):1:4:5 with xerrorbars pt 6 ps 1.4 lw 1.5 lc rgb "#0072b2" title columnhead(13), \
     "segments-2.dat" using ($10 == 1 && $6 == 1 ? $3 : NaN):1 with points pt 7 ps 1.4 lc rgb "#0072b2" notitle, \
     "segments-2.dat" using ($10 == 2 && $6 >= 0 ? $3 : NaN):1:4:5 with xerrorbars pt 6 ps 1.4 lw 1.5 lc rgb "#e69f00" title columnhead(14), \
     "segments-2.dat" using ($10 == 2 && $6 == 1 ? $3 : NaN):1 with points pt 7 ps 1.4 lc rgb "#e69f00" notitle
fs = 1
set terminal svg size 720,479 noenhanced font "Noto Sans CJK SC,13" background rgb "white"
set title font sprintf(",%d", 15 * fs)
set output outprefix."segments-2.svg"
replot
unset output
