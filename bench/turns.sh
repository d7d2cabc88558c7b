#!/usr/bin/env bash
# bench/turns.sh OLD NEW: the plain analysis of the 1M-user bench folder by
# two binaries in turns (an older build against this one), and the new one
# with a user-defined order metric ([metric big_basket], where = amount >=
# 80: one more per-user accumulator). Medians of BENCH_RUNS (default 7)
# runs each, wall time and peak memory; make bench runs it with
# BENCH_OLD=path/to/old/uplift.
set -eu
OLD=$1 NEW=$2
here=$(cd "$(dirname "$0")" && pwd)
data="$here/data"
n=${BENCH_TURNS_USERS:-1000000}
runs=${BENCH_RUNS:-7}
dir="$data/u$n"
mkdir -p "$data"
[ -s "$dir/orders.csv" ] || "$NEW" simulate "$dir" --users "$n" --seed 1 --no-history
# the same files with a [metric] section: the CSVs linked, the ini extended
m="$data/u$n-metric"
mkdir -p "$m"
for f in assignments.csv orders.csv; do ln -sf "$dir/$f" "$m/$f"; done
{ cat "$dir/experiment.ini"; printf '\n[metric big_basket]\nkind = proportion\nof = orders\nwhere = amount >= 80\n'; } >"$m/experiment.ini"

once() { # once CMD...: wall seconds and peak KB
	local t0 t1
	t0=$EPOCHREALTIME
	/usr/bin/time -f "%M" -o "$data/turns.time" "$@" >/dev/null 2>"$data/turns.err" ||
		{ echo "bench: failed: $*" >&2; cat "$data/turns.err" >&2; exit 1; }
	t1=$EPOCHREALTIME
	echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }') $(cat "$data/turns.time")"
}
median() { sort -n "$1" | awk '{ t[NR] = $1; if ($2 > kb) kb = $2 } END { print t[int((NR + 1) / 2)], kb }'; }

once "$OLD" analyze "$dir" --format json >/dev/null
once "$NEW" analyze "$dir" --format json >/dev/null
: >"$data/old.runs"; : >"$data/new.runs"; : >"$data/metric.runs"
for i in $(seq "$runs"); do
	once "$OLD" analyze "$dir" --format json >>"$data/old.runs"
	once "$NEW" analyze "$dir" --format json >>"$data/new.runs"
	once "$NEW" analyze "$m" --format json >>"$data/metric.runs"
done
printf '\n| %d users, medians of %d runs in turns | s | peak MB | vs old |\n|---|---:|---:|---:|\n' "$n" "$runs"
set -- $(median "$data/old.runs"); ot=$1 okb=$2
for r in old new metric; do
	set -- $(median "$data/$r.runs")
	case $r in old) what="old binary ($OLD)" ;; new) what="new binary" ;; *) what="new, with [metric big_basket] (where)" ;; esac
	awk -v w="$what" -v t="$1" -v kb="$2" -v ot="$ot" 'BEGIN { printf "| %s | %.3f | %.0f | %+.1f%% |\n", w, t, kb / 1024, (t / ot - 1) * 100 }'
done
