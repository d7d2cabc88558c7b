"""hillstrom_folder.py CSV DST: Kevin Hillstrom's e-mail test (64,000
customers, ../shared/data/hillstrom/hillstrom.csv, read in place) as the two
files a CRM would export for it: assignments.csv (customer_id, invented as
the data has none; group, the arm; the customer attributes) and
outcomes.csv (customer_id, visit, conversion, spend). No experiment.ini:
that is what uplift init writes (tests/cli/50-init.sh, 51-init-columns.sh)."""
import csv
import os
import sys

src, dst = sys.argv[1], sys.argv[2]
os.makedirs(dst, exist_ok=True)
with open(src, encoding="utf-8", newline="") as f, \
        open(f"{dst}/assignments.csv", "w", encoding="utf-8", newline="") as a, \
        open(f"{dst}/outcomes.csv", "w", encoding="utf-8", newline="") as o:
    wa, wo = csv.writer(a), csv.writer(o)
    wa.writerow(["customer_id", "group", "channel", "zip_code", "newbie", "history_segment"])
    wo.writerow(["customer_id", "visit", "conversion", "spend"])
    for i, r in enumerate(csv.DictReader(f), 1):
        cid = f"C{i:06d}"
        wa.writerow([cid, r["segment"], r["channel"], r["zip_code"], r["newbie"], r["history_segment"]])
        wo.writerow([cid, r["visit"], r["conversion"], r["spend"]])
