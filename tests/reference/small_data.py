#!/usr/bin/python3
"""Reference values for the small-data rules (issue 15), computed from the
per-user arrays the unit tests build their moments from:

  tests/unit/test_compare.c    the one-buyer ratio, the one-user and the
                               zero-variance cells (what the formulas give
                               there, and why it is no information)
  tests/unit/test_economics.c  cost per incremental buyer and the share of
                               redeemers who were extra buyers (delta method
                               from np.cov of the stacked per-user values,
                               cross-checked by statsmodels' NonlinearDeltaCov)
  tests/unit/test_heterogeneity.c, test_checks.c
                               per-segment sample ratio (scipy chisquare,
                               statsmodels multipletests holm), also of
                               experiments/coffee-w47 --by rfm_segment

usage: /usr/bin/python3 tests/reference/small_data.py [section]
"""
import math
import sys

import numpy as np
from scipy import stats
from statsmodels.miscmodels.count import NonlinearDeltaCov
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep

Z = stats.norm.ppf(0.975)


def ratio(y, x):
    """aov = sum y / sum x with its delta-method variance (np.cov, n - 1)."""
    n, r, mx = len(y), y.sum() / x.sum(), x.mean()
    c = np.cov(y, x, ddof=1)
    return r, (c[0, 0] - 2 * r * c[0, 1] + r * r * c[1, 1]) / (n * mx * mx)


def compare():
    # the one-buyer control: 26 users, one of them with 2 orders paying 104.50
    # (coffee-w47's 重要发展客户 · control); the treatment: 30 users, 8 buyers
    ot = np.array([1, 2, 1, 1, 3, 1, 1, 2] + [0] * 22, float)
    yt = np.array([60, 150, 55, 80, 210, 45, 70, 120] + [0] * 22, float)
    oc = np.array([2] + [0] * 25, float)
    yc = np.array([104.5] + [0] * 25, float)
    rt, vt = ratio(yt, ot)
    rc, vc = ratio(yc, oc)
    print("one buyer: control variance", repr(vc), "(exactly 0: no information)")
    print("  diff", repr(rt - rc), "lift", repr(rt / rc - 1), "treatment", repr(rt), "control", repr(rc))
    print("  the old p from that variance", repr(2 * stats.norm.sf(abs(rt - rc) / math.sqrt(vt + vc))))
    # one user per arm: the variance of one value is undefined
    print("one user: np.var([1], ddof=1) =", np.var(np.array([1.0]), ddof=1))
    print("  rates 1/1 vs 0/1 would give Newcombe",
          [repr(v) for v in confint_proportions_2indep(1, 1, 0, 1, method="newcomb", compare="diff")])
    # every user alike: revenue 10 in 5 treated users, 8 in 4 control users
    t, c = np.full(5, 10.0), np.full(4, 8.0)
    lv = t.var(ddof=1) / (5 * 100) + c.var(ddof=1) / (4 * 64)
    print("no variation: log-lift variance", repr(lv), "diff", repr(t.mean() - c.mean()),
          "lift", repr(t.mean() / c.mean() - 1))
    # everyone converts in both arms: Katz variance 1/x_t - 1/n_t + 1/x_c - 1/n_c
    print("all events: Katz variance", repr(1 / 100 - 1 / 100 + 1 / 120 - 1 / 120))


def users():
    """Per-user orders, paid value and discount of three arms (0 control,
    1 a 20%-off coupon with a clear conversion gain, 2 an 80-15 coupon
    without one) in two segment values; printed as C for test_economics.c."""
    rng = np.random.default_rng(15)
    rows = []
    conv = {0: (0.20, 0.30), 1: (0.45, 0.60), 2: (0.25, 0.30)}
    for arm in range(3):
        for seg in range(2):
            for _ in range(40 if seg == 0 else 30):
                orders = 0
                if rng.random() < conv[arm][seg]:
                    orders = 1 + rng.poisson(0.4)
                paid = discount = 0.0
                for _ in range(orders):
                    amount = float(round(rng.gamma(4, 15)))
                    d = 0.0
                    if arm == 1 and rng.random() < 0.8:
                        d = round(0.2 * amount, 2)
                    elif arm == 2 and amount >= 80 and rng.random() < 0.9:
                        d = 15.0
                    paid += amount - d
                    discount += d
                rows.append((arm, seg, orders, round(paid, 2), round(discount, 2)))
    return rows


def nl_se(nl):
    """statsmodels' delta method (numerical gradient, central differences)."""
    g = np.atleast_2d(nl.grad(centered=True))
    return math.sqrt((g @ nl.cov_params @ g.T)[0, 0])


def economics_of(u, arm, control, g):
    t, c = u[u[:, 0] == arm], u[u[:, 0] == control]
    out = {}
    for name, col in (("revenue", lambda d: d[:, 3]),
                      ("profit", lambda d: g * (d[:, 3] + d[:, 4]) - d[:, 4])):
        yt, yc = col(t), col(c)
        vt, vc = yt.var(ddof=1) / len(yt), yc.var(ddof=1) / len(yc)
        df = (vt + vc) ** 2 / (vt ** 2 / (len(yt) - 1) + vc ** 2 / (len(yc) - 1))
        h = stats.t.ppf(0.975, df) * math.sqrt(vt + vc)
        est = yt.mean() - yc.mean()
        out[name] = (est, est - h, est + h)
    ct, cc = (t[:, 2] >= 1).astype(float), (c[:, 2] >= 1).astype(float)
    rt, rc = (t[:, 4] > 0).astype(float), (c[:, 4] > 0).astype(float)
    nt, nc = len(t), len(c)
    dc, dr = ct.mean() - cc.mean(), rt.mean() - rc.mean()
    lo, hi = confint_proportions_2indep(ct.sum(), nt, cc.sum(), nc, method="newcomb", compare="diff")
    out["newcombe"] = (lo, hi)  # the cost per incremental buyer only when lo > 0
    # cost per incremental buyer: D / dc, params (D, p_t, p_c); the covariance
    # of the means from np.cov of the treated users' (d, c)
    k = np.cov(np.vstack([t[:, 4], ct]), ddof=1) / nt
    cov = np.array([[k[0, 0], k[0, 1], 0], [k[0, 1], k[1, 1], 0], [0, 0, cc.var(ddof=1) / nc]])
    par = np.array([t[:, 4].mean(), ct.mean(), cc.mean()])
    f = par[0] / dc
    grad = np.array([1 / dc, -par[0] / dc ** 2, par[0] / dc ** 2])
    se = math.sqrt(grad @ cov @ grad)
    nl = NonlinearDeltaCov(lambda p: np.atleast_1d(p[0] / (p[1] - p[2])), par, cov)
    out["cost"] = (f, f - Z * se, f + Z * se, nl_se(nl) / se - 1 if se > 0 else math.nan)
    # share of redeemers who were extra buyers: dc / dr, params (p_t, r_t, p_c, r_c)
    kt = np.cov(np.vstack([ct, rt]), ddof=1) / nt
    kc = np.cov(np.vstack([cc, rc]), ddof=1) / nc
    cov = np.zeros((4, 4))
    cov[:2, :2], cov[2:, 2:] = kt, kc
    par = np.array([ct.mean(), rt.mean(), cc.mean(), rc.mean()])
    if dr > 0:
        f = dc / dr
        grad = np.array([1 / dr, -dc / dr ** 2, -1 / dr, dc / dr ** 2])
        se = math.sqrt(grad @ cov @ grad)
        nl = NonlinearDeltaCov(lambda p: np.atleast_1d((p[0] - p[2]) / (p[1] - p[3])), par, cov)
        out["share"] = (f, f - Z * se, f + Z * se, nl_se(nl) / se - 1 if se > 0 else math.nan)
    out["discount_per_user"] = t[:, 4].mean()
    out["redemption"] = rt.mean()
    return out


def economics():
    u = np.array(users())
    if "c" in sys.argv[2:]:
        print("static const struct user users[] = {")
        print("\n".join("    {%d, %d, %d, %.2f, %.2f}," % tuple(r) for r in u))
        print("};")
        return
    for control in (0, 1):
        for seg in (None, 0, 1):
            d = u if seg is None else u[u[:, 1] == seg]
            for arm in range(3):
                if arm == control:
                    continue
                e = economics_of(d, arm, control, 0.6)
                print(f"control {control} segment {seg} arm {arm}:")
                for k, v in e.items():
                    # cost, share: est, lo, hi, statsmodels' se / this se - 1
                    print("   ", k, [repr(float(x)) for x in np.atleast_1d(v)])


def srm():
    # users per arm (weights 1:1:1) in the six values of one column; the
    # last value has no users (its chi-square is undefined: left out)
    counts = [[400, 380, 420], [47, 85, 47], [30, 31, 29], [200, 150, 210], [12, 40, 11], [0, 0, 0]]
    ps = []
    for c in counts:
        if sum(c) == 0:
            print("no users: chi-square undefined")
            continue
        r = stats.chisquare(c)
        ps.append(r.pvalue)
        print(c, "chi2", repr(r.statistic), "p", repr(r.pvalue))
    print("holm", [repr(p) for p in multipletests(ps, method="holm")[1]])
    total = [sum(c[a] for c in counts) for a in range(3)]
    r = stats.chisquare(total)
    print("overall", total, "chi2", repr(r.statistic), "p", repr(r.pvalue))
    # test_checks.c: the same users against planned weights 2:1:1
    r = stats.chisquare(total, f_exp=[sum(total) * w / 4 for w in (2, 1, 1)])
    print("overall, weights 2:1:1: chi2", repr(r.statistic), "p", repr(r.pvalue))
    ps = [stats.chisquare(c, f_exp=[sum(c) * w / 4 for w in (2, 1, 1)]).pvalue for c in counts[:5]]
    print("  per value p", [repr(p) for p in ps])
    print("  holm", [repr(p) for p in multipletests(ps, method="holm")[1]])


def coffee():
    """experiments/coffee-w47 --by rfm_segment: the sample ratio per value
    from the raw files (the RFM segments of check_segments.py), Holm."""
    import os
    import pandas as pd
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import check_segments

    folder = "experiments/coffee-w47"
    ref, _ = check_segments.reference(folder)
    asg = pd.read_csv(f"{folder}/assignments.csv", dtype=str, keep_default_na=False)
    asg["seg"] = [ref[u][3] for u in asg["user_id"]]
    arms = ["control", "8折券", "满80减15"]  # experiment.ini, weights 1:1:1
    values, ps = [], []
    for v, d in asg.groupby("seg", sort=False):
        counts = [int((d["arm"] == a).sum()) for a in arms]
        values.append((v, counts))
        ps.append(stats.chisquare(counts).pvalue)
    adj = multipletests(ps, method="holm")[1]
    for (v, counts), p, q in zip(values, ps, adj):
        print(v, counts, "p", repr(p), "holm", repr(q))


sections = {"compare": compare, "economics": economics, "srm": srm, "coffee": coffee}
for name in sys.argv[1:2] or sections:
    sections[name]()
