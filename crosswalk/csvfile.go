package crosswalk

import (
	"encoding/csv"
	"io"
	"strings"

	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// records is the loop both of the package's CSV files share (the crosswalk
// table and a shares file): every record after the header, its line, its
// fields by column name, and the rejected cells named by column letter and
// line, up to xlsxio.MaxErrors.
type records struct {
	file string
	r    *csv.Reader
	col  map[string]int // column name → position, from the header
	errs xlsxio.ErrorList
}

// bad records a rejected cell of column name on line.
func (rs *records) bad(line int, name, value string, err error) {
	if len(rs.errs) < xlsxio.MaxErrors {
		rs.errs = append(rs.errs, &xlsxio.CellError{File: rs.file, Cell: rawxlsx.CellName(rs.col[name], line), Value: value, Err: err})
	}
}

// each calls fn with every record's first line and a getter of its fields
// by column name (trimmed; "" past the end of a short record). A record the
// CSV reader refuses stops the loop with an error naming the file.
func (rs *records) each(fn func(line int, get func(name string) string)) error {
	for {
		rec, err := rs.r.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &xlsxio.FileError{File: rs.file, Err: err}
		}
		line, _ := rs.r.FieldPos(0)
		fn(line, func(name string) string {
			if i := rs.col[name]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		})
	}
}
