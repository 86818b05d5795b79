package grid

import (
	"errors"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/xlsxio/csvscan"
)

// csvTable is a small ';' table: two title lines, the header, three units,
// the total (every row as wide as the header, as Excel writes it).
var csvTable = []string{
	"BÁO CÁO SỐ NGƯỜI THAM GIA;;;",
	"Tháng 10 năm 2025;;;",
	"STT;Đơn vị;Dân số;Ghi chú",
	"1;Xã An Phú;1.234;",
	"2;Xã Tân Phú;2.345;",
	"3;Phường Cửu Long;3.456;",
	";Tổng cộng;7.035;",
}

func csvOf(lines []string, eol string) []byte { return []byte(strings.Join(lines, eol) + eol) }

func with(i int, line string) []string {
	l := append([]string(nil), csvTable...)
	l[i] = line
	return l
}

func TestCSVStrict(t *testing.T) {
	for _, tc := range []struct {
		name  string
		data  []byte
		names []string // column B of every row, "" for none; nil when an error is wanted
		err   string   // what the error says
		is    error
	}{
		{"CRLF", csvOf(csvTable, "\r\n"), []string{"", "", "Đơn vị", "Xã An Phú", "Xã Tân Phú", "Phường Cửu Long", "Tổng cộng"}, "", nil},
		{"LF", csvOf(csvTable, "\n"), []string{"", "", "Đơn vị", "Xã An Phú", "Xã Tân Phú", "Phường Cửu Long", "Tổng cộng"}, "", nil},
		{"CR only", csvOf(csvTable, "\r"), []string{"", "", "Đơn vị", "Xã An Phú", "Xã Tân Phú", "Phường Cửu Long", "Tổng cộng"}, "", nil},
		{"quote inside a field is text", csvOf(with(4, `2;Xã Tân Phú;2.345;Số liệu "tạm tính`), "\r\n"),
			[]string{"", "", "Đơn vị", "Xã An Phú", "Xã Tân Phú", "Phường Cửu Long", "Tổng cộng"}, "", nil},
		{"header typed with Alt+Enter", csvOf(with(2, "STT;\"Đơn\nvị\";\"Dân\r\nsố\";Ghi chú"), "\r\n"),
			[]string{"", "", "Đơn\nvị", "Xã An Phú", "Xã Tân Phú", "Phường Cửu Long", "Tổng cộng"}, "", nil},
		{"a note over two lines", csvOf(with(4, "2;Xã Tân Phú;2.345;\"chờ\nđối chiếu\""), "\n"),
			[]string{"", "", "Đơn vị", "Xã An Phú", "Xã Tân Phú", "Phường Cửu Long", "Tổng cộng"}, "", nil},
		{"quote never closed", csvOf(with(4, `2;"Xã Tân Phú;2.345;`), "\r\n"), nil, "line 5: a quoted field that starts here is never closed", csvscan.ErrUnclosedQuote},
		{"quote never closed in a note", csvOf(with(5, `3;Phường Cửu Long;3.456;"Chưa đối chiếu, chờ`), "\r\n"), nil, "line 6: a quoted field", csvscan.ErrUnclosedQuote},
		{"a quote moves fields", csvOf(with(4, `2;"Xã Tân Phú;2.345";`), "\n"), nil, "line 5: a quoted field holds the separator ';', which leaves the row 3 fields where the table has 4", ErrStrayQuote},
		{"a line break cuts a row", csvOf(with(4, "2;Xã Tân\nPhú;2.345;"), "\n"), nil, "line 5: 2 fields, and line 6 3, where the table has 4", ErrBrokenRow},
		{"text after a closing quote", csvOf(with(4, `2;"Xã" Tân Phú;2.345;`), "\n"), nil, "line 5: text after the closing quote", csvscan.ErrTextAfter},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Open(tc.data, "t.csv", "")
			if tc.names == nil {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "t.csv") || tc.is != nil && !errors.Is(err, tc.is) {
					t.Fatalf("error %v; want one saying %q (%v)", err, tc.err, tc.is)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			s, _ := b.Sheet(0)
			rows, _ := s.Size()
			var got []string
			for r := range rows {
				got = append(got, s.Cell(r, 1).Text)
			}
			if strings.Join(got, "|") != strings.Join(tc.names, "|") {
				t.Errorf("column B %q, want %q", got, tc.names)
			}
		})
	}
}

// A quote opened on one row and closed at the end of a later one glues the
// rows between into one field: an error naming where it opened.
func TestCSVQuoteClosedLater(t *testing.T) {
	lines := with(3, `1;"Xã An Phú;1.234;`)
	lines[5] += `tạm tính"`
	_, err := Open(csvOf(lines, "\r\n"), "t.csv", "")
	if !errors.Is(err, ErrStrayQuote) || !strings.Contains(err.Error(), "t.csv: line 4: a quoted field starts here and ends on line 6") {
		t.Fatalf("error %v", err)
	}
}

func TestSeparator(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string
		want rune
	}{
		{"semicolons", strings.Join(csvTable, "\n"), ';'},
		{"commas", strings.ReplaceAll(strings.Join(csvTable, "\n"), ";", ","), ','},
		{"tabs", strings.ReplaceAll(strings.Join(csvTable, "\n"), ";", "\t"), '\t'},
		{"title full of commas over a ';' table", "BÁO CÁO BHXH, BHYT, BHTN, BHXH TỰ NGUYỆN\nTháng 10, năm 2025, đơn vị: người\n" + strings.Join(csvTable[2:], "\n"), ';'},
		{"quoted thousands in a ',' table", "STT,Đơn vị,Dân số\n1,Xã A,\"12,345\"\n2,Xã B,\"1,234\"\n", ','},
		{"one column", "a\nb\n", ','},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Separator([]byte(tc.text)); got != tc.want {
				t.Errorf("Separator = %q, want %q", got, tc.want)
			}
		})
	}
}
