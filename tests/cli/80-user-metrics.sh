# 80-user-metrics.sh - issue 17: [metric NAME] sections (kind, of, where,
# within_days with exposed_at) and capping, number by number against
# tests/reference/user_metrics.py, written from CONTRACT.md and not from the C:
#   - the reference's own doctests (its percentile against numpy.percentile,
#     scipy.stats.scoreatpercentile and scipy.stats.mstats.winsorize);
#   - the reference's per-user machinery applied to the built-in metrics
#     (conversion = proportion of orders, revenue = mean of paid, aov = ratio
#     paid / orders, orders, discount, profit) reproduces analyze's JSON: this
#     proves the reference's formulas on numbers uplift already had right;
#   - three seeded folders of tests/reference/make_metric_folder.py (six
#     metrics: where, within_days, cap = p99 and cap = 200, a ratio), and a
#     fourth with five more (--extra), also under analyze --cap p90;
#   - the reference fails on a JSON with a wrong cap, uncapped p and n;
#   - Hillstrom's e-mail test: visit (a 0/1 column of outcomes.csv) and spend
#     capped at p95, and the published visit rates;
#   - bad [metric] sections: exit 2, nothing on stdout, one line on stderr
#     naming experiment.ini and the line of the faulty key.
# usage: UPLIFT=build/uplift sh tests/cli/80-user-metrics.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"
ref="$root/tests/reference"

if out=$($PY "$ref/user_metrics.py" --selftest 2>&1); then ok; echo "$out"; else bad "user_metrics.py doctests" "$out"; fi

# check DIR NAME FLAGS...: analyze DIR to JSON (with the options in $aopts),
# then user_metrics.py on it with FLAGS
aopts=""
check() {
	dir=$1 name=$2
	shift 2
	if ! "$UPLIFT" analyze "$dir" --format json $aopts >"$tmp/$name.json" 2>"$tmp/err"; then
		bad "analyze $name" "$(cat "$tmp/err")"
	elif out=$($PY "$ref/user_metrics.py" "$dir" "$tmp/$name.json" "$@" 2>&1); then
		ok
		# the summary line (and, for Hillstrom, the expected comparisons)
		case $name in hill) echo "$out" ;; *) echo "$name $*: $(echo "$out" | tail -1)" ;; esac
	else
		bad "user_metrics $name $*" "$out"
	fi
}

# ---- the reference on the built-in metrics (folders without [metric]) ----------------
"$UPLIFT" simulate "$tmp/plain" --seed 11 --users 3000 >/dev/null
check "$tmp/plain" plain --builtins
check "$root/tests/fixtures/small" small --builtins
check "$root/experiments/coffee-w47" coffee --builtins

# bites JSON METRIC...: each capped METRIC's cap changes the result (else the
# check of the capped numbers would be the check of the uncapped ones)
bites() {
	if $PY - "$@" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for m in sys.argv[2:]:
    c = [c for c in d["comparisons"] if c["segment"] is None and c["metric"] == m]
    assert c and any(abs(x["treatment"] - x["uncapped"]["treatment"]) > 1e-6 for x in c), m
PYEOF
	then ok; else bad "a cap that changes nothing in $*"; fi
}

# ---- [metric NAME] sections, three seeds ---------------------------------------------
for su in "1 4000" "2 3000" "3 6000"; do
	set -- $su
	d="$tmp/m$1"
	if $PY "$ref/make_metric_folder.py" "$UPLIFT" "$d" "$1" "$2" 2>"$tmp/err"; then
		check "$d" "m$1"
		bites "$tmp/m$1.json" rev_capped rev_fixcap
		# the built-in metrics stay as they were beside the user's
		check "$d" "m$1-builtins" --builtins
	else
		bad "make_metric_folder seed $1" "$(cat "$tmp/err")"
	fi
done

# five more: profit, a capped ratio, <, <=, a capped mean within days; and --cap
d="$tmp/m4"
if $PY "$ref/make_metric_folder.py" "$UPLIFT" "$d" 4 5000 --extra 2>"$tmp/err"; then
	check "$d" m4
	bites "$tmp/m4.json" rev_capped rev_fixcap profit_cap aov_cap rev3
	aopts="--cap p90"
	check "$d" m4-cap --cap p90
	check "$d" m4-cap-builtins --builtins --cap p90
	aopts=""
else
	bad "make_metric_folder seed 4 --extra" "$(cat "$tmp/err")"
fi

# ---- a test that cannot fail is a defect: the reference on a wrong JSON ----------------
if [ -s "$tmp/m1.json" ] && $PY - "$tmp/m1.json" "$tmp/wrong.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for c in d["comparisons"]:
    if c["segment"] is None and c["metric"] == "rev_capped":
        c["cap"] *= 1.001
        c["uncapped"]["p_value"] *= 1.00001
    if c["segment"] is None and c["metric"] == "back3":
        c["n_control"] += 1
json.dump(d, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PYEOF
then
	out=$($PY "$ref/user_metrics.py" "$tmp/m1" "$tmp/wrong.json" 2>&1); st=$?
	if [ $st = 1 ] && echo "$out" | grep -q "MISMATCH rev_capped/.*/cap:" &&
		echo "$out" | grep -q "MISMATCH rev_capped/.*/uncapped/p_value:" &&
		echo "$out" | grep -q "MISMATCH back3/.*/n_control:"; then ok; else bad "user_metrics passes a wrong JSON (exit $st)" "$out"; fi
else
	bad "no JSON of seed 1 to falsify"
fi

# ---- Hillstrom: a 0/1 outcomes.csv column and a capped spend ---------------------------
hill=${HILLSTROM:-/work/shared/data/hillstrom/hillstrom.csv}
[ -r "$hill" ] || hill="$root/../shared/data/hillstrom/hillstrom.csv"
if [ ! -r "$hill" ]; then
	skip "Hillstrom's data not found ($hill)"
elif $PY "$ref/hillstrom_folder.py" "$hill" "$tmp/hill"; then
	cat >"$tmp/hill/experiment.ini" <<'EOF'
[experiment]
name    = Hillstrom
control = No E-Mail

[columns]
user_id = customer_id
arm     = group

[arm No E-Mail]
[arm Mens E-Mail]
[arm Womens E-Mail]

[metric visit]       ; a 0/1 column of outcomes.csv
kind = proportion
of   = visit

[metric spend_cap]   ; spend per customer, capped at the 95th percentile of the spenders
kind = mean
of   = spend
cap  = p95
EOF
	# (p95, not p99: 12 of the 578 spenders spent exactly the maximum, 499, which
	# is then also the 99th percentile, and a cap of p99 would change nothing)
	check "$tmp/hill" hill --hillstrom
	if $PY - "$tmp/hill.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
c = [c for c in d["comparisons"] if c["segment"] is None and c["metric"] == "spend_cap"]
assert len(c) == 2 and all(abs(x["diff"] - x["uncapped"]["diff"]) > 0.01 for x in c), c
PYEOF
	then ok; else bad "hillstrom: the cap of spend_cap changes nothing"; fi
else
	bad "hillstrom_folder.py"
fi

# ---- bad [metric] sections: exit 2, one line naming experiment.ini:LINE ----------------
# bad_metric NAME KEY BODY: the small fixture with "[metric m]" + BODY appended; the
# message must name the line of the line starting with KEY (the exact wording is free)
bad_metric() {
	name=$1 key=$2 body=$3
	d=$(folder "bad-$name")
	printf '\n[metric m]\n%s\n' "$body" >>"$d/experiment.ini"
	line=$(grep -n "^$key" "$d/experiment.ini" | tail -1 | cut -d: -f1)
	"$UPLIFT" analyze "$d" --format json >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ $st = 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
		grep -q "experiment\.ini:$line[:,; )]" "$tmp/err"; then
		ok
	else
		bad "[metric] $name: exit $st, want 2 and one line naming experiment.ini:$line" "$(cat "$tmp/err")"
	fi
}
bad_metric unknown-key foo 'kind = mean
of = paid
foo = 1'
bad_metric bad-kind kind 'kind = median
of = paid'
bad_metric bad-where where 'kind = proportion
of = orders
where = amount ~ 80'
# the small fixture's assignments.csv has no exposed_at column
bad_metric within-no-exposed within_days 'kind = proportion
of = orders
within_days = 3'
bad_metric cap-on-proportion cap 'kind = proportion
of = orders
cap = p99'

finish
