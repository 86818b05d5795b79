package xlsxio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// ListedUnit is a unit named in a unit list (bhxh template --units).
type ListedUnit struct{ Name, Code string }

// maxListedUnits bounds a --units list.
const maxListedUnits = 20_000

// ReadUnitList reads a list of units for a template: a CSV or xlsx file of
// rows "name[,code]" (or "code,name" when a header row says so), with an
// optional header row ("Đơn vị", "Mã đơn vị", "unit", "code"…). Codes stay
// text, leading zeros kept. A unit listed twice is an error.
func ReadUnitList(path string) ([]ListedUnit, error) {
	file := filepath.Base(path)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &FileError{File: file, Err: err}
	}
	var rows [][]string
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, &FileError{File: file, Err: fmt.Errorf("%w: %v", ErrNotWorkbook, err)}
		}
		defer f.Close()
		rows, err = f.GetRows(f.GetSheetName(0))
		if err != nil {
			return nil, &FileError{File: file, Err: err}
		}
	case grid.IsOLE(data):
		return nil, &FileError{File: file, Err: msg.New("an .xls unit list is not supported: save it as .xlsx or CSV", "không hỗ trợ danh sách đơn vị dạng .xls: hãy lưu thành .xlsx hoặc CSV")}
	default:
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
		r.Comma = grid.Separator(data)
		r.FieldsPerRecord = -1
		r.LazyQuotes = true
		rows, err = r.ReadAll()
		if err != nil {
			return nil, &FileError{File: file, Err: err}
		}
	}

	nameCol, codeCol := 0, 1
	start := 0
	for i, row := range rows {
		if blankRow(row) {
			continue
		}
		// The first non-blank row may be a header.
		n, c := -1, -1
		for j, cell := range row {
			switch vntext.Fold(cell) {
			case "don vi", "ten don vi", "ten", "unit", "name", "ten xa", "ten xa phuong", "xa phuong", "huyen thanh pho":
				n = j
			case "ma", "ma don vi", "ma dvhc", "code", "ma so", "ma xa", "ma xa phuong", "ma huyen":
				c = j
			}
		}
		if n >= 0 {
			nameCol, codeCol, start = n, c, i+1
		} else {
			start = i
		}
		break
	}

	var units []ListedUnit
	seen := NewUnitIndex()
	var lines []int // 1-based row of each unit
	for i := start; i < len(rows); i++ {
		row := rows[i]
		if blankRow(row) {
			continue
		}
		get := func(j int) string {
			if j < 0 || j >= len(row) {
				return ""
			}
			return strings.TrimSpace(vntext.NFC(row[j]))
		}
		u := ListedUnit{Name: get(nameCol), Code: get(codeCol)}
		if u.Name == "" {
			return nil, &FileError{File: file, Err: msg.Errorf("row %d has no unit name", "dòng %d không có tên đơn vị", i+1)}
		}
		if _, err := seen.Add(UnitRef{Code: u.Code, Name: u.Name}); err != nil {
			var dup *DuplicateUnitError
			errors.As(err, &dup)
			return nil, &FileError{File: file, Err: msg.Errorf("%w on rows %d and %d", "%w ở dòng %d và %d", err, lines[dup.First], i+1)}
		}
		lines = append(lines, i+1)
		units = append(units, u)
		if len(units) > maxListedUnits {
			return nil, &FileError{File: file, Err: msg.Errorf("more than %d units", "hơn %d đơn vị", maxListedUnits)}
		}
	}
	if len(units) == 0 {
		return nil, &FileError{File: file, Err: msg.New("no unit names in this list", "danh sách này không có tên đơn vị nào")}
	}
	return units, nil
}

func blankRow(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
