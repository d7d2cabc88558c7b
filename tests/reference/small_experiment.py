#!/usr/bin/python3
"""Independent reference numbers for tests/fixtures/small (statsmodels/scipy).

Run: /usr/bin/python3 tests/reference/small_experiment.py
The per-user values below are read off orders.csv by hand: orders inside
2026-11-16..2026-11-22 only; x9 is unassigned; c1's order on 11-15 and t3's
on 11-23 are outside the window.
"""
import numpy as np
from scipy import stats
from statsmodels.stats.proportion import proportion_confint, confint_proportions_2indep
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

# paid value (amount - discount), orders, discount per user
control = {"c1": (30, 1, 0), "c2": (0, 0, 0), "c3": (45, 2, 0), "c4": (0, 0, 0),
           "c5": (0, 0, 0), "c6": (40, 1, 0)}
treat = {"t1": (40, 1, 10), "t2": (44, 2, 6), "t3": (0, 0, 0), "t4": (14.4, 1, 3.6),
         "t5": (34, 3, 2)}

def arr(d, k):
    return np.array([v[k] for v in d.values()], dtype=float)

def show(label, *xs):
    print(label, " ".join(repr(float(x)) for x in xs))

yc, yt = arr(control, 0), arr(treat, 0)
oc, ot = arr(control, 1), arr(treat, 1)
conv_c, conv_t = (oc >= 1).sum(), (ot >= 1).sum()
rep_c, rep_t = (oc >= 2).sum(), (ot >= 2).sum()
show("conversion counts", conv_c, conv_t, rep_c, rep_t)
show("wilson control conversion", *proportion_confint(conv_c, 6, 0.05, "wilson"))
show("newcomb conversion", *confint_proportions_2indep(conv_t, 5, conv_c, 6, method="newcomb", compare="diff"))
show("katz conversion (ratio)", *confint_proportions_2indep(conv_t, 5, conv_c, 6, method="log", compare="ratio"))
z = (conv_t/5 - conv_c/6) / np.sqrt((conv_t+conv_c)/11 * (1-(conv_t+conv_c)/11) * (1/5 + 1/6))
show("pooled z p conversion", 2 * stats.norm.sf(abs(z)))
cm = CompareMeans(DescrStatsW(yt), DescrStatsW(yc))
lo, hi = cm.tconfint_diff(alpha=0.05, usevar="unequal")
show("welch revenue diff ci p", yt.mean() - yc.mean(), lo, hi, cm.ttest_ind(usevar="unequal")[1])
m = stats.t.interval(0.95, len(yc) - 1, loc=yc.mean(), scale=stats.sem(yc))
show("control revenue mean ci", yc.mean(), *m)
zq = stats.norm.ppf(0.975)
se = np.sqrt(yt.var(ddof=1)/(5*yt.mean()**2) + yc.var(ddof=1)/(6*yc.mean()**2))
show("revenue lift", yt.mean()/yc.mean() - 1, np.exp(np.log(yt.mean()/yc.mean()) - zq*se) - 1,
     np.exp(np.log(yt.mean()/yc.mean()) + zq*se) - 1)
def ratio(y, x):
    n = len(y); r = y.sum()/x.sum(); c = np.cov(y, x, ddof=1)
    return r, (c[0,0] - 2*r*c[0,1] + r*r*c[1,1]) / (n * x.mean()**2)
rt, vt = ratio(yt, ot); rc, vc = ratio(yc, oc)
d = rt - rc; s = np.sqrt(vt + vc)
show("aov t c diff lo hi p", rt, rc, d, d - zq*s, d + zq*s, 2*stats.norm.sf(abs(d)/s))
show("srm", *stats.chisquare([6, 5], f_exp=[5.5, 5.5]))
