package xlsxio

import (
	"strings"
	"unicode"

	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// Row labels: what the text in a workbook's unit column says a row is.
// All tests work on Fold'ed text, so case, diacritics and punctuation do
// not matter.

// isNumberName: a unit name with no letter holding two runs of digits or
// more ("12.345", "1,234", "46,5%", "12.3""45" cut by a stray quote) is a
// count or a rate read from the wrong column. A bare whole number is left
// alone: a ward typed as its number ("1" under "Phường") or a code
// ("04402"), as is a list number ("1.").
func isNumberName(s string) bool {
	runs, inRun := 0, false
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			return false
		case r >= '0' && r <= '9':
			if !inRun {
				runs++
			}
			inRun = true
		default:
			inRun = false
		}
	}
	return runs >= 2
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// isTotalLabel: "Tổng cộng", "Toàn tỉnh", "Toàn thành phố", "Tổng số",
// "Tổng", "Cộng toàn tỉnh", "Total".
func isTotalLabel(s string) bool {
	f := vntext.Fold(s)
	switch f {
	case "tong", "tong so", "tong cong", "total", "grand total", "toan tinh", "toan thanh pho", "toan quoc":
		return true
	}
	for _, p := range []string{"tong cong ", "toan tinh ", "toan thanh pho ", "cong toan ", "tong toan ", "tong so toan "} {
		if strings.HasPrefix(f, p) {
			return true
		}
	}
	return false
}

// isSubtotalLabel: "Cộng", "Cộng khu vực…", "Cộng huyện…", "Subtotal";
// not a total, and not "Cộng hòa" (the state's name in the title block).
func isSubtotalLabel(s string) bool {
	f := vntext.Fold(s)
	switch f {
	case "cong", "subtotal", "sub total", "tong khu vuc":
		return true
	}
	if !strings.HasPrefix(f, "cong ") || isTotalLabel(s) {
		return false
	}
	return !strings.HasPrefix(f, "cong hoa") && !strings.HasPrefix(f, "cong dong")
}

// footerStarts are the first words of signature lines and notes under a table.
var footerStarts = []string{
	"nguoi lap", "lap bieu", "ghi chu", "luu y", "thu truong", "giam doc", "ke toan", "noi nhan",
	"truong phong", "truong ban", "nguoi kiem tra", "kiem tra", "xac nhan", "chu tich",
	"prepared by", "approved by", "note", "notes", "director",
}

// isFooterLabel: "Người lập biểu", "Ghi chú:", "Thủ trưởng đơn vị",
// "KT. Giám đốc", "Nơi nhận", and date lines "…, ngày 30 tháng 11 năm 2023".
func isFooterLabel(s string) bool {
	f := vntext.Fold(s)
	// "KT. GIÁM ĐỐC", "TL. Giám đốc", "Phó Giám đốc": signing on behalf.
	for _, p := range []string{"kt ", "tl ", "tm ", "tuq ", "q ", "pho "} {
		if strings.HasPrefix(f, p) {
			f = f[len(p):]
			break
		}
	}
	for _, p := range footerStarts {
		if f == p || strings.HasPrefix(f, p+" ") {
			return true
		}
	}
	return isDateLine(f)
}

// isDateLine: "ha noi ngay 30 thang 11 nam 2023", "ngay thang nam".
func isDateLine(f string) bool {
	i := strings.Index(" "+f, " ngay ")
	if i < 0 {
		return false
	}
	rest := f[i:]
	return strings.Contains(rest, " thang ") && strings.Contains(rest, " nam")
}

// sectionWords are labels that name a kind of area rather than a unit.
var sectionWords = map[string]bool{
	"dac khu": true, "cac dac khu": true, "xa": true, "cac xa": true, "phuong": true, "cac phuong": true,
	"thi tran": true, "cac thi tran": true, "huyen": true, "cac huyen": true, "thanh thi": true,
	"nong thon": true, "khoi phuong": true, "khoi xa": true, "khoi huyen": true,
}

// isSectionLabel: a row heading a group of units: "I", "II", "III.", "A",
// "I. Khu vực phường", "Khu vực thành thị", "Đặc khu". Whether the row
// holds numbers is for the reader to check.
func isSectionLabel(s string) bool {
	t := strings.TrimSpace(s)
	f := vntext.Fold(t)
	if f == "" {
		return false
	}
	if isRoman(f) || len(f) == 1 && f[0] >= 'a' && f[0] <= 'z' {
		return true
	}
	if strings.HasPrefix(f, "khu vuc ") || f == "khu vuc" || sectionWords[f] {
		return true
	}
	// "I. Khu vực phường", "B - Các xã": a numeral or letter and a mark.
	first, _, ok := strings.Cut(f, " ")
	if ok && (isRoman(first) || len(first) == 1 && first[0] >= 'a' && first[0] <= 'z') {
		rest := t[len(first):]
		rest = strings.TrimLeft(rest, " ")
		if rest != "" && strings.ContainsRune(".):-–", rune(rest[0])) {
			// "P. Tân An", "H. Đông Hòa", "Q. 1": an abbreviated
			// administrative type before a unit's name, not a section.
			if _, abbrev := unitTypeAbbrevs[first]; abbrev && rest[0] == '.' {
				name := vntext.Fold(rest[1:])
				return name == "" || strings.HasPrefix(name, "khu vuc") || strings.HasPrefix(name, "cac ") || sectionWords[name]
			}
			return true
		}
	}
	return false
}

// isRoman reports whether f is a Roman numeral from i to xxxix.
func isRoman(f string) bool {
	if f == "" || len(f) > 8 {
		return false
	}
	tens := 0
	for tens < len(f) && f[tens] == 'x' {
		tens++
	}
	if tens > 3 {
		return false
	}
	switch f[tens:] {
	case "", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix":
		return tens > 0 || f[tens:] != ""
	}
	return false
}

// isNumberingRow: the row of column numbers under a header: every
// non-empty cell is like "(1)", "2", "A", "(B)" or a formula of them
// "(5)=(3)/(4)"; at least 3 such cells, mostly increasing.
func isNumberingRow(cells []string) bool {
	n, up, pairs := 0, 0, 0
	lastNum, lastLetter := -1, -1
	for _, c := range cells {
		c = trimCellSpace(c)
		if c == "" {
			continue
		}
		v, letter, ok := columnNumber(c)
		if !ok {
			return false
		}
		n++
		last := &lastNum
		if letter {
			last = &lastLetter
		}
		if *last >= 0 {
			pairs++
			if v > *last {
				up++
			}
		}
		*last = v
	}
	return n >= 3 && up*2 >= pairs
}

// columnNumber reads the leading number or letter of a numbering cell
// ("(12)", "B", "(5)=(3)/(4)"); ok is false for anything else.
func columnNumber(c string) (v int, letter, ok bool) {
	i := 0
	for i < len(c) && (c[i] == '(' || c[i] == ' ') {
		i++
	}
	switch {
	case i < len(c) && c[i] >= '0' && c[i] <= '9':
		for j := 0; i < len(c) && c[i] >= '0' && c[i] <= '9'; j++ {
			if j == 3 {
				return 0, false, false
			}
			v = v*10 + int(c[i]-'0')
			i++
		}
	case i < len(c) && isASCIILetter(c[i]) && (i+1 == len(c) || !isASCIILetter(c[i+1])):
		v, letter = int(c[i]|0x20-'a'), true
		i++
	default:
		return 0, false, false
	}
	for j := i; j < len(c); j++ {
		ch := c[j]
		switch {
		case ch >= '0' && ch <= '9', strings.IndexByte("()=+-*/:. ", ch) >= 0:
		case isASCIILetter(ch):
			if j+1 < len(c) && isASCIILetter(c[j+1]) || isASCIILetter(c[j-1]) {
				return 0, false, false // a word, not a column letter
			}
		default:
			return 0, false, false
		}
	}
	return v, letter, true
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
