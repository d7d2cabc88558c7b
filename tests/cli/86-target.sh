# 86-target.sh - uplift target: on coffee-w47 the cross-fitted policy finds
# the spend-level effect the simulator built (src/simulate.c: 8折券 works on
# 低客单, 满80减15 on 高客单) without being told the column, with a held-out
# gain over the best single arm whose interval is above 0; the IPW values,
# intervals, budget curve and Qini coefficients agree with an independent
# numpy implementation; the same seed gives the same bytes (also on one
# thread); bad input is exit 2 naming the file and column.
# usage: UPLIFT=build/uplift sh tests/cli/86-target.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

w=$root/experiments/coffee-w47
if "$UPLIFT" target "$w" --format json --out "$tmp/send.csv" >"$tmp/t.json" 2>"$tmp/err"; then ok; else bad "target coffee-w47" "$(cat "$tmp/err")"; fi

# the policy uses spend_level: 高客单 mostly 满80减15, 低客单 mostly 8折券; gain_ci_low > 0
if out=$($PY - "$w" "$tmp/send.csv" "$tmp/t.json" <<'PYEOF'
import json, sys
import pandas as pd
s = pd.read_csv(sys.argv[2], dtype=str)
a = pd.read_csv(sys.argv[1] + "/assignments.csv", dtype=str)
m = s.merge(a[["user_id", "spend_level"]], on="user_id")
share = pd.crosstab(m["spend_level"], m["arm"], normalize="index")
assert share.loc["高客单", "满80减15"] > 0.8, share
assert share.loc["低客单", "8折券"] > 0.8, share
j = json.load(open(sys.argv[3], encoding="utf-8"))
assert j["gain_ci_low"] > 0, j["gain"]
assert j["policy_value_ci_low"] > j["control_value"], j
assert {f["name"] for f in j["features"]} >= {"spend_level", "channel", "recency", "frequency", "monetary"}
assert [f for f in j["features"] if f["name"] == "spend_level"][0]["splits"] > 0
imp = {f["name"]: f["importance"] for f in j["features"]}
assert max(imp, key=imp.get) == "spend_level" and abs(sum(imp.values()) - 1) < 1e-9, imp
assert j["verdict"] in ("per_member_targeting_pays", "cannot_support_targeting") and j["reason"]
assert abs(sum(j["policy_arm_share"].values()) - 1) < 1e-9
assert len(j["budget"]) == 21 and [q["arm"] for q in j["qini"]] == ["8折券", "满80减15"]
PYEOF
); then ok; else bad "spend_level found, gain above 0" "$out"; fi

# IPW values, intervals, budget curve, Qini coefficients against numpy:
#   /usr/bin/python3 tests/reference/target_ref.py experiments/coffee-w47 SEND.csv OUT.json
if out=$($PY "$root/tests/reference/target_ref.py" "$w" "$tmp/send.csv" "$tmp/t.json" 2>&1); then
	ok
	echo "$out"
else bad "target_ref coffee-w47" "$out"; fi

# a 0/1 metric: conversion
#   /usr/bin/python3 tests/reference/target_ref.py experiments/coffee-w47 SEND.csv OUT.json conversion
if "$UPLIFT" target "$w" --metric conversion --format json --out "$tmp/conv.csv" >"$tmp/conv.json" 2>"$tmp/err" &&
	out=$($PY "$root/tests/reference/target_ref.py" "$w" "$tmp/conv.csv" "$tmp/conv.json" conversion 2>&1); then
	ok
else bad "target_ref --metric conversion" "$out $(cat "$tmp/err")"; fi

# categorical features only: 40 distinct predicted gains among 20,000
# members, the Qini curve and coefficient of sklift's qini_curve (a point
# where the score changes; ties in row order gave -0.0012951 for -0.0013025)
#   /usr/bin/python3 tests/reference/target_ref.py experiments/coffee-w47 SEND.csv OUT.json conversion
if "$UPLIFT" target "$w" --features spend_level,channel --metric conversion --format json \
	--out "$tmp/tie.csv" >"$tmp/tie.json" 2>"$tmp/err" &&
	out=$($PY "$root/tests/reference/target_ref.py" "$w" "$tmp/tie.csv" "$tmp/tie.json" conversion 2>&1); then
	ok
else bad "target_ref Qini with tied gains" "$out $(cat "$tmp/err")"; fi

# a segment plan: the simulator's effect lives in spend_level alone, so the
# policy cannot beat spend_level's plan (the verdict says so); numpy again
if "$UPLIFT" target "$w" --format json --by spend_level,rfm_type --out "$tmp/send2.csv" >"$tmp/t2.json" 2>"$tmp/err" &&
	out=$($PY "$root/tests/reference/target_ref.py" "$w" "$tmp/send2.csv" "$tmp/t2.json" 2>&1) &&
	$PY -c "
import json, sys
j = json.load(open(sys.argv[1], encoding='utf-8'))
p = {s['column']: s for s in j['segment_plans']}
assert p['spend_level']['gain_ci_low'] < 0 < p['spend_level']['gain_ci_high'], p
assert p['rfm_type']['gain_ci_low'] > 0, p
assert j['verdict'] == 'cannot_support_targeting' and 'spend_level' in j['reason'], j['reason']
" "$tmp/t2.json"; then ok; else bad "segment plans" "$out $(cat "$tmp/err")"; fi

# the same seed, the same bytes: a re-run, and one thread
if "$UPLIFT" target "$w" --format json --out "$tmp/again.csv" >"$tmp/again.json" 2>"$tmp/err" &&
	cmp -s "$tmp/send.csv" "$tmp/again.csv" && cmp -s "$tmp/t.json" "$tmp/again.json"; then ok; else bad "re-run: same send list"; fi
if "$UPLIFT" target "$w" --format json --threads 1 --out "$tmp/one.csv" >"$tmp/one.json" 2>"$tmp/err" &&
	cmp -s "$tmp/send.csv" "$tmp/one.csv" && cmp -s "$tmp/t.json" "$tmp/one.json"; then ok; else bad "one thread: same bytes"; fi
if "$UPLIFT" target "$w" --format json --seed 7 --out "$tmp/s7.csv" >/dev/null 2>"$tmp/err" &&
	! cmp -s "$tmp/send.csv" "$tmp/s7.csv"; then ok; else bad "another seed: another model"; fi

# the table, en and zh
if "$UPLIFT" target "$w" >"$tmp/table" 2>"$tmp/err" && grep -q "gain of the policy over the best single arm" "$tmp/table" &&
	"$UPLIFT" target "$w" --lang zh >"$tmp/table.zh" 2>"$tmp/err" && grep -q "策略相对最优单一方案的增益" "$tmp/table.zh"; then ok; else bad "table en/zh" "$(cat "$tmp/err")"; fi

# the report's section (Markdown): the verdict first, pointing to the send list
if "$UPLIFT" target "$w" --format markdown --out "$tmp/md-send.csv" >"$tmp/t.md" 2>"$tmp/err" &&
	[ "$(sed -n 1p "$tmp/t.md")" = "## Per-member targeting" ] &&
	sed -n 3p "$tmp/t.md" | grep -q "^\*\*Per-member targeting pays\*\*: .*Send from $tmp/md-send.csv" &&
	grep -q "^| per-member policy | 7.1232 |" "$tmp/t.md"; then ok; else bad "markdown section" "$(cat "$tmp/err" "$tmp/t.md")"; fi

# --score: new members with the same columns, unknown categories allowed
d=$tmp/t86
cp -r "$w" "$d"
{ echo "user_id,channel,rfm_type,member_stage,spend_level,recency,frequency,monetary"
  echo "N1,小程序,重要价值客户,活跃用户,高客单,3,12,400"
  echo "N2,电话,,新用户,低客单,,0,0"
  echo "\"N,3\",App,一般挽留客户,活跃用户,低客单,30,2,70"; } >"$d/new.csv"
if "$UPLIFT" target "$w" --score "$d/new.csv" --score-out "$d/new.send.csv" >/dev/null 2>"$tmp/err" &&
	$PY -c "
import pandas as pd, sys
s = pd.read_csv(sys.argv[1], dtype={'user_id': str})
assert list(s['user_id']) == ['N1', 'N2', 'N,3'] and list(s.columns) == ['user_id', 'arm', 'gain_8折券', 'gain_满80减15'], s
assert s.loc[0, 'arm'] == '满80减15' and s.loc[1, 'arm'] == '8折券', s
" "$d/new.send.csv"; then ok; else bad "--score" "$(cat "$tmp/err")"; fi

# charts: qini.gp/.dat, budget.gp/.dat
mkdir -p "$d/charts"
if "$UPLIFT" target "$w" --charts "$d/charts" >/dev/null 2>"$tmp/err" &&
	[ -s "$d/charts/qini.gp" ] && [ -s "$d/charts/qini.dat" ] && [ -s "$d/charts/budget.gp" ] &&
	[ "$(wc -l <"$d/charts/budget.dat")" = 22 ]; then ok; else bad "charts" "$(cat "$tmp/err")"; fi

# a categorical column of more than 1000 values is left out, and said so; a numeric one is used
awk -F, 'BEGIN { OFS = "," } NR == 1 { print $0, "code", "score"; next } { print $0, "c" NR, NR % 97 }' \
	"$w/assignments.csv" >"$d/assignments.csv"
if "$UPLIFT" target "$d" --format json >"$tmp/l.json" 2>"$tmp/err" && $PY -c "
import json, sys
j = json.load(open(sys.argv[1], encoding='utf-8'))
assert j['features_left_out'] == [{'name': 'code', 'reason': 'categorical with 30000 distinct values (more than 1000)'}], j['features_left_out']
f = {x['name']: x for x in j['features']}
assert 'code' not in f and f['score']['type'] == 'numeric' and f['score']['bins'] == 64, f
" "$tmp/l.json"; then ok; else bad "features left out" "$(cat "$tmp/err")"; fi

# too few members: every value null with the reason, the verdict says the test cannot support it
if "$UPLIFT" target "$root/tests/fixtures/small" --format json >"$tmp/small.json" 2>"$tmp/err" && $PY -c "
import json, sys
j = json.load(open(sys.argv[1], encoding='utf-8'))
assert j['policy_value'] is None and j['gain'] is None and j['best_arm_value'] is None, j
assert all(b['value'] is None for b in j['budget']) and all(q['coefficient'] is None for q in j['qini'])
assert j['verdict'] == 'cannot_support_targeting' and j['reason'].startswith('fewer than 30 members of arm'), j['reason']
" "$tmp/small.json"; then ok; else bad "too few members: null" "$(cat "$tmp/err")"; fi

# the report's features by importance look at every feature: with 70
# columns before it, spend_level (the most important) was missing (only
# the first 64 were ranked)
mkdir -p "$d/wide"
cp "$w/experiment.ini" "$w/orders.csv" "$w/history.csv" "$d/wide/"
$PY - "$w/assignments.csv" "$d/wide/assignments.csv" <<'PYEOF'
import sys
import numpy as np
import pandas as pd
a = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)
s = a.pop("spend_level")
rng = np.random.default_rng(1)
for i in range(70):
    a[f"noise{i:02d}"] = rng.integers(0, 2, len(a)).astype(str)
a["spend_level"] = s
a.to_csv(sys.argv[2], index=False)
PYEOF
if "$UPLIFT" report "$d/wide" --out "$d/wide-report" >/dev/null 2>"$tmp/err" &&
	grep "What the trees split on" "$d/wide-report/report.md" | grep -qF 'spend\_level'; then ok
else bad "report: the most important of 77 features listed" "$(cat "$tmp/err")"; fi

# bad input: exit 2, nothing on stdout, the file and column named
expect target-unknown-feature 2 "uplift: assignments.csv:1: column 'spend': --features: no such column (the columns: user_id, arm, channel, rfm_type, member_stage, spend_level; and from history.csv recency, frequency, monetary)" -- target "$w" --features spend,channel
expect target-folds-1 2 "uplift: target: --folds must be a whole number from 2 to 100, got '1' (see 'uplift help target')" -- target "$w" --folds 1
expect target-aov 2 "uplift: --metric aov is a ratio of two sums per arm, not a value per member: target needs a 0/1 or a mean metric (conversion, revenue, profit, ...)" -- target "$w" --metric aov
# a seed the JSON cannot hold (jansson's integers are signed: 2^64 - 1 came out as -1)
expect target-seed-big 2 "uplift: target: --seed must be a whole number from 0 to 9223372036854775807, got '18446744073709551615' (see 'uplift help target')" -- target "$w" --seed 18446744073709551615
# an output that is a file it reads: exit 2, the file as it was (--out
# DIR/assignments.csv replaced the test's data with the send list)
mkdir -p "$d/clob"
cp "$w/experiment.ini" "$w/assignments.csv" "$w/orders.csv" "$d/clob/"
"$UPLIFT" target "$d/clob" --out "$d/clob/assignments.csv" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q "would overwrite" "$tmp/err" && cmp -s "$w/assignments.csv" "$d/clob/assignments.csv"; then ok
else bad "--out DIR/assignments.csv: exit 2, data kept (exit $rc)" "$(cat "$tmp/err")"; fi
cut -d, -f1,2,3,4,5,6 "$w/assignments.csv" | head -20 >"$d/sc.csv"
cp "$d/sc.csv" "$d/sc0.csv"
"$UPLIFT" target "$w" --features channel,spend_level --score "$d/sc.csv" --score-out "$d/sc.csv" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && cmp -s "$d/sc.csv" "$d/sc0.csv"; then ok
else bad "--score-out the --score file: exit 2, file kept (exit $rc)" "$(cat "$tmp/err")"; fi
# a GBK --score file without --encoding: exit 2 naming the line and
# column (it was read as unknown categories: the same gains for everyone)
cut -d, -f1,3,4,5,6 "$w/assignments.csv" | head -20 | iconv -f utf-8 -t gbk >"$d/gbk.csv"
"$UPLIFT" target "$w" --features channel,spend_level --score "$d/gbk.csv" --score-out "$d/gbk.send.csv" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q "gbk.csv:2: column 'channel'" "$tmp/err" && [ ! -e "$d/gbk.send.csv" ]; then ok
else bad "GBK --score without --encoding: exit 2 (exit $rc)" "$(cat "$tmp/err")"; fi
cut -d, -f1,3,4,5 "$w/assignments.csv" | head -20 >"$d/short.csv"
expect target-score-column 2 "uplift: short.csv:1: column 'spend_level': missing column: the model uses this feature" -- target "$w" --score "$d/short.csv" --score-out "$d/short.send.csv"
if [ ! -e "$d/short.send.csv" ]; then ok; else bad "a failed --score leaves no file"; fi

finish
