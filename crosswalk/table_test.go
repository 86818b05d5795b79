package crosswalk

import (
	"errors"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/xlsxio"
)

// The built-in table is the statistics office's, as its README states it.
func TestBuiltinTableFacts(t *testing.T) {
	tb, err := Builtin(DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 10571 {
		t.Errorf("rows = %d, want 10,571", len(tb.Rows))
	}
	if len(tb.New) != 3321 {
		t.Errorf("new codes = %d, want 3,321", len(tb.New))
	}
	provinces := map[string]bool{}
	for _, n := range tb.New {
		provinces[n.ProvinceCode] = true
	}
	if len(provinces) != 34 {
		t.Errorf("new provinces = %d, want 34", len(provinces))
	}
	oldCodes, oldProvinces := map[string]bool{}, map[string]bool{}
	names := map[string]map[string]bool{}
	rel := map[Relation]int{}
	for _, r := range tb.Rows {
		rel[r.Relation]++
		oldProvinces[r.OldProvinceCode] = true
		if r.OldCode == "" {
			continue
		}
		oldCodes[r.OldCode] = true
		if names[r.OldCode] == nil {
			names[r.OldCode] = map[string]bool{}
		}
		names[r.OldCode][r.OldName] = true
	}
	if len(oldCodes) != 10035 {
		t.Errorf("old codes = %d, want 10,035", len(oldCodes))
	}
	if len(oldProvinces) != 63 {
		t.Errorf("old provinces = %d, want 63", len(oldProvinces))
	}
	for code, ns := range names {
		if len(ns) != 1 {
			t.Errorf("old code %s has %d names: %v", code, len(ns), ns)
		}
	}
	if rel[Whole] != 9659 || rel[Area] != 65 || rel[Part] != 847 {
		t.Errorf("relations = %v, want whole 9,659, area 65, part 847", rel)
	}
	// Every area row's old unit also has a whole row (its people went there).
	for _, r := range tb.Rows {
		if r.Relation != Area {
			continue
		}
		o, ok := tb.OldByCode(r.OldCode)
		if !ok {
			t.Fatalf("area row line %d: old code %q unknown", r.Line, r.OldCode)
		}
		whole := 0
		for _, i := range o.Rows {
			if tb.Rows[i].Relation == Whole {
				whole++
			}
		}
		if whole != 1 {
			t.Errorf("area row line %d: old unit %s has %d whole rows, want 1", r.Line, o.Label(), whole)
		}
	}
	// 440 old units go to more than one new unit; 382 of them by part rows.
	multi, split := 0, 0
	for _, o := range tb.Old {
		if len(o.Rows) > 1 {
			multi++
		}
		if tb.Rows[o.Rows[0]].Relation == Part {
			split++
		}
	}
	if multi != 440 || split != 382 {
		t.Errorf("old units into several new = %d, split = %d; want 440, 382", multi, split)
	}
	// The four corrections of the README.
	for _, c := range []struct{ code, name, province string }{
		{"01651", "Xã Mỹ Hưng", "04"},
		{"02482", "Xã Phú Thịnh", "08"},
		{"27691", "Phường 4", "80"},
		{"00556", "Xã Đặng Xá", "01"},
	} {
		o, ok := tb.OldByCode(c.code)
		if !ok || o.Name != c.name || o.ProvinceCode != c.province {
			t.Errorf("correction %s: got %+v", c.code, o)
		}
	}
	// Island districts without communes are units under their district code.
	if o, ok := tb.OldByCode("755"); !ok || o.Name != "Huyện Côn Đảo" || tb.NewOf(o.Rows[0]).Code != "26732" {
		t.Errorf("Côn Đảo: %+v", o)
	}
	if tb.Effective != "2025-07-01" || tb.Name != "vn-2025" || !strings.Contains(tb.Source, "Cục Thống kê") {
		t.Errorf("table facts: %q %q %q", tb.Name, tb.Effective, tb.Source)
	}
	readme, err := Readme(DefaultName)
	if err != nil || !strings.Contains(readme, "10,571 rows") {
		t.Errorf("README: %v", err)
	}
}

func TestParseRejects(t *testing.T) {
	head := strings.Join(Columns, ",") + "\n"
	row := func(newCode, oldCode, rel string) string {
		return "01,Thành phố Hà Nội," + newCode + ",Phường A,01,Thành phố Hà Nội,001,Quận Ba Đình," + oldCode + ",Phường " + oldCode + "," + rel + ",\n"
	}
	tests := []struct {
		name, csv string
		want      error
		cell      string // the first error's text must hold it
	}{
		{"missing column", "new_code,old_code\n", ErrColumns, "no column"},
		{"bad relation", head + row("00004", "00016", "moved"), ErrRelation, "K2"},
		{"short code", head + row("0004", "00016", "whole"), ErrCode, "C2"},
		{"one part row", head + row("00004", "00016", "part"), nil, "single part row"},
		{"two whole rows", head + row("00004", "00016", "whole") + strings.Replace(row("00008", "00016", "whole"), "Phường A", "Phường B", 1), nil, "two whole rows"},
		{"area without whole", head + row("00004", "00016", "area"), nil, "no whole row"},
		{"pair twice", head + row("00004", "00016", "whole") + row("00004", "00016", "whole"), ErrConflict, "already on line 2"},
		{"new code two names", head + row("00004", "00016", "whole") + strings.Replace(row("00004", "00019", "whole"), "Phường A", "Phường Z", 1), ErrConflict, "D3"},
		{"old code two names", head + row("00004", "00016", "part") + strings.Replace(row("00008", "00016", "part"), "Phường 00016", "Phường Y", 1), ErrConflict, "J3"},
		{"mix part and whole", head + row("00004", "00016", "part") + row("00004", "00019", "whole") + strings.Replace(row("00008", "00016", "whole"), "Phường A", "Phường B", 1), nil, "mixes part rows"},
		{"no rows", head, nil, "no rows"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse([]byte(tc.csv), "cw.csv")
			if err == nil {
				t.Fatal("accepted")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %v, want %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.cell) || !strings.HasPrefix(err.Error(), "cw.csv: ") {
				t.Errorf("error %q should name cw.csv and %q", err, tc.cell)
			}
			var ce *xlsxio.CellError
			var fe *xlsxio.FileError
			if !errors.As(err, &ce) && !errors.As(err, &fe) {
				t.Errorf("error %T is neither a CellError nor a FileError", err)
			}
		})
	}
}

// A user's own table in another column order, with a BOM, parses like the
// built-in one.
func TestParseUserTable(t *testing.T) {
	csv := "\xef\xbb\xbfold_code,new_code,relation,note,new_province_code,new_province,new_name,old_province_code,old_province,old_district_code,old_district,old_name\n" +
		"00016,00004,part,,01,Hà Nội,Phường Ba Đình,01,Hà Nội,001,Quận Ba Đình,Phường Ngọc Hà\n" +
		"00016,00008,part,,01,Hà Nội,Phường Ngọc Hà,01,Hà Nội,001,Quận Ba Đình,Phường Ngọc Hà\n" +
		"00004,00004,whole,,01,Hà Nội,Phường Ba Đình,01,Hà Nội,001,Quận Ba Đình,Phường Trúc Bạch\n"
	tb, err := Parse([]byte(csv), "cua-toi.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Old) != 2 || len(tb.New) != 2 || tb.Name != "cua-toi.csv" {
		t.Fatalf("old %d new %d name %q", len(tb.Old), len(tb.New), tb.Name)
	}
	o, _ := tb.OldByCode("00016")
	if o.Label() != "00016 Phường Ngọc Hà (Quận Ba Đình, Hà Nội)" || len(o.Rows) != 2 {
		t.Errorf("old unit %q rows %v", o.Label(), o.Rows)
	}
}
