#!/bin/sh
# 84-charts.sh - issue 18, item 6: charts a manager trusts, checked in the
# files uplift writes (the scripts and data files), so that each can fail:
# - every forest's x range holds 0 (Hillstrom's pack, where every interval
#   is above 0, and coffee-w47's), so its dashed zero line is in the plot;
# - the rows clipped at the edge (columns "clip left"/"clip right" of the
#   .dat) are as many as the note under the chart and in report.md says, in
#   English and in Chinese; so are the rows without an estimate;
# - no row is dropped: a segment chart has one row per comparison of its
#   column and metric in summary.json, in the same order, named alike;
# - the basket chart draws the last bin (200 and more): its share is the
#   share of orders of 200 or more, counted here with pandas, and the x axis
#   runs to 205 with the bin labelled.
# usage: UPLIFT=build/uplift sh tests/cli/84-charts.sh (run by tests/cli/run.sh)
. "$(dirname "$0")/../lib.sh"

coffee=$root/experiments/coffee-w47
for lang in en zh; do
	if "$UPLIFT" report "$coffee" --by rfm_segment,spend_level,channel --decide revenue \
		--lang $lang --out "$tmp/c-$lang" --quiet >/dev/null 2>"$tmp/err"; then
		ok
	else
		bad "report coffee-w47 --lang $lang" "$(cat "$tmp/err")"
	fi
done

hill=${HILLSTROM:-/work/shared/data/hillstrom/hillstrom.csv}
[ -r "$hill" ] || hill="$root/../shared/data/hillstrom/hillstrom.csv"
packs="$tmp/c-en $tmp/c-zh"
if [ ! -r "$hill" ]; then
	skip "Hillstrom's data not found ($hill)"
elif $PY "$root/tests/reference/hillstrom_folder.py" "$hill" "$tmp/hill"; then
	cat >"$tmp/hill/experiment.ini" <<'INI'
[experiment]
name    = Hillstrom
control = No E-Mail

[columns]
user_id   = customer_id
arm       = group
converted = conversion
revenue   = spend

[arm No E-Mail]
[arm Mens E-Mail]
[arm Womens E-Mail]

[metric visit]
kind = proportion
of   = visit
INI
	if "$UPLIFT" report "$tmp/hill" --by channel,zip_code,history_segment --out "$tmp/c-hill" \
		--quiet >/dev/null 2>"$tmp/err"; then
		ok
		packs="$packs $tmp/c-hill"
	else
		bad "report Hillstrom" "$(cat "$tmp/err")"
	fi
else
	bad "hillstrom_folder.py"
fi

for pack in $packs; do
	if out=$($PY "$root/tests/reference/check_charts.py" "$pack" "$root" 2>&1); then
		ok
	else
		bad "charts of $(basename "$pack")" "$out"
	fi
done
# the check can fail: a forest whose x range leaves 0 out, a basket without its last
# bin, a note that miscounts
cp -r "$tmp/c-en" "$tmp/broken"
sed -i 's/^set xrange \[[^]]*\]$/set xrange [5:50]/' "$tmp/broken/forest.gp"
sed -i '/^200\t/d' "$tmp/broken/basket.dat"
sed -i 's/marked in the chart: 2\./marked in the chart: 1./; s/(arrow at the edge): 1;/(arrow at the edge): 2;/' \
	"$tmp/broken/report.md"
out=$($PY "$root/tests/reference/check_charts.py" "$tmp/broken" "$root" 2>&1)
for want in "forest: x range [5.0, 50.0] does not hold 0" "basket: no 200+ bin" \
	"segments-1: 2 rows without an estimate, the note says [1]" \
	"segments-1: 1 rows clipped, the note says [2]"; do
	if printf '%s\n' "$out" | grep -qF "$want"; then ok; else bad "check_charts.py misses: $want" "$out"; fi
done
finish
