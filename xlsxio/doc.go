// Package xlsxio reads the workbooks and CSV files units exchange into typed
// units (coverage.Unit), and writes reports (xlsx, CSV, JSON, tables).
//
// It owns everything about files: sheets, header recognition, Vietnamese text
// normalisation (NFD, TCVN3, VNI), number parsing without float64. It does no
// coverage arithmetic beyond summing columns for cross-checks.
package xlsxio
