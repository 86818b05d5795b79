package report

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bhxh/bhxh/msg"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

func writeXLSX(t *testing.T, rep *Compute) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteComputeXLSX(&buf, rep); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func openReportXLSX(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// zipEntry is the part name of the zip b, and whether there is one.
func zipEntry(t *testing.T, b []byte, name string) (string, bool) {
	t.Helper()
	parts, _ := zipParts(t, b)
	part, ok := parts[name]
	return part, ok
}

// cellStyle returns the style of a cell.
func cellStyle(t *testing.T, f *excelize.File, sheet, cell string) *excelize.Style {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	s, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func raw(t *testing.T, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestComputeXLSXSummary reads the summary back cell by cell: every figure
// is the same string as in the other outputs, stored as a number with the
// right number format; the total row is bold.
func TestComputeXLSXSummary(t *testing.T) {
	rep := reportFromFixture(t, "tinh-mau-2023-11.targets.expected.json", map[string]string{"bhxh": "30", "bhyt": "95"})
	b := writeXLSX(t, rep)
	f := openReportXLSX(t, b)
	if got, want := f.GetSheetList(), []string{"Tổng hợp", "Biểu đồ", "Chênh lệch", "Kiểm tra", "Nguồn", "Nguồn số liệu"}; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("sheets %v, want %v", got, want)
	}
	const sh = "Tổng hợp"
	if title := raw(t, f, sh, "A1"); !strings.Contains(title, "tháng 11 năm 2023") {
		t.Errorf("title %q lacks the period", title)
	}
	heads, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	if heads[1][0] != "Đơn vị tính: người; %" {
		t.Errorf("A2 %q, want the unit of measure", heads[1][0])
	}
	head := heads[2]
	if head[0] != "STT" || head[1] != "Đơn vị" {
		t.Errorf("heads begin %q, want STT, Đơn vị", head[:2])
	}
	col := map[string]int{} // head → 1-based column
	for i, h := range head {
		col[h] = i + 1
	}
	for _, h := range []string{"Đơn vị", HeaderVI("bhxh_mandatory"), HeaderVI("labour_force"), "Tỷ lệ BHXH (%)",
		"Chỉ tiêu tỷ lệ BHXH (%)", "Thiếu so với chỉ tiêu BHXH (điểm %)", "Số người cần thêm để đạt chỉ tiêu BHXH",
		"Đạt % kế hoạch giao BHXH", "Tỷ lệ BHYT (%)"} {
		if col[h] == 0 {
			t.Errorf("no column %q in %q", h, head)
		}
	}
	if col["Mã đơn vị"] != 0 {
		t.Error("a code column though no unit has a code")
	}
	rows := reportRows(&rep.Result)
	for i, u := range rows {
		r := 4 + i
		total := i == len(rows)-1
		if got := raw(t, f, sh, cellName(2, r)); got != u.Name {
			t.Errorf("row %d: name %q, want %q", r, got, u.Name)
		}
		// STT numbers the units, as a number; the total has none.
		stt := strconv.Itoa(i + 1)
		if total {
			stt = ""
		}
		if got := raw(t, f, sh, cellName(1, r)); got != stt {
			t.Errorf("row %d: STT %q, want %q", r, got, stt)
		}
		if ty, _ := f.GetCellType(sh, cellName(1, r)); stt != "" && ty != excelize.CellTypeUnset && ty != excelize.CellTypeNumber {
			t.Errorf("row %d: STT type %v, want a number", r, ty)
		}
		check := func(c int, want string, numFmt int, customFmt string) {
			t.Helper()
			cell := cellName(c, r)
			if got := raw(t, f, sh, cell); got != want {
				t.Errorf("%s (%s, %s): %q, want %q", cell, u.Name, head[c-1], got, want)
			}
			if want != "" {
				if ty, _ := f.GetCellType(sh, cell); ty == excelize.CellTypeSharedString || ty == excelize.CellTypeInlineString {
					t.Errorf("%s holds text, want a number", cell)
				}
			}
			s := cellStyle(t, f, sh, cell)
			if customFmt != "" {
				if s.CustomNumFmt == nil || *s.CustomNumFmt != customFmt {
					t.Errorf("%s: number format %v, want %q", cell, s.CustomNumFmt, customFmt)
				}
			} else if s.NumFmt != numFmt {
				t.Errorf("%s: number format %d, want %d", cell, s.NumFmt, numFmt)
			}
			if bold := s.Font != nil && s.Font.Bold; bold != total {
				t.Errorf("%s: bold %v, want %v", cell, bold, total)
			}
		}
		for _, k := range coverage.CountKeys {
			if c := col[HeaderVI(k)]; c != 0 {
				check(c, unitCount(u, k).text(0), 3, "")
			}
		}
		for _, ind := range []string{"bhxh", "bhyt"} {
			r := u.Indicator(ind)
			fig := func(f indicatorField) string { return f.of(r).text(2) }
			lbl := indicatorLabel(ind, "vi")
			check(col["Tỷ lệ "+lbl+" (%)"], fig(rateField), 0, "0.00")
			check(col["Chỉ tiêu tỷ lệ "+lbl+" (%)"], fig(targetField), 0, "0.00")
			check(col["Thiếu so với chỉ tiêu "+lbl+" (điểm %)"], fig(gapField), 0, "0.00")
			check(col["Số người cần thêm để đạt chỉ tiêu "+lbl], fig(neededField), 3, "")
			check(col["Đạt % kế hoạch giao "+lbl], fig(planCompletionField), 0, "0.00")
		}
	}
	// Fixed figures, as a reader of the fixture sees them.
	if got := raw(t, f, sh, cellName(col["Tỷ lệ BHXH (%)"], 5)); got != "19.38" {
		t.Errorf("Phú Định bhxh rate %q, want 19.38", got)
	}

	// Frozen head, STT and names; autofilter over the units.
	panes, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 3 || panes.XSplit != 2 || panes.TopLeftCell != "C4" {
		t.Errorf("panes %+v, want frozen at C4", panes)
	}
	filter := "$A$3:$" + colName(len(head)) + "$" + strconv.Itoa(3+len(rep.Result.Units))
	sheetXML, _ := zipEntry(t, b, "xl/worksheets/sheet1.xml")
	if !strings.Contains(sheetXML, `<autoFilter ref="`+filter+`"`) {
		t.Errorf("no autofilter %s over the head and the units", filter)
	}
	// The evaluation block two rows under the total, under the last
	// printed block (from V: TestComputeXLSXEvaluationBlock): a title and
	// a head, then a row per indicator with a target, followed by a row of
	// its units not reaching the target when there are some.
	totalRow := 4 + len(rep.Result.Units)
	evalRow := totalRow + 2
	if got := raw(t, f, sh, cellName(22, evalRow)); got != "Số đơn vị đạt chỉ tiêu" {
		t.Errorf("%s %q, want the evaluation's title", cellName(22, evalRow), got)
	}
	if got := raw(t, f, sh, cellName(22, evalRow+1)); got != "Chỉ tiêu" {
		t.Errorf("%s %q, want the evaluation's head", cellName(22, evalRow+1), got)
	}
	// Then, a row apart, the date and place line and the signatures,
	// ending the used range.
	footRow := evalRow + 2 + len(rep.Result.Evaluation) + 1
	for _, e := range rep.Result.Evaluation {
		if len(e.Behind) > 0 {
			footRow++
		}
	}
	lastRow := footRow + 2
	if dim, _ := f.GetSheetDimension(sh); dim != "A1:"+cellName(len(head), lastRow) {
		t.Errorf("dimension %s, want the foot's rows %d–%d last", dim, footRow, lastRow)
	}
	// Every sheet's recorded used range is the one its cells give (the
	// streamed "Nguồn số liệu" too, whose range is set before it is written).
	for _, name := range f.GetSheetList() {
		rows, _ := f.GetRows(name)
		cols := 1
		for _, r := range rows {
			for c := len(r); c > cols; c-- {
				if r[c-1] != "" {
					cols = c
					break
				}
			}
		}
		want := "A1:" + cellName(cols, max(len(rows), 1))
		if dim, _ := f.GetSheetDimension(name); dim != want {
			t.Errorf("%s: dimension %s, its cells span %s", name, dim, want)
		}
	}

	// Behind target: rate and gap cells red where persons needed > 0.
	cfs, err := f.GetConditionalFormats(sh)
	if err != nil {
		t.Fatal(err)
	}
	need := colName(col["Số người cần thêm để đạt chỉ tiêu BHXH"])
	for _, h := range []string{"Tỷ lệ BHXH (%)", "Thiếu so với chỉ tiêu BHXH (điểm %)"} {
		c := colName(col[h])
		ref := c + "4:" + c + strconv.Itoa(4+len(rep.Result.Units))
		rules := cfs[ref]
		if len(rules) != 1 || rules[0].Type != "formula" || !strings.Contains(rules[0].Criteria, "$"+need+"4>0") {
			t.Errorf("conditional format on %s (%s): %+v", ref, h, rules)
		}
	}
	if len(cfs) != 4 {
		t.Errorf("%d conditional formats, want 4 (rate and gap of bhxh and bhyt): %v", len(cfs), cfs)
	}

	// A native chart of the bhxh rate against its target.
	chart, ok := zipEntry(t, b, "xl/charts/chart1.xml")
	if !ok {
		t.Fatal("no chart")
	}
	rateCol, targetCol := colName(col["Tỷ lệ BHXH (%)"]), colName(col["Chỉ tiêu tỷ lệ BHXH (%)"])
	for _, s := range []string{"<barChart><barDir val=\"bar\"></barDir><grouping val=\"clustered\"></grouping><varyColors val=\"0\">", "$" + rateCol + "$4:$" + rateCol + "$12", "$" + targetCol + "$4:$" + targetCol + "$12", "$B$4:$B$12"} {
		if !strings.Contains(chart, s) {
			t.Errorf("chart lacks %q", s)
		}
	}
}

func TestComputeXLSXReproducible(t *testing.T) {
	rep := reportFromFixture(t, "tinh-mau-2023-11.targets.expected.json", map[string]string{"bhxh": "30", "bhyt": "95"})
	a, b := writeXLSX(t, rep), writeXLSX(t, rep)
	if !bytes.Equal(a, b) {
		t.Error("two writes of the same report differ")
	}
	f := openReportXLSX(t, a)
	props, err := f.GetDocProps()
	if err != nil {
		t.Fatal(err)
	}
	want := rep.Generated.Format(time.RFC3339)
	if props.Created != want || props.Modified != want {
		t.Errorf("doc props created %q modified %q, want %q", props.Created, props.Modified, want)
	}
	core, _ := zipEntry(t, a, "docProps/core.xml")
	if strings.Contains(core, time.Now().UTC().Format("2006-01-02")) {
		t.Error("core.xml carries today's date")
	}
}

// TestComputeXLSXHalfUp: rates ending in 5 round half-up in the cell too,
// and the number format follows rep.Decimals.
func TestComputeXLSXHalfUp(t *testing.T) {
	for _, c := range []struct {
		decimals int
		rate     []string
		format   string
	}{
		{0, []string{"13", "38"}, "0"},
		{1, []string{"12.5", "37.5"}, "0.0"},
		{3, []string{"12.500", "37.500"}, "0.000"},
	} {
		f := openReportXLSX(t, writeXLSX(t, halfUpReport(c.decimals)))
		rows, _ := f.GetRows("Tổng hợp")
		rc := 0
		for i, h := range rows[2] {
			if h == "Tỷ lệ BHXH bắt buộc (%)" {
				rc = i + 1
			}
		}
		for i, want := range c.rate {
			cell := cellName(rc, 4+i)
			if got := raw(t, f, "Tổng hợp", cell); got != want {
				t.Errorf("decimals %d: %s = %q, want %q", c.decimals, cell, got, want)
			}
			if s := cellStyle(t, f, "Tổng hợp", cell); s.CustomNumFmt == nil || *s.CustomNumFmt != c.format {
				t.Errorf("decimals %d: format %v, want %q", c.decimals, s.CustomNumFmt, c.format)
			}
		}
	}
}

func TestComputeXLSXOtherSheets(t *testing.T) {
	rep := reportFromFixture(t, "tinh-mau-2023-11.targets.expected.json", map[string]string{"bhxh": "30", "bhyt": "95"})
	rep.Inputs[0].SHA256 = "ab12"
	rep.Inputs[0].TargetNotes = []msg.Text{msg.Plain("bhxh 30%: --target bhxh=30")}
	rep.Issues = []xlsxio.Issue{{Level: "warning", Code: "total_mismatch", File: "t.xlsx", Sheet: "T11", Cell: "K18", Message: msg.Text{EN: "total row says 1, the units sum to 2", VI: "dòng tổng ghi 1, cộng các đơn vị được 2"}}}
	f := openReportXLSX(t, writeXLSX(t, rep))

	// Gaps: by persons needed, most first, the total last.
	gaps, _ := f.GetRows("Chênh lệch")
	if gaps[0][0] != "BHXH" {
		t.Errorf("first block %q, want BHXH", gaps[0][0])
	}
	var needs []int
	for _, row := range gaps[2:11] {
		n, err := strconv.Atoi(raw(t, f, "Chênh lệch", "E"+strconv.Itoa(len(needs)+3)))
		if err != nil {
			t.Fatalf("row %v: %v", row, err)
		}
		needs = append(needs, n)
	}
	for i := 1; i < len(needs); i++ {
		if needs[i] > needs[i-1] {
			t.Errorf("gaps not sorted by persons needed: %v", needs)
		}
	}
	if gaps[2][0] != "Huyện Đông Hòa" || gaps[11][0] != "Toàn tỉnh" {
		t.Errorf("gaps order: first %q, last %q", gaps[2][0], gaps[11][0])
	}
	if gaps[13][0] != "BHYT" {
		t.Errorf("second block %q, want BHYT", gaps[14][0])
	}

	checks, _ := f.GetRows("Kiểm tra")
	if strings.Join(checks[1], "|") != "cảnh báo|total_mismatch|t.xlsx|T11|K18|dòng tổng ghi 1, cộng các đơn vị được 2" {
		t.Errorf("checks row %q", checks[1])
	}

	src, _ := f.GetRows("Nguồn")
	var all []string
	for _, r := range src {
		all = append(all, strings.Join(r, "|"))
	}
	text := strings.Join(all, "\n")
	for _, s := range []string{"Tệp|tinh-mau-2023-11.xlsx", "Trang tính|T11-2023", "SHA-256|ab12",
		"B|Đơn vị|unit|exact", "bhxh 30%: --target bhxh=30", "Công cụ|bhxh test", "Thời điểm lập|2023-12-01T08:30:00Z"} {
		if !strings.Contains(text, s) {
			t.Errorf("sources lack %q:\n%s", s, text)
		}
	}
}

func TestComputeXLSXWithoutTargetsEnglish(t *testing.T) {
	rep := reportFromFixture(t, "xa-phuong-2025-10.expected.json", nil)
	rep.Lang = "en"
	b := writeXLSX(t, rep)
	f := openReportXLSX(t, b)
	if got := strings.Join(f.GetSheetList(), "|"); got != "Summary|Chart|Gaps|Checks|Sources|Figure sources" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows("Summary")
	if rows[1][0] != "Unit: people; %" {
		t.Errorf("A2 %q, want the unit of measure", rows[1][0])
	}
	if rows[2][0] != "No." || rows[2][1] != "Unit" || rows[2][2] != "Code" {
		t.Errorf("heads %q", rows[2])
	}
	if code := raw(t, f, "Summary", "C4"); code != deref(reportFromFixtureCode(t)) {
		t.Errorf("code %q kept as text?", code)
	}
	if ty, _ := f.GetCellType("Summary", "C4"); ty != excelize.CellTypeSharedString {
		t.Errorf("code cell type %v, want text (leading zeros)", ty)
	}
	gaps, _ := f.GetRows("Gaps")
	if len(gaps) != 1 || !strings.HasPrefix(gaps[0][0], "No targets") {
		t.Errorf("gaps sheet without targets: %q", gaps)
	}
	cfs, _ := f.GetConditionalFormats("Summary")
	if len(cfs) != 0 {
		t.Errorf("conditional formats without targets: %v", cfs)
	}
	chart, ok := zipEntry(t, b, "xl/charts/chart1.xml")
	if !ok || strings.Count(chart, "<ser>") != 1 {
		t.Errorf("want a one-series chart of the first rate")
	}
	checks, _ := f.GetRows("Checks")
	if len(checks) != 2 || checks[1][1] != "rate_over_100" {
		t.Errorf("checks %q", checks)
	}
}

// reportFromFixtureCode is the first unit's code in xa-phuong.
func reportFromFixtureCode(t *testing.T) *string {
	rep := reportFromFixture(t, "xa-phuong-2025-10.expected.json", nil)
	c := rep.Result.Units[0].Code
	return &c
}

// TestComputeXLSXLibreOffice converts the report with LibreOffice (as an
// analyst opening it would) and finds the figures in the first sheet.
func TestComputeXLSXLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not on PATH (Debian: apt-get install libreoffice-calc-nogui)")
	}
	if testing.Short() {
		t.Skip("-short")
	}
	rep := reportFromFixture(t, "tinh-mau-2023-11.targets.expected.json", map[string]string{"bhxh": "30", "bhyt": "95"})
	dir := t.TempDir()
	in := filepath.Join(dir, "report.xlsx")
	if err := os.WriteFile(in, writeXLSX(t, rep), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", dir, in)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}
	b, err := os.ReadFile(filepath.Join(dir, "report.csv"))
	if err != nil {
		t.Fatal(err)
	}
	got := string(b)
	// As displayed with the report's number formats, in LibreOffice's
	// default (en-US) locale.
	for _, s := range []string{"Thị xã Phú Định", "19.38", "30.00", "10.62", "11,129", "-11.61", "100.30",
		"Toàn tỉnh", "27.68", "18,969", "39,906", "1,328,914"} {
		if !strings.Contains(got, s) {
			t.Errorf("LibreOffice's view lacks %q:\n%s", s, got)
		}
	}
}

// TestComputeWritersEmptyReport: a report without units or inputs still
// writes in every format.
func TestComputeWritersEmptyReport(t *testing.T) {
	rep := &Compute{Result: coverage.Compute(nil, nil, coverage.Options{}), Decimals: 2, Lang: "vi"}
	for name, write := range map[string]func(io.Writer, *Compute) error{
		"json": WriteComputeJSON, "csv": WriteComputeCSV, "table": WriteComputeTable, "xlsx": WriteComputeXLSX,
	} {
		var buf bytes.Buffer
		if err := write(&buf, rep); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// TestComputeXLSXEvaluationBlock reads the evaluation block back: printed
// in blocks, the summary has it once, under its last block (V–AA), as a
// small table — its title merged over it on a row of its own, a head row
// tall enough for its wrapped heads, a row of counts per indicator and
// under it "Đơn vị chưa đạt" and the units not reaching the target
// merged across the rest of the block (W:AA), wrapped, as high as its
// lines —
// and nothing of it in the unit columns repeated on every page. The
// title wraps within A1:B1, which print on every block's page.
func TestComputeXLSXEvaluationBlock(t *testing.T) {
	rep := reportFromFixture(t, "tinh-mau-2023-11.targets.expected.json", map[string]string{"bhxh": "30", "bhyt": "95"})
	f := openReportXLSX(t, writeXLSX(t, rep))
	const sh = "Tổng hợp"
	var behind []string
	for _, e := range rep.Result.Evaluation {
		behind = append(behind, strings.Join(e.Behind, ", "))
	}
	want := map[string]string{
		"V15": "Số đơn vị đạt chỉ tiêu",
		"V16": "Chỉ tiêu", "W16": "Số đơn vị có chỉ tiêu", "X16": "Đạt", "Y16": "Chưa đạt", "Z16": "",
		"V17": "BHXH", "V18": "Đơn vị chưa đạt", "W18": behind[0],
		"V19": "BHYT", "V20": "Đơn vị chưa đạt", "W20": behind[1],
		"Z17": "", "Z19": "",
		"A15": "", "B15": "", "B16": "", "B17": "", "B18": "", "B19": "", "B20": "",
	}
	for cell, w := range want {
		if got := raw(t, f, sh, cell); got != w {
			t.Errorf("%s = %q, want %q", cell, got, w)
		}
	}
	if !strings.Contains(behind[1], ", ") {
		t.Errorf("BHYT's units not reaching the target %q, want several", behind[1])
	}
	// The counts are numbers an analyst can sum, not text.
	for _, cell := range []string{"W17", "X17", "Y17", "W19", "X19", "Y19"} {
		if typ, _ := f.GetCellType(sh, cell); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s holds text, want a number", cell)
		}
	}
	merges, err := f.GetMergeCells(sh)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, m := range merges {
		got[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, m := range []string{"A1:B1", "V15:AA15", "W18:AA18", "W20:AA20"} {
		if !got[m] {
			t.Errorf("no merge %s (merges %v)", m, got)
		}
	}
	// Heights from the lines: "Số đơn vị có chỉ tiêu" wraps in W; the
	// list of 8 units in W:AA takes more than the default one.
	listWidth := 0.0
	for _, c := range []string{"W", "X", "Y", "Z", "AA"} {
		listWidth += mustColWidth(t, f, sh, c)
	}
	for _, c := range []struct {
		row   int
		lines int
	}{
		{16, wrappedLines("Số đơn vị có chỉ tiêu", mustColWidth(t, f, sh, "W"))},
		{20, wrappedLines(behind[1], listWidth)},
	} {
		if c.lines < 2 {
			t.Errorf("row %d: %d line, want a wrapped cell here", c.row, c.lines)
		}
		if h, _ := f.GetRowHeight(sh, c.row); h < float64(15*c.lines) {
			t.Errorf("row %d is %v high, want %d lines of 15", c.row, h, c.lines)
		}
	}
	if h, _ := f.GetRowHeight(sh, 1); h < 40 {
		t.Errorf("row 1 is %v high, want the title's wrapped lines", h)
	}
}

func mustColWidth(t *testing.T, f *excelize.File, sheet, col string) float64 {
	t.Helper()
	w, err := f.GetColWidth(sheet, col)
	if err != nil {
		t.Fatal(err)
	}
	return w
}
