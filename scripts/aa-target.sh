#!/bin/sh
# aa-target.sh - calibration of `uplift target` on A/A tests (issue 19): RUNS
# seeded folders of `uplift simulate --aa` (seeds 1..RUNS, USERS members; no
# arm changes anyone's purchases), each run through `uplift target --format
# json` twice:
#   --metric conversion: a true null (every rule is worth the same), so the
#     policy's 95% interval should cover the common value, estimated by the
#     conversion of all members pooled (far more precise than any one arm:
#     from `uplift analyze`, users x rate summed over arms), and a gain over
#     the best single arm "above 0" (gain_ci_low > 0) is a false gain;
#   the decision metric (profit): the coupons still cost their discount, so
#     no policy can truly beat the best single arm (sending nothing); a gain
#     above 0 is a false gain here too.
# The bounds: at least MIN_COVERED runs covered, at most MAX_FALSE false
# gains on each metric.
#
# usage: UPLIFT=build/uplift scripts/aa-target.sh [RUNS [MIN_COVERED MAX_FALSE [USERS]]]
#   defaults: 200 runs, at least 190 covered (95%), at most 10 false gains (5%),
#   3000 users. Prints one summary line; exit 1 if a bound is broken (each run
#   that broke one is listed), 2 if a run failed. `make calibrate` runs it.
set -u
UPLIFT=${UPLIFT:-build/uplift}
runs=${1:-200}
min_covered=${2:-$((runs - runs / 20))}
max_false=${3:-$((runs / 20))}
users=${4:-3000}
PY=/usr/bin/python3
tmp=$(mktemp -d /tmp/uplift-aa.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

s=1
while [ "$s" -le "$runs" ]; do
	d="$tmp/aa"
	rm -rf "$d"
	if ! "$UPLIFT" simulate "$d" --aa --users "$users" --seed "$s" >/dev/null 2>"$tmp/err" ||
		! "$UPLIFT" target "$d" --format json --metric conversion >"$tmp/$s.c.json" 2>>"$tmp/err" ||
		! "$UPLIFT" target "$d" --format json >"$tmp/$s.p.json" 2>>"$tmp/err" ||
		! "$UPLIFT" analyze "$d" --format json >"$tmp/$s.a.json" 2>>"$tmp/err"; then
		echo "aa-target: seed $s: $(cat "$tmp/err")"
		exit 2
	fi
	s=$((s + 1))
done

$PY - "$tmp" "$runs" "$min_covered" "$max_false" "$users" <<'PYEOF'
import json, sys
tmp, runs, min_cov, max_false, users = sys.argv[1], *map(int, sys.argv[2:])
covered, false_c, false_p = 0, 0, 0
missed, gains = [], []
for s in range(1, runs + 1):
    c = json.load(open(f"{tmp}/{s}.c.json", encoding="utf-8"))
    p = json.load(open(f"{tmp}/{s}.p.json", encoding="utf-8"))
    a = json.load(open(f"{tmp}/{s}.a.json", encoding="utf-8"))
    n = sum(arm["users"] for arm in a["arms"])
    pooled = sum(arm["users"] * arm["metrics"]["conversion"]["value"] for arm in a["arms"]) / n
    lo, hi = c["policy_value_ci_low"], c["policy_value_ci_high"]
    if lo is not None and hi is not None and lo <= pooled <= hi:
        covered += 1
    else:
        missed.append(f"seed {s}: conversion policy [{lo}, {hi}], all members {pooled}")
    for d, name in ((c, "conversion"), (p, p["metric"])):
        if d["gain_ci_low"] is not None and d["gain_ci_low"] > 0:
            if d is c:
                false_c += 1
            else:
                false_p += 1
            gains.append(f"seed {s}: {name} gain {d['gain']} [{d['gain_ci_low']}, {d['gain_ci_high']}]")
print(f"aa-target: {runs} A/A runs of {users} users: on conversion the policy's interval covers "
      f"the value of all members in {covered} ({100 * covered / runs:.1f}%, need >= {min_cov}); "
      f"false gains over the best single arm: conversion {false_c} ({100 * false_c / runs:.1f}%), "
      f"{p['metric']} {false_p} ({100 * false_p / runs:.1f}%), at most {max_false} each")
if covered < min_cov or false_c > max_false or false_p > max_false:
    print("\n".join(missed + gains))
    sys.exit(1)
PYEOF
