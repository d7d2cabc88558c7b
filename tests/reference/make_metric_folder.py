#!/usr/bin/python3
"""make_metric_folder.py UPLIFT DIR SEED [USERS] [--extra]: a test folder for
[metric NAME] sections, reproducible from SEED.

Runs `UPLIFT simulate DIR --seed SEED --users USERS` (default 4000 users),
then
- adds an `exposed_at` column to assignments.csv (numpy RNG seeded with
  SEED): half the users a date, half a time "YYYY-MM-DD HH:MM:SS", on days
  from two before the window's start to its last day, so that a share is
  exposed too late for their 3 days to be over by `end`; a few times set
  exactly on one of the user's orders, or exactly 72 h before one (the
  edges of within_days);
- sets a few orders on the edges of the `where` tests (amount 80, paid 30
  and 50, a discount of 0.50);
- appends the [metric] sections that tests/cli/80-user-metrics.sh checks
  with tests/reference/user_metrics.py. --extra adds five more: profit
  capped at p95, a ratio whose numerator is capped, a proportion of
  discount with `<`, a mean of amount with `<=`, and a capped mean within
  the days of exposure.
"""
import configparser
import csv
import subprocess
import sys
from datetime import date, datetime, timedelta

import numpy as np

METRICS = """
[metric big_basket]      ; users with an order of 80 or more
kind  = proportion
of    = orders
where = amount >= 80

[metric back3]           ; users who ordered within 3 days of exposure
kind        = proportion
of          = orders
within_days = 3

[metric rev_capped]      ; paid value per user, capped at the pooled 99th percentile
kind = mean
of   = paid
cap  = p99

[metric rev_fixcap]      ; paid value per user, capped at 200
kind = mean
of   = paid
cap  = 200

[metric aov80]           ; paid value per order, orders of 80 or more
kind  = ratio
of    = paid / orders
where = amount >= 80

[metric disc]            ; coupon cost on orders paying more than 50
kind  = mean
of    = discount
where = paid > 50
"""

EXTRA = """
[metric profit_cap]      ; profit per user (gross_margin x amount - discount), capped
kind = mean
of   = profit
cap  = p95

[metric aov_cap]         ; paid value per order, each user's paid value capped
kind = ratio
of   = paid / orders
cap  = p99

[metric small_disc]      ; users with a discount on an order below 80
kind  = proportion
of    = discount
where = amount < 80

[metric amount_le]       ; value before discount of the orders paying 30 or less
kind  = mean
of    = amount
where = paid <= 30

[metric rev3]            ; paid value within 3 days of exposure, capped at p90 of those done
kind        = mean
of          = paid
within_days = 3
cap         = p90
"""


def edges(folder, rng, arm_of, start, end):
    """Orders on the edges of the `where` tests, set in place of a few orders
    of the window (amount and discount as the arm's coupon gives them, so
    orders.csv stays consistent): amount 80 (>= 80 and < 80 differ), paid
    30 (<= 30), paid 50 (> 50), and a discount below 1 (a proportion counts
    a value above 0, not 1 or more)."""
    with open(f"{folder}/orders.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    head = rows[0]
    u, t, a, dc = (head.index(k) for k in ("user_id", "order_time", "amount", "discount"))
    inwin = [i for i, r in enumerate(rows) if i and r[u] in arm_of and
             start.isoformat() <= r[t][:10] <= end.isoformat()]
    picks = iter(rng.permutation(inwin))
    # (arm, amount, discount, how many)
    plan = [("control", 80, 0, 8), ("满80减15", 80, 15, 8), ("control", 30, 0, 8),
            ("8折券", 62.5, 12.5, 8), ("8折券", 2.5, 0.5, 8)]
    for arm, amount, discount, k in plan:
        for i in picks:
            if k == 0:
                break
            if arm_of[rows[i][u]] == arm:
                rows[i][a], rows[i][dc] = f"{amount:.2f}", f"{discount:.2f}"
                k -= 1
    with open(f"{folder}/orders.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def main():
    extra = "--extra" in sys.argv
    args = [a for a in sys.argv[1:] if a != "--extra"]
    uplift, folder, seed = args[0], args[1], int(args[2])
    users = args[3] if len(args) > 3 else "4000"
    subprocess.run([uplift, "simulate", folder, "--seed", str(seed), "--users", users],
               check=True, stdout=subprocess.DEVNULL)
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    cp.read(f"{folder}/experiment.ini", encoding="utf-8")
    start = date.fromisoformat(cp["experiment"]["start"])
    end = date.fromisoformat(cp["experiment"]["end"])
    rng = np.random.default_rng(seed)

    with open(f"{folder}/orders.csv", encoding="utf-8", newline="") as f:
        orders = {}
        for r in csv.DictReader(f):
            orders.setdefault(r["user_id"], []).append(r["order_time"])
    with open(f"{folder}/assignments.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    days = (end - start).days + 3  # start - 2 .. end
    for r in rows[1:]:
        day = start + timedelta(days=int(rng.integers(0, days)) - 2)
        pick = rng.random()
        inwin = [t for t in orders.get(r[0], []) if start.isoformat() <= t[:10] <= end.isoformat()]
        if inwin and pick < 0.04:  # exactly at an order: the order counts
            t = inwin[int(rng.integers(0, len(inwin)))]
            r.append(t if len(t) > 10 else t + " 00:00:00")
        elif inwin and pick < 0.08:  # exactly 72 h before an order: it does not
            t = inwin[int(rng.integers(0, len(inwin)))]
            t0 = datetime.fromisoformat(t if len(t) > 10 else t + " 00:00:00")
            r.append((t0 - timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S"))
        elif pick < 0.54:
            r.append(day.isoformat())
        elif pick < 0.58:  # midnight: the 3 days of the 20th end with the window
            r.append(day.isoformat() + " 00:00:00")
        else:
            s = int(rng.integers(0, 86400))
            r.append(f"{day.isoformat()} {s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}")
    rows[0].append("exposed_at")
    with open(f"{folder}/assignments.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    edges(folder, rng, {r[0]: r[1] for r in rows[1:]}, start, end)
    with open(f"{folder}/experiment.ini", "a", encoding="utf-8") as f:
        f.write(METRICS + (EXTRA if extra else ""))


main()
