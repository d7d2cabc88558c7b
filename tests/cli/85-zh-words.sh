# 85-zh-words.sh - a Chinese pack has no stray English: report.md of
# coffee-w47 (--by rfm_segment,spend_level,channel), of a simulated folder
# with --lang zh, and review.md of two folders, scanned by
# zh_words.py for words of 2+ Latin letters outside arm names and labels,
# the data's own column names and values, `code spans`, file names and the
# glossary (术语表) with the terms it defines. Chart titles and labels (the
# .gp scripts and the chart headings) are charts.c's: only warned about.
# The scanner is shown to fail: on the English pack and on a zh report with
# one English sentence put in.
# usage: UPLIFT=build/uplift sh tests/cli/85-zh-words.sh (run by tests/cli/run.sh)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"

scan="$PY $root/tests/cli/zh_words.py"
gps() { for g in "$1"/*.gp; do [ -f "$g" ] && printf ' --gp %s' "$g"; done; }

# coffee-w47 with three --by columns
p=$tmp/coffee
if (cd "$root" && "$UPLIFT" report experiments/coffee-w47 --lang zh \
	--by rfm_segment,spend_level,channel --out "$p") >/dev/null 2>"$tmp/err"; then
	if out=$($scan "$p/report.md" --allow-from "$root/experiments/coffee-w47" $(gps "$p") 2>"$tmp/warn"); then
		ok
	else bad "coffee-w47 zh report.md: stray English" "$out"; fi
	[ -s "$tmp/warn" ] && sed 's/^/    /' "$tmp/warn" | head -5
else bad "coffee-w47 zh report: exit status" "$(cat "$tmp/err")"; fi

# a simulated folder in Chinese by its ini's [experiment] lang = zh (no --lang)
s=$tmp/sim
"$UPLIFT" simulate "$s" --users 4000 --seed 3 >/dev/null 2>&1
sed -i 's/^\[experiment\]$/[experiment]\nlang = zh/' "$s/experiment.ini"
if "$UPLIFT" report "$s" --out "$tmp/simpack" >/dev/null 2>"$tmp/err"; then
	if out=$($scan "$tmp/simpack/report.md" --allow-from "$s" $(gps "$tmp/simpack") 2>/dev/null); then
		ok
	else bad "simulated zh report.md: stray English" "$out"; fi
else bad "simulated zh report: exit status" "$(cat "$tmp/err")"; fi

# --lang en overrides the ini; analyze and target follow the ini too
if "$UPLIFT" report "$s" --lang en --out "$tmp/simen" >/dev/null 2>&1 &&
	head -1 "$tmp/simen/report.md" | grep -q " — weekly review$" &&
	"$UPLIFT" analyze "$s" >"$tmp/az.txt" && grep -q "^活动期 .*对照组：不触达" "$tmp/az.txt" &&
	"$UPLIFT" analyze "$s" --lang en >"$tmp/ae.txt" && grep -q "^window " "$tmp/ae.txt" &&
	"$UPLIFT" target "$s" >"$tmp/tz.txt" && grep -q "^逐会员定向" "$tmp/tz.txt"; then
	ok
else bad "[experiment] lang = zh and --lang en" "$(head -1 "$tmp/simen/report.md"; "$UPLIFT" analyze "$s" | head -3)"; fi
if "$UPLIFT" analyze "$s" --lang fr >/dev/null 2>"$tmp/err"; then
	bad "analyze --lang fr accepted"
elif grep -q "lang is zh or en" "$tmp/err"; then ok
else bad "analyze --lang fr: message" "$(cat "$tmp/err")"; fi

# a review of two folders
"$UPLIFT" simulate "$tmp/w48" --users 6000 --seed 48 --start 2026-11-23 >/dev/null 2>&1
if "$UPLIFT" review "$s" "$tmp/w48" --lang zh --out "$tmp/rv" --quiet >/dev/null 2>"$tmp/err"; then
	if out=$($scan "$tmp/rv/review.md" --allow-from "$s" --allow-from "$tmp/w48" $(gps "$tmp/rv") 2>/dev/null); then
		ok
	else bad "zh review.md: stray English" "$out"; fi
else bad "zh review: exit status" "$(cat "$tmp/err")"; fi

# the title from the window's length: 周报 / weekly review only for 7 days
"$UPLIFT" simulate "$tmp/d14" --users 3000 --seed 14 --days 14 >/dev/null 2>&1
if "$UPLIFT" report "$tmp/d14" --lang zh --out "$tmp/d14zh" >/dev/null 2>&1 &&
	"$UPLIFT" report "$tmp/d14" --out "$tmp/d14en" >/dev/null 2>&1 &&
	head -1 "$tmp/d14zh/report.md" | grep -q " — 14 天实验复盘$" &&
	head -1 "$tmp/d14en/report.md" | grep -q " — 14-day review$" &&
	head -1 "$tmp/simpack/report.md" | grep -q " — 周报$"; then
	ok
else bad "titles by the window" "$(head -1 "$tmp/d14zh/report.md" "$tmp/d14en/report.md" "$tmp/simpack/report.md" 2>&1)"; fi
# the metrics defined: 复购 is 2 orders, 人均 counts members who did not buy
if grep -q "^- \*\*复购率\*\* (\`repurchase\`)：活动期内至少下 2 单的用户占分组用户的比例。$" "$p/report.md" &&
	grep -q "^- \*\*人均收入\*\* (\`revenue\`)：.*没有购买的会员按 0 计入" "$p/report.md"; then
	ok
else bad "metric definitions" "$(grep -n -A10 '### 指标定义' "$p/report.md")"; fi

# the scanner can fail: the English pack, and one English sentence in a zh report
if [ -s "$p/report.md" ]; then
	(cd "$root" && "$UPLIFT" report experiments/coffee-w47 --out "$tmp/en") >/dev/null 2>&1
	if $scan "$tmp/en/report.md" --allow-from "$root/experiments/coffee-w47" >/dev/null 2>&1; then
		bad "the scanner passes the English report"
	else ok; fi
	sed '0,/^## 附录$/s//## 附录\n\nSee the tables below./' "$p/report.md" >"$tmp/planted.md"
	if out=$($scan "$tmp/planted.md" --allow-from "$root/experiments/coffee-w47" 2>/dev/null); then
		bad "the scanner missed a planted English sentence"
	elif echo "$out" | grep -q "See the tables below"; then ok
	else bad "the scanner flagged something else" "$out"; fi
fi
finish
