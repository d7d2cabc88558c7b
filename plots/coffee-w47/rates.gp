# rates.gp - 'Conversion and repurchase per arm (Wilson 95% intervals)'
# written by uplift report; run from this folder: gnuplot rates.gp
if (!exists("outprefix")) outprefix = ""
set encoding utf8
set datafile separator "\t"
# the PNG is the SVG at twice its size: fs scales every font the script sets
fs = 2
set terminal pngcairo size 1440,880 noenhanced font "Noto Sans CJK SC,26" linewidth 2 pointscale 2
set output outprefix."rates.png"
set title 'Conversion and repurchase per arm (Wilson 95% intervals)' font sprintf(",%d", 15 * fs)
set grid xtics ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left box opaque
set datafile columnheaders
set ylabel '% of assigned users'
set yrange [0:15.1005]
set style data histogram
set style histogram errorbars gap 1.5 lw 1.5
set style fill solid 0.9 border -1
set boxwidth 0.9
set grid noxtics
set xrange [-0.65:1.65]
set key top right
plot "rates.dat" using 2:3:4:xtic(1) lc rgb "#6e6e6e" title columnhead(2), \
     "rates.dat" using 5:6:7 lc rgb "#0072b2" title columnhead(5), \
     "rates.dat" using 8:9:10 lc rgb "#e69f00" title columnhead(8)
fs = 1
set terminal svg size 720,440 noenhanced font "Noto Sans CJK SC,13" background rgb "white"
set title font sprintf(",%d", 15 * fs)
set output outprefix."rates.svg"
replot
unset output
