"""The count job as an analyst would write it with pandas + openpyxl.

usage: /usr/bin/python3 count_pandas.py LIST.xlsx OUT.tsv
Writes one line per unit and scheme: code, scheme, persons (sorted).
"""
import sys
import unicodedata

import pandas as pd


def fold(s):
    s = unicodedata.normalize("NFD", str(s)).replace("đ", "d").replace("Đ", "d")
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return " ".join("".join(c if c.isalnum() else " " for c in s).split())


def kind_to_scheme(v):
    f = " " + fold(v) + " "
    out = []
    if " bat buoc " in f or " bb " in f:
        out.append("bhxh_mandatory")
    if " tu nguyen " in f or " tn " in f:
        out.append("bhxh_voluntary")
    if " bhtn " in f or " that nghiep " in f:
        out.append("bhtn")
    if " bhyt " in f or " y te " in f:
        out.append("bhyt")
    if not out:
        raise ValueError(f"unknown kind {v!r}")
    return out


def main(path, out):
    # The heading is 3 rows (title, period, header): header=2.
    df = pd.read_excel(path, sheet_name=0, header=2, dtype=str, engine="openpyxl")
    cols = {fold(c): c for c in df.columns}
    pid, code, kind = cols["ma so bhxh"], cols["ma xa"], cols["loai hinh"]
    df = df[[pid, code, kind]].dropna(how="all")
    bad = ~df[pid].str.fullmatch(r"\d{10}")
    if bad.any():
        raise SystemExit(f"malformed mã số BHXH in {int(bad.sum())} rows")
    schemes = {v: kind_to_scheme(v) for v in df[kind].unique()}
    df = df.assign(scheme=df[kind].map(schemes)).explode("scheme")
    df = df.drop_duplicates(subset=[pid, "scheme"], keep="first")
    counts = df.groupby([code, "scheme"]).size()
    with open(out, "w", encoding="utf-8") as f:
        for (c, s), n in sorted(counts.items()):
            f.write(f"{c}\t{s}\t{n}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
