# 81-review.sh - uplift review: three weekly folders (two of them testing
# the same 满80减15 with different effects, so that the arms differ between
# experiments), the pack written whole, the experiments in start order, and
# the pooled DerSimonian-Laird estimates, tau2, I2 and prediction intervals
# against tests/reference/review_dl.py (pandas + numpy from the raw CSVs).
# usage: UPLIFT=build/uplift sh tests/cli/81-review.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

w=$tmp/review
mkdir -p "$w"
"$UPLIFT" simulate "$w/w49" --users 20000 --seed 49 --start 2026-11-30 --rate-80 2.2 >/dev/null &&
	"$UPLIFT" simulate "$w/w48" --users 20000 --seed 48 --start 2026-11-23 --rate-80 1.0 >/dev/null &&
	"$UPLIFT" simulate "$w/w47" --users 20000 --seed 47 --rate-8 1.0 --rate-80 1.3 --no-history >/dev/null
# given out of order: the review sorts by start date
if "$UPLIFT" review "$w/w49" "$w/w47" "$w/w48" --out "$w/pack" --quiet >"$tmp/out" 2>"$tmp/err" &&
	grep -q "for 3 experiments, 2 recurring arms" "$tmp/out" &&
	out=$(cd "$root" && $PY tests/reference/review_dl.py "$w/pack/review.json" "$w/w47" "$w/w48" "$w/w49" 2>&1); then
	ok
else bad "pooled estimates against the reference" "$out $(cat "$tmp/out" "$tmp/err")"; fi
# heterogeneity is seen: 满80减15's effects differ (rate 1.3, 1.0, 2.2)
if out=$($PY - "$w/pack/review.json" 2>&1 <<'PYEOF'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
starts = [e["experiment"]["start"] for e in r["experiments"]]
assert starts == sorted(starts), starts
p = {x["arm"]: x for x in r["pooled"]}
assert p["满80减15"]["tau2"] > 0 and p["满80减15"]["i2"] > 0.5, p["满80减15"]
assert p["满80减15"]["prediction_low"] < p["满80减15"]["ci_low"], p["满80减15"]
assert {"experiments", "trends", "pooled"} <= set(r), list(r)
PYEOF
); then ok; else bad "order and heterogeneity" "$out"; fi
if [ -s "$w/pack/review.md" ] && grep -q "DerSimonian-Laird" "$w/pack/review.md" &&
	{ ! command -v gnuplot >/dev/null || [ -s "$w/pack/trend.png" ]; }; then
	ok
else bad "review.md and trend chart" "$(ls "$w/pack")"; fi
# zh: the words of review.md in Chinese
if "$UPLIFT" review "$w/w47" "$w/w48" --out "$w/zh" --lang zh --quiet >/dev/null 2>"$tmp/err" &&
	grep -q "跨实验合并" "$w/zh/review.md"; then
	ok
else bad "zh review" "$(cat "$tmp/err")"; fi
expect review-none 2 "uplift: review: expected one experiment folder or more (see 'uplift help review')" -- review
finish
