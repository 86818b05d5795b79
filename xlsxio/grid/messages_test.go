package grid

import (
	"errors"
	"testing"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// A file bhxh cannot read is reported in Vietnamese by default and in
// English with --lang en, naming the file and line; errors.Is still finds
// the kind of problem.
func TestOpenErrorsInBothLanguages(t *testing.T) {
	for _, c := range []struct {
		name   string
		data   []byte
		file   string
		is     error
		en, vi string
	}{
		{"empty", nil, "t.xlsx", readerr.ErrNotWorkbook,
			"t.xlsx: not a readable workbook: the file is empty",
			"t.xlsx: không phải bảng tính đọc được: tệp rỗng"},
		{"Excel 2003 XML", []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>`), "t.xml", readerr.ErrNotWorkbook,
			"t.xml: not a readable workbook: an Excel 2003 XML spreadsheet, which bhxh does not read: save it as .xlsx or .ods",
			"t.xml: không phải bảng tính đọc được: bảng tính Excel 2003 dạng XML, bhxh không đọc loại này: hãy lưu lại dạng .xlsx hoặc .ods"},
		{"a line break cuts a row", csvOf(with(4, "2;Xã Tân\nPhú;2.345;"), "\n"), "t.csv", ErrBrokenRow,
			"t.csv: line 5: 2 fields, and line 6 3, where the table has 4: a broken row, one row cut in two by a line break?",
			"t.csv: dòng 5 có 2 trường, dòng 6 có 3 trường, trong khi bảng có 4 cột: dòng bị vỡ, một dòng bị dấu xuống dòng cắt làm hai?"},
		{"a quote moves fields", csvOf(with(4, `2;"Xã Tân Phú;2.345";`), "\n"), "t.csv", ErrStrayQuote,
			"t.csv: line 5: a quoted field holds the separator ';', which leaves the row 3 fields where the table has 4: a stray quote?",
			"t.csv: dòng 5: một trường trong dấu nháy chứa dấu phân cách ';', khiến dòng chỉ còn 3 trường trong khi bảng có 4 cột: dấu nháy thừa?"},
		{"quote never closed", csvOf(with(4, `2;"Xã Tân Phú;2.345;`), "\r\n"), "t.csv", nil,
			"t.csv: line 5: a quoted field that starts here is never closed (a stray quote? every opening quote needs its closing one)",
			"t.csv: dòng 5: trường bắt đầu bằng dấu nháy ở đây không bao giờ được đóng (dấu nháy thừa? mỗi dấu nháy mở cần có dấu nháy đóng)"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Open(c.data, c.file, "")
			if err == nil || c.is != nil && !errors.Is(err, c.is) {
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
