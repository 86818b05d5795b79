package xlsxio

import (
	"errors"
	"io"
)

// WriteComputeXLSX writes the xlsx report.
func WriteComputeXLSX(w io.Writer, rep *ComputeReport) error {
	return errors.New("xlsx output: not implemented yet")
}
