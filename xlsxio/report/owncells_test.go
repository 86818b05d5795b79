package report

import (
	"bytes"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// ownTexts are texts for the shared strings: XML's special characters,
// spaces and line breaks at either end and inside, a tab, a carriage
// return, characters XML cannot hold (a control character, U+FFFE and
// U+FFFF, valid UTF-8 all), bad UTF-8 (a lone byte, a cut sequence of
// U+FFFx's lead byte), U+FFFD itself, Vietnamese, an emoji, "" and a
// repeat.
var ownTexts = []string{
	"Phường Bến Nghé & <Cửa> \"Đông\" 'A'", " Xã  Tân Lập ", "Thị trấn\nPhú Mỹ", "\nđầu", "cuối\n",
	"a\tb\rc", "\tTab", "Xã \x01 Lạ 🙂", "bad \xff byte", "thay \uFFFD", "", "Tổng cộng", "Phường Bến Nghé & <Cửa> \"Đông\" 'A'",
	"\uFFFE", "x\uFFFFy", "Ệ\xEF\xBF", "Ệ\xEF", "\uFEFFBOM", "ký tự \U0010FFFF",
}

// sharedStringsOf is the shared-strings part of the xlsx file b.
func sharedStringsOf(t *testing.T, b []byte) string {
	t.Helper()
	part, ok := zipEntry(t, b, sharedStringsPart)
	if !ok {
		t.Fatalf("no part %s", sharedStringsPart)
	}
	return part
}

// reopen is the workbook b, read back; closed when the test ends.
func reopen(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestOwnSharedStrings: ownCells' shared strings part (putSharedStrings)
// is byte for byte the one excelize writes for the same texts set in
// the same order, and each cell reads back, through excelize, as its
// text.
func TestOwnSharedStrings(t *testing.T) {
	write := func(f *excelize.File) []byte {
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	want := excelize.NewFile()
	defer want.Close()
	got := excelize.NewFile()
	defer got.Close()
	o := ownCells{f: got}
	o.own("Sheet1", "xl/worksheets/sheet1.xml")
	for i, v := range ownTexts {
		if err := want.SetCellStr("Sheet1", cellName(2, i+1), v); err != nil {
			t.Fatal(err)
		}
		if err := o.SetCellStr("Sheet1", cellName(2, i+1), v); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.put(); err != nil {
		t.Fatal(err)
	}
	wb, gb := write(want), write(got)
	if w, g := sharedStringsOf(t, wb), sharedStringsOf(t, gb); w != g {
		t.Errorf("shared strings differ:\n got %q\nwant %q", g, w)
	}
	back, wantBack := reopen(t, gb), reopen(t, wb)
	for i, v := range ownTexts {
		ref := cellName(2, i+1)
		typ, err := back.GetCellType("Sheet1", ref)
		if err != nil {
			t.Fatal(err)
		}
		g, err := back.GetCellValue("Sheet1", ref)
		if err != nil {
			t.Fatal(err)
		}
		w, err := wantBack.GetCellValue("Sheet1", ref)
		if err != nil {
			t.Fatal(err)
		}
		if g != w || typ != excelize.CellTypeSharedString {
			t.Errorf("%s (%q): read back %q (type %v), excelize's %q", ref, v, g, typ, w)
		}
	}
	if g, err := back.GetCellValue("Sheet1", "A1"); err != nil || g != "" {
		t.Errorf("scratch A1 = %q, %v; want it empty", g, err)
	}
}

// TestCellGrid: a grid's cells, written by column and row in any order
// (numbers, decimals, text, styles alone, row heights, a merge clearing
// all but its first cell), read back through excelize as excelize's own
// cell functions would have stored them.
func TestCellGrid(t *testing.T) {
	type step func(w sheetWriter) error
	steps := []step{
		func(w sheetWriter) error { return w.SetCellInt("Sheet1", "C3", -9223372036854775808) },
		func(w sheetWriter) error { return w.SetCellInt("Sheet1", "A1", 1328914) },
		func(w sheetWriter) error { return w.SetCellDefault("Sheet1", "B1", "46.12") },
		func(w sheetWriter) error { return w.SetCellDefault("Sheet1", "AA2", "-0.5") },
		func(w sheetWriter) error { return w.SetCellDefault("Sheet1", "D4", "n/a") },
		func(w sheetWriter) error { return w.SetCellStr("Sheet1", "E5", "Xã _x0041_ inline") },
		func(w sheetWriter) error { return w.SetCellStr("Sheet1", "F5", "Xã Hòa Bình") },
		func(w sheetWriter) error { return w.SetCellStyle("Sheet1", "B7", "C8", 1) },
		func(w sheetWriter) error { return w.SetRowHeight("Sheet1", 9, 24.5) },
		func(w sheetWriter) error { return w.SetCellStr("Sheet1", "A10", "gộp") },
		func(w sheetWriter) error { return w.SetCellStr("Sheet1", "B10", "xóa") },
		func(w sheetWriter) error { return w.MergeCell("Sheet1", "A10", "C10") },
		func(w sheetWriter) error { return w.SetCellInt("Sheet1", "A1", 7) },
	}
	want := excelize.NewFile()
	defer want.Close()
	got := excelize.NewFile()
	defer got.Close()
	o := &ownCells{f: got}
	o.own("Sheet1", "xl/worksheets/sheet1.xml")
	for _, w := range []*excelize.File{want, got} {
		if _, err := w.NewStyle(&excelize.Style{NumFmt: 3}); err != nil {
			t.Fatal(err)
		}
	}
	for i, s := range steps {
		if err := s(want); err != nil {
			t.Fatalf("step %d, excelize: %v", i, err)
		}
		if err := s(o); err != nil {
			t.Fatalf("step %d, ownCells: %v", i, err)
		}
	}
	if err := o.put(); err != nil {
		t.Fatal(err)
	}
	var gb, wb bytes.Buffer
	if err := got.Write(&gb); err != nil {
		t.Fatal(err)
	}
	if err := want.Write(&wb); err != nil {
		t.Fatal(err)
	}
	back, want := reopen(t, gb.Bytes()), reopen(t, wb.Bytes())
	for row := 1; row <= 11; row++ {
		for col := 1; col <= 28; col++ {
			ref := cellName(col, row)
			for _, read := range []func(f *excelize.File) (any, error){
				func(f *excelize.File) (any, error) { return f.GetCellValue("Sheet1", ref) },
				func(f *excelize.File) (any, error) {
					// text with "_x" is inline in ownCells, shared in excelize
					typ, err := f.GetCellType("Sheet1", ref)
					if typ == excelize.CellTypeInlineString {
						typ = excelize.CellTypeSharedString
					}
					return typ, err
				},
				func(f *excelize.File) (any, error) { return f.GetCellStyle("Sheet1", ref) },
			} {
				w, err := read(want)
				if err != nil {
					t.Fatal(err)
				}
				g, err := read(back)
				if err != nil {
					t.Fatal(err)
				}
				if ref == "E5" && w == "Xã A inline" {
					// excelize's shared strings keep "_x0041_" unescaped,
					// read back as "A"; ownCells writes it inline, escaped
					w = "Xã _x0041_ inline"
				}
				if g != w {
					t.Errorf("%s: read back %v, excelize's %v", ref, g, w)
				}
			}
		}
		wh, err := want.GetRowHeight("Sheet1", row)
		if err != nil {
			t.Fatal(err)
		}
		gh, err := back.GetRowHeight("Sheet1", row)
		if err != nil {
			t.Fatal(err)
		}
		if gh != wh {
			t.Errorf("row %d: height %v, excelize's %v", row, gh, wh)
		}
	}
}

func TestIntLen(t *testing.T) {
	for _, tc := range []struct {
		v    int64
		want int
	}{{0, 1}, {9, 1}, {10, 2}, {-1, 2}, {-10, 3}, {1328914, 7}, {9223372036854775807, 19}, {-9223372036854775808, 20}} {
		if got := intLen(tc.v); got != tc.want {
			t.Errorf("intLen(%d) = %d, want %d", tc.v, got, tc.want)
		}
	}
}

// TestPlainRune: a character plainRune passes as it is is one whole
// character of that length, one XML holds (what t's slow path checks),
// over every lead byte and the continuation bytes' edges; and it passes
// every Vietnamese letter.
func TestPlainRune(t *testing.T) {
	edges := []byte{0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xEF, 0xFF}
	for b0 := 0x80; b0 <= 0xFF; b0++ {
		for b1 := 0; b1 <= 0xFF; b1++ {
			for _, b2 := range edges {
				for _, s := range []string{string([]byte{byte(b0), byte(b1), b2}), string([]byte{byte(b0), byte(b1)}), string([]byte{byte(b0)})} {
					n := plainRune(s)
					if n == 0 {
						continue
					}
					r, size := utf8.DecodeRuneInString(s)
					if size != n || r == utf8.RuneError || !xmlChar(r) {
						t.Fatalf("plainRune(%q) = %d; decoded %U of %d bytes", s, n, r, size)
					}
				}
			}
		}
	}
	for _, r := range "ĐđĂăÂâÊêÔôƠơƯưÀàẢảÃãÁáẠạẰằẲẳẴẵẮắẶặẦầẨẩẪẫẤấẬậÈèẺẻẼẽÉéẸẹỀềỂểỄễẾếỆệÌìỈỉĨĩÍíỊịÒòỎỏÕõÓóỌọỒồỔổỖỗỐốỘộỜờỞởỠỡỚớỢợÙùỦủŨũÚúỤụỪừỬửỮữỨứỰựỲỳỶỷỸỹÝýỴỵ" {
		if s := string(r); plainRune(s) != len(s) {
			t.Errorf("plainRune(%q) = %d, want %d", s, plainRune(s), len(s))
		}
	}
}
