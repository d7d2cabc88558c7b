#!/bin/sh
# Real exports (issue 16: [columns], paid, dates, flags, refunds), end to end:
#   - experiments/coffee-w47 rewritten as a POS export -- Chinese headers
#     (会员ID, 分组, 下单时间, 实付金额, 优惠金额, an extra 门店) mapped through
#     [columns], GBK with CRLF (--encoding gbk), Excel's YYYY/M/D H:MM times,
#     paid instead of amount -- analyzes to the same JSON as the original;
#   - a [columns] header the file lacks: the message names the file, the
#     column, the ini line, the headers found and the closest;
#   - amount and paid both given: a row where amount != paid + discount is
#     refused, naming file, line and column;
#   - outcomes.csv flags written TRUE/FALSE and 是/否 give what 0/1 gives;
#     a flag's error names the spellings, not the money hint;
#   - a refund row is refused naming `refunds = net`, then netted with it
#     (data.refund_rows, the arm's revenue lower by the refund / its users);
#   - an ISO time with Z moved to +08:00 across the window's last day.
# usage: UPLIFT=build/uplift sh tests/cli/20-real-exports.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

coffee="$root/experiments/coffee-w47"

# same_json A B [IGNORED...]: the two documents equal, numbers to 1e-9
# relative, but for the top-level data fields named
same_json() {
	$PY - "$@" <<'PYEOF'
import json, math, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
for k in sys.argv[3:]:
    a["data"].pop(k, None), b["data"].pop(k, None)
def same(x, y, path):
    if isinstance(x, bool) or isinstance(y, bool) or isinstance(x, str) or x is None:
        assert x == y, f"{path}: {x!r} != {y!r}"
    elif isinstance(x, (int, float)):
        assert isinstance(y, (int, float)) and math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-12), f"{path}: {x} != {y}"
    elif isinstance(x, dict):
        assert isinstance(y, dict) and list(x) == list(y), f"{path}: keys {list(x)} != {list(y) if isinstance(y, dict) else y}"
        for k in x:
            same(x[k], y[k], f"{path}/{k}")
    else:
        assert isinstance(y, list) and len(x) == len(y), f"{path}: lengths"
        for i, (u, v) in enumerate(zip(x, y)):
            same(u, v, f"{path}/{i}")
same(a, b, "")
PYEOF
}

# ---- the POS export: the same numbers as the original -----------------------------
pos="$tmp/pos"
$PY - "$coffee" "$pos" <<'PYEOF' || bad "writing the POS export"
import csv, os, sys
src, dst = sys.argv[1:3]
os.makedirs(dst)
def excel(t):  # "2026-11-19 07:05:54" -> "2026/11/19 7:05", as Excel writes it
    d, h = t.split(" ")
    y, m, dd = d.split("-")
    hh, mm, _ = h.split(":")
    return f"{int(y)}/{int(m)}/{int(dd)} {int(hh)}:{mm}"
ini = open(os.path.join(src, "experiment.ini"), encoding="utf-8").read()
ini += ("\n[columns]\nuser_id    = 会员ID\narm        = 分组\norder_time = 下单时间\n"
        "paid       = 实付金额   ; after the discount\ndiscount   = 优惠金额\n")
open(os.path.join(dst, "experiment.ini"), "w", encoding="gbk").write(ini)
with open(os.path.join(src, "assignments.csv"), encoding="utf-8") as f, \
     open(os.path.join(dst, "assignments.csv"), "w", encoding="gbk", newline="") as g:
    r, w = csv.reader(f), csv.writer(g, lineterminator="\r\n")
    head = next(r)
    assert head[:2] == ["user_id", "arm"], head
    w.writerow(["会员ID", "分组"] + head[2:])
    w.writerows(r)
for name in ("orders.csv", "history.csv"):
    with open(os.path.join(src, name), encoding="utf-8") as f, \
         open(os.path.join(dst, name), "w", encoding="gbk", newline="") as g:
        w = csv.writer(g, lineterminator="\r\n")
        w.writerow(["门店", "会员ID", "下单时间", "实付金额", "优惠金额"])
        for row in csv.DictReader(f):
            paid = round(float(row["amount"]) - float(row["discount"]), 2)
            w.writerow(["上海静安店", row["user_id"], excel(row["order_time"]), f"{paid:.2f}", row["discount"]])
PYEOF
if ! head -c 200 "$pos/orders.csv" | iconv -f gbk -t utf-8 | grep -q '^门店,会员ID,下单时间,实付金额,优惠金额'; then
	bad "the POS export is not GBK with Chinese headers"
fi
for by in "" "--by channel,rfm_segment"; do
	if ! "$UPLIFT" analyze "$coffee" --format json $by >"$tmp/orig.json" 2>"$tmp/err"; then
		bad "analyze coffee-w47 $by" "$(cat "$tmp/err")"
	elif ! "$UPLIFT" analyze "$pos" --encoding gbk --format json $by >"$tmp/pos.json" 2>"$tmp/err"; then
		bad "analyze the POS export $by" "$(cat "$tmp/err")"
	elif why=$(same_json "$tmp/orig.json" "$tmp/pos.json" 2>&1); then
		ok
	else
		bad "the POS export's JSON differs from the original's $by" "$why"
	fi
done
# without --encoding the GBK file is refused with a hint (the ini is read first)
"$UPLIFT" analyze "$pos" --format json >/dev/null 2>"$tmp/err"
if [ $? = 2 ] && grep -q "encoding gbk" "$tmp/err"; then ok; else bad "GBK without --encoding" "$(cat "$tmp/err")"; fi

# ---- a mapped header the file lacks ---------------------------------------------------
cp -r "$pos" "$tmp/pos-typo"
$PY - "$tmp/pos-typo/experiment.ini" <<'PYEOF'
import sys
p = sys.argv[1]
s = open(p, encoding="gbk").read().replace("paid       = 实付金额", "paid       = 实付金")
open(p, "w", encoding="gbk").write(s)
PYEOF
line=$(iconv -f gbk -t utf-8 "$tmp/pos-typo/experiment.ini" | grep -n '^paid' | cut -d: -f1)
expect missing-paid 2 "uplift: orders.csv:1: missing column 'amount' or '实付金' ([columns] paid, experiment.ini line $line) in the header (found: 门店, 会员ID, 下单时间, 实付金额, 优惠金额; closest: 实付金额)" -- analyze "$tmp/pos-typo" --encoding gbk
# unmapped: the hint of [columns]
d=$(folder unmapped)
$PY - "$d/assignments.csv" <<'PYEOF'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
open(p, "w", encoding="utf-8").write(s.replace("user_id,arm", "会员ID,分组", 1))
PYEOF
expect missing-user-id 2 "uplift: assignments.csv:1: missing column 'user_id' in the header (found: 会员ID, 分组, tier, note); map it in [columns] of experiment.ini: user_id = HEADER" -- analyze "$d"

# ---- amount and paid both: amount = paid + discount on every row ------------------
d="$tmp/both"
mkdir "$d"
cp "$coffee/experiment.ini" "$coffee/assignments.csv" "$coffee/history.csv" "$d/"
printf '[columns]\npaid = 实付金额\n' >>"$d/experiment.ini"
$PY - "$coffee/orders.csv" "$d/orders.csv" <<'PYEOF'
import csv, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8", newline="") as g:
    w = csv.writer(g, lineterminator="\n")
    w.writerow(["user_id", "order_time", "amount", "discount", "实付金额"])
    for i, row in enumerate(csv.DictReader(f)):
        paid = round(float(row["amount"]) - float(row["discount"]), 2)
        if i == 99:  # line 101: one cent more than amount - discount
            paid = round(paid + 0.01, 2)
        w.writerow([row["user_id"], row["order_time"], row["amount"], row["discount"], f"{paid:.2f}"])
PYEOF
want=$(sed -n 101p "$d/orders.csv" | $PY -c 'import sys; u, t, a, dsc, p = sys.stdin.read().strip().split(","); print(f"{p} + discount {dsc} is not the amount {a}")')
expect paid-mismatch 2 "uplift: orders.csv:101: column '实付金额': $want (amount = paid + discount, to the cent)" -- analyze "$d"
# the same file without the planted cent: the original's numbers
$PY - "$d/orders.csv" <<'PYEOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
r = rows[100]
r[4] = f"{float(r[2]) - float(r[3]):.2f}"
csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline=""), lineterminator="\n").writerows(rows)
PYEOF
if "$UPLIFT" analyze "$d" --format json >"$tmp/both.json" 2>"$tmp/err" &&
	"$UPLIFT" analyze "$coffee" --format json >"$tmp/orig.json" &&
	why=$(same_json "$tmp/orig.json" "$tmp/both.json" 2>&1); then ok; else bad "amount and paid both" "$(cat "$tmp/err") $why"; fi

# ---- outcomes.csv flags: TRUE/FALSE and 是/否 as 0/1 --------------------------------
for kind in plain words; do
	d="$tmp/outcomes-$kind"
	mkdir "$d"
	cp "$coffee/assignments.csv" "$d/"
	printf '[experiment]\nname = flags\ncontrol = control\nstart = 2026-11-16\nend = 2026-11-22\n[arm control]\n[arm 8折券]\n[arm 满80减15]\n[columns]\nconverted = 是否下单\n' >"$d/experiment.ini"
	$PY - "$coffee/orders.csv" "$d/outcomes.csv" "$kind" <<'PYEOF'
import csv, sys
src, dst, kind = sys.argv[1:4]
n, paid = {}, {}
for row in csv.DictReader(open(src, encoding="utf-8")):
    if "2026-11-16" <= row["order_time"][:10] <= "2026-11-22":
        u = row["user_id"]
        n[u] = n.get(u, 0) + 1
        paid[u] = paid.get(u, 0) + float(row["amount"]) - float(row["discount"])
def flag(v, i):
    if kind == "plain":
        return "1" if v else "0"
    return (["TRUE", "是", "true"] if v else ["FALSE", "否", "False"])[i % 3]
with open(dst, "w", encoding="utf-8", newline="") as g:
    w = csv.writer(g, lineterminator="\n")
    w.writerow(["user_id", "revenue", "是否下单", "repurchased"])
    for i, u in enumerate(sorted(n)):
        w.writerow([u, f"{paid[u]:.2f}", flag(n[u] >= 1, i), flag(n[u] >= 2, i + 1)])
PYEOF
done
if "$UPLIFT" analyze "$tmp/outcomes-plain" --format json >"$tmp/o1.json" 2>"$tmp/err" &&
	"$UPLIFT" analyze "$tmp/outcomes-words" --format json >"$tmp/o2.json" 2>>"$tmp/err" &&
	why=$(same_json "$tmp/o1.json" "$tmp/o2.json" 2>&1); then ok; else bad "flags TRUE/FALSE, 是/否" "$(cat "$tmp/err") $why"; fi
grep -q 'TRUE' "$tmp/outcomes-words/outcomes.csv" && grep -q '否' "$tmp/outcomes-words/outcomes.csv" && ok || bad "the flags were not written as words"
sed -i '3s/,[^,]*,\([^,]*\)$/,yes,\1/' "$tmp/outcomes-words/outcomes.csv"
expect flag-error 2 "uplift: outcomes.csv:3: column '是否下单': expected a flag: 0/1 (or 0.0/1.0), true/false (any case) or 是/否, got 'yes'" -- analyze "$tmp/outcomes-words"

# ---- a refund row: refused, then netted with refunds = net ------------------------
d="$tmp/refund"
cp -r "$coffee" "$d"
refund=$($PY - "$d" <<'PYEOF'
import csv, sys
d = sys.argv[1]
arm = {r["user_id"]: r["arm"] for r in csv.DictReader(open(f"{d}/assignments.csv", encoding="utf-8"))}
paid = {}
for r in csv.DictReader(open(f"{d}/orders.csv", encoding="utf-8")):
    if "2026-11-16" <= r["order_time"][:10] <= "2026-11-22" and r["user_id"] in arm:
        paid[r["user_id"]] = paid.get(r["user_id"], 0) + float(r["amount"]) - float(r["discount"])
u = next(u for u in sorted(paid) if paid[u] >= 20)
with open(f"{d}/orders.csv", "a", encoding="utf-8") as f:
    f.write(f"{u},2026-11-21 18:00:00,-12.50,0.00\n")
print(arm[u])
PYEOF
)
lines=$(wc -l <"$d/orders.csv")
expect refund-refused 2 "uplift: orders.csv:$lines: column 'amount': negative: '-12.50' (a refund row? with refunds = net in [columns] of experiment.ini, refunds are netted against the user's paid value)" -- analyze "$d"
printf '\n[columns]\nrefunds = net\n' >>"$d/experiment.ini"
if "$UPLIFT" analyze "$d" --format json >"$tmp/refund.json" 2>"$tmp/err" &&
	"$UPLIFT" analyze "$coffee" --format json >"$tmp/orig.json" &&
	why=$($PY - "$tmp/orig.json" "$tmp/refund.json" "$refund" 2>&1 <<'PYEOF'
import json, math, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
arm = sys.argv[3]
assert b["data"]["refund_rows"] == 1 and a["data"]["refund_rows"] == 0, b["data"]
assert b["data"]["orders_in_window"] == a["data"]["orders_in_window"] + 1, b["data"]
for x, y in zip(a["arms"], b["arms"]):
    rx, ry = x["metrics"]["revenue"]["value"], y["metrics"]["revenue"]["value"]
    want = rx - 12.5 / x["users"] if x["arm"] == arm else rx
    assert math.isclose(ry, want, rel_tol=1e-12), (x["arm"], rx, ry, want)
    assert x["metrics"]["conversion"] == y["metrics"]["conversion"], x["arm"]  # a refund is no order
PYEOF
); then ok; else bad "refunds = net" "$(cat "$tmp/err") $why"; fi

# ---- an ISO time with Z across the window's last day ------------------------------
for t in "2026-11-22 23:30:00" "2026-11-22T23:30:00Z" "2026-11-22T15:30:00Z"; do
	d="$tmp/iso"
	rm -rf "$d"
	cp -r "$coffee" "$d"
	$PY - "$d/orders.csv" "$t" <<'PYEOF'
import sys
p, t = sys.argv[1:3]
lines = open(p, encoding="utf-8").read().splitlines()
i = next(i for i, l in enumerate(lines) if l.split(",")[1].startswith("2026-11-22 2"))
f = lines[i].split(",")
f[1] = t
lines[i] = ",".join(f)
open(p, "w", encoding="utf-8").write("\n".join(lines) + "\n")
PYEOF
	"$UPLIFT" analyze "$d" --format json >"$tmp/iso-$(echo "$t" | tr -c '0-9A-Z\n' _).json" 2>"$tmp/err" || bad "analyze with $t" "$(cat "$tmp/err")"
done
if why=$($PY - "$tmp"/iso-2026_11_22_23_30_00.json "$tmp"/iso-2026_11_22T23_30_00Z.json "$tmp"/iso-2026_11_22T15_30_00Z.json 2>&1 <<'PYEOF'
import json, sys
local, utc_late, utc_early = (json.load(open(p, encoding="utf-8"))["data"] for p in sys.argv[1:4])
# 23:30 UTC is 07:30 on the 23rd at +08:00: outside; 15:30 UTC is 23:30 on the 22nd: inside
assert utc_late["orders_in_window"] == local["orders_in_window"] - 1, (local, utc_late)
assert utc_late["orders_outside_window"] == local["orders_outside_window"] + 1
assert utc_early == local, (local, utc_early)
PYEOF
); then ok; else bad "ISO time with Z across the window edge" "$why"; fi

finish
