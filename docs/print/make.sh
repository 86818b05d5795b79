#!/bin/sh
# Regenerates docs/print/*.png (and docs/bao-cao-tong-hop.png,
# docs/xu-huong-du-bao*.png): the five xlsx reports an office prints, made
# from the bundled testdata, printed by LibreOffice headless to PDF, each
# page a PNG (pdftoppm). Run from the repository's root: `make print-docs`.
# Not run by CI (LibreOffice's rendering changes between versions).
#
# Needs soffice (LibreOffice calc) and pdftoppm (poppler-utils).
set -eu
BHXH=${BHXH:-bin/bhxh}
DPI=${DPI:-55}
out=docs/print
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

fx=testdata/fixtures
yr=testdata/year
# bhxh's warnings on the bundled workbooks are known and beside the point
# here: kept aside, shown when a run fails.
run() {
	"$BHXH" "$@" 2>>"$work/warnings.txt" || { cat "$work/warnings.txt" >&2; exit 1; }
}
run compute --target bhxh=30 --target bhyt=95 -o "$work/bao-cao.xlsx" "$fx/tinh-mau-2023-11.xlsx"
run allocate --indicator bhxh --rate 25 \
	--col 'Đơn vị=unit' --col 'LLLĐ trong độ tuổi=labour_force' \
	--col 'BHXH bắt buộc=bhxh_mandatory' --col 'BHXH tự nguyện=bhxh_voluntary' \
	-o "$work/giao-chi-tieu.xlsx" "$fx/phan-bo-co-so.xlsx"
run trend --target bhyt=96.1 -o "$work/xu-huong.xlsx" \
	"$yr/son-la-mau-2024-10.xlsx" "$yr/son-la-mau-2024-11.xlsx"
run trend --project --target bhyt=96.1 -o "$work/xu-huong-du-bao.xlsx" \
	"$yr/son-la-mau-2024-09.xlsx" "$yr/son-la-mau-2024-10.xlsx" "$yr/son-la-mau-2024-11.xlsx"
run template --period 2025-10 -o "$work/mau-nhap.xlsx"
run count -o "$work/so-nguoi.xlsx" testdata/join/ds.xlsx

# A LibreOffice profile of its own: another soffice running (another
# engineer's, the tests') would otherwise take the conversion over.
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" \
	"$work"/*.xlsx >/dev/null

rm -f "$out"/*.png
for r in bao-cao giao-chi-tieu xu-huong mau-nhap so-nguoi; do
	pdftoppm -png -r "$DPI" "$work/$r.pdf" "$out/$r"
done
# The README's larger views: the compute summary's BHXH block (page 2),
# the projected trend's BHYT sheet (its table, then its chart).
pdftoppm -png -r 110 -f 2 -l 2 -singlefile "$work/bao-cao.pdf" docs/bao-cao-tong-hop
pdftoppm -png -r 110 -f 1 -l 1 -singlefile "$work/xu-huong-du-bao.pdf" docs/xu-huong-du-bao
pdftoppm -png -r 110 -f 2 -l 2 -singlefile "$work/xu-huong-du-bao.pdf" docs/xu-huong-du-bao-bieu-do
ls "$out"/*.png docs/*.png
