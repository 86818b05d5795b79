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

// ErrNoFolder is returned when the folder an output goes into does not
// exist: bhxh writes files, it does not make folders.
var ErrNoFolder = msg.New("the output's folder does not exist", "thư mục của tệp ra không tồn tại")

// ErrInUse is returned when the output is open in another program: Excel's
// owner file "~$r.xlsx" is beside it, or the rename over it was refused
// (Windows refuses to replace a file Excel holds open).
var ErrInUse = msg.New("the output is open in another program", "tệp ra đang mở trong một chương trình khác")

// rename is os.Rename; a test replaces it to see a refused rename.
var rename = os.Rename

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
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s: %w", filepath.Clean(dir), ErrNoFolder)
	}
	if err := checkNotOpen(path); err != nil {
		return err
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
	if err = rename(tmp.Name(), path); err != nil && inUse(err) {
		err = msg.Errorf("%s: %w (%v)", "%s: %w (%v)", path, ErrInUse, err)
	}
	return err
}

// checkNotOpen refuses to replace a file Excel has open: Excel keeps an
// owner file "~$NAME" beside it while it does (for a long name, "~$" takes
// the place of the first two characters), and on Windows the rename would
// fail only after the whole report was made. A stale owner file (Excel
// crashed) gives the same message; deleting it is the fix either way.
func checkNotOpen(path string) error {
	if _, err := os.Stat(path); err != nil {
		return nil // nothing to replace
	}
	dir, base := filepath.Split(path)
	names := []string{"~$" + base}
	if r := []rune(base); len(r) > 2 {
		names = append(names, "~$"+string(r[2:]))
	}
	for _, n := range names {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			return msg.Errorf("%s: %w (owner file %s)", "%s: %w (tệp khoá %s)", path, ErrInUse, n)
		}
	}
	return nil
}
