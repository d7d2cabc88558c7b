#!/usr/bin/python3
"""verdict.py - the verdict of tests/browser/check.sh on one page at one width.

usage: verdict.py NAME DOM LOG [--lang L] [--charts N] [--height-out FILE]

DOM is what `chromium --dump-dom` printed for frame.html (the measurements
as JSON in <pre id="result">), LOG its stderr (--enable-logging=stderr:
every console message of the page, a Content-Security-Policy refusal
included, is a CONSOLE line). Fails (exit 1, one line per reason) on a
console message, a page wider than its viewport, a broken image, a chart
that is missing, empty or wider than the page (or than the box it scrolls
in), a chart whose smallest text is under 9 px as shown, a table outside its
scrolling box, a table cell that wraps, a script, a resource loaded, or
the wrong lang; else prints one line of what was measured.
"""
import html
import json
import re
import sys


def main():
    args = sys.argv[1:]
    name, dom, log = args[0], args[1], args[2]
    opts = dict(zip(args[3::2], args[4::2]))
    text = open(dom, encoding="utf-8", errors="replace").read()
    m = re.search(r'<pre id="result"[^>]*>(.*?)</pre>', text, re.S)
    if not m:
        print(f"FAIL {name}: no result (the page did not load in the frame)")
        return 1
    raw = html.unescape(m.group(1))
    try:
        r = json.loads(raw)
    except ValueError:
        print(f"FAIL {name}: no measurement ({raw[:80]!r})")
        return 1
    why = []
    if "error" in r:
        why.append(f"cannot measure: {r['error']}")
    console = [ln.strip() for ln in open(log, encoding="utf-8", errors="replace")
               if ":CONSOLE" in ln]
    if console:
        why.append(f"console message ({len(console)}): {console[0][:200]}")
    if "error" not in r:
        width = min(r["innerWidth"], r["clientWidth"])
        if r["scrollWidth"] > width:
            why.append(f"page wider than the viewport: scrollWidth {r['scrollWidth']} > "
                       f"{width} (innerWidth {r['innerWidth']})")
        if r["brokenImages"]:
            why.append(f"broken image: {', '.join(r['brokenImages'][:3])}")
        if r["missingCharts"]:
            why.append(f"broken image: {r['missingCharts']} chart(s) shown as missing")
        if r["emptyCharts"]:
            why.append(f"broken image: empty chart {r['emptyCharts'][0]!r}")
        if r["wideCharts"]:
            why.append(f"chart wider than the page: {r['wideCharts'][0]!r}")
        if r["chartFontPx"] is not None and r["chartFontPx"] < 9:
            why.append(f"chart text too small: {r['chartFontPx']} px (at least 9 px)")
        if "--charts" in opts and r["charts"] != int(opts["--charts"]):
            why.append(f"{r['charts']} charts inline, want {opts['--charts']}")
        if r["tablesOutsideBox"]:
            why.append(f"{r['tablesOutsideBox']} table(s) outside a scrolling box")
        if r["wrappedCells"]:
            why.append(f"table cell wraps ({len(r['wrappedCells'])}): {r['wrappedCells'][0]!r}")
        if r["scripts"]:
            why.append(f"{r['scripts']} script(s) in the page")
        if r["resources"]:
            why.append(f"resource loaded: {r['resources'][0]}")
        if "--lang" in opts and r["lang"] != opts["--lang"]:
            why.append(f"lang {r['lang']!r}, want {opts['--lang']!r}")
    if "--height-out" in opts and "height" in r:
        with open(opts["--height-out"], "w") as f:
            f.write(str(r["height"]))
    if why:
        for w in why:
            print(f"FAIL {name}: {w}")
        return 1
    print(f"ok {name}: {r['innerWidth']} px wide, {r['height']} px tall, {r['charts']} charts "
          f"(text {r['chartFontPx']} px), {r['tables']} tables ({r['tablesScrolling']} scroll "
          f"in their box), {r['cells']} cells, none wraps")
    return 0


sys.exit(main())
