# 71-outcomes-window.sh - issue 16: with outcomes.csv, [experiment] start and
# end are optional, and then no output makes a date up: the JSON window is
# null, the table, Markdown and report say no window was given, and no date
# appears anywhere in them. With orders.csv the window stays required.
# usage: UPLIFT=build/uplift sh tests/cli/71-outcomes-window.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

d=$(folder w71)
rm "$d/orders.csv"
printf 'user_id,orders,revenue\nc1,1,30\nc3,2,45\nc6,1,40\nt1,1,40\nt2,2,44\nt4,1,14.4\nt5,3,34\nzz,1,1\n' >"$d/outcomes.csv"
sed -i '/^start/d; /^end/d' "$d/experiment.ini"
if grep -q "^start\|^end" "$d/experiment.ini"; then bad "fixture still has a window"; fi

# JSON: start and end null, the rest as with the window
"$UPLIFT" analyze "$d" --format json >"$tmp/j.json" 2>"$tmp/err"; st=$?
cp -r "$d" "$tmp/w71dated"
sed -i 's/^\[experiment\]$/[experiment]\nstart = 2026-11-16\nend = 2026-11-22/' "$tmp/w71dated/experiment.ini"
"$UPLIFT" analyze "$tmp/w71dated" --format json >"$tmp/dated.json" 2>>"$tmp/err"
if [ $st = 0 ] && out=$($PY - "$tmp/j.json" "$tmp/dated.json" 2>&1 <<'PYEOF'
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
e = a["experiment"]
assert "start" in e and e["start"] is None, e
assert "end" in e and e["end"] is None, e
assert b["experiment"]["start"] == "2026-11-16" and b["experiment"]["end"] == "2026-11-22", b["experiment"]
assert a["comparisons"] == b["comparisons"], "the window changed the numbers"
PYEOF
); then ok; else bad "json null window (exit $st)" "$out $(cat "$tmp/err")"; fi

# no date anywhere: a date-like string YYYY-MM-DD would be made up
nodate() { ! grep -Eq '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$@"; }
for fmt in table markdown csv; do
	if "$UPLIFT" analyze "$d" --format $fmt >"$tmp/o.$fmt" 2>"$tmp/err" && nodate "$tmp/o.$fmt"; then
		ok
	else bad "$fmt: a date, or a failure" "$(grep -E '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$tmp/o.$fmt") $(cat "$tmp/err")"; fi
done
if grep -q "^no window given (outcomes.csv has no dates) · control: control" "$tmp/o.table" &&
	grep -q "^no window given (outcomes.csv has no dates) · control: control" "$tmp/o.markdown"; then
	ok
else bad "table/markdown say no window" "$(head -3 "$tmp/o.table" "$tmp/o.markdown")"; fi

# the report pack, English and Chinese: no date in any text file, the window line says so
for lang in en zh; do
	rm -rf "$tmp/pack-$lang"
	if ! "$UPLIFT" report "$d" --out "$tmp/pack-$lang" --lang $lang >/dev/null 2>"$tmp/err"; then
		bad "report --lang $lang" "$(cat "$tmp/err")"
		continue
	fi
	if nodate "$tmp/pack-$lang"/*.md "$tmp/pack-$lang"/*.json "$tmp/pack-$lang"/*.csv \
		"$tmp/pack-$lang"/*.gp "$tmp/pack-$lang"/*.dat; then
		ok
	else bad "report $lang: a date" "$(grep -lE '[0-9]{4}-[0-9]{2}-[0-9]{2}' "$tmp/pack-$lang"/*)"; fi
done
if grep -q "^Window not given (outcomes.csv has no dates) · 11 users · control: control$" "$tmp/pack-en/report.md" &&
	grep -q "^活动期 未给出（\`outcomes.csv\` 没有日期） · 11 名用户 · 对照组: control$" "$tmp/pack-zh/report.md"; then
	ok
else bad "report window line" "$(sed -n 3p "$tmp/pack-en/report.md" "$tmp/pack-zh/report.md")"; fi

# validate is fine without the window: no problem (exit 2), no word of a date; the
# folder's 8折券 declares a coupon without a discount column, so missing_discount
# is its one warning (exit 1)
"$UPLIFT" validate "$d" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc -eq 1 ] && ! grep -q "start\|'end'\|window" "$tmp/err" &&
	grep -q "no discount column" "$tmp/err"; then ok
else bad "validate without a window (exit $rc)" "$(cat "$tmp/err")"; fi

# half a window is an error naming the missing key
sed -i 's/^\[experiment\]$/[experiment]\nstart = 2026-11-16/' "$d/experiment.ini"
expect half-window 2 "uplift: experiment.ini:3: [experiment] has 'start' but no 'end' (give both, or neither with outcomes.csv)" -- analyze "$d"

# history.csv without a window needs asof; --cuped needs the window
d=$(folder w71h rfm)
rm "$d/orders.csv"
printf 'user_id,orders,revenue\n' >"$d/outcomes.csv"
sed -i '/^start/d; /^end/d; /^asof/d' "$d/experiment.ini"
expect history-asof 2 "uplift: experiment.ini: [segments] needs 'asof' with history.csv when [experiment] has no 'start' (the day the history is taken at)" -- analyze "$d"
sed -i 's/^\[segments\]$/[segments]\nasof = 2026-11-10/' "$d/experiment.ini"
if "$UPLIFT" analyze "$d" --format json >"$tmp/h.json" 2>"$tmp/err" && nodate "$tmp/h.json"; then ok; else bad "history with asof, no window" "$(cat "$tmp/err")"; fi
expect cuped-window 2 "uplift: experiment.ini: --cuped needs the outcome window: [experiment] has no 'start' and 'end' (the history window before the test is as long as the outcome window)" -- analyze "$d" --cuped

# with orders.csv the window stays required: the error names the keys
d=$(folder w71o)
sed -i '/^start/d; /^end/d' "$d/experiment.ini"
expect orders-need-window 2 "uplift: experiment.ini: [experiment] needs 'start' and 'end' dates with orders.csv (the outcome window; only outcomes.csv can do without)" -- analyze "$d"
sed -i '/^end/d' "$tmp/w71dated/experiment.ini"
cp "$root/tests/fixtures/small/orders.csv" "$tmp/w71dated/" && rm "$tmp/w71dated/outcomes.csv"
expect orders-half-window 2 "uplift: experiment.ini:3: [experiment] has 'start' but no 'end' (give both, or neither with outcomes.csv)" -- analyze "$tmp/w71dated"

finish
