"""The pre_period check of uplift, computed independently (pandas, scipy,
statsmodels), for tests/unit/test_pre_period.c and tests/cli/40-pre-period.sh.

    /usr/bin/python3 tests/reference/pre_period.py make DIR   # write the fixture
    /usr/bin/python3 tests/reference/pre_period.py DIR        # its reference values

The fixture (tests/fixtures/pre_period) is a planted fault: 150 users per
arm, the 8折券 users bought about three times as often as the others in
the 7 days before the test (the pre-period: the window's length, ending at
asof = start - 1), while the window itself is alike. Older history (before
the pre-period) is alike in every arm, and so is 满80减15.

The values: each treatment arm vs control on the pre-period value of
conversion (>= 1 order), repurchase (>= 2), revenue (paid = amount -
discount) and orders per user; rates by the pooled z-test
(statsmodels proportions_ztest) with Newcombe's interval
(confint_proportions_2indep, method="newcomb"), means by Welch
(scipy ttest_ind, equal_var=False; CompareMeans.tconfint_diff,
usevar="unequal"); Holm (multipletests) over all eight; flagged when the
adjusted p < 0.001.
"""
import os
import sys

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportions_ztest
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

INI = """; a planted fault: 8折券's users bought more before the test (tests/reference/pre_period.py)
[experiment]
name    = pre-period planted
control = control
start   = 2026-11-16
end     = 2026-11-22

[arm control]
weight = 1

[arm 8折券]
weight      = 1
percent_off = 20

[arm 满80减15]
weight     = 1
min_spend  = 80
amount_off = 15
"""
ARMS = ["control", "8折券", "满80减15"]
START = pd.Timestamp("2026-11-16")


def make(d):
    rng = np.random.default_rng(16)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "experiment.ini"), "w") as f:
        f.write(INI)
    users = [("U%04d" % (i + 1), ARMS[i % 3]) for i in range(450)]
    pd.DataFrame(users, columns=["user_id", "arm"]).to_csv(
        os.path.join(d, "assignments.csv"), index=False)
    hist, orders = [], []
    for uid, arm in users:
        # the pre-period: 7 days before start; 8折券 three times as often
        rate = 0.9 if arm == "8折券" else 0.3
        for _ in range(rng.poisson(rate)):
            day = START - pd.Timedelta(days=int(rng.integers(1, 8)))
            hist.append((uid, day + pd.Timedelta(minutes=int(rng.integers(420, 1320))),
                         round(float(rng.uniform(20, 90)), 2), 0.0))
        # older history, alike in every arm (outside the pre-period)
        for _ in range(rng.poisson(1.0)):
            day = START - pd.Timedelta(days=int(rng.integers(8, 90)))
            hist.append((uid, day + pd.Timedelta(minutes=int(rng.integers(420, 1320))),
                         round(float(rng.uniform(20, 90)), 2), 0.0))
        # the window: alike in every arm
        for _ in range(rng.poisson(0.3)):
            day = START + pd.Timedelta(days=int(rng.integers(0, 7)))
            amount = round(float(rng.uniform(20, 90)), 2)
            disc = 0.0
            if arm == "8折券":
                disc = round(amount * 0.2, 2)
            elif arm == "满80减15" and amount >= 80:
                disc = 15.0
            orders.append((uid, day + pd.Timedelta(minutes=int(rng.integers(420, 1320))),
                           amount, disc))
    for name, rows in (("history.csv", hist), ("orders.csv", orders)):
        df = pd.DataFrame(rows, columns=["user_id", "order_time", "amount", "discount"])
        df["order_time"] = df["order_time"].dt.strftime("%Y-%m-%d %H:%M:%S")
        df.to_csv(os.path.join(d, name), index=False, float_format="%.2f")


def pre_values(d):
    a = pd.read_csv(os.path.join(d, "assignments.csv"), dtype=str)
    h = pd.read_csv(os.path.join(d, "history.csv"), dtype={"user_id": str})
    day = pd.to_datetime(h["order_time"]).dt.normalize()
    h = h[(day >= START - pd.Timedelta(days=7)) & (day <= START - pd.Timedelta(days=1))]
    h = h.assign(paid=h["amount"] - h["discount"].fillna(0))
    per = h.groupby("user_id").agg(orders=("paid", "size"), revenue=("paid", "sum"))
    u = a.set_index("user_id").join(per).fillna({"orders": 0, "revenue": 0})
    u["conversion"] = (u["orders"] >= 1).astype(float)
    u["repurchase"] = (u["orders"] >= 2).astype(float)
    return u


def compare(u, arm, metric, alpha=0.05):
    t = u.loc[u["arm"] == arm, metric].to_numpy(float)
    c = u.loc[u["arm"] == "control", metric].to_numpy(float)
    if metric in ("conversion", "repurchase"):
        _, p = proportions_ztest([t.sum(), c.sum()], [len(t), len(c)])
        lo, hi = confint_proportions_2indep(t.sum(), len(t), c.sum(), len(c), method="newcomb",
                                            compare="diff", alpha=alpha)
    else:
        p = stats.ttest_ind(t, c, equal_var=False).pvalue
        lo, hi = CompareMeans(DescrStatsW(t), DescrStatsW(c)).tconfint_diff(
            alpha=alpha, usevar="unequal")
    return t.mean() - c.mean(), lo, hi, p


def main():
    if sys.argv[1] == "make":
        make(sys.argv[2])
        return
    u = pre_values(sys.argv[1])
    rows = [(arm, m) + compare(u, arm, m) for arm in ARMS[1:]
            for m in ("conversion", "repurchase", "revenue", "orders")]
    adj = multipletests([r[5] for r in rows], method="holm")[1]
    for r, pa in zip(rows, adj):
        print("%s %s diff %.17g lo %.17g hi %.17g p %.17g p_adjusted %.17g%s" %
              (r + (pa, " FLAGGED" if pa < 0.001 else "")))


if __name__ == "__main__":
    main()
