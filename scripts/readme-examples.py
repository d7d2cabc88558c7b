#!/usr/bin/python3
"""Refresh the example outputs in README.md from the current build.

Every fenced block that starts with a line "$ build/uplift ..." is re-run
(through the shell, from the repository root) and its output replaces the
block's body; a block may hold several "$ " commands. The demo block after
"one week:" is `build/uplift analyze experiments/coffee-w47`.
usage: scripts/readme-examples.py   (after make)
"""
import re
import subprocess

ROOT = subprocess.run(["git", "rev-parse", "--show-toplevel"], capture_output=True,
                      text=True).stdout.strip()


def run(cmd):
    r = subprocess.run(cmd, shell=True, capture_output=True, text=True, cwd=ROOT)
    return r.stdout + r.stderr


def refresh(block):
    lines = block.split("\n")
    out, i = [], 0
    while i < len(lines):
        if lines[i].startswith("$ "):
            out.append(lines[i])
            out.append(run(lines[i][2:]).rstrip("\n"))
            i += 1
            while i < len(lines) and not lines[i].startswith("$ "):
                i += 1
        else:
            out.append(lines[i])
            i += 1
    return "\n".join(out)


text = open(f"{ROOT}/README.md", encoding="utf-8").read()
text = re.sub(r"(one week:\n\n```\n).*?(```)",
              lambda m: m.group(1) + run("build/uplift analyze experiments/coffee-w47") + m.group(2),
              text, count=1, flags=re.S)
text = re.sub(r"```\n(\$ build/uplift.*?)\n```",
              lambda m: "```\n" + refresh(m.group(1)) + "\n```", text, flags=re.S)
open(f"{ROOT}/README.md", "w", encoding="utf-8").write(text)
