# segments-1.gp - 'revenue by RFM segment: change vs control, with 95% intervals'
# written by uplift report; run from this folder: gnuplot segments-1.gp
if (!exists("outprefix")) outprefix = ""
set encoding utf8
set datafile separator "\t"
# the PNG is the SVG at twice its size: fs scales every font the script sets
fs = 2
set terminal pngcairo size 1440,1446 noenhanced font "Noto Sans CJK SC,26" linewidth 2 pointscale 2
set output outprefix."segments-1.png"
set title 'revenue by RFM segment:'."\n".'change vs control, with 95% intervals' font sprintf(",%d", 15 * fs)
set grid xtics ytics lc rgb "#dddddd"
set border 3
set tics nomirror
set key top left box opaque
set datafile columnheaders
set xlabel 'change vs control (%)'
set xrange [-99.8783:178.2651]
set yrange [18.6:0.4]
set ytics scale 0
set grid noytics
set key at screen 0.5, screen 0.0954 center bottom horizontal maxcols 3 samplen 1.5 nobox
set label 2 '●  filled: significant after correction        ○  hollow: not significant' at screen 0.5, screen 0.0761 center front tc rgb "#333333"
set bmargin at screen 0.2420
set arrow 1 from 0, graph 0 to 0, graph 1 nohead dt 2 lw 1.5 lc rgb "#444444"
set label 1 'Intervals clipped at +163% (arrow at the edge): 1; full values in the tables. '."\n".'Rows without an estimate (too few users or buyers), marked in the chart: 2. ' at screen 0.5, screen 0.012 center front tc rgb "#333333"
plot "segments-1.dat" using (0):1:ytic(2) with points pt 7 ps 0 lc rgb "white" notitle, \
     "segments-1.dat" using ($10 == 1 && $6 >= 0 ? $3 : NaN):1:4:5 with xerrorbars pt 6 ps 1.4 lw 1.5 lc rgb "#0072b2" title columnhead(13), \
     "segments-1.dat" using ($10 == 2 && $6 >= 0 ? $3 : NaN):1:4:5 with xerrorbars pt 6 ps 1.4 lw 1.5 lc rgb "#e69f00" title columnhead(14), \
     "segments-1.dat" using ($10 == 2 && $6 == 1 ? $3 : NaN):1 with points pt 7 ps 1.4 lc rgb "#e69f00" notitle, \
     "segments-1.dat" using ($9 - 9.7350):1:(9.7350):(0):7 with vectors head filled size screen 0.012,25 lw 1.5 lc rgb variable notitle, \
     "segments-1.dat" using (0):($6 < 0 ? $1 : NaN):11 with labels left offset 0.8,0 tc rgb "#555555" notitle
fs = 1
set terminal svg size 720,723 noenhanced font "Noto Sans CJK SC,13" background rgb "white"
set title font sprintf(",%d", 15 * fs)
set output outprefix."segments-1.svg"
replot
unset output
