package xlsxio

import (
	"strings"
	"unicode"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// Rows under a unit that break it down ("Trong đó:", "- Thị trấn Đông
// Hà", "+ Xã Đông Lương"; a detail row under a name merged over two rows)
// are part of the unit above: counted as units they would be counted twice.

// listMarkers are the marks a list item may start with.
const listMarkers = "-+•*–—·▪◦"

// stripListMarker drops a list marker from a name: "- Xã An Phú", "+ …",
// "• …", "1. Phường Cửu Long", "2) Xã …" give the name after it; the
// unit's own number stays ("Phường 1"). marked: there was one.
func stripListMarker(s string) (name string, marked bool) {
	t := strings.TrimLeft(s, " \t")
	rest := ""
	switch r := []rune(t + " ")[0]; {
	case strings.ContainsRune(listMarkers, r):
		rest = t[len(string(r)):]
	case r >= '0' && r <= '9':
		i := 0
		for i < len(t) && i < 3 && t[i] >= '0' && t[i] <= '9' {
			i++
		}
		if i < len(t) && (t[i] == '.' || t[i] == ')') {
			rest = t[i+1:]
		}
		if rest != "" && rest[0] != ' ' {
			rest = "" // "1.2", "3)x": not a list number
		}
	}
	rest = strings.TrimLeft(rest, " \t")
	if rest == "" || !unicode.IsLetter([]rune(rest)[0]) {
		return s, false
	}
	return rest, true
}

// isTrongDo: "Trong đó:", "Trong đó: Thị trấn Đông Hà", "trong do".
func isTrongDo(s string) bool {
	f := vntext.Fold(s)
	return f == "trong do" || strings.HasPrefix(f, "trong do ")
}

// breakdowns follows the rows of a table and tells which are breakdowns.
type breakdowns struct {
	under      bool // inside a "Trong đó" block or a unit's marked rows
	unmarked   bool // the last unit's name has no list marker
	lastParent string
}

// at says whether unit row r (name as read, marked: it had a list marker)
// is a breakdown and why ("" when it is a unit). heading: the row has no
// count cells at all (a heading over the units, which ends a block).
func (b *breakdowns) at(s grid.Sheet, h header, r int, name string, marked, heading bool) msg.Text {
	stt := ""
	if h.unit > 0 {
		stt = textAt(s, r, 0)
	}
	switch {
	case isTrongDo(name):
		b.under = true
		return msg.Sprintf("a \"Trong đó\" row under %q", "dòng \"Trong đó\" dưới %q", b.lastParent)
	case isTrongDo(stt):
		b.under = true
		return msg.Sprintf("beside \"Trong đó\" (%s) under %q", "cạnh \"Trong đó\" (%s) dưới %q", ref(r, 0), b.lastParent)
	}
	if m, ok := mergeAt(s, r, h.unit); ok && m.R0 < r && m.C0 == h.unit {
		return msg.Sprintf("the name %q is merged over it from row %d: a detail row of that unit", "tên %q được gộp ô xuống dòng này từ dòng %d: dòng chi tiết của đơn vị đó", name, m.R0+1)
	}
	if marked && (b.under || b.unmarked) && b.lastParent != "" {
		b.under = true
		return msg.Sprintf("a marked row under %q, whose name has no marker", "dòng có dấu đầu dòng dưới %q, tên đơn vị đó không có dấu", b.lastParent)
	}
	b.under = false
	if heading && !marked {
		b.unmarked, b.lastParent = false, ""
		return msg.Text{}
	}
	b.unmarked, b.lastParent = !marked, name
	return msg.Text{}
}

// reset ends a block at a section, subtotal or total row.
func (b *breakdowns) reset() { *b = breakdowns{} }
