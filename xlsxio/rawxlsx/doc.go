// Package rawxlsx reads the parts of an xlsx package as they are stored:
// the zip within its limits, the XML tokenizer, the one sheet tokenizer
// (rows, cells with type, style, value, inline text and formula, columns,
// merged ranges), the shared strings, the cell formats (font, decimals,
// percent, date) and the workbook part (sheets in order with their state,
// the active tab, relationships). Cell names (ColumnLetters, CellName,
// ParseCellName) are the one implementation the whole project uses.
//
// It never decides what a cell means (no legacy-font decoding, no table),
// never uses excelize or encoding/xml on a sheet, never writes a file and
// never expands a DTD entity.
//
// Where things are:
//
//	package.go        limits (CheckZip for a workbook read whole, Limits for
//	                  streaming), Package (parts by name), ReadPart
//	inflate.go        a part inflated on its own goroutine, block by block
//	xml.go            the XML tokenizer (tags, text, entities, attributes)
//	xmlreader.go      the tokenizer exported (XMLReader) for parts that are
//	                  not an xlsx's: an .ods's content.xml and settings.xml
//	sheet.go          the sheet tokenizer: SheetReader, item by item
//	scan.go           ScanSheet: one sheet streamed as rows of values, in
//	                  three goroutines (inflate ‖ tokenize ‖ callback), the
//	                  inflate starting while the shared strings are read, for
//	                  participant lists of a million rows; ScanSheetPicking
//	                  skips the columns a list's header leaves out
//	pickedcell.go     the scan's hot path once the columns are picked: the
//	                  cells of a row read in one loop, Excel's spelling of
//	                  a cell and a row read by readers made for them
//	sharedstrings.go  the shared-strings table
//	styles.go         cell formats and number formats
//	workbook.go       the workbook part: sheets, state, active tab, parts
//	cellref.go        column letters and cell names
package rawxlsx
