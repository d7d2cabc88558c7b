# rates.gp - 'Conversion and repurchase per arm (Wilson 95% intervals)'
# written by uplift report; run from this folder: gnuplot rates.gp
if (!exists("outprefix")) outprefix = ""
set encoding utf8
set datafile separator "\t"
set terminal pngcairo size 1400,860 noenhanced font "Noto Sans CJK SC,13"
set output outprefix."rates.png"
set title 'Conversion and repurchase per arm (Wilson 95% intervals)' font ",16"
set grid xtics ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left box opaque
set ylabel '% of assigned users'
set yrange [0:*]
set style data histogram
set style histogram errorbars gap 2 lw 2
set style fill solid 0.85 border -1
set boxwidth 0.9
set key top right
plot "rates.dat" using 2:3:4:xtic(1) lc rgb "#2e86c1" title 'conversion', \
     "rates.dat" using 5:6:7 lc rgb "#f39c12" title 'repurchase'
set terminal svg size 1400,860 noenhanced font "Noto Sans CJK SC,13" background rgb "white"
set output outprefix."rates.svg"
replot
unset output
