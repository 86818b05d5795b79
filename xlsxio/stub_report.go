package xlsxio

// Stubs of the compute report writers: the report helper replaces this file
// with report_json.go, report_csv.go, report_table.go, report_xlsx.go.

import "io"

// WriteComputeJSON writes rep as bhxh.compute/v1.
func WriteComputeJSON(w io.Writer, rep *ComputeReport) error { return errTODO }

// WriteComputeCSV writes one row per unit plus the total, UTF-8 with BOM.
func WriteComputeCSV(w io.Writer, rep *ComputeReport) error { return errTODO }

// WriteComputeTable writes the table an analyst pastes into a report.
func WriteComputeTable(w io.Writer, rep *ComputeReport) error { return errTODO }

// WriteComputeXLSX writes the xlsx report.
func WriteComputeXLSX(w io.Writer, rep *ComputeReport) error { return errTODO }
