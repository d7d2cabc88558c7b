# 41-stats-experiment.sh - issue 16: statistics files carry the experiment.
# 'uplift aggregate' writes the experiment's name as the first column;
# 'analyze --stats' refuses two weeks' aggregate output concatenated (before:
# W47 and W48 pooled under W47's name and window), naming both; refuses the
# statistics of another experiment than DIR's, naming both; refuses a file
# without the column (an older uplift or SQL) saying how to regenerate it;
# and still sums the shards of one experiment, repeated headers and all.
# usage: UPLIFT=build/uplift sh tests/cli/41-stats-experiment.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

w47="$tmp/w47" w48="$tmp/w48"
"$UPLIFT" simulate "$w47" --users 3000 --seed 47 >/dev/null || bad "simulate w47"
"$UPLIFT" simulate "$w48" --users 3000 --seed 48 --start 2026-11-23 >/dev/null || bad "simulate w48"
sed -i 's/^name .*/name    = T咖啡 会员发券 2026-W48/' "$w48/experiment.ini"
n47="T咖啡 会员发券 2026-W47" n48="T咖啡 会员发券 2026-W48"

"$UPLIFT" aggregate "$w47" >"$tmp/w47.csv" 2>"$tmp/err" || bad "aggregate w47" "$(cat "$tmp/err")"
"$UPLIFT" aggregate "$w48" >"$tmp/w48.csv" 2>"$tmp/err" || bad "aggregate w48" "$(cat "$tmp/err")"
# the first column: the experiment's name on the header and on every row
if [ "$(head -n 1 "$tmp/w47.csv")" = "experiment,arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy" ] &&
	[ "$(tail -n +2 "$tmp/w47.csv" | cut -d, -f1 | sort -u)" = "$n47" ]; then
	ok
else
	bad "aggregate: the experiment column" "$(head -n 3 "$tmp/w47.csv")"
fi

# two weeks concatenated: refused, naming both (line: W48's first row)
cat "$tmp/w47.csv" "$tmp/w48.csv" >"$tmp/weeks.csv"
line=$(($(wc -l <"$tmp/w47.csv") + 2))
expect "two weeks concatenated" 2 \
	"uplift: weeks.csv:$line: column 'experiment': the file mixes experiments '$n47' (from line 2) and '$n48': analyze each experiment's statistics on their own" \
	-- analyze "$w47" --stats "$tmp/weeks.csv"
expect "two weeks concatenated, json" 2 \
	"uplift: weeks.csv:$line: column 'experiment': the file mixes experiments '$n47' (from line 2) and '$n48': analyze each experiment's statistics on their own" \
	-- analyze "$w47" --stats "$tmp/weeks.csv" --format json
# another experiment's statistics for this folder: refused, naming both
expect "W48's statistics for W47" 2 \
	"uplift: w48.csv:2: column 'experiment': experiment '$n48', but experiment.ini names '$n47': these are the statistics of another experiment" \
	-- analyze "$w47" --stats "$tmp/w48.csv"

# a file of an older uplift (no experiment column): how to regenerate it
cut -d, -f2- "$tmp/w47.csv" >"$tmp/old.csv"
expect "no experiment column" 2 \
	"uplift: old.csv:1: no 'experiment' column: the statistics come from an older uplift or SQL; regenerate them with 'uplift aggregate DIR' or the current sql/sufficient_stats.sql (header experiment,arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy)" \
	-- analyze "$w47" --stats "$tmp/old.csv"

# one experiment's file analyzes, alone or as two concatenated copies of halves
if "$UPLIFT" analyze "$w47" --format json >"$tmp/raw.json" 2>"$tmp/err" &&
	"$UPLIFT" analyze "$w47" --stats "$tmp/w47.csv" --format json >"$tmp/st.json" 2>"$tmp/err" &&
	$PY - "$tmp/raw.json" "$tmp/st.json" <<'PYEOF'
import json, sys
raw, st = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert raw["experiment"]["name"] == st["experiment"]["name"]
assert [c["diff"] for c in raw["comparisons"]] == [c["diff"] for c in st["comparisons"]]
PYEOF
then ok; else bad "w47 --stats: the raw numbers" "$(cat "$tmp/err")"; fi
{ head -n 1 "$tmp/w47.csv"; tail -n +2 "$tmp/w47.csv" | awk 'NR % 2'; head -n 1 "$tmp/w47.csv"; tail -n +2 "$tmp/w47.csv" | awk '!(NR % 2)'; } >"$tmp/halves.csv"
if "$UPLIFT" analyze "$w47" --stats "$tmp/halves.csv" --format json >"$tmp/st2.json" 2>"$tmp/err" &&
	cmp -s "$tmp/st.json" "$tmp/st2.json"; then ok; else bad "w47 --stats: two halves with their headers" "$(cat "$tmp/err")"; fi

# an ini without a name takes the folder's, also when the folder is given as "."
mkdir -p "$tmp/nn" && cp "$root"/tests/fixtures/small/*.csv "$tmp/nn/" &&
	sed '/^name/d' "$root/tests/fixtures/small/experiment.ini" >"$tmp/nn/experiment.ini"
"$UPLIFT" aggregate "$tmp/nn" >"$tmp/nn.csv" 2>"$tmp/err"
if (cd "$tmp/nn" && "$UPLIFT" analyze . --stats ../nn.csv >/dev/null 2>"$tmp/err") &&
	[ "$(sed -n 2p "$tmp/nn.csv" | cut -d, -f1)" = nn ] &&
	[ "$(cd "$tmp/nn" && "$UPLIFT" aggregate . | sed -n 2p | cut -d, -f1)" = nn ]; then ok
else bad "the folder as '.'" "$(cat "$tmp/err")"; fi

finish
