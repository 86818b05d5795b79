"""Issue 11 shapes: which sheet, which block, which orientation, which
format (.ods/.fods), and bhxh's own reports fed back."""

import os
import random
import re
import shutil
import tempfile
import unicodedata
import zipfile
from fractions import Fraction

from openpyxl.styles import Alignment

from lib import (ALL, DISTRICTS, COMMUNES, HEAD, SHORT, SCHEMES, Col, Unit, bhxh, case, check_units,
                 code_col, commune_codes, compute_args, compute_truth, fail_truth, footer, grow,
                 header_rows, indicators, lo_csv, make_units, name_col, new_book, nfd, note_col,
                 numbering_row, out, put, rate, save, soffice, standard_sheet, std_title, stt_col,
                 title_block, total_row, trend_truth, unit_rows, unit_truth, count_cols, vn, sums,
                 normalise_zip)

I = 11


def visible_tabs(wb, active):
    wb.active = active
    for i, ws in enumerate(wb.worksheets):
        ws.sheet_view.tabSelected = i == active


# ------------------------------------------------------------ hidden sheets

def hidden_first():
    rng = random.Random(1101)
    t10, t11 = grow(rng, make_units(rng, DISTRICTS[:8]), 2)
    wb = new_book()
    old = wb.active
    old.title = "T10 (cũ)"
    standard_sheet(old, t10, "Tháng 10 năm 2024")
    old.sheet_state = "hidden"
    standard_sheet(wb.create_sheet("T11"), t11, "Tháng 11 năm 2024")
    visible_tabs(wb, 1)
    save(wb, out("old-month-first.xlsx"))
    check_units(out("old-month-first.xlsx"), t11, ALL, sheet=2)
    check_units(out("old-month-first.xlsx"), t10, ALL, sheet=1)
    case("hidden-first", I, compute_args("old-month-first.xlsx"), compute_truth(t11, period="2024-11", sheet="T11"))
    case("hidden-sheet-named", I, compute_args("old-month-first.xlsx", "--sheet", "T10 (cũ)"),
         compute_truth(t10, period="2024-10", sheet="T10 (cũ)"))
    case("hidden-first-inspect", I, ["inspect", "{dir}/old-month-first.xlsx"],
         {"stdout_contains": ["T10 (cũ)", "T11", "hidden", "skipped"]})

    xls = soffice(out("old-month-first.xlsx"), "xls", out(""), "old-month-first")
    check_units(xls, t11, ALL, sheet=2)
    case("hidden-first-xls", I, compute_args("old-month-first.xls"), compute_truth(t11, period="2024-11", sheet="T11"))


def veryhidden_first():
    rng = random.Random(1102)
    t11, t12 = grow(rng, make_units(rng, DISTRICTS[4:12]), 2)
    wb = new_book()
    draft = wb.active
    draft.title = "Nháp T12"
    standard_sheet(draft, t12, "Tháng 12 năm 2024")
    draft.sheet_state = "veryHidden"
    standard_sheet(wb.create_sheet("T11"), t11, "Tháng 11 năm 2024")
    visible_tabs(wb, 1)
    save(wb, out("draft-first.xlsx"))
    check_units(out("draft-first.xlsx"), t11, ALL, sheet=2)
    case("veryhidden-first", I, compute_args("draft-first.xlsx"),
         compute_truth(t11, period="2024-11", sheet="T11"))

    # LibreOffice writes every hidden sheet of a .xls as "hidden"; Excel
    # writes 2 (very hidden) in the BOUNDSHEET record: set that byte.
    xls = soffice(out("draft-first.xlsx"), "xls", out(""), "draft-first")
    set_xls_sheet_state(xls, "Nháp T12", 2)
    check_units(xls, t11, ALL, sheet=2)
    case("veryhidden-first-xls", I, compute_args("draft-first.xls"),
         compute_truth(t11, period="2024-11", sheet="T11"))


def set_xls_sheet_state(path, name, state):
    data = bytearray(open(path, "rb").read())
    enc = name.encode("latin-1")
    # BOUNDSHEET: 85 00, length, lbPlyPos(4), hsState, dt, cch, flags(0 = compressed), name
    pat = re.compile(re.escape(b"\x85\x00") + b"..(....)(.)\x00" + bytes([len(enc), 0]) + re.escape(enc), re.S)
    hits = list(pat.finditer(bytes(data)))
    if len(hits) != 1:
        raise RuntimeError("BOUNDSHEET of %r found %d times in %s" % (name, len(hits), path))
    data[hits[0].start(2)] = state
    open(path, "wb").write(bytes(data))


# ------------------------------------------------------------ example tables

def instructions_example():
    rng = random.Random(1103)
    codes = commune_codes(rng, 12)
    units = make_units(rng, COMMUNES[:12], codes, big=False)
    wb = new_book()
    hd = wb.active
    hd.title = "Hướng dẫn"
    lines = ["HƯỚNG DẪN ĐIỀN BIỂU BÁO CÁO",
             "1. Mỗi xã, phường, thị trấn điền một dòng; không thêm, bớt cột.",
             "2. Số liệu tính đến ngày 25 hằng tháng; đơn vị tính: người.",
             "3. Lực lượng lao động lấy theo số liệu của Cục Thống kê.",
             "4. Gửi về BHXH tỉnh trước ngày 28 hằng tháng.",
             None, "Ví dụ:"]
    for r, line in enumerate(lines, 1):
        if line:
            put(hd, r, 1, line, bold=(r == 1))
    cols = [stt_col(), code_col("Mã xã"), name_col("Tên đơn vị")] + count_cols(ALL)
    header_rows(hd, 9, cols)
    sample = Unit("Xã Mẫu", "00001", {"labour_force": 5000, "population": 9000, "bhxh_mandatory": 600,
                                       "bhxh_voluntary": 150, "bhtn": 500, "bhyt": 8500})
    unit_rows(hd, 10, cols, [sample])
    data = wb.create_sheet("Số liệu")
    standard_sheet(data, units, "Tháng 10 năm 2025", cols=cols + [note_col()],
                   title=["ỦY BAN NHÂN DÂN HUYỆN ĐÔNG SƠN", "BÁO CÁO SỐ NGƯỜI THAM GIA BHXH, BHYT",
                          "Tháng 10 năm 2025", None])
    visible_tabs(wb, 0)
    save(wb, out("instructions-example.xlsx"))
    check_units(out("instructions-example.xlsx"), units, ALL, sheet=2)
    case("instructions-example", I, compute_args("instructions-example.xlsx"),
         dict(compute_truth(units, period="2025-10", sheet="Số liệu"), stderr_contains=["Hướng dẫn", "--sheet"]))
    case("instructions-example-inspect", I, ["inspect", "{dir}/instructions-example.xlsx"],
         {"stdout_contains": ["Hướng dẫn", "Số liệu", "skipped"]})


def example_sheet_fewer_rows():
    rng = random.Random(1104)
    units = make_units(rng, COMMUNES[12:27], big=False)
    wb = new_book()
    ex = wb.active
    ex.title = "Mẫu biểu"
    examples = [Unit("Xã A", None, {"labour_force": 1000, "population": 1800, "bhxh_mandatory": 120,
                                    "bhxh_voluntary": 30, "bhtn": 100, "bhyt": 1700}),
                Unit("Xã B", None, {"labour_force": 2000, "population": 3500, "bhxh_mandatory": 300,
                                    "bhxh_voluntary": 40, "bhtn": 250, "bhyt": 3300})]
    standard_sheet(ex, examples, None, title=["MẪU BIỂU (ví dụ cách điền, không gửi sheet này)", None], foot=False)
    standard_sheet(wb.create_sheet("Báo cáo"), units, "Tháng 9 năm 2025")
    visible_tabs(wb, 1)
    save(wb, out("example-sheet-fewer-rows.xlsx"))
    check_units(out("example-sheet-fewer-rows.xlsx"), units, ALL, sheet=2)
    case("example-sheet-fewer-rows", I, compute_args("example-sheet-fewer-rows.xlsx"),
         dict(compute_truth(units, period="2025-09", sheet="Báo cáo"), stderr_contains=["Mẫu biểu", "--sheet"]))


# ------------------------------------------------------------ month sheets

def months():
    rng = random.Random(1105)
    series = grow(rng, make_units(rng, DISTRICTS[2:10]), 17)  # 2023-07 … 2024-11
    h2, y24 = series[:6], series[6:]

    wb = new_book()
    for m, units in enumerate(y24, 1):
        ws = wb.active if m == 1 else wb.create_sheet()
        ws.title = "T%d" % m
        standard_sheet(ws, units, "Tháng %d năm 2024" % m)
    visible_tabs(wb, 0)
    save(wb, out("months-2024.xlsx"))
    check_units(out("months-2024.xlsx"), y24[10], ALL, sheet=11)
    check_units(out("months-2024.xlsx"), y24[2], ALL, sheet=3)
    periods24 = ["2024-%02d" % m for m in range(1, 12)]
    case("months-compute-latest", I, compute_args("months-2024.xlsx"),
         dict(compute_truth(y24[10], period="2024-11", sheet="T11"),
              stderr_contains=["T11", "T10", "--sheet"]))
    case("months-trend", I, ["trend", "--format", "json", "{dir}/months-2024.xlsx"], trend_truth(y24, periods24))
    case("months-sheet-index", I, compute_args("months-2024.xlsx", "--sheet", "3"),
         compute_truth(y24[2], period="2024-03", sheet="T3"))

    wb = new_book()
    for m, units in enumerate(h2, 7):
        ws = wb.active if m == 7 else wb.create_sheet()
        ws.title = "Tháng %d" % m
        standard_sheet(ws, units, "Tháng %d năm 2023" % m)
    visible_tabs(wb, 5)
    save(wb, out("months-2023-h2.xlsx"))
    check_units(out("months-2023-h2.xlsx"), h2[5], ALL, sheet=6)
    periods = ["2023-%02d" % m for m in range(7, 13)] + periods24
    case("months-trend-two-books", I,
         ["trend", "--format", "json", "{dir}/months-2023-h2.xlsx", "{dir}/months-2024.xlsx"],
         trend_truth(series, periods))

    # newest first: the first sheet is the latest, so position alone would
    # pick it; bhxh must still say that it chose among periods.
    wb = new_book()
    for i, m in enumerate([12, 11, 10]):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = "T%d-2023" % m
        standard_sheet(ws, h2[m - 7], "Tháng %d năm 2023" % m)
    visible_tabs(wb, 0)
    save(wb, out("months-newest-first.xlsx"))
    check_units(out("months-newest-first.xlsx"), h2[5], ALL, sheet=1)
    case("months-newest-first", I, compute_args("months-newest-first.xlsx"),
         dict(compute_truth(h2[5], period="2023-12", sheet="T12-2023"), stderr_contains=["T11-2023", "--sheet"]))


# ------------------------------------------------------------ forms on two sheets

FORM1 = ["labour_force", "bhxh_mandatory", "bhxh_voluntary", "bhtn"]
FORM2 = ["population", "bhyt"]


def form_sheet(ws, title, units, keys, order=None):
    cols = [stt_col(), code_col("Mã xã"), name_col("Tên đơn vị")] + count_cols(keys) + [note_col()]
    r = title_block(ws, 1, ["BẢO HIỂM XÃ HỘI HUYỆN ĐÔNG SƠN", title, "Tháng 10 năm 2025", "Đơn vị tính: người", None], len(cols))
    r = header_rows(ws, r, cols)
    r = numbering_row(ws, r, cols)
    r, rows = unit_rows(ws, r, cols, order or units)
    r = total_row(ws, r, cols, order or units)
    footer(ws, r, len(cols), "Đông Sơn, ngày 26 tháng 10 năm 2025")
    return rows, cols


def two_forms_units(seed):
    rng = random.Random(seed)
    codes = commune_codes(rng, 10)
    return make_units(rng, COMMUNES[3:13], codes, big=False)


def respelled(units):
    """Biểu 02 as another clerk typed it: sorted by name, old-style tone
    marks ("Hoà") — the codes still join the rows."""
    out_ = []
    for u in sorted(units, key=lambda x: x.name.split()[-1]):
        out_.append(u.copy(name=u.name.replace("Hòa", "Hoà")))
    return out_


def two_forms():
    units = two_forms_units(1106)
    wb = new_book()
    form_sheet(wb.active, "BIỂU 01: LỰC LƯỢNG LAO ĐỘNG VÀ NGƯỜI THAM GIA BHXH, BHTN", units, FORM1)
    wb.active.title = "Biểu 01"
    form_sheet(wb.create_sheet("Biểu 02"), "BIỂU 02: DÂN SỐ VÀ NGƯỜI THAM GIA BHYT", units, FORM2, respelled(units))
    save(wb, out("two-forms.xlsx"))
    check_units(out("two-forms.xlsx"), units, FORM1, sheet=1)
    check_units(out("two-forms.xlsx"), respelled(units), FORM2, sheet=2)
    case("two-forms", I, compute_args("two-forms.xlsx"), compute_truth(units, period="2025-10"))

    # the same key (Dân số) on both sheets, one unit's figures differ
    units = two_forms_units(1107)
    wb = new_book()
    wb.active.title = "Biểu 01"
    rows1, cols1 = form_sheet(wb.active, "BIỂU 01: LAO ĐỘNG, DÂN SỐ VÀ NGƯỜI THAM GIA BHXH", units,
                              ["labour_force", "population", "bhxh_mandatory", "bhxh_voluntary", "bhtn"])
    bad = units[6]
    other = [u if u is not bad else u.copy(c=dict(u.c, population=u.c["population"] + 120)) for u in units]
    rows2, cols2 = form_sheet(wb.create_sheet("Biểu 02"), "BIỂU 02: DÂN SỐ VÀ NGƯỜI THAM GIA BHYT", other, FORM2,
                              respelled(other))
    save(wb, out("two-forms-conflict.xlsx"))
    check_units(out("two-forms-conflict.xlsx"), respelled(other), FORM2, sheet=2)
    c1 = "E%d" % rows1[bad.name]  # Biểu 01: STT, Mã, Tên, LLLĐ, Dân số
    c2 = "D%d" % rows2[bad.name.replace("Hòa", "Hoà")]
    case("two-forms-conflict", I, compute_args("two-forms-conflict.xlsx"),
         fail_truth("two-forms-conflict.xlsx", "Biểu 01!" + c1, "Biểu 02!" + c2))

    # a unit on Biểu 01 only
    units = two_forms_units(1108)
    lost = units[4]
    wb = new_book()
    wb.active.title = "Biểu 01"
    form_sheet(wb.active, "BIỂU 01: LỰC LƯỢNG LAO ĐỘNG VÀ NGƯỜI THAM GIA BHXH, BHTN", units, FORM1)
    form_sheet(wb.create_sheet("Biểu 02"), "BIỂU 02: DÂN SỐ VÀ NGƯỜI THAM GIA BHYT", units,
               FORM2, respelled([u for u in units if u is not lost]))
    save(wb, out("two-forms-missing-unit.xlsx"))
    check_units(out("two-forms-missing-unit.xlsx"), units, FORM1, sheet=1)
    check_units(out("two-forms-missing-unit.xlsx"), respelled([u for u in units if u is not lost]), FORM2, sheet=2)
    truth = compute_truth(units, period="2025-10")
    i = units.index(lost)
    truth["units"][i]["counts"]["population"] = None
    truth["units"][i]["counts"]["bhyt"] = None
    truth["units"][i]["indicators"].pop("bhyt")
    kept = [u for u in units if u is not lost]
    truth["total"]["counts"]["population"] = sums(kept, ["population"])["population"]
    truth["total"]["counts"]["bhyt"] = sums(kept, ["bhyt"])["bhyt"]
    truth["total"]["indicators"]["bhyt"] = indicators(sums(kept, ALL), ["bhyt"])["bhyt"]
    truth["issues"] = [{"code": "missing_unit"}]
    truth["stderr_contains"] = [lost.name, "Biểu 02"]
    case("two-forms-missing-unit", I, compute_args("two-forms-missing-unit.xlsx"), truth)


# ------------------------------------------------------------ blocks

def group_cols():
    g = "Số người tham gia"
    return ([stt_col(), name_col(), Col(HEAD["labour_force"], "labour_force"), Col(HEAD["population"], "population")]
            + [Col(SHORT[k], k, group=g) for k in SCHEMES] + [note_col()])


def continuation_block():
    rng = random.Random(1109)
    units = make_units(rng, COMMUNES[:20], big=False)
    first, rest = units[:14], units[14:]
    wb = new_book()
    ws = wb.active
    ws.title = "Báo cáo"
    cols = group_cols()
    r = title_block(ws, 1, std_title("Tháng 9 năm 2025", "BẢO HIỂM XÃ HỘI HUYỆN ĐÔNG SƠN"), len(cols))
    r = header_rows(ws, r, cols)
    r = numbering_row(ws, r, cols)
    r, _ = unit_rows(ws, r, cols, first)
    r += 1
    put(ws, r, 1, "Phụ lục 2: Các đơn vị còn lại (tiếp theo biểu trên)", bold=True)
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(cols))
    r = header_rows(ws, r + 1, cols)
    r = numbering_row(ws, r, cols)
    r, _ = unit_rows(ws, r, cols, rest, first_stt=15)
    r = total_row(ws, r, cols, units)
    footer(ws, r, len(cols))
    save(wb, out("continuation-block.xlsx"))
    check_units(out("continuation-block.xlsx"), units, ALL)
    case("continuation-block", I, compute_args("continuation-block.xlsx"),
         dict(compute_truth(units, period="2025-09"), issues_absent=["second_table", "total_mismatch"]))


def second_block_different():
    rng = random.Random(1110)
    units = make_units(rng, DISTRICTS[:9])
    wb = new_book()
    ws = wb.active
    ws.title = "T8-2025"
    cols = group_cols()
    r = title_block(ws, 1, std_title("Tháng 6 năm 2025"), len(cols))
    r = header_rows(ws, r, cols)
    r, _ = unit_rows(ws, r, cols, units)
    r = total_row(ws, r, cols, units, "Toàn tỉnh")
    r += 2
    put(ws, r, 1, "Phụ lục: KẾ HOẠCH GIAO NĂM 2025", bold=True)
    r += 1
    plan_cols = [stt_col(), name_col(), Col("Kế hoạch giao BHXH bắt buộc", lambda u: u.plan["bhxh_mandatory"]),
                 Col("Kế hoạch giao BHYT", lambda u: u.plan["bhyt"])]
    for u in units:
        u.plan = {"bhxh_mandatory": u.c["bhxh_mandatory"] + 900, "bhyt": u.c["bhyt"] + 2500}
    r = header_rows(ws, r, plan_cols)
    unit_rows(ws, r, plan_cols, units)
    save(wb, out("second-block-different.xlsx"))
    check_units(out("second-block-different.xlsx"), units, ALL)
    truth = compute_truth(units, period="2025-06")
    for u in truth["units"]:
        u["indicators"]["bhyt"]["plan"] = None
    truth["issues"] = [{"code": "second_table"}]
    case("second-block-different", I, compute_args("second-block-different.xlsx"), truth)


# ------------------------------------------------------------ transposed

ROWS_A = [("labour_force", "Lực lượng lao động trong độ tuổi"), ("population", "Dân số"),
          ("bhxh_mandatory", "Số người tham gia BHXH bắt buộc"), ("bhxh_voluntary", "Số người tham gia BHXH tự nguyện"),
          ("bhtn", "Số người tham gia BHTN"), ("bhyt", "Số người tham gia BHYT")]


def transposed_rows():
    rng = random.Random(1111)
    units = make_units(rng, DISTRICTS[10:17])
    tot = sums(units, ALL)
    wb = new_book()
    ws = wb.active
    ws.title = "Biểu tổng hợp"
    width = 4 + len(units)
    r = title_block(ws, 1, ["ỦY BAN NHÂN DÂN TỈNH TÂN HƯNG", "BAN CHỈ ĐẠO PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT",
                            "BIỂU TỔNG HỢP KẾT QUẢ THỰC HIỆN CHỈ TIÊU BHXH, BHYT", "Tháng 6 năm 2025", None], width)
    heads = ["STT", "Chỉ tiêu", "Đơn vị tính", "Toàn tỉnh"] + [u.name for u in units]
    for c, h in enumerate(heads, 1):
        put(ws, r, c, h, bold=True).alignment = Alignment(wrap_text=True, horizontal="center")
    r += 1
    for n, (k, label) in enumerate(ROWS_A, 1):
        vals = [n, label, "Người", tot[k]] + [u.c[k] for u in units]
        for c, v in enumerate(vals, 1):
            put(ws, r, c, v)
        r += 1
    for n, (ind, label) in enumerate([("bhxh", "Tỷ lệ tham gia BHXH so với lực lượng lao động"),
                                      ("bhyt", "Tỷ lệ bao phủ BHYT so với dân số")], len(ROWS_A) + 1):
        vals = [n, label, "%", float(indicators(tot, [ind])[ind]["rate"])] + \
               [float(indicators(u.c, [ind])[ind]["rate"]) for u in units]
        for c, v in enumerate(vals, 1):
            put(ws, r, c, v, fmt="0.00" if c > 3 else None)
        r += 1
    footer(ws, r, width, "Tân Hưng, ngày 28 tháng 6 năm 2025")
    ws.column_dimensions["B"].width = 44
    for i in range(len(units) + 1):
        ws.column_dimensions[chr(ord("D") + i)].width = 16
    save(wb, out("bieu-tong-hop-tinh.xlsx"))
    rows = lo_csv(out("bieu-tong-hop-tinh.xlsx"))
    check_transposed(rows, units, dict(ROWS_A))
    case("transposed-rows", I, compute_args("bieu-tong-hop-tinh.xlsx"), compute_truth(units, period="2025-06", code=False))
    case("transposed-rows-inspect", I, ["inspect", "{dir}/bieu-tong-hop-tinh.xlsx"],
         {"stdout_contains": ["transposed"]})


def check_transposed(rows, units, labels):
    """LibreOffice shows each unit's figure where its column meets the
    indicator's row."""
    head = next(row for row in rows if units[0].name in [unicodedata.normalize("NFC", c) for c in row])
    col = {u.name: [unicodedata.normalize("NFC", c) for c in head].index(u.name) for u in units}
    for k, label in labels.items():
        row = next(row for row in rows if label in [unicodedata.normalize("NFC", c) for c in row])
        for u in units:
            from lib import lo_number
            if lo_number(row[col[u.name]]) != u.c[k]:
                raise AssertionError("transposed: %s %s shows %r, truth %d" % (u.name, k, row[col[u.name]], u.c[k]))


def transposed_codes():
    rng = random.Random(1112)
    codes = commune_codes(rng, 6, start=30)
    units = make_units(rng, ["Phường Hòa Thuận", "Phường Nam Lý", "Xã Yên Thường", "Xã Hương Sơn",
                             "Xã Mỹ Hòa", "Đặc khu Cồn Cỏ"], codes, big=False)
    tot = sums(units, ALL)
    wb = new_book()
    ws = wb.active
    ws.title = "TH 11.2025"
    n = len(units)
    width = 3 + n + 1
    r = title_block(ws, 1, [nfd("BẢO HIỂM XÃ HỘI TỈNH TÂN HƯNG"), nfd("BIỂU TỔNG HỢP TÌNH HÌNH THAM GIA BHXH, BHYT, BHTN"),
                            nfd("Kỳ báo cáo: tháng 11 năm 2025"), None], width)
    put(ws, r, 1, "TT", bold=True)
    ws.merge_cells(start_row=r, start_column=1, end_row=r + 1, end_column=1)
    put(ws, r, 2, nfd("Nội dung"), bold=True)
    ws.merge_cells(start_row=r, start_column=2, end_row=r + 1, end_column=2)
    put(ws, r, 3, nfd("ĐVT"), bold=True)
    ws.merge_cells(start_row=r, start_column=3, end_row=r + 1, end_column=3)
    put(ws, r, 4, "Chia ra", bold=True)
    ws.merge_cells(start_row=r, start_column=4, end_row=r, end_column=3 + n)
    for i, u in enumerate(units):
        put(ws, r + 1, 4 + i, nfd(u.name), bold=True)
    put(ws, r, 4 + n, nfd("Tổng cộng"), bold=True)
    ws.merge_cells(start_row=r, start_column=4 + n, end_row=r + 1, end_column=4 + n)
    r += 2
    body = [("A", nfd("Mã đơn vị hành chính"), "", [u.code for u in units] + [""]),
            ("I", nfd("LAO ĐỘNG"), None, None),
            ("1", nfd("LLLĐ trong độ tuổi"), nfd("người"), "labour_force"),
            ("II", nfd("BẢO HIỂM XÃ HỘI"), None, None),
            ("1", nfd("Số người tham gia BHXH bắt buộc"), nfd("người"), "bhxh_mandatory"),
            ("2", nfd("Số người tham gia BHXH tự nguyện"), nfd("người"), "bhxh_voluntary"),
            ("3", nfd("Tỷ lệ tham gia BHXH (%)"), "%", "rate:bhxh"),
            ("III", nfd("BẢO HIỂM THẤT NGHIỆP"), None, None),
            ("1", nfd("Số người tham gia BHTN"), nfd("người"), "bhtn"),
            ("IV", nfd("BẢO HIỂM Y TẾ"), None, None),
            ("1", nfd("Dân số trung bình"), nfd("người"), "population"),
            ("2", nfd("Số người tham gia BHYT"), nfd("người"), "bhyt"),
            ("3", nfd("Tỷ lệ bao phủ BHYT (%)"), "%", "rate:bhyt")]
    for stt, label, unit, what in body:
        put(ws, r, 1, stt, bold=unit is None)
        put(ws, r, 2, label, bold=unit is None)
        if unit:
            put(ws, r, 3, unit)
        if isinstance(what, list):
            for i, v in enumerate(what):
                if v:
                    put(ws, r, 4 + i, v)
        elif what and what.startswith("rate:"):
            ind = what[5:]
            for i, c in enumerate([u.c for u in units] + [tot]):
                put(ws, r, 4 + i, indicators(c, [ind])[ind]["rate"].replace(".", ","))
        elif what:
            for i, c in enumerate([u.c for u in units] + [tot]):
                put(ws, r, 4 + i, vn(c[what]))
        r += 1
    footer(ws, r, width, "Tân Hưng, ngày 26 tháng 11 năm 2025")
    ws.column_dimensions["B"].width = 38
    for i in range(n + 1):
        ws.column_dimensions[chr(ord("D") + i)].width = 15
    save(wb, out("bieu-tong-hop-xa.xlsx"))
    rows = lo_csv(out("bieu-tong-hop-xa.xlsx"))
    labels = {k: unicodedata.normalize("NFC", lbl) for _, lbl, _, k in body if isinstance(k, str) and k in ALL}
    check_transposed(rows, units, {k: v for k, v in labels.items()})
    case("transposed-codes", I, compute_args("bieu-tong-hop-xa.xlsx"), compute_truth(units, period="2025-11"))


# ------------------------------------------------------------ headers far down

def title_150_rows():
    rng = random.Random(1113)
    units = make_units(rng, DISTRICTS[:9])
    wb = new_book()
    ws = wb.active
    ws.title = "Báo cáo"
    cols = group_cols()
    text = "\n".join(["ỦY BAN NHÂN DÂN TỈNH TÂN HƯNG", "BAN CHỈ ĐẠO PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT",
                      "BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT", "Tháng 8 năm 2025", "",
                      "(Kèm theo Công văn số 1234/BCĐ ngày 26/8/2025 của Ban Chỉ đạo tỉnh)"] +
                     ["Ghi chú %d: số liệu tính đến ngày 25 hằng tháng, theo địa bàn cư trú." % i for i in range(1, 20)])
    put(ws, 1, 1, text, bold=True).alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=150, end_column=len(cols))
    r = header_rows(ws, 151, cols)
    r = numbering_row(ws, r, cols)
    r, _ = unit_rows(ws, r, cols, units)
    r = total_row(ws, r, cols, units)
    footer(ws, r, len(cols))
    save(wb, out("title-150-rows.xlsx"))
    check_units(out("title-150-rows.xlsx"), units, ALL)
    case("title-150-rows", I, compute_args("title-150-rows.xlsx"), compute_truth(units, period="2025-08"))


def header_row_70():
    rng = random.Random(1114)
    units = make_units(rng, COMMUNES[5:16], big=False)
    wb = new_book()
    ws = wb.active
    ws.title = "BC T7"
    cols = [stt_col(), name_col("Xã, phường, thị trấn")] + count_cols(ALL, text=True) + [note_col()]
    title_block(ws, 1, std_title("Tháng 7 năm 2025", "BẢO HIỂM XÃ HỘI HUYỆN CẨM GIANG")[:4], len(cols))
    r = header_rows(ws, 70, cols)
    r, _ = unit_rows(ws, r, cols, units)
    r = total_row(ws, r, cols, units, text=True)
    footer(ws, r, len(cols))
    save(wb, out("header-row-70.xlsx"))
    check_units(out("header-row-70.xlsx"), units, ALL)
    case("header-row-70", I, compute_args("header-row-70.xlsx"), compute_truth(units, period="2025-07"))


# ------------------------------------------------------------ .ods and .fods

def ods_shapes():
    rng = random.Random(1115)
    units = make_units(rng, COMMUNES[8:20], commune_codes(rng, 12), big=False)
    for u in units[3:7]:  # mountain communes: no voluntary, no unemployment insurance yet
        u.c["bhxh_voluntary"] = 0
        u.c["bhtn"] = 0
    wb = new_book()
    ws = wb.active
    ws.title = "Biểu 03"
    g = "Số người tham gia"
    cols = ([stt_col(), code_col("Mã xã"), name_col("Tên đơn vị"), Col(HEAD["labour_force"], "labour_force"),
             Col(HEAD["population"], "population")] + [Col(SHORT[k], k, group=g) for k in SCHEMES] + [note_col()])
    r = title_block(ws, 1, ["BẢO HIỂM XÃ HỘI HUYỆN ĐÔNG SƠN", "BÁO CÁO SỐ NGƯỜI THAM GIA BHXH, BHYT",
                            "Tháng 11 năm 2025"], len(cols))
    r += 5  # empty rows: LibreOffice writes them as one repeated row
    r = header_rows(ws, r, cols)
    r, _ = unit_rows(ws, r, cols, units)
    r = total_row(ws, r, cols, units)
    footer(ws, r, len(cols))
    src = os.path.join(tempfile.mkdtemp(prefix="shapes-ods-"), "ods-merges.xlsx")
    save(wb, src)
    ods = soffice(src, "ods", out(""), "ods-merges")
    normalise_zip(ods)
    content = zipfile.ZipFile(ods).read("content.xml").decode()
    for must in ("table:number-columns-repeated", "table:number-rows-repeated", "table:covered-table-cell",
                 "table:number-columns-spanned", "table:number-rows-spanned"):
        if must not in content:
            raise AssertionError("ods-merges.ods lacks " + must)
    check_units(ods, units, ALL)
    case("ods-merges", I, compute_args("ods-merges.ods"), compute_truth(units, period="2025-11"))

    fods = soffice(src, "fods", out(""), "fods-flat")
    fix_fods(fods)
    check_units(fods, units, ALL)
    case("fods-flat", I, compute_args("fods-flat.fods"), fail_truth("fods-flat.fods", ".xlsx", ".ods"))

    # three month sheets in one .ods
    series = grow(rng, units, 3)
    wb = new_book()
    for i, m in enumerate([9, 10, 11]):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = "T%d" % m
        standard_sheet(ws, series[i], "Tháng %d năm 2025" % m,
                       cols=[stt_col(), code_col("Mã xã"), name_col("Tên đơn vị")] + count_cols(ALL) + [note_col()])
    src = os.path.join(os.path.dirname(src), "ods-months.xlsx")
    save(wb, src)
    ods = soffice(src, "ods", out(""), "ods-months")
    normalise_zip(ods)
    check_units(ods, series[2], ALL, sheet=3)
    case("ods-months", I, compute_args("ods-months.ods"),
         dict(compute_truth(series[2], period="2025-11", sheet="T11"), stderr_contains=["T10", "--sheet"]))
    shutil.rmtree(os.path.dirname(src))


def fix_fods(path):
    s = open(path, encoding="utf-8").read()
    s = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?", "2024-11-26T08:00:00", s)
    s = re.sub(r"<meta:editing-duration>[^<]*</meta:editing-duration>", "<meta:editing-duration>PT0S</meta:editing-duration>", s)
    open(path, "w", encoding="utf-8").write(s)


# ------------------------------------------------------------ bhxh's own reports

def own_reports():
    rng = random.Random(1116)
    units = make_units(rng, DISTRICTS[:8])
    for u in units:
        u.plan = {k: u.c[k] + rng.randint(200, 2500) for k in ["bhxh_mandatory", "bhxh_voluntary", "bhyt"]}
        u.prior = {k: u.c[k] - rng.randint(0, u.c[k] // 8) for k in ["bhxh_mandatory", "bhxh_voluntary", "bhyt"]}
    gp, ga, gc = "Kế hoạch giao năm 2024", "Thực hiện đến 25/11/2024", "Cùng kỳ năm 2023"
    cols = ([stt_col(), name_col(), Col(HEAD["labour_force"], "labour_force"), Col(HEAD["population"], "population")]
            + [Col(SHORT[k], (lambda k: lambda u: u.plan[k])(k), group=gp) for k in ["bhxh_mandatory", "bhxh_voluntary", "bhyt"]]
            + [Col(SHORT[k], k, group=ga) for k in SCHEMES]
            + [Col(SHORT[k], (lambda k: lambda u: u.prior[k])(k), group=gc) for k in ["bhxh_mandatory", "bhxh_voluntary", "bhyt"]]
            + [note_col()])
    wb = new_book()
    wb.active.title = "T11-2024"
    standard_sheet(wb.active, units, "Tháng 11 năm 2024", cols=cols)
    save(wb, out("own-report-input.xlsx"))
    check_units(out("own-report-input.xlsx"), units, ALL)

    def plan_prior(u):
        d = {}
        for ind, keys in [("bhxh", ["bhxh_mandatory", "bhxh_voluntary"]), ("bhxh_mandatory", ["bhxh_mandatory"]),
                          ("bhyt", ["bhyt"])]:
            num = sum(u.c[k] for k in keys)
            plan = sum(u.plan[k] for k in keys)
            prior = sum(u.prior[k] for k in keys)
            d[ind] = {"plan": plan, "plan_completion": rate(num, plan), "prior": prior, "change": num - prior}
        return d

    base = compute_truth(units, period="2024-11")
    for ut, u in zip(base["units"], units):
        for ind, v in plan_prior(u).items():
            ut["indicators"].setdefault(ind, {}).update(v)
    case("own-report-input", I, compute_args("own-report-input.xlsx"), base)

    bhxh("compute", "--target", "bhxh=30", "--target", "bhyt=95", "-o", out("own-compute-report.xlsx"),
         out("own-report-input.xlsx"))
    normalise_zip(out("own-compute-report.xlsx"))
    check_units(out("own-compute-report.xlsx"), units, ALL, sheet=1)
    t = compute_truth(units, period="2024-11")
    for ut, u in zip(t["units"] + [t["total"]], units + [Unit("Tổng", None, sums(units, ALL))]):
        num, lf = u.c["bhxh_mandatory"] + u.c["bhxh_voluntary"], u.c["labour_force"]
        need = max(0, -(-35 * lf // 100) - num)
        ut["indicators"]["bhxh"].update({"target": "35.00", "target_source": "flag", "persons_needed": need,
                                         "plan": None, "plan_completion": None, "prior": None})
        ut["indicators"]["bhyt"].update({"target": None, "plan": None, "plan_completion": None})
    case("own-compute-report", I, compute_args("own-compute-report.xlsx", "--target", "bhxh=35"), t)

    bhxh("compute", "--target", "bhxh=30", "-o", out("own-compute-report.csv"), out("own-report-input.xlsx"))
    t = compute_truth(units, period=None)
    t.pop("period", None)
    for ut, u in zip(t["units"], units):
        for ind, v in plan_prior(u).items():
            ut["indicators"].setdefault(ind, {}).update({"plan": v["plan"], "prior": v["prior"]})
        ut["indicators"]["bhxh"].update({"target": None, "target_source": None})
    case("own-compute-report-csv", I, compute_args("own-compute-report.csv"), t)

    # trend report: two months of the same districts
    tmp = tempfile.mkdtemp(prefix="shapes-trend-")
    t10, t11 = grow(rng, units, 2)
    for m, us in [(10, t10), (11, t11)]:
        wb = new_book()
        wb.active.title = "T%d" % m
        standard_sheet(wb.active, us, "Tháng %d năm 2024" % m)
        save(wb, os.path.join(tmp, "bao-cao-2024-%d.xlsx" % m))
    bhxh("trend", "-o", out("own-trend-report.xlsx"), os.path.join(tmp, "bao-cao-2024-10.xlsx"),
         os.path.join(tmp, "bao-cao-2024-11.xlsx"))
    normalise_zip(out("own-trend-report.xlsx"))
    lo_csv(out("own-trend-report.xlsx"))
    case("own-trend-report", I, compute_args("own-trend-report.xlsx"),
         fail_truth("own-trend-report.xlsx", "bhxh trend", "Số liệu"))

    # allocation report: the baseline's counts, the plans it assigns
    base_units = make_units(rng, DISTRICTS[8:18])
    keys = ["labour_force", "bhxh_mandatory", "bhxh_voluntary"]
    wb = new_book()
    wb.active.title = "Cơ sở"
    standard_sheet(wb.active, base_units, "Năm 2025",
                   cols=[stt_col(), name_col()] + count_cols(keys) + [note_col()],
                   title=["SỐ LIỆU CƠ SỞ GIAO CHỈ TIÊU NĂM 2026", None])
    basefile = os.path.join(tmp, "co-so-2026.xlsx")
    save(wb, basefile)
    bhxh("allocate", "--indicator", "bhxh", "--rate", "40", "-o", out("own-allocate-report.xlsx"), basefile)
    normalise_zip(out("own-allocate-report.xlsx"))
    shutil.rmtree(tmp)
    plans = read_plans(out("own-allocate-report.xlsx"), base_units)
    total_lf = sum(u.c["labour_force"] for u in base_units)
    assert sum(plans.values()) == -(-40 * total_lf // 100), "allocation total is not ⌈40% × Σ LLLĐ⌉"
    t = compute_truth(base_units, keys=keys, which=["bhxh"], code=False)
    for ut, u in zip(t["units"], base_units):
        num, lf, plan = u.c["bhxh_mandatory"] + u.c["bhxh_voluntary"], u.c["labour_force"], plans[u.name]
        assert plan >= num
        ut["indicators"]["bhxh"].update({"target": rate(plan, lf), "target_source": "unit", "gap_pp": rate(plan - num, lf),
                                         "persons_needed": plan - num, "plan": plan, "plan_completion": rate(num, plan)})
    tnum = sum(u.c["bhxh_mandatory"] + u.c["bhxh_voluntary"] for u in base_units)
    t["total"]["indicators"]["bhxh"].update({"plan": sum(plans.values()), "plan_completion": rate(tnum, sum(plans.values()))})
    case("own-allocate-report", I, compute_args("own-allocate-report.xlsx"), t)


def read_plans(path, units):
    """The plans the allocation report holds, as LibreOffice shows them."""
    rows = lo_csv(path, 1)
    head = next(r for r in rows if "Kế hoạch giao BHXH (người)" in r)
    pc, nc = head.index("Kế hoạch giao BHXH (người)"), head.index("Đơn vị")
    from lib import lo_number
    return {r[nc]: lo_number(r[pc]) for r in rows if r and len(r) > pc and r[nc] in {u.name for u in units}}


def own_count_report():
    """bhxh count's workbook fed back to compute (documented as readable)."""
    rng = random.Random(1117)
    names = COMMUNES[20:26]
    codes = commune_codes(rng, len(names), start=1200)
    counts = {n: {"bhxh_mandatory": 0, "bhxh_voluntary": 0, "bhtn": 0, "bhyt": 0} for n in names}
    wb = new_book()
    ws = wb.active
    ws.title = "Danh sách"
    put(ws, 1, 1, "DANH SÁCH NGƯỜI THAM GIA BHXH, BHYT", bold=True)
    for c, h in enumerate(["STT", "Họ và tên", "Mã số BHXH", "Mã xã", "Tên xã", "Loại hình"], 1):
        put(ws, 3, c, h, bold=True)
    kinds = [("BB, BHTN, BHYT", ["bhxh_mandatory", "bhtn", "bhyt"]), ("TN", ["bhxh_voluntary"]),
             ("BHYT", ["bhyt"]), ("BB, BHYT", ["bhxh_mandatory", "bhyt"]), ("TN, BHYT", ["bhxh_voluntary", "bhyt"])]
    r, seen, order = 4, set(), []
    for i in range(420):
        j = rng.randrange(len(names))
        label, ks = kinds[rng.randrange(len(kinds))]
        sid = "%010d" % rng.randrange(10 ** 9, 10 ** 10)
        if sid in seen:
            continue
        seen.add(sid)
        if names[j] not in order:
            order.append(names[j])
        for k in ks:
            counts[names[j]][k] += 1
        for c, v in enumerate([r - 3, "Người %d" % (r - 3), sid, codes[j], names[j], label], 1):
            put(ws, r, c, v)
        r += 1
    tmp = tempfile.mkdtemp(prefix="shapes-count-")
    lst = os.path.join(tmp, "danh-sach-2025-11.xlsx")
    save(wb, lst)
    bhxh("count", lst, "-o", out("own-count-report.xlsx"))
    normalise_zip(out("own-count-report.xlsx"))
    shutil.rmtree(tmp)
    units = [Unit(n, codes[names.index(n)], counts[n]) for n in order]  # in order of first appearance
    keys = ["bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"]
    check_units(out("own-count-report.xlsx"), units, keys)
    case("own-count-report", I, compute_args("own-count-report.xlsx"), compute_truth(units, keys=keys, which=[]))


def build():
    hidden_first()
    veryhidden_first()
    instructions_example()
    example_sheet_fewer_rows()
    months()
    two_forms()
    continuation_block()
    second_block_different()
    transposed_rows()
    transposed_codes()
    title_150_rows()
    header_row_70()
    ods_shapes()
    own_reports()
    own_count_report()
