package xlsxio

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// TestTCVN3Fixture reads every text cell of tcvn3-headers.xlsx with its
// font, decodes it and checks headers, title and names come out right.
func TestTCVN3Fixture(t *testing.T) {
	f, err := excelize.OpenFile(filepath.Join("..", "testdata", "fixtures", "tcvn3-headers.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetName(0)
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for r, row := range rows {
		for c, v := range row {
			if v == "" {
				continue
			}
			cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
			font := ""
			if idx, err := f.GetCellStyle(sheet, cell); err == nil {
				if st, err := f.GetStyle(idx); err == nil && st.Font != nil {
					font = st.Font.Family
				}
			}
			got[cell] = vntext.DecodeLegacy(v, font)
		}
	}
	want := map[string]string{
		"A1":  "BHXH TỈNH NAM SƠN",
		"A2":  "BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA BHXH, BHYT",
		"A3":  "Tháng 3 năm 2022",
		"B5":  "Đơn vị",
		"C5":  "Lực lượng lao động trong độ tuổi",
		"D5":  "Dân số",
		"E5":  "Số người tham gia BHXH bắt buộc",
		"F5":  "Số người tham gia BHXH tự nguyện",
		"G5":  "Số người tham gia BHYT",
		"B6":  "Thành phố Nam Sơn",
		"B7":  "Thị xã Phù Lưu",
		"B8":  "Huyện Kim Thượng",
		"B9":  "Huyện Vĩnh Lộc Hạ",
		"B10": "Huyện Đồng Lâm",
		"B11": "Huyện Tiền Hải Nam",
		"B12": "Tổng cộng",
		"B14": "Người lập biểu",
		"F14": "GIÁM ĐỐC",
	}
	for cell, w := range want {
		if got[cell] != w {
			t.Errorf("%s: decoded %q, want %q", cell, got[cell], w)
		}
	}
	keys := map[string]string{"B5": "unit", "C5": "labour_force", "D5": "population",
		"E5": "bhxh_mandatory", "F5": "bhxh_voluntary", "G5": "bhyt"}
	for cell, k := range keys {
		if key, why := MatchHeader("", got[cell]); key != k {
			t.Errorf("%s %q: key %q (%s), want %q", cell, got[cell], key, why, k)
		}
	}
	if p, ok := parsePeriod(got["A3"]); p != "2022-03" || !ok {
		t.Errorf("period of %q = %q", got["A3"], p)
	}
	if !isTotalLabel(got["B12"]) || !isFooterLabel(got["B14"]) || !isFooterLabel(got["F14"]) {
		t.Errorf("labels of decoded total/footer not recognised")
	}
	// Without the fonts, the heuristic must spot the TCVN3 cells.
	raw, _ := f.GetCellValue(sheet, "C5")
	if !vntext.LooksLikeTCVN3(raw) || !strings.Contains(raw, "\u00ad") {
		t.Errorf("vntext.LooksLikeTCVN3(%q) = false", raw)
	}
}
