package xlsxio

// The table finder's entry. readData is the whole path of a count, in order:
// the file opened as a grid (package grid), the sheet holding a table
// chosen (sheet_choice.go) with its header found (header_block.go; one
// header text's key: headers.go), a unit header merged over several
// columns narrowed to the names (unitSpan), the period read from the
// title (period.go), the rows read into units (rows.go; one cell's value:
// values.go), and --col overrides that named nothing warned of
// (overrides.go).

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/bhxh/bhxh/xlsxio/grid"
)

// ReadFile reads the table of a workbook (.xlsx, .xls) or CSV file into
// units. Every rejected cell of the file is reported (up to MaxErrors) in
// one ErrorList; file-level problems are a *FileError.
func ReadFile(path string, opt Options) (*Table, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, err
	}
	t, err := readData(data, baseName(path), opt)
	if t != nil {
		t.Path = path
	}
	return t, err
}

// readData reads a workbook or CSV file held in data; file names it in messages.
func readData(data []byte, file string, opt Options) (*Table, error) {
	book, err := grid.Open(data, file, opt.Password)
	if err != nil {
		return nil, err
	}
	defer book.Close()
	sum := sha256.Sum256(data)

	src, h, err := pickSheet(book, file, opt)
	if err != nil {
		return nil, err
	}
	h = unitSpan(src, h)
	t := &Table{File: file, Sheet: src.Name(), SHA256: hex.EncodeToString(sum[:]), Columns: h.cols}
	for r := h.first; r <= h.last; r++ {
		t.HeaderRows = append(t.HeaderRows, r+1)
	}
	t.Period = opt.Period
	if t.Period == "" {
		t.Period, t.PeriodSpan = findPeriod(src, h)
	}
	t.Title = titleLines(src, h)
	if err := readRows(src, h, t, opt); err != nil {
		return nil, err
	}
	t.Issues = append(t.Issues, unusedOverrides(opt, h, t)...)
	return t, nil
}

// maxFileBytes bounds an input file read whole (its parts are bounded by
// rawxlsx.CheckZip).
const maxFileBytes = 256 << 20

// readInput reads a whole input file within the size limit.
func readInput(path string) ([]byte, error) {
	file := baseName(path)
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &FileError{File: file, Err: fmt.Errorf("no such file (%s)", path)}
	}
	if err != nil {
		return nil, &FileError{File: file, Err: err}
	}
	if st.IsDir() {
		return nil, &FileError{File: file, Err: errors.New("is a folder, not a workbook")}
	}
	if st.Size() > maxFileBytes {
		return nil, &FileError{File: file, Err: fmt.Errorf("%w: %d bytes (limit %d)", ErrTooBig, st.Size(), maxFileBytes)}
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FileError{File: file, Err: err}
	}
	return data, nil
}

func baseName(path string) string { return filepath.Base(path) }

// sheetPrefix is "Sheet: " before a message, or nothing for a CSV file,
// which has no sheet (not "file.csv: : …").
func sheetPrefix(sheet string) string {
	if sheet == "" {
		return ""
	}
	return sheet + ": "
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}
