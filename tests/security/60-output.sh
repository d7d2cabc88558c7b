#!/bin/sh
# 60-output.sh - what uplift writes to a terminal, to Markdown and to a full
# stdout; the power and simulate limits (issue 13, finding 10's output items).
. "$(dirname "$0")/../lib.sh"

# clean FILE: no terminal control (ESC, C0 but tab/newline, DEL, C1 as byte or
# as U+0080-U+009F) and no bidi override/isolate/mark in FILE; prints the first one
clean() {
	$PY - "$1" <<'PYEOF'
import sys
b = open(sys.argv[1], "rb").read()
# a raw byte that is not UTF-8 (0x9b) decodes to U+DC80-U+DCFF
t = b.decode("utf-8", "surrogateescape")
bad = [c for c in t if (ord(c) < 0x20 and c not in "\t\n") or 0x7f <= ord(c) < 0xa0 or 0xdc80 <= ord(c) <= 0xdcff
       or 0x202a <= ord(c) <= 0x202e or 0x2066 <= ord(c) <= 0x2069 or c in "\u200e\u200f\u061c"]
if bad:
    print("first bad character: U+%04X (%d in all)" % (ord(bad[0]) if ord(bad[0]) < 0xdc00 else ord(bad[0]) - 0xdc00, len(bad)))
    sys.exit(1)
PYEOF
}

# The hostile folder: every name slot of the small fixture with ESC [ 2 J, a
# C1 CSI (U+009B), U+202E, markup and '|'.
h=$(folder hostile)
$PY - "$h" <<'PYEOF'
import sys
d = sys.argv[1]
bad = "\x1b[2J\u009b1m\u202e"
ini = open(f"{d}/experiment.ini", encoding="utf-8").read()
ini = ini.replace("name    = small", f"name    = exp{bad}<script>alert(1)</script>|n")
ini = ini.replace("[arm 8折券]", f"[arm 8折{bad}|<b>]\nlabel = lab{bad}<img src=x onerror=alert(1)>|x")
open(f"{d}/experiment.ini", "w", encoding="utf-8").write(ini)
a = open(f"{d}/assignments.csv", encoding="utf-8").read()
a = a.replace("8折券", f"8折{bad}|<b>").replace("gold", f"go{bad}|<i>ld")
a = a.replace("user_id,arm,tier,note", f"user_id,arm,ti{bad}er,note")
open(f"{d}/assignments.csv", "w", encoding="utf-8").write(a)
PYEOF
col=$($PY -c 'import sys; sys.stdout.write("ti\x1b[2J\u009b1m\u202eer")')

# finding 10: terminal escape bytes in names are printed raw (the table)
for by in "" "--by"; do
	if [ -n "$by" ]; then set -- analyze "$h" --by "$col"; else set -- analyze "$h"; fi
	if "$UPLIFT" "$@" >"$tmp/out" 2>"$tmp/err"; then
		if why=$(clean "$tmp/out"); then ok; else bad "table${by:+ --by}: control character on stdout" "$why"; fi
	else
		bad "table${by:+ --by}: exit $?" "$(cat "$tmp/err")"
	fi
done

# finding 10: Markdown from names goes raw (<script>, <img onerror>; '|' not escaped)
if "$UPLIFT" analyze "$h" --by "$col" --format markdown >"$tmp/md" 2>"$tmp/err"; then
	if why=$($PY - "$tmp/md" <<'PYEOF'
import re, sys
t = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read()
for raw in ("<script", "<img", "<b>", "<i>", "\x1b", "\u009b", "\u202e"):
    if raw in t:
        sys.exit(f"raw {raw!r} in the Markdown")
# every row of a pipe table has as many cells as its header
# the cell separators: '|' not escaped by a backslash (a "\\" pair is one escape)
cells = lambda l: len([m for m in re.finditer(r"(\\.)|\|", l) if m.group(0) == "|"])
block = None
for n, l in enumerate(t.split("\n"), 1):
    if l.startswith("|"):
        if block is None:
            block = cells(l)
        elif cells(l) != block:
            sys.exit(f"line {n}: {cells(l)} cells, header has {block}: {l[:120]}")
    else:
        block = None
if "8折" not in t or "&lt;script&gt;" not in t:
    sys.exit("the names are missing")
PYEOF
	); then ok; else bad "markdown escaping" "$why"; fi
else
	bad "markdown: exit $?" "$(cat "$tmp/err")"
fi

# finding 10: error messages quote values with control characters (C1, U+202E)
e=$(folder errvalue)
$PY - "$e" <<'PYEOF'
import sys
p = f"{sys.argv[1]}/orders.csv"
s = open(p, "rb").read().replace(b"1,c1,2026-11-16 09:00,30,0,A", b"1,c1,2026-11-16 09:00,3\xc2\x9b1m\xe2\x80\xae\x1b[2J0,0,A")
open(p, "wb").write(s)
PYEOF
for cmd in analyze validate; do
	"$UPLIFT" $cmd "$e" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc != 2 ]; then
		bad "$cmd: bad amount: exit $rc, want 2" "$(cat "$tmp/err")"
	elif ! grep -q "orders.csv:2: column 'amount': not a number" "$tmp/err"; then
		bad "$cmd: bad amount: message" "$(cat "$tmp/err")"
	elif why=$(clean "$tmp/err"); then ok; else bad "$cmd: control character on stderr" "$why"; fi
done
# ... and a --by column name that is not there (the name quoted back)
"$UPLIFT" analyze "$root/tests/fixtures/small" --by "$col" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc != 2 ] || [ -s "$tmp/out" ]; then bad "--by missing column: exit $rc" "$(cat "$tmp/err")"
elif why=$(clean "$tmp/err"); then ok; else bad "--by missing column: control character on stderr" "$why"; fi
# ... and validate's summary echoes the folder's name
v="$tmp/$($PY -c 'import sys; sys.stdout.write("v\x1b[2J\u009b1m\u202e")')"
cp -r "$root/tests/fixtures/small" "$v"
if "$UPLIFT" validate "$v" >"$tmp/out" 2>"$tmp/err" && grep -q ": ok: 11 users" "$tmp/out"; then
	if why=$(clean "$tmp/out"); then ok; else bad "validate: control character on stdout" "$why"; fi
else
	bad "validate of a folder with a hostile name" "$(cat "$tmp/err")"
fi

# finding 10: a 10 MB segment value yields 660 MB of table output (cut in
# table and Markdown with an ellipsis, whole in JSON and CSV)
big=$(folder big)
$PY - "$big" <<'PYEOF'
import sys
p = f"{sys.argv[1]}/assignments.csv"
s = open(p, encoding="utf-8").read().replace("silver", "S" * 10_000_000)
open(p, "w", encoding="utf-8").write(s)
PYEOF
for f in table markdown; do
	n=$("$UPLIFT" analyze "$big" --by tier --format $f 2>"$tmp/err" | head -c 100001 | wc -c)
	if [ "$n" -gt 0 ] && [ "$n" -le 100000 ]; then ok; else bad "10 MB value: --format $f wrote $n bytes (want 1..100000)" "$(cat "$tmp/err")"; fi
done
# ... cut with "…" at 64 columns in the table, while JSON and CSV keep it whole
if ! "$UPLIFT" analyze "$big" --by tier --format table 2>/dev/null | head -c 2000000 |
	grep -q "^S\{63\}… "; then
	bad "10 MB value: not cut at 64 columns with an ellipsis in the table"
elif ! "$UPLIFT" analyze "$big" --by tier --format json 2>"$tmp/err" | $PY -c '
import json, sys
d = json.load(sys.stdin)
vals = {c["segment"]["value"] for c in d["comparisons"] if c["segment"]}
sys.exit(0 if "S" * 10_000_000 in vals else 1)'; then
	bad "10 MB value: JSON does not keep it whole" "$(cat "$tmp/err")"
elif ! "$UPLIFT" analyze "$big" --by tier --format csv 2>/dev/null |
	$PY -c 'import sys; sys.exit(0 if ",tier," + "S" * 10_000_000 + "," in sys.stdin.read() else 1)'; then
	bad "10 MB value: CSV does not keep it whole"
else
	ok
fi

# finding 10: help/--help > /dev/full exit 0; power/validate > /dev/full exit 3 without a message
full="uplift: cannot write to standard output: No space left on device"
if [ -w /dev/full ]; then
	full_case() {
		name=$1
		shift
		"$UPLIFT" "$@" >/dev/full 2>"$tmp/err"
		rc=$?
		if [ $rc != 3 ]; then
			bad "$name > /dev/full: exit $rc, want 3" "$(cat "$tmp/err")"
		elif [ "$(tail -n 1 "$tmp/err")" != "$full" ] || [ "$(grep -c "cannot write" "$tmp/err")" != 1 ]; then
			bad "$name > /dev/full: message" "got:  $(cat "$tmp/err")
want: $full"
		else
			ok
		fi
	}
	full_case help help
	full_case "help analyze" help analyze
	full_case "analyze --help" analyze --help
	full_case --help --help
	full_case power power --baseline 0.1 --mde 0.01
	full_case "power json" power --baseline 0.1 --mde 0.01 --format json
	full_case validate validate "$root/tests/fixtures/small"
	for f in table markdown csv json; do
		full_case "analyze $f" analyze "$root/tests/fixtures/small" --format $f
	done
	full_case "analyze --by" analyze "$root/tests/fixtures/small" --by tier
	full_case segment segment "$root/tests/fixtures/rfm"
	full_case "segment json" segment "$root/tests/fixtures/rfm" --format json
else
	skip "/dev/full is not writable here: the disk-full cases of stdout"
fi
# finding 10 (the same, stdout closed): a message with strerror, exit 3
"$UPLIFT" help >&- 2>"$tmp/err"
rc=$?
if [ $rc = 3 ] && grep -q "^uplift: cannot write to standard output: Bad file descriptor$" "$tmp/err"; then ok; else bad "help >&-: exit $rc" "$(cat "$tmp/err")"; fi

# finding 10: power --baseline 0.5 --mde 1e-15 prints users_per_arm -9223372036854775808
expect power-overflow 2 "uplift: power: an effect of 1e-15 needs 3.93e+30 users per arm, more than can be counted (2^53 in all): the effect is too small to detect" -- power --baseline 0.5 --mde 1e-15 --comparisons 1
expect power-overflow-json 2 "uplift: power: an effect of 1e-15 needs 3.93e+30 users per arm, more than can be counted (2^53 in all): the effect is too small to detect" -- power --baseline 0.5 --mde 1e-15 --format json --comparisons 1
# ... and --users 5e18 printed total_users -9223372036854775808; 5000.7 gave 5000 in JSON, 5001 in the table
expect power-huge-users 2 "uplift: power: --users must be a whole number from 2 to 2^53 (see 'uplift help power')" -- power --baseline 0.5 --users 5e18 --format json
expect power-fractional-users 2 "uplift: power: --users must be a whole number from 2 to 2^53 (see 'uplift help power')" -- power --baseline 0.1 --users 5000.7
# (the same limit on users in all arms: no total beyond 2^53)
expect power-users-times-arms 2 "uplift: power: --users 9007199254740992 in 3 arms is more than 2^53 users (see 'uplift help power')" -- power --baseline 0.1 --users 9007199254740992 --arms 3

# finding 10: simulate --start 9999-12-01 writes a window ending in year 0000,
# --users 2 an arm with no users: refused, nothing written
sim_refused() {
	name=$1 want=$2
	shift 2
	rm -rf "$tmp/sim"
	expect "$name" 2 "$want" -- simulate "$tmp/sim" "$@"
	if [ -e "$tmp/sim/experiment.ini" ] || [ -e "$tmp/sim/orders.csv" ]; then bad "$name: files written"; fi
}
sim_refused sim-start-9999 "uplift: simulate: --start 9999-12-30 with --days 7: the orders run to 3 days after the window, past 9999-12-31, the last date uplift reads (latest start: 9999-12-22) (see 'uplift help simulate')" --start 9999-12-30 --users 300
sim_refused sim-start-9999-days "uplift: simulate: --start 9999-12-01 with --days 60: the orders run to 3 days after the window, past 9999-12-31, the last date uplift reads (latest start: 9999-10-30) (see 'uplift help simulate')" --start 9999-12-01 --days 60 --users 300
sim_refused sim-start-1900 "uplift: simulate: --start 1900-01-05: the history begins 120 days before it, before 1900-01-01, the first date uplift reads (see 'uplift help simulate')" --start 1900-01-05 --users 300
sim_refused sim-users-2 "uplift: simulate: --users must be a whole number from 100 to 1000000000 (fewer can leave an arm without users) (see 'uplift help simulate')" --users 2
sim_refused sim-users-fraction "uplift: simulate: --users must be a whole number from 100 to 1000000000 (fewer can leave an arm without users) (see 'uplift help simulate')" --users 150.5
sim_refused sim-days-fraction "uplift: simulate: --days must be a whole number from 1 to 365 (see 'uplift help simulate')" --days 1.5 --users 300
sim_refused sim-seed-fraction "uplift: simulate: --seed must be a whole number from 0 to 2^64 - 1 (see 'uplift help simulate')" --seed 1.5 --users 300
sim_refused sim-conversion "uplift: simulate: --conversion must be from 0.001 to 0.8 (see 'uplift help simulate')" --conversion 0.95 --users 300
# ... while the latest start that fits, and the earliest, still give a folder analyze reads
rm -rf "$tmp/sim"
if "$UPLIFT" simulate "$tmp/sim" --start 9999-12-22 --users 300 2>"$tmp/err" && "$UPLIFT" analyze "$tmp/sim" >/dev/null 2>>"$tmp/err" &&
	rm -rf "$tmp/sim" && "$UPLIFT" simulate "$tmp/sim" --start 1900-05-01 --users 300 2>>"$tmp/err" &&
	"$UPLIFT" analyze "$tmp/sim" --cuped >/dev/null 2>>"$tmp/err" &&
	! "$UPLIFT" simulate "$tmp/sim2" --start 9999-12-23 --users 300 2>/dev/null; then
	ok
else
	bad "simulate at the date limits" "$(cat "$tmp/err")"
fi

finish
