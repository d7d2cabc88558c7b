#!/usr/bin/env bash
# make bench: uplift analyze against the pandas + statsmodels baseline on
# generated experiments of 100k, 1M and 5M users (cached in bench/data).
# Prints one row per size: input size, wall time, throughput, peak memory,
# bytes per user, and the baseline's time and memory with the speed-up.
# usage: bench/run.sh build/uplift   (BENCH_SIZES="100000 1000000" picks sizes;
# BENCH_RUNS=7 the runs per median, 5 by default)
set -eu
UPLIFT=${1:-build/uplift}
here=$(cd "$(dirname "$0")" && pwd)
data="$here/data"
sizes=${BENCH_SIZES:-"100000 1000000 5000000"}
mkdir -p "$data"
[ -x /usr/bin/time ] || { echo "bench: needs /usr/bin/time (Debian package time)" >&2; exit 1; }

runs=${BENCH_RUNS:-5}

once() { # once OUT CMD...: prints wall seconds (microsecond clock) and peak KB
	local t0 t1
	t0=$EPOCHREALTIME
	/usr/bin/time -f "%M" -o "$1.time" "${@:2}" >/dev/null 2>"$1.err" ||
		{ echo "bench: failed: ${*:2}" >&2; cat "$1.err" >&2; exit 1; }
	t1=$EPOCHREALTIME
	echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }') $(cat "$1.time")"
}

median() { # median FILE: of lines "seconds KB", the median seconds and the largest KB
	sort -n "$1" | awk '{ t[NR] = $1; if ($2 > kb) kb = $2 } END { print t[int((NR + 1) / 2)], kb }'
}

printf '%s\n' "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
printf '| users | input MB | uplift s | MB/s | peak MB | bytes/user | pandas s | pandas peak MB | speed-up | memory ratio |\n'
printf '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n'
for n in $sizes; do
	dir="$data/u$n"
	if [ ! -s "$dir/orders.csv" ]; then
		"$UPLIFT" simulate "$dir" --users "$n" --seed 1 --no-history
	fi
	bytes=$(cat "$dir/assignments.csv" "$dir/orders.csv" | wc -c)
	# both: one warm-up run (page cache, imports), then $runs runs each, taken
	# in turns so that both see the same moments of a machine whose speed
	# drifts, and the medians
	once "$data/u" "$UPLIFT" analyze "$dir" --format json >/dev/null
	once "$data/p" /usr/bin/python3 "$here/pandas_baseline.py" "$dir" >/dev/null
	: >"$data/u.runs"
	: >"$data/p.runs"
	for i in $(seq "$runs"); do
		once "$data/u" "$UPLIFT" analyze "$dir" --format json >>"$data/u.runs"
		once "$data/p" /usr/bin/python3 "$here/pandas_baseline.py" "$dir" >>"$data/p.runs"
	done
	set -- $(median "$data/u.runs")
	best=$1 kb=$2
	set -- $(median "$data/p.runs")
	awk -v n="$n" -v b="$bytes" -v t="$best" -v kb="$kb" -v pt="$1" -v pkb="$2" 'BEGIN {
		printf "| %d | %.1f | %.3f | %.0f | %.0f | %.0f | %.2f | %.0f | %.1fx | %.1fx |\n",
			n, b / 1e6, t, b / 1e6 / t, kb / 1024, kb * 1024 / n, pt, pkb / 1024, pt / t, pkb / kb }'
done

# the reading floor: libcsv alone against uplift's reader, on the 1M files
reader="$(cd "$(dirname "$UPLIFT")" && pwd)/bench_reader"
if [ -x "$reader" ] && [ -s "$data/u1000000/orders.csv" ]; then
	printf '\n| file | MB | libcsv alone MB/s | uplift reader, libcsv only MB/s | uplift reader MB/s |\n'
	printf '|---|---:|---:|---:|---:|\n'
	(cd "$data" && "$reader" u1000000/assignments.csv u1000000/orders.csv)
fi

# uplift target: 1M members, 10 features, 3 arms, 5 folds
"$here/target.sh" "$UPLIFT"
