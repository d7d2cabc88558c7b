#!/usr/bin/python3
"""check_charts.py PACK ROOT: the charts of a report pack as tests/cli/84-charts.sh
wants them (see there); prints one line per fault, exit 1 on any."""
import glob, json, math, os, re, sys
pack, root = sys.argv[1], sys.argv[2]
zh = "zh" in os.path.basename(pack)
report = open(f"{pack}/report.md", encoding="utf-8").read()
summary = json.load(open(f"{pack}/summary.json", encoding="utf-8"))
why = []
forests = sorted(glob.glob(f"{pack}/forest.gp") + glob.glob(f"{pack}/segments-*.gp"))
if not forests:
    why.append("no forest chart")
for gp in forests:
    name = os.path.basename(gp)[:-3]
    script = open(gp, encoding="utf-8").read()
    # the zero line: 0 strictly inside the x range
    m = re.search(r"^set xrange \[([-0-9.e+]+):([-0-9.e+]+)\]$", script, re.M)
    if not m:
        why.append(f"{name}: no explicit x range")
        continue
    lo, hi = float(m.group(1)), float(m.group(2))
    if not lo < 0 < hi:
        why.append(f"{name}: x range [{lo}, {hi}] does not hold 0")
    if "set arrow 1 from 0, graph 0 to 0, graph 1" not in script:
        why.append(f"{name}: no zero line")
    lines = open(f"{pack}/{name}.dat", encoding="utf-8").read().split("\n")
    rows = [l.split("\t") for l in lines[1:] if l]
    clipped = sum(1 for r in rows if r[7] != "NaN" or r[8] != "NaN")
    missing = sum(1 for r in rows if r[2] == "NaN")
    for r in rows:  # a clipped end is drawn at the edge, inside the range
        if r[2] != "NaN" and not (lo <= float(r[3]) <= float(r[4]) <= hi):
            why.append(f"{name}: row {r[0]} drawn outside [{lo}, {hi}]")
    # the note: in report.md (under the chart's image) and in the chart
    # what report.md says under the chart: up to the next image or heading
    below = report[report.find(f"]({name}.png)"):]
    below = re.split(r"\n(?:!\[|#)", below[1:])[0]
    said_clip = re.findall(r"(?:Intervals clipped at [^:]*: (\d+);|区间被截断于 [^：]*：(\d+) 条)", below)
    said_clip = [int(a or b) for a, b in said_clip[:1]]
    if clipped and said_clip != [clipped]:
        why.append(f"{name}: {clipped} rows clipped, the note says {said_clip}")
    if not clipped and said_clip:
        why.append(f"{name}: nothing clipped, the note says {said_clip}")
    if clipped and str(clipped) not in re.findall(r"^set label 1 .*$", script, re.M)[0]:
        why.append(f"{name}: the chart's own note does not count {clipped} clipped rows")
    said_missing = re.findall(r"(?:marked in the chart: (\d+)\.|图中已标出：(\d+) 行)",
                              below)
    said_missing = [int(a or b) for a, b in said_missing[:1]]
    if missing and said_missing != [missing]:
        why.append(f"{name}: {missing} rows without an estimate, the note says {said_missing}")
    # no row dropped: one per comparison of the column and metric, in order
    if name.startswith("segments-"):
        col = summary["experiment"].get("by", None)
        k = int(name.split("-")[1]) - 1
        segs = [c for c in summary["comparisons"] if c["segment"]]
        cols = []
        for c in segs:
            if c["segment"]["column"] not in cols:
                cols.append(c["segment"]["column"])
        metric = "revenue"
        want = [c for c in segs if c["segment"]["column"] == cols[k] and c["metric"] == metric]
        if len(want) != len(rows):
            why.append(f"{name}: {len(rows)} rows, summary.json has {len(want)} comparisons "
                       f"of {cols[k]} on {metric}")
        arm_label = {"control": "不触达"} if zh else {}
        for r, c in zip(rows, want):
            if not r[1].startswith(c["segment"]["value"].replace("\\", "\\\\") + " · "):
                why.append(f"{name}: row {r[0]} is {r[1]!r}, summary.json's {c['segment']['value']!r}")
                break
            if (r[2] == "NaN") != (c["lift_ci_low"] is None or bool(c.get("small"))):
                why.append(f"{name}: row {r[0]} ({r[1]}) drawn {r[2]} though small={c.get('small')}")
                break
# the basket: the last bin drawn, with the share of orders of 200 or more
if os.path.exists(f"{pack}/basket.dat"):
    import pandas as pd
    exp = "experiments/coffee-w47"
    a = pd.read_csv(f"{root}/{exp}/assignments.csv", dtype=str)
    o = pd.read_csv(f"{root}/{exp}/orders.csv", dtype={"user_id": str})
    o = o[(o.order_time >= "2026-11-16") & (o.order_time < "2026-11-23")].merge(a, on="user_id")
    share = (o.amount >= 200).groupby(o.arm).mean() * 100
    text = open(f"{pack}/basket.dat", encoding="utf-8").read().split("\n\n\n")[0].split("\n")
    head, body = text[0].split("\t"), [l.split("\t") for l in text[1:] if l]
    last = [r for r in body if r[0] == "200"]
    close = [r for r in body if r[0] == "205"]
    if not last or not close or close[0][1:] != last[0][1:]:
        why.append("basket: no 200+ bin, or its step is not closed at 205")
    else:
        names = {"不触达": "control"}
        for i, arm in enumerate(head[1:], 1):
            got, want = float(last[0][i]), share.get(names.get(arm, arm), 0.0)
            if abs(got - want) > 1e-5:
                why.append(f"basket: 200+ share of {arm} is {got}, pandas {want:.6f}")
    gp = open(f"{pack}/basket.gp", encoding="utf-8").read()
    if not re.search(r"set xtics add \('(200\+|≥200)' 202\.5\)", gp) or "set xrange [0:205]" not in gp:
        why.append("basket: the x axis does not run to 205 with the last bin labelled")
    if "rect from 80, graph 0 to 95, graph 1" not in gp:
        why.append("basket: no threshold band 80-95")
print("\n".join(why))
sys.exit(1 if why else 0)
