# 30-data-checks.sh - issue 16's checks of the data end to end: copies of
# one small `uplift simulate` folder with a fault planted in each (control
# users with discounts, a wrong percentage, 满80减15 discounts on baskets
# under 80, an arm without a single discount, the discount column removed,
# an outcomes.csv with an unused column and rows that contradict
# themselves). Each fires its code, with the count and the lines planted
# (counted here by python, not by uplift), in the JSON, the table,
# Markdown, CSV, report.md in English and Chinese, and validate; --strict
# exits 1 in analyze and report; the clean folder flags nothing. Without a
# discount column no cost is reported as 0 and the zh headline never says
# 券成本已收回.
# usage: UPLIFT=build/uplift sh tests/cli/30-data-checks.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

base="$tmp/base"
"$UPLIFT" simulate "$base" --users 3000 --seed 7 --no-history >/dev/null 2>&1 || bad "simulate"

# plant NAME FAULT: a copy of base with FAULT planted; prints the planted
# count and lines ("3 20,41") as python sees them
plant() {
	rm -rf "$tmp/$1"
	cp -r "$base" "$tmp/$1"
	$PY - "$tmp/$1" "$2" <<'PYEOF'
import csv, sys
d, fault = sys.argv[1], sys.argv[2]
arm = {r["user_id"]: r["arm"] for r in csv.DictReader(open(f"{d}/assignments.csv", encoding="utf-8"))}
rows = list(csv.reader(open(f"{d}/orders.csv", encoding="utf-8")))
head, body = rows[0], rows[1:]
lines = []
def inwin(r):
    return "2026-11-16" <= r[1][:10] <= "2026-11-22"
for i, r in enumerate(body):
    line, a = i + 2, arm.get(r[0])
    if a is None or not inwin(r):
        continue
    amount, disc = float(r[2]), float(r[3])
    if fault == "control" and a == "control" and len(lines) < 3:
        r[3] = "%.2f" % round(amount * 0.2, 2); lines.append(line)
    elif fault == "percent" and a == "8折券" and disc > 0 and len(lines) < 4:
        r[3] = "%.2f" % round(amount * 0.1, 2); lines.append(line)
    elif fault == "below" and a == "满80减15" and disc == 0 and amount < 80 and amount > 15 and len(lines) < 2:
        r[3] = "15.00"; lines.append(line)
    elif fault == "noredeem" and a == "满80减15" and disc > 0:
        r[3] = "0.00"
if fault == "nodiscount":
    rows = [r[:3] for r in rows]
if fault == "outcomes":
    # one row per assigned user, with an unused column and planted contradictions
    users = {}
    for r in body:
        if r[0] in arm and inwin(r):
            u = users.setdefault(r[0], [0, 0.0, 0.0])
            u[0] += 1; u[1] += float(r[2]) - float(r[3]); u[2] += float(r[3])
    out = [["user_id", "orders", "revenue", "discount", "converted", "spend"]]
    for uid in arm:
        o, rev, disc = users.get(uid, [0, 0.0, 0.0])
        conv = 1 if o > 0 else 0
        if o > 0 and len(lines) < 5 and uid.endswith("7"):
            conv = 0; lines.append(len(out) + 1)
        out.append([uid, o, "%.2f" % rev, "%.2f" % disc, conv, "1"])
    import os
    os.remove(f"{d}/orders.csv")
    csv.writer(open(f"{d}/outcomes.csv", "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(out)
else:
    csv.writer(open(f"{d}/orders.csv", "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(rows)
print(len(lines), ",".join(str(l) for l in lines[:2]))
PYEOF
}

# check NAME CODE ARM COUNT LINES EN ZH: every output of folder NAME shows CODE
check() {
	name=$1 code=$2 arm=$3 count=$4 lines=$5 en=$6 zh=$7
	d="$tmp/$name"
	if "$UPLIFT" analyze "$d" --format json >"$tmp/$name.json" 2>"$tmp/err" &&
		out=$($PY - "$tmp/$name.json" "$code" "$arm" "$count" "$lines" 2>&1 <<'PYEOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
code, arm, count, lines = sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]
ks = [k for k in doc["checks"] if k["code"] == code]
assert len(ks) == 1, doc["checks"]
k = ks[0]
assert doc["warnings"] == [c["message"] for c in doc["checks"]], doc["warnings"]
sev = "error" if code in ("control_discount", "discount_mismatch", "missing_discount") else "warning"
assert k["severity"] == sev, k
assert (arm == "-" and "arm" not in k) or k.get("arm") == arm, k
assert count == "-" or k["count"] == int(count), (k["count"], count)
assert lines == "-" or k["lines"] == [int(x) for x in lines.split(",") if x], (k["lines"], lines)
assert k["file"] in ("orders.csv", "outcomes.csv") and k["message"], k
print(k["message"])
PYEOF
		); then ok; else bad "$name: json $code" "$out $(cat "$tmp/err")"; fi
	"$UPLIFT" analyze "$d" >"$tmp/$name.table" 2>"$tmp/$name.err"
	if grep -q "^\(DATA ERROR\|WARNING\): .*$en" "$tmp/$name.table" && grep -q "^uplift: warning: .*$en" "$tmp/$name.err"; then ok; else bad "$name: table/stderr $code" "$(head -3 "$tmp/$name.table")"; fi
	"$UPLIFT" analyze "$d" --format markdown >"$tmp/$name.md" 2>/dev/null
	if grep -q "^> \*\*\(DATA ERROR\|WARNING\): .*$en" "$tmp/$name.md"; then ok; else bad "$name: markdown $code" "$(head -3 "$tmp/$name.md")"; fi
	"$UPLIFT" analyze "$d" --format csv >"$tmp/$name.csv" 2>/dev/null
	if grep -q "^# \(DATA ERROR\|WARNING\): .*$en" "$tmp/$name.csv" &&
		$PY -c 'import csv,sys; r=[l for l in open(sys.argv[1], encoding="utf-8") if not l.startswith("#")]; assert next(csv.reader(r))[:2] == ["experiment", "segment_column"]' "$tmp/$name.csv"; then ok; else bad "$name: csv $code" "$(head -3 "$tmp/$name.csv")"; fi
	for lang in en zh; do
		want=$en
		[ $lang = zh ] && want=$zh
		"$UPLIFT" report "$d" --lang $lang --out "$tmp/$name-$lang" >/dev/null 2>&1
		# on the first page: before the decision's heading
		if sed -n '1,/^## /p' "$tmp/$name-$lang/report.md" | grep -q "$want"; then ok; else bad "$name: report.md $lang $code" "$(head -12 "$tmp/$name-$lang/report.md")"; fi
	done
	"$UPLIFT" validate "$d" >"$tmp/out" 2>"$tmp/err"; st=$?
	if [ $st = 1 ] && grep -q "^uplift: warning: .*$en" "$tmp/err" && grep -q "^uplift: validate: [0-9]* checks\? flagged in " "$tmp/err"; then ok; else bad "$name: validate $code (exit $st)" "$(cat "$tmp/err")"; fi
	"$UPLIFT" analyze "$d" --strict --format json >/dev/null 2>&1; st=$?
	if [ $st = 1 ]; then ok; else bad "$name: analyze --strict exit $st"; fi
	"$UPLIFT" report "$d" --strict --out "$tmp/$name-strict" >/dev/null 2>&1; st=$?
	if [ $st = 1 ]; then ok; else bad "$name: report --strict exit $st"; fi
}

# ---- the clean folder: no check, validate and --strict exit 0 -------------------------
if "$UPLIFT" analyze "$base" --format json --strict >"$tmp/base.json" 2>"$tmp/err" &&
	$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["checks"] == [] and d["warnings"] == [], d["checks"]' "$tmp/base.json" &&
	! grep -q warning "$tmp/err"; then ok; else bad "clean folder flagged" "$(cat "$tmp/err")"; fi
if "$UPLIFT" validate "$base" >/dev/null 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then ok; else bad "validate on the clean folder" "$(cat "$tmp/err")"; fi

# ---- one fault each ------------------------------------------------------------------
set -- $(plant control control)
check control control_discount control "$1" "$2" "orders in the window carry a discount (orders.csv lines $(echo "$2" | sed 's/,/, /'))" "对照组（不触达）有 $1 笔订单使用了优惠"
set -- $(plant percent percent)
check percent discount_mismatch 8折券 "$1" "$2" "8折券: $1 of [0-9,]* discounted orders differ from the declared 20% off" "8折券 有 $1 笔使用优惠的订单（共 [0-9,]* 笔）优惠金额与声明的 20% 折扣相差超过 1 分"
set -- $(plant below below)
check below below_min_spend 满80减15 "$1" "$2" "满80减15: $1 of [0-9,]* discounted orders are below min_spend 80" "金额低于门槛 80"
set -- $(plant noredeem noredeem)
check noredeem no_redemption 满80减15 0 "" "满80减15: none of its [0-9,]* orders in the window carries a discount" "满80减15 活动期内的 [0-9,]* 笔订单都没有使用优惠"
plant nodiscount nodiscount >/dev/null
check nodiscount missing_discount - 2 "" "declares a coupon for 2 arms but orders.csv has no discount column" "没有优惠金额列（\`discount\`）"
set -- $(plant outcomes outcomes)
check outcomes inconsistent_outcome - "$1" "$2" "outcomes.csv: $1 of 3,000 rows contradict themselves" "outcomes.csv 有 $1 行（共 3,000 行）自相矛盾"
check outcomes ignored_columns - 1 "" "outcomes.csv: 1 column not used (spend)" "outcomes.csv 有 1 列未被使用（spend）"

# ---- without a discount column: no cost of 0, the revenue effect still there ---------
for name in nodiscount outcomes-nodiscount; do
	if [ $name = outcomes-nodiscount ]; then
		rm -rf "$tmp/$name"; cp -r "$tmp/outcomes" "$tmp/$name"
		cut -d, -f1-3,5 "$tmp/outcomes/outcomes.csv" >"$tmp/$name/outcomes.csv"
	fi
	"$UPLIFT" analyze "$tmp/$name" --format json >"$tmp/$name.json" 2>/dev/null
	if out=$($PY - "$tmp/$name.json" 2>&1 <<'PYEOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
assert [k["code"] for k in doc["checks"] if k["code"] == "missing_discount"], doc["checks"]
for a in doc["arms"]:
    assert not {"discount", "redemption", "profit"} & set(a["metrics"]), a["metrics"]
assert not [c for c in doc["comparisons"] if c["metric"] in ("discount", "redemption", "profit")]
assert doc["decision"]["metric"] == "revenue", doc["decision"]
assert doc["economics"], "no economics"
for e in doc["economics"]:
    assert e["incremental_revenue"] is not None and e["incremental_revenue_ci_low"] is not None, e
    for k in ("discount_per_user", "redemption_rate", "incremental_profit", "cost_per_incremental_buyer"):
        assert e[k] is None, (k, e[k])
    assert e["reason"] == "no discount column", e
PYEOF
	); then ok; else bad "$name: economics without discounts" "$out"; fi
	"$UPLIFT" report "$tmp/$name" --lang zh --out "$tmp/$name-zh2" >/dev/null 2>&1
	"$UPLIFT" report "$tmp/$name" --out "$tmp/$name-en2" >/dev/null 2>&1
	if ! grep -q "券成本已收回\|人均券成本 0.00\|券成本 0.00" "$tmp/$name-zh2/report.md" &&
		! grep -q "paid for itself\|coupon cost 0.00" "$tmp/$name-en2/report.md" &&
		grep -q "数据没有优惠金额列（\`discount\`）（增量收入不需要它）" "$tmp/$name-zh2/report.md"; then ok; else bad "$name: a cost of 0 in report.md"; fi
done
# profit as the decision metric without the discounts: no decision, and why
printf '\n[decision]\nmetric = profit\n' >>"$tmp/nodiscount/experiment.ini"
if "$UPLIFT" analyze "$tmp/nodiscount" 2>/dev/null | grep -q "No decision: gross profit per user is not in the data. (it needs the discount column, which the data lacks)"; then ok; else bad "profit decision without discounts"; fi

# ---- names escaped for each format ---------------------------------------------------
d="$tmp/below"
sed -i 's/满80减15/满80*减15<b>|x/' "$d/experiment.ini" "$d/assignments.csv"
"$UPLIFT" analyze "$d" --format markdown >"$tmp/esc.md" 2>/dev/null
"$UPLIFT" analyze "$d" --format json >"$tmp/esc.json" 2>/dev/null
if grep -q '满80\\\*减15&lt;b&gt;\\|x: ' "$tmp/esc.md" && ! grep -q '<b>' "$tmp/esc.md" &&
	$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(k.get("arm") == "满80*减15<b>|x" and k["message"].startswith("满80*减15<b>|x: ") for k in d["checks"]), d["checks"]' "$tmp/esc.json"; then ok; else bad "names escaped" "$(grep 'WARNING' "$tmp/esc.md")"; fi

finish
