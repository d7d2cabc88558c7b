#!/bin/sh
# Run each cmocka test binary given; print a summary line; fail if any failed.
# With VALGRIND set, each binary runs under it.
pass=0 fail=0
for t in "$@"; do
	if ${VALGRIND:-} "$t"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAILED: $t"; fi
done
echo "unit: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
