package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// With SOURCE_DATE_EPOCH set, two runs write byte-identical reports, with
// mode 0644, and nothing else is left in the folder.
func TestComputeXLSXReproducible(t *testing.T) {
	dir := fixturesDir(t)
	work := t.TempDir()
	env := append(os.Environ(), "SOURCE_DATE_EPOCH=1700000000")
	var outs [][]byte
	for _, name := range []string{"a.xlsx", "b.xlsx"} {
		_, errOut, code := runBinary(t, work, env, "compute", "--target", "bhxh=30", "-o", name, filepath.Join(dir, "tinh-mau-2023-11.xlsx"))
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		p := filepath.Join(work, name)
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != 0o644 {
			t.Errorf("%s mode %v, want 0644", name, st.Mode().Perm())
		}
		data, _ := os.ReadFile(p)
		outs = append(outs, data)
	}
	if !bytes.Equal(outs[0], outs[1]) {
		t.Error("two runs with SOURCE_DATE_EPOCH differ")
	}
	entries, _ := os.ReadDir(work)
	if len(entries) != 2 {
		t.Errorf("folder holds %d entries, want the 2 reports", len(entries))
	}
	f, err := excelize.OpenReader(bytes.NewReader(outs[0]))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Nguồn")
	found := false
	for _, r := range rows {
		if strings.Contains(strings.Join(r, " "), "2023-11-14T22:13:20Z") {
			found = true
		}
	}
	if !found {
		t.Error(`"Nguồn" does not show the SOURCE_DATE_EPOCH time`)
	}
}

// An output path equal to the input is refused and the input is untouched.
func TestComputeRefusesOverwritingInput(t *testing.T) {
	work := t.TempDir()
	src, _ := os.ReadFile(filepath.Join(fixturesDir(t), "tinh-mau-2023-11.xlsx"))
	in := filepath.Join(work, "in.xlsx")
	os.WriteFile(in, src, 0o644)
	_, errOut, code := runBinary(t, work, nil, "compute", "-o", "in.xlsx", "in.xlsx")
	if code == 0 || !strings.Contains(errOut, "input") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	after, _ := os.ReadFile(in)
	if !bytes.Equal(src, after) {
		t.Error("the input was modified")
	}
}

// Warnings go to standard error with file and cell; --strict makes them exit 3.
func TestComputeWarningsAndStrict(t *testing.T) {
	in := filepath.Join(fixturesDir(t), "warn-total-mismatch.xlsx")
	out, errOut, code := runBinary(t, t.TempDir(), nil, "compute", in)
	if code != 0 || out == "" || !strings.Contains(errOut, "total_mismatch") || !strings.Contains(errOut, "T11-2023!K18") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	_, _, code = runBinary(t, t.TempDir(), nil, "compute", "--strict", in)
	if code != 3 {
		t.Errorf("--strict with a warning: exit %d, want 3", code)
	}
	_, _, code = runBinary(t, t.TempDir(), nil, "compute", "--decimals", "-1", in)
	if code != 2 {
		t.Errorf("bad flag value: exit %d, want 2", code)
	}
}
