#!/usr/bin/python3
"""Independent check of the [metric NAME] sections of experiment.ini (and of
capping) in `uplift analyze --format json`, written from CONTRACT.md
("Metrics you define", "Capping", "Statistics"), not from the C code.

usage: user_metrics.py DIR JSON             every [metric NAME] section of DIR
       user_metrics.py DIR JSON --builtins  the built-in metrics, through the
                                            same per-user machinery
       user_metrics.py DIR JSON --hillstrom also the published visit rates
       user_metrics.py DIR JSON --cap pNN   as analyze --cap pNN: every tested
                                            mean metric without a cap of its own
       user_metrics.py --selftest           the doctests (percentile, caps)

For each metric: one value per assigned user (orders.csv filtered by the
window, `where` and `within_days`, summed per user; or an outcomes.csv
column), capped at `cap`, then each treatment arm against the control with
the textbook method of its kind (and the treatment arms head to head, the
earlier arm of experiment.ini as baseline). Every number of the JSON's
overall "comparisons" and "pairs" (segment null) and of "arms" must agree
to 1e-6 relative (1e-9 absolute near 0; p-values relative however small);
a mismatch is printed and the exit status is 1.
"""
import configparser
import json
import math
import re
import sys

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.proportion import (confint_proportions_2indep, proportion_confint,
                                          proportions_ztest)
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

TOL = 1e-6
ORDER_FIELDS = ("amount", "paid", "discount")
OPS = {"<": np.less, "<=": np.less_equal, ">=": np.greater_equal, ">": np.greater}
# the contract: discount describes the coupon's cost, reported but never
# tested, so never given a p-value; here read as: any metric of `of = discount`
# (amount, the value before discount, is read as an outcome like paid)
UNTESTED = ("discount",)


# ---- the experiment folder ---------------------------------------------------------

def read_ini(folder):
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    cp.optionxform = str
    cp.read(f"{folder}/experiment.ini", encoding="utf-8-sig")
    return cp


def header(cp, name):
    """The header holding uplift's column `name` ([columns] maps it)."""
    return cp["columns"].get(name, name) if cp.has_section("columns") else name


def parse_time(s):
    """YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS; a date is its midnight."""
    s = s.str.strip()
    s = s.where(s.str.len() != 10, s + " 00:00:00")
    s = s.where(s.str.len() != 16, s + ":00")
    return pd.to_datetime(s, format="%Y-%m-%d %H:%M:%S")


def load(folder, cp):
    """users: user_id, arm (+ exposed_at); orders: one row per order inside
    the window of an assigned user (None with outcomes.csv); outcomes: the
    per-user table of outcomes.csv (None with orders.csv)."""
    asg = pd.read_csv(f"{folder}/assignments.csv", dtype=str, encoding="utf-8-sig",
                      keep_default_na=False)
    asg = asg.rename(columns={header(cp, "user_id"): "user_id", header(cp, "arm"): "arm"})
    users = asg.copy()
    e = cp["experiment"]
    start, end = e.get("start"), e.get("end")
    try:
        o = pd.read_csv(f"{folder}/outcomes.csv", dtype={header(cp, "user_id"): str},
                        encoding="utf-8-sig")
    except FileNotFoundError:
        o = None
    if o is not None:
        o = o.rename(columns={header(cp, k): k for k in
                              ("user_id", "orders", "revenue", "discount", "converted", "repurchased")})
        o = users[["user_id"]].merge(o, how="left", on="user_id")
        return users, None, o.fillna(0)
    od = pd.read_csv(f"{folder}/orders.csv", dtype=str, encoding="utf-8-sig", keep_default_na=False)
    od = od.rename(columns={header(cp, k): k for k in
                            ("user_id", "order_time", "amount", "paid", "discount")})
    for k in ORDER_FIELDS:
        if k in od:
            od[k] = pd.to_numeric(od[k].replace("", "0"))
    if "discount" not in od:
        od["discount"] = 0.0
    if "amount" not in od:
        od["amount"] = od["paid"] + od["discount"]
    od["paid"] = od["amount"] - od["discount"]
    if cp.has_option("economics", "gross_margin"):
        od["profit"] = float(cp["economics"]["gross_margin"]) * od["amount"] - od["discount"]
    od["time"] = parse_time(od["order_time"])
    day = od["order_time"].str.strip().str.slice(0, 10)
    od = od[(day >= start) & (day <= end) & od["user_id"].isin(users["user_id"])].copy()
    return users, od, None


def definitions(cp, builtins, outcomes):
    """[metric NAME] sections as dicts; with builtins, the contract's table
    written as such sections (conversion = proportion of orders, ...)."""
    if builtins:
        if outcomes is not None:
            defs = [("conversion", "proportion", "converted" if "converted" in outcomes else "orders"),
                    ("revenue", "mean", "revenue"), ("orders", "mean", "orders"),
                    ("discount", "mean", "discount"), ("aov", "ratio", "revenue / orders")]
            defs = [d for d in defs if all(c.strip() in outcomes for c in d[2].split("/"))]
        else:
            defs = [("conversion", "proportion", "orders"), ("revenue", "mean", "paid"),
                    ("orders", "mean", "orders"), ("discount", "mean", "discount"),
                    ("aov", "ratio", "paid / orders")]
            if cp.has_option("economics", "gross_margin"):
                defs.append(("profit", "mean", "profit"))
        return [{"name": n, "kind": k, "of": o, "where": None, "within_days": None,
                 "cap": None} for n, k, o in defs]
    out = []
    for s in cp.sections():
        if s.startswith("metric "):
            m = cp[s]
            out.append({"name": s[7:].strip(), "kind": m["kind"], "of": m["of"],
                        "where": m.get("where"), "within_days": m.get("within_days"),
                        "cap": m.get("cap")})
    return out


# ---- one value per user --------------------------------------------------------------

def per_user_sum(users, orders, outcomes, field, where, within_days, end):
    """The per-user value of `of` = field (an Series over users, 0 without
    orders) and the mask of the users the metric keeps."""
    keep = pd.Series(True, index=users.index)
    if outcomes is not None:
        col = {"paid": "revenue"}.get(field, field) if field not in outcomes else field
        return outcomes[col].astype(float).set_axis(users.index), keep
    od = orders
    if where:
        m = re.fullmatch(r"\s*(amount|paid|discount)\s*(<=|>=|<|>)\s*([-+0-9.eE]+)\s*", where)
        od = od[OPS[m.group(2)](od[m.group(1)], float(m.group(3)))]
    if within_days:
        n = int(within_days)
        exp = users["exposed_at"].str.strip()
        t0 = parse_time(exp)
        # the N days of exposure: [t0, t0 + N x 24 h); for a date, its N whole days
        # (the same interval from its midnight); over only when t0 + N days <= end + 1 day
        t1 = t0 + pd.Timedelta(days=n)
        keep = t1 <= pd.Timestamp(end) + pd.Timedelta(days=1)
        w = pd.DataFrame({"user_id": users["user_id"], "t0": t0, "t1": t1})
        od = od.merge(w, on="user_id")
        od = od[(od["time"] >= od["t0"]) & (od["time"] < od["t1"])]
    g = od.groupby("user_id")
    v = g.size().astype(float) if field == "orders" else g[field].sum()
    return users["user_id"].map(v).fillna(0.0).astype(float), keep


def percentile_linear(values, q):
    """The q-th percentile with linear interpolation between order statistics
    (Hyndman and Fan's type 7; numpy's default; SQL percentile_cont), written out.

    >>> v = [0, 3, 1, 7, 2, 50, 4, 4.5, 9, 12]
    >>> percentile_linear(v, 90) == np.percentile(v, 90) == stats.scoreatpercentile(v, 90)
    True
    >>> round(percentile_linear(v, 90), 10)   # h = 9 x 0.9 = 8.1: 12 + 0.1 (50 - 12)
    15.8
    >>> # winsorize clips whole values: it agrees where the percentile is an order
    >>> # statistic, as the top 10% of 11 values (h = 10 x 0.9 = 9, the 2nd largest)
    >>> from scipy.stats.mstats import winsorize
    >>> w = v + [20]
    >>> cap = percentile_linear(w, 90)
    >>> list(np.minimum(w, cap)) == list(winsorize(np.array(w, float), limits=(0, 1 / 11)))
    True
    >>> # between order statistics it does not: p99 of v lies inside (12, 50)
    >>> round(percentile_linear(v, 99), 10), float(winsorize(np.array(v, float), limits=(0, 0.01)).max())
    (46.58, 50.0)
    """
    x = np.sort(np.asarray(values, float))
    h = (len(x) - 1) * q / 100
    lo = math.floor(h)
    return float(x[lo] + (h - lo) * (x[min(lo + 1, len(x) - 1)] - x[lo]))


def cap_threshold(cap, pooled):
    """`cap = pNN`: the NNth percentile of the non-zero per-user values of
    all arms together; `cap = 500`: 500.

    >>> cap_threshold("p50", np.array([0, 0, 1, 2, 3, 10.0]))   # of 1, 2, 3, 10
    2.5
    >>> cap_threshold("200", np.array([0, 5.0]))
    200.0
    """
    m = re.fullmatch(r"\s*p([0-9.]+)\s*", cap)
    if m is None:
        return float(cap)
    nz = pooled[pooled != 0]
    t = float(np.percentile(nz, float(m.group(1))))  # numpy's default: linear
    assert abs(t - percentile_linear(nz, float(m.group(1)))) <= 1e-9 * max(1, abs(t))
    return t


# ---- statistics, one textbook method per kind ----------------------------------------

def z_of(alpha):
    return stats.norm.ppf(1 - alpha / 2)


def rate_arm(x, alpha):
    n, k = len(x), x.sum()
    lo, hi = proportion_confint(k, n, alpha, method="wilson")
    return {"value": k / n, "ci_low": lo, "ci_high": hi}


def mean_arm(y, alpha):
    if len(y) < 2 or y.var(ddof=1) == 0:
        return {"value": y.mean(), "ci_low": None, "ci_high": None}
    lo, hi = DescrStatsW(y).tconfint_mean(alpha)  # t interval, n - 1 df
    return {"value": y.mean(), "ci_low": lo, "ci_high": hi}


def ratio_moments(y, x):
    """R = sum y / sum x and its delta-method variance
    (s_yy - 2 R s_xy + R^2 s_xx) / (n xbar^2), sample moments with n - 1;
    None without two users with x > 0."""
    if x.sum() == 0:
        return None, None
    r = y.sum() / x.sum()
    if len(y) < 2 or (x > 0).sum() < 2:
        return r, None
    c = np.cov(y, x, ddof=1)
    scale = len(y) * x.mean() ** 2
    v = (c[0, 0] - 2 * r * c[0, 1] + r * r * c[1, 1]) / scale
    # y = R x for every user: 0 up to rounding, no interval
    return r, (None if v <= 1e-10 * (c[0, 0] + r * r * c[1, 1]) / scale else v)


def ratio_arm(y, x, alpha):
    r, v = ratio_moments(y, x)
    if v is None:
        return {"value": r, "ci_low": None, "ci_high": None}
    return {"value": r, "ci_low": r - z_of(alpha) * math.sqrt(v), "ci_high": r + z_of(alpha) * math.sqrt(v)}


def rate_compare(t, c, alpha):
    """Newcombe's hybrid score interval (method 10) for pt - pc, the pooled
    z-test (R prop.test(correct = FALSE)), and Katz's log interval for
    pt / pc: var log = 1/xt - 1/nt + 1/xc - 1/nc."""
    xt, nt, xc, nc = t.sum(), len(t), c.sum(), len(c)
    out = {"control": xc / nc, "treatment": xt / nt, "diff": xt / nt - xc / nc}
    if nt >= 2 and nc >= 2:
        out["diff_ci_low"], out["diff_ci_high"] = confint_proportions_2indep(
            xt, nt, xc, nc, method="newcomb", compare="diff", alpha=alpha)
        if 0 < xt + xc < nt + nc:
            out["p_value"] = proportions_ztest([xt, xc], [nt, nc])[1]
    if xc > 0:
        out["lift"] = (xt / nt) / (xc / nc) - 1
        v = 1 / xt - 1 / nt + 1 / xc - 1 / nc if xt > 0 else 0
        if xt > 0 and v > 0 and nt >= 2 and nc >= 2:
            lr, s = math.log((xt / nt) / (xc / nc)), math.sqrt(v)
            out["lift_ci_low"] = math.exp(lr - z_of(alpha) * s) - 1
            out["lift_ci_high"] = math.exp(lr + z_of(alpha) * s) - 1
    return out


def mean_compare(t, c, alpha):
    """Welch's t (Welch-Satterthwaite df) for mt - mc; the delta method on
    log(mt / mc), var = s_t^2 / (n_t mt^2) + s_c^2 / (n_c mc^2), normal quantile."""
    out = {"control": c.mean(), "treatment": t.mean(), "diff": t.mean() - c.mean()}
    few = len(t) < 2 or len(c) < 2
    if not few and t.var(ddof=1) + c.var(ddof=1) > 0:
        cm = CompareMeans(DescrStatsW(t), DescrStatsW(c))
        out["diff_ci_low"], out["diff_ci_high"] = cm.tconfint_diff(alpha=alpha, usevar="unequal")
        out["p_value"] = cm.ttest_ind(usevar="unequal")[1]
    if c.mean() > 0:
        out["lift"] = t.mean() / c.mean() - 1
        if t.mean() > 0 and not few:
            s = math.sqrt(t.var(ddof=1) / (len(t) * t.mean() ** 2) +
                          c.var(ddof=1) / (len(c) * c.mean() ** 2))
            if s > 0:
                lr = math.log(t.mean() / c.mean())
                out["lift_ci_low"] = math.exp(lr - z_of(alpha) * s) - 1
                out["lift_ci_high"] = math.exp(lr + z_of(alpha) * s) - 1
    return out


def ratio_compare(t, c, alpha):
    """Delta method for each arm's ratio of means; the difference with a
    normal interval and z p-value; the lift on log(Rt / Rc), var = vt/Rt^2 + vc/Rc^2."""
    (yt, xt), (yc, xc) = t, c
    rt, vt = ratio_moments(yt, xt)
    rc, vc = ratio_moments(yc, xc)
    out = {"control": rc, "treatment": rt}
    if rt is None or rc is None:
        return out
    out["diff"] = rt - rc
    if rc > 0 and rt > 0:
        out["lift"] = rt / rc - 1
    if vt is None or vc is None:
        return out
    z, s = z_of(alpha), math.sqrt(vt + vc)
    out.update(diff_ci_low=rt - rc - z * s, diff_ci_high=rt - rc + z * s,
               p_value=2 * stats.norm.sf(abs(rt - rc) / s))
    if rc > 0 and rt > 0:
        ls = math.sqrt(vt / rt ** 2 + vc / rc ** 2)
        out.update(lift_ci_low=math.exp(math.log(rt / rc) - z * ls) - 1,
                   lift_ci_high=math.exp(math.log(rt / rc) + z * ls) - 1)
    return out


# ---- one metric: per-user values, cap, arms and comparisons ---------------------------

def compute(d, users, orders, outcomes, cp, alpha, arms, pairs):
    """The expected numbers of metric d: {"arms": {arm: {...}}, "comparisons":
    {(baseline, arm): {...}} for each pair, "n": {arm: users kept}, "cap":
    threshold or None, "left_out": users whose days are not over}."""
    end = cp["experiment"].get("end")
    parts = [p.strip() for p in d["of"].split("/")]
    y, keep = per_user_sum(users, orders, outcomes, parts[0], d["where"], d["within_days"], end)
    x = per_user_sum(users, orders, outcomes, parts[1], d["where"], d["within_days"], end)[0] \
        if d["kind"] == "ratio" else None
    arm = users["arm"][keep]
    y = y[keep]
    x = x[keep] if x is not None else None
    res = {"left_out": int((~keep).sum()), "cap": None,
           "n": {a: int((arm == a).sum()) for a in arms}}

    def evaluate(y):
        if d["kind"] == "proportion":
            v = (y > 0).astype(float)
            get = lambda a: v[arm == a].to_numpy()
            return ({a: rate_arm(get(a), alpha) for a in arms},
                    {(b, a): rate_compare(get(a), get(b), alpha) for b, a in pairs})
        if d["kind"] == "mean":
            get = lambda a: y[arm == a].to_numpy()
            return ({a: mean_arm(get(a), alpha) for a in arms},
                    {(b, a): mean_compare(get(a), get(b), alpha) for b, a in pairs})
        get = lambda a: (y[arm == a].to_numpy(), x[arm == a].to_numpy())
        return ({a: ratio_arm(*get(a), alpha) for a in arms},
                {(b, a): ratio_compare(get(a), get(b), alpha) for b, a in pairs})

    if d["cap"] is not None:
        res["cap"] = cap_threshold(d["cap"], y.to_numpy())
        res["uncapped"] = evaluate(y)
        y = np.minimum(y, res["cap"])  # winsorized: min(value, cap), the numerator of a ratio
    res["arms"], res["comparisons"] = evaluate(y)
    if parts[0] in UNTESTED:
        for c in list(res["comparisons"].values()) + \
                (list(res["uncapped"][1].values()) if d["cap"] is not None else []):
            c.pop("p_value", None)
    return res


# ---- the check --------------------------------------------------------------------

class Checker:
    def __init__(self):
        self.errors, self.checked = [], 0

    def near(self, name, got, want):
        """got within 1e-6 of want, relative; absolute 1e-9 near 0 (a p-value,
        however small, relative only)."""
        self.checked += 1
        floor = 1e-300 if name.endswith("p_value") else 1e-9
        if want is None or (isinstance(want, float) and math.isnan(want)):
            if got is not None:
                self.errors.append(f"{name}: got {got!r}, want null")
        elif got is None or not isinstance(got, (int, float)) or isinstance(got, bool) or \
                abs(got - want) > max(TOL * abs(want), floor):
            self.errors.append(f"{name}: got {got!r}, want {float(want)!r}")

    def exact(self, name, got, want):
        self.checked += 1
        if got != want:
            self.errors.append(f"{name}: got {got!r}, want {want!r}")


FIELDS = ("control", "treatment", "diff", "diff_ci_low", "diff_ci_high", "lift", "lift_ci_low",
          "lift_ci_high", "p_value")


def check_metric(ck, doc, d, res, control):
    """The overall comparisons with control ("comparisons") and of the
    treatment arms head to head ("pairs"), then the arms."""
    name = d["name"]
    got = {(control, c["arm"]): c for c in doc["comparisons"]
           if c.get("segment") is None and c["metric"] == name}
    got.update({(c["baseline"], c["arm"]): c for c in doc.get("pairs", [])
                if c.get("segment") is None and c["metric"] == name})
    for (b, a0), want in res["comparisons"].items():
        c = got.get((b, a0))
        a = a0 if b == control else f"{a0} vs {b}"
        if c is None:
            ck.errors.append(f"{name}/{a}: no comparison in the JSON")
            continue
        ck.exact(f"{name}/{a}/n_control", c.get("n_control"), res["n"][b])
        ck.exact(f"{name}/{a}/n_treatment", c.get("n_treatment"), res["n"][a0])
        for k in FIELDS:
            ck.near(f"{name}/{a}/{k}", c.get(k), want.get(k))
        if res["cap"] is None:
            if "uncapped" in c or c.get("cap") is not None:
                ck.errors.append(f"{name}/{a}: cap or uncapped in the JSON of an uncapped metric")
            continue
        ck.near(f"{name}/{a}/cap", c.get("cap"), res["cap"])
        u = c.get("uncapped")
        if not isinstance(u, dict):
            ck.errors.append(f"{name}/{a}: no \"uncapped\" object")
            continue
        wu = res["uncapped"][1][(b, a0)]
        for k in FIELDS:
            if k in ("diff", "diff_ci_low", "diff_ci_high", "lift", "lift_ci_low", "lift_ci_high",
                     "p_value") or k in u:
                ck.near(f"{name}/{a}/uncapped/{k}", u.get(k), wu.get(k))
    for arm in doc["arms"]:
        a = arm["arm"]
        m = arm["metrics"].get(name)
        if m is None:
            ck.errors.append(f"arms/{a}/{name}: missing")
            continue
        for k in ("value", "ci_low", "ci_high"):
            ck.near(f"arms/{a}/{name}/{k}", m.get(k), res["arms"][a][k])
        if res["cap"] is not None:
            ck.near(f"arms/{a}/{name}/cap", m.get("cap"), res["cap"])
            for k in ("value", "ci_low", "ci_high"):
                ck.near(f"arms/{a}/{name}/uncapped/{k}", (m.get("uncapped") or {}).get(k),
                        res["uncapped"][0][a][k])


# Hillstrom (2008), "The MineThatData E-Mail Analytics And Data Mining Challenge":
# visit rates 10.62% (No E-Mail), 18.28% (Mens E-Mail), 15.14% (Womens E-Mail)
PUBLISHED_VISIT = {"No E-Mail": 0.1062, "Mens E-Mail": 0.1828, "Womens E-Mail": 0.1514}


def check_published(ck, doc, res):
    for a, rate in PUBLISHED_VISIT.items():
        ours = res["arms"][a]["value"]
        got = next(x for x in doc["arms"] if x["arm"] == a)["metrics"]["visit"]["value"]
        print(f"hillstrom visit {a}: published {100 * rate:.2f}%, reference {100 * ours:.4f}%, "
              f"uplift {100 * got:.4f}%")
        ck.checked += 1
        if round(100 * ours, 2) != round(100 * rate, 2) or round(100 * got, 2) != round(100 * rate, 2):
            ck.errors.append(f"hillstrom visit {a}: not the published {100 * rate:.2f}%")


def main():
    if sys.argv[1:] == ["--selftest"]:
        import doctest
        fails, tests = doctest.testmod()
        print(f"user_metrics selftest: {tests} doctests, {fails} failed")
        sys.exit(1 if fails else 0)
    folder, js = sys.argv[1], sys.argv[2]
    flags = sys.argv[3:]
    cp = read_ini(folder)
    doc = json.load(open(js, encoding="utf-8"))
    alpha = doc["experiment"]["alpha"]
    control = doc["experiment"]["control"]
    arms = [s[4:].strip() for s in cp.sections() if s.startswith("arm ")]
    # each arm against control, then the treatment arms head to head (every
    # unordered pair, the earlier arm of experiment.ini as baseline)
    treated = [a for a in arms if a != control]
    pairs = [(control, a) for a in treated] + \
        [(treated[i], treated[j]) for i in range(len(treated)) for j in range(i + 1, len(treated))]
    users, orders, outcomes = load(folder, cp)
    defs = definitions(cp, "--builtins" in flags, outcomes)
    if "--cap" in flags:
        # analyze --cap pNN: every mean metric without a cap of its own; the
        # contract says "every mean metric", read here as every tested one: the
        # coupon's cost (of = discount) is reported whole, as capping it would
        # understate what the coupon cost
        for d in defs:
            if d["kind"] == "mean" and d["cap"] is None and d["of"].strip() not in UNTESTED:
                d["cap"] = flags[flags.index("--cap") + 1]
    ck = Checker()
    left_out = []
    for d in defs:
        res = compute(d, users, orders, outcomes, cp, alpha, arms, pairs)
        check_metric(ck, doc, d, res, control)
        if d["within_days"]:
            left_out.append(res["left_out"])
        for (b, a), c in res["comparisons"].items():
            print(f"  {d['name']:<12} {a} vs {b}: n {res['n'][a]} vs {res['n'][b]}, diff {c.get('diff')!r}"
                  f" [{c.get('diff_ci_low')!r}, {c.get('diff_ci_high')!r}] p {c.get('p_value')!r}"
                  + (f" cap {res['cap']!r}" if res["cap"] is not None else ""))
        if "--hillstrom" in flags and d["name"] == "visit":
            check_published(ck, doc, res)
    if len(set(left_out)) == 1:  # one exposure window: its users not yet done
        print(f"  not yet exposed: {left_out[0]} users")
        ck.exact("data/not_yet_exposed", doc["data"].get("not_yet_exposed"), left_out[0])
    for e in ck.errors[:40]:
        print("MISMATCH", e)
    print(f"user_metrics: {folder}: {len(defs)} metrics, {ck.checked} numbers checked, "
          f"{len(ck.errors)} mismatches")
    sys.exit(1 if ck.errors or not defs else 0)


if __name__ == "__main__":
    main()
