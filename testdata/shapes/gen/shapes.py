"""Build testdata/shapes: every workbook and CSV of the corpus, each with
NAME.expected.json written from the data laid out here (never by running
bhxh on it), and the case lists.

    /usr/bin/python3 testdata/shapes/gen/shapes.py      (from the repository root)

A case already in cases.json (it passes) stays there; every other case
goes to pending.json. Needs soffice (LibreOffice), go, and openpyxl.
"""

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import lib  # noqa: E402
import shapes11  # noqa: E402
import shapes12  # noqa: E402


def load(name):
    p = os.path.join(lib.SHAPES, name)
    if not os.path.exists(p):
        return []
    with open(p, encoding="utf-8") as f:
        return json.load(f)


def dump(name, cases):
    with open(os.path.join(lib.SHAPES, name), "w", encoding="utf-8") as f:
        json.dump(cases, f, ensure_ascii=False, indent=1)
        f.write("\n")


def main():
    if len(sys.argv) > 1:
        # remake only the named shapes (functions of shapes11/shapes12),
        # leaving the case lists alone: for working on one shape
        for name in sys.argv[1:]:
            mod, fn = name.split(".")
            getattr({"shapes11": shapes11, "shapes12": shapes12}[mod], fn)()
        return
    passing = {c["name"] for c in load("cases.json")}
    known = passing | {c["name"] for c in load("pending.json")}
    shapes11.build()
    shapes12.build()
    # every file of the corpus must open in LibreOffice
    for f in sorted(os.listdir(lib.SHAPES)):
        p = os.path.join(lib.SHAPES, f)
        if os.path.isfile(p) and not f.endswith(".json") and not f.endswith(".md") and p not in lib.OPENED:
            lib.lo_csv(p)
    names = [c["name"] for c in lib.CASES]
    if len(names) != len(set(names)):
        sys.exit("duplicate case names")
    dump("cases.json", [c for c in lib.CASES if c["name"] in passing])
    dump("pending.json", [c for c in lib.CASES if c["name"] not in passing])
    gone = known - set(names)
    if gone:
        print("cases no longer made (dropped from the lists):", ", ".join(sorted(gone)))
    n11 = sum(1 for c in lib.CASES if c["issue"] == 11)
    print("%d cases (%d for issue 11, %d for issue 12); %d in cases.json, %d pending"
          % (len(names), n11, len(names) - n11, len(passing & set(names)), len(set(names) - passing)))


if __name__ == "__main__":
    main()
