"""The count job on CSV lists as an analyst would write it with pandas.

usage: /usr/bin/python3 count_pandas_csv.py OUT.tsv LIST.csv...
Writes one line per unit and scheme: code, scheme, persons (sorted).
Only the three columns needed are read (usecols), as text.
"""
import sys

import pandas as pd

from count_pandas import fold, kind_to_scheme


def main(out, paths):
    frames = []
    for path in paths:
        header = pd.read_csv(path, nrows=0, encoding="utf-8-sig").columns
        cols = {fold(c): c for c in header}
        pid, code, kind = cols["ma so bhxh"], cols["ma xa"], cols["loai hinh"]
        df = pd.read_csv(path, usecols=[pid, code, kind], dtype=str, encoding="utf-8-sig")
        frames.append(df.rename(columns={pid: "pid", code: "code", kind: "kind"}))
    df = pd.concat(frames, ignore_index=True).dropna(how="all")
    bad = ~df["pid"].str.fullmatch(r"\d{10}")
    if bad.any():
        raise SystemExit(f"malformed mã số BHXH in {int(bad.sum())} rows")
    schemes = {v: kind_to_scheme(v) for v in df["kind"].unique()}
    df = df.assign(scheme=df["kind"].map(schemes)).explode("scheme")
    df = df.drop_duplicates(subset=["pid", "scheme"], keep="first")
    counts = df.groupby(["code", "scheme"]).size()
    with open(out, "w", encoding="utf-8") as f:
        for (c, s), n in sorted(counts.items()):
            f.write(f"{c}\t{s}\t{n}\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
