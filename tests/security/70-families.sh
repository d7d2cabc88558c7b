#!/bin/sh
# Issue 15, "families that mean something": discount (like amount and
# redemption) is reported but never tested, so it has no p-value and never
# changes another comparison's adjusted p; the head-to-head pairs of the
# treatment arms; and `uplift power` planning with the correction the
# analysis of K arms applies, alpha / ((K - 1) x 5).
. "$(dirname "$0")/../lib.sh"

coffee="$root/experiments/coffee-w47"

# json FILE EXPR: evaluate the Python expression EXPR over the JSON d of FILE
json() { $PY -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); print(eval(sys.argv[2]))' "$@"; }
# same NAME GOT WANT
same() { if [ "$2" = "$3" ]; then ok; else bad "$1" "got:  $2
want: $3"; fi; }

# ---- discount: described, never tested --------------------------------------------
"$UPLIFT" analyze "$coffee" --format json >"$tmp/all.json"
same "discount has no p-value" \
	"$(json "$tmp/all.json" '[(c["p_value"], c["p_adjusted"], c["significant"]) for c in d["comparisons"] if c["metric"] == "discount"]')" \
	"[(None, None, False), (None, None, False)]"
same "discount keeps its interval" \
	"$(json "$tmp/all.json" 'all(c["diff_ci_low"] < c["diff"] < c["diff_ci_high"] for c in d["comparisons"] if c["metric"] == "discount")')" True
# the overall family: 2 arms x 6 tested metrics (conversion, repurchase,
# revenue, orders, aov, profit); Holm's smallest adjusted p is 12 x the smallest p
same "overall family of 12" \
	"$(json "$tmp/all.json" 'len([c for c in d["comparisons"] if c["p_adjusted"] is not None])')" 12
same "holm over 12" \
	"$(json "$tmp/all.json" 'abs(min(c["p_adjusted"] for c in d["comparisons"] if c["p_adjusted"] is not None) / min(c["p_value"] for c in d["comparisons"] if c["p_value"] is not None) - 12) < 1e-9')" True
# asking for discount or not changes no adjusted p (BH: it would if discount counted)
for corr in holm bh; do
	"$UPLIFT" analyze "$coffee" --format json --correction $corr --metrics conversion,revenue,discount,aov >"$tmp/with.json"
	"$UPLIFT" analyze "$coffee" --format json --correction $corr --metrics conversion,revenue,aov >"$tmp/without.json"
	same "discount leaves p adj alone ($corr)" \
		"$(json "$tmp/with.json" '[(c["arm"], c["metric"], c["p_adjusted"]) for c in d["comparisons"] if c["metric"] != "discount"]')" \
		"$(json "$tmp/without.json" '[(c["arm"], c["metric"], c["p_adjusted"]) for c in d["comparisons"]]')"
done

# ---- pairs: 8折券 vs 满80减15 is what control = 8折券 shows for 满80减15 ---------------
if [ "$(json "$tmp/all.json" '"pairs" in d')" = True ]; then
	c8="$tmp/control-8"
	cp -r "$coffee" "$c8"
	sed -i 's/^control = control/control = 8折券/' "$c8/experiment.ini"
	"$UPLIFT" analyze "$c8" --format json >"$tmp/c8.json"
	fields='(c["n_control"], c["n_treatment"], c["control"], c["treatment"], c["diff"], c["diff_ci_low"], c["diff_ci_high"], c["lift"], c["lift_ci_low"], c["lift_ci_high"], c["p_value"])'
	same "pair 8折券 vs 满80减15 = control 8折券" \
		"$(json "$tmp/all.json" "[(c['metric'], $fields) for c in d['pairs'] if c['segment'] is None and c['baseline'] == '8折券' and c['arm'] == '满80减15']")" \
		"$(json "$tmp/c8.json" "[(c['metric'], $fields) for c in d['comparisons'] if c['arm'] == '满80减15']")"
	# issue 15's figures: revenue +0.50 [-0.75, +1.75], conversion -1.25 pp [-2.15, -0.36]
	same "pair figures" \
		"$(json "$tmp/all.json" '[(c["metric"], "%+.2f [%+.2f, %+.2f]" % (c["diff"], c["diff_ci_low"], c["diff_ci_high"])) for c in d["pairs"] if c["segment"] is None and c["metric"] in ("revenue", "conversion")]')" \
		"[('conversion', '-0.01 [-0.02, -0.00]'), ('revenue', '+0.50 [-0.75, +1.75]')]"
	same "pair conversion in pp" \
		"$(json "$tmp/all.json" '["%+.2f [%+.2f, %+.2f]" % (100 * c["diff"], 100 * c["diff_ci_low"], 100 * c["diff_ci_high"]) for c in d["pairs"] if c["segment"] is None and c["metric"] == "conversion"]')" \
		"['-1.25 [-2.15, -0.36]']"
	# with control = 8折券 the ini's control is a treatment arm: its pair with 满80减15
	same "pairs of control 8折券" \
		"$(json "$tmp/c8.json" 'sorted({(c["baseline"], c["arm"]) for c in d["pairs"]})')" "[('control', '满80减15')]"
	# a seeded folder, by segment, number by number against statsmodels
	"$UPLIFT" simulate "$tmp/sim48" --seed 48 --start 2026-11-23 --users 20000 >/dev/null
	for by in "" "--by lifecycle"; do
		if "$UPLIFT" analyze "$tmp/sim48" --format json $by >"$tmp/s.json" 2>"$tmp/err" &&
			out=$(cd "$root" && $PY tests/reference/check_json.py "$tmp/sim48" "$tmp/s.json" $by 2>&1); then
			ok
		else
			bad "check_json sim48 $by" "$out$(cat "$tmp/err")"
		fi
	done
else
	skip "pairs: the JSON has no \"pairs\" yet"
fi

# ---- power: the analysis's family, alpha / ((K - 1) x 5) --------------------------
# /usr/bin/python3 -c "
# from scipy.stats import norm,nct,t as T;from scipy.optimize import brentq;import math
# def n(p1,p2,a,pw):pb=(p1+p2)/2;return ((norm.isf(a/2)*(2*pb*(1-pb))**.5+norm.ppf(pw)*(p1*(1-p1)+p2*(1-p2))**.5)/(p1-p2))**2
# pw=lambda n,d,sd,a:nct.sf(T.isf(a/2,2*(n-1)),2*(n-1),(n/2)**.5*d/sd)
# print(math.ceil(n(.1,.11,.05/5,.8)),math.ceil(n(.105,.1155,.05/10,.8)),math.ceil(brentq(lambda n:pw(n,.5,8,.05/12)-.8,2,1e7,xtol=1e-12)))"
# -> 21950 23689 7038 (R's power.prop.test / power.t.test at sig.level = alpha / m)
power() { "$UPLIFT" power "$@" --format json | $PY -c 'import json,sys; d=json.load(sys.stdin); print(d["users_per_arm"], d["total_users"], d["comparisons"], d["alpha_per_comparison"])'; }
same "power 2 arms" "$(power --baseline 0.10 --mde 0.01)" "21950 43900 5 0.01"
same "power 3 arms" "$(power --baseline 0.105 --mde 0.1 --relative --arms 3)" "23689 71067 10 0.005"
same "power --comparisons" "$(power --sd 8 --mde 0.5 --arms 3 --comparisons 12)" "7038 21114 12 0.004166666666666667"
"$UPLIFT" power --baseline 0.105 --mde 0.1 --relative --arms 3 >"$tmp/power.txt"
if grep -q "alpha 0.05 / 10 comparisons = 0.005 each (Bonferroni, Holm's first step)" "$tmp/power.txt" &&
	grep -q "(3 arms - 1) x 5 tested metrics" "$tmp/power.txt"; then ok; else bad "power says its alpha" "$(cat "$tmp/power.txt")"; fi
expect power-bad-comparisons 2 "uplift: power: --comparisons must be a whole number from 1 to 1000000 (see 'uplift help power')" -- power --baseline 0.1 --mde 0.01 --comparisons 0

finish
