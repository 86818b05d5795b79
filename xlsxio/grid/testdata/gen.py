#!/usr/bin/python3
"""Makes the grid package's test workbooks and writes what each holds.

Run with /usr/bin/python3 (the Debian Python with openpyxl) from this
folder; it needs soffice (LibreOffice). Writes:

  fields.xlsx             openpyxl: a hidden sheet first, a very hidden one,
                          the active sheet last but one; text, numbers with
                          formats (percent, date, decimals), a boolean, a
                          legacy-font text, formulas saved without values,
                          a merged title, a hidden row and a hidden column
  fields-lo.xlsx          fields.xlsx opened and saved by LibreOffice: the
                          formulas now carry their cached values
  fields-lo.xls           the same saved as Excel 97 (.xls)
  fields.truth.json       what each file holds, from this script's own
                          values (and the cached values computed here)

The truths never come from bhxh.
"""

import datetime
import json
import os
import shutil
import subprocess
import tempfile

import openpyxl
from openpyxl.styles import Font

HERE = os.path.dirname(os.path.abspath(__file__))
PROFILE = os.path.join(tempfile.gettempdir(), "bhxh-grid-lo-profile")

B1 = 29024
RATE = 0.4161
DAY = datetime.datetime(2023, 11, 25)
DAY_SERIAL = (DAY - datetime.datetime(1899, 12, 30)).days  # Excel's 1900 system


def build(path):
    wb = openpyxl.Workbook()
    data = wb.active
    data.title = "Dữ liệu"
    old = wb.create_sheet("T10 (cũ)", 0)  # first, and hidden: an old month
    old.sheet_state = "hidden"
    old["A1"] = "cũ"
    macro = wb.create_sheet("Rất ẩn")
    macro.sheet_state = "veryHidden"
    macro["A1"] = "ẩn"
    wb.create_sheet("Cuối")["A1"] = "cuối"
    wb.active = wb.index(data)

    data["A1"] = "Đơn vị"
    data["B1"] = B1
    data["C1"] = RATE
    data["C1"].number_format = "0.00%"
    data["D1"] = DAY
    data["D1"].number_format = "dd/mm/yyyy"
    data["E1"] = True
    data["F1"] = "=NA()"
    data["G1"] = "=B1*2"
    data["H1"] = '="a"&"b"'
    data["I1"] = 1234.5
    data["I1"].number_format = "#,##0.0"
    data["J1"] = "Tæng céng"  # TCVN3 bytes of "Tổng cộng", in the .VnTime font
    data["J1"].font = Font(name=".VnTime")
    data["K1"] = 7
    data["A3"] = "Báo cáo tháng 11"
    data.merge_cells("A3:C3")
    data["A4"] = "dòng ẩn"
    data.row_dimensions[4].hidden = True
    data.column_dimensions["K"].hidden = True
    data["A5"] = "Huyện A"
    data["B5"] = 12
    wb.save(path)


def soffice(src, fmt, dst):
    tmp = tempfile.mkdtemp(prefix="grid-lo-")
    try:
        subprocess.run(["soffice", "-env:UserInstallation=file://" + PROFILE, "--headless",
                        "--convert-to", fmt, "--outdir", tmp, src],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        made = os.listdir(tmp)
        if len(made) != 1:
            raise RuntimeError("soffice made %r" % made)
        shutil.move(os.path.join(tmp, made[0]), dst)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def states(path):
    """Sheet names and states as openpyxl reads them back (LibreOffice may
    not keep every state it was given)."""
    wb = openpyxl.load_workbook(path)
    return [{"name": ws.title, "visibility": ws.sheet_state} for ws in wb.worksheets], wb.index(wb.active)


def cell(kind, text, raw="", decimals=-1, percent=False, date=False, formula=""):
    return {"kind": kind, "text": text, "raw": raw, "decimals": decimals,
            "percent": percent, "date": date, "formula": formula}


def main():
    os.chdir(HERE)
    build("fields.xlsx")
    soffice("fields.xlsx", "xlsx", "fields-lo.xlsx")
    soffice("fields.xlsx", "xls", "fields-lo.xls")

    common = {
        "A1": cell("text", "Đơn vị"),
        "B1": cell("number", str(B1), str(B1)),
        "C1": cell("number", str(RATE), str(RATE), decimals=2, percent=True),
        "D1": cell("number", str(DAY_SERIAL), str(DAY_SERIAL), decimals=0, date=True),
        "E1": cell("bool", "1"),
        "I1": cell("number", "1234.5", "1234.5", decimals=1),
        "J1": cell("text", "Tổng cộng"),
        "K1": cell("number", "7", "7"),
        "A3": cell("text", "Báo cáo tháng 11"),
        "A4": cell("text", "dòng ẩn"),
    }
    openpyxl_cells = dict(common)
    openpyxl_cells.update({
        "F1": cell("formula", "=NA()", formula="NA()"),
        "G1": cell("formula", "=B1*2", formula="B1*2"),
        "H1": cell("formula", '="a"&"b"', formula='"a"&"b"'),
    })
    lo_cells = dict(common)
    lo_cells.update({  # values LibreOffice cached, computed here
        "F1": cell("error", "#N/A", formula="NA()"),
        "G1": cell("number", str(B1 * 2), str(B1 * 2), formula="B1*2"),
        "H1": cell("text", "ab", formula='"a"&"b"'),
    })
    truth = {}
    for name, cells in (("fields.xlsx", openpyxl_cells), ("fields-lo.xlsx", lo_cells)):
        sheets, active = states(name)
        # LibreOffice writes a boolean as the formula =TRUE(): take the
        # formulas as openpyxl reads them back.
        ws = openpyxl.load_workbook(name)["Dữ liệu"]
        for ref, c in cells.items():
            v = ws[ref].value
            if isinstance(v, str) and v.startswith("="):
                c = dict(c, formula=v[1:])
                if c["kind"] == "formula":
                    c["text"] = v
                cells[ref] = c
        truth[name] = {"sheets": sheets, "active": active, "sheet": "Dữ liệu", "cells": cells,
                       "merges": [[2, 0, 2, 2]], "hidden_rows": [3], "hidden_cols": [10]}
    # .xls: the same sheets and values (formulas, the boolean's =TRUE()
    # too, keep their values there, which the .xls reader does not read:
    # see grid's xls.go).
    truth["fields-lo.xls"] = dict(truth["fields-lo.xlsx"])
    with open("fields.truth.json", "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
