package xlsxio

import (
	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/msg"
)

// numKind tells the number parser what a column holds, which decides how an
// ambiguous text such as "29,024" or "46,0" is read.
type numKind int

const (
	kindCount   numKind = iota // whole people: '.', ',', spaces, NBSP are thousands separators
	kindPercent                // a rate or target in percent: ',' or '.' is the decimal mark; "%" allowed
)

// parsedNumber is a parsed cell.
type parsedNumber struct {
	Value    decimal.Decimal
	Absent   bool // "x": not applicable (no value at all, not zero)
	Decimals int  // decimals as typed ("46,0" → 1); -1 when unknown
}

// Options control how a workbook is read. The zero value reads the first
// sheet holding a table and guesses everything.
type Options struct {
	// Sheet is a sheet's name, its 1-based index, or "all" (sheetAll);
	// "" lets bhxh choose (sheet_choice.go).
	Sheet   string
	Columns map[string]string // header text → key overrides (--col, --columns); key "-" ignores a column
	// MustMatch lists the header texts of Columns given one by one (--col):
	// each naming no column is warned of (unused_col). A --columns file
	// may hold mappings for many layouts, so its lines are not checked.
	MustMatch []string
	Period    string // "YYYY-MM"; "" = read from the title
	Password  string // for password-protected workbooks
	// Parent names the column giving each unit's parent (allocate --by:
	// a header text or a canonical key). Each unit's Parent is then read
	// from it (a blank cell is an error), and names need to be unique only
	// within their parent.
	Parent string
	// ownReport is the kind of bhxh report being read (own_report.go):
	// a compute report's computed columns are not read.
	ownReport string
}

// Issue is a warning or error found while reading or computing; the JSON
// names are part of the interface (bhxh.compute/v1 "issues").
type Issue struct {
	Level   string   `json:"level"` // "warning" or "error"
	Code    string   `json:"code"`
	File    string   `json:"file"`
	Sheet   string   `json:"sheet"`
	Cell    string   `json:"cell"`
	Line    int64    `json:"line,omitempty"` // CSV participant lists: the line, instead of a cell
	Message msg.Text `json:"message"`        // English in JSON (MarshalText); msg.Text.In(lang) for people
}

// LevelIn is the issue's level as a reader of l calls it ("cảnh báo" for
// a warning); JSON keeps Level, in English, and the code is never
// translated (grep and the README's list find it).
func (is Issue) LevelIn(l msg.Lang) string {
	if l == msg.EN {
		return is.Level
	}
	switch is.Level {
	case "warning":
		return "cảnh báo"
	case "note":
		return "ghi chú"
	case "error":
		return "lỗi"
	}
	return is.Level
}

// Column is one column of the table as recognised.
type Column struct {
	Index  int    // 0-based
	Letter string // "H"
	Group  string // the merged group cell above ("Kế hoạch giao năm 2023"), "" when none
	Header string // the header text as shown (NFC, legacy text decoded)
	Key    string // canonical key, "" when not recognised
	Why    string // how the key was decided, or why the column is ignored
}

// Table is what ReadFile found in a workbook.
type Table struct {
	File   string // base name, used in messages
	Path   string // as given
	Sheet  string // sheet name; "" for CSV
	SHA256 string // of the file's bytes
	Period string // "YYYY-MM" or ""
	// PeriodSpan is SpanQuarter or SpanFirstMonths when the title names a
	// quarter ("Quý IV năm 2023") or the first months of a year, whose
	// last month Period then is; "" for one month.
	PeriodSpan string
	HeaderRows []int    // 1-based rows of the header block
	Title      []string // the lines above the header ("BẢO HIỂM XÃ HỘI TỈNH CAO BẰNG", …)
	Columns    []Column
	Units      []coverage.Unit
	Total      *coverage.Unit // the workbook's own total row, nil when none
	Subtotals  []coverage.Unit
	Issues     []Issue // warnings found while reading (unknown_column…)
	// Notes say every choice bhxh made reading the file (the sheet among
	// several, a block continuing the table), for stderr and the report's
	// "Nguồn"; none when there was nothing to choose.
	Notes []msg.Text
	// Sheets are the workbook's sheets, read or skipped and why (inspect);
	// set on the table compute reads.
	Sheets []SheetReading
	// Transposed: the sheet holds indicators down a column and units
	// across a row (transposed.go); Columns then name the sheet's rows.
	Transposed bool
	// Report is the kind of bhxh report the table was read from
	// (ReportCompute, ReportAllocate), "" for any other workbook.
	Report string
	// Rows say, in runs, what each row that is not a unit is and why
	// (title, header, numbering, blank, total, subtotal, section, heading,
	// breakdown, skipped, rejected, footer, second table): with Units'
	// rows they account for every row of the sheet, as inspect shows.
	Rows []rowSpan
	// Parts are the sheets a table was joined from (forms of one workbook
	// joined by unit, --sheet all); nil for a table read from one sheet.
	Parts []*Table
}

// rowSpan is a run of rows of one kind, none of them a unit.
type rowSpan struct {
	First, Last int      // 1-based, inclusive
	What        string   // "title", "header", "blank", "total", "breakdown", …
	Why         msg.Text // what the rows hold or why they are not units (empty when What says it)
}

// rowsAre says that the 0-based rows first–last are what, and why; a run
// goes on while the rows below are the same.
func (t *Table) rowsAre(first, last int, what string, why msg.Text) {
	if n := len(t.Rows); n > 0 {
		if p := &t.Rows[n-1]; p.Last == first && p.What == what && p.Why == why {
			p.Last = last + 1
			return
		}
	}
	t.Rows = append(t.Rows, rowSpan{First: first + 1, Last: last + 1, What: what, Why: why})
}
