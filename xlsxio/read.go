package xlsxio

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// ReadFile reads the table of a workbook (.xlsx, .xls) or CSV file into
// units. Every rejected cell of the file is reported (up to MaxErrors) in
// one ErrorList; file-level problems are a *FileError.
func ReadFile(path string, opt Options) (*Table, error) {
	data, err := readInput(path)
	if err != nil {
		return nil, err
	}
	t, err := Read(data, baseName(path), opt)
	if t != nil {
		t.Path = path
	}
	return t, err
}

func baseName(path string) string { return filepath.Base(path) }

// ref names the cell at 0-based (r, c): "H12".
func ref(r, c int) string { return rawxlsx.CellName(c, r+1) }

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

// Read reads a workbook or CSV file held in data; file names it in messages.
func Read(data []byte, file string, opt Options) (*Table, error) {
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
		t.Period = findPeriod(src, h)
	}
	if err := readRows(src, h, t, opt); err != nil {
		return nil, err
	}
	t.Issues = append(t.Issues, unusedOverrides(opt, h, t)...)
	return t, nil
}

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
	return &FileError{File: file, Err: fmt.Errorf("%w in %s: expected a header row naming the unit (\"Đơn vị\") and counts such as \"Số người tham gia BHXH bắt buộc\"; run `bhxh inspect` to see what was read, and --col 'Header=key' to map a column", ErrNoHeader, what)}
}

func quoteList(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// findPeriod reads the period from the title rows, then from the header
// block ("Thực hiện đến 25/11/2023").
func findPeriod(s grid.Sheet, h header) string {
	_, ncols := s.Size()
	for r := 0; r <= h.last; r++ {
		for c := 0; c < ncols; c++ {
			if t := textAt(s, r, c); t != "" {
				if p, ok := ParsePeriod(t); ok {
					return p
				}
			}
		}
	}
	return ""
}

// rowKind classifies a data row by its label.
type rowKind int

const (
	rowUnit rowKind = iota
	rowTotal
	rowSubtotal
	rowSection
	rowFooter
)

func classify(label, first string) rowKind {
	switch {
	case IsFooterLabel(label) || (label == "" && IsFooterLabel(first)):
		return rowFooter
	case IsTotalLabel(label) || (label == "" && IsTotalLabel(first)):
		return rowTotal
	case IsSubtotalLabel(label) || (label == "" && IsSubtotalLabel(first)):
		return rowSubtotal
	case IsSectionLabel(label):
		return rowSection
	}
	return rowUnit
}

// readRows reads every row under the header until a footer, or until a
// row that is itself a header: a second table further down the sheet (an
// annex, "Phụ lục") is not part of this one.
func readRows(s grid.Sheet, h header, t *Table, opt Options) error {
	nrows, _ := s.Size()
	// The table is as wide as its header: cells further right (a stray
	// note, a cell at XFD1048576) are not part of it.
	ncols := 0
	for _, col := range h.cols {
		if col.Header != "" {
			ncols = col.Index + 1
		}
	}
	var errs ErrorList
	numeric := make([]bool, len(h.cols))
	start := h.last + 1
	if start < nrows && IsNumberingRow(rowTexts(s, start, ncols)) {
		start++
	}
	seen := map[string]int{} // unit key → index in t.Units
	codeLen := codeWidth(s, h, start, nrows)
	for r := start; r < nrows; r++ {
		texts := rowTexts(s, r, ncols)
		first := ""
		nonEmpty := 0
		for _, x := range texts {
			if x != "" {
				if first == "" {
					first = x
				}
				nonEmpty++
			}
		}
		if nonEmpty == 0 {
			continue
		}
		label := textAt(s, r, h.unit)
		kind := classify(label, first)
		if kind == rowFooter {
			break
		}
		if kind == rowUnit && startsTable(s, h, opt, r) {
			// Said aloud: a header repeated inside one table would end it too.
			t.Issues = append(t.Issues, Issue{Level: "warning", Code: "second_table", File: t.File, Sheet: t.Sheet,
				Cell: ref(r, h.unit), Message: fmt.Sprintf("row %d is the header of another table; the table ends above it and the rows below are not read", r+1)})
			break
		}
		// a section marker in the row-number column ("I", "II", "A")
		// with a name beside it ("Khu vực phường")
		if kind == rowUnit && h.unit > 0 {
			if stt := textAt(s, r, 0); stt != "" && stt != label && IsSectionLabel(stt) && !isDigits(stt) {
				kind = rowSection
			}
		}
		u := coverage.Unit{
			Name:     label,
			Counts:   map[string]int64{},
			Percents: map[string]decimal.Decimal{},
			Shown:    map[string]int{},
			Cells:    map[string]string{"unit": ref(r, h.unit)},
			Row:      r + 1,
		}
		if h.code >= 0 {
			u.Code = padCode(codeText(s.Cell(r, h.code)), codeLen)
		}
		hasNumbers := false
		for i, col := range h.cols {
			cl := s.Cell(r, col.Index)
			if col.Key == "" || col.Key == "unit" || col.Key == "code" {
				if col.Key == "" && looksNumeric(cl) {
					numeric[i] = true
				}
				continue
			}
			if cl.Kind == grid.Formula {
				v, err := s.Eval(r, col.Index)
				if err != nil {
					errs = appendErr(errs, &CellError{File: t.File, Sheet: t.Sheet, Cell: ref(r, col.Index), Value: cl.Text, Err: err})
					continue
				}
				cl = v
			}
			if cl.Kind == grid.Empty {
				if kind == rowUnit && coverage.IsCountKey(col.Key) {
					u.Counts[col.Key] = 0 // an empty count is zero people
				}
				continue // a total row's empty cell states nothing
			}
			hasNumbers = true
			u.Cells[col.Key] = ref(r, col.Index)
			if err := setValue(&u, col.Key, cl); err != nil {
				if kind == rowSection {
					continue
				}
				errs = appendErr(errs, &CellError{File: t.File, Sheet: t.Sheet, Cell: ref(r, col.Index), Value: cl.Text, Err: err})
			}
			if len(errs) >= MaxErrors {
				return errs
			}
		}
		switch kind {
		case rowTotal:
			if t.Total == nil {
				tu := u
				t.Total = &tu
			}
		case rowSubtotal:
			t.Subtotals = append(t.Subtotals, u)
		case rowSection:
			if hasNumbers {
				t.Subtotals = append(t.Subtotals, u)
			}
		case rowUnit:
			if label == "" {
				if hasNumbers {
					t.Issues = append(t.Issues, Issue{Level: "warning", Code: "unnamed_row", File: t.File, Sheet: t.Sheet,
						Cell: ref(r, h.unit), Message: fmt.Sprintf("row %d holds numbers but no unit name; skipped", r+1)})
				}
				continue
			}
			if !hasNumbers && !anyCountCell(s, r, h) {
				continue // a heading row such as "Khu vực thành thị"
			}
			key := "name:" + UnitFullKey(label)
			if u.Code != "" {
				key = "code:" + u.Code
			}
			if prev, ok := seen[key]; ok {
				p := t.Units[prev]
				errs = appendErr(errs, &FileError{File: t.File, Err: fmt.Errorf("%s%w %q on rows %d and %d (%s, %s)",
					sheetPrefix(t.Sheet), ErrDuplicateUnit, label, p.Row, r+1, p.Cells["unit"], ref(r, h.unit))})
				continue
			}
			seen[key] = len(t.Units)
			t.Units = append(t.Units, u)
		}
	}
	if len(errs) > 0 {
		return errs
	}
	if len(t.Units) == 0 {
		return &FileError{File: t.File, Err: fmt.Errorf("%sno unit rows under the header (which ends on row %d)", sheetPrefix(t.Sheet), h.last+1)}
	}
	for i, col := range h.cols {
		if col.Key == "" && numeric[i] && !isRowNumberColumn(col) {
			t.Issues = append(t.Issues, Issue{Level: "warning", Code: coverage.WarnUnknownColumn, File: t.File, Sheet: t.Sheet,
				Cell: col.Letter + strconv.Itoa(h.last+1),
				Message: fmt.Sprintf("column %s %q holds numbers but is not read (%s); to read it: --col '%s=KEY'",
					col.Letter, col.Header, col.Why, strings.TrimSpace(col.Group+" "+col.Header))})
		}
	}
	return nil
}

func appendErr(errs ErrorList, err error) ErrorList {
	if len(errs) < MaxErrors {
		errs = append(errs, err)
	}
	return errs
}

// setValue parses one cell into the unit under key.
func setValue(u *coverage.Unit, key string, cl grid.Cell) error {
	kind := KindCount
	if coverage.IsPercentKey(key) {
		kind = KindPercent
	}
	var (
		n   Number
		err error
	)
	switch cl.Kind {
	case grid.Number:
		n, err = ParseCellNumber(cl.Raw, kind)
		if err == nil && kind == KindPercent {
			n.Decimals = cl.Decimals
			if cl.Percent { // 0.4161 shown as 41.61%
				n.Value = n.Value.Shift(2)
			}
			if n.Decimals < 0 && !cl.Percent {
				// General format: the cell shows what fits General's
				// 11 characters, so 41.6100000001 (float noise of a
				// formula or a paste) reads as the 41.61 on screen.
				n.Value, n.Decimals = asGeneralShows(n.Value)
			}
		}
	case grid.Text:
		n, err = ParseCellText(cl.Text, kind)
	default:
		if kind == KindPercent {
			return nil // "#DIV/0!" in a rate column: no rate stated
		}
		return ErrNotWholeNumber
	}
	if err != nil {
		return err
	}
	if n.Absent {
		return nil
	}
	if kind == KindCount {
		u.Counts[key] = n.Value.IntPart()
		return nil
	}
	u.Percents[key] = n.Value
	u.Shown[key] = n.Decimals
	return nil
}

// generalWidth is how many characters Excel's General format shows of a
// number in a cell of standard width.
const generalWidth = 11

// asGeneralShows rounds v to the decimals General shows in a standard cell
// (at most generalWidth characters, sign and point included), trailing zeros
// dropped; decimals is what is left after the point.
func asGeneralShows(v decimal.Decimal) (decimal.Decimal, int) {
	intDigits := len(v.Abs().Truncate(0).String())
	room := generalWidth - intDigits - 1
	if v.Sign() < 0 {
		room--
	}
	if room < 0 {
		room = 0
	}
	r := v.Round(int32(room))
	// drop trailing zeros: 41.61000000 → 41.61
	s := r.String() // shopspring prints without trailing zeros
	d, _ := decimal.NewFromString(s)
	places := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		places = len(s) - i - 1
	}
	return d, places
}

func rowTexts(s grid.Sheet, r, ncols int) []string {
	out := make([]string, ncols)
	for c := 0; c < ncols; c++ {
		cl := s.Cell(r, c)
		switch cl.Kind {
		case grid.Text, grid.Number, grid.Bool, grid.Error:
			out[c] = oneLine(cl.Text)
		case grid.Formula:
			out[c] = cl.Text
		}
	}
	return out
}

func looksNumeric(cl grid.Cell) bool {
	switch cl.Kind {
	case grid.Number:
		return true
	case grid.Text:
		n, err := ParseCellText(cl.Text, KindPercent)
		return err == nil && !n.Absent && strings.ContainsAny(cl.Text, "0123456789")
	}
	return false
}

// unitSpan handles a unit header merged over several columns ("Đơn vị"
// over B:C): the names are in whichever of them holds most words, and a
// column of them holding only official codes ("04402") is the code.
func unitSpan(s grid.Sheet, h header) header {
	var span grid.Merge
	found := false
	for r := h.first; r <= h.last && !found; r++ {
		if m, ok := mergeAt(s, r, h.unit); ok && m.C1 > m.C0 && m.R1 <= h.last {
			span, found = m, true
		}
	}
	if !found {
		return h
	}
	nrows, _ := s.Size()
	end := min(nrows, h.last+1+200)
	best, bestWords := h.unit, -1
	codeCol := -1
	for c := span.C0; c <= span.C1; c++ {
		words, codes, other := 0, 0, 0
		for r := h.last + 1; r < end; r++ {
			if _, merged := mergeAt(s, r, c); merged {
				continue // a total or section label merged across
			}
			cl := s.Cell(r, c)
			switch v := codeText(cl); {
			case cl.Kind == grid.Empty:
			case isDigits(v) && (len(v) >= 4 || v[0] == '0'):
				codes++
			case cl.Kind == grid.Text && !looksNumeric(cl):
				words++
			default:
				other++
			}
		}
		if words > bestWords {
			best, bestWords = c, words
		}
		if codes > 0 && words == 0 && other == 0 {
			codeCol = c
		}
	}
	cols := append([]Column(nil), h.cols...)
	for i := range cols {
		switch c := cols[i].Index; {
		case c == best && c != h.unit:
			cols[i].Key, cols[i].Why = "unit", fmt.Sprintf("names under %q merged over %s–%s", cols[i].Header, rawxlsx.ColumnLetters(span.C0), rawxlsx.ColumnLetters(span.C1))
		case c == h.unit && c != best:
			cols[i].Key, cols[i].Why = "", fmt.Sprintf("the names are in column %s", rawxlsx.ColumnLetters(best))
		}
		if c := cols[i].Index; c == codeCol && h.code < 0 && c != best {
			cols[i].Key, cols[i].Why = "code", fmt.Sprintf("codes under %q merged over %s–%s", cols[i].Header, rawxlsx.ColumnLetters(span.C0), rawxlsx.ColumnLetters(span.C1))
		}
	}
	h.cols, h.unit = cols, best
	if h.code < 0 && codeCol != best {
		h.code = codeCol
	}
	return h
}

// startsTable reports whether row r is the header of another table: no
// number in the count columns, and the row (alone or over the next one)
// reads as a header naming a unit column and counts.
func startsTable(s grid.Sheet, h header, opt Options, r int) bool {
	text := false
	for _, col := range h.cols {
		if !coverage.IsCountKey(col.Key) {
			continue
		}
		cl := s.Cell(r, col.Index)
		switch {
		case cl.Kind == grid.Text && !looksNumeric(cl) && !isAbsentText(cl.Text):
			text = true
		case cl.Kind != grid.Empty:
			return false
		}
	}
	if !text {
		return false
	}
	_, ncols := s.Size()
	if _, ok := tryHeader(s, opt, r, r, ncols); ok {
		return true
	}
	_, ok := tryHeader(s, opt, r, r+1, ncols)
	return ok
}

// isAbsentText: "-", "x" and the like, which a count cell may hold.
func isAbsentText(t string) bool {
	n, err := ParseCellText(t, KindCount)
	return err == nil && (n.Absent || n.Value.IsZero())
}

func anyCountCell(s grid.Sheet, r int, h header) bool {
	for _, col := range h.cols {
		if coverage.IsCountKey(col.Key) && s.Cell(r, col.Index).Kind != grid.Empty {
			return true
		}
	}
	return false
}

// isRowNumberColumn: "STT", "TT", "Số thứ tự" hold row numbers, not data.
func isRowNumberColumn(col Column) bool {
	switch vntext.Fold(col.Header) {
	case "stt", "tt", "so tt", "so thu tu", "no", "#":
		return true
	}
	return false
}

// codeText keeps an official code as text; a code typed as a number lost
// its leading zeros already, so it is kept as its digits.
func codeText(cl grid.Cell) string {
	switch cl.Kind {
	case grid.Text:
		return strings.TrimSpace(cl.Text)
	case grid.Number:
		if d, err := decimal.NewFromString(cl.Raw); err == nil && d.IsInteger() {
			return d.String()
		}
		return cl.Raw
	}
	return ""
}

// codeWidth is the number of digits the unit codes of the table have, so
// that a code typed as a number gets back its leading zeros (4402 →
// "04402"); 0 when it cannot be told. Official codes are 2 digits for a
// province, 3 for a (pre-2025) district, 5 for a commune. The level comes
// from the code column's header ("Mã xã", "Mã huyện", "Mã tỉnh"), else
// from the codes themselves: one of 4 or 5 digits is a commune's, a text
// code with leading zeros shows the width ("001", "04402"). A bare "Mã"
// or "Mã ĐVHC" over short numbers only says nothing: they are kept.
func codeWidth(s grid.Sheet, h header, start, nrows int) int {
	if h.code < 0 {
		return 0
	}
	var col Column
	for _, c := range h.cols {
		if c.Index == h.code {
			col = c
		}
	}
	words, _ := headerWords(col.Group + " " + col.Header)
	switch {
	case firstOf(words, "huyen", "quan", "thi xa", "district") != "":
		return 3 // before "xa": "Mã huyện, thị xã"
	case firstOf(words, "xa", "phuong", "dac khu", "thi tran", "commune", "ward") != "":
		return 5
	case firstOf(words, "tinh", "province") != "":
		return 2
	}
	width := 0
	for r := start; r < nrows; r++ {
		c := codeText(s.Cell(r, h.code))
		if !isDigits(c) {
			continue
		}
		switch {
		case len(c) == 4 || len(c) == 5:
			return 5
		case c[0] == '0' && len(c) > width:
			width = len(c)
		}
	}
	return width
}

// padCode puts back the leading zeros of a code of digits shorter than
// width.
func padCode(code string, width int) string {
	if len(code) >= width || !isDigits(code) {
		return code
	}
	return strings.Repeat("0", width-len(code)) + code
}

// ParseColumnsFile reads a --columns file: one 'Header text=key' per line;
// blank lines and lines starting with # are skipped.
func ParseColumnsFile(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		h, k, err := ParseColOverride(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", filepath.Base(path), n, err)
		}
		m[h] = k
	}
	return m, sc.Err()
}

// ParseColOverride parses one --col 'Header text=key'. The header may be a
// column letter ("H=bhxh_mandatory"); key "-" ignores the column.
func ParseColOverride(s string) (header, key string, err error) {
	i := strings.LastIndexByte(s, '=')
	if i <= 0 {
		return "", "", fmt.Errorf("--col %q: want 'Header text=key'", s)
	}
	header, key = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
	if header == "" {
		return "", "", fmt.Errorf("--col %q: empty header", s)
	}
	if key != "-" && canonicalKey(key) != key {
		return "", "", fmt.Errorf("--col %q: unknown key %q (keys: unit, code, %s, or - to ignore)", s, key, strings.Join(coverage.AllKeys(), ", "))
	}
	return header, key, nil
}

// unusedOverrides warns of each --col override naming no column of the
// table: usually a typo, and then the mapping the analyst asked for did not
// happen.
func unusedOverrides(opt Options, h header, t *Table) []Issue {
	var out []Issue
	for _, text := range opt.MustMatch {
		k := opt.Columns[text]
		used := false
		for _, col := range h.cols {
			if col.Header != "" && overrideNames(text, col) {
				used = true
				break
			}
		}
		if !used {
			out = append(out, Issue{Level: "warning", Code: "unused_col", File: t.File, Sheet: t.Sheet,
				Message: fmt.Sprintf("--col '%s=%s' names no column of the table (header rows %s)", text, k, joinRows(t.HeaderRows))})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Message < out[j].Message })
	return out
}

func joinRows(rows []int) string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = strconv.Itoa(r)
	}
	return strings.Join(s, ", ")
}

// sheetPrefix is "Sheet: " before a message, or nothing for a CSV file,
// which has no sheet (not "file.csv: : …").
func sheetPrefix(sheet string) string {
	if sheet == "" {
		return ""
	}
	return sheet + ": "
}
