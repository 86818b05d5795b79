package report

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func writeHello(w io.Writer) error { _, err := io.WriteString(w, "hello"); return err }

// TestWriteFileAtomicMistakes: a missing folder, Excel's owner file and a
// refused rename each give their sentinel, and leave no temp file.
func TestWriteFileAtomicMistakes(t *testing.T) {
	dir := t.TempDir()
	if err := WriteFileAtomic(filepath.Join(dir, "nosuchdir", "r.xlsx"), nil, writeHello); !errors.Is(err, ErrNoFolder) {
		t.Errorf("missing folder: %v, want ErrNoFolder", err)
	}
	out := filepath.Join(dir, "r.xlsx")
	if err := WriteFileAtomic(out, nil, writeHello); err != nil {
		t.Fatal(err)
	}
	for _, owner := range []string{"~$r.xlsx", "~$bao-cao-thang.xlsx"} {
		t.Run(owner, func(t *testing.T) {
			target := filepath.Join(dir, "r.xlsx")
			if owner != "~$r.xlsx" {
				target = filepath.Join(dir, "babao-cao-thang.xlsx") // "~$" over its first two characters
			}
			if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			o := filepath.Join(dir, owner)
			if err := os.WriteFile(o, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			defer os.Remove(o)
			if err := WriteFileAtomic(target, nil, writeHello); !errors.Is(err, ErrInUse) {
				t.Errorf("owner file %s: %v, want ErrInUse", owner, err)
			}
			if b, _ := os.ReadFile(target); string(b) != "old" {
				t.Errorf("the open report was changed: %q", b)
			}
		})
	}
	// No owner file and no file to replace: nothing is open.
	if err := os.WriteFile(filepath.Join(dir, "~$new.xlsx"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(filepath.Join(dir, "new.xlsx"), nil, writeHello); err != nil {
		t.Errorf("a stale owner file of a file that is not there: %v", err)
	}
	noTemps(t, dir)
}

// TestWriteFileAtomicInUse injects the refusal Windows gives when Excel holds
// the file open: ErrInUse, the old file untouched, no temp file left.
func TestWriteFileAtomicInUse(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.xlsx")
	if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	rename = func(old, new string) error { return &os.LinkError{Op: "rename", Old: old, New: new, Err: errBusy} }
	defer func() { rename = os.Rename }()
	err := WriteFileAtomic(out, nil, writeHello)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("refused rename: %v, want ErrInUse", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "old" {
		t.Errorf("the open report was changed: %q", b)
	}
	noTemps(t, dir)
}

func noTemps(t *testing.T, dir string) {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, ".*.tmp-*"))
	if len(m) != 0 {
		t.Errorf("temp files left: %v", m)
	}
}
