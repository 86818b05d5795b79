package xlsxio

import (
	"strings"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// ColumnTexts returns, for each unit of t (in order), the text of the column
// named col (a header text, or the canonical key the reader gave it) in the
// unit's row, re-reading t's file: the reader keeps only canonical keys, and
// a grouping column (--by "Huyện cũ") is plain text.
func ColumnTexts(t *Table, col string) ([]string, error) {
	idx := -1
	fc := vntext.Fold(col)
	for _, c := range t.Columns {
		if c.Key == col || vntext.Fold(c.Header) == fc {
			idx = c.Index
			break
		}
	}
	if idx < 0 {
		var hs []string
		for _, c := range t.Columns {
			if c.Header != "" {
				hs = append(hs, c.Header)
			}
		}
		return nil, msg.Errorf("%s: no column %q (columns: %s)", "%s: không có cột %q (các cột: %s)", t.File, col, quoteList(hs))
	}
	data, err := readInput(t.Path)
	if err != nil {
		return nil, err
	}
	book, err := grid.Open(data, t.File, "")
	if err != nil {
		return nil, err
	}
	defer book.Close()
	si := 0
	for i, n := range book.Sheets() {
		if n.Name == t.Sheet {
			si = i
		}
	}
	src, err := book.Sheet(si)
	if err != nil {
		return nil, err
	}
	out := make([]string, len(t.Units))
	for i, u := range t.Units {
		if u.Row < 1 {
			return nil, msg.Errorf("%s: unit %q has no row to read column %q from", "%s: đơn vị %q không có dòng để đọc cột %q", t.File, u.Name, col)
		}
		out[i] = strings.TrimSpace(textAt(src, u.Row-1, idx))
		if out[i] == "" {
			return nil, msg.Errorf("%s: unit %q has no value in column %q", "%s: đơn vị %q không có giá trị ở cột %q", t.File, u.Name, col)
		}
	}
	return out, nil
}
