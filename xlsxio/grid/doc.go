// Package grid opens a workbook or CSV file as sheets of cells, whatever its
// format, behind one interface (Book, Sheet, Cell): .xlsx read in one pass
// of rawxlsx's sheet tokenizer (excelize only where a sheet or a formula
// needs it), .xls (BIFF8, through shakinm/xlsReader), .ods (content.xml
// through rawxlsx's XML tokenizer) and CSV. For each cell
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
//	xls   sheet names, states and the active sheet (from the workbook
//	      globals), text, numbers and booleans as stored; no formats,
//	      formulas, merges, hidden rows or columns (shakinm/xlsReader does
//	      not read them)
//	ods   everything but formula evaluation and very hidden sheets (an
//	      .ods has none): text, numbers, percentages, dates, booleans,
//	      error values, decimals shown, formulas, merges (spans), hidden
//	      sheets, rows and columns, the active sheet (settings.xml)
//	CSV   one visible sheet without a name, every cell text
//
// A flat OpenDocument (.fods) or Excel 2003 XML file is refused, saying to
// save it as .xlsx or .ods.
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
//	xls.go, csv.go    the other formats; xls_globals.go the .xls sheet
//	                  states, names and active tab
//	ods.go            .ods: the repeats kept as runs, within bounds
package grid
