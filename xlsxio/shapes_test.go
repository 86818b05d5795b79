package xlsxio

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
)

// The shapes real district and commune workbooks take, beyond the shared
// fixtures: each case builds a workbook in memory and checks what the
// reader finds exactly (units with every count, total, subtotals, period).
//
// Decisions the cases pin down (see also TestParsePeriod):
//   - A three-row header (group over role over scheme) is read through its
//     two lowest rows: the role row ("Thực hiện" / "Kế hoạch") decides
//     current vs plan; the top group ("Số người tham gia") adds nothing.
//   - A quarter ("Quý IV năm 2023") is its last month (2023-12); "6 tháng đầu
//     năm 2024" is 2024-06; a bare year ("Năm 2023") gives no period, as a
//     header such as "Kế hoạch năm 2024" must not set one.
//   - The table ends at the footer, or at a row that is itself a header
//     (a second table, "Phụ lục", further down the sheet).
//   - A unit code typed as a number keeps its digits and gets back the
//     leading zeros of its level: 5 digits for communes (a header naming
//     xã/phường, or a column whose codes run to 4–5 digits: no other level
//     has that many), 3 for districts (huyện/quận), 2 for provinces (tỉnh).

// shape is one workbook to build: rows as for book, plus merges ("A2:A4"),
// number formats by cell ("E5": "0.00%") and hidden rows (1-based).
type shape struct {
	rows    [][]any
	merges  []string
	formats map[string]string
	hidden  []int
}

func (sh shape) build(t testing.TB) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Sheet1"
	for r, row := range sh.rows {
		for c, v := range row {
			if v == nil {
				continue
			}
			axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if err := f.SetCellValue(sheet, axis, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, m := range sh.merges {
		a, b, _ := strings.Cut(m, ":")
		if err := f.MergeCell(sheet, a, b); err != nil {
			t.Fatal(err)
		}
	}
	for axis, code := range sh.formats {
		code := code
		id, err := f.NewStyle(&excelize.Style{CustomNumFmt: &code})
		if err != nil {
			t.Fatal(err)
		}
		if err := f.SetCellStyle(sheet, axis, axis, id); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range sh.hidden {
		if err := f.SetRowVisible(sheet, r, false); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wantUnit is a unit as it must be read: counts written "key=n key=n" and
// compared with the whole Counts map; percents likewise, "" for none.
type wantUnit struct {
	name, code, counts, percents string
}

// shapeCase: want.total "" means no total row; subtotals counts the
// subtotal (and numbered section) rows kept.
type shapeCase struct {
	name      string
	data      func(t testing.TB) []byte
	file      string // "" = shape.xlsx
	units     []wantUnit
	total     string
	subtotals int
	period    string
	noRateMis bool   // coverage.Compute must give no rate_mismatch
	issue     string // an Issue code the read must report, "" for none
}

func xlsx(sh shape) func(testing.TB) []byte { return sh.build }

// the usual columns of a district report: STT, name, LLLĐ, BB, TN, BHTN, Dân số, BHYT
var plainHeader = []any{"STT", "Đơn vị", "LLLĐ trong độ tuổi", "BHXH bắt buộc", "BHXH tự nguyện", "BHTN", "Dân số", "BHYT"}

func counts(lf, bb, tn, bhtn, ds, bhyt int) string {
	return fmt.Sprintf("labour_force=%d bhxh_mandatory=%d bhxh_voluntary=%d bhtn=%d population=%d bhyt=%d", lf, bb, tn, bhtn, ds, bhyt)
}

func shapeCases() []shapeCase {
	return []shapeCase{
		{
			// 1. group "Số người tham gia" over "Thực hiện"/"Kế hoạch" over schemes
			name: "three-row header: current and plan under one top group",
			data: xlsx(shape{
				rows: [][]any{
					{"BÁO CÁO TÌNH HÌNH THAM GIA BHXH, BHYT THÁNG 11 NĂM 2023"},
					{"STT", "Đơn vị", "LLLĐ trong độ tuổi", "Số người tham gia"},
					{nil, nil, nil, "Thực hiện", nil, nil, nil, "Kế hoạch"},
					{nil, nil, nil, "BB", "TN", "BHTN", "BHYT", "BB", "TN", "BHTN", "BHYT"},
					{1, "Huyện A", 1000, 300, 20, 250, 900, 320, 25, 260, 950},
					{2, "Huyện B", 2000, 400, 30, 350, 1800, 420, 35, 360, 1850},
					{nil, "Tổng cộng", 3000, 700, 50, 600, 2700, 740, 60, 620, 2800},
				},
				merges: []string{"A1:K1", "A2:A4", "B2:B4", "C2:C4", "D2:K2", "D3:G3", "H3:K3"},
			}),
			units: []wantUnit{
				{name: "Huyện A", counts: "labour_force=1000 bhxh_mandatory=300 bhxh_voluntary=20 bhtn=250 bhyt=900 plan_bhxh_mandatory=320 plan_bhxh_voluntary=25 plan_bhtn=260 plan_bhyt=950"},
				{name: "Huyện B", counts: "labour_force=2000 bhxh_mandatory=400 bhxh_voluntary=30 bhtn=350 bhyt=1800 plan_bhxh_mandatory=420 plan_bhxh_voluntary=35 plan_bhtn=360 plan_bhyt=1850"},
			},
			total:  "labour_force=3000 bhxh_mandatory=700 bhxh_voluntary=50 bhtn=600 bhyt=2700 plan_bhxh_mandatory=740 plan_bhxh_voluntary=60 plan_bhtn=620 plan_bhyt=2800",
			period: "2023-11",
		},
		{
			// 1b. the role on the top row, schemes in the middle, "Số người" /
			// "Tỷ lệ" at the bottom: the two lowest rows alone cannot tell the
			// plan block from the achieved one, so the top row is read too
			name: "three-row header: role on top, scheme in the middle, people/rate at the bottom",
			data: xlsx(shape{
				rows: [][]any{
					{"STT", "Đơn vị", "LLLĐ trong độ tuổi", "Kế hoạch năm 2024", nil, nil, nil, "Thực hiện đến 30/11/2024"},
					{nil, nil, nil, "BHXH bắt buộc", nil, "BHXH tự nguyện", nil, "BHXH bắt buộc", nil, "BHXH tự nguyện"},
					{nil, nil, nil, "Số người", "Tỷ lệ (%)", "Số người", "Tỷ lệ (%)", "Số người", "Tỷ lệ (%)", "Số người", "Tỷ lệ (%)"},
					{1, "Huyện A", 1000, 320, "32,0", 25, "2,5", 300, "30,0", 20, "2,0"},
					{2, "Huyện B", 2000, 420, "21,0", 35, "1,75", 400, "20,0", 30, "1,5"},
				},
				merges: []string{"A1:A3", "B1:B3", "C1:C3", "D1:G1", "H1:K1", "D2:E2", "F2:G2", "H2:I2", "J2:K2"},
			}),
			units: []wantUnit{
				{name: "Huyện A", counts: "labour_force=1000 bhxh_mandatory=300 bhxh_voluntary=20 plan_bhxh_mandatory=320 plan_bhxh_voluntary=25",
					percents: "rate_bhxh_mandatory=30 rate_bhxh_voluntary=2 target_bhxh_mandatory=32 target_bhxh_voluntary=2.5"},
				{name: "Huyện B", counts: "labour_force=2000 bhxh_mandatory=400 bhxh_voluntary=30 plan_bhxh_mandatory=420 plan_bhxh_voluntary=35",
					percents: "rate_bhxh_mandatory=20 rate_bhxh_voluntary=1.5 target_bhxh_mandatory=21 target_bhxh_voluntary=1.75"},
			},
			period:    "2024-11",
			noRateMis: true,
		},
		{
			// 1c. the same typed without merges (a CSV export): each group in
			// its first column only
			name: "three-row header in a CSV: groups in their first column only",
			file: "three.csv",
			data: func(testing.TB) []byte {
				return []byte("STT;Đơn vị;LLLĐ trong độ tuổi;Kế hoạch năm 2024;;Thực hiện đến 30/11/2024;\n" +
					";;;BHXH bắt buộc;BHXH tự nguyện;BHXH bắt buộc;BHXH tự nguyện\n" +
					";;;Số người;Số người;Số người;Số người\n" +
					"1;Huyện A;1.000;320;25;300;20\n" +
					"2;Huyện B;2.000;420;35;400;30\n")
			},
			units: []wantUnit{
				{name: "Huyện A", counts: "labour_force=1000 bhxh_mandatory=300 bhxh_voluntary=20 plan_bhxh_mandatory=320 plan_bhxh_voluntary=25"},
				{name: "Huyện B", counts: "labour_force=2000 bhxh_mandatory=400 bhxh_voluntary=30 plan_bhxh_mandatory=420 plan_bhxh_voluntary=35"},
			},
			period: "2024-11",
		},
		{
			// 2. "Đơn vị" merged over B:C, names in B, C empty
			name: "unit header merged across two columns, names in the first",
			data: xlsx(shape{
				rows: [][]any{
					{"Tháng 11/2023"},
					{"STT", "Đơn vị", nil, "LLLĐ trong độ tuổi", "BHXH bắt buộc", "BHXH tự nguyện", "BHTN", "Dân số", "BHYT"},
					{1, "Huyện A", nil, 1000, 300, 20, 250, 1200, 900},
					{2, "Huyện B", nil, 2000, 400, 30, 350, 2400, 1800},
				},
				merges: []string{"B2:C2", "B3:C3"},
			}),
			units: []wantUnit{
				{name: "Huyện A", counts: counts(1000, 300, 20, 250, 1200, 900)},
				{name: "Huyện B", counts: counts(2000, 400, 30, 350, 2400, 1800)},
			},
			period: "2023-11",
		},
		{
			// 2b. "Đơn vị" merged over B:C holding the code in B, the name in C
			name: "unit header merged over code and name columns",
			data: xlsx(shape{
				rows: [][]any{
					{"STT", "Đơn vị", nil, "LLLĐ trong độ tuổi", "BHXH bắt buộc"},
					{1, "04402", "Xã A", 1000, 300},
					{2, "04405", "Xã B", 2000, 400},
					{nil, "Tổng cộng", nil, 3000, 700},
				},
				merges: []string{"B1:C1", "B4:C4"},
			}),
			units: []wantUnit{
				{name: "Xã A", code: "04402", counts: "labour_force=1000 bhxh_mandatory=300"},
				{name: "Xã B", code: "04405", counts: "labour_force=2000 bhxh_mandatory=400"},
			},
			total: "labour_force=3000 bhxh_mandatory=700",
		},
		{
			// 2c. names indented into the second column of the merged header
			name: "unit header merged across two columns, names in the second",
			data: xlsx(shape{
				rows: [][]any{
					{"STT", "Tên đơn vị", nil, "LLLĐ trong độ tuổi", "BHXH bắt buộc"},
					{"I", "Khu vực phường"},
					{1, nil, "Phường 1", 1000, 300},
					{2, nil, "Phường 2", 2000, 400},
				},
				merges: []string{"B1:C1"},
			}),
			units: []wantUnit{
				{name: "Phường 1", counts: "labour_force=1000 bhxh_mandatory=300"},
				{name: "Phường 2", counts: "labour_force=2000 bhxh_mandatory=400"},
			},
		},
		{
			// 3a. total first, sections with "Cộng" subtotals, a grand total at the end
			name: "total first, Cộng subtotals, grand total again at the end",
			data: xlsx(shape{
				rows: [][]any{
					plainHeader,
					{nil, "Tổng cộng", 3500, 1000, 65, 900, 4200, 3100},
					{"I", "Khu vực phường"},
					{1, "Phường 1", 1000, 300, 20, 250, 1200, 900},
					{2, "Phường 10", 2000, 400, 30, 350, 2400, 1800},
					{nil, "Cộng", 3000, 700, 50, 600, 3600, 2700},
					{"II", "Khu vực xã"},
					{3, "Xã A Lưới", 500, 300, 15, 300, 600, 400},
					{nil, "Cộng khu vực xã", 500, 300, 15, 300, 600, 400},
					{nil, "Tổng cộng", 3500, 1000, 65, 900, 4200, 3100},
				},
			}),
			units: []wantUnit{
				{name: "Phường 1", counts: counts(1000, 300, 20, 250, 1200, 900)},
				{name: "Phường 10", counts: counts(2000, 400, 30, 350, 2400, 1800)},
				{name: "Xã A Lưới", counts: counts(500, 300, 15, 300, 600, 400)},
			},
			total:     counts(3500, 1000, 65, 900, 4200, 3100),
			subtotals: 2,
		},
		{
			// 3b. "Tổng cộng" typed in A, merged over A:B
			name: "total labelled in the STT column merged over the name column",
			data: xlsx(shape{
				rows: [][]any{
					plainHeader,
					{1, "Huyện A", 1000, 300, 20, 250, 1200, 900},
					{2, "Huyện B", 2000, 400, 30, 350, 2400, 1800},
					{"Tổng cộng", nil, 3000, 700, 50, 600, 3600, 2700},
				},
				merges: []string{"A4:B4"},
			}),
			units: []wantUnit{
				{name: "Huyện A", counts: counts(1000, 300, 20, 250, 1200, 900)},
				{name: "Huyện B", counts: counts(2000, 400, 30, 350, 2400, 1800)},
			},
			total: counts(3000, 700, 50, 600, 3600, 2700),
		},
		{
			// 3c. the same without the merge: the name cell is empty
			name: "total labelled in the STT column only",
			data: xlsx(shape{
				rows: [][]any{
					plainHeader,
					{"TỔNG CỘNG", nil, 3000, 700, 50, 600, 3600, 2700},
					{1, "Huyện A", 1000, 300, 20, 250, 1200, 900},
					{2, "Huyện B", 2000, 400, 30, 350, 2400, 1800},
				},
			}),
			units: []wantUnit{
				{name: "Huyện A", counts: counts(1000, 300, 20, 250, 1200, 900)},
				{name: "Huyện B", counts: counts(2000, 400, 30, 350, 2400, 1800)},
			},
			total: counts(3000, 700, 50, 600, 3600, 2700),
		},
		{
			// 4. blank and hidden spacer rows, a unit of dashes, "x" cells
			name: "spacer rows, a row of dashes, x for not applicable",
			data: xlsx(shape{
				rows: [][]any{
					plainHeader,
					{1, "Xã Ia Grai", 1000, 300, 20, 250, 1200, 900},
					{},
					{nil, nil, "", ""},
					{2, "Xã Ia Ka", "-", "-", "-", "-", "-", "-"},
					{},
					{3, "Đặc khu Côn Đảo", 2000, 400, "x", "x", 2400, 1800},
					{nil, "Tổng cộng", 3000, 700, 20, 250, 3600, 2700},
				},
				hidden: []int{3, 4, 6},
			}),
			units: []wantUnit{
				{name: "Xã Ia Grai", counts: counts(1000, 300, 20, 250, 1200, 900)},
				{name: "Xã Ia Ka", counts: counts(0, 0, 0, 0, 0, 0)},
				{name: "Đặc khu Côn Đảo", counts: "labour_force=2000 bhxh_mandatory=400 population=2400 bhyt=1800"},
			},
			total: counts(3000, 700, 20, 250, 3600, 2700),
		},
		{
			// 5. numbers of every kind in one table, rates in three forms
			name: "mixed numbers: text and numeric, NBSP and space thousands, rates as text, % format, General noise",
			data: xlsx(shape{
				rows: [][]any{
					{"STT", "Đơn vị", "LLLĐ trong độ tuổi", "Số người tham gia BHXH bắt buộc", "Tỷ lệ tham gia BHXH bắt buộc (%)"},
					{1, "Huyện A", 10000, 4161, 0.4161},
					{2, "Huyện B", "1\u00a0000", "460", "46,0%"},
					{3, "Huyện C", "10 000", "4.161", 41.6100000001},
					{4, "Huyện D", "13.000", 5410, 41.615384615384615},
					{5, "Huyện E", 1234, "1 234", "100"},
				},
				formats: map[string]string{"E2": "0.00%"},
			}),
			units: []wantUnit{
				{name: "Huyện A", counts: "labour_force=10000 bhxh_mandatory=4161", percents: "rate_bhxh_mandatory=41.61"},
				{name: "Huyện B", counts: "labour_force=1000 bhxh_mandatory=460", percents: "rate_bhxh_mandatory=46"},
				{name: "Huyện C", counts: "labour_force=10000 bhxh_mandatory=4161", percents: "rate_bhxh_mandatory=41.61"},
				{name: "Huyện D", counts: "labour_force=13000 bhxh_mandatory=5410", percents: "rate_bhxh_mandatory=41.61538462"},
				{name: "Huyện E", counts: "labour_force=1234 bhxh_mandatory=1234", percents: "rate_bhxh_mandatory=100"},
			},
			noRateMis: true,
		},
		{
			// 6. a title naming the reporting unit, "Đơn vị tính" over the last column
			name: "title block with Đơn vị báo cáo and Đơn vị tính above the header",
			data: xlsx(shape{
				rows: [][]any{
					{"BẢO HIỂM XÃ HỘI TỈNH Y", nil, nil, nil, nil, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
					{"Đơn vị báo cáo: BHXH huyện X"},
					{"Đơn vị nhận báo cáo: BHXH tỉnh Y"},
					{"BÁO CÁO SỐ NGƯỜI THAM GIA BHXH, BHYT"},
					{"Kỳ báo cáo: 10/2025"},
					{nil, nil, nil, nil, nil, nil, nil, "Đơn vị tính: người"},
					plainHeader,
					{1, "Xã Cộng Hòa", 1000, 300, 20, 250, 1200, 900},
					{2, "Thị trấn Cộng Hòa", 2000, 400, 30, 350, 2400, 1800},
				},
				merges: []string{"A4:H4"},
			}),
			units: []wantUnit{
				{name: "Xã Cộng Hòa", counts: counts(1000, 300, 20, 250, 1200, 900)},
				{name: "Thị trấn Cộng Hòa", counts: counts(2000, 400, 30, 350, 2400, 1800)},
			},
			period: "2025-10",
		},
		{
			// 6b. the reporting-unit line right above the header, in the name column
			name: "Đơn vị báo cáo line directly above the header, not merged",
			data: xlsx(shape{
				rows: [][]any{
					{"Quý IV năm 2023"},
					{nil, "Đơn vị báo cáo: BHXH huyện X", nil, "Đơn vị tính: người"},
					plainHeader,
					{1, "Xã Tổng Cọt", 1000, 300, 20, 250, 1200, 900},
					{2, "Xã Toàn Thắng", 2000, 400, 30, 350, 2400, 1800},
				},
			}),
			units: []wantUnit{
				{name: "Xã Tổng Cọt", counts: counts(1000, 300, 20, 250, 1200, 900)},
				{name: "Xã Toàn Thắng", counts: counts(2000, 400, 30, 350, 2400, 1800)},
			},
			period: "2023-12",
		},
		{
			// 8. names that start like labels or numbering
			name: "unit names that look like labels: Cộng Hòa, Tổng, Toàn, Phường 1, Đặc khu",
			data: xlsx(shape{
				rows: [][]any{
					{"THÁNG 11 NĂM 2023"},
					plainHeader,
					{1, "Xã A Lưới", 100, 10, 1, 5, 120, 90},
					{2, "Phường 1", 100, 11, 1, 5, 120, 90},
					{3, "Phường 10", 100, 12, 1, 5, 120, 90},
					{4, "Xã Ia Grai", 100, 13, 1, 5, 120, 90},
					{5, "Đặc khu Côn Đảo", 100, 14, 1, 5, 120, 90},
					{6, "Thị trấn Cộng Hòa", 100, 15, 1, 5, 120, 90},
					{7, "Xã Cộng Hòa", 100, 16, 1, 5, 120, 90},
					{8, "Xã Tổng Cọt", 100, 17, 1, 5, 120, 90},
					{9, "Xã Toàn Thắng", 100, 18, 1, 5, 120, 90},
					{10, "Cộng Hòa", 100, 19, 1, 5, 120, 90},
					{11, "Phường I", 100, 20, 1, 5, 120, 90},
					{12, "Phường V", 100, 21, 1, 5, 120, 90},
					{13, "A Lưới", 100, 22, 1, 5, 120, 90},
					{14, "Phố Ràng", 100, 23, 1, 5, 120, 90},
					{15, "Kiến Xương", 100, 24, 1, 5, 120, 90},
					{16, "Ngọc Lặc", 100, 25, 1, 5, 120, 90},
					{nil, "Tổng cộng", 1600, 280, 16, 80, 1920, 1440},
				},
			}),
			units: func() []wantUnit {
				var us []wantUnit
				for i, n := range []string{"Xã A Lưới", "Phường 1", "Phường 10", "Xã Ia Grai", "Đặc khu Côn Đảo",
					"Thị trấn Cộng Hòa", "Xã Cộng Hòa", "Xã Tổng Cọt", "Xã Toàn Thắng", "Cộng Hòa", "Phường I",
					"Phường V", "A Lưới", "Phố Ràng", "Kiến Xương", "Ngọc Lặc"} {
					us = append(us, wantUnit{name: n, counts: counts(100, 10+i, 1, 5, 120, 90)})
				}
				return us
			}(),
			total:  counts(1600, 280, 16, 80, 1920, 1440),
			period: "2023-11",
		},
		{
			// 9. a second table (an annex) further down the sheet
			name: "a second table further down ends the first",
			data: xlsx(shape{
				rows: [][]any{
					plainHeader,
					{1, "Huyện A", 1000, 300, 20, 250, 1200, 900},
					{2, "Huyện B", 2000, 400, 30, 350, 2400, 1800},
					{nil, "Tổng cộng", 3000, 700, 50, 600, 3600, 2700},
					{},
					{"PHỤ LỤC: SỐ NGƯỜI THAM GIA THEO XÃ"},
					{"STT", "Tên đơn vị", "LLLĐ", "BHXH bắt buộc"},
					{1, "Xã C", 10, 3},
					{2, "Xã D", 20, 4},
				},
			}),
			units: []wantUnit{
				{name: "Huyện A", counts: counts(1000, 300, 20, 250, 1200, 900)},
				{name: "Huyện B", counts: counts(2000, 400, 30, 350, 2400, 1800)},
			},
			total: counts(3000, 700, 50, 600, 3600, 2700),
			issue: "second_table",
		},
		{
			// 9b. the same with a two-row header and no total before it
			name: "a second table with a two-row header and no blank line",
			data: xlsx(shape{
				rows: [][]any{
					plainHeader,
					{1, "Huyện A", 1000, 300, 20, 250, 1200, 900},
					{2, "Huyện B", 2000, 400, 30, 350, 2400, 1800},
					{"STT", "Đơn vị", "Số người tham gia"},
					{nil, nil, "BHXH bắt buộc", "BHYT"},
					{1, "Xã C", 10, 3},
				},
				merges: []string{"A4:A5", "B4:B5", "C4:D4"},
			}),
			units: []wantUnit{
				{name: "Huyện A", counts: counts(1000, 300, 20, 250, 1200, 900)},
				{name: "Huyện B", counts: counts(2000, 400, 30, 350, 2400, 1800)},
			},
			issue: "second_table",
		},
		footerCase("Người lập biểu", 0),
		footerCase("NGƯỜI LẬP", 0),
		footerCase("KT. GIÁM ĐỐC", 5),
		footerCase("Ghi chú: số liệu LLLĐ theo Cục Thống kê", 0),
		footerCase("Lưu ý: số liệu tạm tính", 0),
		footerCase("Phú Yên, ngày 05 tháng 11 năm 2025", 4),
		footerCase("…, ngày 05 tháng 11 năm 2025", 3),
		{
			// 11a. Excel "CSV" on Vietnamese Windows: ';', '.' thousands, ',' decimals
			name: "CSV with semicolons and decimal commas",
			file: "vn.csv",
			data: func(testing.TB) []byte {
				return []byte("\xEF\xBB\xBFBÁO CÁO THÁNG 11 NĂM 2023;;;;\r\n" +
					"STT;Đơn vị;LLLĐ trong độ tuổi;BHXH bắt buộc;Tỷ lệ BHXH bắt buộc (%)\r\n" +
					"1;Huyện A;10.000;4.161;41,61\r\n" +
					"2;Huyện B;1.000;460;46,0%\r\n" +
					";Tổng cộng;11.000;4.621;42,01\r\n")
			},
			units: []wantUnit{
				{name: "Huyện A", counts: "labour_force=10000 bhxh_mandatory=4161", percents: "rate_bhxh_mandatory=41.61"},
				{name: "Huyện B", counts: "labour_force=1000 bhxh_mandatory=460", percents: "rate_bhxh_mandatory=46"},
			},
			total:     "labour_force=11000 bhxh_mandatory=4621",
			period:    "2023-11",
			noRateMis: true,
		},
		{
			// 11b. Excel "Unicode Text": UTF-16LE with a BOM, tab separated
			name: "UTF-16LE tab-separated text with a BOM",
			file: "unicode.txt",
			data: func(testing.TB) []byte {
				return utf16LE("Tháng 11 năm 2023\r\n" +
					"STT\tĐơn vị\tLLLĐ trong độ tuổi\tBHXH bắt buộc\tBHYT\tDân số\r\n" +
					"1\tXã Ia Grai\t1.000\t300\t900\t1.200\r\n" +
					"2\tPhường 1\t2.000\t400\t1.800\t2.400\r\n")
			},
			units: []wantUnit{
				{name: "Xã Ia Grai", counts: "labour_force=1000 bhxh_mandatory=300 bhyt=900 population=1200"},
				{name: "Phường 1", counts: "labour_force=2000 bhxh_mandatory=400 bhyt=1800 population=2400"},
			},
			period: "2023-11",
		},
		{
			// 11c. Excel "CSV (Comma delimited)" on a Vietnamese Windows: the
			// ANSI code page, Windows-1258 (tone marks as combining characters)
			name: "CSV in Windows-1258",
			file: "ansi.csv",
			data: func(t testing.TB) []byte {
				return cp1258(t, "STT;Đơn vị;LLLĐ trong độ tuổi;BHXH bắt buộc\r\n1;Xã Tân Lập;1.000;300\r\n2;Phường Hòa Bình;2.000;400\r\n")
			},
			units: []wantUnit{
				{name: "Xã Tân Lập", counts: "labour_force=1000 bhxh_mandatory=300"},
				{name: "Phường Hòa Bình", counts: "labour_force=2000 bhxh_mandatory=400"},
			},
		},
		{
			// 12a. commune codes typed as numbers under "Mã ĐVHC"
			name: "codes typed as numbers under Mã ĐVHC: padded to 5 digits (commune codes)",
			data: xlsx(shape{
				rows: [][]any{
					{"STT", "Mã ĐVHC", "Xã, phường", "LLLĐ", "BHXH bắt buộc"},
					{1, 4402, "Xã A", 1000, 300},
					{2, "04405", "Xã B", 2000, 400},
					{3, 25, "Phường C", 3000, 500},
					{4, 31234, "Phường D", 4000, 600},
				},
			}),
			units: []wantUnit{
				{name: "Xã A", code: "04402", counts: "labour_force=1000 bhxh_mandatory=300"},
				{name: "Xã B", code: "04405", counts: "labour_force=2000 bhxh_mandatory=400"},
				{name: "Phường C", code: "00025", counts: "labour_force=3000 bhxh_mandatory=500"},
				{name: "Phường D", code: "31234", counts: "labour_force=4000 bhxh_mandatory=600"},
			},
		},
		{
			// 12b. district codes: "Mã huyện" pads to 3
			name: "codes typed as numbers under Mã huyện: padded to 3 digits",
			data: xlsx(shape{
				rows: [][]any{
					{"Mã huyện", "Huyện", "LLLĐ", "BHXH bắt buộc"},
					{1, "Quận Ba Đình", 1000, 300},
					{268, "Huyện Ba Vì", 2000, 400},
				},
			}),
			units: []wantUnit{
				{name: "Quận Ba Đình", code: "001", counts: "labour_force=1000 bhxh_mandatory=300"},
				{name: "Huyện Ba Vì", code: "268", counts: "labour_force=2000 bhxh_mandatory=400"},
			},
		},
		{
			// 12c. a bare "Mã" over short numbers says no level: kept as digits
			name: "codes typed as short numbers under a bare Mã: digits kept",
			data: xlsx(shape{
				rows: [][]any{
					{"Mã", "Đơn vị", "LLLĐ", "BHXH bắt buộc"},
					{1, "Đơn vị A", 1000, 300},
					{12, "Đơn vị B", 2000, 400},
				},
			}),
			units: []wantUnit{
				{name: "Đơn vị A", code: "1", counts: "labour_force=1000 bhxh_mandatory=300"},
				{name: "Đơn vị B", code: "12", counts: "labour_force=2000 bhxh_mandatory=400"},
			},
		},
	}
}

// footerCase: a footer line in column col (0-based) under the total ends the
// table; the signature block under it holds names that must not be units.
func footerCase(label string, col int) shapeCase {
	foot := make([]any, col+1)
	foot[col] = label
	return shapeCase{
		name: "footer " + label,
		data: xlsx(shape{
			rows: [][]any{
				plainHeader,
				{1, "Huyện A", 1000, 300, 20, 250, 1200, 900},
				{2, "Huyện B", 2000, 400, 30, 350, 2400, 1800},
				{nil, "Tổng cộng", 3000, 700, 50, 600, 3600, 2700},
				{},
				foot,
				{nil, "Nguyễn Văn A", nil, nil, nil, "Trần Thị B"},
				{nil, "Số liệu", 1, 2, 3, 4, 5, 6},
			},
		}),
		units: []wantUnit{
			{name: "Huyện A", counts: counts(1000, 300, 20, 250, 1200, 900)},
			{name: "Huyện B", counts: counts(2000, 400, 30, 350, 2400, 1800)},
		},
		total: counts(3000, 700, 50, 600, 3600, 2700),
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

func TestReadShapes(t *testing.T) {
	for _, tc := range shapeCases() {
		t.Run(tc.name, func(t *testing.T) {
			file := tc.file
			if file == "" {
				file = "shape.xlsx"
			}
			tab, err := readData(tc.data(t), file, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if tab.Period != tc.period {
				t.Errorf("period %q, want %q", tab.Period, tc.period)
			}
			var got []string
			for _, u := range tab.Units {
				got = append(got, u.Name)
			}
			if len(tab.Units) != len(tc.units) {
				t.Fatalf("units %q, want %d", got, len(tc.units))
			}
			for i, w := range tc.units {
				u := tab.Units[i]
				if u.Name != w.name || u.Code != w.code {
					t.Errorf("unit %d: %q code %q, want %q code %q", i, u.Name, u.Code, w.name, w.code)
				}
				if g := countsText(u.Counts); g != sortedText(w.counts) {
					t.Errorf("%s: counts\n got %s\nwant %s", w.name, g, sortedText(w.counts))
				}
				if g := percentsText(u); g != sortedText(w.percents) {
					t.Errorf("%s: percents\n got %s\nwant %s", w.name, g, sortedText(w.percents))
				}
			}
			switch {
			case tc.total == "" && tab.Total != nil:
				t.Errorf("total row %q read; want none", tab.Total.Name)
			case tc.total != "" && tab.Total == nil:
				t.Errorf("no total row; want %s", tc.total)
			case tc.total != "":
				if g := countsText(tab.Total.Counts); g != sortedText(tc.total) {
					t.Errorf("total\n got %s\nwant %s", g, sortedText(tc.total))
				}
			}
			if len(tab.Subtotals) != tc.subtotals {
				var names []string
				for _, s := range tab.Subtotals {
					names = append(names, s.Name)
				}
				t.Errorf("subtotals %q, want %d", names, tc.subtotals)
			}
			var codes []string
			for _, is := range tab.Issues {
				codes = append(codes, is.Code)
			}
			if tc.issue != "" && !strings.Contains(" "+strings.Join(codes, " ")+" ", " "+tc.issue+" ") {
				t.Errorf("issues %q, want %s", codes, tc.issue)
			}
			if tc.issue == "" && len(codes) > 0 {
				t.Errorf("issues %q, want none", codes)
			}
			if tc.noRateMis {
				res := coverage.Compute(tab.Units, tab.Total, coverage.Options{})
				for _, w := range res.Warnings {
					if w.Code == coverage.WarnRateMismatch {
						t.Errorf("false rate_mismatch: %+v", w)
					}
				}
			}
		})
	}
}

func countsText(m map[string]int64) string {
	var parts []string
	for k, v := range m {
		parts = append(parts, fmt.Sprintf("%s=%d", k, v))
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func percentsText(u coverage.Unit) string {
	var parts []string
	for k, v := range u.Percents {
		parts = append(parts, k+"="+v.String())
	}
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

func sortedText(s string) string {
	parts := strings.Fields(s)
	sort.Strings(parts)
	return strings.Join(parts, " ")
}

// A rate that disagrees with its counts must still be caught, whatever form
// it takes: the fixes for float noise must not hide a real mismatch.
func TestReadShapesRateMismatchStillCaught(t *testing.T) {
	data := shape{
		rows: [][]any{
			{"Đơn vị", "LLLĐ trong độ tuổi", "BHXH bắt buộc", "Tỷ lệ BHXH bắt buộc (%)"},
			{"Huyện A", 10000, 4161, 0.4171},
			{"Huyện B", 10000, 4161, 41.7100000001},
			{"Huyện C", 10000, 4161, "41,71%"},
		},
		formats: map[string]string{"D2": "0.00%"},
	}.build(t)
	tab, err := readData(data, "m.xlsx", Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := coverage.Compute(tab.Units, tab.Total, coverage.Options{})
	n := 0
	for _, w := range res.Warnings {
		if w.Code == coverage.WarnRateMismatch {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d rate_mismatch warnings, want 3: %+v", n, res.Warnings)
	}
}

// cp1258 encodes s the way Windows-1258 stores Vietnamese: letters with a
// circumflex, breve or horn precomposed, tone marks as combining characters.
func cp1258(t testing.TB, s string) []byte {
	t.Helper()
	var b strings.Builder
	var base, tones []rune
	flush := func() {
		b.WriteString(norm.NFC.String(string(base)))
		b.WriteString(string(tones))
		base, tones = base[:0], tones[:0]
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case r == '\u0300' || r == '\u0301' || r == '\u0303' || r == '\u0309' || r == '\u0323':
			tones = append(tones, r)
		case unicode.Is(unicode.Mn, r):
			base = append(base, r)
		default:
			flush()
			base = append(base, r)
		}
	}
	flush()
	out, err := charmap.Windows1258.NewEncoder().String(b.String())
	if err != nil {
		t.Fatal(err)
	}
	return []byte(out)
}
