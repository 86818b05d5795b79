package report

import (
	"encoding/csv"
	"io"
)

// writeExcelCSV writes a CSV file as bhxh writes them all: UTF-8 with a
// byte-order mark first (without it Excel shows Vietnamese as mojibake),
// comma-separated, "\n" line ends, the head then the records; figures
// use '.' as the decimal point and an empty field where there is none.
func writeExcelCSV(w io.Writer, head []string, records [][]string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(head); err != nil {
		return err
	}
	return cw.WriteAll(records)
}
