#!/bin/sh
# The headline rule of issue 15 over seeded folders: no sentence calls an
# effect indistinguishable from zero (en "not distinguishable from zero", zh
# "与零无法区分") while an interval it prints excludes 0, in analyze's table
# and in report.md in both languages. 24 folders of `uplift simulate`, every
# third an A/A test, at sizes where effects sit near the edge of significance.
# usage: UPLIFT=build/uplift sh tests/security/85-headline.sh
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

# every "[lo, hi]" on an "indistinguishable" line must hold 0
check_lines() {
	$PY - "$1" <<'PY'
import re, sys
bad, seen = [], 0
for line in open(sys.argv[1], encoding="utf-8"):
    if "not distinguishable from zero" not in line and "与零无法区分" not in line:
        continue
    seen += 1
    for lo, hi in re.findall(r"\[([-+]?[\d.,]+)%?(?: pp)?, ([-+]?[\d.,]+)%?(?: pp)?\]", line):
        lo, hi = float(lo.replace(",", "")), float(hi.replace(",", ""))
        if lo > 0 or hi < 0:
            bad.append(line.strip())
print(seen)
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
PY
}

total=0
for seed in $(seq 101 124); do
	aa=""
	[ $((seed % 3)) -eq 0 ] && aa="--aa"
	d="$tmp/h$seed"
	"$UPLIFT" simulate "$d" --seed "$seed" --users 6000 --start 2026-11-23 $aa >/dev/null 2>&1 ||
		{ bad "simulate --seed $seed"; continue; }
	"$UPLIFT" analyze "$d" --by lifecycle >"$tmp/t$seed" 2>/dev/null || bad "analyze seed $seed"
	"$UPLIFT" report "$d" --out "$tmp/en$seed" >/dev/null 2>&1 || bad "report seed $seed"
	"$UPLIFT" report "$d" --lang zh --out "$tmp/zh$seed" >/dev/null 2>&1 || bad "report zh seed $seed"
	for f in "$tmp/t$seed" "$tmp/en$seed/report.md" "$tmp/zh$seed/report.md"; do
		if n=$(check_lines "$f" 2>"$tmp/err"); then
			ok
			total=$((total + n))
		else
			bad "headline rule: seed $seed $(basename "$f")" "$(cat "$tmp/err")"
		fi
	done
done
# the rule must have been exercised, not passed vacuously
if [ "$total" -ge 20 ]; then ok; else bad "only $total indistinguishable sentences seen"; fi
echo "85-headline: $total indistinguishable sentences checked" >&2
finish
