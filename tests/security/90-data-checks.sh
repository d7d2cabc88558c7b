#!/bin/sh
# Issue 16's checks of the data raise no false alarm: 100 clean seeded
# folders of `uplift simulate` (every fifth an A/A test, windows of 5 to 9
# days, conversions of 6% to 14%; 3,000 users each, so that a coupon arm
# without a single redemption is not chance) give no control_discount,
# discount_mismatch, below_min_spend, no_redemption, missing_discount,
# ignored_columns or inconsistent_outcome, in analyze's JSON or in validate
# (exit 0, nothing on stderr); every tenth is also rewritten as an
# outcomes.csv (one row per user, by python) and stays silent too. The
# rules must have had something to judge: each folder's coupon arms have
# discounted orders in the window (python counts them), and one planted
# control discount in the last folder is caught.
# usage: UPLIFT=build/uplift sh tests/security/90-data-checks.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

data_codes="control_discount discount_mismatch below_min_spend no_redemption missing_discount ignored_columns inconsistent_outcome"
judged=0
for seed in $(seq 201 300); do
	d="$tmp/f$seed"
	aa=""
	[ $((seed % 5)) -eq 0 ] && aa="--aa"
	days=$((5 + seed % 5))
	conv="0.$((6 + seed % 9))"
	[ $((6 + seed % 9)) -lt 10 ] && conv="0.0$((6 + seed % 9))"
	"$UPLIFT" simulate "$d" --seed "$seed" --users 3000 --days $days --conversion "$conv" --no-history $aa >/dev/null 2>&1 ||
		{ bad "simulate --seed $seed"; continue; }
	if [ $((seed % 10)) -eq 0 ]; then
		# the same folder as outcomes.csv: orders, revenue, discount, converted, repurchased
		$PY - "$d" <<'PYEOF' || bad "outcomes.csv of seed $seed"
import csv, configparser, os, sys
d = sys.argv[1]
ini = configparser.ConfigParser(inline_comment_prefixes=(";",))
ini.read(f"{d}/experiment.ini", encoding="utf-8")
start, end = ini["experiment"]["start"], ini["experiment"]["end"]
arm = {r["user_id"]: r["arm"] for r in csv.DictReader(open(f"{d}/assignments.csv", encoding="utf-8"))}
users = {}
for r in csv.DictReader(open(f"{d}/orders.csv", encoding="utf-8")):
    if r["user_id"] in arm and start <= r["order_time"][:10] <= end:
        u = users.setdefault(r["user_id"], [0, 0.0, 0.0])
        u[0] += 1; u[1] += float(r["amount"]) - float(r["discount"]); u[2] += float(r["discount"])
out = [["user_id", "orders", "revenue", "discount", "converted", "repurchased"]]
for uid in arm:
    o, rev, disc = users.get(uid, [0, 0.0, 0.0])
    out.append([uid, o, "%.2f" % rev, "%.2f" % disc, int(o >= 1), int(o >= 2)])
os.remove(f"{d}/orders.csv")
csv.writer(open(f"{d}/outcomes.csv", "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(out)
PYEOF
	fi
	if ! "$UPLIFT" analyze "$d" --format json --metrics conversion >"$tmp/j.json" 2>"$tmp/err"; then
		bad "analyze seed $seed" "$(cat "$tmp/err")"
		continue
	fi
	if out=$($PY - "$tmp/j.json" "$data_codes" 2>&1 <<'PYEOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
codes = set(sys.argv[2].split())
hit = [k for k in doc["checks"] if k["code"] in codes]
assert not hit, hit
PYEOF
	); then ok; else bad "false alarm: seed $seed" "$out"; fi
	"$UPLIFT" validate "$d" >/dev/null 2>"$tmp/err"; st=$?
	if [ $st = 0 ] && [ ! -s "$tmp/err" ]; then ok; else bad "validate seed $seed (exit $st)" "$(cat "$tmp/err")"; fi
	# the coupon arms had discounts to judge (orders.csv folders)
	if [ -f "$d/orders.csv" ] && $PY - "$d" <<'PYEOF'; then judged=$((judged + 1)); fi
import csv, sys
d = sys.argv[1]
arm = {r["user_id"]: r["arm"] for r in csv.DictReader(open(f"{d}/assignments.csv", encoding="utf-8"))}
n = {}
for r in csv.DictReader(open(f"{d}/orders.csv", encoding="utf-8")):
    if float(r["discount"]) > 0:
        n[arm.get(r["user_id"])] = n.get(arm.get(r["user_id"]), 0) + 1
sys.exit(0 if n.get("8折券", 0) > 0 and n.get("满80减15", 0) > 0 else 1)
PYEOF
done
if [ "$judged" -ge 85 ]; then ok; else bad "only $judged folders had discounts in both coupon arms"; fi

# the harness can see a fault: one control order with a discount in the last orders.csv folder
d="$tmp/f299"
$PY - "$d" <<'PYEOF'
import csv, sys
d = sys.argv[1]
arm = {r["user_id"]: r["arm"] for r in csv.DictReader(open(f"{d}/assignments.csv", encoding="utf-8"))}
rows = list(csv.reader(open(f"{d}/orders.csv", encoding="utf-8")))
for r in rows[1:]:
    if arm.get(r[0]) == "control" and "2026-11-17" <= r[1][:10] <= "2026-11-19":
        r[3] = "1.00"
        break
csv.writer(open(f"{d}/orders.csv", "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(rows)
PYEOF
"$UPLIFT" validate "$d" >/dev/null 2>"$tmp/err"; st=$?
if [ $st = 1 ] && grep -q "control: 1 of .* orders in the window carry a discount" "$tmp/err"; then ok; else bad "a planted control discount not caught (exit $st)" "$(cat "$tmp/err")"; fi
echo "90-data-checks: $judged folders with discounts in both coupon arms" >&2
finish
