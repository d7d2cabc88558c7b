#!/bin/sh
# 65-html.sh - report.html and review.html from hostile names: an arm named
# <img src=x onerror=alert(1)>, a segment value and the experiment's name
# with </script>, an arm label with <svg onload=...>; every one must come out
# as text (escaped, still readable), never as an element or an attribute, in
# the page and in the charts inlined into it.
. "$(dirname "$0")/../lib.sh"

w=$tmp/html
mkdir -p "$w"
for s in 1 2; do
	"$UPLIFT" simulate "$w/e$s" --users 4000 --seed "$s" --start "2026-11-0$((s * 2))" >/dev/null 2>"$tmp/err" ||
		bad "simulate" "$(cat "$tmp/err")"
done
$PY - "$w/e1" "$w/e2" <<'PYEOF'
import sys
arm = "满<img src=x onerror=alert(1)>减"
seg = "</script><script>alert(2)</script>"
for i, d in enumerate(sys.argv[1:], 1):
    ini = open(f"{d}/experiment.ini", encoding="utf-8").read()
    ini = ini.replace("满80减15", arm)
    ini = ini.replace("label  = 不触达", 'label  = 不触达<svg onload=alert(4)>"\'&amp;')
    ini = ini.replace("name    = T咖啡 会员发券 2026-W47", f"name    = W4{i}</script><img src=x onerror=alert(3)>")
    open(f"{d}/experiment.ini", "w", encoding="utf-8").write(ini)
    a = open(f"{d}/assignments.csv", encoding="utf-8").read()
    a = a.replace("满80减15", arm).replace("小程序", seg)
    open(f"{d}/assignments.csv", "w", encoding="utf-8").write(a)
PYEOF

# check PAGE: no element or attribute from the names, and the names shown as text
check() {
	$PY - "$1" <<'PYEOF'
import sys
from html.parser import HTMLParser

raw = open(sys.argv[1], encoding="utf-8").read()
low = raw.lower()
# (onerror= may be in the text, escaped: as an attribute it is found below)
for s in ("<img", "</script", "<script", "<svg onload", "javascript:"):
    if s in low:
        sys.exit(f"raw {s!r} in {sys.argv[1]}")

class P(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = []
        self.bad = []
    def handle_starttag(self, tag, attrs):
        if tag in ("script", "img", "iframe", "object", "embed", "image", "foreignobject"):
            self.bad.append(f"<{tag}>")
        if tag == "svg" and not any(k == "class" and v == "chart-svg" for k, v in attrs):
            self.bad.append("an <svg> that is not a chart")
        for k, v in attrs:
            if k.startswith("on"):
                self.bad.append(f"attribute {k}= on <{tag}>")
            if k in ("href", "xlink:href", "src") and v and not v.startswith("#"):
                self.bad.append(f"{k}={v!r} on <{tag}>")
    def handle_data(self, d):
        self.text.append(d)

p = P()
p.feed(raw)
if p.bad:
    sys.exit(f"{sys.argv[1]}: {p.bad[:3]}")
text = "".join(p.text)
for want in ("满<img src=x onerror=alert(1)>减", "</script><img src=x onerror=alert(3)>"):
    if want not in text:
        sys.exit(f"{sys.argv[1]}: {want!r} is not shown as text")
PYEOF
}

if "$UPLIFT" report "$w/e1" --by channel --out "$w/report" --quiet >/dev/null 2>"$tmp/err"; then
	if why=$(check "$w/report/report.html" 2>&1); then ok; else bad "report.html" "$why"; fi
	# the segment value is in the page as text too (a segment table)
	if grep -q '&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;' "$w/report/report.html"; then
		ok
	else bad "report.html: the segment value is not shown escaped"; fi
	# the charts carry the names too (legends, labels), and are inlined
	if [ -z "$(ls "$w/report"/*.svg 2>/dev/null)" ] ||
		[ "$(grep -c 'class="chart-svg"' "$w/report/report.html")" -ge 1 ]; then
		ok
	else bad "report.html: no chart inlined"; fi
else
	bad "report: exit $?" "$(cat "$tmp/err")"
fi
if "$UPLIFT" report "$w/e1" --lang zh --out "$w/report-zh" --quiet >/dev/null 2>"$tmp/err"; then
	if why=$(check "$w/report-zh/report.html" 2>&1); then ok; else bad "report.html (zh)" "$why"; fi
else
	bad "report --lang zh: exit $?" "$(cat "$tmp/err")"
fi
if "$UPLIFT" review "$w/e1" "$w/e2" --out "$w/review" --quiet >/dev/null 2>"$tmp/err"; then
	if why=$(check "$w/review/review.html" 2>&1); then ok; else bad "review.html" "$why"; fi
else
	bad "review: exit $?" "$(cat "$tmp/err")"
fi
finish
