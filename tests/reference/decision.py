#!/usr/bin/python3
"""Independent reference for the decision of `uplift analyze` (CONTRACT.md,
"decision"), from the raw CSV files of an experiment folder with pandas,
statsmodels and scipy.

usage: decision.py DIR [--metric M] [--guardrail METRIC:MARGIN ...] [--json JSON]

Prints the decision as JSON: the metric (default profit with
[economics] gross_margin, else revenue), the leader (the arm with the highest
value, control included), the runner-up (the arm whose difference from the
leader has the lowest lower bound), that difference and its interval (Welch
for means, Newcombe for rates; level 1 - alpha, uncorrected), clear, the
guardrails (the lower bound of the leader's relative change against control:
Katz log interval for rates, the delta method on log(ratio) for means and for
aov, paid value per order, whose variance is the delta method's of a ratio), ship
and, when not clear, the users per arm a new test needs at 80% power:
R's power.prop.test (closed form of its non-strict power equation) for rates,
power.t.test (non-central t, solved by brentq) with the pooled sd for means.
With --json, compares analyze's JSON "decision" with it instead and exits 1
on a mismatch (2 when the JSON has no "decision").
"""
import configparser
import json
import math
import sys
import warnings

import numpy as np
import pandas as pd
from scipy import optimize, stats
from statsmodels.stats.proportion import confint_proportions_2indep
from statsmodels.stats.weightstats import CompareMeans, DescrStatsW

RATES = ("conversion", "repurchase")
REL = 1e-6


def read(folder):
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    cp.optionxform = str
    cp.read(f"{folder}/experiment.ini", encoding="utf-8-sig")
    e = cp["experiment"]
    arms = [s[4:].strip() for s in cp.sections() if s.startswith("arm ")]
    g = float(cp["economics"]["gross_margin"]) if cp.has_section("economics") else 0.0
    asg = pd.read_csv(f"{folder}/assignments.csv", dtype=str, encoding="utf-8-sig",
                      keep_default_na=False)
    orders = pd.read_csv(f"{folder}/orders.csv", dtype={"user_id": str}, encoding="utf-8-sig")
    day = orders["order_time"].str.slice(0, 10)
    w = orders[(day >= e["start"]) & (day <= e["end"])].copy()
    w["paid"] = w["amount"] - w["discount"]
    by = w.groupby("user_id").agg(orders=("paid", "size"), revenue=("paid", "sum"),
                                  discount=("discount", "sum"), amount=("amount", "sum"))
    u = asg.merge(by, how="left", left_on="user_id", right_index=True).fillna(0)
    u["conversion"] = (u["orders"] >= 1).astype(float)
    u["repurchase"] = (u["orders"] >= 2).astype(float)
    if g > 0:
        u["profit"] = g * u["amount"] - u["discount"]
    return u, arms, e["control"], float(e.get("alpha", "0.05")), g


def diff_interval(metric, x, y, alpha):
    """x - y with its interval: Newcombe for rates, Welch for means."""
    if metric in RATES:
        lo, hi = confint_proportions_2indep(x.sum(), len(x), y.sum(), len(y), method="newcomb",
                                            compare="diff", alpha=alpha)
    else:
        lo, hi = CompareMeans(DescrStatsW(x), DescrStatsW(y)).tconfint_diff(
            alpha=alpha, usevar="unequal")
    return x.mean() - y.mean(), lo, hi


def ratio(y, x):
    """sum y / sum x and its delta-method variance (ddof 1 moments)."""
    r, mx = y.sum() / x.sum(), x.mean()
    c = np.cov(y, x, ddof=1)
    return r, (c[0, 0] - 2 * r * c[0, 1] + r * r * c[1, 1]) / (len(x) * mx * mx)


def lift_lo(metric, x, y, alpha):
    """Lower bound of x.mean() / y.mean() - 1 (for aov x, y are pairs (paid, orders))."""
    z = stats.norm.isf(alpha / 2)
    if metric == "aov":
        (rx, vx), (ry, vy) = ratio(*x), ratio(*y)
        return math.exp(math.log(rx / ry) - z * math.sqrt(vx / rx**2 + vy / ry**2)) - 1
    if metric in RATES:
        lo, _ = confint_proportions_2indep(x.sum(), len(x), y.sum(), len(y), method="log",
                                           compare="ratio", alpha=alpha)
        return lo - 1
    mx, my = x.mean(), y.mean()
    v = x.var(ddof=1) / (len(x) * mx * mx) + y.var(ddof=1) / (len(y) * my * my)
    return math.exp(math.log(mx / my) - stats.norm.isf(alpha / 2) * math.sqrt(v)) - 1


def users_per_arm(metric, x, y, alpha, power=0.8):
    if metric in RATES:
        p1, p2 = y.mean(), x.mean()
        za, zb = stats.norm.isf(alpha / 2), stats.norm.ppf(power)
        pbar = (p1 + p2) / 2
        n = (za * math.sqrt(2 * pbar * (1 - pbar)) +
             zb * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)))**2 / (p1 - p2)**2
        return math.ceil(n)
    nx, ny = len(x), len(y)
    sd = math.sqrt(((nx - 1) * x.var(ddof=1) + (ny - 1) * y.var(ddof=1)) / (nx + ny - 2))
    delta = x.mean() - y.mean()

    def pw(n):
        nu = 2 * (n - 1)
        return stats.nct.sf(stats.t.isf(alpha / 2, nu), nu, math.sqrt(n / 2) * delta / sd)

    # bracket: twice the normal approximation's n (the t test needs a little more)
    hi = 2 * 2 * (sd / delta)**2 * (stats.norm.isf(alpha / 2) + stats.norm.ppf(power))**2 + 10
    with warnings.catch_warnings():  # boost's nct warns inside, the values stay finite
        warnings.simplefilter("ignore", RuntimeWarning)
        n = optimize.brentq(lambda n: pw(n) - power, 2, hi, xtol=1e-10)
        assert math.isfinite(pw(n)) and abs(pw(n) - power) < 1e-9
    return math.ceil(n)


def decide(folder, metric=None, guardrails=()):
    u, arms, control, alpha, g = read(folder)
    metric = metric or ("profit" if g > 0 else "revenue")
    col = {a: u.loc[u["arm"] == a, metric].to_numpy(float) for a in arms}
    leader = max(arms, key=lambda a: col[a].mean())  # the first of equals
    best = None
    for a in arms:
        if a == leader:
            continue
        d = diff_interval(metric, col[leader], col[a], alpha)
        if best is None or d[1] < best[1][1]:
            best = (a, d)
    runner, (diff, lo, hi) = best
    clear = all(bool(diff_interval(metric, col[leader], col[a], alpha)[1] > 0)
                for a in arms if a != leader)
    out = {"metric": metric, "leader": leader, "runner_up": runner, "diff": float(diff),
           "diff_ci_low": float(lo), "diff_ci_high": float(hi), "clear": clear, "guardrails": []}
    for gm, margin in guardrails:
        if leader == control:
            out["guardrails"].append({"metric": gm, "margin": margin, "lift_ci_low": None,
                                      "holds": True})
            continue
        cols = ["revenue", "orders"] if gm == "aov" else gm
        x = u.loc[u["arm"] == leader, cols].to_numpy(float).T
        y = u.loc[u["arm"] == control, cols].to_numpy(float).T
        ll = lift_lo(gm, x, y, alpha)
        out["guardrails"].append({"metric": gm, "margin": margin, "lift_ci_low": ll,
                                  "holds": bool(ll > margin)})
    holds = all(r["holds"] for r in out["guardrails"])
    out["ship"] = leader if clear and holds else None
    out["users_per_arm"] = (None if clear else
                            users_per_arm(metric, col[leader], col[runner], alpha))
    return out


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= REL * max(1e-12, abs(b))


def compare(got, want):
    """Mismatches between analyze's "decision" and the reference."""
    bad = []
    for k in ("metric", "runner_up", "clear", "ship"):
        if got.get(k) != want[k]:
            bad.append(f"{k}: got {got.get(k)!r}, want {want[k]!r}")
    for k in ("diff", "diff_ci_low", "diff_ci_high"):
        if not close(got.get(k), want[k]):
            bad.append(f"{k}: got {got.get(k)!r}, want {want[k]!r}")
    if "users_per_arm" in got and got["users_per_arm"] != want["users_per_arm"]:
        bad.append(f"users_per_arm: got {got['users_per_arm']!r}, want {want['users_per_arm']!r}")
    gg = got.get("guardrails") or []
    if len(gg) != len(want["guardrails"]):
        bad.append(f"guardrails: got {len(gg)}, want {len(want['guardrails'])}")
    for x, y in zip(gg, want["guardrails"]):
        if x.get("metric") != y["metric"] or x.get("holds") != y["holds"] or not close(
                x.get("lift_ci_low"), y["lift_ci_low"]):
            bad.append(f"guardrail: got {x!r}, want {y!r}")
    return bad


def main(argv):
    folder, metric, guards, js = argv[1], None, [], None
    i = 2
    while i < len(argv):
        if argv[i] == "--metric":
            metric = argv[i + 1]
        elif argv[i] == "--guardrail":
            m, margin = argv[i + 1].split(":")
            guards.append((m, float(margin)))
        elif argv[i] == "--json":
            js = argv[i + 1]
        i += 2
    want = decide(folder, metric, guards)
    if js is None:
        print(json.dumps(want, ensure_ascii=False, default=float))
        return 0
    with open(js, encoding="utf-8") as f:
        got = json.load(f).get("decision")
    if got is None:
        print("no decision in the JSON")
        return 2
    bad = compare(got, want)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
