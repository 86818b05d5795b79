package xlsxio

// Which sheet of a book holds the table.

import (
	"fmt"
	"strconv"

	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// pickSheet returns the sheet named by opt.Sheet (a name or a 1-based
// index), else the first sheet holding a recognisable table.
func pickSheet(book grid.Book, file string, opt Options) (grid.Sheet, header, error) {
	var names []string
	for _, si := range book.Sheets() {
		names = append(names, si.Name)
	}
	if opt.Sheet != "" {
		idx := -1
		for i, n := range names {
			if n == opt.Sheet || vntext.Fold(n) == vntext.Fold(opt.Sheet) {
				idx = i
				break
			}
		}
		if idx < 0 {
			if n, err := strconv.Atoi(opt.Sheet); err == nil && n >= 1 && n <= len(names) {
				idx = n - 1
			}
		}
		if idx < 0 {
			return nil, header{}, &FileError{File: file, Err: fmt.Errorf("no sheet %q (sheets: %s)", opt.Sheet, quoteList(names))}
		}
		src, err := book.Sheet(idx)
		if err != nil {
			return nil, header{}, err
		}
		h, ok := findHeader(src, opt)
		if !ok {
			return nil, header{}, noHeader(file, []string{names[idx]})
		}
		return src, h, nil
	}
	for i := range names {
		src, err := book.Sheet(i)
		if err != nil {
			return nil, header{}, err
		}
		if h, ok := findHeader(src, opt); ok {
			return src, h, nil
		}
	}
	return nil, header{}, noHeader(file, names)
}

func noHeader(file string, sheets []string) error {
	what := "sheet " + quoteList(sheets)
	if len(sheets) != 1 {
		what = "sheets " + quoteList(sheets)
	}
	if len(sheets) == 1 && sheets[0] == "" {
		what = "the file"
	}
	return &FileError{File: file, Err: fmt.Errorf("%w in %s: expected a header row naming the unit (\"Đơn vị\") and counts such as \"Số người tham gia BHXH bắt buộc\"", ErrNoHeader, what)}
}
