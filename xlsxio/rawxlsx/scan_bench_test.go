package rawxlsx

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchList builds an Excel-like participant list of n rows in memory.
func benchList(b *testing.B, n int) []byte {
	b.Helper()
	var sheet, sst strings.Builder
	sheet.WriteString(sheetHead)
	sheet.WriteString(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>`)
	sst.WriteString(`<sst><si><t>STT</t></si><si><t>Mã số BHXH</t></si><si><t>Mã xã</t></si><si><t>Loại hình</t></si>`)
	sst.WriteString(`<si><t>BHXH bắt buộc</t></si><si><t>BHYT</t></si>`)
	for u := range 600 {
		fmt.Fprintf(&sst, `<si><t>%05d</t></si>`, u)
	}
	next := 6 + 600
	for i := 1; i <= n; i++ {
		r := i + 1
		fmt.Fprintf(&sst, `<si><t>01%08d</t></si>`, (i*7919)%100000000)
		fmt.Fprintf(&sheet, `<row r="%d" spans="1:4"><c r="A%d" s="2"><v>%d</v></c><c r="B%d" s="2" t="s"><v>%d</v></c><c r="C%d" s="2" t="s"><v>%d</v></c><c r="D%d" s="2" t="s"><v>%d</v></c></row>`,
			r, r, i, r, next, r, 6+i%600, r, 4+i%2)
		next++
	}
	sheet.WriteString(`</sheetData></worksheet>`)
	sst.WriteString(`</sst>`)
	return buildXLSX(b, sheet.String(), sst.String())
}

func BenchmarkSheetScan(b *testing.B) {
	data := benchList(b, 100000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		cells := 0
		_, err := ScanSheetReader(bytes.NewReader(data), int64(len(data)), "b.xlsx", "", Limits{}, func(r *Row) error {
			cells += len(r.Cells)
			return nil
		})
		if err != nil || cells != 4*100001 {
			b.Fatal(err, cells)
		}
	}
}

func BenchmarkAppendText(b *testing.B) {
	src := []byte("Nguyễn Văn A &amp; Trần Thị B &#233;")
	var dst []byte
	for b.Loop() {
		dst, _ = appendText(dst[:0], src)
	}
}

// BenchmarkScanStage sets the scan stage of a large list (the sheet
// tokenizer and scanRows, from the sheet already inflated in memory, with
// its shared strings) beside the single-thread inflate of the same sheet
// with compress/flate, the limit of issue 17: the scan goroutine must be
// no slower than that inflate for `bhxh count` to stay near it. "picked"
// scans the rows under the header (row 3) for the 4 columns a count
// reads, as count does; "all" hands every cell over.
//
//	go test -run '^$' -bench ScanStage -count 5 ./xlsxio/rawxlsx
func BenchmarkScanStage(b *testing.B) {
	path := os.Getenv("BHXH_BENCH_LIST")
	if path == "" {
		path = filepath.Join("..", "..", "bench", "data", "ds-1048573.xlsx")
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		b.Skipf("no list: %v (go run ./bench/gen -rows 1048573, or set BHXH_BENCH_LIST)", err)
	}
	defer zr.Close()
	p := NewPackage(&zr.Reader, filepath.Base(path), Limits{})
	sheet := p.PartFold("xl/worksheets/sheet1.xml")
	sst, err := p.ReadSharedStrings("xl/sharedStrings.xml")
	if err != nil || sheet == nil {
		b.Fatal(err, sheet)
	}
	b.Run("inflate-compress-flate", func(b *testing.B) {
		b.SetBytes(int64(sheet.UncompressedSize64))
		buf := make([]byte, blockSize)
		for b.Loop() {
			rc, err := sheet.OpenRaw()
			if err != nil {
				b.Fatal(err)
			}
			fr := flate.NewReader(rc)
			if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{fr}, buf); err != nil {
				b.Fatal(err)
			}
		}
	})
	rc, err := sheet.Open()
	if err != nil {
		b.Fatal(err)
	}
	data, err := io.ReadAll(rc)
	if err != nil {
		b.Fatal(err)
	}
	for _, name := range []string{"all", "picked"} {
		b.Run("scan-"+name, func(b *testing.B) {
			var pick func(*Row) []bool
			if name == "picked" {
				pick = func(r *Row) []bool {
					if r.Num < 3 {
						return nil
					}
					return []bool{false, false, true, false, true, true, true}
				}
			}
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				full, free := newBatches()
				done := make(chan struct{})
				go func() {
					defer close(full)
					if err := p.scanRows(newTokenizer(data), done, "S", sst, pick, full, free); err != nil {
						b.Error(err)
					}
				}()
				rows := 0
				for bt := range full {
					rows += len(bt.rows)
					free <- bt
				}
				if rows != 1048576 {
					b.Fatal(rows)
				}
			}
		})
	}
}
