#!/usr/bin/python3
"""A participant list and a denominators file of the same communes, and the
rates `bhxh count ds.xlsx -o so-nguoi.xlsx && bhxh compute --merge
so-nguoi.xlsx mau-so.csv` must give, computed here apart from bhxh (Python
fractions, half-up to 2 decimals).

  /usr/bin/python3 testdata/join/gen.py     (from the repository root)

ds.xlsx: one row per person (Mã số BHXH as text, Mã xã, Xã phường, Loại
hình; one cell may name several schemes); mau-so.csv: Mã xã, Tên đơn vị,
labour force and population, in another order, one code typed without its
leading zero, one name spelled "Hoà" where the list says "Hòa".
"""
import csv, json, os, random
from decimal import Decimal, ROUND_HALF_UP
from fractions import Fraction
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(13)
units = [("04402", "Xã Tân Phú"), ("04405", "Xã Tân Lập"), ("04408", "Phường Tân Lập"),
         ("04411", "Xã Hòa Bình"), ("04414", "Thị trấn Đông Anh"), ("04417", "Xã Ea Kar")]
KINDS = {"BHXH bắt buộc": ["bhxh_mandatory"], "BB, BHTN, BHYT": ["bhxh_mandatory", "bhtn", "bhyt"],
         "BHXH tự nguyện": ["bhxh_voluntary"], "TN, BHYT": ["bhxh_voluntary", "bhyt"], "BHYT": ["bhyt"],
         "BHTN": ["bhtn"]}
counts = {c: {"bhxh_mandatory": set(), "bhxh_voluntary": set(), "bhtn": set(), "bhyt": set()} for c, _ in units}
seen = set()  # (person, scheme): a person counts once per scheme, in the first unit listed

wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Danh sách"
ws.append(["DANH SÁCH NGƯỜI THAM GIA BHXH, BHYT"])
ws.append(["STT", "Mã số BHXH", "Mã xã", "Xã, phường", "Loại hình"])
n = 0
for i in range(900):
    code, name = rng.choice(units)
    kind = rng.choice(list(KINDS))
    pid = "%010d" % rng.randint(10**8, 10**8 + 700)  # repeats happen: counted once per scheme
    n += 1
    ws.append([n, pid, code, name, kind])
    for k in KINDS[kind]:
        if (pid, k) not in seen:
            seen.add((pid, k))
            counts[code][k].add(pid)
for row in ws.iter_rows(min_row=3):
    row[1].number_format = "@"
    row[2].number_format = "@"
wb.save(os.path.join(HERE, "ds.xlsx"))

dens = {c: (rng.randint(400, 900), rng.randint(900, 1500)) for c, _ in units}
with open(os.path.join(HERE, "mau-so.csv"), "w", encoding="utf-8-sig", newline="") as f:
    w = csv.writer(f, lineterminator="\r\n")
    w.writerow(["Mã xã", "Tên đơn vị", "Dân số", "Lực lượng lao động trong độ tuổi"])
    for code, name in reversed(units):
        shown_code = code.lstrip("0") if code == "04405" else code
        shown_name = name.replace("Hòa", "Hoà")
        w.writerow([shown_code, shown_name, dens[code][1], dens[code][0]])


def pct(num, den):
    f = Fraction(num * 100, den)
    d = (Decimal(f.numerator) / Decimal(f.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return str(d)


IND = {"bhxh": (["bhxh_mandatory", "bhxh_voluntary"], 0), "bhxh_mandatory": (["bhxh_mandatory"], 0),
       "bhxh_voluntary": (["bhxh_voluntary"], 0), "bhtn": (["bhtn"], 0), "bhyt": (["bhyt"], 1)}
truth = {"units": {}, "total": {}}
tot = {k: 0 for k in ["bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"]}
tden = [0, 0]
for code, name in units:
    c = {k: len(v) for k, v in counts[code].items()}
    for k in tot:
        tot[k] += c[k]
    tden[0] += dens[code][0]
    tden[1] += dens[code][1]
    truth["units"][code] = {"name": name, "counts": c, "labour_force": dens[code][0], "population": dens[code][1],
                            "rates": {ind: pct(sum(c[k] for k in ks), dens[code][d]) for ind, (ks, d) in IND.items()}}
truth["total"] = {"counts": tot, "labour_force": tden[0], "population": tden[1],
                  "rates": {ind: pct(sum(tot[k] for k in ks), tden[d]) for ind, (ks, d) in IND.items()}}
with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
    json.dump(truth, f, ensure_ascii=False, indent=1, sort_keys=True)
    f.write("\n")
