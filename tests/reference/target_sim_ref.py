#!/usr/bin/python3
"""Independent numpy/pandas figures for `uplift target` on a simulated folder
whose true per-member effects are known (`uplift simulate --truth FILE`).

usage: target_sim_ref.py DIR TRUTH.csv [--metric profit|revenue|conversion]
                         [--send SEND.csv] [--by COL,...]

Prints one JSON object:
  oracle         the oracle policy (each member's arm of the largest true
                 effect, control when none is above 0): its IPW value on DIR's
                 data, V = mean_i 1{A_i = pi_i} Y_i / p_{A_i}, with a 95%
                 normal interval (sd of the terms / sqrt(n)), and its true
                 value (mean true effect of the arm it sends, over control)
  arms           IPW value of each single arm (everyone gets it)
  truth_vs_data  per arm: the mean true effect over the members, and the
                 difference in means over control on the data, with its SE
  best_arm       the single arm of the largest true mean effect, true value
  plans          per --by column: true value of "each value of COL gets the
                 arm of the largest true mean effect in it"
  learned        with --send: the send list's policy, IPW value (as above)
                 and true value; regret = oracle true - learned true;
                 per_arm: members sent each arm, their mean true effect of
                 it, and the arm's mean true effect over every member;
                 gains: per arm, the send list's predicted gain against the
                 true effect (Spearman; the true effect of the top fifth by
                 predicted gain and of the rest)
Y is the window's paid value (revenue), g * amount - discount (profit, g the
ini's gross_margin) or 1 for an order (conversion), from orders.csv; p the
arm's weight over the sum of weights in experiment.ini.
"""
import argparse
import configparser
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats


def load(folder, metric):
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    cp.read(f"{folder}/experiment.ini", encoding="utf-8-sig")
    ex = cp["experiment"]
    control = ex["control"]
    arms = [s[4:] for s in cp.sections() if s.startswith("arm ")]
    w = np.array([float(cp[f"arm {a}"].get("weight", 1)) for a in arms])
    p = dict(zip(arms, w / w.sum()))
    g = float(cp["economics"]["gross_margin"]) if cp.has_section("economics") else 0.0
    asg = pd.read_csv(f"{folder}/assignments.csv", dtype=str, keep_default_na=False,
                      encoding="utf-8-sig")
    o = pd.read_csv(f"{folder}/orders.csv", dtype={"user_id": str}, encoding="utf-8-sig")
    if "discount" not in o:
        o["discount"] = 0.0
    o["discount"] = o["discount"].fillna(0.0)
    day = o["order_time"].str.slice(0, 10)
    o = o[(day >= ex["start"]) & (day <= ex["end"])]
    if metric == "revenue":
        o = o.assign(y=o["amount"] - o["discount"])
    elif metric == "profit":
        o = o.assign(y=g * o["amount"] - o["discount"])
    else:
        o = o.assign(y=1.0)
    y = o.groupby("user_id")["y"].sum()
    if metric == "conversion":
        y = (y > 0).astype(float)
    asg["y"] = asg["user_id"].map(y).fillna(0.0).astype(float)
    return asg, arms, control, p


def ipw(send, asg, p):
    a = asg["arm"].to_numpy()
    pa = np.array([p[x] for x in a])
    t = (a == send) * asg["y"].to_numpy() / pa
    n = len(t)
    v, se = t.mean(), t.std(ddof=1) / np.sqrt(n)
    return {"value": v, "ci_low": v - 1.959963984540054 * se,
            "ci_high": v + 1.959963984540054 * se, "se": se}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("truth")
    ap.add_argument("--metric", default="profit")
    ap.add_argument("--send")
    ap.add_argument("--by", default="")
    args = ap.parse_args()

    asg, arms, control, p = load(args.folder, args.metric)
    truth = pd.read_csv(args.truth, dtype={"user_id": str})
    treat = [a for a in arms if a != control]
    eff = asg[["user_id"]].merge(truth, how="left", on="user_id")
    if eff.isna().any().any():
        sys.exit("target_sim_ref: members without a truth row")
    # the true effect of every arm over control, control's column 0
    E = np.column_stack([np.zeros(len(asg))] +
                        [eff[f"effect_{args.metric}_{a}"].to_numpy() for a in treat])
    names = np.array([control] + treat)
    orc = names[E.argmax(axis=1)]  # argmax picks control (column 0) when none is above 0
    out = {"n_users": len(asg), "metric": args.metric,
           "oracle": dict(ipw(orc, asg, p), true=float(E.max(axis=1).mean()),
                          share_sent={a: float((orc == a).mean()) for a in treat})}
    out["arms"] = {a: ipw(np.full(len(asg), a), asg, p) for a in arms}
    # the truth against the draws: each arm's difference in means over control
    # estimates the mean true effect over the members (randomization)
    y, arm = asg["y"].to_numpy(), asg["arm"].to_numpy()
    yc = y[arm == control]
    out["truth_vs_data"] = {}
    for i, a in enumerate(treat):
        ya = y[arm == a]
        se = np.sqrt(ya.var(ddof=1) / len(ya) + yc.var(ddof=1) / len(yc))
        out["truth_vs_data"][a] = {"true_mean_effect": float(E[:, i + 1].mean()),
                                   "diff_in_means": float(ya.mean() - yc.mean()), "se": float(se)}
    means = E.mean(axis=0)
    out["best_arm"] = {"arm": str(names[means.argmax()]), "true": float(means.max())}
    out["plans"] = {}
    for col in filter(None, args.by.split(",")):
        v = 0.0
        for _, idx in asg.groupby(col).indices.items():
            v += E[idx].mean(axis=0).max() * len(idx)
        out["plans"][col] = {"true": v / len(asg)}
    if args.send:
        s = pd.read_csv(args.send, dtype=str, keep_default_na=False)
        rec = asg[["user_id"]].merge(s[["user_id", "arm"]], how="left", on="user_id")["arm"]
        if rec.isna().any() or len(s) != len(asg):
            sys.exit(f"target_sim_ref: the send list has {len(s)} rows for {len(asg)} members")
        rec = rec.to_numpy()
        col = {a: i for i, a in enumerate(names)}
        got = E[np.arange(len(asg)), [col[a] for a in rec]]
        out["learned"] = dict(ipw(rec, asg, p), true=float(got.mean()),
                              regret=float(E.max(axis=1).mean() - got.mean()),
                              agree=float((rec == orc).mean()),
                              per_arm={a: {"sent": int((rec == a).sum()),
                                           "mean_true_gain": (float(got[rec == a].mean())
                                                              if (rec == a).any() else None),
                                           "mean_true_gain_everyone": float(E[:, col[a]].mean())}
                                       for a in treat})
        # the predicted gains against the true effects: rank correlation, and
        # the true effect of the top fifth by predicted gain against the rest
        g = asg[["user_id"]].merge(s, how="left", on="user_id")
        out["learned"]["gains"] = {}
        for a in treat:
            pred, true = g[f"gain_{a}"].astype(float).to_numpy(), E[:, col[a]]
            top = pred >= np.quantile(pred, 0.8)
            out["learned"]["gains"][a] = {
                "spearman": float(stats.spearmanr(pred, true)[0]),
                "top_fifth_true": float(true[top].mean()), "rest_true": float(true[~top].mean())}
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    print()


if __name__ == "__main__":
    main()
