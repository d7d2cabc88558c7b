"""check_xlsx.py - summary.xlsx of a pack read back with openpyxl and held
against the pack's summary.json: the sheets and their order, every number
cell a number equal to its JSON value (to 1e-12 relative), null as an empty
cell, flags as booleans, reasons as in the JSON, strings from the data as
string cells (no formula anywhere in the file), legal and unique sheet
names, headers in the language asked for, arms by their label in Chinese.

usage: /usr/bin/python3 check_xlsx.py PACK en|zh COLUMN...   (the --by columns)
Prints one line per sheet; exits non-zero with the first difference.
"""
import json
import re
import sys
import zipfile

import openpyxl

pack, lang, by = sys.argv[1], sys.argv[2], sys.argv[3:]
zh = lang == "zh"
doc = json.load(open(f"{pack}/summary.json", encoding="utf-8"))
wb = openpyxl.load_workbook(f"{pack}/summary.xlsx")
fails = []


def fail(msg):
    fails.append(msg)
    if len(fails) >= 20:
        done()


def done():
    if fails:
        sys.exit("\n".join(fails))
    sys.exit(0)


def same(a, b):
    return a == b or abs(a - b) <= 1e-12 * max(abs(a), abs(b))


exp_name = doc["experiment"]["name"]
labels = {a["arm"]: a.get("label") for a in doc["arms"]}


def arm_shown(name):
    """How the workbook names arm `name`: by its label in Chinese."""
    if name is None:
        return None
    return labels.get(name) or name if zh else name


# ---- sheet names: the expected ones, legal, unique ignoring case ----
fixed = ["结论", "各组", "对比对照组", "两两对比"] if zh else ["decision", "arms", "effects", "pairs"]
if "economics" in doc:
    fixed.append("券的经济账" if zh else "economics")
names = wb.sheetnames
if names[: len(fixed)] != fixed:
    fail(f"sheets {names} do not start with {fixed}")
if len(names) != len(fixed) + len(by):
    fail(f"{len(names)} sheets, want {len(fixed)} + {len(by)} --by columns: {names}")
for n in names:
    units = len(n.encode("utf-16-le")) // 2
    if re.search(r"[\[\]:*?/\\]", n) or units > 31 or not n or n[0] == "'" or n[-1] == "'":
        fail(f"illegal sheet name {n!r}")
if len({n.casefold() for n in names}) != len(names):
    fail(f"sheet names not unique ignoring case: {names}")
# how a Chinese reader sees the segment columns uplift derives (format_words.c)
ZH_COLUMNS = {"rfm_segment": "RFM 分群", "lifecycle": "生命周期", "spend_level": "消费水平",
              "recency": "最近消费", "frequency": "消费频次", "monetary": "消费金额",
              "channel": "渠道"}


def column_shown(col):
    return ZH_COLUMNS.get(col, col) if zh and col else col


prefix = "分群-" if zh else "by "
for n, col in zip(names[len(fixed):], by):
    want = re.sub(r"[\[\]:*?/\\]", "_", prefix + column_shown(col))
    if not (n == want[:31] or (n[:-2] == want[: 31 - 2] and n[-2] == "~") or n.startswith(want[:25])):
        fail(f"sheet {n!r} is not named after --by {col!r}")


# ---- the cells ----
def header(ws):
    return [c.value for c in ws[1]]


def check_header(ws, keys):
    h = header(ws)
    if len(h) != len(keys):
        fail(f"{ws.title}: {len(h)} columns, want {len(keys)}: {h}")
    if not zh and h != keys:
        fail(f"{ws.title}: header {h}, want {keys}")
    if zh:
        for x in h:
            if not re.search(r"[\u4e00-\u9fff]", x or "") or re.search(r"[A-Za-z]{2,}", x or ""):
                fail(f"{ws.title}: header {x!r} is not Chinese")
    if not all(c.font.b for c in ws[1]):
        fail(f"{ws.title}: header row not bold")
    if ws.freeze_panes != "A2":
        fail(f"{ws.title}: header not frozen ({ws.freeze_panes})")
    if not ws.auto_filter.ref or not ws.auto_filter.ref.startswith("A1:"):
        fail(f"{ws.title}: no autofilter")


def cell_is(ws, cell, want, what):
    """cell against the JSON value want: number, bool, string or None."""
    v = cell.value
    where = f"{ws.title}!{cell.coordinate} ({what})"
    if want is None:
        if v is not None:
            fail(f"{where}: {v!r}, want an empty cell (null in the JSON)")
    elif isinstance(want, bool):
        if cell.data_type != "b" or v is not want:
            fail(f"{where}: {v!r} ({cell.data_type}), want {want}")
    elif isinstance(want, (int, float)):
        if cell.data_type != "n" or not isinstance(v, (int, float)) or isinstance(v, bool):
            fail(f"{where}: {v!r} is not a number cell ({cell.data_type})")
        elif not same(float(v), float(want)):
            fail(f"{where}: {v!r}, want {want!r}")
    elif what == "reason" and zh:
        # the JSON's English reason, in the Chinese book in Chinese words:
        # a string with Chinese in it and no English word outside `code`
        plain = re.sub(r"`[^`]*`", "", v) if isinstance(v, str) else ""
        if cell.data_type != "s" or not re.search(r"[\u4e00-\u9fff]", plain) \
                or re.search(r"[A-Za-z]{3,}", plain):
            fail(f"{where}: {v!r}, want {want!r} in Chinese words")
    else:
        if cell.data_type != "s" or v != want:
            fail(f"{where}: {v!r} ({cell.data_type}), want the string {want!r}")


def rows(ws):
    return list(ws.iter_rows(min_row=2))


STATS = ["n_control", "n_treatment", "control", "treatment", "diff", "diff_ci_low",
         "diff_ci_high", "lift", "lift_ci_low", "lift_ci_high", "p_value", "p_adjusted",
         "significant", "small", "chance_to_win", "expected_loss_treatment",
         "expected_loss_control", "tested", "reason"]
MONEY = "#,##0.00"


def metric_shown(m):
    if not zh:
        return m
    words = {"conversion": "转化率", "repurchase": "复购率", "revenue": "人均收入",
             "orders": "人均订单数", "discount": "人均券成本", "aov": "客单价",
             "amount": "人均折前金额", "redemption": "核销率", "profit": "人均毛利"}
    return words.get(m)  # None: a user metric, checked only as a string cell


def number_format(c, key):
    if key.startswith("lift") or key == "chance_to_win":
        return "0.0%"
    if key in ("p_value", "p_adjusted"):
        return "0.0000"
    if key in ("n_control", "n_treatment"):
        return "#,##0"
    return None


def comparison_sheet(ws, items, lead):
    """items: JSON comparisons; lead: the keys before STATS (after experiment)."""
    keys = ["experiment"] + lead + STATS
    check_header(ws, keys)
    got = rows(ws)
    if len(got) != len(items):
        fail(f"{ws.title}: {len(got)} rows, want {len(items)}")
    for r, c in zip(got, items):
        seg = c["segment"] or {}
        for cell, k in zip(r, keys):
            if k == "experiment":
                want = exp_name
            elif k == "segment_column":
                want = column_shown(seg.get("column"))
            elif k == "segment_value":
                want = seg.get("value")
            elif k in ("arm", "baseline"):
                want = arm_shown(c[k])
            elif k == "metric":
                want = metric_shown(c[k])
                if want is None:
                    continue
            elif k == "reason":
                want = c.get("reason") or c.get("cuped_note")
            else:
                want = c[k]
            cell_is(ws, cell, want, k)
            f = number_format(c, k)
            if f and cell.value is not None and cell.number_format != f:
                fail(f"{ws.title}!{cell.coordinate} ({k}): format {cell.number_format}, want {f}")
    print(f"{ws.title}: {len(got)} rows agree with summary.json")


# decision
dec = doc["decision"]
ws = wb[names[0]]
econ = {e["arm"]: e for e in doc.get("economics", []) if e["segment"] is None}
users = doc["data"]["users"]
keys = ["experiment", "metric", "ship", "leader", "runner_up", "leader_value", "runner_up_value",
        "diff", "diff_ci_low", "diff_ci_high", "clear", "why", "users_per_arm", "targeting",
        "incremental_profit", "incremental_profit_ci_low", "incremental_profit_ci_high",
        "test_users", "incremental_profit_total", "incremental_profit_total_ci_low",
        "incremental_profit_total_ci_high", "reason"]
check_header(ws, keys)
got = rows(ws)
if len(got) != 1:
    fail(f"{ws.title}: {len(got)} rows, want 1")
e = econ.get(dec["ship"] or dec["leader"])
for cell, k in zip(got[0], keys):
    if k == "experiment":
        want = exp_name
    elif k in ("ship", "leader", "runner_up"):
        want = arm_shown(dec[k])
    elif k == "metric":
        want = metric_shown(dec[k])
    elif k == "why":
        if not zh:
            cell_is(ws, cell, dec["why"], k)
        continue
    elif k.startswith("incremental_profit_total"):
        base = e and e["incremental_profit" + k[len("incremental_profit_total"):]]
        want = None if base is None else users * base
    elif k.startswith("incremental_profit"):
        want = e and e[k]
    elif k == "test_users":
        want = users
    elif k == "reason" and zh:  # the words of report.md's decision, not the JSON's English
        if cell.data_type != "s" or not re.search(r"[\u4e00-\u9fff]", cell.value or ""):
            fail(f"{ws.title}!{cell.coordinate}: the reason {cell.value!r} is not in Chinese")
        continue
    else:
        want = dec[k]
    cell_is(ws, cell, want, k)
print(f"{ws.title}: the decision agrees with summary.json")

# arms
ws = wb[names[1]]
keys = ["experiment", "arm", "label", "users", "metric", "value", "ci_low", "ci_high", "reason"]
check_header(ws, keys)
want_rows = [(a, m, v) for a in doc["arms"] for m, v in a["metrics"].items()]
got = rows(ws)
if len(got) != len(want_rows):
    fail(f"{ws.title}: {len(got)} rows, want {len(want_rows)}")
for r, (a, m, v) in zip(got, want_rows):
    for cell, k in zip(r, keys):
        want = {"experiment": exp_name, "arm": arm_shown(a["arm"]),
                "label": a["arm"] if zh else a.get("label"), "users": a["users"],
                "metric": metric_shown(m), "reason": v.get("reason")}.get(k, v.get(k))
        if k == "metric" and want is None:
            continue
        cell_is(ws, cell, want, k)
        if k == "value" and cell.value is not None and m in ("conversion", "repurchase") \
                and cell.number_format != "0.0%":
            fail(f"{ws.title}!{cell.coordinate}: a rate formatted {cell.number_format}")
        if k == "value" and cell.value is not None and m in ("revenue", "profit") \
                and cell.number_format != MONEY:
            fail(f"{ws.title}!{cell.coordinate}: money formatted {cell.number_format}")
print(f"{ws.title}: {len(got)} rows agree with summary.json")

comparison_sheet(wb[names[2]], [c for c in doc["comparisons"] if c["segment"] is None],
                 ["arm", "metric"])
comparison_sheet(wb[names[3]], doc["pairs"],
                 ["segment_column", "segment_value", "baseline", "arm", "metric"])

if "economics" in doc:
    ws = wb[names[4]]
    per = ["discount_per_user", "redemption_rate", "incremental_revenue",
           "incremental_revenue_ci_low", "incremental_revenue_ci_high", "incremental_profit",
           "incremental_profit_ci_low", "incremental_profit_ci_high",
           "cost_per_incremental_buyer", "cost_per_incremental_buyer_ci_low",
           "cost_per_incremental_buyer_ci_high"]
    tot = ["incremental_revenue", "incremental_revenue_ci_low", "incremental_revenue_ci_high",
           "incremental_profit", "incremental_profit_ci_low", "incremental_profit_ci_high"]
    keys = ["experiment", "arm"] + per + ["users", "coupon_cost_total", "test_users"] + \
        [k.replace("_ci", "_total_ci") if "_ci" in k else k + "_total" for k in tot] + ["reason"]
    check_header(ws, keys)
    items = [e for e in doc["economics"] if e["segment"] is None]
    arm_users = {a["arm"]: a["users"] for a in doc["arms"]}
    got = rows(ws)
    if len(got) != len(items):
        fail(f"{ws.title}: {len(got)} rows, want {len(items)}")
    for r, e in zip(got, items):
        want = [exp_name, arm_shown(e["arm"])] + [e[k] for k in per] + \
            [arm_users[e["arm"]],
             None if e["discount_per_user"] is None else arm_users[e["arm"]] * e["discount_per_user"],
             users] + [None if e[k] is None else users * e[k] for k in tot] + [e.get("reason")]
        for cell, k, w in zip(r, keys, want):
            cell_is(ws, cell, w, k)
            if w is not None and k not in ("experiment", "arm", "reason", "users", "test_users",
                                           "redemption_rate") and cell.number_format != MONEY:
                fail(f"{ws.title}!{cell.coordinate} ({k}): money formatted {cell.number_format}")
    print(f"{ws.title}: {len(got)} rows agree with summary.json")

for n, col in zip(names[len(fixed):], by):
    comparison_sheet(wb[n], [c for c in doc["comparisons"]
                             if c["segment"] and c["segment"]["column"] == col],
                     ["segment_value", "arm", "metric"])

# no formula anywhere: every cell of every sheet is a value
with zipfile.ZipFile(f"{pack}/summary.xlsx") as z:
    for name in z.namelist():
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            xml = z.read(name).decode("utf-8")
            if "<f>" in xml or "<f " in xml:
                fail(f"{name}: a formula cell")
for ws in wb.worksheets:
    for row in ws.iter_rows():
        for c in row:
            if c.data_type == "f":
                fail(f"{ws.title}!{c.coordinate}: a formula {c.value!r}")
done()
