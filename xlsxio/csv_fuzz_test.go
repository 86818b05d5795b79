package xlsxio

import (
	"strings"
	"testing"
)

// csvFuzzUnits are the units of the table FuzzCSVQuoting mangles: names no
// one of which holds another.
var csvFuzzUnits = []string{"Xã An Phú", "Xã Tân Lập", "Phường Cửu Long", "Thị trấn Đông Hà", "Xã Ea Kar", "Phường Nam Lý"}

// csvFuzzTable is an everyday CSV export: titles, the header, the units,
// the total, a signature line.
func csvFuzzTable() string {
	lines := []string{
		"BÁO CÁO SỐ NGƯỜI THAM GIA BHXH, BHYT;;;;;",
		"Tháng 10 năm 2025;;;;;",
		"STT;Đơn vị;Lực lượng lao động trong độ tuổi;Số người tham gia BHXH bắt buộc;Số người tham gia BHYT;Ghi chú",
	}
	for i, u := range csvFuzzUnits {
		lines = append(lines, strings.Join([]string{string(rune('1' + i)), u, "12.345", "2.345", "9.876", ""}, ";"))
	}
	lines = append(lines, ";Tổng cộng;74.070;14.070;59.256;", "Người lập biểu;;;;;")
	return strings.Join(lines, "\r\n") + "\r\n"
}

// csvInsertions are what ops insert: quotes, line ends, separators.
var csvInsertions = []string{`"`, `""`, "\n", "\r\n", "\r", ";", ",", `";"`, "\"\n"}

// mangle inserts into text, for each pair of bytes of ops, one of
// csvInsertions at a position.
func mangle(text string, ops []byte) string {
	for i := 0; i+1 < len(ops) && i < 16; i += 2 {
		pos := int(ops[i]) * len(text) / 256
		text = text[:pos] + csvInsertions[int(ops[i+1])%len(csvInsertions)] + text[pos:]
	}
	return strings.ToValidUTF8(text, "?")
}

// FuzzCSVQuoting: whatever quotes, line ends and separators land in a CSV
// table, no row is lost without a word. Every line of the file that holds
// a unit's name is read as that unit (alone: a unit whose name holds two
// names is rows glued together), or reported (an issue naming it), or the
// file is refused with an error.
func FuzzCSVQuoting(f *testing.F) {
	for _, ops := range [][]byte{
		nil,
		{100, 0},        // a quote somewhere
		{90, 0, 140, 0}, // a quote opened, then closed rows later
		{120, 2},        // a line end inside a row
		{200, 8},        // a quote then a line end
		{60, 3, 61, 1},  // CRLF and a doubled quote in the header
	} {
		f.Add(ops)
	}
	f.Fuzz(func(t *testing.T, ops []byte) {
		text := mangle(csvFuzzTable(), ops)
		tab, err := readData([]byte(text), "t.csv", Options{})
		if err != nil {
			return // refused: nothing is read, nothing is lost silently
		}
		for n, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' }) {
			for _, name := range csvFuzzUnits {
				if !strings.Contains(line, name) || readAlone(tab, name) || reported(tab, name) {
					continue
				}
				t.Fatalf("line %d %q holds %q: not a unit, not reported, no error\n%s\nunits: %v", n+1, line, name, text, unitNames(tab))
			}
		}
	})
}

// readAlone: a unit's name holds name and no other unit's.
func readAlone(tab *Table, name string) bool {
	for _, u := range tab.Units {
		if !strings.Contains(u.Name, name) {
			continue
		}
		for _, other := range csvFuzzUnits {
			if other != name && strings.Contains(u.Name, other) {
				return false
			}
		}
		return true
	}
	return false
}

func reported(tab *Table, name string) bool {
	for _, is := range tab.Issues {
		if strings.Contains(is.Message.EN, name) {
			return true
		}
	}
	return false
}

func unitNames(tab *Table) []string {
	var out []string
	for _, u := range tab.Units {
		out = append(out, u.Name)
	}
	return out
}
