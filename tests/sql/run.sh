#!/bin/sh
# The warehouse round trip, for real: load a simulated experiment into a
# throwaway PostgreSQL server (own data directory under a temp folder,
# listening on 127.0.0.1 only, stopped at the end) and into SQLite, run
# sql/sufficient_stats.sql, and check that 'uplift analyze --stats' on its
# output gives the numbers of the raw-folder analysis (1e-9 relative).
# Also: shards aggregated separately and concatenated equal the whole; the
# statistics carry the experiment's name (first column), and the SQL left
# with another experiment's name is refused.
# usage: UPLIFT=build/uplift tests/sql/run.sh
set -u
UPLIFT=${UPLIFT:-build/uplift}
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d /tmp/uplift-sql.XXXXXX)
chmod 755 "$tmp"
pgdata="$tmp/pgdata"
pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
# PostgreSQL refuses to run as root: as root, run the server as postgres
as_pg=""
[ "$(id -u)" = 0 ] && as_pg="runuser -u postgres --"
cleanup() {
	if [ -n "$pgbin" ] && [ -f "$pgdata/postmaster.pid" ]; then
		$as_pg "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'; }

exp="$tmp/exp"
"$UPLIFT" simulate "$exp" --users 4000 --seed 11 --no-history >/dev/null || { echo "simulate failed"; exit 1; }
# the SQL with this experiment's window
start=$(sed -n 's/^start *= *//p' "$exp/experiment.ini" | cut -c1-10)
end=$(sed -n 's/^end *= *//p' "$exp/experiment.ini" | cut -c1-10)
# ... and its name, the statistics' first column (a name without ' | or &)
name=$(sed -n 's/^name *= *//p' "$exp/experiment.ini")
sed -e "s/'2026-11-16' AS start_day, '2026-11-22' AS end_day/'$start' AS start_day, '$end' AS end_day/" \
	-e "s|'coffee-w47' AS experiment|'$name' AS experiment|" \
	"$root/sql/sufficient_stats.sql" >"$tmp/stats.sql"
grep -qF "'$name' AS experiment" "$tmp/stats.sql" || bad "the experiment's name is not in the SQL's params"
"$UPLIFT" analyze "$exp" --format json >"$tmp/raw.json"

# same_numbers NAME STATS.csv: analyze --stats equals the raw analysis
same_numbers() {
	if "$UPLIFT" analyze "$exp" --stats "$2" --format json >"$tmp/stats.json" 2>"$tmp/err" &&
		out=$(PYTHONPATH="$root/tests/reference" /usr/bin/python3 - "$tmp/raw.json" "$tmp/stats.json" <<'PYEOF'
import json, sys
from same_numbers import walk
raw, st = (json.load(open(p)) for p in sys.argv[1:3])
bad = []
n = 0
for k in ("srm", "arms", "comparisons", "economics"):
    walk(raw[k], st[k], k, bad)
    n += len(json.dumps(raw[k]))
print("\n".join(bad[:10]) if bad else f"{len(raw['comparisons'])} comparisons equal")
sys.exit(1 if bad else 0)
PYEOF
); then ok; echo "sql: $1: $out"; else bad "$1" "$(cat "$tmp/err") ${out:-}"; fi
}

# ---- shards: aggregate separately, concatenate, analyze ----------------------------
"$UPLIFT" aggregate "$exp" >"$tmp/whole.csv"
for s in 0 1; do
	mkdir -p "$tmp/shard$s"
	cp "$exp/experiment.ini" "$tmp/shard$s/"
	awk -F, -v s=$s 'NR == 1 || (NR % 2 == s)' "$exp/assignments.csv" >"$tmp/shard$s/assignments.csv"
	cut -d, -f1 "$tmp/shard$s/assignments.csv" | tail -n +2 | sort >"$tmp/ids$s"
	awk -F, 'NR == FNR { want[$1] = 1; next } FNR == 1 || ($1 in want)' "$tmp/ids$s" "$exp/orders.csv" \
		>"$tmp/shard$s/orders.csv"
	"$UPLIFT" aggregate "$tmp/shard$s" >"$tmp/part$s.csv" || bad "aggregate shard $s"
done
cat "$tmp/part0.csv" "$tmp/part1.csv" >"$tmp/shards.csv"
same_numbers "aggregate of the whole folder" "$tmp/whole.csv"
same_numbers "two shards concatenated" "$tmp/shards.csv"

# ---- SQLite --------------------------------------------------------------------------
if command -v sqlite3 >/dev/null 2>&1; then
	cols=$(head -1 "$exp/assignments.csv" | sed 's/,/ TEXT, /g; s/$/ TEXT/')
	sqlite3 "$tmp/db.sqlite" <<SQLEOF
CREATE TABLE assignments($cols);
CREATE TABLE orders(user_id TEXT, order_time TEXT, amount REAL, discount REAL);
.import --csv --skip 1 $exp/assignments.csv assignments
.import --csv --skip 1 $exp/orders.csv orders
SQLEOF
	if sqlite3 -header -csv "$tmp/db.sqlite" <"$tmp/stats.sql" >"$tmp/sqlite.csv" 2>"$tmp/err"; then
		same_numbers "SQLite $(sqlite3 --version | cut -d' ' -f1)" "$tmp/sqlite.csv"
	else
		bad "sqlite3 run" "$(cat "$tmp/err")"
	fi
	# the SQL as shipped names coffee-w47: --stats refuses it for this experiment, naming both
	sed "s/'2026-11-16' AS start_day, '2026-11-22' AS end_day/'$start' AS start_day, '$end' AS end_day/" \
		"$root/sql/sufficient_stats.sql" >"$tmp/stats-w47.sql"
	want="uplift: sqlite-w47.csv:2: column 'experiment': experiment 'coffee-w47', but experiment.ini names '$name': these are the statistics of another experiment"
	if sqlite3 -header -csv "$tmp/db.sqlite" <"$tmp/stats-w47.sql" >"$tmp/sqlite-w47.csv" 2>"$tmp/err" &&
		! "$UPLIFT" analyze "$exp" --stats "$tmp/sqlite-w47.csv" >/dev/null 2>"$tmp/err" &&
		[ "$(cat "$tmp/err")" = "$want" ]; then
		ok; echo "sql: SQLite: another experiment's name refused"
	else
		bad "SQLite: another experiment's statistics" "$(cat "$tmp/err")"
	fi
else
	bad "sqlite3 is not installed (scripts/deps.sh test installs it)"
fi

# ---- PostgreSQL, a throwaway server ---------------------------------------------
if [ -n "$pgbin" ]; then
	port=$((20000 + $$ % 20000))
	mkdir -p "$pgdata"
	[ "$(id -u)" = 0 ] && chown postgres "$pgdata" "$tmp"
	chmod 644 "$exp"/*.csv
	if $as_pg "$pgbin/initdb" -D "$pgdata" -A trust -U postgres >"$tmp/initdb.log" 2>&1 &&
		$as_pg "$pgbin/pg_ctl" -D "$pgdata" -w -l "$tmp/pg.log" \
			-o "-c listen_addresses=127.0.0.1 -p $port -k $tmp" start >/dev/null 2>&1; then
		cols=$(head -1 "$exp/assignments.csv" | sed 's/,/ TEXT, /g; s/$/ TEXT/')
		psql_run() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
		if psql_run -d postgres -c "CREATE TABLE assignments($cols)" \
			-c "CREATE TABLE orders(user_id TEXT, order_time TIMESTAMP, amount DOUBLE PRECISION, discount DOUBLE PRECISION)" \
			-c "\\copy assignments FROM '$exp/assignments.csv' WITH (FORMAT csv, HEADER true)" \
			-c "\\copy orders FROM '$exp/orders.csv' WITH (FORMAT csv, HEADER true)" 2>"$tmp/err" &&
			psql_run -d postgres --csv -f "$tmp/stats.sql" >"$tmp/pg.csv" 2>>"$tmp/err"; then
			same_numbers "PostgreSQL $(psql --version | awk '{print $3}')" "$tmp/pg.csv"
		else
			bad "psql" "$(cat "$tmp/err")"
		fi
	else
		bad "PostgreSQL did not start" "$(cat "$tmp/initdb.log" "$tmp/pg.log" 2>/dev/null | tail -5)"
	fi
else
	bad "PostgreSQL is not installed (scripts/deps.sh test installs it)"
fi

echo "sql: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
