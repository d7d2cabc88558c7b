# daily.gp - 'Cumulative conversion over the test window (bands: 95% intervals)'
# written by uplift report; run from this folder: gnuplot daily.gp
if (!exists("outprefix")) outprefix = ""
set encoding utf8
set datafile separator "\t"
# the PNG is the SVG at twice its size: fs scales every font the script sets
fs = 2
set terminal pngcairo size 1440,880 noenhanced font "Noto Sans CJK SC,26" linewidth 2 pointscale 2
set output outprefix."daily.png"
set title 'Cumulative conversion over the test window (bands: 95% intervals)' font sprintf(",%d", 15 * fs)
set grid xtics ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left box opaque
set datafile columnheaders
set ylabel '% of assigned users who bought'
set xdata time
set timefmt "%Y-%m-%d"
set format x "%m-%d"
set xlabel 'day (month-day)'
set xrange ["2026-11-16":"2026-11-22"]
set xtics 86400
unset mxtics
set yrange [0:*]
set offsets 0.4 * 86400, 0.4 * 86400, graph 0.05, 0
set style fill transparent solid 0.2 noborder
plot "daily.dat" using 1:3:4 with filledcurves lc rgb "#6e6e6e" notitle, \
     "daily.dat" using 1:2 with linespoints lw 2 pt 7 ps 0.8 lc rgb "#6e6e6e" title columnhead(2), \
     "daily.dat" using 1:6:7 with filledcurves lc rgb "#0072b2" notitle, \
     "daily.dat" using 1:5 with linespoints lw 2 pt 7 ps 0.8 lc rgb "#0072b2" title columnhead(5), \
     "daily.dat" using 1:9:10 with filledcurves lc rgb "#e69f00" notitle, \
     "daily.dat" using 1:8 with linespoints lw 2 pt 7 ps 0.8 lc rgb "#e69f00" title columnhead(8)
fs = 1
set terminal svg size 720,440 noenhanced font "Noto Sans CJK SC,13" background rgb "white"
set title font sprintf(",%d", 15 * fs)
set output outprefix."daily.svg"
replot
unset output
