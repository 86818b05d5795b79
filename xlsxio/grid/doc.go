// Package grid opens a workbook or CSV file as sheets of cells, whatever its
// format, behind one interface (Book, Sheet, Cell): .xlsx read in one pass
// of rawxlsx's sheet tokenizer (excelize only where a sheet or a formula
// needs it), .xls (BIFF8, through shakinm/xlsReader) and CSV. For each cell
// it says what the file stores: the kind (text, number, boolean, error
// value, formula saved without its value), the text (legacy Vietnamese
// fonts decoded, NFC), the exact stored number and its format (decimals,
// percent, date), the formula; for each sheet its merges, hidden rows and
// columns; for the book its sheets' states and the active one.
//
// The excelize path (an encrypted workbook, a sheet the fast reader
// leaves) reads shared formulas as excelize writes them for each cell,
// which leaves a sheet-qualified reference unmoved.
//
// It never decides what a table, a header, a unit or a period is (package
// xlsxio does); numbers are handed over as their stored text, never rounded
// or converted through float64.
//
// What each format gives:
//
//	xlsx  everything above (an encrypted one, with its password)
//	xls   sheet names, text, numbers and booleans as stored; no formats,
//	      formulas, merges, hidden rows or columns, sheet states or active
//	      sheet (shakinm/xlsReader does not read them)
//	CSV   one visible sheet without a name, every cell text
//
// Where things are:
//
//	grid.go           the interface, Open (the format from the bytes)
//	xlsx_fast.go      xlsx in one pass (plain workbooks)
//	xlsx_excelize.go  xlsx through excelize (what the fast reader leaves)
//	eval.go           formulas saved without values, computed as Excel
//	                  would: excelize's engine, after a walk of the cells
//	                  they read (cycles, error values passed on)
//	formula.go        a formula's text as Excel reads it: shared formulas
//	                  written for each cell (sheet-qualified references
//	                  moved too), OFFSET of constants folded
//	xls.go, csv.go    the other formats
package grid
