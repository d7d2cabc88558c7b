#!/bin/sh
# 11-chart-limits.sh - issue 13, finding 7 (chart part): `report` on small
# data, and on more rows than one image can hold.
#
# A chart with nothing to draw is skipped with a note in report.md naming it
# and why; one with too many rows or arms shows the first ones and says so.
# Either way the report exits 0, and every PNG is within cairo's 32,767 px.
. "$(dirname "$0")/../lib.sh"

if ! command -v gnuplot >/dev/null 2>&1; then
	skip "gnuplot is not installed: the chart limits need it"
	finish
	exit $?
fi

# gen DIR ARMS USERS-PER-ARM [COLUMN VALUES] [END]: a folder of ARMS arms
# (a0000 the control), every other control user and two of three treated
# users (of each value) buying once; COLUMN, when given, takes VALUES values round robin
gen() {
	$PY - "$@" <<'PYEOF'
import os, sys
dst, arms, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
col = sys.argv[4] if len(sys.argv) > 4 and sys.argv[4] else None
values = int(sys.argv[5]) if len(sys.argv) > 5 else 0
end = sys.argv[6] if len(sys.argv) > 6 else "2026-11-22"
os.makedirs(dst)
with open(f"{dst}/experiment.ini", "w") as f:
    f.write(f"[experiment]\nname = limits\ncontrol = a0000\nstart = 2026-11-16\nend = {end}\n")
    for a in range(arms):
        f.write(f"\n[arm a{a:04d}]\nweight = 1\n" + ("" if a == 0 else "percent_off = 10\n"))
with open(f"{dst}/assignments.csv", "w") as asg, open(f"{dst}/orders.csv", "w") as orders:
    asg.write("user_id,arm" + (f",{col}" if col else "") + "\n")
    orders.write("order_id,user_id,order_time,amount,discount,store\n")
    n = 0
    for a in range(arms):
        for j in range(per):
            n += 1
            asg.write(f"u{n},a{a:04d}" + (f",v{j % values}" if col else "") + "\n")
            k = j // values if values else j  # the same buyers in every value
            if (k % 2 == 0) if a == 0 else (k % 3 != 0):
                day = 16 + j % 7
                orders.write(f"{n},u{n},2026-11-{day} 10:00,{20 + (j % 7) * 10},0,A\n")
PYEOF
}

# report NAME DIR WANT [ARGS...]: exit 0, WANT (a fixed string) in report.md,
# and every PNG of the pack within cairo's limit
report() {
	name=$1 dir=$2 want=$3
	shift 3
	pack="$tmp/pack-$name"
	"$UPLIFT" report "$dir" --out "$pack" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != 0 ]; then
		bad "$name: exit $rc, want 0" "$(head -c 1500 "$tmp/err")"
	elif [ ! -s "$pack/report.md" ]; then
		bad "$name: no report.md"
	elif ! grep -qF -- "$want" "$pack/report.md"; then
		bad "$name: report.md does not say: $want" "$(sed -n '/^## Charts/,/^## Results/p' "$pack/report.md" | head -40)"
	elif ! out=$($PY - "$pack" <<'PYEOF'
import glob, struct, sys
for f in sorted(glob.glob(sys.argv[1] + "/*.png")):
    head = open(f, "rb").read(24)
    w, h = struct.unpack(">II", head[16:24])
    if head[:8] != b"\x89PNG\r\n\x1a\n" or not (0 < w < 32767 and 0 < h < 32767):
        print(f"{f}: {w}x{h}")
        sys.exit(1)
PYEOF
	); then
		bad "$name: a PNG beyond cairo's limit" "$out"
	else
		ok
	fi
}

# finding 7: a 100-user folder (its segment charts have no cell to draw)
"$UPLIFT" simulate "$tmp/u100" --users 100 --seed 1 >/dev/null
report users-100 "$tmp/u100" "Not drawn: no segment has enough users and buyers"

# finding 7: a folder without orders: no forest, no daily, no basket
d=$(folder no-orders)
head -n 1 "$d/orders.csv" >"$d/o" && mv "$d/o" "$d/orders.csv"
report no-orders "$d" "Not drawn: there are no orders in the test window."
report no-orders-forest "$d" "### Relative change vs control, with 95% intervals

Not drawn: no comparison has an interval"
if [ ! -e "$tmp/pack-no-orders/forest.gp" ] && [ ! -e "$tmp/pack-no-orders/basket.png" ]; then
	ok
else
	bad "no-orders: files of a skipped chart were written"
fi

# finding 7: a control without conversions
d=$(folder control-0)
grep -v ',c[0-9],' "$d/orders.csv" >"$d/o" && mv "$d/o" "$d/orders.csv"
report control-no-conversions "$d" "Not drawn: no comparison has an interval"

# finding 7: --by a 1,000-value column leaves no segment to draw
gen "$tmp/v1000" 2 2000 store 1000
report by-1000-values "$tmp/v1000" "Not drawn: no segment has enough users and buyers" --by store

# finding 7: --by a 400-value column: 400 rows, more than one image shows
gen "$tmp/v400" 2 12800 store 400
report by-400-values "$tmp/v400" "Showing the first 200 of 400 rows; every row is in comparisons.csv." --by store

# finding 7: 1,000 arms (cairo refused the 1,000-row forest: exit 3)
gen "$tmp/a1000" 1000 4
report arms-1000 "$tmp/a1000" "Showing the first 200 of"
report arms-1000-rates "$tmp/a1000" "Showing 40 of 1000 arms (the control and the first 39 others)"

# finding 7: 100 arms; the daily chart draws 8 of them and says so (it was dropped silently)
gen "$tmp/a100" 100 4
report arms-100 "$tmp/a100" "Showing 8 of 100 arms (the control and the first 7 others)"
if [ -s "$tmp/pack-arms-100/daily.png" ] && [ -s "$tmp/pack-arms-100/basket.png" ]; then
	ok
else
	bad "arms-100: the daily or basket chart is not drawn"
fi

# finding 7: a window of 100 days: the daily chart was dropped silently above 64
gen "$tmp/days100" 2 20 "" 0 2027-02-23
if "$UPLIFT" report "$tmp/days100" --out "$tmp/pack-days100" >/dev/null 2>"$tmp/err" &&
	[ -s "$tmp/pack-days100/daily.png" ]; then
	ok
else
	bad "days-100: the daily chart is not drawn" "$(cat "$tmp/err")"
fi
# ... and above 366 days it is not drawn, with a note
gen "$tmp/days400" 2 20 "" 0 2027-12-20
report days-400 "$tmp/days400" "Not drawn: the window has 400 days, more than the 366 this chart draws."
# finding 7 (no row dropped silently): coffee-w47's small RFM cells (重要发展客户 has
# a control of 26 users) are rows of segments-1 marked "too few", with a note saying how many
report small-cells-noted "$root/experiments/coffee-w47" "Rows without an estimate (too few users or buyers), marked in the chart: 2." --by rfm_segment
finish
