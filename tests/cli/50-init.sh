# 50-init.sh - uplift init DIR (issue 16, item 5): the experiment.ini it
# writes for a copy of coffee-w47 without its ini analyzes to the original's
# numbers (after the one edit a user makes: the gross margin it cannot
# know); it never overwrites; --control; the control not recognised; a
# folder of bare exports with Chinese headers gets a [columns] section (the
# round trip through analyze is 51-init-columns.sh); GBK; headers and arm
# names the ini cannot hold.
# usage: UPLIFT=build/uplift sh tests/cli/50-init.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

coffee="$root/experiments/coffee-w47"
fresh() { # fresh NAME: coffee-w47 without experiment.ini
	rm -rf "$tmp/$1"
	mkdir -p "$tmp/$1"
	cp "$coffee"/*.csv "$tmp/$1/"
	echo "$tmp/$1"
}

# ---- coffee-w47 without its ini: init, then analyze gives the original's numbers ----
d=$(fresh w47)
"$UPLIFT" init "$d" >"$tmp/out" 2>"$tmp/err"; st=$?
want="wrote $d/experiment.ini: 3 arms, control 'control', 2026-11-16 to 2026-11-22 (the days with a discount); check it, then run: uplift analyze $d"
if [ $st = 0 ] && [ "$(cat "$tmp/out")" = "$want" ] && [ ! -s "$tmp/err" ]; then ok; else bad "init coffee-w47 (exit $st)" "$(cat "$tmp/out" "$tmp/err")"; fi
if grep -qx 'control = control   ; recognised by its name' "$d/experiment.ini" &&
	grep -q '^start   = 2026-11-16 .*first day with a discount' "$d/experiment.ini" &&
	grep -q '^end     = 2026-11-22 .*last day with a discount' "$d/experiment.ini" &&
	grep -q '^\[arm control\]   ; 9,891 users$' "$d/experiment.ini" &&
	grep -q '^\[arm 8折券\]   ; 10,118 users$' "$d/experiment.ini" &&
	grep -q '^percent_off = 20 .*guessed from the discounts' "$d/experiment.ini" &&
	grep -q '^min_spend   = 80 .*guessed' "$d/experiment.ini" &&
	grep -q '^amount_off  = 15 .*guessed' "$d/experiment.ini" &&
	! grep -q '^\[columns\]' "$d/experiment.ini"; then ok; else bad "coffee-w47 ini contents" "$(cat "$d/experiment.ini")"; fi
# the arms' user counts against pandas
counts=$($PY -c 'import pandas as pd, sys; print(" ".join(f"{a}={n}" for a, n in pd.read_csv(sys.argv[1]).arm.value_counts().sort_index().items()))' "$coffee/assignments.csv")
got=$(sed -n 's/^\[arm \(.*\)\]   ; \([0-9,]*\) users$/\1=\2/p' "$d/experiment.ini" | tr -d , | sort | tr '\n' ' ' | sed 's/ $//')
if [ "$got" = "$counts" ]; then ok; else bad "user counts" "init: $got; pandas: $counts"; fi
# the window against pandas: the first and last day of a discounted order of a coupon arm
window=$($PY - "$coffee" <<'PYEOF'
import pandas as pd, sys
o = pd.read_csv(f"{sys.argv[1]}/orders.csv").merge(pd.read_csv(f"{sys.argv[1]}/assignments.csv"), on="user_id")
days = o[(o.discount > 0) & (o.arm != "control")].order_time.str[:10]
print(days.min(), days.max())
PYEOF
)
if [ "$window" = "2026-11-16 2026-11-22" ]; then ok; else bad "window by pandas" "$window"; fi
# analyze: the numbers of the original ini; the only edit is the gross margin
printf '\n[economics]\ngross_margin = 0.6\n' >>"$d/experiment.ini"
if "$UPLIFT" analyze "$d" --format json --by rfm_segment >"$tmp/a.json" 2>"$tmp/err" &&
	"$UPLIFT" analyze "$coffee" --format json --by rfm_segment >"$tmp/b.json" &&
	$PY - "$tmp/a.json" "$tmp/b.json" <<'PYEOF'
import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert a["experiment"].pop("name") == "w47"
b["experiment"].pop("name")
for arm in b["arms"]:
    arm.pop("label", None)
for arm in a["arms"]:
    assert arm.pop("label", None) is None
assert a == b, "init's ini analyzes to other numbers than the original"
assert [x["arm"] for x in a["arms"]] == ["control", "8折券", "满80减15"]
PYEOF
then ok; else bad "analyze of init's ini = the original" "$(cat "$tmp/err")"; fi
# nothing but experiment.ini appeared (no temporary left behind)
if [ "$(ls -A "$d" | tr '\n' ' ')" = "assignments.csv experiment.ini history.csv orders.csv " ]; then ok; else bad "files left in the folder" "$(ls -A "$d")"; fi

# ---- never overwrites -----------------------------------------------------------
sum=$(md5sum <"$d/experiment.ini")
expect refuses-overwrite 2 "uplift: $d/experiment.ini: already exists; init never overwrites it (move it away to write a new one)" -- init "$d"
if [ "$(md5sum <"$d/experiment.ini")" = "$sum" ]; then ok; else bad "experiment.ini changed by a refused init"; fi
# a dangling symlink in its place counts as existing (nothing written through it)
d=$(fresh link); ln -s "$tmp/elsewhere.ini" "$d/experiment.ini"
expect refuses-symlink 2 "uplift: $d/experiment.ini: already exists; init never overwrites it (move it away to write a new one)" -- init "$d"
if [ ! -e "$tmp/elsewhere.ini" ]; then ok; else bad "wrote through a symlink"; fi

# ---- --control ----------------------------------------------------------------------
d=$(fresh ctl)
if "$UPLIFT" init "$d" --control 8折券 >/dev/null 2>"$tmp/err" &&
	grep -qx 'control = 8折券   ; given with --control' "$d/experiment.ini" &&
	[ "$(sed -n 's/^\[arm \(.*\)\].*/\1/p' "$d/experiment.ini" | tr '\n' ' ')" = "8折券 满80减15 control " ] &&
	"$UPLIFT" analyze "$d" --format json >"$tmp/c.json" 2>>"$tmp/err" &&
	$PY -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["experiment"]["control"] == "8折券", d["experiment"]' "$tmp/c.json"; then ok; else bad "--control 8折券" "$(cat "$tmp/err" "$d/experiment.ini")"; fi
d=$(fresh ctl-bad)
expect control-unknown 2 "uplift: --control: 'ctrl' is not an arm of assignments.csv (the arms: 8折券, 满80减15, control)" -- init "$d" --control ctrl
if [ ! -e "$d/experiment.ini" ]; then ok; else bad "an ini was written after an unknown --control"; fi

# ---- the control not recognised by its name: the first arm, said twice ------------
d=$(fresh noctl)
sed 's/,control,/,A组,/' "$coffee/assignments.csv" >"$d/assignments.csv"
"$UPLIFT" init "$d" >/dev/null 2>"$tmp/err"; st=$?
if [ $st = 0 ] && grep -q "^uplift: init: warning: no arm is named like a control .*the first, '8折券'" "$tmp/err" &&
	grep -qx 'control = 8折券   ; NOT recognised by its name: the first arm, check it' "$d/experiment.ini"; then ok; else bad "control not recognised (exit $st)" "$(cat "$tmp/err")"; fi
# and the names init recognises, whatever their case and spacing
for name in 对照组 不触达 Holdout CTRL "Control (no coupon)" 对照组（不发券）; do
	d=$(fresh named)
	sed "s/,control,/,$name,/" "$coffee/assignments.csv" >"$d/assignments.csv"
	if "$UPLIFT" init "$d" >/dev/null 2>"$tmp/err" && grep -qx "control = $name   ; recognised by its name" "$d/experiment.ini"; then ok; else bad "control named $name" "$(cat "$tmp/err")"; fi
done

# ---- bare exports with Chinese headers: [columns] ------------------------------------
$PY "$root/tests/reference/pos_export.py" "$coffee" "$tmp/pos"
"$UPLIFT" init "$tmp/pos" >/dev/null 2>"$tmp/err"; st=$?
cat >"$tmp/want" <<'WANTEOF'
[columns]
user_id    = 会员ID
arm        = 分组
order_time = 下单时间
amount     = 订单金额   ; the value before the discount
paid       = 实付金额   ; the value after the discount
discount   = 优惠金额
order_id   = 订单号
; assignments.csv: other columns (segments for --by): 渠道, 客户类型,
;   会员阶段, 消费水平
; orders.csv: not read (ignored): 门店
; history.csv: not read (ignored): 门店
WANTEOF
sed -n '/^\[columns\]/,/^; history.csv/p' "$tmp/pos/experiment.ini" >"$tmp/got"
if [ $st = 0 ] && [ ! -s "$tmp/err" ] && diff -u "$tmp/want" "$tmp/got" >"$tmp/diff"; then ok; else bad "[columns] of the POS export (exit $st)" "$(cat "$tmp/err" "$tmp/diff")"; fi
# the rest of it is coffee-w47's: YYYY/M/D H:MM times give the same window, the same guesses
if [ "$(grep -v -e '^;' -e '^$' -e '^name ' "$tmp/pos/experiment.ini" | sed '/^\[columns\]/,/^order_id/d')" = \
	"$(grep -v -e '^;' -e '^$' -e '^name ' "$tmp/w47/experiment.ini" | sed '/^\[economics\]/,$d')" ]; then ok; else bad "POS export: other values than coffee-w47's" "$(cat "$tmp/pos/experiment.ini")"; fi

# ---- GBK: --encoding gbk reads the same exports; the ini is UTF-8 ------------------------
$PY "$root/tests/reference/pos_export.py" "$coffee" "$tmp/gbk" --gbk
expect gbk-without-flag 2 "uplift: assignments.csv:1: not valid UTF-8 at column 1 (byte 0xBB); a spreadsheet export in Chinese? try --encoding gbk" -- init "$tmp/gbk"
if "$UPLIFT" init "$tmp/gbk" --encoding gbk >/dev/null 2>"$tmp/err" &&
	[ "$(sed 's/^name .*//;s/ of gbk\.$//;s/ of pos\.$//' "$tmp/gbk/experiment.ini")" = "$(sed 's/^name .*//;s/ of gbk\.$//;s/ of pos\.$//' "$tmp/pos/experiment.ini")" ] &&
	iconv -f UTF-8 -t UTF-8 "$tmp/gbk/experiment.ini" >/dev/null; then ok; else bad "--encoding gbk" "$(cat "$tmp/err")"; fi

# ---- what the ini cannot hold is refused, never written broken ----------------------------
d=$(fresh semi)
sed '1s/^user_id,arm/user_id,分组;组别/' "$coffee/assignments.csv" >"$d/assignments.csv"
if "$UPLIFT" init "$d" >/dev/null 2>"$tmp/err"; then bad "arm column with ';' was not refused"; else ok; fi
grep -q "no column recognised as the arm (the headers: user_id, 分组;组别, channel" "$tmp/err" && ok || bad "header with ';'" "$(cat "$tmp/err")"
d=$(fresh semi2)
sed '1s/^user_id,order_time,amount,discount/user_id,order_time,amount,discount;x/' "$coffee/orders.csv" >"$d/orders.csv"
printf 'user_id,arm\nu1,control\nu2,8折券\n' >"$d/assignments.csv"
rm "$d/history.csv"
# a synonym with ';' in a unit: "优惠金额(元;含券)" is recognised, but cannot be written
sed '1s/^user_id,order_time,amount,discount;x/user_id,order_time,amount,优惠金额(元;含券)/' "$d/orders.csv" >"$d/o" && mv "$d/o" "$d/orders.csv"
if "$UPLIFT" init "$d" >/dev/null 2>"$tmp/err" &&
	grep -qx '; discount   = ?   ; the header "优惠金额(元;含券)" cannot be written in experiment.ini (; = \[ \] or blanks at its ends): rename the column' "$d/experiment.ini" &&
	! grep -q '^discount' "$d/experiment.ini"; then ok; else bad "a header the ini cannot hold" "$(cat "$tmp/err" "$d/experiment.ini")"; fi
d=$(fresh bracket)
printf 'user_id,arm\nu1,control\nu2,"a]b"\n' >"$d/assignments.csv"
expect arm-name-bracket 2 "uplift: assignments.csv:3: column 'arm': the arm 'a]b' cannot be named in experiment.ini ([arm NAME] holds no ']', control character or blank at either end, and at most 1024 bytes): rename it" -- init "$d"
d=$(fresh newline)
printf 'user_id,arm\nu1,control\nu2,"a\nb"\n' >"$d/assignments.csv"
if "$UPLIFT" init "$d" >/dev/null 2>"$tmp/err"; then bad "an arm with a line end was written"; else ok; fi
[ ! -e "$d/experiment.ini" ] && ok || bad "an ini was written for an arm it cannot hold"

# a header with a line end, a bracket and a key inside lands in a comment, on one line
d=$(fresh inject)
printf 'user_id,order_time,amount,"note\n[arm evil]\nweight = 9"\nM00000001,2026-11-16,5,x\n' >"$d/orders.csv"
if "$UPLIFT" init "$d" >/dev/null 2>"$tmp/err" && ! grep -q -e '^\[arm evil\]' -e '^weight = 9' "$d/experiment.ini" &&
	grep -qx '; orders.csv: not read (ignored): note \[arm evil\] weight = 9' "$d/experiment.ini" &&
	[ "$(grep -c '^\[arm ' "$d/experiment.ini")" = 3 ]; then ok; else bad "a header with line ends" "$(cat "$tmp/err" "$d/experiment.ini")"; fi

# ---- outcomes.csv: no dates to guess, start and end left to the user ------------------------
d=$(fresh outc); rm "$d/orders.csv" "$d/history.csv"
printf '用户ID,订单数,消费金额,是否购买,visit\nM00000001,1,30,1,1\n' >"$d/outcomes.csv"
sed '1s/^user_id,arm/用户ID,实验组/' "$coffee/assignments.csv" >"$d/assignments.csv"
if "$UPLIFT" init "$d" >/dev/null 2>"$tmp/err" &&
	grep -q '^; start = YYYY-MM-DD .*optional with outcomes.csv' "$d/experiment.ini" &&
	grep -qx 'user_id    = 用户ID' "$d/experiment.ini" && grep -qx 'arm        = 实验组' "$d/experiment.ini" &&
	grep -qx 'orders     = 订单数' "$d/experiment.ini" && grep -qx 'revenue    = 消费金额' "$d/experiment.ini" &&
	grep -qx 'converted  = 是否购买' "$d/experiment.ini" &&
	grep -q '^; outcomes.csv: not recognised (ignored unless a \[metric\] section reads it): visit$' "$d/experiment.ini"; then ok; else bad "outcomes.csv" "$(cat "$tmp/err" "$d/experiment.ini")"; fi

# ---- real data: Hillstrom's e-mail test as a CRM's two exports ----------------------------
hill=/work/shared/data/hillstrom/hillstrom.csv
[ -r "$hill" ] || hill="$root/../shared/data/hillstrom/hillstrom.csv"
if [ -r "$hill" ]; then
	$PY "$root/tests/reference/hillstrom_folder.py" "$hill" "$tmp/hill"
	"$UPLIFT" init "$tmp/hill" >/dev/null 2>"$tmp/err"; st=$?
	counts=$($PY -c 'import pandas as pd, sys; print(" ".join(f"{a}={n}" for a, n in pd.read_csv(sys.argv[1]).segment.value_counts().sort_index().items()))' "$hill")
	got=$(sed -n 's/^\[arm \(.*\)\]   ; \([0-9,]*\) users$/\1=\2/p' "$tmp/hill/experiment.ini" | tr -d , | sed 's/ /_/g' | sort | tr '\n' ' ' | sed 's/ $//')
	if [ $st = 0 ] && [ "$got" = "$(echo "$counts" | sed 's/\([A-Za-z]\) \([A-Z]\)/\1_\2/g')" ] &&
		grep -qx 'control = No E-Mail   ; recognised by its name' "$tmp/hill/experiment.ini" &&
		grep -qx 'user_id    = customer_id' "$tmp/hill/experiment.ini" && grep -qx 'arm        = group' "$tmp/hill/experiment.ini" &&
		grep -qx 'revenue    = spend' "$tmp/hill/experiment.ini" && grep -qx 'converted  = conversion' "$tmp/hill/experiment.ini" &&
		grep -q '^; outcomes.csv: not recognised .*: visit$' "$tmp/hill/experiment.ini" &&
		grep -q '^; start = YYYY-MM-DD' "$tmp/hill/experiment.ini"; then ok; else bad "Hillstrom (exit $st)" "pandas: $counts; init: $got
$(cat "$tmp/err" "$tmp/hill/experiment.ini")"; fi
else
	skip "Hillstrom's data not found ($hill)"
fi

# ---- a spreadsheet in place of orders.csv: the command that converts it, no ini ---------------
mkdir -p "$tmp/xl" && cp "$root/experiments/coffee-w47/assignments.csv" "$tmp/xl/" && printf 'PK' >"$tmp/xl/orders.xlsx"
"$UPLIFT" init "$tmp/xl" >"$tmp/out" 2>"$tmp/err"
st=$?
if [ $st -eq 2 ] && [ ! -s "$tmp/out" ] &&
	[ ! -e "$tmp/xl/experiment.ini" ] &&
	grep -q "^uplift: orders.xlsx: a spreadsheet; uplift reads orders.csv: convert it with libreoffice --headless --convert-to csv" "$tmp/err"; then ok
else bad "init with orders.xlsx (exit $st)" "$(cat "$tmp/out" "$tmp/err")"; fi

# ---- usage ----------------------------------------------------------------------------------
expect init-no-dir 2 "uplift: init: expected one experiment folder DIR (see 'uplift help init')" -- init
expect init-missing 2 "uplift: assignments.csv: cannot open: No such file or directory" -- init "$tmp/nope"
expect init-encoding 2 "uplift: init: unknown --encoding 'latin1' (utf-8, gbk or gb18030) (see 'uplift help init')" -- init "$tmp/w47" --encoding latin1
finish
