#!/bin/sh
# 75-decision.sh - the decision (issue 15): the arm to ship on the decision
# metric, its guardrails, the users per arm a new test needs when nothing is
# clear, and the targeting column; each checked against
# tests/reference/decision.py (pandas, statsmodels, scipy, from the raw CSV
# files) on experiments/coffee-w47 and seeded simulated folders. And the
# targeting plans valued on the decision metric (profit with a gross margin,
# else revenue) whatever --decide says, the arms they send checked with pandas.
. "$(dirname "$0")/../lib.sh"

ref="$root/tests/reference/decision.py"
coffee="$root/experiments/coffee-w47"
"$UPLIFT" simulate "$tmp/clear" --seed 5 --users 30000 --rate-8 2 --rate-80 2 --no-history >/dev/null
"$UPLIFT" simulate "$tmp/aa" --seed 1 --users 20000 --aa --no-history >/dev/null
# the A/A folder without [economics]: no profit, the decision metric is revenue
sed -i '/^\[economics\]/,$d' "$tmp/aa/experiment.ini"

# decision NAME DIR [ANALYZE ARGS...] [-- REFERENCE ARGS...]: analyze's JSON
# "decision" is the reference's (skipped while the JSON has none)
decision() {
	name=$1 dir=$2
	shift 2
	args="" refargs=""
	while [ $# -gt 0 ] && [ "$1" != "--" ]; do args="$args $1"; shift; done
	[ $# -gt 0 ] && shift
	refargs="$*"
	# shellcheck disable=SC2086
	if ! "$UPLIFT" analyze "$dir" --format json $args >"$tmp/d.json" 2>"$tmp/err"; then
		bad "$name: analyze" "$(cat "$tmp/err")"
		return
	fi
	# shellcheck disable=SC2086
	out=$($PY "$ref" "$dir" --json "$tmp/d.json" $refargs 2>&1)
	case $? in
	0) ok ;;
	2) skip "$name: no \"decision\" in the JSON yet" ;;
	*) bad "$name" "$out" ;;
	esac
}

# targeting NAME WANT DIR ARGS...: decision.targeting is WANT (a column or null)
targeting() {
	name=$1 want=$2 dir=$3
	shift 3
	if ! "$UPLIFT" analyze "$dir" --format json "$@" >"$tmp/t.json" 2>"$tmp/err"; then
		bad "$name: analyze" "$(cat "$tmp/err")"
		return
	fi
	got=$($PY -c 'import json, sys; d = json.load(open(sys.argv[1])).get("decision")
print("absent" if d is None else json.dumps(d.get("targeting"), ensure_ascii=False))' "$tmp/t.json")
	if [ "$got" = absent ]; then
		skip "$name: no \"decision\" in the JSON yet"
	elif [ "$got" = "$want" ]; then
		ok
	else
		bad "$name: targeting $got, want $want"
	fi
}

# profit: 满80减15 leads 8折券 by 0.59 [-0.14, 1.33] per user, not clear: 31245 users per arm
decision coffee-w47 "$coffee"
decision clear-winner "$tmp/clear"
decision aa-revenue "$tmp/aa"

# [decision] in experiment.ini: the metric, and a guardrail the winner fails
cp -r "$tmp/clear" "$tmp/guard"
printf '\n[decision]\nguardrails = conversion 50%%\n' >>"$tmp/guard/experiment.ini"
cp -r "$coffee" "$tmp/coffee-conv"
printf '\n[decision]\nmetric = conversion\n' >>"$tmp/coffee-conv/experiment.ini"
for d in guard coffee-conv; do
	if "$UPLIFT" analyze "$tmp/$d" --format json >/dev/null 2>"$tmp/err"; then
		case $d in
		guard) decision guardrail "$tmp/guard" -- --guardrail conversion:0.5 ;;
		coffee-conv) decision coffee-w47-metric "$tmp/coffee-conv" -- --metric conversion ;;
		esac
	elif grep -q "unknown section \[decision\]" "$tmp/err"; then
		skip "$d: [decision] is not read yet"
	else
		bad "$d: analyze" "$(cat "$tmp/err")"
	fi
done

# the targeting column: a plan whose gain's interval is above 0, else null
targeting clear-by-spend '"spend_level"' "$tmp/clear" --by spend_level
targeting coffee-by-spend '"spend_level"' "$coffee" --by spend_level
targeting coffee-by-rfm null "$coffee" --by rfm_segment
targeting coffee-by-rfm-spend '"spend_level"' "$coffee" --by rfm_segment,spend_level

# plans (JSON "targeting") on the decision metric, whatever --decide says; the
# arm each value is sent is its best by the mean of that metric over all users
plans() {
	name=$1 metric=$2 dir=$3
	shift 3
	if ! "$UPLIFT" analyze "$dir" --format json "$@" >"$tmp/p.json" 2>"$tmp/err"; then
		bad "$name: analyze" "$(cat "$tmp/err")"
		return
	fi
	if out=$($PY - "$dir" "$tmp/p.json" "$metric" <<'PYEOF'
import configparser, json, sys
import pandas as pd
d, js, metric = sys.argv[1:4]
cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
cp.read(f"{d}/experiment.ini", encoding="utf-8-sig")
e = cp["experiment"]
g = float(cp["economics"]["gross_margin"]) if cp.has_section("economics") else 0
a = pd.read_csv(f"{d}/assignments.csv", dtype=str, keep_default_na=False)
o = pd.read_csv(f"{d}/orders.csv", dtype={"user_id": str})
o = o[(o.order_time.str[:10] >= e["start"]) & (o.order_time.str[:10] <= e["end"])]
s = o.groupby("user_id").agg(amount=("amount", "sum"), discount=("discount", "sum"))
u = a.merge(s, how="left", left_on="user_id", right_index=True).fillna({"amount": 0, "discount": 0})
u["profit"] = g * u.amount - u.discount
u["revenue"] = u.amount - u.discount
bad = []
for p in json.load(open(js))["targeting"]:
    if p["metric"] != metric:
        bad.append(f"{p['column']}: plan on {p['metric']}, want {metric}")
    means = u.groupby([p["column"], "arm"])[metric].mean()
    for r in p["plan"]:
        want = means[r["value"]].idxmax()
        if r["arm"] != want:
            bad.append(f"{p['column']} = {r['value']}: sends {r['arm']}, best is {want}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
PYEOF
	); then ok; else bad "$name" "$out"; fi
}
plans plans-profit profit "$coffee" --by spend_level,channel --decide conversion
plans plans-revenue revenue "$tmp/aa" --by spend_level,member_stage

finish
