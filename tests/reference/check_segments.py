#!/usr/bin/python3
"""Independent implementation (pandas/numpy) of the contract's RFM and
lifecycle definitions, compared user by user with `uplift segment DIR`.

usage: check_segments.py DIR SEGMENT_CSV
"""
import configparser
import io
import sys
from datetime import date

import numpy as np
import pandas as pd

NAMES = {("H", "H", "H"): ("重要价值客户", "A"), ("H", "L", "H"): ("重要发展客户", "A"),
         ("L", "H", "H"): ("重要保持客户", "B"), ("L", "L", "H"): ("重要挽留客户", "B"),
         ("H", "H", "L"): ("一般价值客户", "B"), ("H", "L", "L"): ("一般发展客户", "B"),
         ("L", "H", "L"): ("一般保持客户", "C"), ("L", "L", "L"): ("一般挽留客户", "C")}


def reference(folder):
    """Per user: (recency, frequency, monetary, rfm_segment, rfm_grade, lifecycle),
    plus the thresholds used."""
    cp = configparser.ConfigParser(inline_comment_prefixes=(";",), interpolation=None)
    cp.read(f"{folder}/experiment.ini", encoding="utf-8-sig")
    seg = cp["segments"] if cp.has_section("segments") else {}
    start = date.fromisoformat(cp["experiment"]["start"])
    asof = date.fromisoformat(seg["asof"]) if "asof" in seg else date.fromordinal(start.toordinal() - 1)
    asg = pd.read_csv(f"{folder}/assignments.csv", dtype=str, encoding="utf-8-sig",
                      keep_default_na=False)
    h = pd.read_csv(f"{folder}/history.csv", dtype={"user_id": str}, encoding="utf-8-sig")
    if "discount" not in h:
        h["discount"] = 0.0
    h["discount"] = h["discount"].fillna(0.0)
    h["day"] = pd.to_datetime(h["order_time"].str.slice(0, 10)).dt.date
    h = h[h["day"] <= asof]
    h["paid"] = h["amount"] - h["discount"]
    g = h.groupby("user_id").agg(last=("day", "max"), first=("day", "min"),
                                 frequency=("paid", "size"), monetary=("paid", "sum"))
    u = asg[["user_id"]].merge(g, how="left", left_on="user_id", right_index=True)
    has = u["frequency"].notna()
    u["recency"] = [(asof - d).days if isinstance(d, date) else np.nan for d in u["last"]]
    hist = u[has]
    r_t = float(seg["recency_days"]) if "recency_days" in seg else float(np.median(hist["recency"]))
    f_t = float(seg["frequency"]) if "frequency" in seg else float(np.median(hist["frequency"]))
    m_t = float(seg["monetary"]) if "monetary" in seg else float(np.median(hist["monetary"]))
    new_days = float(seg.get("new_days", 30))
    dormant = float(seg.get("dormant_days", 60))
    loyal = float(seg.get("loyal_orders", 5))

    want = {}
    for row in u.itertuples():
        if not isinstance(row.last, date):
            want[row.user_id] = ("", 0, 0.0, "无消费记录", "-", "潜在用户")
            continue
        key = ("H" if row.recency <= r_t else "L", "H" if row.frequency >= f_t else "L",
               "H" if row.monetary >= m_t else "L")
        if row.recency > dormant:
            life = "休眠用户"
        elif row.frequency >= loyal:
            life = "忠实用户"
        elif (asof - row.first).days <= new_days:
            life = "新用户"
        else:
            life = "活跃用户"
        want[row.user_id] = (str(int(row.recency)), int(row.frequency), float(row.monetary),
                             *NAMES[key], life)
    return want, (r_t, f_t, m_t)


def main():
    folder, got_path = sys.argv[1], sys.argv[2]
    want, (r_t, f_t, m_t) = reference(folder)

    got = pd.read_csv(got_path, dtype=str, keep_default_na=False)
    errors = []
    if list(got.columns) != ["user_id", "recency", "frequency", "monetary", "rfm_segment",
                             "rfm_grade", "lifecycle"]:
        errors.append(f"columns {list(got.columns)}")
    if len(got) != len(want):
        errors.append(f"{len(got)} rows, want {len(want)}")
    for row in got.itertuples():
        w = want.get(row.user_id)
        if w is None:
            errors.append(f"unknown user {row.user_id}")
            continue
        g = (row.recency, int(row.frequency), float(row.monetary), row.rfm_segment,
             row.rfm_grade, row.lifecycle)
        if g[:2] != w[:2] or abs(g[2] - w[2]) > 1e-9 * max(1, abs(w[2])) or g[3:] != w[3:]:
            errors.append(f"{row.user_id}: got {g}, want {w}")
    for e in errors[:20]:
        print("MISMATCH", e)
    print(f"check_segments: {folder}: {len(got)} users checked (thresholds R<={r_t:g} "
          f"F>={f_t:g} M>={m_t:g}), {len(errors)} mismatches")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
