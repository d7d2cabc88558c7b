"""review_dl.py REVIEW_JSON DIR...: the pooled effects of `uplift review`
checked against an independent computation: per experiment folder, each
member's profit (gross_margin x amount - discount over the window's orders;
pandas, from the raw CSV files), each arm's difference from control and its
Welch variance (var_t / n_t + var_c / n_c), then DerSimonian-Laird written
out in numpy (tau2 truncated at 0, as R metafor's rma(method="DL")). The
trends' points are checked too. Exit 1 on a mismatch beyond 1e-6."""
import configparser
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats

review, dirs = json.load(open(sys.argv[1], encoding="utf-8")), sys.argv[2:]
bad = 0


def close(what, got, want, tol=1e-6):
    global bad
    if got is None or abs(got - want) > tol * max(1.0, abs(want)):
        print(f"MISMATCH {what}: uplift {got}, reference {want}")
        bad += 1


effects = {}  # arm -> [(start, diff, var)]
for d in dirs:
    ini = configparser.ConfigParser(inline_comment_prefixes=(";",))
    ini.read(f"{d}/experiment.ini", encoding="utf-8")
    e = ini["experiment"]
    g = float(ini["economics"]["gross_margin"])
    a = pd.read_csv(f"{d}/assignments.csv", dtype=str)
    o = pd.read_csv(f"{d}/orders.csv", dtype={"user_id": str})
    day = o.order_time.str[:10]
    o = o[(day >= e["start"]) & (day <= e["end"])]
    prof = (g * o.amount - o.discount).groupby(o.user_id).sum()
    a["y"] = a.user_id.map(prof).fillna(0.0)
    arms = a.groupby("arm").y
    m, v, n = arms.mean(), arms.var(ddof=1), arms.count()
    c = e["control"]
    for arm in m.index:
        if arm != c:
            effects.setdefault(arm, []).append(
                (e["start"], m[arm] - m[c], v[arm] / n[arm] + v[c] / n[c]))

z = stats.norm.ppf(0.975)
pooled = {p["arm"]: p for p in review["pooled"]}
trends = {t["arm"]: t for t in review["trends"]}
for arm, pts in effects.items():
    if len(pts) < 2:
        continue
    pts.sort()
    y = np.array([p[1] for p in pts])
    v = np.array([p[2] for p in pts])
    for i, p in enumerate(trends[arm]["points"]):
        close(f"{arm} trend {i} diff", p["diff"], y[i])
    k, w = len(y), 1 / v
    fe = (w * y).sum() / w.sum()
    q = (w * (y - fe) ** 2).sum()
    tau2 = max(0.0, (q - (k - 1)) / (w.sum() - (w ** 2).sum() / w.sum()))
    ws = 1 / (v + tau2)
    mu = (ws * y).sum() / ws.sum()
    se = np.sqrt(1 / ws.sum())
    got = pooled[arm]
    close(f"{arm} estimate", got["estimate"], mu)
    close(f"{arm} ci_low", got["ci_low"], mu - z * se)
    close(f"{arm} ci_high", got["ci_high"], mu + z * se)
    close(f"{arm} tau2", got["tau2"], tau2, 1e-6)
    close(f"{arm} q", got["q"], q)
    close(f"{arm} i2", got["i2"], max(0.0, (q - (k - 1)) / q) if q > 0 else 0.0)
    if k >= 3:
        t = stats.t.ppf(0.975, k - 2)
        close(f"{arm} prediction_low", got["prediction_low"], mu - t * np.sqrt(tau2 + se ** 2))
        close(f"{arm} prediction_high", got["prediction_high"], mu + t * np.sqrt(tau2 + se ** 2))
    print(f"{arm}: k {k}, estimate {mu:.6f} [{mu - z * se:.6f}, {mu + z * se:.6f}], tau2 {tau2:.6g}")
if set(pooled) != {a for a, p in effects.items() if len(p) >= 2}:
    print(f"MISMATCH recurring arms: uplift {sorted(pooled)}, reference {sorted(effects)}")
    bad += 1
sys.exit(1 if bad else 0)
