#!/bin/sh
# Install the Debian packages uplift needs, only those that are missing.
# Idempotent and quiet when everything is present. Run as root (or with sudo
# available). Usage: scripts/deps.sh [build|test|plots|fuzz|check|all]
set -eu

build="gcc make pkg-config libgsl-dev libcsv-dev libutf8proc-dev libjansson-dev libseccomp-dev libxlsxwriter-dev"
test="libcmocka-dev python3-pandas python3-scipy python3-statsmodels gnuplot-nox fonts-noto-cjk sqlite3 postgresql chromium python3-openpyxl"
plots="gnuplot-nox fonts-noto-cjk"
fuzz="clang libclang-rt-14-dev"
check="valgrind time"

case "${1:-all}" in
	build) want="$build" ;;
	test)  want="$build $test" ;;
	plots) want="$plots" ;;
	fuzz)  want="$build $fuzz" ;;
	check) want="$build $test $check" ;;
	all)   want="$build $test $plots $fuzz $check" ;;
	*) echo "usage: $0 [build|test|plots|fuzz|check|all]" >&2; exit 2 ;;
esac

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
sudo=""
if [ "$(id -u)" != 0 ]; then
	command -v sudo >/dev/null 2>&1 || { echo "deps: need root to install$missing" >&2; exit 1; }
	sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
