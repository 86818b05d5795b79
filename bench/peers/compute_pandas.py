"""bhxh compute --out-dir's job with pandas: read each monthly workbook,
compute the coverage rates of every unit and the total, write one CSV
report per workbook.

usage: /usr/bin/python3 compute_pandas.py IN_DIR OUT_DIR
"""
import os
import sys

import pandas as pd

HEADERS = {
    "Mã đơn vị": "code", "Đơn vị": "unit",
    "Số người tham gia BHXH bắt buộc": "bhxh_mandatory",
    "Số người tham gia BHXH tự nguyện": "bhxh_voluntary",
    "Số người tham gia BHTN": "bhtn",
    "Số người tham gia BHYT": "bhyt",
    "Lực lượng lao động trong độ tuổi": "labour_force",
    "Dân số": "population",
    "Người sau độ tuổi nghỉ hưu": "retirement_age_population",
    "Người hưởng lương hưu, BHXH hằng tháng, trợ cấp hưu trí xã hội": "pension_recipients",
}
INDICATORS = {
    "bhxh": (["bhxh_mandatory", "bhxh_voluntary"], "labour_force"),
    "bhxh_mandatory": (["bhxh_mandatory"], "labour_force"),
    "bhxh_voluntary": (["bhxh_voluntary"], "labour_force"),
    "bhtn": (["bhtn"], "labour_force"),
    "bhyt": (["bhyt"], "population"),
    "pension": (["pension_recipients"], "retirement_age_population"),
}


def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    for name in sorted(os.listdir(src)):
        if not name.endswith(".xlsx"):
            continue
        df = pd.read_excel(os.path.join(src, name), sheet_name=0, dtype={"Mã đơn vị": str}, engine="openpyxl")
        df = df.rename(columns=HEADERS)
        total = df.drop(columns=["code", "unit"]).sum()
        total["code"], total["unit"] = "", "Tổng cộng"
        df = pd.concat([df, total.to_frame().T], ignore_index=True)
        for ind, (num, den) in INDICATORS.items():
            df["rate_" + ind] = (df[num].sum(axis=1) / df[den] * 100).astype(float).round(2)
        df.to_csv(os.path.join(dst, name[:-5] + ".csv"), index=False, encoding="utf-8-sig")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
