// Command excelize builds the shapes-corpus workbooks only excelize can
// make (a shared formula spanning a range with a sheet-qualified
// reference, saved without cached values), from a JSON spec written by
// ../shapes.py. It lives under testdata so that ./... neither builds nor
// vets it; run it as `go run ./testdata/shapes/gen/excelize SPEC OUT`.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

type spec struct {
	Sheets []struct {
		Name     string               `json:"name"`
		Cells    [][2]json.RawMessage `json:"cells"`
		Formulas []struct {
			Ref    string `json:"ref"`
			F      string `json:"f"`
			Shared string `json:"shared"`
		} `json:"formulas"`
		Merges [][2]string        `json:"merges"`
		Widths map[string]float64 `json:"widths"`
	} `json:"sheets"`
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: excelize SPEC.json OUT.xlsx")
		os.Exit(2)
	}
	if err := build(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "excelize:", err)
		os.Exit(1)
	}
}

func build(specPath, out string) error {
	raw, err := os.ReadFile(specPath)
	if err != nil {
		return err
	}
	var s spec
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	if err := dec.Decode(&s); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range s.Sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sh.Name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(sh.Name); err != nil {
			return err
		}
		for _, c := range sh.Cells {
			var ref string
			if err := json.Unmarshal(c[0], &ref); err != nil {
				return err
			}
			if err := setValue(f, sh.Name, ref, c[1]); err != nil {
				return fmt.Errorf("%s!%s: %w", sh.Name, ref, err)
			}
		}
		for _, fo := range sh.Formulas {
			var opts []excelize.FormulaOpts
			if fo.Shared != "" {
				typ, ref := excelize.STCellFormulaTypeShared, fo.Shared
				opts = append(opts, excelize.FormulaOpts{Type: &typ, Ref: &ref})
			}
			if err := f.SetCellFormula(sh.Name, fo.Ref, fo.F, opts...); err != nil {
				return fmt.Errorf("%s!%s: %w", sh.Name, fo.Ref, err)
			}
		}
		for _, m := range sh.Merges {
			if err := f.MergeCell(sh.Name, m[0], m[1]); err != nil {
				return err
			}
		}
		for col, w := range sh.Widths {
			if err := f.SetColWidth(sh.Name, col, col, w); err != nil {
				return err
			}
		}
	}
	f.SetActiveSheet(0)
	return f.SaveAs(out)
}

// setValue writes a JSON string as text and a JSON number as a number.
func setValue(f *excelize.File, sheet, ref string, raw json.RawMessage) error {
	var str string
	if err := json.Unmarshal(raw, &str); err == nil {
		return f.SetCellStr(sheet, ref, str)
	}
	var n json.Number
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.UseNumber()
	if err := dec.Decode(&n); err != nil {
		return err
	}
	if i, err := n.Int64(); err == nil {
		return f.SetCellInt(sheet, ref, i)
	}
	return fmt.Errorf("not a whole number: %s", n)
}
