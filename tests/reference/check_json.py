#!/usr/bin/python3
"""Independent check of `uplift analyze --format json` with pandas, statsmodels
and scipy, computed from the raw CSV files of an experiment folder.

usage: check_json.py DIR JSON [--by COLUMN]

Exits 1 and prints every mismatch when a number differs by more than 1e-6
relative (p-values 1e-4), or when a comparison is missing.
"""
import configparser
import json
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_segments as segref  # noqa: E402  (the independent RFM implementation)

from datetime import date, timedelta

import numpy as np
import pandas as pd
from scipy import integrate, stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

REL, REL_P = 1e-6, 1e-4


def read_ini(path):
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    cp.optionxform = str
    cp.read(path, encoding="utf-8-sig")
    e = cp["experiment"]
    arms = [s[4:].strip() for s in cp.sections() if s.startswith("arm ")]
    weights = [float(cp[f"arm {a}"].get("weight", "1")) for a in arms]
    return e["control"], e["start"], e["end"], float(e.get("alpha", "0.05")), arms, weights


def per_user(folder, start, end):
    asg = pd.read_csv(f"{folder}/assignments.csv", dtype=str, encoding="utf-8-sig",
                      keep_default_na=False)
    orders = pd.read_csv(f"{folder}/orders.csv", dtype={"user_id": str}, encoding="utf-8-sig")
    if "discount" not in orders:
        orders["discount"] = 0.0
    orders["discount"] = orders["discount"].fillna(0.0)
    day = orders["order_time"].str.slice(0, 10)
    inwin = orders[(day >= start) & (day <= end)].copy()
    inwin["paid"] = inwin["amount"] - inwin["discount"]
    inwin["redeemed"] = (inwin["discount"] > 0).astype(float)
    g = inwin.groupby("user_id").agg(orders=("paid", "size"), revenue=("paid", "sum"),
                                     discount=("discount", "sum"), redeemed=("redeemed", "max"))
    u = asg.merge(g, how="left", left_on="user_id", right_index=True).fillna(
        {"orders": 0, "revenue": 0.0, "discount": 0.0, "redeemed": 0.0})
    if os.path.exists(f"{folder}/history.csv"):
        ref, _ = segref.reference(folder)
        u["rfm_segment"] = [ref[x][3] for x in u["user_id"]]
        u["rfm_grade"] = [ref[x][4] for x in u["user_id"]]
        u["lifecycle"] = [ref[x][5] for x in u["user_id"]]
    u["conversion"] = (u["orders"] >= 1).astype(float)
    u["repurchase"] = (u["orders"] >= 2).astype(float)
    pre = pre_period(folder, start, end)
    if pre is not None:
        u = u.merge(pre, how="left", left_on="user_id", right_index=True).fillna(
            {"pre_orders": 0, "pre_revenue": 0.0, "pre_discount": 0.0})
        u["pre_conversion"] = (u["pre_orders"] >= 1).astype(float)
        u["pre_repurchase"] = (u["pre_orders"] >= 2).astype(float)
    return u


def pre_period(folder, start, end):
    """The CUPED covariate: history orders in the window of the outcome window's
    length that ends at asof (default: the day before start)."""
    if not os.path.exists(f"{folder}/history.csv"):
        return None
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    cp.read(f"{folder}/experiment.ini", encoding="utf-8-sig")
    s, e = date.fromisoformat(start), date.fromisoformat(end)
    asof = (date.fromisoformat(cp["segments"]["asof"]) if cp.has_option("segments", "asof")
            else s - timedelta(days=1))
    first = asof - timedelta(days=(e - s).days)
    h = pd.read_csv(f"{folder}/history.csv", dtype={"user_id": str}, encoding="utf-8-sig")
    if "discount" not in h:
        h["discount"] = 0.0
    h["discount"] = h["discount"].fillna(0.0)
    day = h["order_time"].str.slice(0, 10)
    h = h[(day >= first.isoformat()) & (day <= asof.isoformat())].copy()
    h["paid"] = h["amount"] - h["discount"]
    return h.groupby("user_id").agg(pre_orders=("paid", "size"), pre_revenue=("paid", "sum"),
                                    pre_discount=("discount", "sum"))


def decision(t, c, metric, alpha, opts, out):
    """CUPED, sequential and chance to win, from the contract, on per-user values."""
    z = stats.norm.ppf(1 - alpha / 2)
    rate = metric in ("conversion", "repurchase")
    v_diff = v_log = None
    if rate:
        pt, pc = t[metric].mean(), c[metric].mean()
        v_diff = pt * (1 - pt) / len(t) + pc * (1 - pc) / len(c)
        if t[metric].sum() > 0 and c[metric].sum() > 0:
            v_log = (1 / t[metric].sum() - 1 / len(t) + 1 / c[metric].sum() - 1 / len(c))
    elif metric != "aov":
        yt, yc = t[metric].to_numpy(float), c[metric].to_numpy(float)
        v_diff = yt.var(ddof=1) / len(yt) + yc.var(ddof=1) / len(yc)
        if yt.mean() > 0 and yc.mean() > 0:
            v_log = (yt.var(ddof=1) / (len(yt) * yt.mean() ** 2) +
                     yc.var(ddof=1) / (len(yc) * yc.mean() ** 2))
    if opts.get("cuped") and metric != "aov" and f"pre_{metric}" in t:  # profit has no pre-period covariate
        x = np.concatenate([t["pre_" + metric], c["pre_" + metric]]).astype(float)
        y = np.concatenate([t[metric], c[metric]]).astype(float)
        if x.var(ddof=1) > 0:
            theta = np.cov(y, x, ddof=1)[0, 1] / x.var(ddof=1)
            at = t[metric].to_numpy(float) - theta * (t["pre_" + metric].to_numpy(float) - x.mean())
            ac = c[metric].to_numpy(float) - theta * (c["pre_" + metric].to_numpy(float) - x.mean())
            adj = np.concatenate([at, ac])
            out["theta"] = theta
            out["variance_reduction"] = 1 - adj.var(ddof=1) / y.var(ddof=1)
            cm = CompareMeans(DescrStatsW(at), DescrStatsW(ac))
            lo, hi = cm.tconfint_diff(alpha=alpha, usevar="unequal")
            out.update(diff=at.mean() - ac.mean(), diff_ci_low=lo, diff_ci_high=hi,
                       p_value=cm.ttest_ind(usevar="unequal")[1])
            v_diff = at.var(ddof=1) / len(at) + ac.var(ddof=1) / len(ac)
            if at.mean() > 0 and ac.mean() > 0:
                v_log = (at.var(ddof=1) / (len(at) * at.mean() ** 2) +
                         ac.var(ddof=1) / (len(ac) * ac.mean() ** 2))
                lr = math.log(at.mean() / ac.mean())
                out.update(lift=at.mean() / ac.mean() - 1,
                           lift_ci_low=math.exp(lr - z * math.sqrt(v_log)) - 1,
                           lift_ci_high=math.exp(lr + z * math.sqrt(v_log)) - 1)
    if metric == "aov" and "diff_ci_low" in out:
        v_diff = ((out["diff_ci_high"] - out["diff"]) / z) ** 2
        v_log = ((math.log(1 + out["lift_ci_high"]) - math.log(1 + out["lift"])) / z) ** 2
    if rate and "theta" not in out:  # CUPED not applied: the exact Beta posterior
        xt, nt, xc, nc = t[metric].sum(), len(t), c[metric].sum(), len(c)
        at_, bt_, ac_, bc_ = 1 + xt, 1 + nt - xt, 1 + xc, 1 + nc - xc
        lo = min(stats.beta.ppf(1e-12, at_, bt_), stats.beta.ppf(1e-12, ac_, bc_))
        hi = max(stats.beta.isf(1e-12, at_, bt_), stats.beta.isf(1e-12, ac_, bc_))
        out["chance_to_win"] = integrate.quad(
            lambda p: stats.beta.pdf(p, at_, bt_) * stats.beta.cdf(p, ac_, bc_), lo, hi,
            epsabs=1e-13, epsrel=1e-11, limit=500, points=[xt / nt, xc / nc])[0]
    elif v_diff and v_diff > 0:
        out["chance_to_win"] = stats.norm.cdf(out["diff"] / math.sqrt(v_diff))
    if opts.get("sequential") and v_diff and v_diff > 0:
        scale = (len(t) + len(c)) / opts["expected_users"]
        def cs(est, V):
            t2 = V * scale
            h = math.sqrt(V * (V + t2) / t2 * (math.log((V + t2) / V) - 2 * math.log(alpha)))
            p = min(1.0, math.sqrt((V + t2) / V) * math.exp(-t2 * est ** 2 / (2 * V * (V + t2))))
            return est - h, est + h, p
        out["diff_ci_low"], out["diff_ci_high"], out["p_value"] = cs(out["diff"], v_diff)
        if v_log and out.get("lift") is not None:
            lo, hi, _ = cs(math.log(1 + out["lift"]), v_log)
            out["lift_ci_low"], out["lift_ci_high"] = math.exp(lo) - 1, math.exp(hi) - 1
    return out


def compare(t, c, metric, alpha):
    """The contract's methods; an arm of one user (or a ratio with one buyer)
    keeps the estimates without interval or p, and no lift interval comes
    from a log variance of 0."""
    z = stats.norm.ppf(1 - alpha / 2)
    out = {}
    few = len(t) < 2 or len(c) < 2
    if metric in ("conversion", "repurchase"):
        xt, nt, xc, nc = t[metric].sum(), len(t), c[metric].sum(), len(c)
        out["control"], out["treatment"] = xc / nc, xt / nt
        out["diff"] = xt / nt - xc / nc
        lo, hi = confint_proportions_2indep(xt, nt, xc, nc, method="newcomb", compare="diff",
                                            alpha=alpha)
        if not few:
            out["diff_ci_low"], out["diff_ci_high"] = lo, hi
        if xc > 0:  # a treatment rate of 0 is a lift of -100%, without interval
            out["lift"] = (xt / nt) / (xc / nc) - 1
        if xc > 0 and xt > 0 and not few and (1 / xt - 1 / nt + 1 / xc - 1 / nc) > 0:
            lo, hi = confint_proportions_2indep(xt, nt, xc, nc, method="log", compare="ratio",
                                                alpha=alpha)
            out["lift_ci_low"], out["lift_ci_high"] = lo - 1, hi - 1
        pool = (xt + xc) / (nt + nc)
        se = math.sqrt(pool * (1 - pool) * (1 / nt + 1 / nc))
        if se > 0 and not few:
            out["p_value"] = 2 * stats.norm.sf(abs(out["diff"]) / se)
    elif metric == "aov":
        def ratio(d):
            y, x = d["revenue"].to_numpy(), d["orders"].to_numpy()
            r = y.sum() / x.sum()
            cv = np.cov(y, x, ddof=1)
            v = (cv[0, 0] - 2 * r * cv[0, 1] + r * r * cv[1, 1]) / (len(y) * x.mean() ** 2)
            # y = R x exactly for every user: a variance of 0 up to rounding
            return r, 0.0 if v <= 1e-10 * (cv[0, 0] + r * r * cv[1, 1]) / (len(y) * x.mean() ** 2) else v
        # the ratio rule: two users with an order in each arm, else no variance
        if few or (t["orders"] > 0).sum() < 2 or (c["orders"] > 0).sum() < 2:
            rt = t["revenue"].sum() / t["orders"].sum()
            rc = c["revenue"].sum() / c["orders"].sum()
            out.update(control=rc, treatment=rt, diff=rt - rc)
            if rt > 0 and rc > 0:
                out["lift"] = rt / rc - 1
            return out
        rt, vt = ratio(t)
        rc, vc = ratio(c)
        s = math.sqrt(vt + vc)
        out.update(control=rc, treatment=rt, diff=rt - rc)
        if s > 0:
            out.update(diff_ci_low=rt - rc - z * s, diff_ci_high=rt - rc + z * s,
                       p_value=2 * stats.norm.sf(abs(rt - rc) / s))
        ls = math.sqrt(vt / rt ** 2 + vc / rc ** 2)
        out.update(lift=rt / rc - 1)
        if ls > 0:
            out.update(lift_ci_low=math.exp(math.log(rt / rc) - z * ls) - 1,
                       lift_ci_high=math.exp(math.log(rt / rc) + z * ls) - 1)
    else:
        yt, yc = t[metric].to_numpy(float), c[metric].to_numpy(float)
        out["control"], out["treatment"] = yc.mean(), yt.mean()
        out["diff"] = yt.mean() - yc.mean()
        if not few and yt.var(ddof=1) + yc.var(ddof=1) > 0:
            cm = CompareMeans(DescrStatsW(yt), DescrStatsW(yc))
            lo, hi = cm.tconfint_diff(alpha=alpha, usevar="unequal")
            out.update(diff_ci_low=lo, diff_ci_high=hi,
                       p_value=cm.ttest_ind(usevar="unequal")[1])
        if yc.mean() > 0:
            out["lift"] = yt.mean() / yc.mean() - 1
        if yc.mean() > 0 and yt.mean() > 0 and not few:
            se = math.sqrt(yt.var(ddof=1) / (len(yt) * yt.mean() ** 2) +
                           yc.var(ddof=1) / (len(yc) * yc.mean() ** 2))
            lr = math.log(yt.mean() / yc.mean())
            if se > 0:
                out.update(lift_ci_low=math.exp(lr - z * se) - 1,
                           lift_ci_high=math.exp(lr + z * se) - 1)
    return out


def value_of(d, m):
    if m == "aov":
        return d["revenue"].sum() / d["orders"].sum() if d["orders"].sum() > 0 else math.nan
    return d[m].mean() if len(d) else math.nan


def diff_var(t, c, m):
    if m in ("conversion", "repurchase"):
        pt, pc = t[m].mean(), c[m].mean()
        return pt * (1 - pt) / len(t) + pc * (1 - pc) / len(c)
    if m == "aov":
        def rv(d):
            y, x = d["revenue"].to_numpy(), d["orders"].to_numpy()
            r = y.sum() / x.sum()
            cv = np.cov(y, x, ddof=1)
            v = (cv[0, 0] - 2 * r * cv[0, 1] + r * r * cv[1, 1]) / (len(y) * x.mean() ** 2)
            return 0.0 if v <= 1e-10 * (cv[0, 0] + r * r * cv[1, 1]) / (len(y) * x.mean() ** 2) else v
        return rv(t) + rv(c)
    return t[m].var(ddof=1) / len(t) + c[m].var(ddof=1) / len(c)


def check_segments(doc, u, by, control, arms, metrics, alpha, near, errors, opts):
    """Cochran's Q, best arm per value and small-cell flags, written from the contract."""
    het = {(h["arm"], h["metric"]): h for h in doc["heterogeneity"] if h["column"] == by}
    groups = list(u.groupby(by, sort=False))
    for a in arms:
        if a == control:
            continue
        for m in metrics:
            d, w = [], []
            for _, g in groups:
                t, c = g[g["arm"] == a], g[g["arm"] == control]
                if len(t) < 2 or len(c) < 2 or (m == "aov" and ((t["orders"] > 0).sum() < 2 or (c["orders"] > 0).sum() < 2)):
                    continue
                v = diff_var(t, c, m)
                if v > 0:
                    d.append(value_of(t, m) - value_of(c, m))
                    w.append(1 / v)
            h = het.get((a, m))
            if h is None:
                errors.append(f"missing heterogeneity {by} {a} {m}")
                continue
            if len(d) < 2:
                near(f"het {a}/{m}/q", h["q"], None, REL)
                continue
            d, w = np.array(d), np.array(w)
            q = float((w * (d - (w * d).sum() / w.sum()) ** 2).sum())
            near(f"het {a}/{m}/q", h["q"], q, REL)
            near(f"het {a}/{m}/p", h["p_value"], stats.chi2.sf(q, len(d) - 1), REL_P)
            near(f"het {a}/{m}/i2", h["i2"], max(0.0, (q - len(d) + 1) / q) if q > 0 else 0.0, REL)
    decide = doc["best"][0]["metric"] if doc["best"] else None
    best = {b["value"]: b for b in doc["best"] if b["column"] == by}
    for value, g in groups:
        vals = sorted(((value_of(g[g["arm"] == a], decide), -i, a) for i, a in enumerate(arms)),
                      reverse=True)
        vals = [x for x in vals if not math.isnan(x[0])]
        b = best.get(value)
        if b is None or len(vals) < 2:
            continue
        if b["arm"] != vals[0][2] or b["runner_up"] != vals[1][2]:
            errors.append(f"best {value}: got {b['arm']}/{b['runner_up']}, want {vals[0][2]}/{vals[1][2]}")
            continue
        bt, rt = g[g["arm"] == vals[0][2]], g[g["arm"] == vals[1][2]]
        want = decision(bt, rt, decide, alpha, opts, compare(bt, rt, decide, alpha))
        near(f"best {value}/diff", b["diff"], want["diff"], REL)
        near(f"best {value}/diff_ci_low", b["diff_ci_low"], want.get("diff_ci_low"), REL)
        lo, hi = want.get("diff_ci_low"), want.get("diff_ci_high")
        clear = lo is not None and (lo > 0 or hi < 0)
        if b["clear"] != clear:
            errors.append(f"best {value}: clear {b['clear']}, want {clear}")
    for c in doc["comparisons"]:
        seg = c["segment"]
        d = u if seg is None else u[u[seg["column"]] == seg["value"]]
        t, k = d[d["arm"] == c["arm"]], d[d["arm"] == control]
        small = len(t) < 30 or len(k) < 30
        if c["metric"] in ("conversion", "repurchase"):
            small = small or t[c["metric"]].sum() < 5 or k[c["metric"]].sum() < 5
        if c["metric"] == "aov":  # fewer than 5 buyers
            small = small or (t["orders"] > 0).sum() < 5 or (k["orders"] > 0).sum() < 5
        if c["small"] != small:
            errors.append(f"small {seg} {c['arm']} {c['metric']}: got {c['small']}, want {small}")


def delta_interval(grad_cov, est, alpha):
    """est +- z sqrt(sum of g' C g over independent groups), or (None, None)."""
    if est is None:
        return None, None
    var = sum(float(np.asarray(g) @ np.asarray(c) @ np.asarray(g)) for g, c in grad_cov)
    z = stats.norm.ppf(1 - alpha / 2)
    return est - z * math.sqrt(var), est + z * math.sqrt(var)


def mean_cov(d, cols):
    """The covariance matrix of the means of cols over the rows of d (n - 1)."""
    x = d[cols].to_numpy(float)
    return np.atleast_2d(np.cov(x, rowvar=False, ddof=1)) / len(d)


def check_economics(doc, u, control, alpha, near, errors):
    """The contract's economics, overall and per segment value: profit per
    user = g * amount - discount, Welch; the cost per incremental buyer and
    the share of redeemers who were extra buyers by the delta method, here
    from the per-user arrays (np.cov), independent of the sums uplift folds."""
    g = doc["economics"][0]["gross_margin"]
    u = u.assign(profit=g * (u["revenue"] + u["discount"]) - u["discount"])
    for e in doc["economics"]:
        seg = e.get("segment")
        d = u if seg is None else u[u[seg["column"]].astype(str) == seg["value"]]
        name = f"econ {e['arm']}" + ("" if seg is None else f" {seg['column']}={seg['value']}")
        t, c = d[d["arm"] == e["arm"]], d[d["arm"] == control]
        near(f"{name}/discount_per_user", e["discount_per_user"], t["discount"].mean(), REL)
        if len(t) < 2 or len(c) < 2:
            continue
        for field, col in (("incremental_revenue", "revenue"), ("incremental_profit", "profit")):
            if t[col].var() == 0 and c[col].var() == 0:
                continue
            cm = CompareMeans(DescrStatsW(t[col].to_numpy(float)), DescrStatsW(c[col].to_numpy(float)))
            lo, hi = cm.tconfint_diff(alpha=alpha, usevar="unequal")
            near(f"{name}/{field}", e[field], t[col].mean() - c[col].mean(), REL)
            near(f"{name}/{field}_ci_low", e[field + "_ci_low"], lo, REL)
            near(f"{name}/{field}_ci_high", e[field + "_ci_high"], hi, REL)
        dc = t["conversion"].mean() - c["conversion"].mean()
        lo, _ = confint_proportions_2indep(t["conversion"].sum(), len(t), c["conversion"].sum(),
                                           len(c), method="newcomb", compare="diff", alpha=alpha)
        # cost = D_t / (P_t - P_c); null unless the conversion gain's interval is above 0
        cost = t["discount"].mean() / dc if lo > 0 else None
        D = t["discount"].mean()
        ci = delta_interval([([1 / dc, -D / dc**2], mean_cov(t, ["discount", "conversion"])),
                             ([D / dc**2], mean_cov(c, ["conversion"]))], cost, alpha) \
            if cost is not None else (None, None)
        near(f"{name}/cost_per_incremental_buyer", e["cost_per_incremental_buyer"], cost, REL)
        near(f"{name}/cost_per_incremental_buyer_ci_low", e["cost_per_incremental_buyer_ci_low"],
             ci[0], REL)
        near(f"{name}/cost_per_incremental_buyer_ci_high", e["cost_per_incremental_buyer_ci_high"],
             ci[1], REL)
        # share = (P_t - P_c) / (R_t - R_c): null unless redemption rose
        dr = t["redeemed"].mean() - c["redeemed"].mean()
        share = dc / dr if dr > 0 else None
        ci = delta_interval([([1 / dr, -dc / dr**2], mean_cov(t, ["conversion", "redeemed"])),
                             ([-1 / dr, dc / dr**2], mean_cov(c, ["conversion", "redeemed"]))],
                            share, alpha) if share is not None else (None, None)
        near(f"{name}/incremental_buyers_per_redeemer", e["incremental_buyers_per_redeemer"],
             share, REL)
        near(f"{name}/incremental_buyers_per_redeemer_ci_low",
             e["incremental_buyers_per_redeemer_ci_low"], ci[0], REL)
        near(f"{name}/incremental_buyers_per_redeemer_ci_high",
             e["incremental_buyers_per_redeemer_ci_high"], ci[1], REL)


# discount, amount and redemption describe the coupon's cost: reported, never
# tested (no p-value) and never in a correction family
UNTESTED = ("discount", "amount", "redemption")


def check_families(rows, comparisons, paired, families, metrics, alpha, opts, method, near,
                   errors):
    """rows (doc["comparisons"] or doc["pairs"]) against compare() of each
    (baseline, arm) of comparisons, per family: overall, then each --by column,
    p_adjusted by method over the tested metrics with a p-value only."""
    def key(r):
        return (json.dumps(r["segment"], ensure_ascii=False, sort_keys=True),
                r["baseline"] if paired else None, r["arm"], r["metric"])
    got = {key(r): r for r in rows}
    what = "pair" if paired else "comparison"
    seen = set()
    for column, groups in families:
        fam = []
        for value, d in groups:
            seg = None if column is None else {"column": column, "value": value}
            key_seg = json.dumps(seg, ensure_ascii=False, sort_keys=True)
            for b, a in comparisons:
                c, t = d[d["arm"] == b], d[d["arm"] == a]
                for m in metrics:
                    want = decision(t, c, m, alpha, opts, compare(t, c, m, alpha))
                    if m in UNTESTED:
                        want.pop("p_value", None)
                    name = f"{key_seg}/{b + ' vs ' if paired else ''}{a}/{m}"
                    seen.add((key_seg, b if paired else None, a, m))
                    g = got.get((key_seg, b if paired else None, a, m))
                    if g is None:
                        errors.append(f"missing {what} {name}")
                        continue
                    for k in ("control", "treatment", "diff", "diff_ci_low", "diff_ci_high",
                              "lift", "lift_ci_low", "lift_ci_high"):
                        near(f"{name}/{k}", g[k], want.get(k), REL)
                    near(f"{name}/p_value", g["p_value"], want.get("p_value"), REL_P)
                    near(f"{name}/chance_to_win", g["chance_to_win"],
                         want.get("chance_to_win"), REL_P)
                    if "theta" in want:
                        near(f"{name}/theta", g["cuped"]["theta"], want["theta"], REL)
                        near(f"{name}/variance_reduction",
                             g["cuped"]["variance_reduction"], want["variance_reduction"], REL)
                    if m in UNTESTED:
                        near(f"{name}/p_adjusted", g["p_adjusted"], None, REL_P)
                        if g["significant"]:
                            errors.append(f"{name}: untested, but significant")
                    fam.append((name, g, want.get("p_value")))
        ps = [p for _, _, p in fam if p is not None]
        adj = iter(multipletests(ps, method=method)[1] if method and ps else ps)
        for name, g, p in fam:
            if p is not None:
                near(f"p_adjusted {name}", g["p_adjusted"], next(adj), REL_P)
    columns = {column for column, _ in families}
    for k in sorted(set(got) - seen):
        seg = json.loads(k[0])
        if (seg["column"] if seg else None) in columns:  # a column checked here
            errors.append(f"unexpected {what} {k}")


def main():
    folder, js = sys.argv[1], sys.argv[2]
    by = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--by" else None
    control, start, end, alpha, arms, weights = read_ini(f"{folder}/experiment.ini")
    doc = json.load(open(js, encoding="utf-8"))
    alpha = doc["experiment"]["alpha"]
    opts = {"cuped": doc["experiment"].get("cuped"),
            "sequential": doc["experiment"].get("sequential"),
            "expected_users": next((c["sequential"]["expected_users"] for c in doc["comparisons"]
                                    if "sequential" in c), 5000)}
    method = {"holm": "holm", "bh": "fdr_bh", "none": None}[doc["experiment"]["correction"]]
    u = per_user(folder, start, end)
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    cp.read(f"{folder}/experiment.ini", encoding="utf-8-sig")
    if cp.has_option("economics", "gross_margin"):
        # the contract's profit per user: gross_margin x amount - discount
        gm = float(cp["economics"]["gross_margin"])
        u["profit"] = gm * (u["revenue"] + u["discount"]) - u["discount"]
    metrics = sorted({c["metric"] for c in doc["comparisons"]})
    errors, checked = [], 0

    def near(name, got, want, rel):
        nonlocal checked
        checked += 1
        if want is None or (isinstance(want, float) and math.isnan(want)):
            if got is not None:
                errors.append(f"{name}: got {got}, want null")
            return
        if got is None or abs(got - want) > rel * max(abs(want), 1e-12):
            errors.append(f"{name}: got {got}, want {want!r}")

    counts = [int((u["arm"] == a).sum()) for a in arms]
    chi = stats.chisquare(counts, f_exp=[sum(counts) * w / sum(weights) for w in weights])
    near("srm.chi2", doc["srm"]["chi2"], chi.statistic, REL)
    near("srm.p_value", doc["srm"]["p_value"], chi.pvalue, REL_P)

    families = [(None, [(None, u)])]
    if by:
        families.append((by, [(v, d) for v, d in u.groupby(by, sort=False)]))
    # the control in use (--control ARM makes the ini's control a treatment arm)
    control = doc["experiment"].get("control", control)
    treated = [a for a in arms if a != control]
    vs_control = [(control, a) for a in treated]
    # head to head: every unordered pair of treatment arms, the earlier as baseline
    pairs = [(treated[i], treated[j]) for i in range(len(treated))
             for j in range(i + 1, len(treated))]
    check_families(doc["comparisons"], vs_control, False, families, metrics, alpha, opts,
                   method, near, errors)
    if "pairs" in doc:
        check_families(doc["pairs"], pairs, True, families, metrics, alpha, opts, method,
                       near, errors)
    if by:
        check_segments(doc, u, by, control, arms, metrics, alpha, near, errors, opts)
    if "economics" in doc:
        check_economics(doc, u, control, alpha, near, errors)
    for a, n in zip(arms, counts):
        arm = next(x for x in doc["arms"] if x["arm"] == a)
        near(f"arms/{a}/users", arm["users"], n, 0)
        d = u[u["arm"] == a]
        if "conversion" in arm["metrics"]:
            lo, hi = proportion_confint(d["conversion"].sum(), len(d), alpha, "wilson")
            near(f"arms/{a}/conversion/ci_low", arm["metrics"]["conversion"]["ci_low"], lo, REL)
            near(f"arms/{a}/conversion/ci_high", arm["metrics"]["conversion"]["ci_high"], hi, REL)
        if "revenue" in arm["metrics"]:
            lo, hi = DescrStatsW(d["revenue"].to_numpy(float)).tconfint_mean(alpha)
            near(f"arms/{a}/revenue/ci_low", arm["metrics"]["revenue"]["ci_low"], lo, REL)
            near(f"arms/{a}/revenue/ci_high", arm["metrics"]["revenue"]["ci_high"], hi, REL)
    for e in errors[:30]:
        print("MISMATCH", e)
    print(f"check_json: {folder}: {checked} numbers checked, {len(errors)} mismatches")
    sys.exit(1 if errors else 0)


main()
