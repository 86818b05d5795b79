package xlsxio

import (
	"errors"
	"io"
)

// WriteComputeTable writes the table an analyst pastes into a report.
func WriteComputeTable(w io.Writer, rep *ComputeReport) error {
	return errors.New("table output: not implemented yet")
}
