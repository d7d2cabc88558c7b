#!/bin/sh
# Issue 13, finding 9: 'analyze --stats' refuses numbers that no per-user
# values can give, each with one line naming file, line and column, exit 2;
# the aggregate -> --stats round trip keeps every segment value, arm and
# column name byte for byte; and aggregate's stdout is checked.
. "$(dirname "$0")/../lib.sh"

dir=$(folder small)
# aggregate's statistics of tests/fixtures/small (what 'uplift aggregate' prints)
cat >"$tmp/good.csv" <<'EOF'
experiment,arm,column,value,metric,n,sum,sum_sq,sum_x,sum_x_sq,sum_xy
small,control,,,conversion,6,3,3,0,0,0
small,control,,,repurchase,6,1,1,0,0,0
small,control,,,revenue,6,115,4525,0,0,0
small,control,,,orders,6,4,6,0,0,0
small,control,,,discount,6,0,0,0,0,0
small,control,,,aov,6,115,4525,4,6,160
small,control,,,amount,6,115,4525,0,0,0
small,control,,,redemption,6,0,0,0,0,0
small,8折券,,,conversion,5,4,4,0,0,0
small,8折券,,,repurchase,5,2,2,0,0,0
small,8折券,,,revenue,5,132.40000000000001,4899.3599999999997,0,0,0
small,8折券,,,orders,5,7,15,0,0,0
small,8折券,,,discount,5,21.600000000000001,152.96000000000001,0,0,0
small,8折券,,,aov,5,132.40000000000001,4899.3599999999997,7,15,244.40000000000001
small,8折券,,,amount,5,154,6620,21.600000000000001,152.96000000000001,936.79999999999995
small,8折券,,,redemption,5,4,4,0,0,0
EOF

# the good file itself is accepted
if "$UPLIFT" analyze "$dir" --stats "$tmp/good.csv" --format json >"$tmp/out" 2>"$tmp/err"; then
	ok
else
	bad "good statistics refused" "$(cat "$tmp/err")"
fi

# impossible LINE ROW MESSAGE: the good file with line LINE replaced by ROW
# is refused with "uplift: stats.csv:LINE: MESSAGE", exit 2, nothing on stdout
impossible() {
	name=$1 line=$2 row=$3 msg=$4
	awk -v n="$line" -v r="$row" 'NR == n { print r; next } { print }' "$tmp/good.csv" \
		>"$tmp/stats.csv"
	expect "$name" 2 "uplift: stats.csv:$line: $msg" -- analyze "$dir" --stats "$tmp/stats.csv" \
		--format json
}

# finding 9: a conversion sum above n (before: 200.00% conversion, exit 0)
impossible rate-sum-above-n 9 'small,8折券,,,conversion,665,1330,1330,0,0,0' \
	"column 'sum': 1330 is more than n = 665 for a rate"
# finding 9: a rate's sum of squares is its sum (values 0 or 1)
impossible rate-sum-sq-not-sum 2 'small,control,,,conversion,6,3,5,0,0,0' \
	"column 'sum_sq': 5 is not sum = 3 (for a rate, each user's 0 or 1 is its own square)"
# finding 9: a fractional rate sum
impossible rate-sum-fraction 3 'small,control,,,repurchase,6,1.5,1.5,0,0,0' \
	"column 'sum': 1.5 is not a whole number (repurchase is 0 or 1 for a user)"
# finding 9: a fractional n (before: p = 0, exit 0)
impossible fractional-n 4 'small,control,,,revenue,6.5,115,4525,0,0,0' \
	"column 'n': 6.5 is not a whole number (n counts users)"
# finding 9: a negative n
impossible negative-n 4 'small,control,,,revenue,-6,115,4525,0,0,0' \
	"column 'n': -6 is negative (n counts users)"
# finding 9: a count beyond what a double holds exactly (2^53 + 1 reads as 2^53)
impossible huge-n 4 'small,control,,,revenue,9007199254740993,115,4525,0,0,0' \
	"column 'n': 9007199254740992 is 2^53 or more, beyond the counts a double holds exactly"
# finding 9: n = 0 with non-zero sums
impossible zero-n-with-sums 4 'small,control,,,revenue,0,115,4525,0,0,0' \
	"column 'sum': 115 with n = 0 (no users: every sum is 0)"
# finding 9: sum_sq below sum^2/n (a negative variance)
impossible sum-sq-below-bound 4 'small,control,,,revenue,6,115,100,0,0,0' \
	"column 'sum_sq': 100 is less than sum^2/n = 2204.16666666667, which no values can give (a negative variance)"
# finding 9: sum_sq above sum^2 (impossible for values never below 0)
impossible sum-sq-above-bound 4 'small,control,,,revenue,6,10,500,0,0,0' \
	"column 'sum_sq': 500 is more than sum^2 = 100, which no values that are never negative can give"
# finding 9: a negative revenue sum
impossible negative-sum 4 'small,control,,,revenue,6,-115,4525,0,0,0' \
	"column 'sum': -115 is negative (revenue is never negative for a user)"
# finding 9: a fractional orders sum
impossible orders-fraction 5 'small,control,,,orders,6,4.5,6,0,0,0' \
	"column 'sum': 4.5 is not a whole number (orders is a whole number for a user)"
# finding 9: NaN and infinities are not numbers of a statistics file
impossible nan-sum 4 'small,control,,,revenue,6,nan,4525,0,0,0' \
	"column 'sum': not a finite number: 'nan'"
impossible inf-sum-sq 4 'small,control,,,revenue,6,115,inf,0,0,0' \
	"column 'sum_sq': not a finite number: 'inf'"
impossible overflow-sum 4 'small,control,,,revenue,6,115,1e999,0,0,0' \
	"column 'sum_sq': not a finite number: '1e999'"
# finding 9: strtod's hex floats and leading blanks are not SQL numbers (before: 0x6 read as 6)
impossible hex-n 4 'small,control,,,revenue,0x6,115,4525,0,0,0' \
	"column 'n': not a number: '0x6'"
impossible blank-in-quotes 4 'small,control,,,revenue," 6",115,4525,0,0,0' \
	"column 'n': not a number: ' 6'"
# finding 9: aov's sum_xy beyond Cauchy-Schwarz
impossible aov-xy-cauchy-schwarz 7 'small,control,,,aov,6,115,4525,4,6,900' \
	"column 'sum_xy': 900 is more than sqrt(sum_sq * sum_x_sq) = 164.772570532841, which no values can give (Cauchy-Schwarz)"
# finding 9: aov's covariance beyond the product of the standard deviations
# (every user with one order: x has no variance, so sum_xy must be 115)
impossible aov-xy-covariance 7 'small,control,,,aov,6,115,4525,6,6,100' \
	"column 'sum_xy': 100 gives a covariance of x and y larger than their variances allow (|cov| > sd_x sd_y)"
# finding 9: aov's x (orders) below sum_x^2/n
impossible aov-x-bound 7 'small,control,,,aov,6,115,4525,4,2,60' \
	"column 'sum_x_sq': 2 is less than sum_x^2/n = 2.66666666666667, which no values can give (a negative variance)"
# finding 9: aov's orders are whole numbers
impossible aov-x-fraction 7 'small,control,,,aov,6,115,4525,4.5,6,160' \
	"column 'sum_x': 4.5 is not a whole number (orders (x of aov) is a whole number for a user)"

# finding 9: rows of one key add up; their total count must stay below 2^53
cp "$tmp/good.csv" "$tmp/stats.csv"
echo 'small,control,,,redemption,4503599627370496,0,0,0,0,0' >>"$tmp/stats.csv"
echo 'small,control,,,redemption,4503599627370496,0,0,0,0,0' >>"$tmp/stats.csv"
expect summed-n-overflow 2 "uplift: stats.csv:19: column 'n': with the rows before it of arm 'control', metric 'redemption' the count is 9007199254740998, 2^53 or more, beyond the counts a double holds exactly" -- \
	analyze "$dir" --stats "$tmp/stats.csv" --format json

# ---- the aggregate -> --stats round trip ---------------------------------------------
# finding 9: a folder whose segment values need quoting: blank-padded
# ("  padded  " beside "padded", before merged into one cell), a tab, commas,
# quotes, a newline, Chinese, a spreadsheet formula; an arm name with a comma
# and quotes; a column name with a quote and a space; an experiment name with
# a comma and quotes (the file's first column, issue 16).
rt=$(folder roundtrip)
$PY - "$rt" <<'PYEOF'
import csv, sys
d = sys.argv[1]
src = list(csv.reader(open(f"{d}/assignments.csv", encoding="utf-8-sig", newline="")))
vals = ["  padded  ", "padded", "a,b", 'say "hi"', "two\nlines", "中文 值", " x", "\ttab", "=1+1"]
arm = '8折, "券"'
with open(f"{d}/assignments.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\n")
    w.writerow(src[0] + ["seg", '名 "q"'])
    for i, r in enumerate(src[1:]):
        if r[1] != "control":
            r[1] = arm
        w.writerow(r + [vals[i % len(vals)], vals[(i * 4 + 1) % len(vals)]])
ini = open(f"{d}/experiment.ini", encoding="utf-8").read()
# an experiment name the statistics file must quote (issue 16: its first column)
ini = ini.replace("[arm 8折券]", f"[arm {arm}]").replace("name    = small", 'name    = 周 47, "券"')
assert 'name    = 周 47, "券"' in ini
open(f"{d}/experiment.ini", "w", encoding="utf-8").write(ini)
PYEOF
by='seg,名 "q"'
if ! "$UPLIFT" analyze "$rt" --by "$by" --format json >"$tmp/raw.json" 2>"$tmp/err"; then
	bad "round trip: analyze of the raw folder" "$(cat "$tmp/err")"
elif ! "$UPLIFT" aggregate "$rt" --by "$by" >"$tmp/agg.csv" 2>"$tmp/err"; then
	bad "round trip: aggregate" "$(cat "$tmp/err")"
elif ! "$UPLIFT" analyze "$rt" --stats "$tmp/agg.csv" --by "$by" --format json >"$tmp/st.json" \
	2>"$tmp/err"; then
	bad "round trip: analyze --stats" "$(cat "$tmp/err")"
elif out=$(PYTHONPATH="$root/tests/reference" $PY - "$tmp/raw.json" "$tmp/st.json" <<'PYEOF'
import json, sys
from same_numbers import walk
raw, st = (json.load(open(p)) for p in sys.argv[1:3])
def cells(j):
    return {(json.dumps(c["segment"], ensure_ascii=False), c["arm"]): (c["n_control"], c["n_treatment"])
            for c in j["comparisons"]}
bad = []
a, b = cells(raw), cells(st)
if a != b:
    bad.append(f"per-cell n differ: raw {sorted(set(a.items()) - set(b.items()))[:3]} "
               f"stats {sorted(set(b.items()) - set(a.items()))[:3]}")
for k in ("srm", "arms", "comparisons"):
    walk(raw[k], st[k], k, bad)
segs = {c["segment"]["value"] for c in raw["comparisons"] if c["segment"]}
for v in ("  padded  ", "padded", "two\nlines", "\ttab", "中文 值"):
    if v not in segs: bad.append(f"raw analysis lacks the value {v!r}")
print("\n".join(bad[:8]) if bad else f"{len(raw['comparisons'])} comparisons equal")
sys.exit(1 if bad else 0)
PYEOF
); then
	ok
else
	bad "round trip: aggregate -> --stats differs from the raw folder" "$out"
fi

# ---- aggregate's stdout -----------------------------------------------------------------
# finding 10 (aggregate): a full disk is exit 3 with a message naming stdout and the reason
if [ -w /dev/full ]; then
	"$UPLIFT" aggregate "$dir" >/dev/full 2>"$tmp/err"
	rc=$?
	if [ "$rc" = 3 ] && [ "$(cat "$tmp/err")" = "uplift: cannot write to standard output: No space left on device" ]; then
		ok
	else
		bad "aggregate > /dev/full: exit $rc" "$(cat "$tmp/err")"
	fi
else
	skip "aggregate > /dev/full: no writable /dev/full"
fi

finish
