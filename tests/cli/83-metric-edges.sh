# 83-metric-edges.sh - [metric] cases found in review: a profit metric is
# never clamped at 0 and loses g x a refund (as the built-in profit does:
# the same numbers), a where/within_days metric with outcomes.csv is an
# error, aggregate's statistics with negative sums read back, --cap with
# --stats is refused, a covariate that is not a number is named by its
# column, and a long zh label's twin is cut (to the tables' 64 columns)
# between characters, never inside one.
# usage: UPLIFT=build/uplift sh tests/cli/83-metric-edges.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

# a low gross margin: 8折券's profit per user is below 0 for many users
d=$tmp/m83
cp -r "$root/experiments/coffee-w47" "$d"
sed -i 's/^gross_margin = 0.6$/gross_margin = 0.1/' "$d/experiment.ini"
printf '\n[metric prof_all]\nkind = mean\nof = profit\nwhere = amount > 0\n' >>"$d/experiment.ini"
if "$UPLIFT" analyze "$d" --format json >"$tmp/j.json" 2>"$tmp/err" && out=$($PY - "$tmp/j.json" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
for a in j["arms"]:
    p, q = a["metrics"]["profit"], a["metrics"]["prof_all"]
    assert abs(p["value"] - q["value"]) < 1e-9 * max(1, abs(p["value"])), (a["arm"], p, q)
assert any(a["metrics"]["profit"]["value"] < 0.5 for a in j["arms"])
PYEOF
); then ok; else bad "profit metric: every order, as the built-in profit" "$out $(cat "$tmp/err")"; fi
# aggregate's statistics hold negative profit sums; --stats reads them back
if "$UPLIFT" aggregate "$d" >"$d/s.csv" 2>"$tmp/err" &&
	"$UPLIFT" analyze "$d" --stats "$d/s.csv" --format json >"$tmp/s.json" 2>>"$tmp/err" &&
	$PY -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2])); assert [c['diff'] for c in a['comparisons']]==[c['diff'] for c in b['comparisons']]" "$tmp/j.json" "$tmp/s.json"; then
	ok
else bad "negative sums round trip" "$(cat "$tmp/err")"; fi
expect cap-stats 2 "uplift: --cap with --stats: a statistics file holds sums, and a cap is applied to each user's value when they are aggregated (give the cap in a [metric] section)" -- analyze "$d" --stats "$d/s.csv" --cap p95

# a refund: profit loses g x its paid value, as the built-in profit
r=$tmp/r83
mkdir -p "$r"
printf '[experiment]\ncontrol = control\nstart = 2026-11-16\nend = 2026-11-22\n[arm control]\n[arm A]\n[economics]\ngross_margin = 0.5\n[columns]\nrefunds = net\n[metric p3]\nkind = mean\nof = profit\nwithin_days = 5\n' >"$r/experiment.ini"
printf 'user_id,arm,exposed_at\nu1,control,2026-11-16\nu2,control,2026-11-16\nu3,A,2026-11-16\nu4,A,2026-11-16\n' >"$r/assignments.csv"
printf 'user_id,order_time,amount,discount\nu1,2026-11-17 10:00:00,100,0\nu1,2026-11-18 10:00:00,-40,0\nu2,2026-11-17 10:00:00,50,0\nu3,2026-11-17 10:00:00,100,10\nu4,2026-11-17 10:00:00,20,0\n' >"$r/orders.csv"
# control: u1 0.5 x (100 - 40) = 30, u2 25: mean 27.5
if "$UPLIFT" analyze "$r" --format json >"$tmp/r.json" 2>"$tmp/err" &&
	$PY -c "import json,sys; j=json.load(open(sys.argv[1])); c=j['arms'][0]['metrics']; assert abs(c['p3']['value']-27.5)<1e-12 and abs(c['profit']['value']-27.5)<1e-12, c" "$tmp/r.json"; then
	ok
else bad "refund in a profit metric" "$(cat "$tmp/err")"; fi
# a covariate that is not a number: its column named
printf '[metric cv]\nkind = mean\nof = paid\ncovariate = channel\n' >>"$r/experiment.ini"
sed -i 's/^user_id,arm,exposed_at$/user_id,arm,exposed_at,channel/; s/^u1,control,2026-11-16$/u1,control,2026-11-16,1.5/; s/^u2,control,2026-11-16$/u2,control,2026-11-16,app/' "$r/assignments.csv"
expect covariate-nan 2 "uplift: assignments.csv:3: column 'channel': not a number: 'app' (column 4)" -- analyze "$r"

# where with outcomes.csv: no orders to filter
o=$(folder o83)
rm "$o/orders.csv"
printf 'user_id,orders,revenue\nc1,1,30\n' >"$o/outcomes.csv"
printf '\n[metric big]\nkind = mean\nof = paid\nwhere = paid >= 10\n' >>"$o/experiment.ini"
n=$(grep -n '^\[metric big\]' "$o/experiment.ini" | cut -d: -f1)
expect where-outcomes 2 "uplift: experiment.ini:$n: [metric big] where: filters orders, and this folder has outcomes.csv (one row per user, no orders)" -- analyze "$o"

# a capped metric's zh label of 30 characters: its twin's label whole
l=$tmp/l83
cp -r "$root/experiments/coffee-w47" "$l"
printf '\n[metric s]\nkind = mean\nof = paid\ncap = p99\nlabel = 一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十\n' >>"$l/experiment.ini"
if "$UPLIFT" report "$l" --out "$tmp/lr" --lang zh >/dev/null 2>"$tmp/err" &&
	grep -q "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十（" "$tmp/lr/report.md" &&
	! grep -q "$(printf '\357\277\275')" "$tmp/lr/report.md"; then
	ok
else bad "twin label whole" "$(cat "$tmp/err")"; fi
finish
