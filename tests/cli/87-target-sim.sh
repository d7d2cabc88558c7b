# 87-target-sim.sh - `uplift target` on simulated folders whose per-member
# effects are known (issue 19). `simulate --hetero --truth FILE` draws the
# arms' effects from channel, spend_level and age together and writes each
# member's true expected effect of each arm; tests/reference/target_sim_ref.py
# (numpy) computes the oracle policy (each member's arm of the largest true
# effect, control if none is above 0) and the IPW values. Checked: the
# simulator's default files are the same bytes as ever; target's IPW figures
# are the reference's; (i) the learned policy's held-out value is within the
# oracle's interval and its true regret is small next to the oracle's true
# gain over the best single arm; (ii) it beats the --by spend_level and --by
# channel segment plans; (iii) the send list is the same bytes under a re-run
# with the same seed (and not under another seed); (iv) the members sent an
# arm truly gain from it on average; --score sends the members of another
# folder arms truly worth nearly the oracle's; on experiments/coffee-w47 (the default
# model, its truth regenerated) the policy is nearly the oracle's; and on 40
# seeded A/A folders the policy's interval covers the best single arm's value
# and false gains are rare (scripts/aa-target.sh; `make calibrate` runs the
# 200-run version).
# usage: UPLIFT=build/uplift sh tests/cli/87-target-sim.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

# without the new options the simulator writes what it always wrote:
# experiments/coffee-w47 is `uplift simulate DIR` with the defaults
"$UPLIFT" simulate "$tmp/w47" 2>"$tmp/err"
same=yes
for f in experiment.ini assignments.csv orders.csv history.csv; do
	cmp -s "$root/experiments/coffee-w47/$f" "$tmp/w47/$f" || same="no ($f differs)"
done
if [ "$same" = yes ]; then ok; else bad "simulate defaults: not experiments/coffee-w47: $same" "$(cat "$tmp/err")"; fi

# the truth file is reproducible and has a row per member
"$UPLIFT" simulate "$tmp/hx" --hetero --users 500 --seed 5 --truth "$tmp/tx1.csv" &&
	"$UPLIFT" simulate "$tmp/hy" --hetero --users 500 --seed 5 --truth "$tmp/tx2.csv"
if cmp -s "$tmp/tx1.csv" "$tmp/tx2.csv" && [ "$(wc -l <"$tmp/tx1.csv")" = 501 ] &&
	head -1 "$tmp/hx/assignments.csv" | grep -q ',age$'; then ok; else bad "simulate --hetero --truth reproducible"; fi

# --truth never replaces one of the folder's own files, and a folder that is
# not there is bad usage (exit 2); nothing is written then
expect truth-own-file 2 "uplift: --truth $tmp/e1/orders.csv: that is the experiment's own orders.csv" -- simulate "$tmp/e1" --users 100 --truth "$tmp/e1/orders.csv"
expect truth-no-folder 2 "uplift: --truth $tmp/nope/t.csv: cannot write there: No such file or directory" -- simulate "$tmp/e2" --users 100 --truth "$tmp/nope/t.csv"
if [ -z "$(ls -A "$tmp/e1")$(ls -A "$tmp/e2")" ]; then ok; else bad "simulate wrote files on a bad --truth" "$(ls -A "$tmp/e1" "$tmp/e2")"; fi

if ! "$UPLIFT" target --help >/dev/null 2>&1; then
	skip "uplift target: no such command in this build"
	finish
	exit
fi

# check NAME <<'PYEOF' ... : run the Python on stdin with t (target's JSON),
# r (the reference's JSON), seed and metric; ok/bad by its exit status; what
# it prints is shown
check() {
	if out=$($PY -c 'import json, sys
t = json.load(open(sys.argv[1], encoding="utf-8"))
r = json.load(open(sys.argv[2], encoding="utf-8"))
seed, metric = sys.argv[3], sys.argv[4]
exec(sys.stdin.read())' "$tmp/t.json" "$tmp/ref.json" "$seed" "$metric" 2>&1); then
		ok
		[ -n "$out" ] && printf '%s\n' "$out"
	else
		bad "$1" "$out"
	fi
}

# Two hidden-effect folders, 20,000 members each, the decision's metric
# (profit) and revenue. The reference figures:
#   /usr/bin/python3 tests/reference/target_sim_ref.py DIR TRUTH --metric M \
#       --send SEND.csv --by spend_level,channel
for run in "3 profit" "11 revenue"; do
	set -- $run
	seed=$1 metric=$2
	h="$tmp/h$seed"
	"$UPLIFT" simulate "$h" --hetero --users 20000 --seed "$seed" --truth "$tmp/truth$seed.csv"
	if ! "$UPLIFT" target "$h" --metric "$metric" --by spend_level,channel --format json \
		--out "$tmp/send.csv" >"$tmp/t.json" 2>"$tmp/err"; then
		bad "target on the hetero folder (seed $seed)" "$(cat "$tmp/err")"
		continue
	fi
	if ! (cd "$root" && $PY tests/reference/target_sim_ref.py "$h" "$tmp/truth$seed.csv" \
		--metric "$metric" --send "$tmp/send.csv" --by spend_level,channel) >"$tmp/ref.json" 2>"$tmp/err"; then
		bad "target_sim_ref.py (seed $seed)" "$(cat "$tmp/err")"
		continue
	fi
	# the truth file agrees with the draws: each arm's difference in means over
	# control is within 4 standard errors of its mean true effect
	check "truth file against the data (seed $seed, $metric)" <<'PYEOF'
for a, v in r["truth_vs_data"].items():
    z = (v["diff_in_means"] - v["true_mean_effect"]) / v["se"]
    print(f"  seed {seed} {metric}: {a}: mean true effect {v['true_mean_effect']:.3f}, "
          f"difference in means {v['diff_in_means']:.3f} (SE {v['se']:.3f}, z {z:+.2f})")
    assert abs(z) < 4, (a, v)
PYEOF
	# target's IPW figures are the reference's, to rounding: the policy's from
	# its own send list (every recommendation is cross-fitted), and control's
	check "IPW figures against numpy (seed $seed)" <<'PYEOF'
close = lambda a, b: abs(a - b) <= 1e-9 * max(1, abs(b))
assert t["n_users"] == r["n_users"] and t["metric"] == r["metric"], (t["n_users"], t["metric"])
assert close(t["policy_value"], r["learned"]["value"]), (t["policy_value"], r["learned"]["value"])
assert close(t["control_value"], r["arms"][t["control"]]["value"]), (t["control_value"], r["arms"])
PYEOF
	# (i) the oracle's IPW interval holds the learned policy's value, and the
	# true regret (oracle's true value minus the learned policy's, from the
	# truth file) is under a quarter of the oracle's true gain over the best arm
	check "(i) learned policy near the oracle (seed $seed, $metric)" <<'PYEOF'
o, l, b = r["oracle"], r["learned"], r["best_arm"]
print(f"  seed {seed} {metric}: oracle IPW {o['value']:.3f} [{o['ci_low']:.3f}, {o['ci_high']:.3f}], "
      f"learned {t['policy_value']:.3f} [{t['policy_value_ci_low']:.3f}, {t['policy_value_ci_high']:.3f}]; "
      f"true per member: oracle {o['true']:.3f}, learned {l['true']:.3f}, best arm {b['true']:.3f} "
      f"(regret {l['regret']:.3f} = {100 * l['regret'] / (o['true'] - b['true']):.0f}% of the oracle gain), "
      f"same arm as the oracle for {100 * l['agree']:.0f}%")
assert o["ci_low"] <= t["policy_value"] <= o["ci_high"], "learned value outside the oracle interval"
assert l["regret"] < 0.25 * (o["true"] - b["true"]), "regret too large"
PYEOF
	# (ii) it beats each segment plan (held-out gain above 0), and truly beats
	# even the best plan each column could have (true effects known)
	check "(ii) policy beats the segment plans (seed $seed)" <<'PYEOF'
plans = {p["column"]: p for p in t["segment_plans"]}
assert set(plans) == {"spend_level", "channel"}, plans.keys()
for col, p in plans.items():
    g = t["policy_value"] - p["value"]
    print(f"  seed {seed}: over --by {col}: held-out {g:.3f} [{p['gain_ci_low']:.3f}, {p['gain_ci_high']:.3f}]; "
          f"true {r['learned']['true']:.3f} vs the column best plan {r['plans'][col]['true']:.3f}")
    assert g > 0 and abs(p["gain"] - g) < 1e-9 * max(1, abs(g)), (col, g, p)
    assert r["learned"]["true"] > r["plans"][col]["true"], col
# the verdict needs every gain's interval above 0, a matter of power at
# 20,000 members (5 of 11 seeds on profit): shown, not checked
print(f"  seed {seed}: verdict {t['verdict']}")
assert t["verdict"] in ("per_member_targeting_pays", "cannot_support_targeting"), t["verdict"]
PYEOF
	# (iv) the members sent each arm gain from it, truly, on average, and more
	# than the average member would (they were picked, not drawn)
	check "(iv) true gains of the members sent each arm (seed $seed)" <<'PYEOF'
for arm, a in r["learned"]["per_arm"].items():
    print(f"  seed {seed}: sent {arm}: {a['sent']} members, mean true gain {a['mean_true_gain']:.3f} "
          f"(every member: {a['mean_true_gain_everyone']:.3f})")
    assert a["sent"] == 0 or a["mean_true_gain"] > max(0, a["mean_true_gain_everyone"]), (arm, a)
assert sum(a["sent"] for a in r["learned"]["per_arm"].values()) > 0
PYEOF
	# the send list's predicted gains rank the members by their true gains:
	# the top fifth by predicted gain of an arm truly gains more from it
	check "predicted gains against the true effects (seed $seed)" <<'PYEOF'
for arm, a in r["learned"]["gains"].items():
    print(f"  seed {seed}: gain_{arm}: Spearman {a['spearman']:.2f} with the true effect; top fifth "
          f"truly {a['top_fifth_true']:.3f}, the rest {a['rest_true']:.3f}")
    assert a["spearman"] > 0.2 and a["top_fifth_true"] > a["rest_true"], (arm, a)
PYEOF
	# (iii) the same seed gives the same send list and JSON; another does not
	mv "$tmp/send.csv" "$tmp/send1.csv"
	mv "$tmp/t.json" "$tmp/t1.json"
	"$UPLIFT" target "$h" --metric "$metric" --by spend_level,channel --format json --out "$tmp/send.csv" >"$tmp/t.json" 2>/dev/null
	"$UPLIFT" target "$h" --metric "$metric" --seed 7 --out "$tmp/send7.csv" >/dev/null 2>&1
	if cmp -s "$tmp/send1.csv" "$tmp/send.csv" && cmp -s "$tmp/t1.json" "$tmp/t.json" &&
		! cmp -s "$tmp/send1.csv" "$tmp/send7.csv"; then ok; else bad "(iii) send list stable under a re-run (seed $seed)"; fi
done

# --score: a model of the seed-3 folder sends the members of another folder
# (seed 4, never seen) arms that are truly worth nearly the oracle's there
# (the assignments columns only: new members have no history features)
"$UPLIFT" simulate "$tmp/new" --hetero --users 20000 --seed 4 --no-history --truth "$tmp/newtruth.csv"
if "$UPLIFT" target "$tmp/h3" --features channel,spend_level,age,member_stage,rfm_type \
	--score "$tmp/new/assignments.csv" --score-out "$tmp/scored.csv" --format json >"$tmp/t.json" 2>"$tmp/err" &&
	$PY - "$tmp/scored.csv" "$tmp/newtruth.csv" >"$tmp/out" 2>&1 <<'PYEOF'
import sys
import numpy as np, pandas as pd
s, t = pd.read_csv(sys.argv[1], dtype={"user_id": str}), pd.read_csv(sys.argv[2], dtype={"user_id": str})
d = t.merge(s, on="user_id")
assert len(d) == len(t) == len(s), (len(d), len(t), len(s))
names = ["control", "8折券", "满80减15"]
E = np.column_stack([np.zeros(len(d))] + [d[f"effect_profit_{a}"] for a in names[1:]])
got = E[np.arange(len(d)), d["arm"].map({a: i for i, a in enumerate(names)}).to_numpy()]
orc, best = E.max(axis=1).mean(), E.mean(axis=0).max()
print(f"  --score on 20,000 new members: true value {got.mean():.3f}, oracle {orc:.3f}, best arm {best:.3f} "
      f"(regret {100 * (orc - got.mean()) / (orc - best):.0f}% of the oracle gain)")
assert orc - got.mean() < 0.25 * (orc - best)
PYEOF
then
	ok
	cat "$tmp/out"
else
	bad "--score on new members" "$(cat "$tmp/err" "$tmp/out")"
fi

# experiments/coffee-w47 is the default model (effects by spend_level alone):
# its truth file, from the same options, against target's send list there
# (the oracle is then the spend_level plan)
"$UPLIFT" simulate "$tmp/w47t" --truth "$tmp/w47truth.csv"
if "$UPLIFT" target "$root/experiments/coffee-w47" --format json --out "$tmp/send.csv" >"$tmp/t.json" 2>"$tmp/err" &&
	(cd "$root" && $PY tests/reference/target_sim_ref.py experiments/coffee-w47 "$tmp/w47truth.csv" \
		--send "$tmp/send.csv" --by spend_level) >"$tmp/ref.json" 2>>"$tmp/err"; then
	seed=47 metric=profit
	check "coffee-w47: the learned policy is the oracle's, nearly" <<'PYEOF'
o, l, b = r["oracle"], r["learned"], r["best_arm"]
print(f"  coffee-w47 profit: true per member: oracle {o['true']:.4f} (= the spend_level plan "
      f"{r['plans']['spend_level']['true']:.4f}), learned {l['true']:.4f}, best arm {b['true']:.4f}; "
      f"regret {l['regret']:.4f} = {100 * l['regret'] / (o['true'] - b['true']):.1f}% of the oracle gain; "
      f"same arm as the oracle for {100 * l['agree']:.1f}%")
assert o["ci_low"] <= t["policy_value"] <= o["ci_high"]
assert l["regret"] < 0.05 * (o["true"] - b["true"]), "regret too large"
PYEOF
else
	bad "target on coffee-w47" "$(cat "$tmp/err")"
fi

# A/A: 40 seeded folders of 3,000 members (`simulate --aa`: no arm changes
# purchases; the coupons still cost their discount, so no policy truly beats
# the best single arm). The issue's bar is 95% coverage and <= 5% false gains
# over 200 runs (`make calibrate`: 192/200 covered, 7/200 false gains at this
# writing). Over 40 runs we need >= 35 covered and <= 5 false gains: a
# calibrated method (95%, 5%) fails that with probability 1.4% each
# (scipy: binom.cdf(34, 40, .95) = 0.0139, binom.sf(5, 40, .05) = 0.0139),
# while one at 80% coverage or 20% false gains passes it with only 16%
# (binom.sf(34, 40, .80) = 0.161, binom.cdf(5, 40, .20) = 0.161).
if out=$(UPLIFT="$UPLIFT" sh "$root/scripts/aa-target.sh" 40 35 5 2>&1); then
	ok
	printf '  %s\n' "$out"
else
	bad "A/A calibration over 40 runs" "$out"
fi

finish
