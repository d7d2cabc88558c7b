#!/bin/sh
# Compare what two uplift binaries print and write, byte for byte, on the
# folders a restructuring must not change: experiments/coffee-w47 (plain and
# with breakdowns), every fixture of the test suite, and a 1M-user folder
# from 'uplift simulate'. For each case it runs OLD and NEW into separate
# folders and diffs stdout, stderr, exit status and every file written.
#
# usage: scripts/compare-outputs.sh OLD NEW [--no-big]
#   OLD, NEW  two uplift binaries (for example a build of the previous commit)
#   --no-big  skip the 1M-user folder (it takes about a minute)
# Exit 0 when everything is identical; 1 with the differences listed.
set -u
old=$1
new=$2
big=1
[ "${3:-}" = "--no-big" ] && big=0
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d /tmp/uplift-compare.XXXXXX)
trap 'rm -rf "$work"' EXIT
cases=0
differ=0

# run TAG ARGS...: the command with each binary, from the project root;
# "@OUT" in ARGS stands for a fresh output folder of that binary's own
run() {
	tag=$1
	shift
	cases=$((cases + 1))
	for side in old new; do
		eval bin=\$$side
		out="$work/$side/$tag"
		mkdir -p "$out"
		args=""
		for a in "$@"; do
			[ "$a" = "@OUT" ] && a="$out/files"
			args="$args '$a'"
		done
		(cd "$root" && eval "\"$bin\" $args") >"$out/stdout" 2>"$out/stderr"
		echo "$?" >"$out/status"
		# paths of the output folder differ between the two sides
		sed -i "s|$out/files|@OUT|g" "$out/stdout" "$out/stderr"
		[ -d "$out/files" ] && find "$out/files" -type f -exec sed -i "s|$out/files|@OUT|g" {} +
	done
	if ! diff -r "$work/old/$tag" "$work/new/$tag" >"$work/diff-$tag" 2>&1; then
		differ=$((differ + 1))
		echo "DIFFERS: $tag: $*"
		head -n 20 "$work/diff-$tag" | sed 's/^/    /'
	fi
}

coffee=experiments/coffee-w47
for fmt in json table markdown csv; do
	run "coffee-$fmt" analyze $coffee --format $fmt
	run "coffee-full-$fmt" analyze $coffee --by rfm_segment,lifecycle --cuped --sequential --format $fmt
	run "coffee-spend-$fmt" analyze $coffee --by spend_level --format $fmt
done
run coffee-report report $coffee --out @OUT
run coffee-report-full report $coffee --by rfm_segment,lifecycle --out @OUT
run coffee-report-spend-zh report $coffee --by spend_level --lang zh --out @OUT
run coffee-segment segment $coffee
run coffee-aggregate aggregate $coffee --by rfm_segment,lifecycle
run coffee-validate validate $coffee
for fx in tests/fixtures/*/; do
	fx=${fx%/}
	n=$(basename "$fx")
	for fmt in json table markdown csv; do
		run "$n-$fmt" analyze "$fx" --format $fmt
	done
	run "$n-report" report "$fx" --out @OUT
	run "$n-segment" segment "$fx"
	run "$n-aggregate" aggregate "$fx"
	run "$n-validate" validate "$fx"
done
run small-by-tier analyze tests/fixtures/small --by tier --format json
run small-stats-roundtrip aggregate tests/fixtures/small --by tier
if [ "$big" = 1 ]; then
	run sim-1m simulate @OUT --users 1000000 --seed 5
	# one folder for both binaries: the simulation above must be identical too
	"$new" simulate "$work/u1m" --users 1000000 --seed 5 >/dev/null
	run u1m-json analyze "$work/u1m" --format json --quiet
	run u1m-by analyze "$work/u1m" --by channel --cuped --format json --quiet
	run u1m-table analyze "$work/u1m" --quiet
	run u1m-aggregate aggregate "$work/u1m" --by channel
	run u1m-validate validate "$work/u1m"
fi
echo "compare-outputs: $((cases - differ)) passed, $differ failed"
[ "$differ" -eq 0 ]
