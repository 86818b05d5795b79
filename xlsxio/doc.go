// Package xlsxio reads the workbooks and CSV files units exchange into typed
// units (coverage.Unit), and writes reports (xlsx, CSV, JSON, tables).
//
// It owns everything about files: sheets, header recognition, Vietnamese text
// normalisation (NFD, TCVN3, VNI), number parsing without float64. It does no
// coverage arithmetic beyond summing columns for cross-checks.
//
// Where things are:
//
//	reading   read.go (ReadFile: format sniffing, rows → units), table.go (the
//	          header finder), sheet.go with source_xlsx_fast.go (one pass of
//	          the sheet tokenizer), source_xlsx.go (excelize, when a sheet
//	          needs it), source_xls.go, source_csv.go (one grid per format),
//	          zipcheck.go (limits),
//	          preview.go (what inspect shows when no table is found)
//	text      text.go (NFC, Fold), legacy.go (TCVN3, VNI), number.go (cell
//	          text and stored numbers → decimal), headers.go (header → key),
//	          labels.go (total, subtotal, section, footer rows; unit name
//	          keys), period.go, period_name.go, vocab.go (the labels bhxh writes)
//	lists     sheetscan.go (a streaming one-pass sheet reader), participants.go
//	          (participant lists → unit counts, for bhxh count)
//	writing   report*.go (compute), allocate_report.go, trend_report.go,
//	          template.go, atomic.go (temporary file + rename)
package xlsxio
