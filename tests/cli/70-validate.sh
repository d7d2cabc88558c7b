# 70-validate.sh - issue 16: validate checks every file even after a problem
# in one file's structure (a header error in orders.csv does not hide a bad
# row of assignments.csv or of history.csv), names the file it skipped, and
# speaks of outcome rows, never of order rows, on an outcomes.csv folder.
# usage: UPLIFT=build/uplift sh tests/cli/70-validate.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

# says NAME DIR PATTERN...: validate DIR exits 2, prints nothing on stdout and
# one stderr line per PATTERN (grep -E, in order). The patterns leave room for
# the wording of a missing-column error (it may list the headers found).
says() {
	name=$1 dir=$2
	shift 2
	"$UPLIFT" validate "$dir" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ $st != 2 ] || [ -s "$tmp/out" ]; then
		bad "$name: exit $st, stdout $(wc -c <"$tmp/out") bytes" "$(cat "$tmp/err")"
		return
	fi
	if [ "$(wc -l <"$tmp/err")" != $# ]; then
		bad "$name: $(wc -l <"$tmp/err") lines, want $#" "$(cat "$tmp/err")"
		return
	fi
	i=0
	for pat in "$@"; do
		i=$((i + 1))
		if ! sed -n "${i}p" "$tmp/err" | grep -Eq -- "$pat"; then
			bad "$name: line $i is not /$pat/" "$(cat "$tmp/err")"
			return
		fi
	done
	ok
}

# a header error in orders.csv, a bad row in assignments.csv: both, in file order
d=$(folder v70)
sed -i '1s/amount/amt/' "$d/orders.csv"
printf 'c9,nope,gold,x\n' >>"$d/assignments.csv"
says header-and-row "$d" \
	"^uplift: assignments.csv:14: column 'arm': arm 'nope' is not defined in experiment.ini$" \
	"^uplift: orders.csv:1: missing column 'amount'.*; orders.csv skipped$" \
	"^uplift: validate: 2 problems in $d \(checks of orders.csv stopped at its problem; the other files were checked\)$"

# the header error in assignments.csv: orders.csv is still read, its bad row told
d=$(folder v70b)
sed -i '1s/,arm,/,group,/' "$d/assignments.csv"
printf '99,c1,2026-11-17 10:00,abc,0,A\n' >>"$d/orders.csv"
says assignments-header "$d" \
	"^uplift: assignments.csv:1: missing column 'arm'.*; assignments.csv skipped$" \
	"^uplift: orders.csv:16: column 'amount': not a number: 'abc'" \
	"^uplift: validate: 2 problems in $d \(checks of assignments.csv stopped at its problem; the other files were checked\)$"

# a header error in both order files: each named; history.csv checked after orders.csv
d=$(folder v70c rfm)
sed -i '1s/order_time/time/' "$d/orders.csv"
sed -i '1s/user_id/member/' "$d/history.csv"
says orders-and-history "$d" \
	"^uplift: orders.csv:1: missing column 'order_time'.*; orders.csv skipped$" \
	"^uplift: history.csv:1: missing column 'user_id'.*; history.csv skipped$" \
	"^uplift: validate: 2 problems in $d \(checks of orders.csv, history.csv stopped at its problem; the other files were checked\)$"

# a quoting error half-way: the rest of the file skipped, the next file read
d=$(folder v70g)
printf 'c9,control,gold,"open\n' >>"$d/assignments.csv"
printf '99,c1,2026-11-17 10:00,-5,0,A\n' >>"$d/orders.csv"
says mid-file "$d" \
	"^uplift: assignments.csv:14: .*; the rest of assignments.csv skipped$" \
	"^uplift: orders.csv:16: column 'amount': negative" \
	"^uplift: validate: 2 problems in $d \(checks of assignments.csv stopped"

# no orders.csv and no outcomes.csv: told, and assignments.csv still checked
d=$(folder v70d)
rm "$d/orders.csv"
printf 'c9,nope,gold,x\n' >>"$d/assignments.csv"
says missing-orders "$d" \
	"^uplift: orders.csv: cannot open: No such file or directory \(nor is there an outcomes.csv\)$" \
	"^uplift: assignments.csv:14: column 'arm': arm 'nope' is not defined" \
	"^uplift: validate: 2 problems in $d \(checks of orders.csv stopped"

# a clean outcomes.csv folder: outcome rows, no order rows
d=$(folder v70e)
rm "$d/orders.csv"
# (with a discount column: 8折券 declares a coupon, and without one missing_discount is flagged)
printf 'user_id,orders,revenue,discount\nc1,1,30,0\nc3,2,45,0\nc6,1,40,0\nt1,1,40,10\nt2,2,44,11\nt4,1,14.4,3.6\nt5,3,34,8.5\nzz,1,1,0\n' >"$d/outcomes.csv"
"$UPLIFT" validate "$d" >"$tmp/out" 2>"$tmp/err"; st=$?
want="$d: ok: 11 users in 2 arms (11 assignment rows, 0 repeated); 8 outcome rows: 7 of assigned users, 1 of unassigned users"
if [ $st = 0 ] && [ "$(head -1 "$tmp/out")" = "$want" ] && ! grep -q "order rows" "$tmp/out"; then ok; else bad "outcomes wording (exit $st)" "$(cat "$tmp/out" "$tmp/err")"; fi

# an outcomes.csv whose header is broken, and a bad assignment row: both
printf 'user_id,revenue,revenue\nc1,1,1\n' >"$d/outcomes.csv"
printf 'c9,nope,gold,x\n' >>"$d/assignments.csv"
says outcomes-header "$d" \
	"^uplift: assignments.csv:14: column 'arm': arm 'nope' is not defined" \
	"^uplift: outcomes.csv:1: column 'revenue' appears twice in the header \(fields 2 and 3\); outcomes.csv skipped$" \
	"^uplift: validate: 2 problems in $d \(checks of outcomes.csv stopped"

# analyze still stops at the first problem, and says nothing of skipping
d=$(folder v70f)
sed -i '1s/amount/amt/' "$d/orders.csv"
"$UPLIFT" analyze "$d" >"$tmp/out" 2>"$tmp/err"; st=$?
if [ $st = 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
	grep -q "^uplift: orders.csv:1: missing column 'amount'" "$tmp/err" && ! grep -q skipped "$tmp/err"; then
	ok
else bad "analyze stops (exit $st)" "$(cat "$tmp/err")"; fi

# the sample ratio, as analyze tests it: coffee-w47 without 1,500 of its control users.
# /usr/bin/python3 -c "from scipy.stats import chisquare; print(chisquare([9891-1500,10118,9991]))"
# -> statistic=195.04063157894734, pvalue=4.440838496913542e-43
mkdir -p "$tmp/srm"
cp "$root/experiments/coffee-w47/experiment.ini" "$root/experiments/coffee-w47/orders.csv" "$tmp/srm/"
awk -F, 'NR == 1 || $2 != "control" || ++c > 1500' "$root/experiments/coffee-w47/assignments.csv" >"$tmp/srm/assignments.csv"
"$UPLIFT" validate "$tmp/srm" >"$tmp/out" 2>"$tmp/err"; st=$?
if [ $st = 1 ] && grep -q "^$tmp/srm: read, with warnings: 28500 users" "$tmp/out" &&
	grep -q "^uplift: warning: sample ratio mismatch (chi2 195.04, df 2, p = 4.4e-43)" "$tmp/err" &&
	grep -q "^uplift: validate: 1 check flagged in " "$tmp/err"; then ok
else bad "validate: sample ratio (exit $st)" "$(cat "$tmp/out" "$tmp/err")"; fi

finish
