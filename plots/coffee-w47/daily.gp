# daily.gp - 'Cumulative conversion over the test window'
# written by uplift report; run from this folder: gnuplot daily.gp
if (!exists("outprefix")) outprefix = ""
set encoding utf8
set datafile separator "\t"
set terminal pngcairo size 1400,860 noenhanced font "Noto Sans CJK SC,13"
set output outprefix."daily.png"
set title 'Cumulative conversion over the test window' font ",16"
set grid xtics ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left box opaque
set ylabel '% of assigned users who bought'
set xdata time
set timefmt "%Y-%m-%d"
set format x "%m-%d"
set yrange [0:*]
plot for [i=2:4] "daily.dat" using 1:i with linespoints lw 3 pt 7 ps 1.2 title columnhead(i)
set terminal svg size 1400,860 noenhanced font "Noto Sans CJK SC,13" background rgb "white"
set output outprefix."daily.svg"
replot
unset output
