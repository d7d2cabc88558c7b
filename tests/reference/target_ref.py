#!/usr/bin/python3
"""target_ref.py - an independent numpy implementation of uplift target's
held-out values, from the send list (each member's policy arm and
cross-fitted predicted gains), assignments.csv and each member's outcome
computed here from orders.csv (profit = g x amount - discount per member,
or revenue/conversion/orders), compared with `uplift target --format json`.

Checked: the policy's and control's IPW values and intervals,
  V = mean_i 1{A_i = pi_i} Y_i / p_{A_i},  CI = V +- z sd(c, ddof=1) / sqrt(n);
the best single arm (the arm of the highest IPW value when sent to
everyone), its value and the policy's paired gain over it; the budget curve (top x% by max
predicted gain, stable by row, get their argmax arm); the Qini coefficient
of every arm (sklift's qini_curve: points where the score changes, Q(k) = Y_a(k) - Y_c(k) N_a(k) / N_c(k), points
(k/n, Q(k)/n), area between the curve and the line to (1, Q(n)/n) by
numpy.trapz).

usage: target_ref.py DIR SEND.csv OUT.json [METRIC]   (exit 1 with the differences)
"""
import configparser
import json
import sys

import numpy as np
import pandas as pd
from scipy.stats import norm

REL = 1e-9


def main():
    folder, send_path, json_path = sys.argv[1:4]
    metric = sys.argv[4] if len(sys.argv) > 4 else None
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    cp.optionxform = str
    cp.read(f"{folder}/experiment.ini", encoding="utf-8-sig")
    e = cp["experiment"]
    arms = [s[4:].strip() for s in cp.sections() if s.startswith("arm ")]
    w = np.array([float(cp[f"arm {a}"].get("weight", "1")) for a in arms])
    p = dict(zip(arms, w / w.sum()))
    control = e["control"]
    alpha = float(e.get("alpha", "0.05"))
    g = float(cp["economics"]["gross_margin"]) if cp.has_option("economics", "gross_margin") else None
    metric = metric or ("profit" if g else "revenue")

    asg = pd.read_csv(f"{folder}/assignments.csv", dtype=str, keep_default_na=False)
    orders = pd.read_csv(f"{folder}/orders.csv", dtype={"user_id": str})
    day = orders["order_time"].str.slice(0, 10)
    o = orders[(day >= e["start"]) & (day <= e["end"])].copy()
    o["discount"] = o["discount"].fillna(0.0)
    o["paid"] = o["amount"] - o["discount"]
    agg = o.groupby("user_id").agg(n=("paid", "size"), paid=("paid", "sum"), disc=("discount", "sum"))
    u = asg.merge(agg, how="left", left_on="user_id", right_index=True).fillna({"n": 0, "paid": 0.0, "disc": 0.0})
    y = {"profit": lambda: g * (u["paid"] + u["disc"]) - u["disc"], "revenue": lambda: u["paid"],
         "conversion": lambda: (u["n"] >= 1).astype(float), "orders": lambda: u["n"]}[metric]()
    u["y"] = y.to_numpy(dtype=float)

    send = pd.read_csv(send_path, dtype={"user_id": str, "arm": str}, keep_default_na=False)
    assert list(send["user_id"]) == list(u["user_id"]), "send list rows are not the members in order"
    doc = json.load(open(json_path, encoding="utf-8"))
    z = norm.ppf(1 - alpha / 2)
    A = u["arm"].to_numpy()
    Y = u["y"].to_numpy()
    P = np.array([p[a] for a in A])
    errors = []

    def near(name, got, want):
        if got is None or not np.isclose(got, want, rtol=REL, atol=1e-12):
            errors.append(f"{name}: uplift {got}, numpy {want}")

    def ipw(pi):
        c = np.where(A == pi, Y / P, 0.0)
        return c

    def check_value(name, c):
        m, se = c.mean(), c.std(ddof=1) / np.sqrt(len(c))
        near(name, doc[name], m)
        near(name + "_ci_low", doc[name + "_ci_low"], m - z * se)
        near(name + "_ci_high", doc[name + "_ci_high"], m + z * se)

    cpol = ipw(send["arm"].to_numpy())
    check_value("policy_value", cpol)
    check_value("control_value", ipw(np.full(len(A), control)))
    # the best single arm: the arm whose IPW value of sending it to everyone
    # is the highest (ties: the first arm of the ini), its value, and the
    # policy's paired gain over it
    values = {a: ipw(np.full(len(A), a)).mean() for a in arms}
    best_arm = max(arms, key=lambda a: values[a])
    if doc["best_arm"] != best_arm:
        errors.append(f"best_arm: uplift {doc['best_arm']}, numpy {best_arm}")
    cb = ipw(np.full(len(A), best_arm))
    check_value("best_arm_value", cb)
    d = cpol - cb
    near("gain", doc["gain"], d.mean())
    near("gain_ci_low", doc["gain_ci_low"], d.mean() - z * d.std(ddof=1) / np.sqrt(len(d)))
    near("gain_ci_high", doc["gain_ci_high"], d.mean() + z * d.std(ddof=1) / np.sqrt(len(d)))
    print("target_ref: best single arm and gain checked")

    # the budget curve
    others = [a for a in arms if a != control]
    G = send[[f"gain_{a}" for a in others]].to_numpy(dtype=float)
    best = np.array(others)[np.argmax(G, axis=1)]
    order = np.argsort(-G.max(axis=1), kind="stable")
    n = len(A)
    for j, b in enumerate(doc["budget"]):
        k = j * n // 20
        pi = np.full(n, control, dtype=object)
        pi[order[:k]] = best[order[:k]]
        c = ipw(pi)
        m, se = c.mean(), c.std(ddof=1) / np.sqrt(n)
        near(f"budget[{j}].value", b["value"], m)
        near(f"budget[{j}].value_ci_low", b["value_ci_low"], m - z * se)

    # Qini
    for q in doc["qini"]:
        a = q["arm"]
        sel = (A == a) | (A == control)
        ga = send[f"gain_{a}"].to_numpy(dtype=float)[sel]
        ys, ts = Y[sel], (A[sel] == a)
        # sklift.metrics.qini_curve: a point at the end of each block of
        # equal scores only (np.diff), the curve straight between them
        o2 = np.argsort(ga, kind="mergesort")[::-1]
        ys, ts, gs = ys[o2], ts[o2], ga[o2]
        ti = np.r_[np.where(np.diff(gs))[0], len(gs) - 1]
        ya, na = np.cumsum(ys * ts)[ti], np.cumsum(ts)[ti]
        yc, nc = np.cumsum(ys * ~ts)[ti], (ti + 1) - np.cumsum(ts)[ti]
        Q = np.where(nc > 0, ya - yc * np.divide(na, nc, out=np.zeros(len(nc)), where=nc > 0), 0.0)
        m = len(ys)
        kx = np.r_[0, ti + 1]
        qq = np.interp(np.arange(m + 1), kx, np.r_[0.0, Q / m])
        x = np.arange(m + 1) / m
        coef = np.trapz(np.r_[0.0, Q / m] - kx / m * qq[-1], kx / m)
        near(f"qini[{a}].coefficient", q["coefficient"], coef)
        for i, pt in enumerate(q["points"]):
            near(f"qini[{a}].points[{i}]", pt["gain"], qq[i * m // 100])
    if errors:
        print("\n".join(errors[:20]))
        sys.exit(1)
    print(f"target_ref: policy {cpol.mean():.4f}, {len(doc['budget'])} budget points, "
          f"{len(doc['qini'])} Qini curves agree with numpy")


if __name__ == "__main__":
    main()
