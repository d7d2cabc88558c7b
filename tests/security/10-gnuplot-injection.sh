#!/bin/sh
# 10-gnuplot-injection.sh - issue 13, finding 1 (commands run from data) and
# finding 10's report part (Markdown/HTML from names goes raw into report.md).
#
# Every name slot that reaches the pack (an arm name, with min_spend so that
# it is drawn in basket.gp; an arm label; the experiment name; an
# assignments.csv column used with --by; a segment value) gets, in turn, each
# payload below; `uplift report` then renders with the real gnuplot and must
# exit 0, draw every chart, and leave no pwned file behind.
. "$(dirname "$0")/../lib.sh"

if ! command -v gnuplot >/dev/null 2>&1; then
	skip "gnuplot is not installed: the injection matrix needs it"
	finish
	exit $?
fi

# build DIR SLOT: tests/fixtures/small with every user 15 times over (so that
# the segments of tier are not small and their chart is drawn), and $PAYLOAD
# put into SLOT (arm, label, name, column, value)
build() {
	$PY - "$root/tests/fixtures/small" "$1" "$2" <<'PYEOF'
import csv, io, os, sys
src, dst, slot = sys.argv[1], sys.argv[2], sys.argv[3]
p = os.environ["PAYLOAD"]
os.makedirs(dst)
ini = open(f"{src}/experiment.ini", encoding="utf-8").read()
if slot == "arm":  # a 满X减Y arm: its name goes into basket.gp's threshold label
    ini = ini.replace("[arm 8折券]\nweight      = 1\npercent_off = 20",
                      f"[arm {p}]\nweight = 1\nmin_spend = 30\namount_off = 5")
elif slot == "label":
    ini = ini.replace("[arm control]\nweight = 1", f"[arm control]\nweight = 1\nlabel = {p}")
elif slot == "name":
    ini = ini.replace("name    = small", f"name    = {p}")
open(f"{dst}/experiment.ini", "w", encoding="utf-8").write(ini)
rows = list(csv.reader(open(f"{src}/assignments.csv", encoding="utf-8-sig", newline="")))
out = io.StringIO()
w = csv.writer(out, lineterminator="\n")
head = rows[0][:]
if slot == "column":
    head[2] = p
w.writerow(head)
for k in range(15):
    for r in rows[1:]:
        r = r[:]
        r[0] = f"{r[0]}_{k}"
        if slot == "arm" and r[1] == "8折券":
            r[1] = p
        if slot == "value" and r[2] == "gold":
            r[2] = p
        w.writerow(r)
open(f"{dst}/assignments.csv", "w", encoding="utf-8", newline="").write(out.getvalue())
orders = list(csv.reader(open(f"{src}/orders.csv", encoding="utf-8", newline="")))
out = io.StringIO()
w = csv.writer(out, lineterminator="\n")
w.writerow(orders[0])
arms = {r[0]: r[1] for r in rows[1:]}
for k in range(15):
    for r in orders[1:]:
        r = r[:]
        # the 满30减5 arm's discounts follow its rule (issue 16's checks stay silent)
        if slot == "arm" and arms.get(r[1]) == "8折券" and r[4] not in ("", "0"):
            r[4] = "5" if float(r[3]) >= 30 else "0"
        w.writerow([f"{r[0]}_{k}", f"{r[1]}_{k}"] + r[2:])
open(f"{dst}/orders.csv", "w", encoding="utf-8", newline="").write(out.getvalue())
PYEOF
}

# case NAME SLOT [VERBATIM-IN]: report on a folder with $PAYLOAD in SLOT
n=0
case_() {
	name=$1 slot=$2 in=${3:-}
	n=$((n + 1))
	d="$tmp/exp$n" pack="$tmp/pack$n"
	rm -f "$pw"/*
	if ! build "$d" "$slot"; then
		bad "$name: cannot build the folder"
		return
	fi
	by=tier
	[ "$slot" = column ] && by=$PAYLOAD
	"$UPLIFT" report "$d" --out "$pack" --by "$by" ${REPORT_LANG:+--lang "$REPORT_LANG"} \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ -n "$(ls "$pw")" ]; then
		bad "$name: a command from the data ran (made $pw/$(ls "$pw" | tr '\n' ' '))"
	elif [ "$rc" != 0 ]; then
		bad "$name: exit $rc, want 0" "$(head -c 2000 "$tmp/err")"
	elif [ -s "$tmp/err" ]; then
		bad "$name: gnuplot or uplift complained" "$(head -c 2000 "$tmp/err")"
	else
		missing=
		for c in forest rates daily basket segments-1; do
			[ -s "$pack/$c.png" ] && [ -s "$pack/$c.svg" ] || missing="$missing $c"
		done
		if [ -n "$missing" ]; then
			bad "$name: charts not drawn:$missing"
		elif [ -n "$in" ] && ! PAYLOAD_FILE="$pack/$in" $PY -c '
import os, sys
sys.exit(os.environ["PAYLOAD"] not in open(os.environ["PAYLOAD_FILE"], encoding="utf-8").read())'; then
			bad "$name: the name is not verbatim in $in"
		else
			ok
		fi
	fi
	rm -rf "$d" "$pack"
}

# the payloads; each would run a command if gnuplot read it as code. They
# touch files in a folder of a short name ($pw), so that an arm name stays
# within 45 bytes (libinih's section names)
pw=$(mktemp -d /tmp/uwXXXX)
trap 'rm -rf "$tmp" "$pw"' EXIT
bt='X`touch '$pw'/1`Y'
sys='system("touch '$pw'/2")'
macro='m";p="system(\"touch '$pw'/3\")";@p;"'
macro2="m';p='system(\"touch $pw/4\")';@p;'"
quotes='it'"'"'s a "quote'"'"
semi='a"; system "touch '$pw'/5"; print "'
semi2="a'; system 'touch $pw/6'; print '"
back='a\"; system "touch '$pw'/7" #\'
nl='one
system "touch '$pw'/8"
`touch '$pw'/9`'

for slot in arm label name column value; do
	# finding 1: backquotes are shell commands in gnuplot's double-quoted strings
	in=
	[ "$slot" = arm ] && in=rates.dat
	[ "$slot" = value ] && in=segments-1.dat
	PAYLOAD=$bt case_ "$slot-backquote" "$slot" "$in"
	# finding 1: system() called from a string
	PAYLOAD=$sys case_ "$slot-system" "$slot"
	# finding 1: @macro substitution of a variable the payload defines
	PAYLOAD=$macro case_ "$slot-macro" "$slot" "$in"
	PAYLOAD=$macro2 case_ "$slot-macro-single-quotes" "$slot"
	# finding 1: quotes that would end a string literal
	PAYLOAD=$quotes case_ "$slot-quotes" "$slot"
	# finding 1: ';' and a command after a closed string
	PAYLOAD=$semi case_ "$slot-semicolon" "$slot"
	PAYLOAD=$semi2 case_ "$slot-semicolon-single-quotes" "$slot"
	# finding 1: backslashes (escapes, a line continuation)
	PAYLOAD=$back case_ "$slot-backslash" "$slot"
done
# with --lang zh the charts name an arm by its label (rates.dat, daily.dat, basket.dat)
for slot in label column; do
	in=
	[ "$slot" = label ] && in=rates.dat
	PAYLOAD=$bt REPORT_LANG=zh case_ "$slot-zh-backquote" "$slot" "$in"
	PAYLOAD=$macro REPORT_LANG=zh case_ "$slot-zh-macro" "$slot"
	PAYLOAD=$semi2 REPORT_LANG=zh case_ "$slot-zh-semicolon-single-quotes" "$slot"
	PAYLOAD=$back REPORT_LANG=zh case_ "$slot-zh-backslash" "$slot"
done
# finding 1: a newline ends a gnuplot command (a quoted CSV field can hold one)
PAYLOAD=$nl case_ column-newline column
PAYLOAD=$nl case_ value-newline value

# finding 10: HTML and Markdown in names go into report.md escaped
d="$tmp/md"
PAYLOAD='<script>alert(1)</script>' build "$d" name
sed -i 's/^\[arm control\]$/[arm control]\nlabel = <img src=x onerror=alert(1)>/' "$d/experiment.ini"
sed -i 's/8折券/a|b/' "$d/experiment.ini" "$d/assignments.csv"
sed -i '1s/tier/<i>t|x<\/i>/' "$d/assignments.csv"
if "$UPLIFT" report "$d" --out "$tmp/mdpack" --by '<i>t|x</i>' >/dev/null 2>"$tmp/err"; then
	# report.c's own text: all but the appendix's tables, which format_text.c writes
	md="$tmp/mdpack/own.md"
	sed '/^### Arms (/,/^### Metrics$/d' "$tmp/mdpack/report.md" >"$md"
	if grep -q '<script' "$tmp/mdpack/report.md" || grep -q '<img\|<i>' "$md"; then
		bad "report-md-html: raw HTML from the data in report.md" "$(grep -n '<script\|<img' "$tmp/mdpack/report.md")"
	elif ! grep -qF '# &lt;script&gt;alert(1)&lt;/script&gt; — weekly review' "$md"; then
		bad "report-md-html: the experiment name is not escaped in the title" "$(head -1 "$md")"
	elif ! grep -qF '| control (&lt;img src=x onerror=alert(1)&gt;) | 90 | baseline |' "$md"; then
		bad "report-md-html: the label is not escaped in the numbers table" "$(grep -n control "$md" | head -3)"
	elif ! grep -qF '| a\|b | 75 |' "$md"; then
		bad "report-md-html: | in an arm name splits the numbers table" "$(grep -n 'a.b' "$md" | head -3)"
	elif ! grep -qF '### revenue by &lt;i&gt;t\|x&lt;/i&gt;: change' "$md"; then
		bad "report-md-html: the --by column is not escaped in a chart title" "$(grep -n '###' "$md")"
	elif grep -q '<i>\|a|b' "$md"; then
		bad "report-md-html: an unescaped a|b in report.md" "$(grep -n 'a|b' "$md" | head -3)"
	else
		ok
	fi
else
	bad "report-md-html: exit status" "$(cat "$tmp/err")"
fi
finish
