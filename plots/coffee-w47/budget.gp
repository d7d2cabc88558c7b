# budget.gp - 'Budget: coupons to the top x% by predicted gain'
# written by uplift report; run from this folder: gnuplot budget.gp
if (!exists("outprefix")) outprefix = ""
set encoding utf8
set datafile separator "\t"
# the PNG is the SVG at twice its size: fs scales every font the script sets
fs = 2
set terminal pngcairo size 1440,880 noenhanced font "Noto Sans CJK SC,26" linewidth 2 pointscale 2
set output outprefix."budget.png"
set title 'Budget: coupons to the top x% by predicted gain' font sprintf(",%d", 15 * fs)
set grid xtics ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left box opaque
set xlabel 'members sent a coupon (%)'
set ylabel 'profit per member (shaded: 95% CI)'
set datafile columnheaders
unset key
set style fill transparent solid 0.18 noborder
plot "budget.dat" using 1:3:4 with filledcurves lc rgb "#2e86c1" notitle, \
     "budget.dat" using 1:2 with linespoints lw 3 pt 7 lc rgb "#2e86c1" notitle
fs = 1
set terminal svg size 720,440 noenhanced font "Noto Sans CJK SC,13" background rgb "white"
set title font sprintf(",%d", 15 * fs)
set output outprefix."budget.svg"
replot
unset output
