package grid

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpen: whatever the bytes, Open and every accessor of every sheet
// answer without a panic, and a cell's kind and format hold together.
func FuzzOpen(f *testing.F) {
	for _, name := range []string{"fields.xlsx", "fields-lo.xlsx", "fields-lo.xls"} {
		if data, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(data, name)
		}
	}
	f.Add(book(f, "Sheet1", canonicalRows), "a.xlsx")
	f.Add([]byte("a;b\n1;\"2\n"), "a.csv")
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		b, err := Open(data, name, "")
		if err != nil {
			return
		}
		defer b.Close()
		if a := b.Active(); a < 0 || a >= max(len(b.Sheets()), 1) {
			t.Fatalf("active sheet %d of %d", a, len(b.Sheets()))
		}
		for i := range b.Sheets() {
			s, err := b.Sheet(i)
			if err != nil {
				continue
			}
			rows, cols := s.Size()
			for r := range min(rows, 200) + 1 {
				s.RowHidden(r)
				for c := range min(cols, 50) + 1 {
					s.ColHidden(c)
					cl := s.Cell(r, c)
					if cl.Kind != Number && (cl.Raw != "" || cl.Percent) {
						t.Fatalf("%s!%d,%d: %+v", s.Name(), r, c, cl)
					}
					if cl.Kind == Formula && s.Formula(r, c) == "" {
						t.Fatalf("%s!%d,%d: a formula cell without a formula", s.Name(), r, c)
					}
				}
			}
			for _, m := range s.Merges() {
				if m.R0 > m.R1 || m.C0 > m.C1 || m.R0 < 0 || m.C0 < 0 {
					t.Fatalf("merge %+v", m)
				}
			}
		}
	})
}
