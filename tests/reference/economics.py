#!/usr/bin/python3
"""Reference for the economics of tests/fixtures/small (tests/unit/test_economics.c)."""
import math
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW
import numpy as np
# small fixture per user: amount (before discount), discount, paid
ctl = dict(amount=[30,0,45,0,0,40], discount=[0]*6)
trt = dict(amount=[50,50,0,18,36], discount=[10,6,0,3.6,2])
g = 0.6
pc = np.array(ctl['amount'])*g - np.array(ctl['discount'])
pt = np.array(trt['amount'])*g - np.array(trt['discount'])
cm = CompareMeans(DescrStatsW(pt), DescrStatsW(pc)); lo, hi = cm.tconfint_diff(alpha=0.05, usevar='unequal')
print('profit', repr(pt.mean()-pc.mean()), repr(lo), repr(hi))
# conversion 4 of 5 treated, 3 of 6 control: the cost per incremental buyer
# only when the Newcombe interval of the difference is above 0
from statsmodels.stats.proportion import confint_proportions_2indep
print('conversion diff newcombe', [repr(v) for v in confint_proportions_2indep(4, 5, 3, 6, method="newcomb", compare="diff")])
