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
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/xlsxio/grid"
)

// ReadFile reads the table of a workbook (.xlsx, .xls, .ods) or CSV file
// into units: the sheet (or sheets) a careful analyst would take
// (sheet_choice.go). Every rejected cell of the file is reported (up to
// MaxErrors) in one ErrorList; file-level problems are a *FileError.
func ReadFile(path string, opt Options) (*Table, error) {
	wb, err := ReadWorkbook(path, opt)
	if err != nil {
		return nil, err
	}
	return wb.Table, nil
}

// ReadWorkbook reads a workbook or CSV file: every sheet, read or skipped
// and why, the table compute reads and the series of periods trend reads.
// When the one table found holds rejected cells, the error comes with the
// workbook, whose Table is what was read (inspect shows it beside them);
// on any other error the workbook is nil.
func ReadWorkbook(path string, opt Options) (*Workbook, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, err
	}
	wb, err := readWorkbook(data, baseName(path), opt)
	if err != nil && (wb == nil || wb.Table == nil) {
		return nil, err
	}
	wb.Path = path
	for _, t := range append(wb.Series, wb.Table) {
		if t != nil {
			setPath(t, path)
		}
	}
	return wb, err
}

func setPath(t *Table, path string) {
	t.Path = path
	for _, p := range t.Parts {
		setPath(p, path)
	}
}

// readData reads a workbook or CSV file held in data; file names it in messages.
func readData(data []byte, file string, opt Options) (*Table, error) {
	wb, err := readWorkbook(data, file, opt)
	if err != nil {
		return nil, err
	}
	return wb.Table, nil
}

func readWorkbook(data []byte, file string, opt Options) (*Workbook, error) {
	book, err := grid.Open(data, file, opt.Password)
	if err != nil {
		return nil, err
	}
	defer book.Close()
	sum := sha256.Sum256(data)
	wb := &Workbook{File: file, SHA256: hex.EncodeToString(sum[:])}
	infos, active := book.Sheets(), book.Active()
	own, isOwn := recogniseOwnReport(book)
	if isOwn && own.kind == ReportTrend && opt.Sheet == "" {
		return nil, trendReportError(file, infos[own.data].Name)
	}
	sel, err := selectSheets(infos, file, opt.Sheet)
	if err != nil {
		return nil, err
	}
	if isOwn {
		opt.ownReport = own.kind
		if opt.Sheet == "" {
			sel = sheetSelection{indexes: []int{own.data}}
		}
	}
	named := map[int]bool{}
	for _, i := range sel.indexes {
		named[i] = true
	}
	var read []sheetTable
	for i, si := range infos {
		wb.Sheets = append(wb.Sheets, SheetReading{Name: si.Name, Visibility: si.Visibility.String(), Active: i == active})
		sr := &wb.Sheets[i]
		switch {
		case len(named) > 0 && !named[i]:
			sr.Why = msg.Text{EN: "not named by --sheet", VI: "không được --sheet chỉ định"}
			continue
		case len(named) == 0 && si.Visibility != grid.Visible:
			sr.Why = hiddenWhy(si.Visibility, si.Name)
			continue
		}
		src, err := book.Sheet(i)
		if err != nil {
			return nil, err
		}
		st := sheetTable{i: i}
		st.t, st.h, st.err = readSheet(src, file, wb.SHA256, opt)
		switch {
		case st.t == nil && st.err != nil:
			sr.Why = msg.Text{EN: "no table: a header without unit rows under it", VI: "không có bảng: có tiêu đề nhưng không có dòng đơn vị bên dưới"}
		case st.t == nil:
			sr.Why = msg.Text{EN: "no table: " + noTableWhy, VI: "không có bảng: không có dòng tiêu đề nêu đơn vị và số liệu"}
		default:
			sr.Period, sr.Units, sr.Transposed = st.t.Period, len(st.t.Units), st.t.Transposed
			if st.err != nil {
				sr.Why = msg.Text{EN: "its table holds rejected cells", VI: "bảng của trang có ô bị từ chối"}
			}
		}
		read = append(read, st)
	}
	if err := wb.choose(read, sel, opt, active); err != nil {
		if wb.Table == nil {
			return nil, err
		}
		wb.Table.Sheets = wb.Sheets
		return wb, err // rejected cells, and what was read
	}
	wb.Table.Sheets = wb.Sheets
	if isOwn {
		// what was read of a bhxh report, said aloud
		for _, t := range append(wb.Series, wb.Table) {
			t.Report = own.kind
		}
		if n := ownReportNote(own.kind, wb.Table.Sheet); n.EN != "" {
			wb.Table.Notes = append(wb.Table.Notes, n)
		}
	}
	if opt.Period != "" {
		// --period is the period of the table read (the sheets' titles
		// chose among them)
		for _, t := range append(wb.Series, wb.Table) {
			t.Period = opt.Period
		}
		wb.Series = []*Table{wb.Table}
	}
	return wb, nil
}

const noTableWhy = "no header row naming units and counts"

// readSheet reads the table of one sheet; t is nil when the sheet holds
// none. err lists the cells rejected (t then holds the rows read).
func readSheet(src grid.Sheet, file, sum string, opt Options) (*Table, header, error) {
	h, ok := findHeader(src, opt)
	if !ok {
		if t, th, err, ok := readTransposed(src, file, sum, opt); ok {
			return t, th, err
		}
		return nil, h, nil
	}
	h = unitSpan(src, h)
	t := &Table{File: file, Sheet: src.Name(), SHA256: sum, Columns: h.cols}
	_, ncols := src.Size()
	for r := 0; r < h.first; r++ {
		if firstText(src, r, min(ncols, maxOwnCols)) == "" {
			t.rowsAre(r, r, "blank", msg.Text{})
		} else {
			t.rowsAre(r, r, "title", msg.Text{EN: "above the header", VI: "ở trên dòng tiêu đề"})
		}
	}
	t.rowsAre(h.first, h.last, "header", msg.Text{})
	for r := h.first; r <= h.last; r++ {
		t.HeaderRows = append(t.HeaderRows, r+1)
	}
	t.Period, t.PeriodSpan = findPeriod(src, h)
	if t.Period == "" && src.Name() != "" {
		t.Period, _ = periodFromName(src.Name())
	}
	t.Title = titleLines(src, h)
	err := readRows(src, h, t, opt)
	if err != nil && len(t.Units) == 0 && !isCellErrors(err) {
		// "no unit rows under the header": a header alone is no table
		return nil, h, err
	}
	return t, h, err
}

// isCellErrors: err lists rejected cells (an ErrorList), not a
// file-level problem.
func isCellErrors(err error) bool {
	var l ErrorList
	return errors.As(err, &l)
}

// maxFileBytes bounds an input file read whole (its parts are bounded by
// rawxlsx.CheckZip).
const maxFileBytes = 256 << 20

// readInput reads a whole input file within the size limit.
func readInput(path string) ([]byte, error) {
	file := baseName(path)
	st, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &FileError{File: file, Err: msg.Errorf("no such file (%s)", "không có tệp này (%s)", path)}
	}
	if err != nil {
		return nil, &FileError{File: file, Err: err}
	}
	if st.IsDir() {
		return nil, &FileError{File: file, Err: msg.New("is a folder, not a workbook", "là thư mục, không phải bảng tính")}
	}
	if st.Size() > maxFileBytes {
		return nil, &FileError{File: file, Err: msg.Errorf("%w: %d bytes (limit %d)", "%w: %d byte (giới hạn %d)", ErrTooBig, st.Size(), maxFileBytes)}
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
