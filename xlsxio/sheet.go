package xlsxio

// A sheet as the table finder sees it: a grid of cells, whatever the file
// format. Each format (xlsx, xls, csv) provides one; the cells are decoded
// lazily because looking up a cell's style in a workbook is not free and
// only the table's region is ever looked at closely.

// cellKind says how a cell's value was stored.
type cellKind int

const (
	cellEmpty   cellKind = iota
	cellText             // a string (shared, inline or typed in a CSV)
	cellNumber           // a stored number: Raw is its exact stored text
	cellFormula          // a formula without a cached value: Eval computes it
	cellOther            // a boolean or an error value (#DIV/0!)
)

// cell is one decoded cell.
type cell struct {
	Kind cellKind
	// Text is what the cell shows as text: for cellText the string in NFC
	// with legacy fonts decoded; for cellNumber the raw stored value.
	Text string
	Raw  string // cellNumber: stored value ("29024", "0.30000000000000004")
	// Decimals the number format shows (-1 for General or unknown), and
	// whether the format is a percentage (the stored value is a fraction).
	Decimals int
	Percent  bool
}

// mergeRange is a merged block, 0-based inclusive.
type mergeRange struct{ r0, c0, r1, c1 int }

func (m mergeRange) contains(r, c int) bool {
	return r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1
}

// sheetSource is one sheet of an opened file.
type sheetSource interface {
	Name() string
	// Size returns the number of rows and the widest row's column count.
	Size() (rows, cols int)
	// Cell returns the cell at 0-based (r, c).
	Cell(r, c int) cell
	// Eval computes a formula cell that has no cached value; the result is
	// a cell of kind cellNumber, cellText or an error naming the problem.
	Eval(r, c int) (cell, error)
	Merges() []mergeRange
}

// workbookSource is an opened file: its sheets in order.
type workbookSource interface {
	Sheets() []string
	Sheet(i int) (sheetSource, error)
	Close() error
}
