// Command gen writes the deterministic inputs of `make bench`: participant
// lists (one row per person and scheme, 7 columns under a 3-row heading) as
// xlsx and as CSV (a national extract: any length, optionally gzipped), a
// folder of monthly unit workbooks, and an allocation baseline.
//
// The lists are written the way Excel writes them (every text cell in the
// shared-strings table, a style on every cell), by hand over archive/zip:
// excelize's StreamWriter writes inline strings, which is not what analysts'
// files look like. The monthly workbooks are small and go through excelize.
//
//	go run ./bench/gen -out bench/data
package main

import (
	"archive/zip"
	"bufio"
	"flag"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/report"
)

var epoch = time.Date(2023, 11, 25, 0, 0, 0, 0, time.UTC)

func main() {
	out := flag.String("out", "bench/data", "output folder")
	sizes := flag.String("rows", "1000,100000,1048573", "participant-list sizes")
	csvSizes := flag.String("csv-rows", "", "CSV participant-list sizes (ds-N.csv; N.gz suffix for a gzipped one, e.g. 10000000.gz)")
	baseline := flag.Int("baseline", 0, "units of an allocation baseline (baseline-N.csv); 0 = none")
	workbooks := flag.Int("workbooks", 1000, "monthly unit workbooks")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(s)
		if err != nil {
			log.Fatal(err)
		}
		path := filepath.Join(*out, fmt.Sprintf("ds-%d.xlsx", n))
		if _, err := os.Stat(path); err == nil {
			continue // deterministic: an existing file is the same file
		}
		if err := writeList(path, n); err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote %s", path)
	}
	for _, s := range strings.Split(*csvSizes, ",") {
		if s == "" {
			continue
		}
		num, gz := strings.CutSuffix(s, ".gz")
		n, err := strconv.Atoi(num)
		if err != nil {
			log.Fatal(err)
		}
		path := filepath.Join(*out, fmt.Sprintf("ds-%d.csv", n))
		if gz {
			path += ".gz"
		}
		if _, err := os.Stat(path); err == nil {
			continue
		}
		if err := writeCSVList(path, n); err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote %s", path)
	}
	if *baseline > 0 {
		path := filepath.Join(*out, fmt.Sprintf("baseline-%d.csv", *baseline))
		if _, err := os.Stat(path); err != nil {
			if err := writeBaseline(path, *baseline); err != nil {
				log.Fatal(err)
			}
			log.Printf("wrote %s", path)
		}
	}
	dir := filepath.Join(*out, "monthly")
	if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("tinh-%04d.xlsx", *workbooks))); err != nil {
		if err := writeMonthly(dir, *workbooks); err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote %d workbooks in %s", *workbooks, dir)
	}
}

var (
	surnames = []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"}
	middles  = []string{"Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Ngọc", "Quang", "Thu", "Xuân"}
	givens   = []string{"An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hạnh", "Hiếu", "Hoa", "Hùng", "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngọc", "Phong", "Phúc", "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Trang", "Trung", "Tuấn", "Tùng", "Vân", "Việt", "Vinh", "Xuân", "Yến", "Đạt"}
	places   = []string{"Tân Phú", "An Bình", "Hòa Lạc", "Phúc Xá", "Trúc Bạch", "Vĩnh Phúc", "Cống Vị", "Liễu Giai", "Ngọc Hà", "Điện Biên", "Đội Cấn", "Kim Mã", "Giảng Võ", "Thành Công", "Quán Thánh", "Nguyễn Trung Trực", "Hàng Bạc", "Đồng Xuân", "Hàng Mã", "Cửa Đông"}
	kinds    = []struct {
		label  string
		weight int
	}{{"BHXH bắt buộc", 35}, {"BHXH tự nguyện", 5}, {"BHTN", 30}, {"BHYT", 30}}
)

const nUnits = 600

func unitName(k int) string {
	prefix := []string{"Xã", "Phường", "Thị trấn"}[k%3]
	return fmt.Sprintf("%s %s %d", prefix, places[k%len(places)], k/len(places)+1)
}

// xmlEscape for the few characters our strings could hold.
func xmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func writeList(path string, n int) error {
	rng := rand.New(rand.NewPCG(uint64(n), 2023))
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	hdr := func(name string) (io.Writer, error) {
		return zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: epoch})
	}
	static := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/styles.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Times New Roman"/></font><font><b/><sz val="11"/><name val="Times New Roman"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/></cellXfs></styleSheet>`,
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"} {
		w, err := hdr(name)
		if err != nil {
			return err
		}
		io.WriteString(w, static[name])
	}

	sst := map[string]int{}
	var order []string
	si := func(s string) int {
		if i, ok := sst[s]; ok {
			return i
		}
		sst[s] = len(order)
		order = append(order, s)
		return len(order) - 1
	}
	zsheet, err := hdr("xl/worksheets/sheet1.xml")
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(zsheet, 1<<20)
	last := n + 3
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:G%d"/><sheetViews><sheetView workbookViewId="0"><pane ySplit="3" topLeftCell="A4" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="8" customWidth="1"/><col min="2" max="2" width="26" customWidth="1"/><col min="3" max="3" width="14" customWidth="1"/><col min="4" max="4" width="12" customWidth="1"/><col min="5" max="5" width="9" customWidth="1"/><col min="6" max="6" width="26" customWidth="1"/><col min="7" max="7" width="16" customWidth="1"/></cols><sheetData>`, last)
	fmt.Fprintf(w, `<row r="1" spans="1:7"><c r="A1" s="1" t="s"><v>%d</v></c></row>`, si("DANH SÁCH NGƯỜI THAM GIA BHXH, BHYT, BHTN"))
	fmt.Fprintf(w, `<row r="2" spans="1:7"><c r="A2" t="s"><v>%d</v></c></row>`, si("Tháng 11 năm 2023 (số liệu đến ngày 25/11/2023)"))
	w.WriteString(`<row r="3" spans="1:7">`)
	for j, h := range []string{"STT", "Họ và tên", "Mã số BHXH", "Ngày sinh", "Mã xã", "Xã, phường", "Loại hình"} {
		fmt.Fprintf(w, `<c r="%c3" s="1" t="s"><v>%d</v></c>`, 'A'+j, si(h))
	}
	w.WriteString(`</row>`)
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	var prevID string
	var prevKind, prevUnit int
	for i := 1; i <= n; i++ {
		r := i + 3
		id := fmt.Sprintf("01%08d", (uint64(i)*7919+12345)%100000000)
		unit := rng.IntN(nUnits)
		kind := 0
		for x := rng.IntN(total); x >= kinds[kind].weight; kind++ {
			x -= kinds[kind].weight
		}
		if i%1000 == 0 && prevID != "" {
			// an exported list repeats a person now and then
			id, kind, unit = prevID, prevKind, prevUnit
		}
		prevID, prevKind, prevUnit = id, kind, unit
		name := surnames[rng.IntN(len(surnames))] + " " + middles[rng.IntN(len(middles))] + " " + givens[rng.IntN(len(givens))]
		born := 21916 + rng.IntN(16400) // 1960 .. 2004
		code := fmt.Sprintf("%05d", 4+unit*3)
		fmt.Fprintf(w, `<row r="%d" spans="1:7"><c r="A%d" s="2"><v>%d</v></c><c r="B%d" s="2" t="s"><v>%d</v></c><c r="C%d" s="2" t="s"><v>%d</v></c><c r="D%d" s="3"><v>%d</v></c><c r="E%d" s="2" t="s"><v>%d</v></c><c r="F%d" s="2" t="s"><v>%d</v></c><c r="G%d" s="2" t="s"><v>%d</v></c></row>`,
			r, r, i, r, si(name), r, si(id), r, born, r, si(code), r, si(unitName(unit)), r, si(kinds[kind].label))
	}
	fmt.Fprintf(w, `</sheetData><mergeCells count="2"><mergeCell ref="A1:G1"/><mergeCell ref="A2:G2"/></mergeCells><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`)
	if err := w.Flush(); err != nil {
		return err
	}
	zsst, err := hdr("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	w = bufio.NewWriterSize(zsst, 1<<20)
	fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, 6*n+10, len(order))
	for _, s := range order {
		fmt.Fprintf(w, `<si><t>%s</t></si>`, xmlEscape(s))
	}
	w.WriteString(`</sst>`)
	if err := w.Flush(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// writeMonthly writes n workbooks of 60 units each, one header row with the
// canonical headers compute reads.
func writeMonthly(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	keys := append([]string{"code", "unit"}, coverage.CountKeys...)
	for i := 1; i <= n; i++ {
		rng := rand.New(rand.NewPCG(uint64(i), 11))
		f := excelize.NewFile()
		f.SetSheetName("Sheet1", "T11")
		for j, k := range keys {
			cell, _ := excelize.CoordinatesToCellName(j+1, 1)
			f.SetCellStr("T11", cell, report.HeaderVI(k))
		}
		for u := 0; u < 60; u++ {
			labour := 3000 + rng.IntN(20000)
			pop := labour*3/2 + rng.IntN(5000)
			retired := pop/8 + rng.IntN(500)
			vals := []any{
				fmt.Sprintf("%05d", 4+u*3), unitName(u),
				labour * (10 + rng.IntN(30)) / 100, // bhxh_mandatory
				labour * rng.IntN(5) / 100,         // bhxh_voluntary
				labour * (8 + rng.IntN(25)) / 100,  // bhtn
				pop * (85 + rng.IntN(14)) / 100,    // bhyt
				labour, pop, retired,
				retired * (20 + rng.IntN(50)) / 100, // pension_recipients
			}
			cell, _ := excelize.CoordinatesToCellName(1, u+2)
			if err := f.SetSheetRow("T11", cell, &vals); err != nil {
				return err
			}
		}
		if err := f.SaveAs(filepath.Join(dir, fmt.Sprintf("tinh-%04d.xlsx", i))); err != nil {
			return err
		}
		f.Close()
	}
	return nil
}
