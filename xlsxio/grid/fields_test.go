package grid

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// truth is what testdata/gen.py wrote into a workbook (fields.truth.json).
type truth struct {
	Sheets []struct {
		Name, Visibility string
	}
	Active     int
	Sheet      string
	Cells      map[string]truthCell
	Merges     [][4]int
	HiddenRows []int `json:"hidden_rows"`
	HiddenCols []int `json:"hidden_cols"`
}

type truthCell struct {
	Kind, Text, Raw string
	Decimals        int
	Percent, Date   bool
	Formula         string
}

var kindNames = map[Kind]string{Empty: "empty", Text: "text", Number: "number", Bool: "bool", Error: "error", Formula: "formula"}

// TestFieldsComeThrough opens the workbooks gen.py made (openpyxl, and
// LibreOffice's xlsx and xls of the same) and checks every field of the
// grid against what the script wrote: sheet states, the active sheet,
// each cell's kind, text, stored number, format, formula and cached value,
// merges, hidden rows and columns. An .xls gives what shakinm/xlsReader
// gives: the sheet names and the stored text, numbers and booleans.
func TestFieldsComeThrough(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "fields.truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truths map[string]truth
	if err := json.Unmarshal(raw, &truths); err != nil {
		t.Fatal(err)
	}
	for file, want := range truths {
		t.Run(file, func(t *testing.T) {
			xls := filepath.Ext(file) == ".xls"
			data, err := os.ReadFile(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
			}
			b, err := Open(data, file, "")
			if err != nil {
				t.Fatal(err)
			}
			defer b.Close()
			sheet := -1
			for i, si := range b.Sheets() {
				if i >= len(want.Sheets) || si.Name != want.Sheets[i].Name {
					t.Fatalf("sheets %v, want %v", b.Sheets(), want.Sheets)
				}
				if !xls && si.Visibility.String() != want.Sheets[i].Visibility {
					t.Errorf("sheet %q is %s, want %s", si.Name, si.Visibility, want.Sheets[i].Visibility)
				}
				if si.Name == want.Sheet {
					sheet = i
				}
			}
			if !xls && b.Active() != want.Active {
				t.Errorf("active sheet %d, want %d", b.Active(), want.Active)
			}
			s, err := b.Sheet(sheet)
			if err != nil {
				t.Fatal(err)
			}
			for name, wc := range want.Cells {
				c, r, _ := rawxlsx.ParseCellName([]byte(name))
				got := s.Cell(r-1, c)
				if xls {
					switch {
					case wc.Formula != "":
						continue // the .xls reader does not read formula records
					case wc.Kind == "bool":
						wc.Text = map[string]string{"1": "TRUE", "0": "FALSE"}[wc.Text]
					}
					wc.Decimals, wc.Percent, wc.Date = -1, false, false // nor formats
				}
				gc := truthCell{Kind: kindNames[got.Kind], Text: got.Text, Raw: got.Raw, Decimals: got.Decimals,
					Percent: got.Percent, Date: got.Date, Formula: s.Formula(r-1, c)}
				if gc != wc {
					t.Errorf("%s: %+v, want %+v", name, gc, wc)
				}
			}
			if xls {
				return
			}
			var merges [][4]int
			for _, m := range s.Merges() {
				merges = append(merges, [4]int{m.R0, m.C0, m.R1, m.C1})
			}
			if !reflect.DeepEqual(merges, want.Merges) {
				t.Errorf("merges %v, want %v", merges, want.Merges)
			}
			rows, cols := s.Size()
			var hr, hc []int
			for r := range rows + 2 {
				if s.RowHidden(r) {
					hr = append(hr, r)
				}
			}
			for c := range cols + 2 {
				if s.ColHidden(c) {
					hc = append(hc, c)
				}
			}
			if !reflect.DeepEqual(hr, want.HiddenRows) || !reflect.DeepEqual(hc, want.HiddenCols) {
				t.Errorf("hidden rows %v, columns %v; want %v, %v", hr, hc, want.HiddenRows, want.HiddenCols)
			}
		})
	}
}

// TestCSVHasNoExtras: a CSV is one visible sheet without a name, of text
// cells only, without formats, formulas, merges or hidden rows.
func TestCSVHasNoExtras(t *testing.T) {
	b, err := Open([]byte("Đơn vị;Số người\nHuyện A;\"1.234\"\n=SUM(B2);#N/A\n"), "a.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b.Sheets(), []SheetInfo{{}}) || b.Active() != 0 {
		t.Errorf("sheets %v, active %d", b.Sheets(), b.Active())
	}
	s, _ := b.Sheet(0)
	if r, c := s.Size(); r != 3 || c != 2 {
		t.Errorf("size %dx%d", r, c)
	}
	for _, c := range []struct {
		r, c int
		text string
	}{{0, 0, "Đơn vị"}, {1, 1, "1.234"}, {2, 0, "=SUM(B2)"}, {2, 1, "#N/A"}} {
		if got := s.Cell(c.r, c.c); got != (Cell{Kind: Text, Text: c.text, Decimals: -1}) || s.Formula(c.r, c.c) != "" {
			t.Errorf("%d,%d: %+v", c.r, c.c, got)
		}
	}
	if s.Merges() != nil || s.RowHidden(0) || s.ColHidden(0) {
		t.Error("a CSV has no merges or hidden rows and columns")
	}
}
