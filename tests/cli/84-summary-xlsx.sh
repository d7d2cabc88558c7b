#!/bin/sh
# 84-summary-xlsx.sh - the pack's summary.xlsx read back with openpyxl
# (Debian python3-openpyxl) and held against its summary.json by
# tests/reference/check_xlsx.py: coffee-w47 in English (the default --by of
# a folder with history.csv: rfm_segment, lifecycle) and in Chinese with
# --by rfm_segment,spend_level, and a seeded folder with hostile names: arms
# named =1+1 and [x:y*? (an arm cannot hold "]"), a label
# =HYPERLINK("http://x"), the experiment named +cmd|' /C calc'!A0, a segment
# value [x]:y*?, and --by columns whose names have / [ ] ? \ and ' in 40
# characters (two of them alike in their first 31, two alike but for case).
# usage: UPLIFT=build/uplift sh tests/cli/84-summary-xlsx.sh (run by tests/cli/run.sh);
# XLSX_PART=hostile: the hostile names only (tests/security/66-xlsx.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

check=$root/tests/reference/check_xlsx.py
if ! $PY -c 'import openpyxl' 2>/dev/null; then
	skip "python3-openpyxl is not installed"
	finish
	exit $?
fi

# check NAME PACK LANG COLUMN...: the workbook against the JSON
check() {
	name=$1
	shift
	if out=$($PY "$check" "$@" 2>&1); then
		ok
		echo "$name: $(echo "$out" | tr '\n' ';' | sed 's/ agree with summary.json//g')"
	else bad "$name" "$out"; fi
}

# ---- coffee-w47, English and Chinese -------------------------------------------
if [ "${XLSX_PART:-all}" != hostile ]; then
if (cd "$root" && "$UPLIFT" report experiments/coffee-w47 --out "$tmp/en") >/dev/null 2>"$tmp/err" &&
	[ -s "$tmp/en/summary.xlsx" ]; then
	check "coffee-w47 en" "$tmp/en" en rfm_segment lifecycle
else bad "report coffee-w47" "$(cat "$tmp/err")"; fi
if (cd "$root" && "$UPLIFT" report experiments/coffee-w47 --out "$tmp/zh" --lang zh \
	--by rfm_segment,spend_level) >/dev/null 2>"$tmp/err" && [ -s "$tmp/zh/summary.xlsx" ]; then
	check "coffee-w47 zh" "$tmp/zh" zh rfm_segment spend_level
else bad "report coffee-w47 --lang zh" "$(cat "$tmp/err")"; fi

# the small fixture (few users: null intervals and p-values, empty cells) and a
# folder without [economics] (no economics sheet, as the JSON has none)
if (cd "$root" && "$UPLIFT" report tests/fixtures/small --by tier --out "$tmp/small") >/dev/null 2>"$tmp/err" &&
	$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if any(c["p_value"] is None for c in d["comparisons"]) else 1)' "$tmp/small/summary.json"; then
	check "small --by tier" "$tmp/small" en tier
else bad "report small" "$(cat "$tmp/err")"; fi
"$UPLIFT" simulate "$tmp/ne" --users 3000 --seed 5 --no-history >/dev/null 2>&1
sed -i '/\[economics\]/,$d' "$tmp/ne/experiment.ini"
if "$UPLIFT" report "$tmp/ne" --by channel --out "$tmp/ne-pack" --lang zh >/dev/null 2>"$tmp/err"; then
	check "no economics, zh" "$tmp/ne-pack" zh channel
else bad "report without economics" "$(cat "$tmp/err")"; fi

# what a reader sees first: the sheets, the control arm by its label in Chinese, the formats
if out=$($PY - "$tmp/en/summary.xlsx" "$tmp/zh/summary.xlsx" 2>&1 <<'PYEOF'
import sys
import openpyxl
en, zh = (openpyxl.load_workbook(p) for p in sys.argv[1:3])
assert en.sheetnames == ["decision", "arms", "effects", "pairs", "economics", "by rfm_segment",
                         "by lifecycle"], en.sheetnames
assert zh.sheetnames == ["结论", "各组", "对比对照组", "两两对比", "券的经济账", "分群-RFM 分群",
                         "分群-消费水平"], zh.sheetnames
assert en["arms"]["B2"].value == "control" and en["arms"]["C2"].value == "不触达"
assert zh["各组"]["B2"].value == "不触达" and zh["各组"]["C2"].value == "control"
assert zh["各组"]["E2"].value == "转化率" and zh["各组"]["F2"].number_format == "0.0%"
assert [c.value for c in zh["对比对照组"][1]][:4] == ["实验", "组", "指标", "对照人数"]
assert zh["对比对照组"]["O2"].number_format == "0.0000"  # p
assert zh["券的经济账"]["C2"].number_format == "#,##0.00"  # coupon cost per user
# the widths follow the widest cell, a Chinese character counting two
w = zh["各组"].column_dimensions["A"].width
name = zh["各组"]["A2"].value  # T咖啡 会员发券 2026-W47: 6 wide characters, 13 narrow
assert w >= 2 * 6 + 13, (w, name)
PYEOF
); then ok; else bad "sheets, labels and formats" "$out"; fi
fi

# ---- hostile names -------------------------------------------------------------
h=$tmp/hostile
"$UPLIFT" simulate "$h" --users 4000 --seed 3 >/dev/null 2>"$tmp/err" || bad "simulate" "$(cat "$tmp/err")"
col=$($PY - "$h" <<'PYEOF'
import csv, sys
d = sys.argv[1]
col = "'渠道/[x]?\\"
col += "x" * (40 - len(col))
ini = open(f"{d}/experiment.ini", encoding="utf-8").read()
ini = ini.replace("[arm 8折券]", "[arm =1+1]").replace("[arm 满80减15]", "[arm [x:y*?]")
ini = ini.replace("name    = T咖啡 会员发券 2026-W47", "name    = +cmd|' /C calc'!A0")
ini = ini.replace("label  = 不触达", 'label  = =HYPERLINK("http://x")')
open(f"{d}/experiment.ini", "w", encoding="utf-8").write(ini)
rows = list(csv.reader(open(f"{d}/assignments.csv", encoding="utf-8")))
rows[0][rows[0].index("channel")] = col
i, j = rows[0].index(col), rows[0].index("spend_level")
rows[0] += [col[:-1] + "y", "SPEND_LEVEL"]
for r in rows[1:]:
    r[1] = {"8折券": "=1+1", "满80减15": "[x:y*?"}.get(r[1], r[1])
    r[j] = "[x]:y*?" if r[j] == "低客单" else r[j]
    r += [r[i], r[j]]
csv.writer(open(f"{d}/assignments.csv", "w", encoding="utf-8", newline=""),
           lineterminator="\n").writerows(rows)
print(col)
PYEOF
)
for lang in en zh; do
	if "$UPLIFT" report "$h" --out "$tmp/h-$lang" --lang $lang --by "$col,${col%x}y,spend_level,SPEND_LEVEL" \
		>/dev/null 2>"$tmp/err"; then
		check "hostile $lang" "$tmp/h-$lang" $lang "$col" "${col%x}y" spend_level SPEND_LEVEL
	else bad "report hostile $lang" "$(cat "$tmp/err")"; fi
done
if out=$($PY - "$tmp/h-en/summary.xlsx" "$tmp/h-zh/summary.xlsx" 2>&1 <<'PYEOF'
import sys
import openpyxl
en, zh = (openpyxl.load_workbook(p) for p in sys.argv[1:3])
# the names cut to 31 characters, "_" for []/?\, the second of two alike with ~2
assert en.sheetnames[5:] == ["by '渠道__x___xxxxxxxxxxxxxxxxxxx", "by '渠道__x___xxxxxxxxxxxxxxxxx~2",
                             "by spend_level", "by SPEND_LEVEL~2"], en.sheetnames
assert zh.sheetnames[5:] == ["分群-'渠道__x___xxxxxxxxxxxxxxxxxxx", "分群-'渠道__x___xxxxxxxxxxxxxxxxx~2",
                             "分群-消费水平", "分群-SPEND_LEVEL"], zh.sheetnames
assert all(len(n) == 31 for n in en.sheetnames[5:7] + zh.sheetnames[5:7])
arms = {c.value for c in en["effects"]["B"][1:]}
assert arms == {"=1+1", "[x:y*?"}, arms
for wb in (en, zh):
    for ws in wb.worksheets:
        for row in ws.iter_rows(min_row=2):
            for c in row:
                if isinstance(c.value, str) and c.value[:1] in "=+-@[":
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value, c.data_type)
assert en["arms"]["A2"].value == "+cmd|' /C calc'!A0"
assert zh["各组"]["B2"].value == '=HYPERLINK("http://x")' and zh["各组"]["B2"].data_type == "s"
assert "[x]:y*?" in {c.value for c in en["by spend_level"]["B"][1:]}
PYEOF
); then ok; else bad "hostile names are text, sheet names legal" "$out"; fi
# nothing left behind: no temporary of the workbook in the pack
if ls -A "$tmp/h-en" | grep -q '^\.'; then bad "hidden files in the pack" "$(ls -A "$tmp/h-en")"; else ok; fi

finish
