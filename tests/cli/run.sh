#!/bin/sh
# End-to-end tests of the uplift program: exit status, exact stderr, stdout.
# usage: UPLIFT=build/uplift tests/cli/run.sh
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"

ini_head='[experiment]
control = control
start = 2026-11-16
end = 2026-11-22
[arm control]
[arm 8折券]'

# ---- good runs, checked number by number against statsmodels/scipy ------------
for args in "tests/fixtures/small" "experiments/coffee-w47 --by rfm_type" \
	"experiments/coffee-w47 --by member_stage,channel --correction bh --alpha 0.1" \
	"experiments/coffee-w47 --by channel --decide conversion" \
	"experiments/coffee-w47 --by rfm_segment" "experiments/coffee-w47 --by lifecycle --decide aov" \
	"tests/fixtures/small --by tier --decide orders" \
	"experiments/coffee-w47 --cuped --by spend_level" "experiments/coffee-w47 --sequential" \
	"experiments/coffee-w47 --cuped --sequential --expected-users 20000 --by member_stage"; do
	set -- $args
	dir=$1
	shift
	if (cd "$root" && "$UPLIFT" analyze "$dir" --format json "$@") >"$tmp/j.json" 2>"$tmp/err"; then
		by=""
		case "$args" in *--by*) by="--by $(echo "$args" | sed 's/.*--by \([^ ,]*\).*/\1/')" ;; esac
		if out=$(cd "$root" && $PY tests/reference/check_json.py "$dir" "$tmp/j.json" $by 2>&1); then
			ok
			echo "$out"
		else
			bad "check_json $args" "$out"
		fi
	else
		bad "analyze $args" "$(cat "$tmp/err")"
	fi
done

# the table of the small fixture, character for character (alignment by display width)
if (cd "$root" && "$UPLIFT" analyze tests/fixtures/small) >"$tmp/table" 2>"$tmp/err" &&
	diff -u "$here/expected/small.table" "$tmp/table" >"$tmp/diff"; then ok; else bad "small.table" "$(cat "$tmp/diff" "$tmp/err")"; fi
if (cd "$root" && "$UPLIFT" analyze tests/fixtures/small --by tier --format markdown) >"$tmp/md" 2>"$tmp/err" &&
	diff -u "$here/expected/small-by-tier.md" "$tmp/md" >"$tmp/diff"; then ok; else bad "small-by-tier.md" "$(cat "$tmp/diff" "$tmp/err")"; fi
if (cd "$root" && "$UPLIFT" analyze tests/fixtures/small --format csv --metrics conversion,aov) >"$tmp/csv" 2>"$tmp/err" &&
	diff -u "$here/expected/small.csv" "$tmp/csv" >"$tmp/diff"; then ok; else bad "small.csv" "$(cat "$tmp/diff" "$tmp/err")"; fi

# ---- bad input: exit 2, one line naming file, line, column -------------------------
expect missing-folder 2 "uplift: experiment.ini: cannot open: No such file or directory" -- analyze "$tmp/nope"

d=$(folder unknown-key); printf '%s\nweigth = 2\n' "$ini_head" >"$d/experiment.ini"
expect unknown-key 2 "uplift: experiment.ini:7: unknown key 'weigth' in section [arm 8折券]" -- analyze "$d"

d=$(folder unknown-section); printf '%s\n[arms x]\n' "$ini_head" >"$d/experiment.ini"
expect unknown-section 2 "uplift: experiment.ini:7: unknown section [arms x] (expected [experiment], [arm NAME], [segments], [economics], [decision], [columns] or [metric NAME])" -- analyze "$d"

d=$(folder no-control); printf '[experiment]\ncontrol = base\nstart = 2026-11-16\nend = 2026-11-22\n[arm control]\n[arm 8折券]\n' >"$d/experiment.ini"
expect control-undefined 2 "uplift: experiment.ini:2: [experiment] control: arm 'base' is not defined (the arms: control, 8折券; or add an [arm base] section)" -- analyze "$d"

d=$(folder unknown-arm); printf 'user_id,arm\nu1,control\nu2,8折券\nu3,满80减15\n' >"$d/assignments.csv"
expect unknown-arm 2 "uplift: assignments.csv:4: column 'arm': arm '满80减15' is not defined in experiment.ini" -- analyze "$d"

d=$(folder twice); printf 'user_id,arm\nu1,control\nu2,8折券\nu1,control\n' >"$d/assignments.csv"
expect assigned-twice 2 "uplift: assignments.csv:4: column 'user_id': user 'u1' is assigned twice (lines 2 and 4); --dedupe counts such repeats once" -- analyze "$d"
printf 'user_id,arm\nu1,control\nu2,8折券\nu1,8折券\n' >"$d/assignments.csv"
expect assigned-to-two-arms 2 "uplift: assignments.csv:4: column 'user_id': user 'u1' is assigned to two arms: 'control' (line 2) and '8折券' (line 4)" -- analyze "$d"

d=$(folder empty-arm); printf 'user_id,arm\nu1,control\nu2,control\n' >"$d/assignments.csv"
expect arm-without-users 2 "uplift: assignments.csv: arm '8折券' has no users" -- analyze "$d"

d=$(folder bad-time); printf 'user_id,order_time,amount\nc1,2026-11-16,5\nc2,2026-11-31 10:00,5\n' >"$d/orders.csv"
expect bad-order-time 2 "uplift: orders.csv:3: column 'order_time': not a date/time: '2026-11-31 10:00' (expected YYYY-MM-DD[ HH:MM[:SS]], YYYY/M/D[ H:MM[:SS]] or ISO 8601 like 2026-11-22T23:30:00+08:00)" -- analyze "$d"

d=$(folder bad-amount); printf 'user_id,order_time,amount\nc1,2026-11-16,12元\n' >"$d/orders.csv"
expect bad-amount 2 "uplift: orders.csv:2: column 'amount': not a number: '12元' (write plain decimals like 1234.50)" -- analyze "$d"

d=$(folder neg-amount); printf 'user_id,order_time,amount\nc1,2026-11-16,-12\n' >"$d/orders.csv"
expect negative-amount 2 "uplift: orders.csv:2: column 'amount': negative: '-12' (a refund row? with refunds = net in [columns] of experiment.ini, refunds are netted against the user's paid value)" -- analyze "$d"

d=$(folder neg-discount); printf 'user_id,order_time,amount,discount\nc1,2026-11-16,12,-1\n' >"$d/orders.csv"
expect negative-discount 2 "uplift: orders.csv:2: column 'discount': negative: '-1'" -- analyze "$d"

d=$(folder big-discount); printf 'user_id,order_time,amount,discount\nc1,2026-11-16,12,15\n' >"$d/orders.csv"
expect discount-above-amount 2 "uplift: orders.csv:2: column 'discount': 15 is more than the amount 12" -- analyze "$d"

d=$(folder open-quote); printf 'user_id,order_time,amount\nc1,2026-11-16,12\n"c2,2026-11-17,13\nc3,2026-11-18,14\n' >"$d/orders.csv"
expect unterminated-quote 2 "uplift: orders.csv:3: unterminated quoted field: the quote opened on this line never closes" -- analyze "$d"

d=$(folder short-row); printf 'user_id,order_time,amount\nc1,2026-11-16,12\nc2,2026-11-17\n' >"$d/orders.csv"
expect short-row 2 "uplift: orders.csv:3: row has 2 fields, the header has 3" -- analyze "$d"

d=$(folder gbk); printf 'user_id,arm\nc1,control\nt1,8\325\333\310\257\n' >"$d/assignments.csv"
expect gbk-without-flag 2 "uplift: assignments.csv:3: column 'arm': not valid UTF-8 at character 2 (byte 0xD5); a spreadsheet export in Chinese? try --encoding gbk" -- analyze "$d"
if "$UPLIFT" analyze "$d" --encoding gbk --format json >/dev/null 2>&1; then ok; else bad "gbk with --encoding gbk"; fi
# analyze checks the encoding of the columns it uses; validate checks every byte
d=$(folder gbk-unused); printf 'user_id,arm,city\nc1,control,\325\333\nt1,8折券,x\n' >"$d/assignments.csv"
if "$UPLIFT" analyze "$d" --format json >/dev/null 2>&1; then ok; else bad "gbk in an unused column stops analyze"; fi
expect gbk-unused-validate 2 "uplift: assignments.csv:2: not valid UTF-8 at column 12 (byte 0xD5); a spreadsheet export in Chinese? try --encoding gbk; the rest of assignments.csv skipped
uplift: validate: 1 problem in $d (checks of assignments.csv stopped at its problem; the other files were checked)" -- validate "$d"
expect gbk-by-value 2 "uplift: assignments.csv:2: column 'city': not valid UTF-8 at character 1 (byte 0xD5); a spreadsheet export in Chinese? try --encoding gbk" -- analyze "$d" --by city
d=$(folder gbk-date); printf 'user_id,order_time,amount\nc1,2026-11-16\325,12\n' >"$d/orders.csv"
expect gbk-in-date 2 "uplift: orders.csv:2: column 'order_time': not valid UTF-8 at character 11 (byte 0xD5); a spreadsheet export in Chinese? try --encoding gbk" -- analyze "$d"

expect unknown-option 2 "uplift: analyze: unknown option '--frmat' (see 'uplift help analyze')" -- analyze --frmat json x
expect unknown-format 2 "uplift: analyze: unknown --format 'xml' (see 'uplift help analyze')" -- analyze x --format xml
d=$(folder unknown-metric)
expect unknown-metric 2 "uplift: unknown metric 'gmv' (conversion, repurchase, revenue, orders, discount, aov, amount, redemption, profit, or a [metric NAME] section of $d/experiment.ini)" -- analyze "$d" --metrics conversion,gmv
expect unknown-decide 2 "uplift: unknown --decide metric 'gmv' (a built-in metric or a [metric NAME] section of $d/experiment.ini)" -- analyze "$d" --decide gmv
expect bad-cap 2 "uplift: analyze: --cap: expected pNN (a percentile above 0, at most 100, such as p99) or a number above 0, got 'p101' (see 'uplift help analyze')" -- analyze "$d" --cap p101
expect missing-dir-arg 2 "uplift: analyze: missing the experiment folder DIR (see 'uplift help analyze')" -- analyze
expect unknown-command 2 "uplift: unknown command 'analyse' (try 'uplift help')" -- analyse x
expect by-missing 2 "uplift: assignments.csv:1: no column 'city' to break down by (--by)" -- analyze "$root/tests/fixtures/small" --by city

# regression: --by on an identifier-like column would allocate cells per value
d=$(folder many-values)
{ echo "user_id,arm,phone"; i=0; while [ $i -lt 1200 ]; do echo "u$i,control,p$i"; echo "v$i,8折券,q$i"; i=$((i + 1)); done; } >"$d/assignments.csv"
expect by-identifier-column 2 "uplift: assignments.csv:1002: column 'phone': more than 1000 distinct values: --by is for segments, not for identifiers (a column of numbers can be binned: --by phone:q4)" -- analyze "$d" --by phone

# ---- sample-ratio mismatch: warned everywhere; exit 1 only with --strict ----------
d=$(folder srm); printf '%s\n' "$ini_head" >"$d/experiment.ini"
{ echo "user_id,arm"; i=0; while [ $i -lt 300 ]; do echo "c$i,control"; i=$((i + 1)); done
  i=0; while [ $i -lt 200 ]; do echo "t$i,8折券"; i=$((i + 1)); done; } >"$d/assignments.csv"
"$UPLIFT" analyze "$d" >"$tmp/out" 2>"$tmp/err"; st=$?
if [ $st = 0 ] && head -1 "$tmp/out" | grep -q "^WARNING: sample ratio mismatch" && grep -q "warning: sample ratio mismatch" "$tmp/err"; then ok; else bad "srm warning (exit $st)"; fi
"$UPLIFT" analyze "$d" --strict --format json >"$tmp/out" 2>/dev/null; st=$?
if [ $st = 1 ] && grep -q '"mismatch": true' "$tmp/out"; then ok; else bad "srm --strict exit $st"; fi
"$UPLIFT" analyze "$d" --format csv >"$tmp/out" 2>/dev/null
if head -1 "$tmp/out" | grep -q "^# WARNING: sample ratio mismatch"; then ok; else bad "srm csv warning"; fi

# ---- outcomes.csv instead of orders.csv --------------------------------------------
d=$(folder outcomes); rm "$d/orders.csv"
printf 'user_id,orders,revenue\nc1,1,30\nc3,2,45\nc6,1,40\nt1,1,40\nt2,2,44\nt4,1,14.4\nt5,3,34\nzz,1,1\n' >"$d/outcomes.csv"
"$UPLIFT" analyze "$d" --format json >"$tmp/o.json" 2>"$tmp/err"
"$UPLIFT" analyze "$root/tests/fixtures/small" --format json --metrics conversion,repurchase,revenue,orders,aov >"$tmp/s.json"
if $PY - "$tmp/o.json" "$tmp/s.json" <<'PYEOF'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a["data"]["outcomes_unassigned"] == 1, a["data"]
assert a["comparisons"] == b["comparisons"], "outcomes.csv and orders.csv disagree"
PYEOF
then ok; else bad "outcomes.csv equals orders.csv analysis" "$(cat "$tmp/err")"; fi

# ---- segments from history.csv, user by user against pandas -------------------------
for dir in tests/fixtures/rfm experiments/coffee-w47; do
	if (cd "$root" && "$UPLIFT" segment "$dir") >"$tmp/seg.csv" 2>"$tmp/err" &&
		out=$(cd "$root" && $PY tests/reference/check_segments.py "$dir" "$tmp/seg.csv" 2>&1); then
		ok
		echo "$out"
	else
		bad "segment $dir" "$(cat "$tmp/err") $out"
	fi
done
expect segment-needs-history 2 "uplift: history.csv: cannot open: No such file or directory (segments are derived from the orders before the test)" -- segment "$root/tests/fixtures/small"
expect derived-needs-history 2 "uplift: assignments.csv:1: no column 'lifecycle' to break down by (--by); it is derived from history.csv, which the folder lacks" -- analyze "$root/tests/fixtures/small" --by lifecycle
d=$(folder derived-clash); cp "$root/tests/fixtures/rfm/history.csv" "$d/"
printf 'user_id,arm,rfm_segment\nc1,control,x\nt1,8折券,y\n' >"$d/assignments.csv"
expect derived-column-clash 2 "uplift: assignments.csv:1: column 'rfm_segment': this column is derived from history.csv; rename it in assignments.csv" -- analyze "$d"

# ---- power: users per arm as R rounds them up -------------------------------------
# (at alpha / --comparisons; the default family is tests/security/70-families.sh's)
# R: ceiling(power.prop.test(p1=.1, p2=.11, power=.8, tol=1e-12)$n) = 14751;
#    ... with sig.level=0.025 (--comparisons 2) 17863.42 -> 17864;
#    ceiling(power.t.test(delta=0.5, sd=8, power=.8, tol=1e-12)$n) = 4020;
#    power.prop.test(n=5000, p1=.1, power=.8, tol=1e-12)$p2 = 0.1174399148097978
power_json() { "$UPLIFT" power "$@" --format json | $PY -c 'import json,sys; d=json.load(sys.stdin); print(d["users_per_arm"], d["total_users"], round(d["mde_absolute"], 10))'; }
check_power() { want=$1; shift; got=$(power_json "$@"); if [ "$got" = "$want" ]; then ok; else bad "power $*" "got $got, want $want"; fi; }
check_power "14751 29502 0.01" --baseline 0.10 --mde 0.01 --comparisons 1
check_power "17864 53592 0.01" --baseline 0.10 --mde 0.1 --relative --arms 3 --comparisons 2
check_power "4020 8040 0.5" --sd 8 --mde 0.5 --comparisons 1
check_power "5000 10000 0.0174399148" --baseline 0.1 --users 5000 --comparisons 1
expect power-needs-input 2 "uplift: power: give --baseline P for a rate or --sd S for a mean (see 'uplift help power')" -- power --mde 0.01

# ---- validate: every problem, positions, a summary; nothing lost on a messy folder --
d=$(folder validate)
printf 'user_id,order_time,amount\nc1,2026-11-16,5\nc2,2026-11-31,5\nc3,2026-11-16,-3\nc4,2026-11-16,abc\nc5\n' >"$d/orders.csv"
"$UPLIFT" validate "$d" >"$tmp/out" 2>"$tmp/err"; st=$?
cat >"$tmp/want" <<WANTEOF
uplift: orders.csv:3: column 'order_time': not a date/time: '2026-11-31' (expected YYYY-MM-DD[ HH:MM[:SS]], YYYY/M/D[ H:MM[:SS]] or ISO 8601 like 2026-11-22T23:30:00+08:00)
uplift: orders.csv:4: column 'amount': negative: '-3' (a refund row? with refunds = net in [columns] of experiment.ini, refunds are netted against the user's paid value)
uplift: orders.csv:5: column 'amount': not a number: 'abc' (write plain decimals like 1234.50)
uplift: orders.csv:6: row has 1 field, the header has 3
uplift: validate: 4 problems in $d
WANTEOF
if [ $st = 2 ] && [ ! -s "$tmp/out" ] && diff "$tmp/want" "$tmp/err" >/dev/null; then ok; else bad "validate lists every problem (exit $st)" "$(diff "$tmp/want" "$tmp/err")"; fi
# a messy but valid folder: BOM, CRLF, quoted newlines, a repeated assignment, an
# order exported twice, orders outside the window and of strangers; every row counted
d=$(folder messy)
printf '\357\273\277user_id,arm,note\r\nc1,control,"a\r\nb"\r\nt1,8折券,x\r\nc1,control,again\r\nt2,8折券,"q ""x"""\r\n' >"$d/assignments.csv"
printf 'order_id,user_id,order_time,amount,discount,channel\r\n1,c1,2026-11-16,10,0,"小程序, 门店"\r\n1,c1,2026-11-16,10,0,dup\r\n2,t1,2026-11-20 09:30,20,4,x\r\n3,t1,2026-11-25,20,0,late\r\n4,zz,2026-11-18,9,0,stranger\r\n5,t2,2026-11-10,9,0,early\r\n' >"$d/orders.csv"
if "$UPLIFT" analyze "$d" --dedupe --format json >"$tmp/m.json" 2>"$tmp/err" && $PY - "$tmp/m.json" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))["data"]
assert d["assignments_read"] == 4 and d["assignments_duplicate"] == 1 and d["users"] == 3, d
assert d["orders_read"] == 6, d
assert d["orders_in_window"] == 2 and d["orders_duplicate"] == 1, d
assert d["orders_outside_window"] == 2 and d["orders_unassigned"] == 1, d
assert d["orders_read"] == d["orders_in_window"] + d["orders_outside_window"] + d["orders_unassigned"] + d["orders_duplicate"]
assert d["users"] + d["assignments_duplicate"] == d["assignments_read"]
PYEOF
then ok; else bad "nothing lost on a messy folder" "$(cat "$tmp/err")"; fi
"$UPLIFT" validate "$d" --dedupe >"$tmp/out" 2>"$tmp/err"
if grep -q "ok: 3 users in 2 arms (4 assignment rows, 1 repeated); 6 order rows: 2 in the window, 2 outside it, 1 of unassigned users, 1 repeated" "$tmp/out"; then ok; else bad "validate ok summary" "$(cat "$tmp/out" "$tmp/err")"; fi

# ---- report: the weekly-review pack ------------------------------------------------
pack="$tmp/pack"
if "$UPLIFT" report "$root/experiments/coffee-w47" --out "$pack" >"$tmp/out" 2>"$tmp/err"; then ok; else bad "report" "$(cat "$tmp/err")"; fi
if $PY - "$pack" "$root/experiments/coffee-w47" <<'PYEOF'
import csv, json, os, struct, subprocess, sys
pack, exp = sys.argv[1], sys.argv[2]
doc = json.load(open(f"{pack}/summary.json"))
# summary.json is exactly analyze's JSON (same segments as the report's default)
ana = json.loads(subprocess.run([os.environ.get("UPLIFT", "build/uplift"), "analyze", exp, "--format", "json",
                                 "--by", "rfm_segment,lifecycle"], capture_output=True, text=True).stdout)
assert doc == ana, "summary.json differs from analyze --format json"
charts = ["forest", "rates", "daily", "basket", "segments-1", "segments-2"]
for c in charts:
    for ext in ("gp", "dat", "png", "svg"):
        assert os.path.getsize(f"{pack}/{c}.{ext}") > 0, f"{c}.{ext}"
    head = open(f"{pack}/{c}.png", "rb").read(24)
    w, h = struct.unpack(">II", head[16:24])
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and w >= 1200 and h >= 750, f"{c}.png is {w}x{h}"
    assert b"<svg" in open(f"{pack}/{c}.svg", "rb").read(400), f"{c}.svg"
# the data files hold the numbers of summary.json
rows = [l.rstrip("\n").split("\t") for l in open(f"{pack}/forest.dat", encoding="utf-8")][1:]
# every tested overall comparison is a row (coupon cost is described, not tested)
want = [c for c in doc["comparisons"] if c["segment"] is None
        and c["metric"] not in ("discount", "amount", "redemption")]
assert len(rows) == len(want), (len(rows), len(want))
for r, c in zip(rows, want):
    assert r[1] == f'{c["arm"]} · {c["metric"]}', r
    if c["lift_ci_low"] is None:
        assert r[2] == "NaN", r
        continue
    assert abs(float(r[2]) - 100 * c["lift"]) < 1e-5, r
    assert int(r[5]) == int(c["significant"])
# rates.dat: a row per metric, per arm its value, low, high
rates = [l.rstrip("\n").split("\t") for l in open(f"{pack}/rates.dat", encoding="utf-8")]
conv = dict(zip(rates[0][1::3], rates[1][1::3]))
low = dict(zip(rates[0][1::3], rates[1][2::3]))
for arm in doc["arms"]:
    assert abs(float(conv[arm["arm"]]) - 100 * arm["metrics"]["conversion"]["value"]) < 1e-5
    assert abs(float(low[arm["arm"]]) - 100 * arm["metrics"]["conversion"]["ci_low"]) < 1e-5
# comparisons.csv has one row per comparison and per head-to-head pair
assert sum(1 for _ in csv.DictReader(open(f"{pack}/comparisons.csv", encoding="utf-8"))) == \
    len(doc["comparisons"]) + len(doc["pairs"])
md = open(f"{pack}/report.md", encoding="utf-8").read()
for arm in doc["arms"]:
    assert arm["arm"] in md, arm["arm"]
for c in doc["comparisons"]:
    if c["segment"]:
        assert c["segment"]["value"] in md, c["segment"]["value"]
for c in charts:
    assert f"]({c}.png)" in md, c
assert not [f for f in os.listdir(pack) if f.startswith(".")], "temporary files left behind"
PYEOF
then ok; else bad "report pack contents"; fi
# each script runs on its own from the pack folder
if (cd "$pack" && rm -f forest.png && gnuplot forest.gp && test -s forest.png && gnuplot segments-1.gp); then ok; else bad "gnuplot forest.gp on its own"; fi
# a re-run replaces the pack: charts that are no longer drawn disappear
touch "$pack/segments-7.png" "$pack/segments-7.gp"
if "$UPLIFT" report "$root/experiments/coffee-w47" --out "$pack" --by spend_level --lang zh >/dev/null 2>"$tmp/err" &&
	[ ! -e "$pack/segments-2.gp" ] && [ ! -e "$pack/segments-7.png" ] && [ -s "$pack/segments-1.png" ] &&
	grep -q "结论" "$pack/report.md"; then ok; else bad "report re-run" "$(cat "$tmp/err"; ls "$pack")"; fi
# without gnuplot: scripts and data, a hint, no images
nognu="$tmp/nognu"; mkdir -p "$nognu"; ln -s "$(command -v env)" "$nognu/env"
if PATH="$nognu" "$UPLIFT" report "$root/tests/fixtures/small" --out "$tmp/pack2" >/dev/null 2>"$tmp/err" &&
	grep -q "gnuplot is not installed" "$tmp/err" && [ -s "$tmp/pack2/forest.gp" ] && [ ! -e "$tmp/pack2/forest.png" ] &&
	grep -q "gnuplot NAME.gp" "$tmp/pack2/report.md"; then ok; else bad "report without gnuplot" "$(cat "$tmp/err")"; fi
# an unusable --out: exit 2, a message, nothing written
printf 'x' >"$tmp/afile"
expect report-bad-out 2 "uplift: --out $tmp/afile: cannot use it as the pack folder: Not a directory" -- report "$root/tests/fixtures/small" --out "$tmp/afile"
expect report-bad-out-parent 2 "uplift: --out $tmp/afile/sub: cannot use it as the pack folder: Not a directory" -- report "$root/tests/fixtures/small" --out "$tmp/afile/sub"
expect report-bad-input 2 "uplift: experiment.ini: cannot open: No such file or directory" -- report "$tmp/nope" --out "$tmp/pack3"
if [ ! -e "$tmp/pack3" ]; then ok; else bad "report wrote into --out on bad input"; fi

# ---- help and the generator ------------------------------------------------------
if "$UPLIFT" help analyze | grep -q -- "--correction" && "$UPLIFT" analyze --help | grep -q "usage: uplift analyze"; then ok; else bad help; fi
"$UPLIFT" simulate "$tmp/sim1" --users 2000 --seed 9 && "$UPLIFT" simulate "$tmp/sim2" --users 2000 --seed 9
if [ "$(cd "$tmp/sim1" && cat ./*.csv ./*.ini | md5sum)" = "$(cd "$tmp/sim2" && cat ./*.csv ./*.ini | md5sum)" ]; then ok; else bad "simulate is not reproducible"; fi
"$UPLIFT" simulate "$tmp/sim3" --users 2000 --seed 10
if [ "$(cat "$tmp/sim1/orders.csv" | md5sum)" != "$(cat "$tmp/sim3/orders.csv" | md5sum)" ]; then ok; else bad "simulate ignores the seed"; fi

# ---- the scripts of one topic each: tests/cli/NN-topic.sh (their own summary line) ----
for t in "$here"/[0-9]*.sh; do
	[ -f "$t" ] || continue
	if UPLIFT="$UPLIFT" sh "$t"; then ok; else bad "$(basename "$t")"; fi
done

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
