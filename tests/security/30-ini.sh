#!/bin/sh
# experiment.ini (issue 13, finding 6, the ini half of finding 5, and the
# arm count limit of finding 10): lines and names of any length, duplicate
# keys and sections, NUL bytes, invalid UTF-8 and --encoding gbk, the arm
# limit, the control's line.
. "$(dirname "$0")/../lib.sh"

ini=experiment.ini
head='[experiment]
name    = small
control = control
start   = 2026-11-16
end     = 2026-11-22'

# json_check NAME DIR PYTHON-EXPR [ARGS]: analyze DIR --format json exits 0
# and the expression over the document d is true
json_check() {
	name=$1 d=$2 expr=$3
	shift 3
	if ! "$UPLIFT" analyze "$d" --format json "$@" >"$tmp/out.json" 2>"$tmp/err"; then
		bad "$name: analyze failed" "$(cat "$tmp/err")"
	elif "$PY" -c "import json,sys; d=json.load(open(sys.argv[1], encoding='utf-8')); sys.exit(0 if ($expr) else 1)" "$tmp/out.json" 2>"$tmp/py"; then
		ok
	else
		bad "$name: $expr" "$(cat "$tmp/py" "$tmp/out.json" | head -c 600)"
	fi
}

# gbk FROM TO: FROM (UTF-8, with or without a BOM) saved as GBK
gbk() {
	"$PY" -c 'import sys; open(sys.argv[2], "wb").write(open(sys.argv[1], encoding="utf-8-sig").read().encode("gbk"))' "$1" "$2"
}

# finding 6: a 190-character label followed by "weight = 7" on the same
# line is one label (libinih's 200-byte buffer split it and set the weight)
d=$(folder long-label)
label=$("$PY" -c 'print("L" * 190)')
printf '%s\n[arm control]\nlabel = %s weight = 7\n[arm 8折券]\npercent_off = 20\n' \
	"$head" "$label" >"$d/$ini"
json_check long-label-weight "$d" "abs(d['srm']['chi2'] - 1/11) < 1e-9"

# finding 6: a 70-character Chinese experiment name (210 bytes) is read
# whole (it was refused, at a wrong line)
d=$(folder long-name)
zh=$("$PY" -c 'print("咖" * 70)')
sed "s/^name    = small/name = $zh/" "$root/tests/fixtures/small/$ini" >"$d/$ini"
json_check long-chinese-name "$d" "d['experiment']['name'] == '咖' * 70"

# finding 6: a 60-character arm name (180 bytes, over libinih's 50-byte
# section) appears whole, with its keys (they went to a cut phantom arm)
d=$(folder long-arm)
arm=$("$PY" -c 'print("券" * 60)')
sed "s/8折券/$arm/" "$root/tests/fixtures/small/$ini" >"$d/$ini"
sed "s/8折券/$arm/" "$root/tests/fixtures/small/assignments.csv" >"$d/assignments.csv"
json_check long-arm-name "$d" "[a['arm'] for a in d['arms']] == ['control', '券' * 60] and d['comparisons'][0]['arm'] == '券' * 60"

# finding 6: an arm name over the stated limit (1024 bytes) is refused,
# naming its line
d=$(folder huge-arm)
big=$("$PY" -c 'print("a" * 1025)')
printf '%s\n[arm control]\n[arm %s]\n' "$head" "$big" >"$d/$ini"
expect arm-name-limit 2 "uplift: $ini:7: arm name of 1025 bytes is too long (at most 1024)" -- analyze "$d"

# finding 6: a key given twice in one section is an error naming both lines
d=$(folder dup-key)
printf '%s\ncontrol = 8折券\n[arm control]\n[arm 8折券]\n' "$head" >"$d/$ini"
expect duplicate-key 2 "uplift: $ini:6: key 'control' is given twice (first at line 3)" -- analyze "$d"

# finding 6: a second [experiment] changed the control, exit 0
d=$(folder dup-section)
printf '%s\n[arm control]\n[arm 8折券]\n[experiment]\ncontrol = 8折券\n' "$head" >"$d/$ini"
expect duplicate-experiment 2 "uplift: $ini:8: section [experiment] is given twice (first at line 1)" -- analyze "$d"

# finding 6: a second [arm X] names both lines
d=$(folder dup-arm)
printf '%s\n[arm control]\n[arm 8折券]\nweight = 1\n[arm control]\nweight = 3\n' "$head" >"$d/$ini"
expect duplicate-arm 2 "uplift: $ini:9: arm 'control' is defined twice (first at line 6)" -- analyze "$d"

# finding 6: a NUL byte is an error naming the line (it cut the value)
d=$(folder nul)
printf '[experiment]\nname = sm\000all\ncontrol = control\nstart = 2026-11-16\nend = 2026-11-22\n[arm control]\n[arm 8折券]\n' >"$d/$ini"
expect nul-byte 2 "uplift: $ini:2: NUL byte at column 10 (a binary file, or UTF-16? save as UTF-8)" -- analyze "$d"

# finding 5 (ini half): a GBK experiment.ini with a GBK assignments.csv
# gave exit 0 and a JSON without its experiment object; without --encoding
# it is refused with the CSV files' message and hint ...
d=$(folder gbk)
gbk "$root/tests/fixtures/small/$ini" "$d/$ini"
gbk "$root/tests/fixtures/small/assignments.csv" "$d/assignments.csv"
expect gbk-ini 2 "uplift: $ini:11: not valid UTF-8 at column 7 (byte 0xD5); a spreadsheet export in Chinese? try --encoding gbk" -- analyze "$d" --format json
expect gbk-ini-validate 2 "uplift: $ini:11: not valid UTF-8 at column 7 (byte 0xD5); a spreadsheet export in Chinese? try --encoding gbk
uplift: validate: 1 problem in $d (checks stopped at the last one)" -- validate "$d"
# ... and the hint is true: --encoding gbk converts the ini too
json_check gbk-ini-encoding "$d" "d['experiment']['name'] == 'small' and [a['arm'] for a in d['arms']] == ['control', '8折券'] and len(d['comparisons']) > 0" --encoding gbk
# a guard rather than a regression (it passes before the fix too): a UTF-8
# ini beside GBK exports is still read as UTF-8 with --encoding gbk
d=$(folder gbk-csv-only)
gbk "$root/tests/fixtures/small/assignments.csv" "$d/assignments.csv"
json_check utf8-ini-encoding-gbk "$d" "[a['arm'] for a in d['arms']] == ['control', '8折券']" --encoding gbk
# text valid in neither encoding names the line
d=$(folder not-gbk)
printf '%s\n[arm control]\nlabel = \377\377\n[arm 8折券]\n' "$head" >"$d/$ini"
expect not-gbk 2 "uplift: $ini:7: text is not valid GBK (check --encoding)" -- analyze "$d" --encoding gbk

# finding 10: more than 65,535 arms (a 16-bit arm index) is refused,
# naming the limit, at the section of arm 65,536
d=$(folder many-arms)
"$PY" - "$d/$ini" <<'EOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("[experiment]\ncontrol = a0\nstart = 2026-11-16\nend = 2026-11-22\n")
    for i in range(65536):
        f.write("[arm a%d]\n" % i)
EOF
expect too-many-arms 2 "uplift: $ini:65540: too many arms (at most 65535)" -- analyze "$d"

# finding 6: a control naming an arm that does not exist names the line of
# the control key
d=$(folder missing-control)
printf '[experiment]\nstart = 2026-11-16\nend = 2026-11-22\ncontrol = 对照组\n[arm control]\n[arm 8折券]\n' >"$d/$ini"
expect control-missing-line 2 "uplift: $ini:4: [experiment] control: arm '对照组' is not defined (the arms: control, 8折券; or add an [arm 对照组] section)" -- analyze "$d"

# finding 6, a guard rather than a regression (it passes before the fix
# too): the new reader keeps the dialect the files use: a BOM, CRLF,
# full-line ';' and '#' comments, inline ';' comments, ':' as the separator
d=$(folder dialect)
printf '\357\273\277# comment\r\n[experiment]   ; inline\r\nname: small\r\ncontrol = control ; the control\r\nstart = 2026-11-16\r\nend = 2026-11-22\r\n; x\r\n[arm control]\r\n[arm 8折券]\r\npercent_off = 20\r\n' >"$d/$ini"
json_check bom-crlf-comments "$d" "d['experiment']['name'] == 'small' and d['experiment']['control'] == 'control'"

finish
