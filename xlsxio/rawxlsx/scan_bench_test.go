package rawxlsx

import (
	"bytes"
	"fmt"
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
