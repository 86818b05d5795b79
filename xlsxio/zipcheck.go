package xlsxio

import (
	"archive/zip"
	"bytes"
	"fmt"
)

// checkZip refuses a zip whose directory promises more than the limits:
// too much in all, one part too large, or a part compressed beyond any
// real spreadsheet's ratio (a zip bomb). archive/zip itself fails a part
// that inflates to more than its directory says, so the promise holds.
func checkZip(data []byte) error {
	_, err := checkedZip(data)
	return err
}

// checkedZip is checkZip handing back the opened zip directory.
func checkedZip(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > maxPartBytes {
			return nil, fmt.Errorf("%w: part %s inflates to %d bytes", ErrTooBig, f.Name, f.UncompressedSize64)
		}
		if f.UncompressedSize64 > 1<<20 && f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > maxZipRatio {
			return nil, fmt.Errorf("%w: part %s is compressed %d:1, like a zip bomb", ErrTooBig, f.Name, f.UncompressedSize64/f.CompressedSize64)
		}
	}
	if total > maxUnzippedBytes {
		return nil, fmt.Errorf("%w: inflates to %d bytes", ErrTooBig, total)
	}
	return zr, nil
}
