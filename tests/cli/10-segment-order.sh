#!/bin/sh
# Segment order, --control and experiment.ini's control line and [decision]
# (issue 15), end to end:
#   - `analyze --by` lists segment values in the contract's order: the RFM
#     table's and the lifecycle's for the derived columns, numbers as
#     numbers otherwise (Hillstrom's recency 1..12, history_segment
#     "1) $0 - $100" .. "7) $1,000 +"), in the table and the JSON alike;
#   - `analyze --stats` on the statistics of the same folder, its rows in
#     reverse, gives the same order;
#   - `--control ARM` compares with ARM (checked by check_json.py against a
#     copy of the folder whose experiment.ini names ARM), an unknown ARM is
#     exit 2 listing the arms, for analyze and report;
#   - an undefined `control =` and bad [decision] lines name file, line, key.
# usage: UPLIFT=build/uplift sh tests/cli/10-segment-order.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

coffee="$root/experiments/coffee-w47"

# segment_values JSON: "column=value" of the comparisons' segments, in order, once each
segment_values() {
	$PY -c '
import json, sys
seen = []
for c in json.load(open(sys.argv[1]))["comparisons"]:
    s = c["segment"]
    if s and (s["column"], s["value"]) not in seen:
        seen.append((s["column"], s["value"]))
print("\n".join(f"{c}={v}" for c, v in seen))' "$1"
}

# table_rows COLUMN: the first field of the rows of the first "By COLUMN" table on stdin
table_rows() {
	awk -v col="$1" '
		index($0, "By " col " ") == 1 && !done { inside = 1; next }
		inside && /^─/ { rows = 1; next }
		rows && (NF == 0 || /^heterogeneity/) { exit }
		rows { print $1 }'
}

# ---- the derived columns: the tables' order ---------------------------------------
want_rfm='rfm_segment=重要价值客户
rfm_segment=重要发展客户
rfm_segment=重要保持客户
rfm_segment=重要挽留客户
rfm_segment=一般价值客户
rfm_segment=一般发展客户
rfm_segment=一般保持客户
rfm_segment=一般挽留客户
rfm_segment=无消费记录
rfm_grade=A
rfm_grade=B
rfm_grade=C
rfm_grade=-
lifecycle=潜在用户
lifecycle=新用户
lifecycle=活跃用户
lifecycle=忠实用户
lifecycle=休眠用户'
if "$UPLIFT" analyze "$coffee" --by rfm_segment,rfm_grade,lifecycle --metrics revenue --format json \
	>"$tmp/rfm.json" 2>"$tmp/err" && [ "$(segment_values "$tmp/rfm.json")" = "$want_rfm" ]; then ok; else
	bad "rfm_segment, rfm_grade, lifecycle in the tables' order" "$(cat "$tmp/err"; segment_values "$tmp/rfm.json")"
fi
if "$UPLIFT" analyze "$coffee" --by lifecycle --metrics revenue >"$tmp/lc.table" 2>"$tmp/err" &&
	[ "$(table_rows lifecycle <"$tmp/lc.table" | tr '\n' ' ')" = "潜在用户 新用户 活跃用户 忠实用户 休眠用户 " ]; then ok; else
	bad "lifecycle table rows" "$(cat "$tmp/err"; table_rows lifecycle <"$tmp/lc.table")"
fi
# uplift segment's counts list the stages in the same order
if "$UPLIFT" segment "$coffee" 2>"$tmp/seg.err" >/dev/null &&
	grep -q '^lifecycle: 潜在用户 [0-9]* 新用户 [0-9]* 活跃用户 [0-9]* 忠实用户 [0-9]* 休眠用户 [0-9]*$' "$tmp/seg.err"; then ok; else
	bad "segment: lifecycle counts in order" "$(cat "$tmp/seg.err")"
fi

# ---- numbers as numbers: Hillstrom's columns ------------------------------------------
hill=${HILLSTROM:-$root/../shared/data/hillstrom/hillstrom.csv}
if [ -r "$hill" ]; then
	h="$tmp/hillstrom"
	mkdir -p "$h"
	# one user per row (ids and dates made up: the data has none), the visit
	# and the spend as outcomes
	$PY - "$hill" "$h" <<'PYEOF'
import csv, sys
src, out = sys.argv[1:3]
with open(src, newline="") as f, open(f"{out}/assignments.csv", "w", newline="") as a, \
        open(f"{out}/outcomes.csv", "w", newline="") as o:
    wa, wo = csv.writer(a, lineterminator="\n"), csv.writer(o, lineterminator="\n")
    wa.writerow(["user_id", "arm", "recency", "history_segment", "zip_code"])
    wo.writerow(["user_id", "converted", "revenue"])
    for i, r in enumerate(csv.DictReader(f)):
        wa.writerow([f"h{i + 1}", r["segment"], r["recency"], r["history_segment"], r["zip_code"]])
        wo.writerow([f"h{i + 1}", r["conversion"], r["spend"]])
PYEOF
	printf '[experiment]\nname = Hillstrom\ncontrol = No E-Mail\nstart = 2008-03-01\nend = 2008-03-14\n[arm No E-Mail]\n[arm Mens E-Mail]\n[arm Womens E-Mail]\n' >"$h/experiment.ini"
	want_h='recency=1
recency=2
recency=3
recency=4
recency=5
recency=6
recency=7
recency=8
recency=9
recency=10
recency=11
recency=12
history_segment=1) $0 - $100
history_segment=2) $100 - $200
history_segment=3) $200 - $350
history_segment=4) $350 - $500
history_segment=5) $500 - $750
history_segment=6) $750 - $1,000
history_segment=7) $1,000 +
zip_code=Rural
zip_code=Surburban
zip_code=Urban'
	by=recency,history_segment,zip_code
	if "$UPLIFT" analyze "$h" --by $by --format json >"$tmp/h.json" 2>"$tmp/err" &&
		[ "$(segment_values "$tmp/h.json")" = "$want_h" ]; then ok; else
		bad "hillstrom: values in order (json)" "$(cat "$tmp/err"; segment_values "$tmp/h.json")"
	fi
	if "$UPLIFT" analyze "$h" --by $by --metrics conversion >"$tmp/h.table" 2>"$tmp/err" &&
		[ "$(table_rows recency <"$tmp/h.table" | tr '\n' ' ')" = "1 2 3 4 5 6 7 8 9 10 11 12 " ] &&
		[ "$(table_rows history_segment <"$tmp/h.table" | tr '\n' ' ')" = "1) 2) 3) 4) 5) 6) 7) " ]; then ok; else
		bad "hillstrom: table rows in order" "$(cat "$tmp/err"; table_rows recency <"$tmp/h.table")"
	fi
	# the statistics of the folder, rows reversed (a warehouse's own order): the same order
	# and the same numbers as the folder
	if "$UPLIFT" aggregate "$h" --by $by >"$tmp/h.csv" 2>"$tmp/err"; then
		{ head -n 1 "$tmp/h.csv"; tail -n +2 "$tmp/h.csv" | sort -r; } >"$tmp/h-rev.csv"
		if "$UPLIFT" analyze "$h" --stats "$tmp/h-rev.csv" --by $by --format json >"$tmp/hs.json" 2>"$tmp/err" &&
			[ "$(segment_values "$tmp/hs.json")" = "$want_h" ] &&
			PYTHONPATH="$root/tests/reference" $PY - "$tmp/h.json" "$tmp/hs.json" >"$tmp/diff" <<'PYEOF'
import json, sys
from same_numbers import walk
raw, st = (json.load(open(p)) for p in sys.argv[1:3])
bad = []
walk(raw["comparisons"], st["comparisons"], "comparisons", bad)
print("\n".join(bad[:10]))
sys.exit(1 if bad else 0)
PYEOF
		then ok; else
			bad "hillstrom: --stats in the folder's order" "$(cat "$tmp/err" "$tmp/diff"; segment_values "$tmp/hs.json")"
		fi
	else
		bad "hillstrom: aggregate" "$(cat "$tmp/err")"
	fi
else
	skip "hillstrom: $hill not found"
fi

# ---- --control ARM ------------------------------------------------------------------
# the same folder with experiment.ini naming 8折券 as the control is what
# check_json.py computes the comparisons from
c="$tmp/coffee-8"
mkdir -p "$c"
for f in assignments.csv orders.csv history.csv; do ln -s "$coffee/$f" "$c/$f"; done
sed 's/^control *=.*/control = 8折券/' "$coffee/experiment.ini" >"$c/experiment.ini"
if "$UPLIFT" analyze "$coffee" --control 8折券 --by spend_level --format json >"$tmp/ctl.json" 2>"$tmp/err" &&
	out=$($PY "$root/tests/reference/check_json.py" "$c" "$tmp/ctl.json" --by spend_level 2>&1) &&
	$PY -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["experiment"]["control"] == "8折券", d["experiment"]
assert {c["arm"] for c in d["comparisons"]} == {"control", "满80减15"}
' "$tmp/ctl.json"; then ok; echo "$out"; else bad "--control 8折券" "$(cat "$tmp/err"; echo "${out:-}")"; fi
# the table says which arm it compares with
if "$UPLIFT" analyze "$coffee" --control 满80减15 --metrics revenue >"$tmp/ctl.table" 2>"$tmp/err" &&
	grep -q "control: 满80减15" "$tmp/ctl.table"; then ok; else bad "--control in the table" "$(cat "$tmp/err" "$tmp/ctl.table")"; fi
expect control-unknown 2 "uplift: --control: '对照组' is not an arm of experiment.ini (the arms: control, 8折券, 满80减15)" -- analyze "$coffee" --control 对照组
expect control-unknown-report 2 "uplift: --control: 'nope' is not an arm of experiment.ini (the arms: control, 8折券, 满80减15)" -- report "$coffee" --control nope --out "$tmp/pack"
if [ ! -e "$tmp/pack" ]; then ok; else bad "report wrote a pack for an unknown --control"; fi
if "$UPLIFT" help analyze | grep -q -- "--control ARM" && "$UPLIFT" help report | grep -q -- "--control ARM"; then ok; else bad "--control in help"; fi

# ---- experiment.ini: the control line, [decision] -----------------------------------
d=$(folder control-undefined)
printf '[experiment]\nstart = 2026-11-16\nend = 2026-11-22\ncontrol = 对照组\n[arm control]\n[arm 8折券]\n' >"$d/experiment.ini"
expect control-undefined 2 "uplift: experiment.ini:4: [experiment] control: arm '对照组' is not defined (the arms: control, 8折券; or add an [arm 对照组] section)" -- analyze "$d"

d=$(folder decision-ok)
printf '\n[decision]\nmetric = conversion\nguardrails = aov -5%%, revenue 0\n' >>"$d/experiment.ini"
if "$UPLIFT" analyze "$d" >/dev/null 2>"$tmp/err"; then ok; else bad "[decision] accepted" "$(cat "$tmp/err")"; fi
n=$(wc -l <"$d/experiment.ini")
printf 'guardrails = aov -5\n' >"$tmp/g"
sed '$d' "$d/experiment.ini" >"$tmp/ini" && cat "$tmp/ini" "$tmp/g" >"$d/experiment.ini"
expect decision-margin 2 "uplift: experiment.ini:$n: [decision] guardrails: the margin '-5' without % is a fraction (-5 = -500%); write -5% for percent" -- analyze "$d"
sed '$d' "$d/experiment.ini" >"$tmp/ini" && { cat "$tmp/ini"; echo "guardrails = discount 0"; } >"$d/experiment.ini"
expect decision-untested 2 "uplift: experiment.ini:$n: [decision] guardrails: discount describes the coupon's cost: it is reported, never tested, so it cannot be a guardrail (expected conversion, repurchase, revenue, orders, aov, profit or a [metric NAME])" -- analyze "$d"
d=$(folder decision-profit)
grep -v 'economics\|gross_margin' "$d/experiment.ini" >"$tmp/ini"
{ cat "$tmp/ini"; printf '[decision]\nmetric = profit\n'; } >"$d/experiment.ini"
n=$(wc -l <"$d/experiment.ini")
expect decision-profit 2 "uplift: experiment.ini:$n: [decision] metric: profit needs [economics] gross_margin (profit = gross_margin x amount - discount)" -- analyze "$d"

finish
