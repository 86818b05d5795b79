"""Issue 12 shapes: which column is people, which rows are units, what a
cell holds (formulas, errors, "10.411 người"), and CSV read strictly."""

import csv
import datetime
import io
import os
import random
import shutil
import tempfile
from fractions import Fraction

from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from lib import (ALL, COMMUNES, DISTRICTS, HEAD, SCHEMES, SHORT, Col, Unit, case, check_units, code_col,
                 commune_codes, compute_args, compute_truth, count_cols, excelize, fail_truth, footer, grow,
                 header_rows, indicators, lo_csv, lo_number, make_units, name_col, new_book, nfd, note_col,
                 numbering_row, out, put, rate, save, soffice, standard_sheet, std_title, stt_col, sums,
                 title_block, total_row, trend_truth, unit_rows, vn, normalise_zip, gen_counts)

I = 12


def std_cols(extra_before=None, extra_after=None):
    return [stt_col(), name_col()] + count_cols(ALL) + [note_col()]


def insert_after(cols, header, new):
    i = next(i for i, c in enumerate(cols) if c.header == header)
    return cols[:i + 1] + new + cols[i + 1:]


def insert_before(cols, header, new):
    i = next(i for i, c in enumerate(cols) if c.header == header)
    return cols[:i] + new + cols[i:]


def book(name, units, period_text, cols, sheet="Báo cáo", **kw):
    wb = new_book()
    wb.active.title = sheet
    rows = standard_sheet(wb.active, units, period_text, cols=cols, **kw)
    save(wb, out(name))
    return rows


# ------------------------------------------------------------ employers, money

def employers():
    rng = random.Random(1201)
    units = make_units(rng, DISTRICTS[:9])
    for u in units:  # employers (đơn vị, doanh nghiệp), not people
        u.c["x_employers"] = rng.randint(20, 90)
        u.c["x_firms"] = rng.randint(15, 70)
    emp = Col("Số đơn vị tham gia BHXH bắt buộc", "x_employers")
    cols = insert_before(std_cols(), HEAD["bhxh_mandatory"], [emp])
    book("employers-before-people.xlsx", units, "Tháng 11 năm 2024", cols)
    check_units(out("employers-before-people.xlsx"), units, ALL)
    case("employers-before-people", I, compute_args("employers-before-people.xlsx"),
         compute_truth(units, period="2024-11", code=False))

    cols = insert_after(std_cols(), HEAD["bhxh_mandatory"], [emp])
    book("people-before-employers.xlsx", units, "Tháng 11 năm 2024", cols)
    check_units(out("people-before-employers.xlsx"), units, ALL)
    case("people-before-employers", I, compute_args("people-before-employers.xlsx"),
         compute_truth(units, period="2024-11", code=False))

    cols = insert_before(std_cols(), HEAD["bhtn"], [Col("Số doanh nghiệp tham gia BHTN", "x_firms")])
    book("employers-firms-bhtn.xlsx", units, "Tháng 11 năm 2024", cols)
    check_units(out("employers-firms-bhtn.xlsx"), units, ALL)
    case("employers-firms-bhtn", I, compute_args("employers-firms-bhtn.xlsx"),
         compute_truth(units, period="2024-11", code=False))


def money():
    rng = random.Random(1202)
    units = make_units(rng, DISTRICTS[5:14])
    for u in units:  # collected money, whole millions of đồng
        for k in SCHEMES:
            u.c["x_money_" + k] = u.c[k] * rng.randint(5, 30) // 10
    money_bhyt = Col("Số thu BHYT (triệu đồng)", "x_money_bhyt")

    cols = insert_before(std_cols(), HEAD["bhyt"], [money_bhyt])
    book("money-column-before.xlsx", units, "Tháng 10 năm 2024", cols)
    check_units(out("money-column-before.xlsx"), units, ALL)
    case("money-column-before", I, compute_args("money-column-before.xlsx"),
         compute_truth(units, period="2024-10", code=False))

    cols = insert_after(std_cols(), HEAD["bhyt"], [money_bhyt])
    book("money-column-after.xlsx", units, "Tháng 10 năm 2024", cols)
    check_units(out("money-column-after.xlsx"), units, ALL)
    case("money-column-after", I, compute_args("money-column-after.xlsx"),
         compute_truth(units, period="2024-10", code=False))

    keys = ["labour_force", "population", "bhxh_mandatory", "bhxh_voluntary", "bhtn"]
    cols = [stt_col(), name_col()] + count_cols(keys) + [money_bhyt, note_col()]
    book("money-only-bhyt.xlsx", units, "Tháng 10 năm 2024", cols)
    check_units(out("money-only-bhyt.xlsx"), units, keys)
    t = compute_truth(units, keys=keys, period="2024-10", code=False)
    for x in t["units"] + [t["total"]]:
        x["counts"]["bhyt"] = None
        x["indicators"]["bhyt"] = None
    case("money-only-bhyt", I, compute_args("money-only-bhyt.xlsx"), t)

    def group_book(name, first, second, period, title=None):
        cols = ([stt_col(), name_col(), Col(HEAD["labour_force"], "labour_force"), Col(HEAD["population"], "population")]
                + first + second + [note_col()])
        book(name, units, period, cols, title=title)
        check_units(out(name), units, ALL)

    def money_cols(group):
        return [Col(SHORT[k], "x_money_" + k, group=group) for k in SCHEMES]

    def people_cols():
        return [Col(SHORT[k], k, group="Số người tham gia") for k in SCHEMES]

    group_book("money-group-before.xlsx", money_cols("Số thu (triệu đồng)"), people_cols(), "Tháng 10 năm 2024")
    case("money-group-before", I, compute_args("money-group-before.xlsx"),
         compute_truth(units, period="2024-10", code=False))
    group_book("money-group-ket-qua-thu.xlsx", money_cols("Kết quả thu"), people_cols(), "Tháng 10 năm 2024",
               title=["BẢO HIỂM XÃ HỘI TỈNH TÂN HƯNG", "BÁO CÁO KẾT QUẢ THU VÀ PHÁT TRIỂN NGƯỜI THAM GIA",
                      "Tháng 10 năm 2024", "Đơn vị tính: số thu: triệu đồng; số người: người", None])
    case("money-group-ket-qua-thu", I, compute_args("money-group-ket-qua-thu.xlsx"),
         compute_truth(units, period="2024-10", code=False))
    group_book("money-group-after.xlsx", people_cols(), money_cols("Số thu (triệu đồng)"), "Tháng 10 năm 2024")
    case("money-group-after", I, compute_args("money-group-after.xlsx"),
         compute_truth(units, period="2024-10", code=False))


# ------------------------------------------------------------ breakdown columns

def breakdown_columns():
    rng = random.Random(1203)
    units = make_units(rng, DISTRICTS[8:17])
    for u in units:  # subgroups of the BHYT participants
        u.c["x_hgd"] = u.c["bhyt"] * rng.randint(18, 32) // 100
        u.c["x_hssv"] = u.c["bhyt"] * rng.randint(8, 15) // 100
        u.c["x_nsnn"] = u.c["bhyt"] * rng.randint(30, 45) // 100
    base = [stt_col(), name_col()] + count_cols(["labour_force", "population", "bhxh_mandatory", "bhxh_voluntary", "bhtn"])

    cols = base + [Col("BHYT hộ gia đình", "x_hgd"), Col("BHYT học sinh, sinh viên", "x_hssv"),
                   Col("Tổng số người tham gia BHYT", "bhyt"), note_col()]
    book("breakdown-before-total.xlsx", units, "Tháng 11 năm 2024", cols)
    check_units(out("breakdown-before-total.xlsx"), units, ALL)
    case("breakdown-before-total", I, compute_args("breakdown-before-total.xlsx"),
         compute_truth(units, period="2024-11", code=False))

    cols = base + [Col("Tổng số người tham gia BHYT", "bhyt"), Col("Trong đó: BHYT hộ gia đình", "x_hgd"),
                   Col("Trong đó: BHYT HSSV", "x_hssv"), note_col()]
    book("breakdown-after-total.xlsx", units, "Tháng 11 năm 2024", cols)
    case("breakdown-after-total", I, compute_args("breakdown-after-total.xlsx"),
         compute_truth(units, period="2024-11", code=False))

    g = "Số người tham gia BHYT"
    cols = base + [Col("NSNN đóng", "x_nsnn", group=g), Col("Hộ gia đình", "x_hgd", group=g),
                   Col("Tổng số", "bhyt", group=g), note_col()]
    book("breakdown-group-nsnn.xlsx", units, "Tháng 11 năm 2024", cols)
    check_units(out("breakdown-group-nsnn.xlsx"), units, ALL)
    case("breakdown-group-nsnn", I, compute_args("breakdown-group-nsnn.xlsx"),
         compute_truth(units, period="2024-11", code=False))


# ------------------------------------------------------------ date groups

def date_groups():
    rng = random.Random(1204)
    units = make_units(rng, DISTRICTS[:8])
    for u in units:
        u.prior = {k: u.c[k] - rng.randint(100, max(101, u.c[k] // 12)) for k in SCHEMES}
    cur, old = datetime.datetime(2024, 11, 25), datetime.datetime(2023, 11, 25)
    title = ["BẢO HIỂM XÃ HỘI TỈNH TÂN HƯNG", "BÁO CÁO SỐ NGƯỜI THAM GIA BHXH, BHYT, BHTN", "Đơn vị tính: người", None]

    def cols(first, second):
        out_ = [stt_col(), name_col(), Col(HEAD["labour_force"], "labour_force"), Col(HEAD["population"], "population")]
        for d in (first, second):
            for k in SCHEMES:
                val = k if d is cur else (lambda k: lambda u: u.prior[k])(k)
                out_.append(Col(SHORT[k], val, group=d))
        return out_ + [note_col()]

    t = compute_truth(units, period="2024-11", code=False)
    for ut, u in zip(t["units"] + [t["total"]], units + [None]):
        c = u.c if u else sums(units, ALL)
        p = u.prior if u else {k: sum(x.prior[k] for x in units) for k in SCHEMES}
        for ind, keys in [("bhxh", ["bhxh_mandatory", "bhxh_voluntary"]), ("bhtn", ["bhtn"]), ("bhyt", ["bhyt"])]:
            num, pr = sum(c[k] for k in keys), sum(p[k] for k in keys)
            ut["indicators"][ind].update({"prior": pr, "change": num - pr})
    for name, a, b in [("date-groups-current-first.xlsx", cur, old), ("date-groups-prior-first.xlsx", old, cur)]:
        wb = new_book()
        ws = wb.active
        ws.title = "Số liệu"
        cs = cols(a, b)
        r = title_block(ws, 1, title, len(cs))
        header_rows(ws, r, cs)
        for c in range(1, len(cs) + 1):
            if isinstance(ws.cell(row=r, column=c).value, datetime.datetime):
                ws.cell(row=r, column=c).number_format = "dd/mm/yyyy"
        r += 2
        r, _ = unit_rows(ws, r, cs, units)
        r = total_row(ws, r, cs, units)
        footer(ws, r, len(cs))
        save(wb, out(name))
        rows = check_units(out(name), units, ALL)
        if not any("25/11/2023" in c for row in rows for c in row):
            raise AssertionError(name + ": LibreOffice does not show the date group 25/11/2023")
        case(name[:-5], I, compute_args(name), t)


# ------------------------------------------------------------ hidden duplicate columns

def hidden_duplicates():
    rng = random.Random(1205)
    units = make_units(rng, COMMUNES[:11], commune_codes(rng, 11), big=False)
    for u in units:  # last month's figures, kept in hidden columns
        for k in SCHEMES:
            u.c["x_last_" + k] = u.c[k] - rng.randint(1, max(2, u.c[k] // 40))
    head = [stt_col(), code_col("Mã xã"), name_col("Tên đơn vị")] + count_cols(["labour_force", "population"])
    visible = count_cols(SCHEMES)
    hidden = [Col(HEAD[k], "x_last_" + k, hidden=True) for k in SCHEMES]
    book("hidden-duplicate-column.xlsx", units, "Tháng 11 năm 2025", head + hidden + visible + [note_col()])
    check_units(out("hidden-duplicate-column.xlsx"), units, ALL)
    case("hidden-duplicate-column", I, compute_args("hidden-duplicate-column.xlsx"),
         compute_truth(units, period="2025-11"))
    book("hidden-duplicate-after.xlsx", units, "Tháng 11 năm 2025", head + visible + hidden + [note_col()])
    case("hidden-duplicate-after", I, compute_args("hidden-duplicate-after.xlsx"),
         compute_truth(units, period="2025-11"))


# ------------------------------------------------------------ "Trong đó" rows

def trong_do_units(seed):
    """Six districts whose BHXH rate is exactly 17.31 % (shown), and four
    towns/communes inside two of them that would make it 18.69 % if they
    were counted again. Seeds are tried in turn until the figures fit (a
    town must hold fewer people than its district)."""
    while True:
        got = try_trong_do(random.Random(seed))
        if got:
            return got
        seed += 1000


def try_trong_do(rng):
    units = make_units(rng, ["Thành phố Đông Hà", "Huyện Cam Lộ Tây", "Huyện Gio Linh Hạ", "Huyện Hải Lăng Bắc",
                             "Huyện Triệu Phong Nam", "Huyện Vĩnh Linh Đông"])
    D = sum(u.c["labour_force"] for u in units)
    N = sum(u.c["bhxh_mandatory"] + u.c["bhxh_voluntary"] for u in units)
    want = next(n for n in range(D * 1720 // 10000, D * 1740 // 10000) if rate(n, D) == "17.31")
    fix = units[5]  # the last district's mandatory count takes the difference
    fix.c["bhxh_mandatory"] += want - N
    if not fix.c["bhtn"] < fix.c["bhxh_mandatory"] < fix.c["labour_force"]:
        return None
    N = want
    parents = {0: ["Thị trấn Đông Hà", "Xã Đông Lương"], 2: ["Thị trấn Gio Linh", "Xã Gio Mỹ"]}
    d = D // 10
    n = next(x for x in range(0, d) if rate(N + x, D + d) == "18.69")
    kids = {}
    shares = [0.3, 0.2, 0.3, 0.2]
    i, dl, nl = 0, d, n
    for p, names in parents.items():
        kids[p] = []
        for nm in names:
            last = i == 3
            lf = dl if last else int(d * shares[i])
            num = nl if last else int(n * shares[i])
            dl -= lf
            nl -= num
            bm = num * 85 // 100
            c = {"labour_force": lf, "population": lf * 17 // 10, "bhxh_mandatory": bm, "bhxh_voluntary": num - bm,
                 "bhtn": bm * 8 // 10, "bhyt": lf * 17 // 10 * 93 // 100}
            if any(v >= units[p].c[k] for k, v in c.items()):
                return None
            kids[p].append(Unit(nm, None, c))
            i += 1
    assert rate(sum(u.c["bhxh_mandatory"] + u.c["bhxh_voluntary"] for u in units),
                sum(u.c["labour_force"] for u in units)) == "17.31"
    allu = units + [k for ks in kids.values() for k in ks]
    assert rate(sum(u.c["bhxh_mandatory"] + u.c["bhxh_voluntary"] for u in allu),
                sum(u.c["labour_force"] for u in allu)) == "18.69"
    return units, kids


def trong_do_sheet(name, layout, total=True):
    units, kids = trong_do_units(1206)
    cols = [stt_col(), name_col()] + count_cols(ALL) + [note_col()]
    wb = new_book()
    ws = wb.active
    ws.title = "T11"
    r = title_block(ws, 1, std_title("Tháng 11 năm 2024", "BẢO HIỂM XÃ HỘI TỈNH QUẢNG TÂN"), len(cols))
    r = header_rows(ws, r, cols)
    r = numbering_row(ws, r, cols)

    def figures(row, u):
        for c, col in enumerate(cols, 1):
            if col.kind == "count":
                put(ws, row, c, col.value(u))

    for n, u in enumerate(units, 1):
        put(ws, r, 1, n)
        put(ws, r, 2, u.name)
        figures(r, u)
        r += 1
        ks = kids.get(n - 1, [])
        if not ks:
            continue
        if layout == "rows":
            put(ws, r, 2, "Trong đó:")
            r += 1
            for k in ks:
                put(ws, r, 2, "- " + k.name)
                figures(r, k)
                r += 1
        elif layout == "inline":
            put(ws, r, 2, "Trong đó: " + ks[0].name)
            figures(r, ks[0])
            r += 1
            for k in ks[1:]:
                put(ws, r, 2, "- " + k.name)
                figures(r, k)
                r += 1
        elif layout == "stt":
            put(ws, r, 1, "Trong đó")
            ws.merge_cells(start_row=r, start_column=1, end_row=r + len(ks) - 1, end_column=1)
            for k in ks:
                put(ws, r, 2, "+ " + k.name)
                figures(r, k)
                r += 1
    if total:
        r = total_row(ws, r, cols, units)
    footer(ws, r, len(cols))
    save(wb, out(name))
    check_units(out(name), units + [k for ks in kids.values() for k in ks], ALL)
    t = compute_truth(units, period="2024-11", code=False)
    assert t["total"]["indicators"]["bhxh"]["rate"] == "17.31"
    if total:
        t["issues_absent"] = ["total_mismatch"]
    case(name[:-5], I, compute_args(name), t)


def trong_do():
    trong_do_sheet("trong-do-rows.xlsx", "rows")
    trong_do_sheet("trong-do-inline.xlsx", "inline")
    trong_do_sheet("trong-do-stt-column.xlsx", "stt")
    trong_do_sheet("trong-do-no-total.xlsx", "rows", total=False)


# ------------------------------------------------------------ list markers

def bullets():
    rng = random.Random(1207)
    units = make_units(rng, COMMUNES[:10], big=False)

    def marked(fname, mark, names_nfd=False, stt=True):
        def label(u):
            return (nfd(mark(u)) if names_nfd else mark(u))
        cols = ([stt_col()] if stt else []) + [Col("Xã, phường, thị trấn", label, width=28, kind="name")] + count_cols(ALL) + [note_col()]
        book(fname, units, "Tháng 10 năm 2025", cols)
        check_units(out(fname), units, ALL)
        case(fname[:-5], I, compute_args(fname), compute_truth(units, period="2025-10", code=False))

    marked("bullets-dash.xlsx", lambda u: "- " + u.name)
    marked("bullets-plus.xlsx", lambda u: "+ " + u.name)
    marked("bullets-dot.xlsx", lambda u: "• " + u.name, names_nfd=True)
    numbered = [Unit(n, None, gen_counts(rng, False)) for n in
                ["Phường Cửu Long", "Phường 1", "Phường 12", "Xã Tân Phú 2", "Xã An Phú", "Phường 3",
                 "Xã Hòa Tiến", "Xã Kim Sơn", "Phường 10", "Xã Long Hưng", "Xã Đồng Tâm"]]
    idx = {u.name: i for i, u in enumerate(numbered, 1)}
    cols = [Col("Tên đơn vị", lambda u: "%d. %s" % (idx[u.name], u.name) if u.name in idx else u.name, width=28,
                kind="name")] + count_cols(ALL) + [note_col()]
    book("bullets-numbered.xlsx", numbered, "Tháng 10 năm 2025", cols)
    check_units(out("bullets-numbered.xlsx"), numbered, ALL)
    case("bullets-numbered", I, compute_args("bullets-numbered.xlsx"),
         compute_truth(numbered, period="2025-10", code=False))

    # two months: plain names, then the same units as a "- " list
    s10, s11 = grow(rng, units, 2)
    book("bullets-trend-2025-10.xlsx", s10, "Tháng 10 năm 2025", None, sheet="T10")
    cols = [stt_col(), Col("Xã, phường, thị trấn", lambda u: "- " + u.name, width=28, kind="name")] + count_cols(ALL) + [note_col()]
    book("bullets-trend-2025-11.xlsx", s11, "Tháng 11 năm 2025", cols, sheet="T11")
    check_units(out("bullets-trend-2025-11.xlsx"), s11, ALL)
    case("bullets-trend", I, ["trend", "--format", "json", "{dir}/bullets-trend-2025-10.xlsx",
                              "{dir}/bullets-trend-2025-11.xlsx"],
         trend_truth([s10, s11], ["2025-10", "2025-11"]))


# ------------------------------------------------------------ vertical merges

def parent_column_merged():
    rng = random.Random(1208)
    groups = [("Huyện Bắc", ["Xã Bắc Sơn", "Xã Bắc Hà", "Thị trấn Bắc Yên", "Xã Bắc Lý"]),
              ("Huyện Nam", ["Xã Nam Sơn", "Xã Nam Hà", "Thị trấn Nam Giang"]),
              ("Huyện Trung", ["Xã Trung Sơn", "Xã Trung Hà", "Xã Trung Lập", "Thị trấn Trung Phước"])]
    units = []
    wb = new_book()
    ws = wb.active
    ws.title = "Xã phường"
    cols = [stt_col(), Col("Huyện", lambda u: None, kind="other", width=14),
            name_col("Xã, phường, thị trấn")] + count_cols(ALL) + [note_col()]
    r = title_block(ws, 1, std_title("Tháng 6 năm 2025", "BẢO HIỂM XÃ HỘI TỈNH TÂN HƯNG"), len(cols))
    r = header_rows(ws, r, cols)
    r = numbering_row(ws, r, cols)
    stt = 1
    for parent, names in groups:
        us = make_units(rng, names, big=False)
        _, _ = unit_rows(ws, r, cols, us, first_stt=stt)
        put(ws, r, 2, parent).alignment = Alignment(vertical="center")
        ws.merge_cells(start_row=r, start_column=2, end_row=r + len(us) - 1, end_column=2)
        r += len(us)
        stt += len(us)
        units += us
    r = total_row(ws, r, cols, units)
    footer(ws, r, len(cols))
    save(wb, out("parent-column-merged.xlsx"))
    check_units(out("parent-column-merged.xlsx"), units, ALL)
    case("parent-column-merged", I, compute_args("parent-column-merged.xlsx"),
         compute_truth(units, period="2025-06", code=False))
    case("parent-column-merged-inspect", I, ["inspect", "--format", "json", "{dir}/parent-column-merged.xlsx"],
         {"inputs": [{"units": [{"name": u.name} for u in units]}]})


def unit_name_two_rows():
    rng = random.Random(1209)
    units = make_units(rng, DISTRICTS[3:10])
    women = {u.name: {k: v * rng.randint(44, 52) // 100 for k, v in u.c.items()} for u in units}
    cols = [stt_col(), name_col(), Col("Nội dung", lambda u: None, kind="other", width=14)] + count_cols(ALL)
    wb = new_book()
    ws = wb.active
    ws.title = "Báo cáo"
    r = title_block(ws, 1, std_title("Tháng 5 năm 2025"), len(cols))
    r = header_rows(ws, r, cols)
    r = numbering_row(ws, r, cols)
    for n, u in enumerate(units + [Unit("Tổng cộng", None, sums(units, ALL))], 1):
        w = women.get(u.name) or {k: sum(women[x.name][k] for x in units) for k in ALL}
        put(ws, r, 1, n if u.name != "Tổng cộng" else None)
        put(ws, r, 2, u.name).alignment = Alignment(vertical="center")
        ws.merge_cells(start_row=r, start_column=1, end_row=r + 1, end_column=1)
        ws.merge_cells(start_row=r, start_column=2, end_row=r + 1, end_column=2)
        put(ws, r, 3, "Tổng số")
        put(ws, r + 1, 3, "Trong đó: nữ")
        for i, k in enumerate(ALL):
            put(ws, r, 4 + i, u.c[k])
            put(ws, r + 1, 4 + i, w[k])
        r += 2
    footer(ws, r, len(cols))
    save(wb, out("unit-name-two-rows.xlsx"))
    check_units(out("unit-name-two-rows.xlsx"), units, ALL)
    case("unit-name-two-rows", I, compute_args("unit-name-two-rows.xlsx"),
         compute_truth(units, period="2025-05", code=False))


# ------------------------------------------------------------ Ea Kar / EaKar

def ea_kar():
    rng = random.Random(1210)
    names = ["Thị trấn Ea Kar", "Xã Ea Đar", "Xã Cư Huê", "Xã Ea Kar", "Xã Ea Kmút", "Xã Cư Ni", "Xã Ea Păl"]
    units = make_units(rng, names, big=False)
    dup = units[3].copy(name="Xã EaKar")
    dup.c = gen_counts(rng, False)
    rows = book("ea-kar-duplicate.xlsx", units[:6] + [dup] + units[6:], "Tháng 10 năm 2025",
                [stt_col(), name_col("Xã, thị trấn")] + count_cols(ALL) + [note_col()], total=False)
    case("ea-kar-duplicate", I, compute_args("ea-kar-duplicate.xlsx"),
         fail_truth("ea-kar-duplicate.xlsx", "B%d" % rows["Xã Ea Kar"], "B%d" % rows["Xã EaKar"]))

    s9, s10 = grow(rng, units, 2)
    book("ea-kar-trend-2025-09.xlsx", s9, "Tháng 9 năm 2025", None, sheet="T9")
    s10b = [u.copy(name="Xã EaKar") if u.name == "Xã Ea Kar" else u for u in s10]
    book("ea-kar-trend-2025-10.xlsx", s10b, "Tháng 10 năm 2025", None, sheet="T10")
    t = trend_truth([s9, s10], ["2025-09", "2025-10"])
    for ind in t["indicators"].values():
        for u in ind["units"]:
            if u["name"] == "Xã Ea Kar":
                u["name"] = "Xã EaKar"  # the latest month's spelling
    case("ea-kar-trend", I, ["trend", "--format", "json", "{dir}/ea-kar-trend-2025-09.xlsx",
                             "{dir}/ea-kar-trend-2025-10.xlsx"], t)


# ------------------------------------------------------------ formulas

def shared_formula():
    rng = random.Random(1211)
    codes = commune_codes(rng, 10)
    units = make_units(rng, COMMUNES[14:24], codes, big=False)
    rep = [["A1", "BẢO HIỂM XÃ HỘI HUYỆN ĐÔNG SƠN"], ["A2", "BÁO CÁO SỐ NGƯỜI THAM GIA BHYT"],
           ["A3", "Tháng 10 năm 2025"],
           ["A5", "STT"], ["B5", "Mã xã"], ["C5", "Tên đơn vị"], ["D5", "Dân số"], ["E5", "Số người tham gia BHYT"]]
    data = [["A1", "Mã xã"], ["B1", "Dân số trung bình"], ["C1", "Số thẻ BHYT"]]
    for i, u in enumerate(units):
        r = 6 + i
        rep += [["A%d" % r, i + 1], ["B%d" % r, u.code], ["C%d" % r, u.name]]
        data += [["A%d" % (2 + i), u.code], ["B%d" % (2 + i), u.c["population"]], ["C%d" % (2 + i), u.c["bhyt"]]]
    last = 6 + len(units) - 1
    rep += [["C%d" % (last + 1), "Tổng cộng"]]
    spec = {"sheets": [
        {"name": "Báo cáo", "cells": rep,
         "formulas": [{"ref": "D6", "f": "Data!B2", "shared": "D6:D%d" % last},
                      {"ref": "E6", "f": "Data!C2", "shared": "E6:E%d" % last},
                      {"ref": "D%d" % (last + 1), "f": "SUM(D6:D%d)" % last},
                      {"ref": "E%d" % (last + 1), "f": "SUM(E6:E%d)" % last}],
         "merges": [["A1", "E1"], ["A2", "E2"], ["A3", "E3"]], "widths": {"C": 24}},
        {"name": "Data", "cells": data}]}
    excelize(spec, out("shared-formula-other-sheet.xlsx"))
    check_units(out("shared-formula-other-sheet.xlsx"), units, ["population", "bhyt"])
    case("shared-formula-other-sheet", I, compute_args("shared-formula-other-sheet.xlsx"),
         compute_truth(units, keys=["population", "bhyt"], which=["bhyt"], period="2025-10"))


def formula_errors():
    rng = random.Random(1212)
    units = make_units(rng, DISTRICTS[:8])
    # =SUM(#REF!)+5502: a row whose source sheet was deleted
    wb = new_book()
    ws = wb.active
    ws.title = "T10"
    rows = standard_sheet(ws, units, "Tháng 10 năm 2025")
    victim = units[4]
    ref = "G%d" % rows[victim.name]  # STT, Đơn vị, LLLĐ, Dân số, BB, TN, BHTN
    ws[ref] = "=SUM(#REF!)+5502"
    save(wb, out("ref-error-sum.xlsx"))
    shown = lo_csv(out("ref-error-sum.xlsx"))
    if not any("#REF!" in c for row in shown for c in row):
        raise AssertionError("LibreOffice does not show #REF! in ref-error-sum.xlsx")
    case("ref-error-sum", I, compute_args("ref-error-sum.xlsx"), fail_truth("ref-error-sum.xlsx", "T10!" + ref, "#REF!"))

    # =OFFSET(H8,-1,0)-9459 in H8: the running-difference idiom, not circular
    units = make_units(rng, DISTRICTS[8:15])
    units[2].c["bhyt"] = units[1].c["bhyt"] - 9459
    assert 0 < units[2].c["bhyt"] <= units[2].c["population"]
    wb = new_book()
    ws = wb.active
    ws.title = "BHYT"
    cols = [stt_col(), name_col()] + count_cols(ALL)
    r = title_block(ws, 1, ["BÁO CÁO SỐ NGƯỜI THAM GIA BHXH, BHYT", "Tháng 10 năm 2025", None], len(cols))
    r = header_rows(ws, r + 1, cols)
    assert r == 6
    r, rows = unit_rows(ws, r, cols, units)
    assert rows[units[2].name] == 8
    ws["H8"] = "=OFFSET(H8,-1,0)-9459"
    total_row(ws, r, cols, units)
    save(wb, out("offset-formula.xlsx"))
    check_units(out("offset-formula.xlsx"), units, ALL)
    case("offset-formula", I, compute_args("offset-formula.xlsx"), compute_truth(units, period="2025-10", code=False))


def formula_text():
    rng = random.Random(1213)
    codes = commune_codes(rng, 9)
    units = make_units(rng, COMMUNES[:9], codes, big=False)

    # headers typed as formulas linking to a list of indicators
    wb = new_book()
    ws = wb.active
    ws.title = "Báo cáo"
    dm = wb.create_sheet("Danh mục chỉ tiêu")
    put(dm, 1, 1, "Danh mục chỉ tiêu báo cáo", bold=True)
    for i, k in enumerate(ALL):
        put(dm, 2 + i, 1, HEAD[k])
    cols = [stt_col(), code_col("Mã xã"), name_col("Tên đơn vị")] + count_cols(ALL) + [note_col()]
    rows = standard_sheet(ws, units, "Tháng 10 năm 2025", cols=cols)
    hr = min(rows.values()) - 2  # header row (a numbering row follows it)
    for i, k in enumerate(ALL):
        c = ws.cell(row=hr, column=4 + i)
        assert c.value == HEAD[k], (c.value, hr)
        c.value = "='Danh mục chỉ tiêu'!A%d" % (2 + i)
    save(wb, out("header-formula.xlsx"))
    check_units(out("header-formula.xlsx"), units, ALL)
    case("header-formula", I, compute_args("header-formula.xlsx"), compute_truth(units, period="2025-10"))

    # unit names typed as formulas linking to the list of communes
    def names_book(path):
        wb = new_book()
        ws = wb.active
        ws.title = "Báo cáo"
        dm = wb.create_sheet("DM xã")
        put(dm, 1, 1, "Mã xã", bold=True)
        put(dm, 1, 2, "Tên xã", bold=True)
        for i, u in enumerate(units):
            put(dm, 2 + i, 1, u.code)
            put(dm, 2 + i, 2, u.name)
        rows = standard_sheet(ws, units, "Tháng 10 năm 2025", cols=cols)
        for i, u in enumerate(units):
            c = ws.cell(row=rows[u.name], column=3)
            assert c.value == u.name
            c.value = "='DM xã'!B%d" % (2 + i)
        save(wb, path)

    names_book(out("unit-name-formula.xlsx"))
    check_units(out("unit-name-formula.xlsx"), units, ALL)
    case("unit-name-formula", I, compute_args("unit-name-formula.xlsx"), compute_truth(units, period="2025-10"))

    tmp = tempfile.mkdtemp(prefix="shapes-f-")
    names_book(os.path.join(tmp, "unit-name-formula-cached.xlsx"))
    p = soffice(os.path.join(tmp, "unit-name-formula-cached.xlsx"), "xlsx", out(""), "unit-name-formula-cached")
    normalise_zip(p)
    shutil.rmtree(tmp)
    check_units(p, units, ALL)
    case("unit-name-formula-cached", I, compute_args("unit-name-formula-cached.xlsx"),
         compute_truth(units, period="2025-10"))


def cached_lookup():
    rng = random.Random(1214)
    codes = commune_codes(rng, 10)
    units = make_units(rng, COMMUNES[10:20], codes, big=False)
    tmp = tempfile.mkdtemp(prefix="shapes-na-")

    def make(name, missing):
        wb = new_book()
        ws = wb.active
        ws.title = "Tổng hợp"
        src = wb.create_sheet("Số liệu BHYT")
        put(src, 1, 1, "Mã xã", bold=True)
        put(src, 1, 2, "Số thẻ BHYT còn hạn", bold=True)
        r = 2
        for u in units:
            if u is missing:
                continue
            put(src, r, 1, u.code)
            put(src, r, 2, u.c["bhyt"])
            r += 1
        cols = [stt_col(), code_col("Mã xã"), name_col("Tên đơn vị")] + count_cols(ALL) + [note_col()]
        rows = standard_sheet(ws, units, "Tháng 9 năm 2025", cols=cols)
        first, last = min(rows.values()), max(rows.values())
        for u in units:
            rr = rows[u.name]
            ws["I%d" % rr] = "=VLOOKUP(B%d,'Số liệu BHYT'!$A$2:$B$30,2,0)" % rr
        ws["I%d" % (last + 1)] = "=SUM(I%d:I%d)" % (first, last)
        p = os.path.join(tmp, name)
        save(wb, p)
        dst = soffice(p, "xlsx", out(""), name[:-5])
        normalise_zip(dst)
        return dst, rows

    dst, rows = make("cached-na.xlsx", units[6])
    shown = lo_csv(dst)
    if not any("#N/A" in c for row in shown for c in row):
        raise AssertionError("LibreOffice does not show #N/A in cached-na.xlsx")
    cell = "I%d" % rows[units[6].name]
    case("cached-na", I, compute_args("cached-na.xlsx"), fail_truth("cached-na.xlsx", "Tổng hợp!" + cell, "error #N/A"))

    dst, _ = make("cached-vlookup.xlsx", None)
    check_units(dst, units, ALL)
    case("cached-vlookup", I, compute_args("cached-vlookup.xlsx"), compute_truth(units, period="2025-09"))
    shutil.rmtree(tmp)


def unit_word():
    rng = random.Random(1215)
    units = make_units(rng, COMMUNES[18:27], commune_codes(rng, 9), big=False)
    styles = [lambda n: vn(n) + " người", lambda n: "{:,}".format(n).replace(",", " ") + " người",
              lambda n: "{:,}".format(n).replace(",", "\u00a0") + " người"]

    def col(k, i):
        return Col(HEAD[k].replace(" (người)", ""), lambda u: styles[(i + u.stt) % 3](u.c[k]))

    cols = [stt_col(), code_col("Mã xã"), name_col("Tên đơn vị")] + [col(k, i) for i, k in enumerate(ALL)] + [note_col()]
    wb = new_book()
    wb.active.title = "Báo cáo"
    r = title_block(wb.active, 1, std_title("Tháng 8 năm 2025", "ỦY BAN NHÂN DÂN HUYỆN ĐÔNG SƠN"), len(cols))
    r = header_rows(wb.active, r, cols)
    unit_rows(wb.active, r, cols, units)
    save(wb, out("count-with-unit-word.xlsx"))
    check_units(out("count-with-unit-word.xlsx"), units, ALL)
    case("count-with-unit-word", I, compute_args("count-with-unit-word.xlsx"),
         compute_truth(units, period="2025-08", total=True))


# ------------------------------------------------------------ CSV

def csv_lines(units, sep=";", title=True, header=None, quote_all=False):
    """Excel's CSV export of the everyday table: title rows padded with
    separators, the header, units, the total."""
    width = 9
    heads = header or (["STT", "Đơn vị"] + [HEAD[k] for k in ALL] + ["Ghi chú"])
    lines = []
    if title:
        lines.append("BÁO CÁO SỐ NGƯỜI THAM GIA BHXH" + sep * (width - 1))
        lines.append("Tháng 10 năm 2025" + sep * (width - 1))
    lines.append(sep.join(heads))
    for n, u in enumerate(units, 1):
        lines.append(sep.join([str(n), u.name] + [vn(u.c[k]) for k in ALL] + [getattr(u, "note", "")]))
    tot = sums(units, ALL)
    lines.append(sep.join(["", "Tổng cộng"] + [vn(tot[k]) for k in ALL] + [""]))
    return lines


def write_csv(name, lines, eol="\r\n", bom=True):
    data = eol.join(lines) + eol
    with open(out(name), "wb") as f:
        f.write((b"\xef\xbb\xbf" if bom else b"") + data.encode("utf-8"))


def csvs():
    rng = random.Random(1216)
    units = make_units(rng, ["Xã An Phú", "Xã Tân Phú", "Phường Cửu Long", "Xã Đông Lương", "Thị trấn Đông Hà"], big=False)
    ok = compute_truth(units, period="2025-10", code=False)

    # a name opened with a quote that never closes (line 5 = the second unit)
    lines = csv_lines(units)
    lines[4] = lines[4].replace(";Xã Tân Phú;", ';"Xã Tân Phú;')
    write_csv("csv-unclosed-quote.csv", lines)
    case("csv-unclosed-quote", I, compute_args("csv-unclosed-quote.csv"),
         fail_truth("csv-unclosed-quote.csv", "line 5"))

    # a stray quote opening the "Ghi chú" of the third unit (line 6)
    units[2].note = '"Chưa đối chiếu, chờ số liệu tháng 10'
    lines = csv_lines(units)
    units[2].note = ""
    write_csv("csv-stray-quote-ghi-chu.csv", lines)
    case("csv-stray-quote-ghi-chu", I, compute_args("csv-stray-quote-ghi-chu.csv"),
         fail_truth("csv-stray-quote-ghi-chu.csv", "line 6"))

    # a quote inside a note (not at its start) is a character, as Excel reads it
    units[1].note = 'Số liệu "tạm tính'
    lines = csv_lines(units)
    units[1].note = ""
    write_csv("csv-quote-inside-field.csv", lines)
    check_csv(out("csv-quote-inside-field.csv"), ";", units)
    case("csv-quote-inside-field", I, compute_args("csv-quote-inside-field.csv"), ok)

    # a quote opened on line 5 that closes on line 7: three rows glued
    lines = csv_lines(units)
    lines[4] = lines[4].replace(";Xã Tân Phú;", ';"Xã Tân Phú;')
    lines[6] = lines[6] + 'tạm tính"'
    write_csv("csv-quote-closes-later.csv", lines)
    case("csv-quote-closes-later", I, compute_args("csv-quote-closes-later.csv"),
         fail_truth("csv-quote-closes-later.csv", "line 5"))

    # headers typed with Alt+Enter: quoted, a line break inside
    heads = ["STT", "Đơn vị", '"Lực lượng lao động\ntrong độ tuổi"', "Dân số", '"Số người tham gia\nBHXH bắt buộc"',
             '"Số người tham gia\nBHXH tự nguyện"', '"Số người tham gia\nBHTN"', '"Số người tham gia\nBHYT"', "Ghi chú"]
    write_csv("csv-multiline-header.csv", csv_lines(units, header=heads))
    check_csv(out("csv-multiline-header.csv"), ";", units)
    case("csv-multiline-header", I, compute_args("csv-multiline-header.csv"), ok)

    # a title line full of commas (no separators at all) above a ';' table
    lines = csv_lines(units, title=False)
    lines = ["BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT, BHTN, BHXH TỰ NGUYỆN",
             "Tháng 10 năm 2025, đơn vị tính: người, số liệu đến ngày 25"] + lines
    write_csv("csv-title-commas.csv", lines)
    check_csv(out("csv-title-commas.csv"), ";", units)
    case("csv-title-commas", I, compute_args("csv-title-commas.csv"), ok)

    # CR-only line ends (Excel for Mac's "CSV (Macintosh)"), text in NFD as macOS writes it
    lines = [nfd(x) for x in csv_lines(units, sep=",")]
    write_csv("csv-cr-only.csv", lines, eol="\r", bom=False)
    check_csv(out("csv-cr-only.csv"), ",", units)
    case("csv-cr-only", I, compute_args("csv-cr-only.csv"), ok)

    # comma separated, English thousands quoted ("29,024") beside Vietnamese ones (29.024)
    lines = csv_lines(units, sep=",")
    for i in range(3, 3 + len(units), 2):
        f = lines[i].split(",")
        f[2] = '"{:,}"'.format(units[i - 3].c["labour_force"])
        f[3] = '"{:,}"'.format(units[i - 3].c["population"])
        lines[i] = ",".join(f)
    write_csv("csv-comma-quoted-thousands.csv", lines)
    check_csv(out("csv-comma-quoted-thousands.csv"), ",", units)
    case("csv-comma-quoted-thousands", I, compute_args("csv-comma-quoted-thousands.csv"), ok)


def check_csv(path, sep, units):
    """Python's own csv module (a parser apart from bhxh's) reads each
    unit's row with its figures."""
    raw = open(path, "rb").read().decode("utf-8-sig")
    import unicodedata
    rows = list(csv.reader(io.StringIO(raw.replace("\r\n", "\n").replace("\r", "\n")), delimiter=sep))
    for u in units:
        row = next(r for r in rows if len(r) > 1 and unicodedata.normalize("NFC", r[1]) == u.name)
        nums = [lo_number(c) for c in row[2:8]]
        if nums != [u.c[k] for k in ALL]:
            raise AssertionError("%s: %s reads %r" % (path, u.name, nums))


def build():
    employers()
    money()
    breakdown_columns()
    date_groups()
    hidden_duplicates()
    trong_do()
    bullets()
    parent_column_merged()
    unit_name_two_rows()
    ea_kar()
    shared_formula()
    formula_errors()
    formula_text()
    cached_lookup()
    unit_word()
    csvs()
