#!/bin/sh
# Pack files of "uplift report" (issue 13, findings 2, 3, 4, 7's gnuplot part,
# 8 and 10's "report .." and "report > /dev/full"): no symlink followed, a
# lock against a second writer, a pack replaced whole or not at all, a full
# disk and a broken, hanging or hostile gnuplot refused with one clear line.
. "$(dirname "$0")/../lib.sh"
trap 'umount "$tmp/full" 2>/dev/null; rm -rf "$tmp"' EXIT
GNUPLOT=$(command -v gnuplot)
[ -n "$GNUPLOT" ] || { skip "gnuplot is not installed: the pack cases need it"; finish; exit; }

# a small experiment that reports whole (tests/fixtures/small has empty charts)
exp="$tmp/exp"
"$UPLIFT" simulate "$exp" --users 2000 --seed 9 --no-history >/dev/null 2>&1 || bad "simulate"

# snap DIR: every name, type and size, and every file's checksum
snap() { (cd "$1" && find . -printf '%p %y %s\n' | LC_ALL=C sort &&
	find . -type f -exec sha256sum {} + | LC_ALL=C sort); }
# fake NAME BODY: a folder holding a fake gnuplot (sh script) to put first on PATH
fake() { mkdir -p "$tmp/$1"; printf '#!/bin/sh\n%s\n' "$2" >"$tmp/$1/gnuplot"; chmod +x "$tmp/$1/gnuplot"; echo "$tmp/$1"; }
# complete DIR: every png and svg in DIR complete, none empty
complete() { $PY - "$1" <<'PYEOF'
import os, sys
d = sys.argv[1]
for f in os.listdir(d):
    b = open(os.path.join(d, f), "rb").read() if f.endswith((".png", ".svg")) else None
    if b is None: continue
    if f.endswith(".png"): assert b[:8] == b"\x89PNG\r\n\x1a\n" and b.endswith(b"IEND\xaeB`\x82"), f
    else: assert b.rstrip().endswith(b"</svg>"), f
PYEOF
}
# linked DIR: summary.json is JSON and every chart report.md links to exists
linked() { $PY - "$1" <<'PYEOF'
import json, os, re, sys
d = sys.argv[1]
json.load(open(f"{d}/summary.json"))
for png in re.findall(r"\]\(([^)]+\.png)\)", open(f"{d}/report.md", encoding="utf-8").read()):
    assert os.path.getsize(f"{d}/{png}") > 0, png
PYEOF
}

# finding 2: a symlink planted at any name the run writes is never followed
pack="$tmp/planted"
mkdir -p "$pack"
echo precious >"$tmp/victim"
for n in summary.json .summary.json.tmp report.md .report.md.tmp comparisons.csv .comparisons.csv.tmp \
	forest.png .render-forest.png forest.svg .render-forest.svg forest.gp .forest.gp.tmp forest.dat \
	.forest.dat.tmp rates.png .render-rates.png; do
	ln -s "$tmp/victim" "$pack/$n"
done
"$UPLIFT" report "$exp" --out "$pack" >/dev/null 2>"$tmp/err"
if [ "$(cat "$tmp/victim")" = precious ] && [ ! -L "$pack/summary.json" ] && [ ! -L "$pack/forest.png" ] &&
	linked "$pack"; then ok; else bad "finding 2: planted symlinks followed" "$(cat "$tmp/err"; ls -la "$pack")"; fi
# finding 2: --out itself a symlink is refused, not written through
ln -s "$tmp/victimdir" "$tmp/linkout"
mkdir -p "$tmp/victimdir"
expect "finding 2: --out a symlink" 2 "uplift: --out $tmp/linkout: is a symbolic link; give the folder it points to" -- report "$exp" --out "$tmp/linkout"
if [ -z "$(ls -A "$tmp/victimdir")" ]; then ok; else bad "finding 2: wrote through the --out symlink"; fi

# finding 3: two concurrent reports into one folder, 20 rounds: always a whole pack
pack="$tmp/conc"
r=0 broken=0
while [ $r -lt 20 ]; do
	"$UPLIFT" report "$exp" --out "$pack" --by channel >/dev/null 2>"$tmp/c1" &
	p1=$!
	"$UPLIFT" report "$exp" --out "$pack" >/dev/null 2>"$tmp/c2" &
	p2=$!
	wait $p1; s1=$?
	wait $p2; s2=$?
	if [ $s1 != 0 ] || [ $s2 != 0 ] || ! linked "$pack" 2>/dev/null || ! complete "$pack" 2>/dev/null; then
		broken=$((broken + 1))
	fi
	r=$((r + 1))
done
if [ $broken = 0 ]; then ok; else bad "finding 3: $broken of 20 concurrent rounds broke the pack" "$(cat "$tmp/c1" "$tmp/c2")"; fi
if ! ls -a "$tmp" | grep -q '^\.conc\.'; then ok; else bad "finding 3: staging or lock files left beside the pack" "$(ls -a "$tmp")"; fi

# finding 3: a writer that holds the pack's lock too long: the second is refused with a message
if command -v flock >/dev/null 2>&1; then
	"$UPLIFT" report "$exp" --out "$tmp/held" >/dev/null 2>&1
	snap "$tmp/held" >"$tmp/before"
	flock "$tmp/.held.uplift-lock" sleep 4 &
	holder=$!
	sleep 1
	UPLIFT_LOCK_WAIT=1 "$UPLIFT" report "$exp" --out "$tmp/held" >"$tmp/out" 2>"$tmp/err"
	st=$?
	wait $holder
	snap "$tmp/held" >"$tmp/after"
	if [ $st = 2 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/before" "$tmp/after" &&
		[ "$(cat "$tmp/err")" = "uplift: --out $tmp/held: another uplift report is writing this pack folder; try again when it has finished" ]
	then ok; else bad "finding 3: a locked pack folder: exit $st" "$(cat "$tmp/err")"; fi
else
	skip "finding 3: no flock(1) to hold the lock"
fi
# finding 2: a symlink planted at the lock's name is refused, its target untouched
ln -s "$tmp/victim" "$tmp/.lockout.uplift-lock"
"$UPLIFT" report "$exp" --out "$tmp/lockout" >/dev/null 2>"$tmp/err"
st=$?
if [ $st != 0 ] && [ "$(cat "$tmp/victim")" = precious ] && grep -q "symbolic link" "$tmp/err"
then ok; else bad "finding 2: planted lock symlink: exit $st" "$(cat "$tmp/err")"; fi

# finding 8: a failed re-run leaves the previous pack byte for byte as it was
pack="$tmp/rerun"
"$UPLIFT" report "$exp" --out "$pack" --by channel,spend_level >/dev/null 2>&1
echo "my notes" >"$pack/notes.txt"
mkdir "$pack/mine" && echo kept >"$pack/mine/a.txt"
cp "$pack/forest.png" "$pack/photo.png"
snap "$pack" >"$tmp/before"
fg=$(fake fg-fail 'for i in 1 2 3 4 5 6 7 8; do echo "noise line $i" >&2; done; echo "\"forest.gp\" line 3: broken" >&2; exit 1')
PATH="$fg:$PATH" "$UPLIFT" report "$exp" --out "$pack" >/dev/null 2>"$tmp/err"
st=$?
# finding 7: a failing gnuplot: exit 3, one line naming the chart, not its noise
if [ $st = 3 ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
	grep -q "^uplift: $pack/forest.gp: gnuplot failed (exit 1): \"forest.gp\" line 3: broken$" "$tmp/err"
then ok; else bad "finding 7: failing gnuplot: exit $st" "$(cat "$tmp/err")"; fi
snap "$pack" >"$tmp/after"
if cmp -s "$tmp/before" "$tmp/after"; then ok; else bad "finding 8: a failed re-run changed the pack" "$(diff "$tmp/before" "$tmp/after" | head)"; fi
# finding 7: a gnuplot that exits 0 and draws nothing is a failure too
fg=$(fake fg-nothing 'exit 0')
PATH="$fg:$PATH" "$UPLIFT" report "$exp" --out "$pack" >/dev/null 2>"$tmp/err"
st=$?
snap "$pack" >"$tmp/after"
if [ $st = 3 ] && grep -q "^uplift: $pack/forest.png: gnuplot wrote nothing (forest.gp)$" "$tmp/err" &&
	cmp -s "$tmp/before" "$tmp/after"; then ok; else bad "finding 7: silent gnuplot: exit $st" "$(cat "$tmp/err")"; fi
# finding 8: a re-run with fewer --by leaves no old segments-2; the user's files stay
"$UPLIFT" report "$exp" --out "$pack" --by channel >/dev/null 2>"$tmp/err"
if [ -s "$pack/segments-1.png" ] && [ ! -e "$pack/segments-2.png" ] && [ ! -e "$pack/segments-2.gp" ] &&
	[ ! -e "$pack/segments-2.dat" ] && [ "$(cat "$pack/notes.txt")" = "my notes" ] &&
	[ "$(cat "$pack/mine/a.txt")" = kept ] && [ -s "$pack/photo.png" ]
then ok; else bad "finding 8: re-run with fewer --by" "$(cat "$tmp/err"; ls "$pack")"; fi
# finding 8: a re-run without gnuplot keeps no PNG or SVG of the earlier run
nognu="$tmp/nognu"; mkdir -p "$nognu"; ln -s "$(command -v env)" "$nognu/env"
PATH="$nognu" "$UPLIFT" report "$exp" --out "$pack" >/dev/null 2>"$tmp/err"
left=$(cd "$pack" && ls | grep -E '\.(png|svg)$' | grep -v '^photo\.png$')
if [ -z "$left" ] && [ -s "$pack/forest.gp" ] && [ "$(cat "$pack/notes.txt")" = "my notes" ]
then ok; else bad "finding 8: stale images after a re-run without gnuplot" "$left"; fi

# finding 7: a hanging gnuplot is stopped (its whole group) and the pack kept
snap "$pack" >"$tmp/before"
for body in "echo \$\$ >$tmp/hang.pid; exec sleep 1000" "echo \$\$ >$tmp/hang.pid; sleep 1000"; do
	fg=$(fake fg-hang "$body")
	rm -f "$tmp/hang.pid"
	UPLIFT_GNUPLOT_TIMEOUT=2 PATH="$fg:$PATH" timeout 20 "$UPLIFT" report "$exp" --out "$pack" >/dev/null 2>"$tmp/err"
	st=$?
	alive=no
	if [ -s "$tmp/hang.pid" ] && kill -0 "$(cat "$tmp/hang.pid")" 2>/dev/null; then
		alive=yes; kill "$(cat "$tmp/hang.pid")"
	fi
	snap "$pack" >"$tmp/after"
	if [ $st = 3 ] && [ $alive = no ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q "forest.gp" "$tmp/err" &&
		cmp -s "$tmp/before" "$tmp/after"
	then ok; else bad "finding 7: hanging gnuplot ($body): exit $st, left running: $alive" "$(cat "$tmp/err")"; fi
done
if grep -q "^uplift: $pack/forest.gp: gnuplot did not finish in 2 s" "$tmp/err" ||
	grep -q "^uplift: $pack/forest.gp: gnuplot failed" "$tmp/err"; then ok; else bad "finding 7: hang message" "$(cat "$tmp/err")"; fi

# finding 1 (gnuplot's part): gnuplot runs where it cannot start a process
fg=$(fake fg-shell "exec $GNUPLOT -e 'system(\"touch $tmp/pwned-system\")' -e 'x = \"\`touch $tmp/pwned-quote\`\"' -e 'load \"< touch $tmp/pwned-load\"' \"\$@\"")
PATH="$fg:$PATH" "$UPLIFT" report "$exp" --out "$tmp/shell" >/dev/null 2>"$tmp/err"
if [ ! -e "$tmp/pwned-system" ] && [ ! -e "$tmp/pwned-quote" ] && [ ! -e "$tmp/pwned-load" ]
then ok; else bad "finding 1: gnuplot started a shell" "$(ls "$tmp" | grep pwned)"; fi

# finding 4: a full disk (tmpfs of 200 KB): exit 3 naming the file and errno,
# no empty or truncated chart under a final name, the previous pack kept
mkdir -p "$tmp/full"
if mount -t tmpfs -o size=200k tmpfs "$tmp/full" 2>/dev/null; then
	pack="$tmp/full/pack"
	PATH="$nognu" "$UPLIFT" report "$exp" --out "$pack" >/dev/null 2>&1
	snap "$pack" >"$tmp/before"
	"$UPLIFT" report "$exp" --out "$pack" >/dev/null 2>"$tmp/err"
	st=$?
	snap "$pack" >"$tmp/after"
	if [ $st = 3 ] && [ "$(wc -l <"$tmp/err")" = 1 ] &&
		grep -q "^uplift: $pack/[a-z0-9.-]*: write failed: No space left on device$" "$tmp/err"
	then ok; else bad "finding 4: disk full: exit $st" "$(cat "$tmp/err")"; fi
	if cmp -s "$tmp/before" "$tmp/after" && complete "$pack" && [ -z "$(ls -A "$tmp/full" | grep -v '^pack$')" ]
	then ok; else bad "finding 4: disk full changed the pack or left files" "$(diff "$tmp/before" "$tmp/after" | head; ls -la "$tmp/full" "$pack")"; fi
	# and a first run on a full disk leaves no truncated chart either
	rm -rf "$pack"
	"$UPLIFT" report "$exp" --out "$pack" >/dev/null 2>"$tmp/err"
	st=$?
	if [ $st = 3 ] && complete "$pack" && [ -z "$(ls "$pack")" ]; then ok; else bad "finding 4: first run on a full disk: exit $st" "$(cat "$tmp/err"; ls -la "$pack")"; fi
	umount "$tmp/full"
else
	skip "finding 4: cannot mount a tmpfs here (not root, or no mount permission)"
fi

# finding 10: "report .." (and ".") names the pack after the real folder, inside plots/
mkdir -p "$exp/sub"
echo mine >"$exp/sub/report.md"
(cd "$exp/sub" && "$UPLIFT" report .. >/dev/null 2>"$tmp/err")
if [ "$(cat "$exp/sub/report.md")" = mine ] && [ -s "$exp/sub/plots/exp/report.md" ]
then ok; else bad "finding 10: report .. wrote outside plots/" "$(cat "$tmp/err"; ls "$exp/sub" "$exp/sub/plots")"; fi
(cd "$exp" && "$UPLIFT" report . >/dev/null 2>"$tmp/err")
if [ -s "$exp/plots/exp/report.md" ] && [ ! -e "$exp/plots/report.md" ]
then ok; else bad "finding 10: report . wrote the pack into plots/ itself" "$(cat "$tmp/err"; ls "$exp/plots")"; fi

# finding 10: report > /dev/full: exit 3 with a message
"$UPLIFT" report "$exp" --out "$tmp/devfull" >/dev/full 2>"$tmp/err"
st=$?
if [ $st = 3 ] && grep -q "^uplift: cannot write to standard output: No space left on device$" "$tmp/err"
then ok; else bad "finding 10: report > /dev/full: exit $st" "$(cat "$tmp/err")"; fi
finish
