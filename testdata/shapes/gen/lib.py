"""Shared helpers of the shapes corpus generator: unit data, the truths
(computed here with fractions, never by bhxh), openpyxl layouts, and the
calls to LibreOffice and excelize.

Run only through /usr/bin/python3 (the Debian Python with openpyxl).
"""

import datetime
import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from fractions import Fraction

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

HERE = os.path.dirname(os.path.abspath(__file__))
SHAPES = os.path.dirname(HERE)
REPO = os.path.dirname(os.path.dirname(SHAPES))
FIXED = datetime.datetime(2024, 11, 26, 8, 0, 0)
ZIP_TIME = (2024, 11, 26, 8, 0, 0)

# The canonical count keys and the headers units type for them.
HEAD = {
    "labour_force": "Lực lượng lao động trong độ tuổi",
    "population": "Dân số",
    "bhxh_mandatory": "Số người tham gia BHXH bắt buộc",
    "bhxh_voluntary": "Số người tham gia BHXH tự nguyện",
    "bhtn": "Số người tham gia BHTN",
    "bhyt": "Số người tham gia BHYT",
}
ALL = ["labour_force", "population", "bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"]
SHORT = {"bhxh_mandatory": "BHXH bắt buộc", "bhxh_voluntary": "BHXH tự nguyện", "bhtn": "BHTN", "bhyt": "BHYT"}
SCHEMES = ["bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"]

# indicator → (numerator keys, denominator key)
INDICATORS = {
    "bhxh": (["bhxh_mandatory", "bhxh_voluntary"], "labour_force"),
    "bhxh_mandatory": (["bhxh_mandatory"], "labour_force"),
    "bhxh_voluntary": (["bhxh_voluntary"], "labour_force"),
    "bhtn": (["bhtn"], "labour_force"),
    "bhyt": (["bhyt"], "population"),
}
SHOWN = ["bhxh", "bhtn", "bhyt"]  # the rates each expected file asserts

DISTRICTS = [
    "Thành phố Tân Hưng", "Thị xã Bình Phước Tây", "Huyện Đông Sơn", "Huyện Cẩm Giang",
    "Huyện Hòa Lạc Thượng", "Huyện Mường Tè Hạ", "Huyện Krông Pắc Đông", "Huyện Yên Định Nam",
    "Huyện Quỳnh Lưu Bắc", "Huyện Nghĩa Hưng Tây", "Huyện Phú Lương Hạ", "Huyện Tam Nông Thượng",
    "Huyện Thạch Hà Đông", "Huyện Đắk Mil Nam", "Huyện Bảo Lâm Tây", "Huyện Văn Chấn Hạ",
    "Huyện Lục Ngạn Bắc", "Huyện Tiên Lãng Nam", "Huyện Cái Bè Tây", "Huyện Thuận Châu Thượng",
]
COMMUNES = [
    "Phường An Phú", "Phường Cửu Long", "Xã Tân Phú", "Xã Đông Lương", "Thị trấn Đông Hà",
    "Phường Hòa Thuận", "Xã Ea Đar", "Xã Cư Huê", "Xã Quảng Điền", "Phường Nam Lý",
    "Xã Yên Thường", "Xã Hương Sơn", "Phường Trần Phú", "Xã Nghĩa Đồng", "Xã Thạch Bàn",
    "Xã Mỹ Hòa", "Xã Tà Xùa", "Phường Đức Giang", "Xã Bình Minh", "Xã Phú Lộc",
    "Xã Hòa Tiến", "Xã Kim Sơn", "Phường Thủy Châu", "Xã Lộc An", "Xã Vĩnh Thạnh",
    "Xã Long Hưng", "Xã An Nhơn", "Phường Quang Trung", "Xã Đồng Tâm", "Xã Tân Lập",
]


class Unit:
    """One unit's name, code and counts (and, where a shape has them, its
    prior-year counts and plans)."""

    def __init__(self, name, code=None, counts=None, prior=None, plan=None):
        self.name = name
        self.code = code
        self.c = dict(counts or {})
        self.prior = dict(prior or {})
        self.plan = dict(plan or {})

    def copy(self, **kw):
        u = Unit(self.name, self.code, self.c, self.prior, self.plan)
        for k, v in kw.items():
            setattr(u, k, v)
        return u


def gen_counts(rng, big=True):
    """Plausible counts of one unit: a district (big) or a commune."""
    lf = rng.randint(38000, 165000) if big else rng.randint(2600, 19000)
    pop = lf * rng.randint(155, 195) // 100
    bm = lf * rng.randint(7, 40) // 100
    bv = lf * rng.randint(8, 60) // 1000
    bhtn = bm * rng.randint(74, 92) // 100
    bhyt = pop * rng.randint(860, 987) // 1000
    return {"labour_force": lf, "population": pop, "bhxh_mandatory": bm,
            "bhxh_voluntary": bv, "bhtn": bhtn, "bhyt": bhyt}


def make_units(rng, names, codes=None, big=True):
    out = []
    for i, n in enumerate(names):
        out.append(Unit(n, codes[i] if codes else None, gen_counts(rng, big)))
    return out


def commune_codes(rng, n, start=None):
    """Official 5-digit commune codes (text, leading zeros kept)."""
    c = start if start is not None else rng.randint(40, 900)
    out = []
    for _ in range(n):
        c += rng.randint(1, 9)
        out.append("%05d" % c)
    return out


def grow(rng, units, months):
    """The same units one month later and so on: counts grow a little."""
    series = [units]
    for _ in range(months - 1):
        prev = series[-1]
        nxt = []
        for u in prev:
            c = dict(u.c)
            for k in ["bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"]:
                c[k] += rng.randint(0, max(1, c[k] // 90))
            c["labour_force"] += rng.randint(0, 40)
            c["population"] += rng.randint(0, 60)
            c["bhyt"] = min(c["bhyt"], c["population"])
            nxt.append(Unit(u.name, u.code, c))
        series.append(nxt)
    return series


# ---------------------------------------------------------------- truths

def rate(num, den):
    """num/den × 100 rounded half-up to 2 decimals, as a string (None when
    there is no denominator)."""
    if den == 0:
        return None
    q = Fraction(num * 100, den)
    neg = q < 0
    q = abs(q)
    x = (q * 100 + Fraction(1, 2)).__floor__()
    s = "%d.%02d" % (x // 100, x % 100)
    return "-" + s if neg and x != 0 else s


def indicators(counts, which=SHOWN):
    out = {}
    for ind in which:
        nums, den = INDICATORS[ind]
        if den not in counts or any(k not in counts for k in nums):
            continue
        out[ind] = {"rate": rate(sum(counts[k] for k in nums), counts[den])}
    return out


def unit_truth(u, keys, which=SHOWN, code=True, extra=None):
    d = {"name": u.name}
    if code:
        d["code"] = u.code
    d["counts"] = {k: u.c[k] for k in keys}
    ind = indicators(d["counts"], which)
    if ind:
        d["indicators"] = ind
    if extra:
        deep_merge(d, extra)
    return d


def sums(units, keys):
    return {k: sum(u.c[k] for u in units if k in u.c) for k in keys}


def compute_truth(units, keys=ALL, period=None, which=SHOWN, code=True, total=True, sheet=None):
    """The partial bhxh.compute/v1 a table of these units must give."""
    t = {}
    if sheet is not None:
        t["inputs"] = [{"sheet": sheet}]
    if period is not None:
        t["period"] = period
    t["units"] = [unit_truth(u, keys, which, code) for u in units]
    if total:
        s = sums(units, keys)
        t["total"] = {"counts": s}
        ind = indicators(s, which)
        if ind:
            t["total"]["indicators"] = ind
    return t


def trend_truth(series, periods, which=("bhxh", "bhyt"), code=False):
    """Partial bhxh.trend/v1 for the same units over several months
    (series[i] is the list of units of periods[i]); units in the latest
    month's order."""
    last = series[-1]
    t = {"periods": periods, "indicators": {}}
    for ind in which:
        nums, den = INDICATORS[ind]
        units = []
        for u in last:
            rates = []
            for month in series:
                m = [x for x in month if x.name == u.name]
                rates.append(rate(sum(m[0].c[k] for k in nums), m[0].c[den]) if m else None)
            d = {"name": u.name}
            if code:
                d["code"] = u.code
            d["rates"] = rates
            units.append(d)
        totals = []
        for month in series:
            totals.append(rate(sum(x.c[k] for x in month for k in nums), sum(x.c[den] for x in month)))
        t["indicators"][ind] = {"units": units, "total": {"rates": totals}}
    return t


def deep_merge(dst, src):
    for k, v in src.items():
        if isinstance(v, dict) and isinstance(dst.get(k), dict):
            deep_merge(dst[k], v)
        else:
            dst[k] = v
    return dst


def fail_truth(*contains):
    return {"exit_code": 1, "error_contains": list(contains)}


# ---------------------------------------------------------------- text

def vn(n):
    """A count typed the Vietnamese way: dots between thousands, "-" for 0."""
    if n == 0:
        return "-"
    return "{:,}".format(n).replace(",", ".")


def nfd(s):
    return unicodedata.normalize("NFD", s)


# ---------------------------------------------------------------- openpyxl

BOLD = Font(bold=True)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def new_book():
    wb = openpyxl.Workbook()
    wb.properties.creator = "BHXH huyện"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    return wb


def put(ws, r, c, v, bold=False, fmt=None):
    cell = ws.cell(row=r, column=c, value=v)
    if bold:
        cell.font = BOLD
    if fmt:
        cell.number_format = fmt
    return cell


def title_block(ws, r, lines, width, merge=True):
    """Agency, report name, month, "Đơn vị tính" lines, each merged across
    the table's width. Returns the next free row."""
    for line in lines:
        if line is not None:
            put(ws, r, 1, line, bold=True).alignment = Alignment(horizontal="center")
            if merge and width > 1:
                ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    return r


def std_title(period_text, agency="BẢO HIỂM XÃ HỘI TỈNH TÂN HƯNG"):
    return [agency, "BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT", period_text,
            "Đơn vị tính: người", None]


class Col:
    """A table column: its header, an optional group (merged over its
    neighbours with the same group) and how a unit fills it. kind is
    "stt", "name", "code", "count" (summed on the total row) or "other"."""

    def __init__(self, header, value, group=None, hidden=False, width=13, fmt=None, kind="count"):
        self.header = header
        self.key = value if isinstance(value, str) else None
        self.value = value if callable(value) else (lambda u, k=value: u.c[k])
        self.group = group
        self.hidden = hidden
        self.width = width
        self.fmt = fmt
        self.kind = kind


def stt_col():
    return Col("STT", lambda u: u.stt, width=5, kind="stt")


def name_col(header="Đơn vị"):
    return Col(header, lambda u: u.name, width=26, kind="name")


def code_col(header="Mã ĐVHC"):
    return Col(header, lambda u: u.code, width=9, kind="code")


def note_col():
    return Col("Ghi chú", lambda u: getattr(u, "note", None), width=14, kind="other")


def count_cols(keys=ALL, text=False, header=HEAD, group=None):
    def f(k):
        return (lambda u: vn(u.c[k])) if text else (lambda u: u.c[k])
    return [Col(header[k], f(k), group=group) for k in keys]


def header_rows(ws, r, cols):
    """One header row, or two when any column has a group: groups merged
    across, lone headers merged down. Returns the next free row."""
    two = any(c.group for c in cols)
    for i, col in enumerate(cols, 1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
        if col.hidden:
            ws.column_dimensions[get_column_letter(i)].hidden = True
    if not two:
        for i, col in enumerate(cols, 1):
            put(ws, r, i, col.header, bold=True).alignment = CENTER
        return r + 1
    i = 0
    while i < len(cols):
        col = cols[i]
        if not col.group:
            put(ws, r, i + 1, col.header, bold=True).alignment = CENTER
            ws.merge_cells(start_row=r, start_column=i + 1, end_row=r + 1, end_column=i + 1)
            i += 1
            continue
        j = i
        while j + 1 < len(cols) and cols[j + 1].group == col.group:
            j += 1
        put(ws, r, i + 1, col.group, bold=True).alignment = CENTER
        if j > i:
            ws.merge_cells(start_row=r, start_column=i + 1, end_row=r, end_column=j + 1)
        for k in range(i, j + 1):
            put(ws, r + 1, k + 1, cols[k].header, bold=True).alignment = CENTER
        i = j + 1
    return r + 2


def numbering_row(ws, r, cols, style="paren"):
    for i in range(1, len(cols) + 1):
        put(ws, r, i, "(%d)" % i if style == "paren" else i).alignment = CENTER
    return r + 1


def unit_rows(ws, r, cols, units, first_stt=1):
    """One row per unit; returns the next free row and {unit name: row}."""
    rows = {}
    for n, u in enumerate(units, first_stt):
        u.stt = n
        for i, col in enumerate(cols, 1):
            v = col.value(u)
            if v is not None:
                put(ws, r, i, v, fmt=col.fmt)
        rows[u.name] = r
        r += 1
    return r, rows


def total_row(ws, r, cols, units, label="Tổng cộng", text=False):
    """The total row: the sum of every count column (numbers, or text
    typed the Vietnamese way)."""
    keys = sorted({k for u in units for k in u.c})  # the canonical counts and any extra figure (x_…)
    tot = Unit(label, None, {k: sum(u.c.get(k, 0) for u in units) for k in keys})
    tot.stt = None
    for u in units:
        for k, v in u.prior.items():
            tot.prior[k] = tot.prior.get(k, 0) + v
        for k, v in u.plan.items():
            tot.plan[k] = tot.plan.get(k, 0) + v
    for i, col in enumerate(cols, 1):
        if col.kind == "name":
            put(ws, r, i, label, bold=True)
        elif col.kind == "count":
            put(ws, r, i, col.value(tot), bold=True, fmt=col.fmt)
    return r + 1


def footer(ws, r, width, date_line="Tân Hưng, ngày 26 tháng 11 năm 2024"):
    r += 1
    put(ws, r, max(1, width - 3), date_line)
    r += 1
    put(ws, r, 2, "Người lập biểu", bold=True)
    put(ws, r, max(3, width - 3), "GIÁM ĐỐC", bold=True)
    r += 4
    put(ws, r, 2, "Nguyễn Thị Lan")
    put(ws, r, max(3, width - 3), "Trần Văn Minh")
    return r + 1


def standard_sheet(ws, units, period_text, cols=None, total=True, numbering=True, text=False,
                   total_label="Tổng cộng", foot=True, title=None):
    """The everyday district report: title block, header, (1)…(n) row,
    units, total, signatures. Returns {unit name: row}."""
    if cols is None:
        cols = [stt_col(), name_col()] + count_cols(ALL, text=text) + [note_col()]
    r = title_block(ws, 1, title if title is not None else std_title(period_text), len(cols))
    r = header_rows(ws, r, cols)
    if numbering:
        r = numbering_row(ws, r, cols)
    r, rows = unit_rows(ws, r, cols, units)
    if total:
        r = total_row(ws, r, cols, units, total_label, text=text)
    if foot:
        footer(ws, r, len(cols))
    return rows


def save(wb, path):
    wb.save(path)
    normalise_zip(path)


def normalise_zip(path, text_fix=None):
    """Rewrite a zip with fixed timestamps (and fixed dates in its
    metadata) so that a second run writes the same bytes."""
    with zipfile.ZipFile(path) as z:
        items = [(i, z.read(i.filename)) for i in z.infolist()]
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w") as out:
        for info, data in items:
            ni = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            ni.compress_type = info.compress_type
            ni.external_attr = 0o644 << 16
            if info.filename in ("docProps/core.xml", "meta.xml", "docProps/app.xml"):
                data = fix_dates(data)
            out.writestr(ni, data)
    os.replace(tmp, path)


def fix_dates(data):
    s = data.decode("utf-8")
    s = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", "2024-11-26T08:00:00Z", s)
    s = re.sub(r"<meta:editing-duration>[^<]*</meta:editing-duration>", "<meta:editing-duration>PT0S</meta:editing-duration>", s)
    s = re.sub(r"<meta:generator>[^<]*</meta:generator>", "<meta:generator>LibreOffice</meta:generator>", s)
    return s.encode("utf-8")


# ---------------------------------------------------------------- tools

PROFILE = os.path.join(tempfile.gettempdir(), "bhxh-shapes-lo-profile")


def soffice(src, fmt, outdir, name=None):
    """Convert with LibreOffice headless (its own profile, so that other
    users' running instances do not swallow the call). fmt is what
    --convert-to takes; returns the written path."""
    tmpdir = tempfile.mkdtemp(prefix="shapes-lo-")
    try:
        cmd = ["soffice", "-env:UserInstallation=file://" + PROFILE, "--headless",
               "--convert-to", fmt, "--outdir", tmpdir, src]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        made = [f for f in os.listdir(tmpdir)]
        if len(made) != 1:
            raise RuntimeError("soffice made %r from %s" % (made, src))
        ext = os.path.splitext(made[0])[1]
        dst = os.path.join(outdir, (name or os.path.splitext(os.path.basename(src))[0]) + ("" if name and "." in name else ext))
        shutil.move(os.path.join(tmpdir, made[0]), dst)
        return dst
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


OPENED = set()  # files LibreOffice has opened during this run


def lo_csv(path, sheet=None):
    """What LibreOffice shows on a sheet (1-based index; default the
    first), as rows of strings: how the truths are checked against it."""
    OPENED.add(os.path.abspath(path))
    tmpdir = tempfile.mkdtemp(prefix="shapes-csv-")
    try:
        filt = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false'
        if sheet is not None:
            filt += ",%d" % sheet
        subprocess.run(["soffice", "-env:UserInstallation=file://" + PROFILE, "--headless",
                        "--convert-to", filt, "--outdir", tmpdir, path],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        made = sorted(os.listdir(tmpdir))
        if not made:
            raise RuntimeError("LibreOffice could not open " + path)
        import csv
        with open(os.path.join(tmpdir, made[0]), encoding="utf-8", newline="") as f:
            return list(csv.reader(f))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def excelize(spec, out):
    """Build a workbook with the small excelize program beside this file,
    from a JSON spec of sheets, cells, merges and (shared) formulas."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(spec, f, ensure_ascii=False)
        name = f.name
    try:
        subprocess.run(["go", "run", "./testdata/shapes/gen/excelize", name, out], check=True, cwd=REPO)
    finally:
        os.unlink(name)
    normalise_zip(out)


_bhxh = None


def bhxh(*args, cwd=None):
    """Run the current bhxh (built once from this tree) to make its own
    reports; its figures are never used as a truth."""
    global _bhxh
    if _bhxh is None:
        d = tempfile.mkdtemp(prefix="shapes-bhxh-")
        _bhxh = os.path.join(d, "bhxh")
        subprocess.run(["go", "build", "-o", _bhxh, "./cmd/bhxh"], check=True, cwd=REPO,
                       env=dict(os.environ, CGO_ENABLED="0"))
    env = dict(os.environ, SOURCE_DATE_EPOCH="1732608000")  # the report's "Thời điểm lập": 2024-11-26
    p = subprocess.run([_bhxh] + list(args), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError("bhxh %s: %s" % (" ".join(args), p.stderr))


# ---------------------------------------------------------------- cases

CASES = []


def case(name, issue, args, truth, expected=None):
    """Register a case and write its expected file beside the workbooks.
    args use {dir} for testdata/shapes."""
    expected = expected or name + ".expected.json"
    CASES.append({"name": name, "issue": issue, "args": args, "expected": expected})
    with open(os.path.join(SHAPES, expected), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=1)
        f.write("\n")


def compute_args(fname, *flags):
    return ["compute", "--format", "json"] + list(flags) + ["{dir}/" + fname]


def out(fname):
    return os.path.join(SHAPES, fname)


# ---------------------------------------------------------------- checks

MARKERS = re.compile(r"^\s*(?:Trong đó:?|[-+•*]|\d{1,3}[.)])\s+", re.I)


def lo_number(s):
    """A count as LibreOffice shows it ("29.024", "29,024", "-", "10.411 người")."""
    s = s.replace("\u00a0", " ").strip()
    s = re.sub(r"\s*(người|ng)$", "", s)
    if s == "-":
        return 0
    t = s.replace(".", "").replace(",", "").replace(" ", "")
    return int(t) if t.isdigit() else None


def check_units(path, units, keys, sheet=None):
    """Fail unless LibreOffice shows, on the row of each unit, every count
    of the truth: a wrong truth is worse than none."""
    rows = lo_csv(path, sheet)
    for u in units:
        found = False
        for row in rows:
            names = [unicodedata.normalize("NFC", MARKERS.sub("", c)).strip() for c in row]
            if u.name not in names:
                continue
            nums = {lo_number(c) for c in row}
            missing = [k for k in keys if u.c[k] not in nums]
            if not missing:
                found = True
                break
        if not found:
            raise AssertionError("%s (sheet %s): LibreOffice does not show %s with %s"
                                 % (os.path.basename(path), sheet, u.name, {k: u.c[k] for k in keys}))
    return rows
