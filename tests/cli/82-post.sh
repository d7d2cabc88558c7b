# 82-post.sh - post_days (pull-forward): a seeded folder whose coupons only
# move purchases earlier (simulate --pull-forward 0.5) shows a lift in the
# window, a significant dip after it and a net effect below the window's,
# and the report says the lift reversed; the post and net comparisons agree
# with pandas + statsmodels (tests/reference/post_period.py); in 400 seeded
# A/A folders the post period flags something in at most 32 (5% expected:
# 20; P(X > 32) = 0.0038 for a binomial(400, 0.05), from
# /usr/bin/python3 -c "from scipy import stats; print(stats.binom.sf(32, 400, 0.05))").
# usage: UPLIFT=build/uplift sh tests/cli/82-post.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

pf=$tmp/pull
"$UPLIFT" simulate "$pf" --users 30000 --seed 5 --post-days 14 --pull-forward 0.5 >/dev/null
if "$UPLIFT" analyze "$pf" --format json >"$tmp/pf.json" 2>"$tmp/err" &&
	out=$($PY - "$tmp/pf.json" 2>&1 <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1], encoding="utf-8"))
win = {(c["arm"], c["metric"]): c for c in j["comparisons"] if c["segment"] is None}
post = {(c["arm"], c["metric"]): c for c in j["post"]["comparisons"]}
net = {(c["arm"], c["metric"]): c for c in j["post"]["net"]}
for arm in ("8折券", "满80减15"):
    w, p, n = win[(arm, "revenue")], post[(arm, "revenue")], net[(arm, "revenue")]
    assert w["diff_ci_low"] > 0, (arm, "no lift in the window", w)
    assert p["diff_ci_high"] < 0 and p["significant"], (arm, "no significant dip after it", p)
    assert n["diff"] < w["diff"], (arm, "net not below the window", n["diff"], w["diff"])
d = j["data"]
assert d["orders_in_window"] + d["orders_outside_window"] + d["orders_post"] + d["orders_unassigned"] == d["orders_read"], d
PYEOF
); then ok; else bad "pull-forward detected" "$out $(cat "$tmp/err")"; fi
if out=$(cd "$root" && $PY tests/reference/post_period.py "$pf" "$tmp/pf.json" 2>&1); then
	ok
else bad "post and net against pandas/statsmodels" "$out"; fi
if "$UPLIFT" analyze "$pf" >"$tmp/pf.txt" 2>"$tmp/err" &&
	grep -q "^After the window: the same comparisons over the 14 days after it" "$tmp/pf.txt" &&
	grep -q "8折券: the lift in profit \*\*reversed\*\*" "$tmp/pf.txt"; then
	ok
else bad "the table says reversed" "$(grep -A3 reversed "$tmp/pf.txt") $(cat "$tmp/err")"; fi
# a coupon that truly adds purchases: the lift held
"$UPLIFT" simulate "$tmp/held" --users 30000 --seed 6 --post-days 14 >/dev/null
if "$UPLIFT" analyze "$tmp/held" >"$tmp/held.txt" 2>"$tmp/err" &&
	grep -q "8折券: the lift in profit \*\*held\*\*" "$tmp/held.txt"; then
	ok
else bad "held" "$(grep -A3 'After the window' "$tmp/held.txt") $(cat "$tmp/err")"; fi
# the report: side by side, and the cumulative chart
if "$UPLIFT" report "$pf" --out "$tmp/pfr" >/dev/null 2>"$tmp/err" &&
	grep -q "| 8折券 | revenue |" "$tmp/pfr/report.md" && [ -s "$tmp/pfr/cumulative.dat" ]; then
	ok
else bad "report with the post period" "$(cat "$tmp/err")"; fi
# A/A: 400 seeded folders, the post period's comparisons flag nothing in 95%
aa=$tmp/aa
mkdir -p "$aa"
s=1
while [ $s -le 400 ]; do
	"$UPLIFT" simulate "$aa/f" --users 2000 --seed $s --aa --post-days 14 --no-history >/dev/null &&
		"$UPLIFT" analyze "$aa/f" --format json --quiet >"$aa/$s.json" 2>/dev/null
	s=$((s + 1))
done
if out=$($PY - "$aa" 2>&1 <<'PYEOF'
import json, sys
flagged = 0
for s in range(1, 401):
    j = json.load(open(f"{sys.argv[1]}/{s}.json", encoding="utf-8"))
    flagged += any(c["significant"] for c in j["post"]["comparisons"])
print(f"A/A: post period flagged in {flagged} of 400")
assert flagged <= 32, flagged
PYEOF
); then ok; else bad "A/A post period" "$out"; fi
echo "  $out"
# errors
d=$(folder post-bad)
sed -i 's/^\[experiment\]$/[experiment]\npost_days = 0/' "$d/experiment.ini"
expect post-days-zero 2 "uplift: experiment.ini:3: [experiment] post_days: expected whole days, 1 to 365, got '0'" -- analyze "$d"
finish
