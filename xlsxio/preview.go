package xlsxio

import (
	"errors"
	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
	"strings"
)

// SheetPreview shows, for a sheet where no table was found, the row that
// looks most like a header and what each of its cells matched, so an
// analyst can name the columns with --col.
type SheetPreview struct {
	Sheet   string
	Row     int      // 1-based; 0 when the sheet holds no text at all
	Columns []Column // the row's non-empty cells with their keys (or why not)
}

// Preview reads path only far enough to show each sheet's likeliest header
// row. It is meant for when ReadFile fails with ErrNoHeader.
func Preview(path string, opt Options) ([]SheetPreview, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, err
	}
	file := baseName(path)
	book, err := grid.Open(data, file, opt.Password)
	if err != nil {
		return nil, err
	}
	defer book.Close()
	var out []SheetPreview
	for i, si := range book.Sheets() {
		name := si.Name
		src, err := book.Sheet(i)
		if err != nil {
			return nil, err
		}
		nrows, ncols := src.Size()
		best, bestScore := -1, 0
		for _, r := range headerCandidates(src, nrows, ncols) {
			score := 0
			for c := 0; c < ncols; c++ {
				if cl := src.Cell(r, c); cl.Kind == grid.Text {
					score++
				}
			}
			if score > bestScore {
				best, bestScore = r, score
			}
		}
		p := SheetPreview{Sheet: name}
		if best >= 0 {
			p.Row = best + 1
			for c := 0; c < ncols; c++ {
				h := textAt(src, best, c)
				if h == "" {
					continue
				}
				col := Column{Index: c, Letter: rawxlsx.ColumnLetters(c), Header: h}
				col.Key, col.Why = matchColumn(opt, col)
				if col.Key == "-" {
					col.Key = ""
				}
				col.Header = strings.TrimSpace(h)
				p.Columns = append(p.Columns, col)
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// IsNoHeader reports whether err is a "no recognisable table" error.
func IsNoHeader(err error) bool { return errors.Is(err, ErrNoHeader) }
