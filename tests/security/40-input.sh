#!/bin/sh
# 40-input.sh - issue 13's input findings: UTF-8 checked in every field
# analyze uses (finding 5, the CSV half), CR-only line ends and the header
# check's time (finding 10), and a row of outcomes.csv counted before it
# is checked.
. "$(dirname "$0")/../lib.sh"
hint='a spreadsheet export in Chinese? try --encoding gbk'

# same_json NAME WANT GOT: the two JSON files are the same
same_json() {
	if cmp -s "$2" "$3"; then ok; else bad "$1: JSON differs" "$(diff "$2" "$3" | head -5)"; fi
}

# gbk FILE: FILE converted from UTF-8 (without its byte order mark) to GBK, in place
gbk() {
	sed '1s/^\xEF\xBB\xBF//' "$1" | iconv -f utf-8 -t gbk >"$1.gbk" && mv "$1.gbk" "$1"
}

# zh NAME [FIXTURE]: a copy of the fixture (small or rfm) whose user ids are
# Chinese (c1 -> 用户1, t1 -> 客户1, u1 -> 会员1, others -> 路人), UTF-8 without BOM
zh() {
	d=$(folder "$1" "${2:-small}")
	for f in "$d"/*.csv; do
		sed -i '1s/^\xEF\xBB\xBF//; s/\(^\|,\)c\([0-9]\)\(,\|$\)/\1用户\2\3/;
			s/\(^\|,\)t\([0-9]\)\(,\|$\)/\1客户\2\3/; s/\(^\|,\)u\([0-9]\)\(,\|$\)/\1会员\2\3/;
			s/\(^\|,\)x\([0-9]\)\(,\|$\)/\1路人\2\3/' "$f"
	done
	echo "$d"
}

# ---- finding 5 (CSV half): UTF-8 in every field analyze uses ---------------

utf8=$(zh utf8)
"$UPLIFT" analyze "$utf8" --format json >"$tmp/utf8.json" 2>"$tmp/err" ||
	bad "fixture: the UTF-8 folder with Chinese ids does not analyze" "$(cat "$tmp/err")"
grep -q '"orders_unassigned": 1' "$tmp/utf8.json" || bad "fixture: Chinese ids not matched"

# finding 5: a GBK orders.csv with Chinese user ids was read as orders of
# unassigned users (conversion 0 everywhere, exit 0); now refused like validate
d=$(zh gbk-orders)
gbk "$d/orders.csv"
expect gbk-orders 2 "uplift: orders.csv:2: column 'user_id': not valid UTF-8 at character 1 (byte 0xD3); $hint" -- analyze "$d"
expect gbk-orders-json 2 "uplift: orders.csv:2: column 'user_id': not valid UTF-8 at character 1 (byte 0xD3); $hint" -- analyze "$d" --format json

# finding 5: the whole folder in GBK, read with --encoding gbk, gives the
# UTF-8 folder's analysis to the byte (a companion of gbk-orders: the hint
# is the way out)
d=$(zh gbk-all)
gbk "$d/orders.csv"
gbk "$d/assignments.csv"
if "$UPLIFT" analyze "$d" --encoding gbk --format json >"$tmp/gbk.json" 2>"$tmp/err"; then
	same_json gbk-all-encoding "$tmp/utf8.json" "$tmp/gbk.json"
else
	bad "gbk-all-encoding: exit $?" "$(cat "$tmp/err")"
fi

# finding 5: a GBK user id in the middle of orders.csv: the line is named
d=$(zh gbk-orders-late)
$PY - "$d/orders.csv" <<'EOF'
import sys
p = sys.argv[1]
lines = open(p, 'rb').read().split(b'\n')
lines[9] = lines[9].replace('客户4'.encode(), '客户4'.encode('gbk'))
open(p, 'wb').write(b'\n'.join(lines))
EOF
expect gbk-orders-line-10 2 "uplift: orders.csv:10: column 'user_id': not valid UTF-8 at character 1 (byte 0xBF); $hint" -- analyze "$d"

# finding 5: a GBK order_id (orders.csv), used to find repeated orders
d=$(folder gbk-order-id)
sed -i 's/^7,t2,/订单7,t2,/' "$d/orders.csv"
$PY - "$d/orders.csv" <<'EOF'
import sys
p = sys.argv[1]
t = open(p, 'rb').read()
open(p, 'wb').write(t.replace('订单7'.encode(), '订单7'.encode('gbk')))
EOF
expect gbk-order-id 2 "uplift: orders.csv:8: column 'order_id': not valid UTF-8 at character 1 (byte 0xB6); $hint" -- analyze "$d"

# finding 5: history.csv in GBK: its orders were all of unassigned users
# (no RFM, no CUPED covariate), exit 0
d=$(zh gbk-history rfm)
gbk "$d/history.csv"
expect gbk-history 2 "uplift: history.csv:2: column 'user_id': not valid UTF-8 at character 1 (byte 0xBB); $hint" -- analyze "$d"
expect gbk-history-by 2 "uplift: history.csv:2: column 'user_id': not valid UTF-8 at character 1 (byte 0xBB); $hint" -- analyze "$d" --by rfm_segment

# finding 5: outcomes.csv in GBK: every row was of an unassigned user
d=$(zh gbk-outcomes)
rm "$d/orders.csv"
printf 'user_id,orders,revenue\n用户1,1,30\n客户1,2,40\n' >"$d/outcomes.csv"
gbk "$d/outcomes.csv"
expect gbk-outcomes 2 "uplift: outcomes.csv:2: column 'user_id': not valid UTF-8 at character 1 (byte 0xD3); $hint" -- analyze "$d"

# finding 5: GBK in an arm value of assignments.csv (guard: refused before
# this issue too, the message must stay the same)
d=$(folder gbk-arm)
gbk "$d/assignments.csv"
expect gbk-arm 2 "uplift: assignments.csv:9: column 'arm': not valid UTF-8 at character 2 (byte 0xD5); $hint" -- analyze "$d"

# finding 5: GBK in a --by column's value, the arms in UTF-8 (guard, as gbk-arm)
d=$(folder gbk-by)
$PY - "$d/assignments.csv" <<'EOF'
import sys
p = sys.argv[1]
t = open(p, 'rb').read()
open(p, 'wb').write(t.replace(b',silver,', ',银卡,'.encode('gbk')))
EOF
expect gbk-by 2 "uplift: assignments.csv:4: column 'tier': not valid UTF-8 at character 1 (byte 0xD2); $hint" -- analyze "$d" --by tier

# ---- finding 10: CR-only line ends ---------------------------------------

# finding 10: a CR-only orders.csv (old Mac export) was one line: read with
# every row on line 1 (an error in row 12 reported at line 1); now refused,
# naming the line
d=$(folder cr-only)
tr '\n' '\r' <"$root/tests/fixtures/small/orders.csv" >"$d/orders.csv"
cr="line ends with a carriage return alone (CR only, the old Mac format); save the file with LF or CRLF line ends"
expect cr-only 2 "uplift: orders.csv:1: $cr" -- analyze "$d"
expect cr-only-validate 2 "uplift: orders.csv:1: $cr; orders.csv skipped
uplift: validate: 1 problem in $d (checks of orders.csv stopped at its problem; the other files were checked)" -- validate "$d"

# finding 10: a CR-only assignments.csv longer than the read block (300 KB):
# refused at line 1 before it is read whole
d=$(folder cr-only-long)
$PY - "$d/assignments.csv" <<'EOF'
import sys
rows = ['user_id,arm'] + ['c%d,control' % i for i in range(1, 15001)] + ['t%d,8折券' % i for i in range(1, 15001)]
open(sys.argv[1], 'w').write('\r'.join(rows) + '\r')
EOF
expect cr-only-long 2 "uplift: assignments.csv:1: $cr" -- analyze "$d"

# finding 10: one lone CR in an LF file ends a row mid-line: named at its line
d=$(folder cr-lone)
$PY - "$d/orders.csv" <<'EOF'
import sys
p = sys.argv[1]
lines = open(p, 'rb').read().split(b'\n')
lines[6] = lines[6] + b'\r' + lines[7]
del lines[7]
open(p, 'wb').write(b'\n'.join(lines))
EOF
expect cr-lone-line-7 2 "uplift: orders.csv:7: $cr" -- analyze "$d"

# finding 10 (guard): CRLF files and a CR inside a quoted field still read,
# to the same analysis
d=$(folder crlf)
sed -i 's/$/\r/' "$d/orders.csv"
sed -i 's/"plain"/"a\rb"/' "$d/assignments.csv"
"$UPLIFT" analyze "$root/tests/fixtures/small" --format json >"$tmp/small.json" 2>/dev/null
if "$UPLIFT" analyze "$d" --format json >"$tmp/crlf.json" 2>"$tmp/err"; then
	same_json crlf-and-quoted-cr "$tmp/small.json" "$tmp/crlf.json"
else
	bad "crlf-and-quoted-cr: exit $?" "$(cat "$tmp/err")"
fi

# ---- finding 10: the header check is linear ------------------------------

# wide NAME COLUMNS [DUP]: the rfm fixture's users, with COLUMNS columns in
# assignments.csv (empty values); with DUP, the last column is named c5 again
wide() {
	d=$(folder "$1" rfm)
	rm "$d/history.csv"
	sed -i 's/^\[experiment\]$/&\nname = wide/' "$d/experiment.ini"
	$PY - "$d/assignments.csv" "$2" "${3:-}" <<'EOF'
import sys
p, n, dup = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rows = [l.split(',') for l in open(p, encoding='utf-8').read().split('\n')[1:] if l]
names = ['user_id', 'arm'] + ['c%d' % i for i in range(3, n + 1)]
if dup:
    names[-1] = 'c5'
with open(p, 'w', encoding='utf-8') as f:
    f.write(','.join(names) + '\n')
    for r in rows:
        f.write(r[0] + ',' + r[1] + ',' * (n - 2) + '\n')
EOF
	echo "$d"
}
d=$(folder rfm-narrow rfm)
rm "$d/history.csv"
sed -i 's/^\[experiment\]$/&\nname = wide/' "$d/experiment.ini"
"$UPLIFT" analyze "$d" --format json >"$tmp/narrow.json" 2>/dev/null

# finding 10: 100,000 columns took 24 s
d=$(wide wide-100k 100000)
expect_within 20 wide-100k 0 "" -- analyze "$d" --format json
same_json wide-100k-json "$tmp/narrow.json" "$tmp/out"
# finding 10: a duplicate name at the end of 100,000 was found after 24 s
d=$(wide wide-100k-dup 100000 dup)
expect_within 20 wide-100k-dup 2 "uplift: assignments.csv:1: column 'c5' appears twice in the header (fields 5 and 100000)" -- analyze "$d"

# finding 10: 1,000,000 columns took more than 10 minutes
d=$(wide wide-1m 1000000)
expect_within 20 wide-1m 0 "" -- analyze "$d" --format json
same_json wide-1m-json "$tmp/narrow.json" "$tmp/out"
d=$(wide wide-1m-dup 1000000 dup)
expect_within 20 wide-1m-dup 2 "uplift: assignments.csv:1: column 'c5' appears twice in the header (fields 5 and 1000000)" -- analyze "$d"
expect_within 20 wide-1m-dup-validate 2 "uplift: assignments.csv:1: column 'c5' appears twice in the header (fields 5 and 1000000); assignments.csv skipped
uplift: validate: 1 problem in $d (checks of assignments.csv stopped at its problem; the other files were checked)" -- validate "$d"
rm -rf "$tmp"/wide-*

finish
