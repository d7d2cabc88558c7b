"""same_numbers.py - compare two analyze JSON documents number by number.

Shared by tests/sql/run.sh and tests/security/50-stats.sh, which check that
'analyze --stats' on a statistics file gives the numbers of the raw-folder
analysis. walk() appends one line per difference to bad: a key missing, a
list of another length, a float off by more than rel (relative, at least
absolute for values below 1), or any other value not equal.
"""


def walk(x, y, path, bad, rel=1e-9):
    if isinstance(x, dict):
        for k in x:
            if k not in y:
                bad.append(f"{path}/{k} missing")
            else:
                walk(x[k], y[k], f"{path}/{k}", bad, rel)
    elif isinstance(x, list):
        if len(x) != len(y):
            bad.append(f"{path}: {len(x)} vs {len(y)} entries")
            return
        for i, (p, q) in enumerate(zip(x, y)):
            walk(p, q, f"{path}[{i}]", bad, rel)
    elif isinstance(x, float) or isinstance(y, float):
        if x is None or y is None or abs(x - y) > rel * max(1.0, abs(x)):
            bad.append(f"{path}: {x} vs {y}")
    elif x != y:
        bad.append(f"{path}: {x!r} vs {y!r}")
