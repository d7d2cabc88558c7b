# lib.sh - what the end-to-end test scripts share (tests/cli/run.sh and each
# tests/security/NN-topic.sh, sourced from a script two folders below the root).
# Provides: $UPLIFT (made absolute), $PY, $root, $tmp (removed at exit), ok, bad,
# skip, expect, expect_within, folder, finish.
set -u
UPLIFT=${UPLIFT:-build/uplift}
case "$UPLIFT" in /*) ;; *) UPLIFT="$(pwd)/$UPLIFT" ;; esac
PY=/usr/bin/python3
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/uplift-test.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
skipped=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'; }
skip() { skipped=$((skipped + 1)); echo "skip: $1"; }

# expect_within SECONDS NAME STATUS STDERR -- ARGS...: exit status, exact stderr,
# empty stdout on error; the run is killed after SECONDS (0: no limit), which is
# a bound on a hang, not a timing assertion
expect_within() {
	limit=$1 name=$2 status=$3 want=$4
	shift 5
	if [ "$limit" -gt 0 ]; then
		timeout "$limit" "$UPLIFT" "$@" >"$tmp/out" 2>"$tmp/err"
	else
		"$UPLIFT" "$@" >"$tmp/out" 2>"$tmp/err"
	fi
	got=$?
	if [ "$limit" -gt 0 ] && [ "$got" = 124 ]; then
		bad "$name: killed after $limit s"
	elif [ "$got" != "$status" ]; then
		bad "$name: exit $got, want $status" "$(cat "$tmp/err")"
	elif [ "$(cat "$tmp/err")" != "$want" ]; then
		bad "$name: stderr" "got:  $(cat "$tmp/err")
want: $want"
	elif [ "$status" -ge 2 ] && [ -s "$tmp/out" ]; then
		bad "$name: stdout not empty on exit $status"
	else
		ok
	fi
}

# expect NAME STATUS STDERR -- ARGS...: expect_within without a time limit
expect() {
	expect_within 0 "$@"
}

# folder NAME [FIXTURE]: a fresh copy of a test fixture (default: small) to break
folder() {
	rm -rf "$tmp/$1"
	cp -r "$root/tests/fixtures/${2:-small}" "$tmp/$1"
	echo "$tmp/$1"
}

# finish: the summary line of this script; its exit status
finish() {
	echo "$(basename "$0" .sh): $pass passed, $fail failed, $skipped skipped"
	[ "$fail" -eq 0 ]
}
