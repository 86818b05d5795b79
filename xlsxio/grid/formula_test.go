package grid

import (
	"errors"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestShiftFormula(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		dr, dc     int
		want       string
	}{
		{"same cell", "A1+B$2", 0, 0, "A1+B$2"},
		{"down", "A1+B$2+$C3+$D$4", 2, 0, "A3+B$2+$C5+$D$4"},
		{"right", "A1+B$2+$C3", 0, 1, "B1+C$2+$C3"},
		{"another sheet", "Data!B2", 5, 0, "Data!B7"},
		{"a quoted sheet", "'Số liệu BHYT'!$A$2:B2", 3, 0, "'Số liệu BHYT'!$A$2:B5"},
		{"a range and a function", "SUM(D6:D15)*2", 1, 1, "SUM(E7:E16)*2"},
		{"whole column and row", "SUM(A:A)+SUM(2:2)", 1, 1, "SUM(B:B)+SUM(3:3)"},
		{"text untouched", `IF(A1="B2","x""y",A1)`, 1, 0, `IF(A2="B2","x""y",A2)`},
		{"off the sheet", "A1+1", -1, 0, "#REF!+1"},
		{"a defined name", "Rate*A1", 1, 0, "Rate*A2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ShiftFormula(tc.text, tc.dr, tc.dc); got != tc.want {
				t.Errorf("ShiftFormula(%q, %d, %d) = %q, want %q", tc.text, tc.dr, tc.dc, got, tc.want)
			}
		})
	}
}

func TestAnalyseFormula(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		folded     string // "" when nothing is folded
		literal    string
		refs       []string
		passes     []bool
	}{
		{"ref error in a sum", "SUM(#REF!)+5502", "", "#REF!", nil, nil},
		{"error caught", "IFERROR(#N/A,0)+A1", "", "", []string{"A1"}, []bool{true}},
		{"error in a branch", `IF(A1="x",#N/A,1)`, "", "", []string{"A1"}, []bool{false}},
		{"offset folded", "OFFSET(H8,-1,0)-9459", "H7-9459", "", []string{"H7"}, []bool{true}},
		{"offset to a range", "SUM(OFFSET(A1,1,1,2,3))", "SUM(B2:D3)", "", []string{"B2:D3"}, []bool{true}},
		{"offset on another sheet", "OFFSET('Số liệu'!B5,+2,0)", "'Số liệu'!B7", "", []string{"'Số liệu'!B7"}, []bool{true}},
		{"offset not constant", "OFFSET(A1,B1,0)", "", "", []string{"A1", "B1"}, []bool{false, false}},
		{"lookup table", "VLOOKUP(B8,'Số liệu BHYT'!$A$2:$B$30,2,0)", "", "", []string{"B8", "'Số liệu BHYT'!$A$2:$B$30"}, []bool{false, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info := analyseFormula(tc.text)
			if info.folded != (tc.folded != "") || info.folded && info.text != tc.folded {
				t.Errorf("folded %v %q, want %q", info.folded, info.text, tc.folded)
			}
			if info.literal != tc.literal {
				t.Errorf("literal %q, want %q", info.literal, tc.literal)
			}
			var refs []string
			for _, r := range info.refs {
				refs = append(refs, r.String())
			}
			if strings.Join(refs, " ") != strings.Join(tc.refs, " ") {
				t.Errorf("refs %v, want %v", refs, tc.refs)
			}
			for i := range tc.passes {
				if i < len(info.passes) && info.passes[i] != tc.passes[i] {
					t.Errorf("passes %v, want %v", info.passes, tc.passes)
					break
				}
			}
		})
	}
}

// twoSheets is a report sheet over a data sheet, formulas saved without
// values: shared formulas reading the data sheet, an error value, a running
// difference with OFFSET, a real circular reference.
func twoSheets(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(f.SetSheetName("Sheet1", "Báo cáo"))
	_, err := f.NewSheet("Số liệu")
	must(err)
	for i, v := range []int{100, 200, 300} {
		must(f.SetCellValue("Số liệu", "B"+string(rune('2'+i)), v))
	}
	shared, ref := excelize.STCellFormulaTypeShared, "A1:A3"
	must(f.SetCellFormula("Báo cáo", "A1", "'Số liệu'!B2*2", excelize.FormulaOpts{Type: &shared, Ref: &ref}))
	must(f.SetCellFormula("Báo cáo", "A4", "SUM(A1:A3)"))
	must(f.SetCellFormula("Báo cáo", "B1", "SUM(#REF!)+5502"))
	must(f.SetCellFormula("Báo cáo", "B2", "B1+1"))
	must(f.SetCellValue("Báo cáo", "C1", 50000))
	must(f.SetCellFormula("Báo cáo", "C2", "OFFSET(C2,-1,0)-9459"))
	must(f.SetCellFormula("Báo cáo", "C3", "OFFSET(C3,-1,0)-9459"))
	must(f.SetCellFormula("Báo cáo", "D1", "D2+1"))
	must(f.SetCellFormula("Báo cáo", "D2", "D1+1"))
	must(f.SetCellFormula("Báo cáo", "E1", "IFERROR(B1,7)"))
	b, err := f.WriteToBuffer()
	must(err)
	// excelize writes a shared formula's sheet name without its quotes
	return patchPart(t, b.Bytes(), "xl/worksheets/sheet1.xml", func(x string) string {
		return strings.Replace(x, ">Số liệu!B2*2<", ">'Số liệu'!B2*2<", 1)
	})
}

func TestEval(t *testing.T) {
	data := twoSheets(t)
	bk, err := Open(data, "f.xlsx", "")
	if err != nil {
		t.Fatal(err)
	}
	defer bk.Close()
	s, err := bk.Sheet(0)
	if err != nil {
		t.Fatal(err)
	}
	if _, fast := s.(*fastSheet); !fast {
		t.Fatalf("the fast source did not read the sheet")
	}
	for _, tc := range []struct {
		cell    string
		kind    Kind
		text    string
		refused bool // a circular reference, an error excelize would not see
	}{
		{"A1", Number, "200", false},
		{"A2", Number, "400", false}, // the shared formula moved on the other sheet
		{"A3", Number, "600", false},
		{"A4", Number, "1200", false},
		{"B1", Error, "#REF!", false},
		{"B2", Error, "#REF!", false}, // an error added to is the error
		{"C2", Number, "40541", false},
		{"C3", Number, "31082", false},
		{"D1", 0, "", true},
		{"E1", 0, "", true}, // IFERROR over an error: refused
	} {
		t.Run(tc.cell, func(t *testing.T) {
			c, r, _ := excelize.CellNameToCoordinates(tc.cell)
			got, err := s.Eval(r-1, c-1)
			if tc.refused {
				if !errors.Is(err, ErrFormula) {
					t.Fatalf("Eval(%s) = %+v, %v; want ErrFormula", tc.cell, got, err)
				}
				return
			}
			if err != nil || got.Kind != tc.kind || got.Text != tc.text {
				t.Fatalf("Eval(%s) = %+v, %v; want kind %d %q", tc.cell, got, err, tc.kind, tc.text)
			}
		})
	}
	if got := s.Formula(2, 0); got != "'Số liệu'!B4*2" {
		t.Errorf("Formula(A3) = %q", got)
	}
}
