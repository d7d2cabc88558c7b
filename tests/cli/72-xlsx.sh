# 72-xlsx.sh - issue 16: a folder file given as a spreadsheet (orders.xlsx,
# assignments.xls, ...) with no CSV of that name is refused, exit 2, one line
# per file naming it and the exact command that converts it, nothing on
# stdout; "missing orders.csv" is never the message then. When LibreOffice is
# installed, both commands are run (Chinese arm names in assignments.xlsx)
# and the folder analyzes to the numbers, arms and segments of
# the original CSV.
# usage: UPLIFT=build/uplift sh tests/cli/72-xlsx.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

conv='libreoffice --headless --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76 --outdir'

# orders.xlsx instead of orders.csv (the content does not matter for the refusal)
d=$(folder x72)
mv "$d/orders.csv" "$d/orders.xlsx"
expect only-xlsx 2 "uplift: orders.xlsx: a spreadsheet; uplift reads orders.csv: convert it with $conv $d $d/orders.xlsx" -- analyze "$d"
for cmd in report aggregate segment; do
	expect "$cmd-xlsx" 2 "uplift: orders.xlsx: a spreadsheet; uplift reads orders.csv: convert it with $conv $d $d/orders.xlsx" -- $cmd "$d"
done

# two spreadsheets: one line each, in the order the files are read
mv "$d/assignments.csv" "$d/assignments.xls"
expect two-sheets 2 "uplift: assignments.xls: a spreadsheet; uplift reads assignments.csv: convert it with $conv $d $d/assignments.xls
uplift: orders.xlsx: a spreadsheet; uplift reads orders.csv: convert it with $conv $d $d/orders.xlsx" -- analyze "$d" --format json
expect two-sheets-validate 2 "uplift: assignments.xls: a spreadsheet; uplift reads assignments.csv: convert it with $conv $d $d/assignments.xls
uplift: orders.xlsx: a spreadsheet; uplift reads orders.csv: convert it with $conv $d $d/orders.xlsx
uplift: validate: 2 problems in $d (checks of assignments.csv, orders.csv stopped at its problem; the other files were checked)" -- validate "$d"

# outcomes.xlsx: named as such; history.xlsx is not silently left out either
d=$(folder x72b)
rm "$d/orders.csv"
: >"$d/outcomes.XLSX"
expect outcomes-sheet 2 "uplift: outcomes.XLSX: a spreadsheet; uplift reads outcomes.csv: convert it with $conv $d $d/outcomes.XLSX" -- analyze "$d"
d=$(folder x72c)
: >"$d/history.xlsx"
expect history-sheet 2 "uplift: history.xlsx: a spreadsheet; uplift reads history.csv: convert it with $conv $d $d/history.xlsx" -- analyze "$d"

# beside its CSV, a spreadsheet is taken as the CSV's source: the CSV is read
d=$(folder x72d)
: >"$d/orders.xlsx"
if "$UPLIFT" analyze "$d" --format json >/dev/null 2>"$tmp/err"; then ok; else bad "orders.xlsx beside orders.csv" "$(cat "$tmp/err")"; fi
# an outcomes.csv stands in for orders: orders.xlsx beside it is not asked for
rm "$d/orders.csv"
printf 'user_id,orders,revenue\nc1,1,30\nt1,1,40\n' >"$d/outcomes.csv"
if "$UPLIFT" analyze "$d" --format json >/dev/null 2>"$tmp/err"; then ok; else bad "orders.xlsx beside outcomes.csv" "$(cat "$tmp/err")"; fi

# a folder name the shell would split or expand is quoted in the command
d="$tmp/my tests \$HOME"
cp -r "$root/tests/fixtures/small" "$d"
mv "$d/orders.csv" "$d/orders.xlsx"
expect quoted 2 "uplift: orders.xlsx: a spreadsheet; uplift reads orders.csv: convert it with $conv '$d' '$d/orders.xlsx'" -- analyze "$d"

# the command converts: run it where LibreOffice is installed
if command -v libreoffice >/dev/null 2>&1; then
	d=$(folder x72e)
	lo="-env:UserInstallation=file://$tmp/lo-profile"
	# both files as spreadsheets (the CSV read as UTF-8: the arms are Chinese)
	if ! (cd "$d" && libreoffice "$lo" --headless --infilter=CSV:44,34,76,1 --convert-to xlsx \
		orders.csv assignments.csv) >"$tmp/lo.log" 2>&1; then
		bad "make orders.xlsx" "$(cat "$tmp/lo.log")"
	else
		rm "$d/orders.csv" "$d/assignments.csv"
		"$UPLIFT" analyze "$d" >/dev/null 2>"$tmp/err"
		sed -n 's/^uplift: [a-z]*.xlsx: a spreadsheet; uplift reads [a-z]*.csv: convert it with libreoffice //p' \
			"$tmp/err" >"$tmp/cmds"
		failed=""
		[ "$(wc -l <"$tmp/cmds")" = 2 ] || failed="not two commands"
		while read -r c; do
			eval "libreoffice \"\$lo\" $c" >>"$tmp/lo.log" 2>&1 || failed="the command failed: $c"
		done <"$tmp/cmds"
		if [ -n "$failed" ]; then
			bad "$failed" "$(cat "$tmp/err" "$tmp/lo.log")"
		else
			# the same numbers, arms (8折券) and segment values as the CSV files
			"$UPLIFT" analyze "$d" --format json --by tier >"$tmp/x.json" 2>"$tmp/err"
			"$UPLIFT" analyze "$root/tests/fixtures/small" --format json --by tier >"$tmp/s.json"
			if $PY -c 'import json, sys
a, b = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert [x["arm"] for x in a["arms"]] == ["control", "8折券"], a["arms"]
assert a["comparisons"] == b["comparisons"] and a["data"] == b["data"] and a["arms"] == b["arms"]' "$tmp/x.json" "$tmp/s.json" 2>"$tmp/py"; then
				ok
			else bad "converted spreadsheets differ from the CSV files" "$(cat "$tmp/err" "$tmp/py")"; fi
		fi
	fi
else
	skip "libreoffice is not installed: the conversion itself not run"
fi

finish
