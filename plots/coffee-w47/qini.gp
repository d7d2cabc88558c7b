# qini.gp - 'Qini curves: ranked by predicted gain, vs control (dashed: random)'
# written by uplift report; run from this folder: gnuplot qini.gp
if (!exists("outprefix")) outprefix = ""
set encoding utf8
set datafile separator "\t"
# the PNG is the SVG at twice its size: fs scales every font the script sets
fs = 2
set terminal pngcairo size 1440,880 noenhanced font "Noto Sans CJK SC,26" linewidth 2 pointscale 2
set output outprefix."qini.png"
set title 'Qini curves:'."\n".'ranked by predicted gain, vs control (dashed: random)' font sprintf(",%d", 15 * fs)
set grid xtics ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left box opaque
set xlabel 'members targeted (%)'
set ylabel 'cumulative gain per member'
set datafile columnheaders
set key left top width 2
set xzeroaxis lt 1 lc rgb "#555555"
plot "qini.dat" using 1:2 with lines lw 3 lc rgb "#0072b2" title columnhead(2), \
     "qini.dat" using 1:3 with lines dt 2 lw 2 lc rgb "#0072b2" notitle, \
     "qini.dat" using 1:4 with lines lw 3 lc rgb "#e69f00" title columnhead(4), \
     "qini.dat" using 1:5 with lines dt 2 lw 2 lc rgb "#e69f00" notitle
fs = 1
set terminal svg size 720,440 noenhanced font "Noto Sans CJK SC,13" background rgb "white"
set title font sprintf(",%d", 15 * fs)
set output outprefix."qini.svg"
replot
unset output
