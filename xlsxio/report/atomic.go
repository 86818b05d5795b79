package report

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/bhxh/bhxh/msg"
)

// ErrOutputIsInput is returned when an output path names one of the inputs.
var ErrOutputIsInput = msg.New("output path is one of the inputs; refusing to overwrite an input", "tệp ra trùng với một tệp vào; không ghi đè tệp vào")

// CheckOutput refuses an output path that is (or links to) one of the inputs.
func CheckOutput(out string, inputs []string) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	outInfo, outErr := os.Stat(out)
	for _, in := range inputs {
		absIn, err := filepath.Abs(in)
		if err == nil && absIn == absOut {
			return fmt.Errorf("%s: %w", out, ErrOutputIsInput)
		}
		if outErr == nil {
			if inInfo, err := os.Stat(in); err == nil && os.SameFile(inInfo, outInfo) {
				return fmt.Errorf("%s: %w", out, ErrOutputIsInput)
			}
		}
	}
	return nil
}

// WriteFileAtomic writes a file by calling write on a temporary file in the
// same folder, syncing it and renaming it over path, so a reader (or a crash,
// or a kill) never sees half a file. The file gets mode 0644. It refuses a
// path equal to one of inputs.
func WriteFileAtomic(path string, inputs []string, write func(w io.Writer) error) (err error) {
	if err := CheckOutput(path, inputs); err != nil {
		return err
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
