#!/usr/bin/python3
"""Three monthly workbooks of one province (Sep, Oct, Nov 2024) with
sub-group columns (pupils and students, members of farming households of
average living standard), and their true figures computed here, apart from
bhxh (Python integers and fractions; least squares written anew).

Run from the repository root:
  /usr/bin/python3 testdata/year/gen.py

Writes into testdata/year/:
  son-la-mau-2024-09.xlsx, son-la-mau-2024-10.xlsx, son-la-mau-2024-11.xlsx
  truth.json   per indicator and unit: rates, gaps, persons needed at the
               targets below (November), and the December projection of the
               three months, of the two latest, and of November alone (none)
"""
import json, os
from fractions import Fraction
import openpyxl

HERE = os.path.dirname(os.path.abspath(__file__))
MONTHS = ["2024-09", "2024-10", "2024-11"]
TARGETS = {"bhyt": Fraction(961, 10), "hssv": Fraction(100), "hgd": Fraction(90)}

# code, name, population, then per month: bhyt, pupils insured, pupils, household members insured, members
UNITS = [
    ("116", "Thành phố Sơn La", 112450,
     [(106020, 21010, 21400, 3100, 3650), (106390, 21250, 21400, 3180, 3650), (106811, 21399, 21400, 3262, 3650)]),
    ("118", "Huyện Quỳnh Nhai", 67210,
     [(63550, 11800, 11800, 6510, 7200), (63720, 11800, 11800, 6580, 7200), (63890, 11800, 11800, 6655, 7200)]),
    ("119", "Huyện Thuận Châu", 179300,
     [(168100, 35020, 36100, 12200, 14800), (168870, 35310, 36100, 12390, 14800), (169402, 35650, 36100, 12700, 14800)]),
    ("120", "Huyện Mường La", 101870,
     [(97100, 21950, 22200, 8350, 9100), (97520, 22010, 22200, 8440, 9100), (97800, 22080, 22200, 8510, 9100)]),
    ("121", "Huyện Bắc Yên", 68990,
     [(64510, 14020, 14500, 5010, 5800), (64800, 14100, 14500, 5120, 5800), (65050, 14230, 14500, 5230, 5800)]),
    ("122", "Huyện Phù Yên", 126300,
     [(121950, 26900, 26800, 9900, 11300), (122100, 26950, 26800, 9970, 11300), (122180, 26990, 26800, 10040, 11300)]),
]
HEAD = ["STT", "Mã đơn vị", "Đơn vị", "Dân số", "Số người tham gia BHYT",
        "Số HSSV tham gia BHYT", "Tổng số HSSV",
        "Số thành viên hộ gia đình nông nghiệp có mức sống trung bình tham gia BHYT",
        "Tổng số thành viên hộ gia đình nông nghiệp có mức sống trung bình"]
# indicator → (numerator column, denominator column) by index in a month's tuple (population apart)
IND = {"bhyt": (0, "pop"), "hssv": (1, 2), "hgd": (3, 4)}


def write_books():
    for m, period in enumerate(MONTHS):
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "T" + period[5:] + "-" + period[:4]
        ws.append(["UBND TỈNH SƠN LA (mẫu)"])
        ws.append(["BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHYT"])
        ws.append(["Tháng %d năm %s" % (int(period[5:]), period[:4])])
        ws.append(["Đơn vị tính: người"])
        ws.append(HEAD)
        n = 0
        for code, name, pop, months in UNITS:
            f = months[m]
            if f is None:
                continue
            n += 1
            ws.append([n, code, name, pop, *f])
        wb.save(os.path.join(HERE, "son-la-mau-%s.xlsx" % period))


def half_up(q):
    """q rounded half-up (away from zero) to a whole number."""
    s = 1 if q >= 0 else -1
    a = abs(q)
    return s * int((a * 2 + 1) // 2)


def pct(q, places=2):
    """A rate (a fraction, in percent) as bhxh writes it: half-up, '.'."""
    scaled = half_up(q * 10 ** places)
    s = "-" if scaled < 0 else ""
    scaled = abs(scaled)
    return "%s%d.%0*d" % (s, scaled // 10 ** places, places, scaled % 10 ** places)


def ceil(q):
    return -((-q.numerator) // q.denominator)


def figures(num, den, target):
    rate = Fraction(num * 100, den)
    need = max(0, ceil(target * den / 100) - num)
    return {"numerator": num, "denominator": den, "rate": pct(rate), "target": pct(target),
            "gap_pp": pct(target - rate), "persons_needed": need}


def fit_at(points, x):
    n = len(points)
    sx = sum(p[0] for p in points); sy = sum(p[1] for p in points)
    sxx = sum(p[0] ** 2 for p in points); sxy = sum(p[0] * p[1] for p in points)
    b = Fraction(n * sxy - sx * sy, n * sxx - sx * sx)
    a = (sy - b * sx) / n
    return max(0, half_up(a + b * x))


def month_values(months, m, ind, pop):
    f = months[m]
    if f is None:
        return None
    i, j = IND[ind]
    return f[i], (pop if j == "pop" else f[j])


def projection(series, target):
    """series: [(month number, num, den)] of the year, latest last."""
    if len(series) < 2:
        return None
    num = fit_at([(x, y) for x, y, _ in series], 12)
    den = series[-1][2]
    rate = Fraction(num * 100, den)
    return {"period": "2024-12", "months": len(series), "numerator": num, "denominator": den,
            "rate": pct(rate), "target": pct(target), "reaches_target": rate >= target}


def truth():
    out = {"targets": {k: pct(v) for k, v in TARGETS.items()}, "indicators": {}}
    for ind, target in TARGETS.items():
        units, total_months = [], [[0, 0] for _ in MONTHS]
        present = [False] * len(MONTHS)
        per = {}
        for code, name, pop, months in UNITS:
            vals = [month_values(months, m, ind, pop) for m in range(len(MONTHS))]
            for m, v in enumerate(vals):
                if v:
                    total_months[m][0] += v[0]; total_months[m][1] += v[1]; present[m] = True
            series = [(int(MONTHS[m][5:]), v[0], v[1]) for m, v in enumerate(vals) if v]
            u = {"code": code, "name": name, "november": figures(*vals[-1], target)}
            u["projection"] = {"3": projection(series, target), "2": projection(series[-2:], target),
                               "1": projection(series[-1:], target)}
            units.append(u)
        # the total's line: over the months whose units are the latest month's
        same = [all((months[m] is None) == (months[-1] is None) for _, _, _, months in UNITS)
                for m in range(len(MONTHS))]
        series = [(int(MONTHS[m][5:]), t[0], t[1]) for m, t in enumerate(total_months) if present[m] and same[m]]
        total = {"november": figures(*total_months[-1], target),
                 "projection": {"3": projection(series, target), "2": projection(series[-2:], target),
                                "1": projection(series[-1:], target)}}
        # the units that reach the target in November
        total["evaluation"] = {"units": len(units),
                               "reached": sum(1 for u in units if u["november"]["persons_needed"] == 0)}
        out["indicators"][ind] = {"units": units, "total": total}
    return out


if __name__ == "__main__":
    write_books()
    with open(os.path.join(HERE, "truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth(), f, ensure_ascii=False, indent=1)
        f.write("\n")
