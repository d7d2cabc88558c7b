#!/usr/bin/python3
"""The simulator's expected window outcome of one member under each arm,
two ways independent of simulate_truth.c, for tests/unit/test_simulate.c.

usage: sim_truth.py LAMBDA M RATE_8 RATE_80 DAYS TOPUP [MC_DRAWS]

exact: over N ~ Poisson(mu) orders (pmf summed to 1 - 1e-15), the coupon
       rules order by order: under 满80减15 the j-th order finds the coupon
       unused with probability (1 - q)^(j - 1) and then has the topped-up
       basket's mean (no closed form for min(N, G)); the basket's moments by
       scipy.stats.lognorm over the half-yuan rounding bins.
mc:    MC_DRAWS members simulated with numpy from the rules as simulate.c
       states them (default 2e6): each mean with its standard error.
Prints, per arm: conversion, paid, profit (exact), then the Monte Carlo
figures and their standard errors; exits 1 if one is more than 5 SE away.
"""
import sys

import numpy as np
from scipy import stats

G = 0.6


def basket_pmf(m):
    """Values a = max(6, round(2 m X) / 2) and their probabilities."""
    dist = stats.lognorm(s=0.30, scale=2 * m)  # y = 2 m X
    k = np.arange(1, int(np.ceil(2 * m * np.exp(0.30 * 9))) + 2)
    p = dist.cdf(k + 0.5) - dist.cdf(k - 0.5)
    p[0] += dist.cdf(0.5)  # round(y) = 0 for y < 0.5: a = 6 too
    return np.maximum(6.0, k / 2.0), p


def exact(lam, m, rate, days, topup):
    a, p = basket_pmf(m)
    mean = (a * p).sum()
    in6080 = (a >= 60) & (a < 80)
    p80 = p[a >= 80].sum()
    q = p80 + topup * p[in6080].sum()
    topped = mean + topup * (p[in6080].sum() * 87.5 - (a * p)[in6080].sum())
    out = []
    for arm in range(3):
        mu = lam * days / 7 * rate[arm]
        n = np.arange(0, int(mu + 40 * np.sqrt(mu) + 50))
        pn = stats.poisson.pmf(n, mu)
        amount = disc = 0.0
        conv = 1 - pn[0]
        for nn, pp in zip(n, pn):
            if nn == 0:
                continue
            if arm == 0:
                amt, d = nn * mean, 0.0
            elif arm == 1:
                amt, d = nn * mean, 0.2 * mean
            else:
                j = np.arange(1, nn + 1)
                unused = (1 - q) ** (j - 1)
                amt = (unused * topped + (1 - unused) * mean).sum()
                d = 15 * (1 - (1 - q) ** nn)
            amount += pp * amt
            disc += pp * d
        out.append((conv, amount - disc, G * amount - disc))
    return out


def mc(lam, m, rate, days, topup, draws, seed=1):
    rng = np.random.default_rng(seed)
    out = []
    for arm in range(3):
        mu = lam * days / 7 * rate[arm]
        n = rng.poisson(mu, draws)
        amt = np.zeros(draws)
        disc = np.zeros(draws)
        used = np.zeros(draws, bool)
        for j in range(n.max()):
            live = n > j
            y = 2 * m * rng.lognormal(0, 0.30, draws)
            a = np.maximum(6.0, np.floor(y + 0.5) / 2)
            if arm == 1:
                first = live & ~used
                disc[first] += np.round(a[first] * 20) / 100
                used |= first
            elif arm == 2:
                cand = live & ~used
                top = cand & (a >= 60) & (a < 80) & (rng.random(draws) < topup)
                a = np.where(top, 80 + np.floor(30 * rng.random(draws) + 0.5) / 2, a)
                hit = cand & (a >= 80)
                disc[hit] += 15
                used |= hit
            amt[live] += a[live]
        cols = [(n > 0).astype(float), amt - disc, G * amt - disc]
        out.append([(c.mean(), c.std(ddof=1) / np.sqrt(draws)) for c in cols])
    return out


def main():
    lam, m, r8, r80, days, topup = map(float, sys.argv[1:7])
    draws = int(float(sys.argv[7])) if len(sys.argv) > 7 else 2000000
    rate = (1.0, r8, r80)
    ex = exact(lam, m, rate, int(days), topup)
    ok = True
    for arm, e in enumerate(ex):
        print("exact", arm, " ".join(f"{v:.12g}" for v in e))
    for arm, row in enumerate(mc(lam, m, rate, int(days), topup, draws)):
        print("mc   ", arm, " ".join(f"{v:.6g}+-{s:.2g}" for v, s in row))
        for (v, s), e in zip(row, ex[arm]):
            if abs(v - e) > 5 * s + 1e-12:
                print(f"mc and exact disagree: arm {arm}: {v} +- {s} vs {e}")
                ok = False
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
