#!/usr/bin/python3
"""Old- and new-unit workbooks of real provinces, made from the official
crosswalk, with their true figures in the new units computed here, apart
from bhxh (Python integers and fractions; largest remainder written anew).

Run from the repository root (it reads the shared crosswalk, tests never do):
  /usr/bin/python3 testdata/crosswalk/gen.py ../shared/data/crosswalk/vn-2025-07-01.csv

Writes into testdata/crosswalk/:
  cao-bang-2024-11-cu.xlsx   Cao Bằng, 161 old communes, Nov 2024 (codes, some typed as numbers)
  cao-bang-2024-11-cu-ten.xlsx  two old districts of it, names only, the old district in a column
  cao-bang-huyen-2024-11-cu.xlsx  one old district, names only, the district in the title
  cao-bang-2025-11.xlsx      Cao Bằng, 56 new communes, Nov 2025 (for --prior)
  hai-duong-2024-11-cu.xlsx  old Hải Dương, Nov 2024
  hai-phong-2024-11-cu.xlsx  old Hải Phòng, Nov 2024 (Huyện Bạch Long Vĩ by name, no code)
  hai-phong-chia-tach.csv    shares of every divided old commune of both (population of each part)
  truth.json                 every new commune's counts, the split units, priors and changes
"""
import csv, json, os, random, sys
from collections import defaultdict
from fractions import Fraction
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8")))
rng = random.Random(20251101)

KEYS = ["labour_force", "population", "bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"]
HEAD = {"labour_force": "Lực lượng lao động trong độ tuổi", "population": "Dân số",
        "bhxh_mandatory": "Số người tham gia BHXH bắt buộc", "bhxh_voluntary": "Số người tham gia BHXH tự nguyện",
        "bhtn": "Số người tham gia BHTN", "bhyt": "Số người tham gia BHYT"}


def old_key(r):
    if r["old_code"]:
        return r["old_code"]
    if r["old_name"] == "":
        return r["old_district_code"]  # an island district without communes
    return "name:" + r["old_name"]


def figures():
    pop = rng.randint(1500, 25000)
    lf = pop * rng.randint(50, 62) // 100
    bb = lf * rng.randint(5, 35) // 100
    return {"population": pop, "labour_force": lf, "bhxh_mandatory": bb,
            "bhxh_voluntary": lf * rng.randint(1, 6) // 100, "bhtn": bb * rng.randint(70, 95) // 100,
            "bhyt": pop * rng.randint(80, 99) // 100}


def old_units(province):
    """Old units of an old province, in table order: key → (code, name, district)."""
    out = {}
    for r in rows:
        if r["old_province_code"] == province and old_key(r) not in out:
            name = r["old_name"] or r["old_district"]
            code = r["old_code"] or ""
            out[old_key(r)] = (code, name, r["old_district"])
    return out


def largest_remainder(n, weights):
    """n people split by integer weights: floors, then one each to the largest
    fractional parts; ties to the larger weight, then the earlier part."""
    total = sum(weights)
    quotas = [Fraction(n * w, total) for w in weights]
    out = [q.numerator // q.denominator for q in quotas]
    left = n - sum(out)
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - out[i]), -weights[i], i))
    for i in order[:left]:
        out[i] += 1
    return out


def convert(figs, shares):
    """figs: old key → counts. Returns new code → counts, and the split old units."""
    by_old = defaultdict(list)
    for r in rows:
        if old_key(r) in figs:
            by_old[old_key(r)].append(r)
    new = {}
    names = {}
    for k, rs in by_old.items():
        parts = [r for r in rs if r["relation"] == "part"]
        if parts:
            w = [shares[(k, r["new_code"])] for r in parts]
            for key in KEYS:
                split = largest_remainder(figs[k][key], w)
                for r, v in zip(parts, split):
                    new.setdefault(r["new_code"], defaultdict(int))[key] += v
                    names[r["new_code"]] = r["new_name"]
        for r in rs:
            if r["relation"] == "whole":
                for key in KEYS:
                    new.setdefault(r["new_code"], defaultdict(int))[key] += figs[k][key]
                names[r["new_code"]] = r["new_name"]
    return {c: {"name": names[c], "counts": dict(v)} for c, v in sorted(new.items())}


def write_book(path, agency, period_text, units, figs, with_codes=True, district_col=False, numeric_codes=()):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "T11"
    ws.append([agency])
    ws.append(["BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT"])
    ws.append([period_text])
    ws.append(["Đơn vị tính: người"])
    ws.append([])
    head = ["STT"] + (["Mã xã"] if with_codes else []) + ["Tên đơn vị"] + (["Huyện"] if district_col else []) + [HEAD[k] for k in KEYS]
    ws.append(head)
    sums = defaultdict(int)
    for i, (k, (code, name, district)) in enumerate(units.items(), 1):
        row = [i]
        if with_codes:
            row.append(int(code) if code in numeric_codes else code)
        row.append(name)
        if district_col:
            row.append(district)
        for key in KEYS:
            row.append(figs[k][key])
            sums[key] += figs[k][key]
        ws.append(row)
    ws.append([None] + ([None] if with_codes else []) + ["Toàn tỉnh"] + ([None] if district_col else []) + [sums[k] for k in KEYS])
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, "Giám đốc"])
    for c in ws[6]:
        c.font = openpyxl.styles.Font(bold=True)
    wb.save(path)


truth = {}

# 1. Cao Bằng: 161 old communes merged whole into 56 (no splits).
cb_old = old_units("04")
cb_figs = {k: figures() for k in cb_old}
numeric = {code for code, _, _ in list(cb_old.values())[::7]}  # every 7th code typed as a number (leading zeros lost)
write_book(os.path.join(HERE, "cao-bang-2024-11-cu.xlsx"), "BẢO HIỂM XÃ HỘI TỈNH CAO BẰNG", "Tháng 11 năm 2024", cb_old, cb_figs, numeric_codes=numeric)
cb_new = convert(cb_figs, {})
truth["cao_bang_2024_11"] = cb_new

# Names only. Old districts whose new communes are made of their own old
# communes alone can be converted by themselves.
by_district = defaultdict(list)
for k, (code, name, district) in cb_old.items():
    by_district[district].append(k)
new_of = defaultdict(set)
olds_of_new = defaultdict(set)
for r in rows:
    if r["old_province_code"] == "04":
        new_of[old_key(r)].add(r["new_code"])
        olds_of_new[r["new_code"]].add(old_key(r))
closed = [d for d, ks in by_district.items() if all(olds_of_new[n] <= set(ks) for k in ks for n in new_of[k])]
province_names = defaultdict(int)
for code, name, district in cb_old.values():
    province_names[name] += 1
# Two closed districts whose names are unique together but not all in the
# province (so the district column decides), one closed district alone by
# its title.
pair = None
for i, a in enumerate(closed):
    for b in closed[i + 1:]:
        names = [cb_old[k][1] for k in by_district[a] + by_district[b]]
        if len(set(names)) == len(names) and any(province_names[n] > 1 for n in names):
            pair = (a, b)
            break
    if pair:
        break
assert pair, "no two closed districts with names unique together"
pair_units = {k: cb_old[k] for d in pair for k in by_district[d]}
write_book(os.path.join(HERE, "cao-bang-2024-11-cu-ten.xlsx"), "BẢO HIỂM XÃ HỘI TỈNH CAO BẰNG", "Tháng 11 năm 2024",
           pair_units, cb_figs, with_codes=False, district_col=True)
truth["cao_bang_ten_districts"] = list(pair)
truth["cao_bang_ten"] = convert({k: cb_figs[k] for k in pair_units}, {})
alone = next(d for d in closed if any(province_names[cb_old[k][1]] > 1 for k in by_district[d]))
alone_units = {k: cb_old[k] for k in by_district[alone]}
write_book(os.path.join(HERE, "cao-bang-huyen-2024-11-cu.xlsx"), "ỦY BAN NHÂN DÂN " + alone.upper(), "Tháng 11 năm 2024",
           alone_units, cb_figs, with_codes=False)
truth["cao_bang_huyen_district"] = alone
truth["cao_bang_huyen"] = convert({k: cb_figs[k] for k in alone_units}, {})

# The same province a year later, in the new units.
cb_units_new = {}
for r in rows:
    if r["new_province_code"] == "04" and r["new_code"] not in cb_units_new:
        cb_units_new[r["new_code"]] = (r["new_code"], r["new_name"], "")
cb_figs_new = {k: figures() for k in cb_units_new}
write_book(os.path.join(HERE, "cao-bang-2025-11.xlsx"), "BẢO HIỂM XÃ HỘI TỈNH CAO BẰNG", "Tháng 11 năm 2025", cb_units_new, cb_figs_new)
IND = {"bhxh": ["bhxh_mandatory", "bhxh_voluntary"], "bhxh_mandatory": ["bhxh_mandatory"], "bhxh_voluntary": ["bhxh_voluntary"],
       "bhtn": ["bhtn"], "bhyt": ["bhyt"]}
prior = {}
for code, f in cb_figs_new.items():
    p = cb_new[code]["counts"]
    prior[code] = {ind: {"prior": sum(p[k] for k in ks), "change": sum(f[k] for k in ks) - sum(p[k] for k in ks)} for ind, ks in IND.items()}
tot_now = {k: sum(f[k] for f in cb_figs_new.values()) for k in KEYS}
tot_prior = {k: sum(v["counts"][k] for v in cb_new.values()) for k in KEYS}
prior["total"] = {ind: {"prior": sum(tot_prior[k] for k in ks), "change": sum(tot_now[k] for k in ks) - sum(tot_prior[k] for k in ks)} for ind, ks in IND.items()}
truth["cao_bang_2025_11_prior"] = prior

# 2. Hải Phòng (new, 31) = old Hải Dương (30) + old Hải Phòng (31), with divided communes.
hd_old, hp_old = old_units("30"), old_units("31")
figs = {k: figures() for k in list(hd_old) + list(hp_old)}
write_book(os.path.join(HERE, "hai-duong-2024-11-cu.xlsx"), "BẢO HIỂM XÃ HỘI TỈNH HẢI DƯƠNG", "Tháng 11 năm 2024", hd_old, figs)
write_book(os.path.join(HERE, "hai-phong-2024-11-cu.xlsx"), "BẢO HIỂM XÃ HỘI THÀNH PHỐ HẢI PHÒNG", "Tháng 11 năm 2024", hp_old, figs)
shares = {}
split = []
with open(os.path.join(HERE, "hai-phong-chia-tach.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["old_code", "new_code", "share"])
    for r in rows:
        if r["old_province_code"] in ("30", "31") and r["relation"] == "part":
            s = rng.randint(100, 9000)
            shares[(old_key(r), r["new_code"])] = s
            w.writerow([r["old_code"], r["new_code"], s])
            if r["old_code"] not in [x["code"] for x in split]:
                split.append({"code": r["old_code"], "name": r["old_name"]})
truth["hai_phong_2024_11"] = convert(figs, shares)
truth["hai_phong_split"] = split

with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
    json.dump(truth, f, ensure_ascii=False, indent=1, sort_keys=True)
    f.write("\n")
print({k: len(v) for k, v in truth.items()})
