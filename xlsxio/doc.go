// Package xlsxio reads the workbooks and CSV files units exchange into typed
// units (coverage.Unit). It only reads: reports are written by its
// sub-package report.
//
// It owns everything about files: sheets, header recognition, Vietnamese text
// normalisation (NFD, TCVN3, VNI), number parsing without float64. It does no
// coverage arithmetic beyond summing columns for cross-checks.
//
// Where things are (each layer reads only the one below it):
//
//	tables    over package grid's Sheet only, in the order a count goes:
//	          read.go (ReadFile, ReadWorkbook, readData: the whole path),
//	          sheet_choice.go (which sheets, why the others were skipped),
//	          own_report.go (bhxh's own reports read back), transposed.go
//	          (indicators down a column, units across), header_block.go (the header rows, each
//	          column's key, the unit column), period.go (the period from
//	          the title), rows.go (each row: unit, total, subtotal,
//	          section, footer), values.go (a cell → count or percentage),
//	          cells.go (text through merges, numbers, codes),
//	          overrides.go (--col), preview.go (what inspect shows when
//	          no table is found)
//	grid      package grid: one Book/Sheet/Cell interface for xlsx (one
//	          pass of rawxlsx's sheet tokenizer, excelize when needed),
//	          xls and CSV: kinds, formats, formulas, merges, hidden sheets,
//	          rows and columns
//	raw xlsx  package rawxlsx: zip limits, the XML and sheet tokenizers,
//	          shared strings, styles, workbook part, cell names, and the
//	          streaming sheet scan of participant lists
//	text      package vntext (NFC, Fold, TCVN3, VNI); number.go (cell text
//	          and stored numbers → decimal; ParseRate, the one reading of a
//	          typed rate, for cells and command-line flags alike),
//	          headers.go (header → key),
//	          labels.go (total, subtotal, section, footer rows), period.go,
//	          period_name.go
//	units     unitmatch.go: the one way any two rows are found to name the
//	          same unit (code, then name with its type, then without it
//	          with a warning): MatchUnit, UnitIndex, JoinUnits, UnitCode
//	joins     join.go: Join puts tables together unit by unit (files of
//	          compute --merge, trend, allocate, crosswalk; the sheets of one
//	          workbook): different columns for the same units joined, the
//	          same columns for other units appended, disagreeing values an
//	          error naming both cells; AsPrior (last year's table as priors)
//	errors    errors.go; package readerr (FileError, CellError, ErrorList)
//	lists     participants.go (participant lists → unit counts, for bhxh
//	          count: header and row checks, xlsx lists over
//	          rawxlsx.ScanSheet, every visible sheet), participants_csv.go
//	          (CSV lists, over the sub-package csvscan),
//	          participants_units.go (row → (code, name) pair),
//	          participant_units.go (the pairs resolved into units by the
//	          matcher), participant_kinds.go (a kind cell read as
//	          phrases), participants_dedup.go (duplicates settled by the
//	          sub-package dedup, warnings in list order), unit_list.go (the
//	          units a template is pre-filled with), parent_targets.go
//	          (allocate --parent-targets, by --indicator); allocate --by
//	          reads each unit's parent with Options.Parent
package xlsxio
