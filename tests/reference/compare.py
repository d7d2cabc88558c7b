#!/usr/bin/python3
"""Reference values for tests/unit/test_compare.c: uplift_compare(_with) on moments.

Rates from counts (statsmodels), means and CUPED from per-user arrays
(statsmodels Welch), the ratio by the delta method and the sequential
interval from the formulas of the contract, written here from the papers.
"""
import math
import numpy as np
from scipy.stats import norm
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

# rates: 45 of 300 treated, 30 of 310 control
print("newcombe", [repr(v) for v in confint_proportions_2indep(45, 300, 30, 310, method="newcomb", compare="diff")])
print("katz lift", [repr(v - 1) for v in confint_proportions_2indep(45, 300, 30, 310, method="log", compare="ratio")])
print("pooled z p", repr(proportions_ztest([45, 30], [300, 310])[1]))

# means (revenue per user) and their pre-period covariate
yt = np.array([0, 12.5, 30, 0, 8, 45, 0, 22, 16, 0])
xt = np.array([0, 10, 25, 5, 0, 40, 0, 20, 12, 3])
yc = np.array([0, 10, 0, 5, 18, 0, 0, 7, 30])
xc = np.array([2, 12, 0, 0, 15, 4, 0, 9, 26])
cm = CompareMeans(DescrStatsW(yt), DescrStatsW(yc))
print("welch ci", [repr(v) for v in cm.tconfint_diff(usevar="unequal")], "p", repr(cm.ttest_ind(usevar="unequal")[1]))
lr = math.log(yt.mean() / yc.mean())
se = math.sqrt(yt.var(ddof=1) / (len(yt) * yt.mean() ** 2) + yc.var(ddof=1) / (len(yc) * yc.mean() ** 2))
print("log lift", repr(math.exp(lr - norm.ppf(0.975) * se) - 1), repr(math.exp(lr + norm.ppf(0.975) * se) - 1))

# CUPED: theta pooled over both arms, Y' = Y - theta (X - mean X), Welch on Y'
x, y = np.concatenate([xt, xc]), np.concatenate([yt, yc])
theta = np.cov(x, y, ddof=1)[0, 1] / x.var(ddof=1)
at, ac = yt - theta * (xt - x.mean()), yc - theta * (xc - x.mean())
cm = CompareMeans(DescrStatsW(at), DescrStatsW(ac))
print("cuped theta", repr(theta), "reduction", repr(np.corrcoef(x, y)[0, 1] ** 2))
print("cuped diff", repr(at.mean() - ac.mean()), "ci", [repr(v) for v in cm.tconfint_diff(usevar="unequal")],
      "p", repr(cm.ttest_ind(usevar="unequal")[1]))

# ratio (aov): y = paid value, x = orders per user; delta method, normal interval and z test
def ratio(y, x):
    n, r, mx = len(y), y.sum() / x.sum(), x.mean()
    v = (y.var(ddof=1) - 2 * r * np.cov(x, y, ddof=1)[0, 1] + r * r * x.var(ddof=1)) / (n * mx * mx)
    return r, v
rt, vt = ratio(yt, np.array([0, 1, 2, 0, 1, 3, 0, 1, 1, 0]))
rc, vc = ratio(yc, np.array([0, 1, 0, 1, 2, 0, 0, 1, 2]))
d, se = rt - rc, math.sqrt(vt + vc)
print("ratio diff", repr(d), repr(d - norm.ppf(0.975) * se), repr(d + norm.ppf(0.975) * se), "p", repr(2 * norm.sf(abs(d) / se)))

# sequential (mSPRT, Johari, Pekelis and Walsh 2017) for the rates above, tau2 = V (n_t + n_c) / 5000
pt, pc = 45 / 300, 30 / 310
V = pt * (1 - pt) / 300 + pc * (1 - pc) / 310
t2 = V * 610 / 5000
h = math.sqrt(V * (V + t2) / t2 * (math.log((V + t2) / V) - 2 * math.log(0.05)))
p = min(1, math.sqrt((V + t2) / V) * math.exp(-t2 * (pt - pc) ** 2 / (2 * V * (V + t2))))
print("sequential", repr(t2), repr(pt - pc - h), repr(pt - pc + h), "p", repr(p))
