package rawxlsx

import (
	"errors"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// A malformed sheet is reported in the analyst's language, Vietnamese by
// default, with the same file, sheet and row in both; errors.Is still
// finds the kind.
func TestSheetErrorsInBothLanguages(t *testing.T) {
	for name, c := range map[string]struct {
		xml    string
		is     error
		en, vi string
	}{
		"ends inside a row": {`<worksheet><sheetData><row r="3"></sheetData></worksheet>`, readerr.ErrBadXML,
			`t.xlsx: sheet "S" near row 3: malformed sheet XML: the sheet ends inside a row`,
			`t.xlsx: trang tính "S" gần dòng 3: XML của trang tính bị hỏng: trang tính kết thúc giữa một dòng`},
		"undefined entity": {`<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>a&nbsp;b</t></is></c></row></sheetData></worksheet>`, readerr.ErrBadXML,
			`t.xlsx: S!A1: malformed sheet XML: undefined entity &nbsp;`,
			`t.xlsx: S!A1: XML của trang tính bị hỏng: thực thể chưa định nghĩa &nbsp;`},
		"row beyond the last": {`<worksheet><sheetData><row r="1048577"/></sheetData></worksheet>`, readerr.ErrCellRange,
			`t.xlsx: S!A1048576: row "1048577" is beyond the last cell of a sheet (XFD1048576)`,
			`t.xlsx: S!A1048576: dòng "1048577" vượt quá ô cuối cùng của trang tính (XFD1048576)`},
		"cell too long": {`<worksheet><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>` + strings.Repeat("x", 200<<10) + `</t></is></c></row></sheetData></worksheet>`, readerr.ErrTooBig,
			`t.xlsx: S!B2: holds more than 131072 bytes of text exceeds the size limits`,
			`t.xlsx: S!B2: chứa hơn 131072 byte văn bản, vượt giới hạn kích thước`},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := items(t, c.xml, false)
			if !errors.Is(err, c.is) {
				t.Fatalf("error %v, want %v", err, c.is)
			}
			if got := msg.Render(err, msg.EN); got != c.en {
				t.Errorf("English:\n got %q\nwant %q", got, c.en)
			}
			if got := msg.Render(err, msg.VI); got != c.vi {
				t.Errorf("Vietnamese:\n got %q\nwant %q", got, c.vi)
			}
		})
	}
}

// A damaged zip reads "tệp zip bị hỏng" in Vietnamese, not Go's English;
// the English keeps archive/zip's words.
func TestDamagedZipInBothLanguages(t *testing.T) {
	_, err := CheckZip([]byte("PK\x03\x04 and then nothing of a zip"))
	if !errors.Is(err, readerr.ErrNotWorkbook) {
		t.Fatalf("error %v", err)
	}
	if en, vi := msg.Render(err, msg.EN), msg.Render(err, msg.VI); en != "not a readable workbook: zip: not a valid zip file" ||
		vi != "không phải bảng tính đọc được: tệp zip bị hỏng hoặc bị cắt cụt" {
		t.Errorf("got %q / %q", en, vi)
	}
	data := buildXLSX(t, sheetHead+`</sheetData></worksheet>`, "")
	_, err = scanAll(t, data[:len(data)-30], "", Limits{})
	if en, vi := msg.Render(err, msg.EN), msg.Render(err, msg.VI); en != "ds.xlsx: not a readable workbook: zip: not a valid zip file" ||
		vi != "ds.xlsx: không phải bảng tính đọc được: tệp zip bị hỏng hoặc bị cắt cụt" {
		t.Errorf("truncated: got %q / %q", en, vi)
	}
}
