#!/usr/bin/env python3
"""Check the naming rule of the public API (README, "Names").

Every function a public header (include/uplift_*.h) declares is named
uplift_<module>_<verb>, where <module> is the name of that header
(uplift_<module>.h) or of the source file that defines it (src/<module>.c).
The one exception: the statistics functions of uplift_stats.h, and the
distribution function in uplift_power.h, are named after the method they
compute (uplift_wilson, uplift_welch, uplift_nct_sf), as textbooks and R
name them. Prints one line per violation and a summary; exit 1 on any.
usage: scripts/check-names.py  (from the project root)
"""
import glob
import os
import re
import sys

EXCEPT_HEADERS = {"stats"}
EXCEPT_NAMES = {"uplift_nct_sf"}
# a declaration or inline definition at the start of a line, not a field or a call
DECL = re.compile(r"^(?!\s|#|/|\*|typedef)[^;(\n]*?\b(uplift_[a-z0-9_]+)\s*\((?!\*)", re.M)


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)


def defining_file(name):
    pat = re.compile(r"^[A-Za-z].*\b" + re.escape(name) + r"\(", re.M)
    for path in glob.glob("src/*.c"):
        with open(path, encoding="utf-8") as f:
            if pat.search(f.read()):
                return os.path.basename(path)[:-2]
    return None


def main():
    checked = bad = 0
    for header in sorted(glob.glob("include/uplift_*.h")):
        module = os.path.basename(header)[len("uplift_"):-2]
        with open(header, encoding="utf-8") as f:
            text = strip_comments(f.read())
        for name in sorted(set(DECL.findall(text))):
            if name.endswith("_H"):
                continue
            checked += 1
            if module in EXCEPT_HEADERS or name in EXCEPT_NAMES:
                continue
            if name.startswith("uplift_" + module + "_") or name == "uplift_" + module:
                continue
            src = defining_file(name)
            if src and (name.startswith("uplift_" + src + "_") or name == "uplift_" + src):
                continue
            bad += 1
            print(f"names: {header}: {name} is not uplift_{module}_<verb>"
                  + (f" nor uplift_{src}_<verb>" if src else ""))
    print(f"names: {checked - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
