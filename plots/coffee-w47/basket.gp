# basket.gp - 'Order value per arm (orders in the window)'
# written by uplift report; run from this folder: gnuplot basket.gp
if (!exists("outprefix")) outprefix = ""
set encoding utf8
set datafile separator "\t"
set terminal pngcairo size 1400,860 noenhanced font "Noto Sans CJK SC,13"
set output outprefix."basket.png"
set title 'Order value per arm (orders in the window)' font ",16"
set grid xtics ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left box opaque
set xlabel 'order value (bins of 5; the last bin is 200 and more)'
set ylabel '% of the arm''s orders'
set xrange [0:205]
set yrange [0:*]
set y2range [0:1]
unset y2tics
set key top right
set arrow 1 from 80, graph 0 to 80, graph 1 nohead dt 2 lw 2 lc rgb "#c0392b"
plot for [i=2:4] "basket.dat" index 0 using 1:i with steps lw 3 title columnhead(i), \
     "basket.dat" index 1 using 1:(0.96):2 axes x1y2 with labels left offset 0.5,0 tc rgb "#c0392b" notitle
set terminal svg size 1400,860 noenhanced font "Noto Sans CJK SC,13" background rgb "white"
set output outprefix."basket.svg"
replot
unset output
