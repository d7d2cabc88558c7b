#!/usr/bin/python3
"""The analyst's alternative, for `make bench`: the same analysis as
`uplift analyze DIR` written the way a pandas + statsmodels notebook would:
the same input checks (unique assignments, known arms, valid dates and
amounts), the per-arm estimates (Wilson, t, delta method), every treatment
arm against control on conversion, repurchase, revenue, orders, discount and
aov with the same methods, chance to win, Holm, the sample-ratio test, and
the coupon economics.

usage: pandas_baseline.py DIR        prints one JSON line with the results
"""
import configparser
import json
import math
import sys

import numpy as np
import pandas as pd
from scipy import integrate, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

folder = sys.argv[1]
cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
cp.read(f"{folder}/experiment.ini", encoding="utf-8-sig")
e = cp["experiment"]
control, start, end = e["control"], e["start"], e["end"]
arms = [s[4:].strip() for s in cp.sections() if s.startswith("arm ")]

weights = {a: float(cp[f"arm {a}"].get("weight", "1")) for a in arms}
margin = float(cp["economics"]["gross_margin"]) if cp.has_section("economics") else None

asg = pd.read_csv(f"{folder}/assignments.csv", dtype=str, keep_default_na=False)
assert not asg["user_id"].duplicated().any(), "a user is assigned twice"
assert asg["arm"].isin(arms).all(), "an arm is not defined"
orders = pd.read_csv(f"{folder}/orders.csv", dtype={"user_id": str})
orders["discount"] = orders["discount"].fillna(0.0)
ts = pd.to_datetime(orders["order_time"])  # ISO 8601; raises on a bad date
assert (orders["amount"] >= 0).all() and (orders["discount"] >= 0).all()
assert (orders["discount"] <= orders["amount"]).all()
day = ts.dt.normalize()
known = orders["user_id"].isin(asg["user_id"])
inside = (day >= pd.Timestamp(start)) & (day <= pd.Timestamp(end))
counts = {"in_window": int((known & inside).sum()), "outside": int((known & ~inside).sum()),
          "unassigned": int((~known).sum())}
w = orders[known & inside].copy()
w["paid"] = w["amount"] - w["discount"]
w["redeemed"] = (w["discount"] > 0).astype(float)
g = w.groupby("user_id").agg(orders=("paid", "size"), revenue=("paid", "sum"),
                             discount=("discount", "sum"), amount=("amount", "sum"),
                             redeemed=("redeemed", "max"))
u = asg.merge(g, how="left", left_on="user_id", right_index=True).fillna(
    {"orders": 0, "revenue": 0.0, "discount": 0.0, "amount": 0.0, "redeemed": 0.0})
u["conversion"] = (u["orders"] >= 1).astype(float)
u["repurchase"] = (u["orders"] >= 2).astype(float)
z = stats.norm.ppf(0.975)
n_arm = u.groupby("arm").size()
srm = stats.chisquare([n_arm[a] for a in arms],
                      f_exp=[len(u) * weights[a] / sum(weights.values()) for a in arms])
summary = {}
for a in arms:
    d = u[u["arm"] == a]
    summary[a] = {m: proportion_confint(d[m].sum(), len(d), method="wilson")
                  for m in ("conversion", "repurchase")}
    for m in ("revenue", "orders", "discount"):
        summary[a][m] = DescrStatsW(d[m].to_numpy(float)).tconfint_mean()
out = []
c = u[u["arm"] == control]
for a in arms:
    if a == control:
        continue
    t = u[u["arm"] == a]
    for m in ("conversion", "repurchase"):
        xt, nt, xc, nc = t[m].sum(), len(t), c[m].sum(), len(c)
        lo, hi = confint_proportions_2indep(xt, nt, xc, nc, method="newcomb", compare="diff")
        llo, lhi = confint_proportions_2indep(xt, nt, xc, nc, method="log", compare="ratio")
        p = (xt + xc) / (nt + nc)
        zz = (xt / nt - xc / nc) / math.sqrt(p * (1 - p) * (1 / nt + 1 / nc))
        proportion_confint(xt, nt, method="wilson")
        win = integrate.quad(lambda q: stats.beta.pdf(q, 1 + xt, 1 + nt - xt) *
                             stats.beta.cdf(q, 1 + xc, 1 + nc - xc), 0, 1, limit=200)[0]
        out.append((a, m, xt / nt - xc / nc, lo, hi, llo - 1, lhi - 1, 2 * stats.norm.sf(abs(zz))))
    for m in ("revenue", "orders", "discount"):
        cm = CompareMeans(DescrStatsW(t[m].to_numpy(float)), DescrStatsW(c[m].to_numpy(float)))
        lo, hi = cm.tconfint_diff(usevar="unequal")
        mt, mc = t[m].mean(), c[m].mean()
        if mt > 0 and mc > 0:
            se = math.sqrt(t[m].var() / (len(t) * mt ** 2) + c[m].var() / (len(c) * mc ** 2))
            lift = (math.exp(math.log(mt / mc) - z * se) - 1, math.exp(math.log(mt / mc) + z * se) - 1)
        win = stats.norm.cdf((mt - mc) / math.sqrt(t[m].var() / len(t) + c[m].var() / len(c)))
        out.append((a, m, mt - mc, lo, hi, None, None, cm.ttest_ind(usevar="unequal")[1]))
    def ratio(d):
        y, x = d["revenue"].to_numpy(), d["orders"].to_numpy()
        r = y.sum() / x.sum()
        cv = np.cov(y, x, ddof=1)
        return r, (cv[0, 0] - 2 * r * cv[0, 1] + r * r * cv[1, 1]) / (len(y) * x.mean() ** 2)
    rt, vt = ratio(t)
    rc, vc = ratio(c)
    s = math.sqrt(vt + vc)
    out.append((a, "aov", rt - rc, rt - rc - z * s, rt - rc + z * s, None, None,
                2 * stats.norm.sf(abs(rt - rc) / s)))
adj = multipletests([o[7] for o in out], method="holm")[1]
econ = []
if margin is not None:
    u["profit"] = margin * u["amount"] - u["discount"]
    c = u[u["arm"] == control]
    for a in arms:
        if a == control:
            continue
        t = u[u["arm"] == a]
        cm = CompareMeans(DescrStatsW(t["profit"].to_numpy(float)),
                          DescrStatsW(c["profit"].to_numpy(float)))
        dconv = t["conversion"].mean() - c["conversion"].mean()
        econ.append((a, t["profit"].mean() - c["profit"].mean(), *cm.tconfint_diff(usevar="unequal"),
                     t["discount"].mean() / dconv if dconv > 0 else None))
print(json.dumps({"counts": counts, "srm": [srm.statistic, srm.pvalue],
                  "comparisons": [list(o) + [p] for o, p in zip(out, adj)], "economics": econ},
                 default=float))
