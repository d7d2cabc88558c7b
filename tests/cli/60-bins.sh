#!/bin/sh
# 60-bins.sh - binned and crossed --by columns (issue 16, item 6), end to end:
#   - Hillstrom's `history` (past-year spend, 64,000 customers, thousands of
#     distinct values): the users per bin and arm of `--by history:q4` equal
#     pandas.crosstab(pandas.qcut(history, 4), arm), of `--by
#     history:0,100,500` pandas.cut(history, [-inf, 0, 100, 500, inf],
#     right=False), of `--by channel*history:q4` the crosstab of channel and
#     the quartiles (pairs present, channel's order then the bins'), the bins
#     named from the same edges and in their order;
#   - one bin's comparisons (conversion: Newcombe interval, pooled z p; revenue:
#     Welch) equal statsmodels' on that bin's users;
#   - aggregate + analyze --stats (rows reversed) give the folder's order and numbers;
#   - coffee-w47: history.csv's monetary binned (`--by monetary:q4`, equal to qcut
#     over `uplift segment`'s monetary column) and `--by channel*spend_level`
#     (equal to pandas.crosstab), in report's comparisons.csv too;
#   - blanks go to the bin "-", counted, last; a value that is not a number is
#     exit 2 naming file, line and column; bad specs exit 2 with a message;
#   - names from the data are escaped in the table and in Markdown;
#   - more than 1,000 crossed cells, or more than 50 cut points: exit 2.
# usage: UPLIFT=build/uplift sh tests/cli/60-bins.sh
# The pandas side, by hand: /usr/bin/python3 -c 'import pandas as pd;
#   h = pd.read_csv("../shared/data/hillstrom/hillstrom.csv");
#   print(pd.crosstab(pd.qcut(h.history, 4), h.segment))'
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

coffee="$root/experiments/coffee-w47"

# counts JSON: "column|value|arm|users" per segment comparison (each arm once), in order
counts() {
	$PY - "$1" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
ctl = d["experiment"]["control"]
seen = set()
for c in d["comparisons"]:
    s = c["segment"]
    if not s or c["metric"] != d["comparisons"][0]["metric"]:
        continue
    for arm, n in ((ctl, c["n_control"]), (c["arm"], c["n_treatment"])):
        if (s["column"], s["value"], arm) not in seen:
            seen.add((s["column"], s["value"], arm))
            print(f'{s["column"]}|{s["value"]}|{arm}|{n}')
PYEOF
}

# ---- Hillstrom: history binned and crossed ------------------------------------------
hill=${HILLSTROM:-$root/../shared/data/hillstrom/hillstrom.csv}
if [ -r "$hill" ]; then
	h="$tmp/hillstrom"
	mkdir -p "$h"
	# one user per row (ids and dates made up: the data has none), the
	# conversion and the spend as outcomes
	$PY - "$hill" "$h" <<'PYEOF'
import csv, sys
src, out = sys.argv[1:3]
with open(src, newline="") as f, open(f"{out}/assignments.csv", "w", newline="") as a, \
        open(f"{out}/outcomes.csv", "w", newline="") as o:
    wa, wo = csv.writer(a, lineterminator="\n"), csv.writer(o, lineterminator="\n")
    wa.writerow(["user_id", "arm", "history", "channel"])
    wo.writerow(["user_id", "converted", "revenue"])
    for i, r in enumerate(csv.DictReader(f)):
        wa.writerow([f"h{i + 1}", r["segment"], r["history"], r["channel"]])
        wo.writerow([f"h{i + 1}", r["conversion"], r["spend"]])
PYEOF
	printf '[experiment]\nname = Hillstrom\ncontrol = No E-Mail\nstart = 2008-03-01\nend = 2008-03-14\n[arm No E-Mail]\n[arm Mens E-Mail]\n[arm Womens E-Mail]\n' >"$h/experiment.ini"
	by='history:q4,history:0,100,500,channel*history:q4'
	if "$UPLIFT" analyze "$h" --by "$by" --metrics conversion,revenue --format json >"$tmp/h.json" 2>"$tmp/err"; then
		counts "$tmp/h.json" >"$tmp/h.got"
		# pandas: the same cells, counts and names, in the same order
		$PY - "$hill" >"$tmp/h.want" <<'PYEOF'
import sys
import numpy as np, pandas as pd
h = pd.read_csv(sys.argv[1])
arms = ["No E-Mail", "Mens E-Mail", "Womens E-Mail"]

def num(v):  # the names' numbers: the shortest fixed-point text that reads back exactly
    for d in range(18):
        s = f"{v:.{d}f}"
        if float(s) == v:
            return "0" if s == "-0" else s

def name(iv, first, cuts):
    if cuts:
        lo = "(-∞" if iv.left == -np.inf else f"[{num(iv.left)}"
        hi = "+∞)" if iv.right == np.inf else f"{num(iv.right)})"
        return f"{lo}, {hi}"
    return f'{"[" if first else "("}{num(iv.left)}, {num(iv.right)}]'

q, edges = pd.qcut(h.history, 4, retbins=True)
# qcut's intervals print rounded edges; the bins are (e_i, e_i+1], the first closed
q = pd.Categorical.from_codes(q.cat.codes, pd.IntervalIndex.from_breaks(edges, closed="right"))
c = pd.cut(h.history, [-np.inf, 0, 100, 500, np.inf], right=False)
cats = list(q.categories)
for col, f, cuts in (("history:q4", q, False), ("history:0,100,500", c, True)):
    f = pd.Series(f)
    t = pd.crosstab(f, h.segment)
    for i, iv in enumerate(t.index):
        if t.loc[iv].sum() == 0:
            continue
        for arm in arms:
            print(f"{col}|{name(iv, i == 0, cuts)}|{arm}|{t.loc[iv, arm]}")
ch = pd.crosstab([h.channel, pd.Series(q, name="bin")], h.segment)
for (chan, iv), row in ch.iterrows():
    if row.sum():
        for arm in arms:
            print(f"channel*history:q4|{chan} × {name(iv, cats.index(iv) == 0, False)}|{arm}|{row[arm]}")
PYEOF
		if [ "$(wc -l <"$tmp/h.want")" -gt 20 ] && diff "$tmp/h.want" "$tmp/h.got" >"$tmp/diff"; then ok; else
			bad "hillstrom: cells per bin and arm against pandas qcut/cut/crosstab" "$(head -20 "$tmp/diff")"
		fi
		# one bin's comparisons against statsmodels on that bin's users
		if out=$($PY - "$hill" "$tmp/h.json" 2>&1 <<'PYEOF'
import json, sys
import numpy as np, pandas as pd
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW
h = pd.read_csv(sys.argv[1])
d = json.load(open(sys.argv[2]))
q = pd.qcut(h.history, 4, labels=False)
b = h[q == 2]  # the third quartile
t, c = b[b.segment == "Mens E-Mail"], b[b.segment == "No E-Mail"]
rows = [x for x in d["comparisons"] if x["segment"] and x["segment"]["column"] == "history:q4"
        and x["arm"] == "Mens E-Mail"]
values = []
for x in rows:
    if x["segment"]["value"] not in values:
        values.append(x["segment"]["value"])
got = {x["metric"]: x for x in rows if x["segment"]["value"] == values[2]}
xt, nt, xc, nc = t.conversion.sum(), len(t), c.conversion.sum(), len(c)
lo, hi = confint_proportions_2indep(xt, nt, xc, nc, method="newcomb", compare="diff")
want = {"conversion": dict(n_treatment=nt, n_control=nc, diff=xt / nt - xc / nc, diff_ci_low=lo,
                           diff_ci_high=hi, p_value=proportions_ztest([xt, xc], [nt, nc])[1])}
cm = CompareMeans(DescrStatsW(t.spend.to_numpy(float)), DescrStatsW(c.spend.to_numpy(float)))
lo, hi = cm.tconfint_diff(usevar="unequal")
want["revenue"] = dict(n_treatment=nt, n_control=nc, diff=t.spend.mean() - c.spend.mean(),
                       diff_ci_low=lo, diff_ci_high=hi, p_value=cm.ttest_ind(usevar="unequal")[1])
bad = [f"{m} {k}: {got[m][k]!r} != {v!r}" for m, w in want.items() for k, v in w.items()
       if not np.isclose(got[m][k], v, rtol=1e-9, atol=1e-12)]
print("\n".join(bad) or f"bin {values[2]}: {nt} and {nc} users, conversion and revenue as statsmodels")
sys.exit(1 if bad else 0)
PYEOF
		); then ok; else bad "hillstrom: a bin's comparison against statsmodels" "$out"; fi
		# the statistics of the folder, rows reversed: the folder's order and numbers
		if "$UPLIFT" aggregate "$h" --by "$by" >"$tmp/h.csv" 2>"$tmp/err" &&
			{ head -n 1 "$tmp/h.csv"; tail -n +2 "$tmp/h.csv" | sort -r; } >"$tmp/h-rev.csv" &&
			"$UPLIFT" analyze "$h" --stats "$tmp/h-rev.csv" --by "$by" --metrics conversion,revenue \
				--format json >"$tmp/hs.json" 2>>"$tmp/err" &&
			counts "$tmp/hs.json" | diff "$tmp/h.got" - >"$tmp/diff" &&
			PYTHONPATH="$root/tests/reference" $PY - "$tmp/h.json" "$tmp/hs.json" >>"$tmp/diff" <<'PYEOF'
import json, sys
from same_numbers import walk
raw, st = (json.load(open(p)) for p in sys.argv[1:3])
bad = []
walk(raw["comparisons"], st["comparisons"], "comparisons", bad)
print("\n".join(bad[:10]))
sys.exit(1 if bad else 0)
PYEOF
		then ok; else bad "hillstrom: --stats in the folder's order" "$(cat "$tmp/err" "$tmp/diff" | head -20)"; fi
	else
		bad "hillstrom: analyze --by $by" "$(cat "$tmp/err")"
	fi
else
	skip "hillstrom: $hill not found"
fi

# ---- coffee-w47: history.csv's monetary binned, channel*spend_level -------------------
if "$UPLIFT" segment "$coffee" >"$tmp/seg.csv" 2>/dev/null &&
	"$UPLIFT" analyze "$coffee" --by monetary:q4,channel*spend_level --metrics revenue \
		--format json >"$tmp/c.json" 2>"$tmp/err"; then
	counts "$tmp/c.json" >"$tmp/c.got"
	"$UPLIFT" analyze "$coffee" --by channel,spend_level --metrics revenue --format json >"$tmp/plain.json"
	$PY - "$coffee/assignments.csv" "$tmp/seg.csv" "$tmp/plain.json" >"$tmp/c.want" <<'PYEOF'
import json, sys
import pandas as pd
a, seg = pd.read_csv(sys.argv[1]), pd.read_csv(sys.argv[2])
plain = json.load(open(sys.argv[3]))
order = {}
for c in plain["comparisons"]:
    if c["segment"]:
        order.setdefault(c["segment"]["column"], [])
        if c["segment"]["value"] not in order[c["segment"]["column"]]:
            order[c["segment"]["column"]].append(c["segment"]["value"])
m = a.merge(seg, on="user_id")
arms = ["control", "8折券", "满80减15"]

def num(v):
    for d in range(18):
        s = f"{v:.{d}f}"
        if float(s) == v:
            return s

# three quarters of the users have no history (monetary 0): qcut drops the repeated edges
q, edges = pd.qcut(m.monetary, 4, retbins=True, duplicates="drop")
t = pd.crosstab(q.cat.codes, m.arm)
for i in t.index:
    lo, hi = edges[i], edges[i + 1]
    for arm in arms:
        print(f'monetary:q4|{"[" if i == 0 else "("}{num(lo)}, {num(hi)}]|{arm}|{t.loc[i, arm]}')
x = pd.crosstab([m.channel, m.spend_level], m.arm)
for ch in order["channel"]:
    for sl in order["spend_level"]:
        if (ch, sl) in x.index:
            for arm in arms:
                print(f"channel*spend_level|{ch} × {sl}|{arm}|{x.loc[(ch, sl), arm]}")
PYEOF
	if [ "$(wc -l <"$tmp/c.want")" -gt 20 ] && diff "$tmp/c.want" "$tmp/c.got" >"$tmp/diff"; then ok; else
		bad "coffee: monetary:q4 and channel*spend_level against pandas" "$(head -20 "$tmp/diff")"
	fi
	# the crossing is a family of its own: the overall comparisons do not move
	"$UPLIFT" analyze "$coffee" --metrics revenue --format json >"$tmp/c0.json"
	if $PY -c '
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
o = lambda d: [c for c in d["comparisons"] if not c["segment"]]
assert o(a) == o(b)
cols = {c["column"] for c in b.get("heterogeneity", [])}
assert cols == {"monetary:q4", "channel*spend_level"}, cols
srm = [c for c in b["checks"] if c["code"] == "segment_srm"]
' "$tmp/c0.json" "$tmp/c.json" 2>"$tmp/err"; then ok; else bad "coffee: overall family unchanged" "$(cat "$tmp/err")"; fi
else
	bad "coffee: analyze --by monetary:q4,channel*spend_level" "$(cat "$tmp/err")"
fi
# report: the pack's comparisons.csv and report.md carry the crossed cells
if "$UPLIFT" report "$coffee" --by channel*spend_level --out "$tmp/pack" >/dev/null 2>"$tmp/err" &&
	grep -q 'channel\*spend_level,App × 高客单' "$tmp/pack/comparisons.csv" &&
	grep -q 'App × 高客单' "$tmp/pack/report.md"; then ok; else
	bad "report --by channel*spend_level" "$(cat "$tmp/err"; head -3 "$tmp/pack/comparisons.csv" 2>/dev/null)"
fi

# ---- blanks, bad values, bad specs ----------------------------------------------------
d=$(folder bins)
$PY - "$d/assignments.csv" <<'PYEOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
out = csv.writer(open(sys.argv[1], "w", newline="", encoding="utf-8"), lineterminator="\n")
out.writerow(rows[0] + ["score", "shop"])
for i, r in enumerate(rows[1:]):
    # two blanks; a shop name with markup and a control character
    # control c1..c6: 5, 12.5, 40, -, 99, 3; 8折券 t1..t5: 61, 20, -, 80, 33
    score = "" if i in (3, 8) else str([5, 12.5, 40, 7, 99, 3, 61, 20, 15, 80, 33][i])
    shop = "A|<b>x</b>" if i % 2 else "B\x1b[31m"
    out.writerow(r + [score, shop])
PYEOF
if "$UPLIFT" analyze "$d" --by score:10,50 --metrics conversion --format json >"$tmp/b.json" 2>"$tmp/err" &&
	[ "$(counts "$tmp/b.json" | tr '\n' ' ')" = "score:10,50|(-∞, 10)|control|2 score:10,50|(-∞, 10)|8折券|0 score:10,50|[10, 50)|control|2 score:10,50|[10, 50)|8折券|2 score:10,50|[50, +∞)|control|1 score:10,50|[50, +∞)|8折券|2 score:10,50|-|control|1 score:10,50|-|8折券|1 " ]; then ok; else
	bad "blanks in the bin '-', last" "$(cat "$tmp/err"; counts "$tmp/b.json")"
fi
if "$UPLIFT" analyze "$d" --by shop*score:q2 --metrics conversion --format markdown >"$tmp/b.md" 2>"$tmp/err" &&
	grep -qF 'A\|&lt;b&gt;x&lt;/b&gt; × \[3, 33\]' "$tmp/b.md" && ! grep -q "$(printf '\033')" "$tmp/b.md"; then ok; else
	bad "markdown: crossed names escaped" "$(cat "$tmp/err"; grep '×' "$tmp/b.md" | head -5)"
fi
if "$UPLIFT" analyze "$d" --by shop*score:q2 --metrics conversion >"$tmp/b.txt" 2>"$tmp/err" &&
	grep -qF "B$(printf '\357\277\275')[31m × (33, 99]" "$tmp/b.txt" && ! grep -q "$(printf '\033')" "$tmp/b.txt"; then ok; else
	bad "table: control characters of crossed names escaped" "$(cat "$tmp/err"; grep '×' "$tmp/b.txt" | head -5)"
fi
# a list: cut points kept together, the next column after them
if "$UPLIFT" analyze "$d" --by score:10,50,tier --format json >"$tmp/l.json" 2>"$tmp/err" &&
	[ "$($PY -c 'import json,sys; print(sorted({c["segment"]["column"] for c in json.load(open(sys.argv[1]))["comparisons"] if c["segment"]}))' "$tmp/l.json" 2>&1)" = "['score:10,50', 'tier']" ]; then ok; else
	bad "--by score:10,50,tier is two columns" "$(cat "$tmp/err")"
fi

printf 'c9,control,gold,x,12abc,B\n' >>"$d/assignments.csv"
expect not-a-number 2 "uplift: assignments.csv:14: column 'score': not a number: '12abc' (--by score:q4 bins numbers; leave the field blank for a missing value)" -- analyze "$d" --by score:q4
h="see 'uplift help analyze'"
expect q1 2 "uplift: analyze: --by 'score:q1': quantile bins go from q2 to q10 ($h)" -- analyze "$d" --by score:q1
expect q11 2 "uplift: analyze: --by 'score:q11': quantile bins go from q2 to q10 ($h)" -- analyze "$d" --by score:q11
expect descending 2 "uplift: analyze: --by 'score:100,50': cut points must be ascending, each above the one before (50 after 100) ($h)" -- analyze "$d" --by score:100,50
expect three 2 "uplift: analyze: --by 'tier*shop*score': a crossing is of two columns (A*B) ($h)" -- analyze "$d" --by 'tier*shop*score'
expect self 2 "uplift: analyze: --by 'score*score:q2': a column crossed with itself ($h)" -- analyze "$d" --by 'score*score:q2'
expect unknown 2 "uplift: assignments.csv:1: no column 'spend' to break down by (--by)" -- analyze "$d" --by spend:q4
expect unknown-cross 2 "uplift: assignments.csv:1: no column 'nope' to break down by (--by)" -- analyze "$d" --by tier*nope
expect bad-bins 2 "uplift: report: --by 'score:x': after ':' come quantile bins (q2 to q10) or ascending cut points (0,100,500) (see 'uplift help report')" -- report "$d" --by score:x
# a crossing of more than 1,000 cells is refused like a column of more than 1,000 values
d=$(folder cells)
$PY - "$d/assignments.csv" <<'PYEOF'
import sys
with open(sys.argv[1], "w") as f:
    f.write("user_id,arm,a,b\n")
    for i in range(1100):
        f.write(f"u{i},{'control' if i % 2 else '8折券'},{i % 40},{i // 40}\n")
PYEOF
expect cells 2 "uplift: --by a*b: more than 1000 cells: cross columns with fewer values, or bin them" -- analyze "$d" --by 'a*b'
expect many-cuts 2 "uplift: analyze: --by 'a:$(seq -s, 1 51)': at most 50 cut points ($h)" -- analyze "$d" --by "a:$(seq -s, 1 51)"

finish
