#!/bin/sh
# Issue 15, honest small data, end to end (analyze --format json):
# - a segment cell of one user per arm has no interval and no p-value for
#   any metric (it showed lift +0.0% [+0.0%, +0.0%]);
# - coffee-w47 --by rfm_segment --metrics aov: 重要发展客户's control has one
#   buyer, so no aov interval or p (满80减15 read +31.3% [+26.2%, +36.7%],
#   p 2.8e-31); and no sample-ratio warning within 重要保持客户 (p 0.00061
#   alone, 0.0055 after Holm over the nine values);
# - 200 seeded A/A folders (uplift simulate --aa): the per-segment sample
#   ratio, Holm within each --by column, flags a column of a folder at most
#   at the nominal rate 0.001; the flags are recomputed here from the
#   p-values with statsmodels' multipletests(method="holm").
. "$(dirname "$0")/../lib.sh"

# ---- a segment value with one user per arm -------------------------------------
dir=$(folder one-user)
$PY - "$dir/assignments.csv" <<'EOF'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
for r in rows[1:]:
    r[3] = "solo" if r[0] in ("c1", "t1") else "crowd"
csv.writer(open(sys.argv[1], "w", encoding="utf-8", newline="")).writerows(rows)
EOF
if "$UPLIFT" analyze "$dir" --by note --format json >"$tmp/one.json" 2>"$tmp/err" &&
	out=$($PY - "$tmp/one.json" 2>&1 <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
cells = [c for c in doc["comparisons"] if c["segment"] and c["segment"]["value"] == "solo"]
assert cells, "no comparisons of the one-user value"
for c in cells:
    assert c["n_control"] == 1 and c["n_treatment"] == 1, c
    for k in ("diff_ci_low", "diff_ci_high", "lift_ci_low", "lift_ci_high", "p_value"):
        assert c[k] is None, (c["metric"], k, c[k])
    assert c["reason"] == "fewer than 2 users in an arm", (c["metric"], c["reason"])
    assert c["small"] and not c["significant"], c
print(f"one user per arm: {len(cells)} comparisons without interval")
EOF
	); then ok; echo "$out"; else bad "one-user cell" "$(cat "$tmp/err") $out"; fi

# ---- coffee-w47: the one-buyer control and the false alarm ------------------------
if (cd "$root" && "$UPLIFT" analyze experiments/coffee-w47 --by rfm_segment --metrics aov --format json) \
	>"$tmp/aov.json" 2>"$tmp/err" && out=$($PY - "$tmp/aov.json" 2>&1 <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
seg = {"column": "rfm_segment", "value": "重要发展客户"}
cells = [c for c in doc["comparisons"] if c["segment"] == seg and c["metric"] == "aov"]
assert len(cells) == 2, cells
for c in cells:
    assert c["n_control"] == 26, c
    assert c["p_value"] is None and c["lift_ci_low"] is None and c["diff_ci_low"] is None, c
    assert not c["significant"] and c["small"], c
    assert c["reason"].startswith("fewer than 2 buyers in an arm"), c["reason"]
# the estimate stays: 满80减15 +31.3%
assert abs(next(c for c in cells if c["arm"] == "满80减15")["lift"] - 0.3133971291866029) < 1e-9
# segment_srm: flagged only after Holm, and never 重要保持客户
for r in doc["segment_srm"]:
    assert not r["mismatch"], r
assert not [w for w in doc["warnings"] if "sample ratio" in w], doc["warnings"]
assert not [k for k in doc.get("checks", []) if k["code"] == "segment_srm"], doc["checks"]
print("coffee-w47: no aov interval from one buyer, no segment_srm finding")
EOF
	); then ok; echo "$out"; else bad "coffee-w47 --by rfm_segment --metrics aov" "$(cat "$tmp/err") $out"; fi

# ---- 200 A/A folders: the per-segment sample ratio at its nominal rate ------------------
by=rfm_segment,channel,spend_level,member_stage
mkdir -p "$tmp/aa"
fails=0
for seed in $(seq 1 200); do
	if "$UPLIFT" simulate "$tmp/aa/f" --aa --seed "$seed" --users 3000 --start 2026-11-23 >/dev/null 2>&1 &&
		"$UPLIFT" analyze "$tmp/aa/f" --by "$by" --format json >"$tmp/aa/$seed.json" 2>/dev/null; then :; else
		fails=$((fails + 1))
	fi
	rm -rf "$tmp/aa/f"
done
if [ "$fails" -ne 0 ]; then
	bad "A/A folders: $fails of 200 did not simulate or analyze"
elif out=$($PY - "$tmp/aa" 2>&1 <<'EOF'
import glob, json, sys
from scipy.stats import binom
from statsmodels.stats.multitest import multipletests
families = flagged = raw = values = uncorrected = 0
for path in sorted(glob.glob(f"{sys.argv[1]}/*.json")):
    doc = json.load(open(path, encoding="utf-8"))
    by = {}
    for r in doc["segment_srm"]:
        by.setdefault(r["column"], []).append(r)
    for col, rows in by.items():
        ps = [r["p_value"] for r in rows if r["p_value"] is not None]
        holm = list(multipletests(ps, method="holm")[1]) if ps else []
        want = [bool(holm.pop(0) < 0.001) if r["p_value"] is not None else False for r in rows]
        got = [r["mismatch"] for r in rows]
        assert got == want, (path, col, got, want)
        families += 1
        flagged += any(got)
        raw += sum(p < 0.001 for p in ps)
        uncorrected += any(p < 0.001 for p in ps)
        values += len(ps)
# Holm keeps P(a column of a folder flagged) <= 0.001 under A/A: the count
# must not be above what that rate gives (one-sided binomial p >= 0.05)
p = binom.sf(flagged - 1, families, 0.001)
print(f"A/A: {families} column families of 200 folders, {flagged} flagged after Holm "
      f"(nominal 0.001 x {families} = {families / 1000:.1f}, binomial p {p:.2f}); uncorrected "
      f"{raw} of {values} values have p < 0.001, flagging {uncorrected} families")
sys.exit(0 if families == 800 and p >= 0.05 else 1)
EOF
); then ok; echo "$out"; else bad "A/A per-segment sample ratio" "$out"; fi

finish
