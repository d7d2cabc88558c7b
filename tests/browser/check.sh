#!/bin/sh
# check.sh - report.html and review.html in a real browser: headless Chromium
# (Debian's chromium) opens the coffee-w47 pack's report.html (en and --lang
# zh) and a review pack's review.html (three `uplift simulate` folders, en and
# zh) at 390 px (a phone) and 1280 px, and fails on a console message (a
# Content-Security-Policy refusal included), a broken image or chart, a page
# wider than its viewport, a table outside its scrolling box or a table cell
# that wraps (frame.html measures, verdict.py judges). A full-page screenshot
# of each, the page unmodified, is kept in $SHOTS (default build/html-shots)
# as NAME-WIDTH.png. Five fixtures prove that each check can fail.
# usage: UPLIFT=build/uplift [SHOTS=DIR] tests/browser/check.sh (run by make test)
. "$(cd "$(dirname "$0")" && pwd)/../lib.sh"
here=$root/tests/browser
shots=${SHOTS:-$root/build/html-shots}
case "$shots" in /*) ;; *) shots="$root/$shots" ;; esac

chrome=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chrome" ]; then
	echo "########################################################################"
	echo "# browser: skipped: chromium not installed; report.html and review.html"
	echo "# were NOT checked in a browser (Debian: scripts/deps.sh test)"
	echo "########################################################################"
	skip "chromium not installed"
	finish
	exit
fi
mkdir -p "$shots"

# frame_url PAGE WIDTH [HEIGHT [shot]]: frame.html's URL framing PAGE
frame_url() {
	$PY - "$here/frame.html" "$1" "$2" "${3:-2000}" "${4:-}" <<'PYEOF'
import pathlib, sys, urllib.parse
frame, page, w, h, shot = sys.argv[1:6]
q = {"src": pathlib.Path(page).resolve().as_uri(), "w": w, "h": h}
if shot:
    q["shot"] = "1"
print(pathlib.Path(frame).resolve().as_uri() + "?" + urllib.parse.urlencode(q))
PYEOF
}

# chrome WIDTH HEIGHT LOG ARGS...: one headless run, its own profile, stderr to LOG
chrome() {
	cw=$1 ch=$2 clog=$3
	shift 3
	timeout 120 "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--allow-file-access-from-files --user-data-dir="$tmp/profile" --no-first-run \
		--no-default-browser-check --disable-extensions --disable-background-networking \
		--disable-component-update --disable-sync --disable-default-apps \
		--window-size="$cw,$ch" --virtual-time-budget=5000 --enable-logging=stderr --v=0 \
		"$@" 2>"$clog"
}

# measure NAME PAGE WIDTH [verdict.py options]: the verdict's line; its status
measure() {
	mn=$1 mp=$2 mw=$3
	shift 3
	win=$mw
	[ "$win" -lt 500 ] && win=500 # headless lays out 500 px at least; the frame is mw
	chrome "$win" 2100 "$tmp/$mn.log" --dump-dom "$(frame_url "$mp" "$mw")" >"$tmp/$mn.dom"
	$PY "$here/verdict.py" "$mn" "$tmp/$mn.dom" "$tmp/$mn.log" --height-out "$tmp/$mn.height" "$@"
}

# shot NAME PAGE WIDTH: the whole page (as tall as measure found it) to $shots/NAME.png
shot() {
	sh_=$(cat "$tmp/$1.height" 2>/dev/null || echo 2000)
	[ "$sh_" -gt 32000 ] && sh_=32000
	chrome "$3" "$sh_" "$tmp/$1.shot.log" --screenshot="$shots/$1.png" \
		"$(frame_url "$2" "$3" "$sh_" 1)" >/dev/null
	if [ -s "$shots/$1.png" ]; then ok; else bad "$1: no screenshot" "$(tail -3 "$tmp/$1.shot.log")"; fi
}

# ---- the packs ------------------------------------------------------------------
p=$tmp/packs
mkdir -p "$p"
if ! { "$UPLIFT" report "$root/experiments/coffee-w47" --out "$p/report-en" --quiet &&
	"$UPLIFT" report "$root/experiments/coffee-w47" --lang zh --out "$p/report-zh" --quiet &&
	"$UPLIFT" simulate "$p/w49" --users 20000 --seed 49 --start 2026-11-30 --rate-80 2.2 &&
	"$UPLIFT" simulate "$p/w48" --users 20000 --seed 48 --start 2026-11-23 --rate-80 1.0 &&
	"$UPLIFT" simulate "$p/w47" --users 20000 --seed 47 --rate-8 1.0 --rate-80 1.3 --no-history &&
	"$UPLIFT" review "$p/w47" "$p/w48" "$p/w49" --out "$p/review-en" --quiet &&
	"$UPLIFT" review "$p/w47" "$p/w48" "$p/w49" --lang zh --out "$p/review-zh" --quiet; } \
	>"$tmp/packs.out" 2>"$tmp/packs.err"; then
	bad "writing the packs" "$(cat "$tmp/packs.err")"
	finish
	exit
fi

for pack in report-en report-zh review-en review-zh; do
	page=$p/$pack/${pack%-*}.html
	lang=en
	[ "${pack#*-}" = zh ] && lang=zh-CN
	charts=$(ls "$p/$pack" | grep -c '\.svg$')
	for w in 390 1280; do
		if [ ! -s "$page" ]; then
			bad "$pack: no $(basename "$page")"
			continue
		fi
		if out=$(measure "$pack-$w" "$page" "$w" --lang "$lang" --charts "$charts"); then
			ok
			echo "$out"
		else
			bad "$pack at $w px" "$out"
		fi
		shot "$pack-$w" "$page" "$w"
	done
done

# ---- the checks can fail: each fixture must fail for its own reason ---------------
for c in "too-wide 390 wider than the viewport" "too-wide 1280 wider than the viewport" \
	"broken-image 390 broken image" "console-error 390 console message" \
	"wrapped-cell 390 table cell wraps" "small-chart-text 390 chart text too small"; do
	set -- $c
	fx=$1 fw=$2
	shift 2
	if out=$(measure "fixture-$fx-$fw" "$here/fixtures/$fx.html" "$fw"); then
		bad "fixture $fx.html at $fw px passed; it must fail with '$*'" "$out"
	elif printf '%s\n' "$out" | grep -q "$*"; then
		ok
	else
		bad "fixture $fx.html at $fw px failed, but not with '$*'" "$out"
	fi
done
echo "browser: screenshots in $shots"
finish
