package rawxlsx

import (
	"archive/zip"
	"errors"
	"io"

	kflate "github.com/klauspost/compress/flate"

	"github.com/bhxh/bhxh/msg"
)

// zipProblem gives the errors of archive/zip and of inflating a part a
// Vietnamese text (the English stays theirs, "zip: not a valid zip file"):
// an analyst reads "tệp zip bị hỏng", not Go's words. Any other error is
// returned as it is. Only called once reading has failed.
func zipProblem(err error) error {
	var corrupt kflate.CorruptInputError
	var vi string
	switch {
	case errors.Is(err, zip.ErrFormat):
		vi = "tệp zip bị hỏng hoặc bị cắt cụt"
	case errors.Is(err, zip.ErrChecksum):
		vi = "tệp zip bị hỏng (sai tổng kiểm tra)"
	case errors.Is(err, zip.ErrAlgorithm):
		vi = "tệp zip dùng kiểu nén không được hỗ trợ"
	case errors.Is(err, io.ErrUnexpectedEOF):
		vi = "dữ liệu nén bị cắt cụt"
	case errors.As(err, &corrupt):
		vi = "dữ liệu nén bị hỏng"
	default:
		return err
	}
	return msg.Wrap(err, msg.Text{EN: err.Error(), VI: vi})
}
