# 40-pre-period.sh - issue 16's pre_period check end to end: the planted
# fixture (tests/fixtures/pre_period: 8折券's users bought more in the 7 days
# before the test) fires in the JSON with the numbers of
# tests/reference/pre_period.py (statsmodels/scipy), the same from its
# aggregate statistics (--stats), in the table, the CSV, report.md (en and
# zh) and --strict; a seeded folder planted by hand (one more history order
# in the pre-period for every other 8折券 user) fires for 8折券 alone
# (conversion, repurchase, revenue, orders); the same folder unplanted, and
# one without history, give no pre_period check.
# usage: UPLIFT=build/uplift sh tests/cli/40-pre-period.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

fx="$root/tests/fixtures/pre_period"

# ---- the fixture: JSON against the reference ----------------------------------------
$PY "$root/tests/reference/pre_period.py" "$fx" >"$tmp/ref.txt" 2>"$tmp/err" || bad "pre_period.py" "$(cat "$tmp/err")"
if "$UPLIFT" analyze "$fx" --format json >"$tmp/fx.json" 2>"$tmp/err"; then
	if out=$($PY - "$tmp/fx.json" "$tmp/ref.txt" 2>&1 <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
want = {}
for line in open(sys.argv[2], encoding="utf-8"):
    f = line.split()
    if f[-1] == "FLAGGED":
        want[(f[0], f[1])] = dict(zip(f[2:12:2], map(float, f[3:13:2])))
got = [c for c in d["checks"] if c["code"] == "pre_period"]
assert len(got) == len(want) == 4, (len(got), len(want))
assert len(d["warnings"]) == len(d["checks"])
names = {"diff": "diff", "lo": "diff_ci_low", "hi": "diff_ci_high", "p": "p_value",
         "p_adjusted": "p_adjusted"}
for c in got:
    w = want[(c["arm"], c["metric"])]
    assert c["severity"] == "warning" and c["message"] in d["warnings"], c
    for k, j in names.items():
        tol = 1e-6 if k.startswith("p") else 1e-9
        assert abs(c[j] - w[k]) <= tol * abs(w[k]), (c["arm"], c["metric"], j, c[j], w[k])
print("pre_period: %d checks equal to statsmodels/scipy" % len(got))
PYEOF
); then ok; echo "$out"; else bad "fixture: JSON checks" "$out"; fi
else
	bad "fixture: analyze --format json" "$(cat "$tmp/err")"
fi

# ---- the fixture's statistics file (aggregate carries the pre-period sums): the same checks
if "$UPLIFT" aggregate "$fx" >"$tmp/fx-stats.csv" 2>"$tmp/err" &&
	"$UPLIFT" analyze "$fx" --stats "$tmp/fx-stats.csv" --format json >"$tmp/fx-stats.json" 2>"$tmp/err" &&
	$PY -c 'import json, sys
a, b = (json.load(open(p, encoding="utf-8"))["checks"] for p in sys.argv[1:3])
assert a == b and len(a) == 4, (a, b)' "$tmp/fx.json" "$tmp/fx-stats.json"; then
	ok
else
	bad "fixture: --stats gives other checks" "$(cat "$tmp/err")"
fi

# ---- the fixture: the table, CSV, --strict, report.md ---------------------------------
sentence="before the test began, 8折券 and control already differed on revenue (history over the pre-period of the window's length: +37.60 [+25.33, +49.87], Holm-adjusted p 3.7e-08)"
if "$UPLIFT" analyze "$fx" >"$tmp/fx.table" 2>"$tmp/err" && [ "$(grep -c '^WARNING: before the test began' "$tmp/fx.table")" = 4 ] &&
	grep -qF "$sentence" "$tmp/fx.table" &&
	grep -q "Caveat: 8折券 already differed from control on conversion before the test began" "$tmp/fx.table"; then
	ok
else
	bad "fixture: table warnings" "$(cat "$tmp/err"; head -12 "$tmp/fx.table")"
fi
if "$UPLIFT" analyze "$fx" --format csv >"$tmp/fx.csv" 2>"$tmp/err" && [ "$(grep -c '^# WARNING: before the test began' "$tmp/fx.csv")" = 4 ]; then
	ok
else
	bad "fixture: CSV warnings" "$(cat "$tmp/err"; head -5 "$tmp/fx.csv")"
fi
expect "fixture: --strict" 1 "" -- analyze "$fx" --strict --format json
if "$UPLIFT" report "$fx" --out "$tmp/pack" >/dev/null 2>"$tmp/err" &&
	grep -qF "> **WARNING: $sentence" "$tmp/pack/report.md" &&
	"$UPLIFT" report "$fx" --out "$tmp/pack-zh" --lang zh >/dev/null 2>"$tmp/err" &&
	grep -qF "> **警告：实验开始前，8折券 的人均收入就已与对照组（control）不同（实验前同等时长的历史：+37.60 [+25.33, +49.87]，Holm 校正后 p 3.7e-08）" "$tmp/pack-zh/report.md" &&
	grep -q "注意.*实验开始前 8折券 的转化率就已与对照组不同" "$tmp/pack-zh/report.md"; then
	ok
else
	bad "fixture: report.md en/zh" "$(cat "$tmp/err"; head -12 "$tmp/pack-zh/report.md")"
fi

# ---- a seeded folder, clean and planted by hand ---------------------------------------
# pre_count FILE: the pre_period checks of a JSON document, as "arm metric" lines
pre_count() {
	$PY -c 'import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for c in d["checks"]:
    if c["code"] == "pre_period":
        print(c["arm"], c["metric"])' "$1"
}
"$UPLIFT" simulate "$tmp/clean" --users 6000 --seed 16 >/dev/null || bad "simulate"
"$UPLIFT" simulate "$tmp/nohist" --users 6000 --seed 16 --no-history >/dev/null || bad "simulate --no-history"
cp -r "$tmp/clean" "$tmp/planted"
# every other 8折券 user: one more order on 2026-11-12, inside the 7 days before the test
awk -F, 'NR > 1 && $2 == "8折券" && (++n % 2) { printf "%s,2026-11-12 12:00:00,45.00,0.00\n", $1 }' \
	"$tmp/clean/assignments.csv" >>"$tmp/planted/history.csv"
for d in clean nohist; do
	if "$UPLIFT" analyze "$tmp/$d" --format json >"$tmp/$d.json" 2>"$tmp/err" && [ -z "$(pre_count "$tmp/$d.json")" ]; then
		ok
	else
		bad "$d seeded folder: a pre_period check" "$(cat "$tmp/err"; pre_count "$tmp/$d.json")"
	fi
done
if "$UPLIFT" analyze "$tmp/planted" --format json >"$tmp/planted.json" 2>"$tmp/err" &&
	got=$(pre_count "$tmp/planted.json" | sort | tr '\n' ';') &&
	[ "$got" = "8折券 conversion;8折券 orders;8折券 repurchase;8折券 revenue;" ]; then
	ok
else
	bad "planted seeded folder: JSON" "$(cat "$tmp/err") got: ${got:-}"
fi
if "$UPLIFT" analyze "$tmp/planted" >"$tmp/planted.table" 2>"$tmp/err" &&
	[ "$(grep -c '^WARNING: before the test began, 8折券 and control already differed on' "$tmp/planted.table")" = 4 ] &&
	! grep -q "WARNING: before the test began, 满80减15" "$tmp/planted.table"; then
	ok
else
	bad "planted seeded folder: table" "$(cat "$tmp/err"; head -8 "$tmp/planted.table")"
fi

finish
