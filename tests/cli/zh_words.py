"""zh_words.py - the words of 2+ Latin letters in a Chinese pack that are not
allowed there (tests/cli/85-zh-words.sh).

usage: zh_words.py FILE.md [--allow-from DIR]... [--allow WORD]... [--gp FILE.gp]...

Prints one line per stray word (file:line: word: the line) and exits 1 when
there is one in FILE.md. Allowed, and nothing else:
  - the names and labels of arms and the experiment's name, from each DIR's
    experiment.ini, the values and names of the columns of each DIR's
    assignments.csv and the column names of its outcomes, orders and history
    files (they are the user's own data, shown as written);
  - anything inside a `code span` (metric keys, file names, commands);
  - the glossary section (## 术语表) and every Latin word of a term it
    defines in **bold** (Holm, Wilson, CUPED, ...), wherever it appears;
  - file names (NAME.csv, .ini, .png, ...), inside image links or not;
  - each --allow WORD (the caller says why).
Words of the charts (headings and notes of the ## 图表 section, and the
titles and labels of each --gp script) are written by charts.c: they are
only reported as warnings on stderr, never failed here.
"""
import re
import sys

LATIN = re.compile(r"[A-Za-z]{2,}")
FILES = re.compile(r"[\w.\-]*\.(?:csv|ini|json|png|svg|gp|dat|md|html|xlsx)\b")
CODE = re.compile(r"(`+)(.+?)\1")


def ini_words(d):
    words = set()
    try:
        text = open(f"{d}/experiment.ini", encoding="utf-8").read()
    except OSError:
        return words
    for line in text.splitlines():
        m = re.match(r"\s*\[arm\s+(.+?)\]\s*$", line)
        if m:
            words.update(LATIN.findall(m.group(1)))
        m = re.match(r"\s*(label|name|control)\s*=\s*(.*)$", line)
        if m:
            words.update(LATIN.findall(m.group(2)))
    try:
        with open(f"{d}/assignments.csv", encoding="utf-8") as f:
            header = f.readline()
            words.update(LATIN.findall(header))
            for i, line in enumerate(f):
                if i > 5000:
                    break
                # every column but the first (user ids)
                for cell in line.rstrip("\n").split(",")[1:]:
                    words.update(LATIN.findall(cell))
    except OSError:
        pass
    for name in ("outcomes.csv", "orders.csv", "history.csv"):
        try:
            with open(f"{d}/{name}", encoding="utf-8") as f:
                words.update(LATIN.findall(f.readline()))
        except OSError:
            pass
    return words


def sections(lines):
    """Yield (section heading, line number, line) for every line."""
    head = ""
    for n, line in enumerate(lines, 1):
        if line.startswith("## "):
            head = line[3:].strip()
        yield head, n, line


def main(argv):
    md = argv[0]
    allowed, gps = set(), []
    i = 1
    while i < len(argv):
        if argv[i] == "--allow-from":
            allowed |= ini_words(argv[i + 1])
        elif argv[i] == "--allow":
            allowed.add(argv[i + 1])
        elif argv[i] == "--gp":
            gps.append(argv[i + 1])
        else:
            sys.exit(f"zh_words.py: unknown argument {argv[i]}")
        i += 2
    lines = open(md, encoding="utf-8").read().splitlines()
    # the terms the glossary defines: the Latin words of its bold terms
    for head, _, line in sections(lines):
        if head == "术语表":
            for term in re.findall(r"\*\*(.+?)\*\*", line):
                allowed.update(LATIN.findall(term))
    bad = 0
    for head, n, line in sections(lines):
        if head == "术语表":
            continue
        text = CODE.sub(" ", line)
        text = re.sub(r"\]\([^)]*\)", "]", text)  # image and link targets
        text = FILES.sub(" ", text)
        stray = [w for w in LATIN.findall(text) if w not in allowed]
        if not stray:
            continue
        if head == "图表":
            print(f"warning (charts): {md}:{n}: {' '.join(stray)}: {line}", file=sys.stderr)
            continue
        bad += 1
        print(f"{md}:{n}: {' '.join(stray)}: {line}")
    for gp in gps:
        for n, line in enumerate(open(gp, encoding="utf-8").read().splitlines(), 1):
            m = re.search(r"\b(?:set\s+(?:title|xlabel|ylabel|label)|title)\s+(['\"])(.*?)\1", line)
            if not m:
                continue
            stray = [w for w in LATIN.findall(FILES.sub(" ", m.group(2))) if w not in allowed]
            if stray:
                print(f"warning (charts): {gp}:{n}: {' '.join(stray)}: {m.group(2)}",
                      file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
