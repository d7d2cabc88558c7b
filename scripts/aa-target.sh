#!/bin/sh
# aa-target.sh - calibration of `uplift target` on A/A tests (issue 19): RUNS
# seeded folders of `uplift simulate --aa` (seeds 1..RUNS, USERS members, no
# arm changes anyone's purchases), each run through `uplift target --format
# json`. In every one the per-member policy is worth exactly what a single arm
# is, so its 95% interval should cover the best single arm's value, and the
# gain over the best arm should not be "above 0" (gain_ci_low > 0, a false
# gain) in more than 5% of runs.
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
		! "$UPLIFT" target "$d" --format json >"$tmp/$s.json" 2>>"$tmp/err"; then
		echo "aa-target: seed $s: $(cat "$tmp/err")"
		exit 2
	fi
	s=$((s + 1))
done

$PY - "$tmp" "$runs" "$min_covered" "$max_false" "$users" <<'PYEOF'
import json, sys
tmp, runs, min_cov, max_false, users = sys.argv[1], *map(int, sys.argv[2:])
covered = false = 0
missed, gains = [], []
for s in range(1, runs + 1):
    d = json.load(open(f"{tmp}/{s}.json", encoding="utf-8"))
    lo, hi, best = d["policy_value_ci_low"], d["policy_value_ci_high"], d["best_arm_value"]
    if lo is not None and hi is not None and lo <= best <= hi:
        covered += 1
    else:
        missed.append(f"seed {s}: policy [{lo}, {hi}], best arm {best}")
    if d["gain_ci_low"] is not None and d["gain_ci_low"] > 0:
        false += 1
        gains.append(f"seed {s}: gain {d['gain']} [{d['gain_ci_low']}, {d['gain_ci_high']}]")
print(f"aa-target: {runs} A/A runs of {users} users: the policy's interval covers the best arm's "
      f"value in {covered} ({100 * covered / runs:.1f}%, need >= {min_cov}); false gains "
      f"{false} ({100 * false / runs:.1f}%, at most {max_false})")
if covered < min_cov or false > max_false:
    print("\n".join(missed + gains))
    sys.exit(1)
PYEOF
