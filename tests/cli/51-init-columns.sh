# 51-init-columns.sh - init's [columns] round-trips through analyze (issue
# 16, items 1 and 5): coffee-w47 rewritten as bare POS exports (Chinese
# headers, YYYY/M/D H:MM times, paid beside amount; in UTF-8 and in GBK,
# tests/reference/pos_export.py) gets an experiment.ini from init that
# analyzes, with the gross margin as the user's only edit, to the numbers
# of the original folder; and Hillstrom's e-mail test (outcomes.csv, no dates).
# usage: UPLIFT=build/uplift sh tests/cli/51-init-columns.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

coffee="$root/experiments/coffee-w47"
"$UPLIFT" analyze "$coffee" --format json --by channel >"$tmp/want.json" || bad "analyze coffee-w47"
for enc in utf-8 gbk; do
	d="$tmp/pos-$enc"
	if [ $enc = gbk ]; then $PY "$root/tests/reference/pos_export.py" "$coffee" "$d" --gbk; else $PY "$root/tests/reference/pos_export.py" "$coffee" "$d"; fi
	if ! "$UPLIFT" init "$d" --encoding $enc >/dev/null 2>"$tmp/err" || ! grep -q '^\[columns\]' "$d/experiment.ini"; then
		bad "init $enc" "$(cat "$tmp/err")"
		continue
	fi
	ok
	printf '\n[economics]\ngross_margin = 0.6\n' >>"$d/experiment.ini"
	if ! "$UPLIFT" analyze "$d" --encoding $enc --format json --by 渠道 >"$tmp/got.json" 2>"$tmp/err"; then
		bad "analyze of init's ini ($enc)" "$(cat "$tmp/err")"
		continue
	fi
	if out=$($PY - "$tmp/got.json" "$tmp/want.json" 2>&1 <<'PYEOF'
import json, sys
# the segment column has its export's name, 渠道, wherever a column is named
a = json.loads(open(sys.argv[1], encoding="utf-8").read().replace('"column": "渠道"', '"column": "channel"'))
b = json.load(open(sys.argv[2], encoding="utf-8"))
for d in (a, b):
    d["experiment"].pop("name")
    for arm in d["arms"]:
        arm.pop("label", None)
def same(x, y, path=""):
    if isinstance(x, dict) and isinstance(y, dict):
        for k in y:  # every field of the original, with its value; more may be added
            assert k in x, f"{path}.{k} missing"
            same(x[k], y[k], f"{path}.{k}")
    elif isinstance(x, list) and isinstance(y, list):
        assert len(x) == len(y), f"{path}: {len(x)} entries, want {len(y)}"
        for i, (p, q) in enumerate(zip(x, y)):
            same(p, q, f"{path}[{i}]")
    else:
        assert x == y or (isinstance(x, float) and isinstance(y, float) and abs(x - y) <= 1e-9 * max(1, abs(y))), f"{path}: {x!r}, want {y!r}"
same(a, b)
PYEOF
	); then ok; else bad "POS export ($enc) analyzes to other numbers than coffee-w47" "$out"; fi
done

# Hillstrom's e-mail test as a CRM's exports (outcomes.csv, no dates): each
# arm's conversion and revenue per customer as pandas computes them
hill=/work/shared/data/hillstrom/hillstrom.csv
[ -r "$hill" ] || hill="$root/../shared/data/hillstrom/hillstrom.csv"
if [ ! -r "$hill" ]; then
	skip "Hillstrom's data not found ($hill)"
elif ! $PY "$root/tests/reference/hillstrom_folder.py" "$hill" "$tmp/hill" || ! "$UPLIFT" init "$tmp/hill" >/dev/null 2>"$tmp/err"; then
	bad "init on Hillstrom" "$(cat "$tmp/err")"
elif ! "$UPLIFT" analyze "$tmp/hill" --format json >"$tmp/h.json" 2>"$tmp/err"; then
	bad "analyze of init's ini on Hillstrom" "$(cat "$tmp/err")"
elif out=$($PY - "$hill" "$tmp/h.json" 2>&1 <<'PYEOF'
import json, sys
import pandas as pd
df = pd.read_csv(sys.argv[1])
d = json.load(open(sys.argv[2], encoding="utf-8"))
assert d["experiment"]["control"] == "No E-Mail", d["experiment"]
want = df.groupby("segment").agg(users=("spend", "size"), conversion=("conversion", "mean"), revenue=("spend", "mean"))
for arm in d["arms"]:
    w = want.loc[arm["arm"]]
    assert arm["users"] == w.users, (arm["arm"], arm["users"], w.users)
    for m in ("conversion", "revenue"):
        assert abs(arm["metrics"][m]["value"] - w[m]) < 1e-9, (arm["arm"], m, arm["metrics"][m]["value"], w[m])
PYEOF
); then ok; else bad "Hillstrom through init's [columns]: arms against pandas" "$out"; fi

# Until then, what [columns] says can still be checked: each file's headers
# renamed by init's mapping to uplift's names (and the times written back as
# YYYY-MM-DD HH:MM, which today's loader reads), the [columns] section
# dropped: the folder analyzes to coffee-w47's numbers only if every mapped
# header holds the column init says it holds.
d="$tmp/pos-utf-8"
if out=$($PY - "$d" "$tmp/renamed" 2>&1 <<'PYEOF'
import csv, os, re, sys
src, dst = sys.argv[1:3]
os.makedirs(dst)
ini = open(f"{src}/experiment.ini", encoding="utf-8").read().splitlines()
mapping, out, section = {}, [], None
for line in ini:
    m = re.match(r"^\[(.*)\]", line)
    if m:
        section = m.group(1)
    if section == "columns":
        kv = re.match(r"^(\w+)\s*=\s*(.*?)(\s+;.*)?$", line)
        if kv:
            mapping[kv.group(2)] = kv.group(1)
        continue
    out.append(line)
assert mapping, "no [columns] in init's ini"
open(f"{dst}/experiment.ini", "w", encoding="utf-8").write("\n".join(out) + "\n")
for name in os.listdir(src):
    if not name.endswith(".csv"):
        continue
    rows = list(csv.reader(open(f"{src}/{name}", encoding="utf-8", newline="")))
    head = [mapping.get(h, h) for h in rows[0]]
    if "paid" in head:  # today's loader reads amount and discount; paid is the check
        i = head.index("paid")
        head[i] = "paid_unused"
    if "order_time" in head:
        t = head.index("order_time")
        for r in rows[1:]:
            y, m, d = r[t].split(" ")[0].split("/")
            hh, mm = r[t].split(" ")[1].split(":")
            r[t] = f"{int(y):04d}-{int(m):02d}-{int(d):02d} {int(hh):02d}:{mm}"
    with open(f"{dst}/{name}", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([head] + rows[1:])
PYEOF
) && "$UPLIFT" analyze "$tmp/renamed" --format json --by 渠道 >"$tmp/got.json" 2>"$tmp/err" &&
	out=$($PY - "$tmp/got.json" "$tmp/want.json" 2>&1 <<'PYEOF'
import json, sys
# the segment column has its export's name, 渠道, wherever a column is named
a = json.loads(open(sys.argv[1], encoding="utf-8").read().replace('"column": "渠道"', '"column": "channel"'))
b = json.load(open(sys.argv[2], encoding="utf-8"))
for d in (a, b):
    d["experiment"].pop("name")
    for arm in d["arms"]:
        arm.pop("label", None)
assert a == b, "the renamed POS export analyzes to other numbers than coffee-w47"
PYEOF
); then ok; else bad "[columns] mapping, checked through renamed headers" "$out $(cat "$tmp/err")"; fi
finish
