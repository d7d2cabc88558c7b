#!/usr/bin/env bash
# make bench, the uplift target row: 1M members, 10 features (the simulator's
# channel, rfm_type, member_stage, spend_level, three columns added with awk:
# age, city_tier, points, and history.csv's recency, frequency, monetary),
# 3 arms, 5 folds; wall time and peak memory (/usr/bin/time). The folder is
# cached in bench/data/t1000000.
# usage: bench/target.sh build/uplift   (TARGET_USERS=N for another size)
set -eu
UPLIFT=${1:-build/uplift}
here=$(cd "$(dirname "$0")" && pwd)
n=${TARGET_USERS:-1000000}
dir="$here/data/t$n"
mkdir -p "$here/data"
if [ ! -s "$dir/history.csv" ] || ! head -1 "$dir/assignments.csv" | grep -q points; then
	"$UPLIFT" simulate "$dir" --users "$n" --seed 1 >/dev/null
	awk -F, 'BEGIN { OFS = ","; srand(7) }
		NR == 1 { print $0, "age", "city_tier", "points"; next }
		{ print $0, 18 + int(rand() * 50), "T" (1 + int(rand() * 5)), int(rand() * 5000) }' \
		"$dir/assignments.csv" >"$dir/assignments.tmp"
	mv "$dir/assignments.tmp" "$dir/assignments.csv"
fi
out="$here/data/target"
"$UPLIFT" target "$dir" --format json --out "$out.send.csv" >/dev/null # warm the page cache
t0=$EPOCHREALTIME
/usr/bin/time -f "%M" -o "$out.time" "$UPLIFT" target "$dir" --format json --out "$out.send.csv" \
	>"$out.json"
t1=$EPOCHREALTIME
printf '\n| uplift target | members | features | arms | folds | wall s | peak MB | bytes/member |\n'
printf '|---|---:|---:|---:|---:|---:|---:|---:|\n'
awk -v n="$n" -v a="$t0" -v b="$t1" -v kb="$(cat "$out.time")" \
	-v f="$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["features"]))' "$out.json")" \
	'BEGIN { printf "| target | %d | %d | 3 | 5 | %.2f | %.0f | %.0f |\n", n, f, b - a, kb / 1024, kb * 1024 / n }'
