package grid

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// book writes rows into a one-sheet workbook with excelize; a string
// starting with "=" is a formula (saved without a cached value).
func book(t testing.TB, sheet string, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			t.Fatal(err)
		}
	}
	for r, row := range rows {
		for c, v := range row {
			axis, _ := excelize.CoordinatesToCellName(c+1, r+1)
			if s, ok := v.(string); ok && strings.HasPrefix(s, "=") {
				if err := f.SetCellFormula(sheet, axis, s[1:]); err != nil {
					t.Fatal(err)
				}
				continue
			}
			if v == nil {
				continue
			}
			if err := f.SetCellValue(sheet, axis, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

var canonicalRows = [][]any{
	{"Báo cáo tháng 11 năm 2023"},
	{},
	{"unit", "code", "labour_force", "bhxh_mandatory", "bhxh_voluntary"},
	{"Huyện A", "04402", 1000, 300, "20"},
	{"Huyện B", "04410", 2000, "1.234", "-"},
	{"Tổng cộng", nil, 3000, 1534, 20},
}

// patchPart rewrites one part of an xlsx.
func patchPart(t *testing.T, data []byte, part string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	found := false
	for _, f := range zr.File {
		rc, _ := f.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if f.Name == part {
			body, found = []byte(edit(string(body))), true
		}
		w, _ := zw.Create(f.Name)
		w.Write(body)
	}
	if !found {
		t.Fatalf("no part %s", part)
	}
	zw.Close()
	return buf.Bytes()
}
