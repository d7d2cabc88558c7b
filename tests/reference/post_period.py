"""post_period.py DIR JSON: uplift's "post" block (post_days) against an
independent computation from the raw CSV files with pandas + statsmodels:
per member, revenue (paid = amount - discount), orders and conversion over
the post period (the post_days after end) and over window + post; each
coupon arm against control by Welch's t (revenue, orders;
statsmodels.stats.weightstats.CompareMeans.ttest_ind/tconfint_diff with
usevar="unequal") and the pooled z-test with Newcombe's interval
(conversion; statsmodels proportions_ztest, pooled, and
confint_proportions_2indep method "newcomb"). Exit 1 on a difference beyond 1e-6."""
import configparser
import json
import sys

import numpy as np
import pandas as pd
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

d, j = sys.argv[1], json.load(open(sys.argv[2], encoding="utf-8"))
ini = configparser.ConfigParser(inline_comment_prefixes=(";",))
ini.read(f"{d}/experiment.ini", encoding="utf-8")
e = ini["experiment"]
start, end, post = pd.Timestamp(e["start"]), pd.Timestamp(e["end"]), int(e["post_days"])
a = pd.read_csv(f"{d}/assignments.csv", dtype=str)
o = pd.read_csv(f"{d}/orders.csv", dtype={"user_id": str})
o["day"] = pd.to_datetime(o.order_time.str[:10])
o = o[o.user_id.isin(a.user_id)]
bad = 0
assert j["post"]["start"] == (end + pd.Timedelta(days=1)).strftime("%Y-%m-%d"), j["post"]
assert j["post"]["end"] == (end + pd.Timedelta(days=post)).strftime("%Y-%m-%d"), j["post"]
n_post = int(((o.day > end) & (o.day <= end + pd.Timedelta(days=post))).sum())
if j["data"]["orders_post"] != n_post:
    print(f"MISMATCH orders_post {j['data']['orders_post']} vs {n_post}")
    bad += 1


def close(what, got, want):
    global bad
    if got is None or not np.isfinite(want) or abs(got - want) > 1e-6 * max(1.0, abs(want)):
        print(f"MISMATCH {what}: uplift {got}, reference {want}")
        bad += 1


for name, lo, hi in (("comparisons", end + pd.Timedelta(days=1), end + pd.Timedelta(days=post)),
                     ("net", start, end + pd.Timedelta(days=post))):
    w = o[(o.day >= lo) & (o.day <= hi)]
    g = w.groupby("user_id")
    u = a.set_index("user_id")
    u["revenue"] = (g.amount.sum() - g.discount.sum()).reindex(u.index).fillna(0.0)
    u["orders"] = g.size().reindex(u.index).fillna(0).astype(float)
    u["conversion"] = (u.orders >= 1).astype(float)
    got = {(c["arm"], c["metric"]): c for c in j["post"][name]}
    ctl = e["control"]
    for arm in [x for x in u.arm.unique() if x != ctl]:
        t, c = u[u.arm == arm], u[u.arm == ctl]
        for m in ("revenue", "orders"):
            cm = CompareMeans(DescrStatsW(t[m].values), DescrStatsW(c[m].values))
            _, p, _ = cm.ttest_ind(usevar="unequal")
            l, h = cm.tconfint_diff(usevar="unequal")
            x = got[(arm, m)]
            close(f"{name} {arm} {m} diff", x["diff"], t[m].mean() - c[m].mean())
            close(f"{name} {arm} {m} low", x["diff_ci_low"], l)
            close(f"{name} {arm} {m} high", x["diff_ci_high"], h)
            close(f"{name} {arm} {m} p", x["p_value"], p)
        xt, xc, nt, nc = t.conversion.sum(), c.conversion.sum(), len(t), len(c)
        l, h = confint_proportions_2indep(xt, nt, xc, nc, method="newcomb")
        _, p = proportions_ztest([xt, xc], [nt, nc])  # pooled, as prop.test(correct=FALSE)
        x = got[(arm, "conversion")]
        close(f"{name} {arm} conversion diff", x["diff"], xt / nt - xc / nc)
        close(f"{name} {arm} conversion low", x["diff_ci_low"], l)
        close(f"{name} {arm} conversion high", x["diff_ci_high"], h)
        close(f"{name} {arm} conversion p", x["p_value"], p)
print(f"post_period: {d}: {'%d mismatches' % bad if bad else 'ok'}")
sys.exit(1 if bad else 0)
