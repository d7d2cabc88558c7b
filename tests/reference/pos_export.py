"""pos_export.py SRC DST [--gbk]: the folder SRC (an experiment folder with
uplift's own headers) rewritten as bare point-of-sale and CRM exports, as
tests/cli/50-init.sh and 51-init-columns.sh use them: Chinese headers
(会员ID, 分组, 订单号, 下单时间 as YYYY/M/D H:MM, 订单金额, 实付金额,
优惠金额), the segment columns renamed, no experiment.ini; with --gbk every
file in GBK. The rows and their values are those of SRC, so an analysis of
DST through [columns] must give SRC's numbers."""
import csv
import os
import sys

src, dst = sys.argv[1], sys.argv[2]
enc = "gbk" if "--gbk" in sys.argv[3:] else "utf-8"
os.makedirs(dst, exist_ok=True)
segments = {"channel": "渠道", "rfm_type": "客户类型", "member_stage": "会员阶段", "spend_level": "消费水平"}


def slash_time(t):
    # 2026-11-19 07:05:54 -> 2026/11/19 7:05 (the seconds dropped: only the day matters)
    day, _, clock = t.partition(" ")
    y, m, d = day.split("-")
    out = f"{int(y)}/{int(m)}/{int(d)}"
    if clock:
        hh, mm = clock.split(":")[:2]
        out += f" {int(hh)}:{mm}"
    return out


with open(f"{src}/assignments.csv", encoding="utf-8-sig", newline="") as f, \
        open(f"{dst}/assignments.csv", "w", encoding=enc, newline="") as g:
    r = csv.DictReader(f)
    names = ["会员ID", "分组"] + [segments.get(c, c) for c in r.fieldnames if c not in ("user_id", "arm")]
    w = csv.writer(g, lineterminator="\r\n")
    w.writerow(names)
    for row in r:
        w.writerow([row["user_id"], row["arm"]] + [row[c] for c in r.fieldnames if c not in ("user_id", "arm")])

for name in ("orders.csv", "history.csv"):
    if not os.path.exists(f"{src}/{name}"):
        continue
    with open(f"{src}/{name}", encoding="utf-8-sig", newline="") as f, \
            open(f"{dst}/{name}", "w", encoding=enc, newline="") as g:
        w = csv.writer(g, lineterminator="\r\n")
        w.writerow(["订单号", "会员ID", "下单时间", "订单金额", "实付金额", "优惠金额", "门店"])
        for i, row in enumerate(csv.DictReader(f), 1):
            amount, discount = row["amount"], row.get("discount") or "0.00"
            paid = f"{round(float(amount) - float(discount), 2):.2f}"
            w.writerow([f"{name[0].upper()}{i:08d}", row["user_id"], slash_time(row["order_time"]),
                        amount, paid, discount, "门店1"])
