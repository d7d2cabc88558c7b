# 15-json.sh - issue 15's JSON and CSV output end to end: the document parses
# (python3 -m json.tool), carries "pairs", "decision", "checks" and the
# per-segment economics in the contract's shape, and --format csv holds the
# same comparisons and pairs, baseline and tested last.
# usage: UPLIFT=build/uplift sh tests/cli/15-json.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

"$UPLIFT" simulate "$tmp/sim48" --seed 48 --start 2026-11-23 --users 20000 >/dev/null 2>&1 ||
	bad "simulate --seed 48"
for args in "tests/fixtures/small" "tests/fixtures/small --by tier --metrics conversion,discount,aov" \
	"experiments/coffee-w47" "experiments/coffee-w47 --by rfm_segment,lifecycle" \
	"$tmp/sim48 --by rfm_segment"; do
	set -- $args
	dir=$1
	shift
	if ! (cd "$root" && "$UPLIFT" analyze "$dir" --format json "$@") >"$tmp/j15.json" 2>"$tmp/err"; then
		bad "analyze --format json $args" "$(cat "$tmp/err")"
		continue
	fi
	if ! $PY -m json.tool "$tmp/j15.json" >/dev/null 2>"$tmp/err"; then
		bad "json.tool: $args" "$(cat "$tmp/err")"
		continue
	fi
	ok
	if ! (cd "$root" && "$UPLIFT" analyze "$dir" --format csv "$@") >"$tmp/c15.csv" 2>"$tmp/err"; then
		bad "analyze --format csv $args" "$(cat "$tmp/err")"
		continue
	fi
	if out=$($PY - "$tmp/j15.json" "$tmp/c15.csv" 2>&1 <<'PYEOF'
import csv, json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
arms = [a["arm"] for a in d["arms"]]
columns = {c["segment"]["column"] for c in d["comparisons"] if c["segment"]}

def segment(s):
    assert s is None or (set(s) == {"column", "value"} and s["column"] in columns), s

# comparisons and pairs: the same fields, a baseline arm and a tested flag
keys = None
for c in d["comparisons"] + d["pairs"]:
    keys = keys or list(c)
    assert c["baseline"] in arms and c["arm"] in arms and c["baseline"] != c["arm"], c
    assert isinstance(c["tested"], bool) and isinstance(c["small"], bool), c
    assert c["significant"] is False or (c["p_adjusted"] is not None and c["p_adjusted"] < d["experiment"]["alpha"]), c
    segment(c["segment"])
for c in d["pairs"]:
    assert c["baseline"] != d["experiment"]["control"] and arms.index(c["baseline"]) < arms.index(c["arm"]), c
    assert [k for k in keys if k not in ("cuped", "cuped_note", "sequential", "reason")] == \
        [k for k in c if k not in ("cuped", "cuped_note", "sequential", "reason")], c

# the decision
dec = d["decision"]
for k in ("metric", "ship", "leader", "runner_up", "diff", "diff_ci_low", "diff_ci_high", "clear",
          "guardrails", "reason", "users_per_arm", "targeting"):
    assert k in dec, k
assert dec["ship"] is None or dec["ship"] in arms, dec
assert dec["targeting"] is None or dec["targeting"] in columns, dec
assert isinstance(dec["reason"], str) and dec["reason"].endswith("."), dec
assert dec["users_per_arm"] is None or isinstance(dec["users_per_arm"], int), dec
for g in dec["guardrails"]:
    assert list(g) == ["metric", "margin", "lift_ci_low", "holds"], g

# checks, and their messages as the warnings
for k in d["checks"]:
    assert k["severity"] in ("warning", "error") and k["message"], k
    assert k["code"] != "segment_srm" or (k["column"] in columns and "p_adjusted" in k), k
assert d["warnings"] == [k["message"] for k in d["checks"]], d["warnings"]
for s in d.get("segment_srm", []):
    assert "p_adjusted" in s, s

# economics: overall entries first, then per segment, every interval
seen_segment = False
for e in d.get("economics", []):
    segment(e["segment"])
    assert not (seen_segment and e["segment"] is None), "an overall entry after a segment's"
    seen_segment = seen_segment or e["segment"] is not None
    for k in ("incremental_revenue", "incremental_profit", "cost_per_incremental_buyer",
              "effect_per_redeemer", "incremental_buyers_per_redeemer"):
        assert k in e and k + "_ci_low" in e and k + "_ci_high" in e, (k, e)

# the CSV: the comparisons then the pairs, baseline and tested the last columns
rows = list(csv.reader(open(sys.argv[2], encoding="utf-8")))
rows = [r for r in rows if not r[0].startswith("#")]
assert rows[0][-2:] == ["baseline", "tested"], rows[0][-3:]
assert rows[0][0] == "experiment", rows[0][:2]
head = rows[0]
want = d["comparisons"] + d["pairs"]
assert len(rows) - 1 == len(want), (len(rows) - 1, len(want))
for r, c in zip(rows[1:], want):
    row = dict(zip(head, r))
    assert row["experiment"] == d["experiment"]["name"], (row["experiment"], d["experiment"])
    assert (row["arm"], row["metric"], row["baseline"], row["tested"]) == \
        (c["arm"], c["metric"], c["baseline"], "true" if c["tested"] else "false"), (row, c)
    assert row["segment_value"] == (c["segment"]["value"] if c["segment"] else "")
    assert row["p_value"] == ("" if c["p_value"] is None else row["p_value"]), row
print(f"{len(d['comparisons'])} comparisons, {len(d['pairs'])} pairs, {len(d['checks'])} checks")
PYEOF
	); then
		ok
		echo "json: $args: $out"
	else bad "issue 15 fields: $args" "$out"; fi
done

finish
