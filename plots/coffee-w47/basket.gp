# basket.gp - 'Order value per arm (orders in the window)'
# written by uplift report; run from this folder: gnuplot basket.gp
if (!exists("outprefix")) outprefix = ""
set encoding utf8
set datafile separator "\t"
# the PNG is the SVG at twice its size: fs scales every font the script sets
fs = 2
set terminal pngcairo size 1440,1440 noenhanced font "Noto Sans CJK SC,26" linewidth 2 pointscale 2
set output outprefix."basket.png"
set title 'Order value per arm (orders in the window)' font sprintf(",%d", 15 * fs)
set grid xtics ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left box opaque
colours = "#6e6e6e #0072b2 #e69f00"
set xlabel 'order value (bins of 5)'
set ylabel '% of the arm''s orders'
set y2range [0:1]
unset y2tics
set grid noxtics
set key at graph 0.98, graph 0.8 right top
set xtics 0, 20, 180
set xtics add ('200+' 202.5)
set arrow 1 from 80, graph 0 to 80, graph 1 nohead dt 2 lw 1.5 lc rgb "#e69f00"
set object 1 rect from 80, graph 0 to 95, graph 1 behind fc rgb "#e69f00" fs transparent solid 0.15 noborder
do for [pass = 1:2] {
if (pass == 2) {
fs = 1
set terminal svg size 720,720 noenhanced font "Noto Sans CJK SC,13" background rgb "white"
set title font sprintf(",%d", 15 * fs)
set output outprefix."basket.svg"
}
set multiplot
set title 'Order value per arm (orders in the window)'
set origin 0, 0.4
set size 1, 0.6
set xrange [0:205]
set yrange [0:15.9460]
plot for [i=2:4] "basket.dat" index 0 using 1:i with steps lw 2 lc rgb word(colours, i - 1) title columnhead(i), \
     "basket.dat" index 1 using 1:(0.93):2 axes x1y2 with labels left offset 0.4,0 tc rgb "#333333" notitle
set title 'around the threshold, y axis enlarged' font sprintf(",%d", 13 * fs)
set origin 0, 0
set size 1, 0.4
set xrange [65:130]
set yrange [0:3.3255]
set xtics 10
set ytics 1
unset xlabel
set key off
plot for [i=2:4] "basket.dat" index 0 using 1:i with steps lw 2 lc rgb word(colours, i - 1) title columnhead(i), \
     "basket.dat" index 1 using 1:(0.93):2 axes x1y2 with labels left offset 0.4,0 tc rgb "#333333" notitle
unset multiplot
set title font sprintf(",%d", 15 * fs)
set xlabel 'order value (bins of 5)'
set key on
set xtics 0, 20, 180
set xtics add ('200+' 202.5)
set ytics autofreq
}
unset output
