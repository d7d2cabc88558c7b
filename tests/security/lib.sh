# lib.sh - shared helpers of the regression scripts in tests/security/.
# Sourced by each NN-topic.sh; each case names the finding of issue 13 it pins.
# Provides: $UPLIFT, $root, $tmp (removed at exit), ok, bad, skip, expect, folder.
set -u
UPLIFT=${UPLIFT:-build/uplift}
case "$UPLIFT" in /*) ;; *) UPLIFT="$(pwd)/$UPLIFT" ;; esac
PY=/usr/bin/python3
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/uplift-sec.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
skipped=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'; }
skip() { skipped=$((skipped + 1)); echo "skip: $1"; }

# expect NAME STATUS STDERR -- ARGS...: exit status, exact stderr, empty stdout on error
expect() {
	name=$1 status=$2 want=$3
	shift 4
	"$UPLIFT" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" != "$status" ]; then
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
