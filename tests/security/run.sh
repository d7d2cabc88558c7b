#!/bin/sh
# Run every regression script of tests/security/ (issue 13's findings, one
# script per topic); print one summary line; fail if any case failed.
# usage: UPLIFT=build/uplift tests/security/run.sh
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0 skipped=0
for t in "$here"/[0-9]*.sh; do
	[ -f "$t" ] || continue
	out=$(sh "$t" 2>&1)
	rc=$?
	printf '%s\n' "$out" | grep -v ': [0-9]* passed, [0-9]* failed, [0-9]* skipped$'
	line=$(printf '%s\n' "$out" | tail -n 1)
	p=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1/p')
	f=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\2/p')
	s=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\3/p')
	if [ -z "$p" ]; then
		echo "FAIL: $(basename "$t") ended without its summary line (exit $rc)"
		fail=$((fail + 1))
		continue
	fi
	[ "$rc" -ne 0 ] && [ "$f" -eq 0 ] && f=1
	pass=$((pass + p)) fail=$((fail + f)) skipped=$((skipped + s))
done
echo "security: $pass passed, $fail failed, $skipped skipped"
[ "$fail" -eq 0 ]
