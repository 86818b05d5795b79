package xlsxio

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
)

// table builds a Table of units from rows "code|name|key=value,…" as the
// reader would (cells in column order from C, row 5 on).
func joinTable(file string, keys []string, rows ...string) *Table {
	t := &Table{File: file, Sheet: "S"}
	for i, k := range keys {
		t.Columns = append(t.Columns, Column{Index: i + 2, Letter: string(rune('C' + i)), Key: k})
	}
	for r, row := range rows {
		parts := strings.Split(row, "|")
		u := coverage.Unit{Code: parts[0], Name: parts[1], Counts: map[string]int64{}, Percents: map[string]decimal.Decimal{},
			Shown: map[string]int{}, Cells: map[string]string{"unit": "B" + itoa(r+5)}, Sources: map[string][]string{}, Row: r + 5}
		for i, k := range keys {
			v := strings.Split(parts[2], ",")[i]
			cell := string(rune('C'+i)) + itoa(r+5)
			switch {
			case v == "x":
				continue
			case v == "":
				u.Counts[k] = 0 // an empty cell
			case coverage.IsPercentKey(k):
				u.Percents[k] = decimal.RequireFromString(v)
				u.Cells[k] = cell
			default:
				u.Counts[k] = decimal.RequireFromString(v).IntPart()
				u.Cells[k] = cell
			}
			u.Sources[k] = []string{CellSource(file, "S", cell)}
		}
		t.Units = append(t.Units, u)
	}
	return t
}

func itoa(n int) string { return decimal.NewFromInt(int64(n)).String() }

func TestJoin(t *testing.T) {
	counts := joinTable("so-nguoi.xlsx", []string{"bhxh_mandatory", "bhyt"},
		"04402|Xã Tân Phú|100,900",
		"|Xã Tân Lập|50,400")
	dens := joinTable("mau-so.csv", []string{"labour_force", "population"},
		"4402|Xã Tân Phú|700,1000", // the code typed as a number
		"04405|Xã Tân Lập|300,500") // the code only here
	j, err := Join([]*Table{counts, dens})
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Units) != 2 || len(j.Issues) != 0 {
		t.Fatalf("units %d issues %v", len(j.Units), j.Issues)
	}
	want := map[string]int64{"bhxh_mandatory": 50, "bhyt": 400, "labour_force": 300, "population": 500}
	if u := j.Units[1]; !reflect.DeepEqual(u.Counts, want) || u.Code != "04405" {
		t.Errorf("Tân Lập %s %v", u.Code, u.Counts)
	}
	if got := j.Units[0].Sources["labour_force"]; !reflect.DeepEqual(got, []string{"mau-so.csv!S!C5"}) {
		t.Errorf("sources %v", got)
	}
	// The inputs are not changed.
	if _, ok := counts.Units[0].Counts["labour_force"]; ok {
		t.Error("join changed its input")
	}
}

func TestJoinAppendsAndAgrees(t *testing.T) {
	a := joinTable("a.xlsx", []string{"bhxh_mandatory", "labour_force"}, "00001|Xã A|1,10", "00002|Xã B|2,20")
	b := joinTable("b.xlsx", []string{"bhxh_mandatory", "labour_force"}, "00003|Xã C|3,30", "00002|Xã B|2,20")
	j, err := Join([]*Table{a, b})
	if err != nil {
		t.Fatal(err)
	}
	if len(j.Units) != 3 || len(j.Issues) != 0 {
		t.Fatalf("units %d issues %v", len(j.Units), j.Issues)
	}
	if got := j.Units[1].Sources["bhxh_mandatory"]; !reflect.DeepEqual(got, []string{"a.xlsx!S!C6", "b.xlsx!S!C6"}) {
		t.Errorf("a value both state: sources %v", got)
	}
}

func TestJoinReports(t *testing.T) {
	t.Run("different values name both cells", func(t *testing.T) {
		a := joinTable("a.xlsx", []string{"bhxh_mandatory", "labour_force"}, "00001|Xã A|1,10", "00002|Xã B|2,20")
		b := joinTable("b.csv", []string{"labour_force", "target_bhxh"}, "00002|Xã B|25,30", "00001|Xã A|10,40")
		c := joinTable("c.csv", []string{"target_bhxh"}, "00001|Xã A|45")
		_, err := Join([]*Table{a, b, c})
		if !errors.Is(err, ErrJoinConflict) {
			t.Fatalf("error %v", err)
		}
		for _, want := range []string{"Xã B: labour_force is 20 in a.xlsx!S!D6 and 25 in b.csv!S!C5", "Xã A: target_bhxh is 40 in b.csv!S!D6 and 45 in c.csv!S!C5"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q lacks %q", err, want)
			}
		}
	})
	t.Run("an empty cell gives way", func(t *testing.T) {
		a := joinTable("a.xlsx", []string{"bhxh_mandatory", "labour_force"}, "00001|Xã A|1,")
		b := joinTable("b.csv", []string{"labour_force"}, "00001|Xã A|25")
		j, err := Join([]*Table{a, b})
		if err != nil || j.Units[0].Counts["labour_force"] != 25 || j.Units[0].Sources["labour_force"][0] != "b.csv!S!C5" {
			t.Fatalf("%v %+v", err, j)
		}
	})
	t.Run("a unit in one input only", func(t *testing.T) {
		a := joinTable("so-nguoi.xlsx", []string{"bhxh_mandatory"}, "00001|Xã A|1", "00002|Xã B|2")
		b := joinTable("mau-so.csv", []string{"labour_force", "population"}, "00001|Xã A|10,20", "00003|Xã C|30,40")
		j, err := Join([]*Table{a, b})
		if err != nil {
			t.Fatal(err)
		}
		var msgs []string
		for _, is := range j.Issues {
			if is.Code != "missing_unit" {
				t.Errorf("issue %+v", is)
			}
			msgs = append(msgs, is.File+": "+is.Message.EN)
		}
		want := []string{
			"mau-so.csv: Xã B (in so-nguoi.xlsx) is not in mau-so.csv: no labour_force, population for it",
			"so-nguoi.xlsx: Xã C (in mau-so.csv) is not in so-nguoi.xlsx: no bhxh_mandatory for it",
		}
		if !reflect.DeepEqual(msgs, want) {
			t.Errorf("issues\n%q\nwant\n%q", msgs, want)
		}
	})
	t.Run("two units of one input matching one unit", func(t *testing.T) {
		a := joinTable("a.xlsx", []string{"bhxh_mandatory"}, "|Xã A|1")
		b := joinTable("b.xlsx", []string{"labour_force"}, "00001|Xã A|1", "00002|Xã A|2")
		_, err := Join([]*Table{a, b})
		if err == nil || !strings.HasPrefix(err.Error(), "b.xlsx: ") {
			t.Fatalf("error %v", err)
		}
	})
}

// A prior converted across the reform keeps its old units under the prior
// keys; joined with this year's units, each unit names the old units of
// its prior, and an old unit both sides were made of is listed once with
// both years' figures.
func TestJoinPriorKeepsOldUnits(t *testing.T) {
	origin := func(code, key string, n int64, cell string) coverage.Origin {
		return coverage.Origin{Code: code, Name: "Xã " + code, Relation: "whole",
			Counts: map[string]int64{key: n}, Sources: map[string][]string{key: {cell}}}
	}
	cur := joinTable("2025.xlsx", []string{"bhyt"}, "01363|Xã Thông Nông|3648")
	last := joinTable("2024.xlsx", []string{"bhyt"}, "01363|Xã Thông Nông|47545")
	last.Units[0].Origins = []coverage.Origin{origin("01363", "bhyt", 30000, "cu.xlsx!T11!H7"), origin("01375", "bhyt", 17545, "cu.xlsx!T11!H8")}
	p := AsPrior(last)
	if got := p.Units[0].Origins[1]; got.Counts["prior_bhyt"] != 17545 || got.Sources["prior_bhyt"][0] != "cu.xlsx!T11!H8" || len(got.Counts) != 1 {
		t.Errorf("prior origin %+v", got)
	}
	if last.Units[0].Origins[1].Counts["bhyt"] != 17545 {
		t.Error("AsPrior changed its input")
	}
	j, err := Join([]*Table{cur, p})
	if err != nil {
		t.Fatal(err)
	}
	if u := j.Units[0]; len(u.Origins) != 2 || u.MovedAcrossReform("bhyt") || !u.MovedAcrossReform("prior_bhyt") {
		t.Errorf("joined %+v", u)
	}

	// This year's figures also moved from the same old unit: one origin.
	cur.Units[0].Origins = []coverage.Origin{origin("01363", "bhyt", 3648, "moi.xlsx!T11!H7")}
	j, err = Join([]*Table{cur, p})
	if err != nil {
		t.Fatal(err)
	}
	ogs := j.Units[0].Origins
	if len(ogs) != 2 || ogs[0].Counts["bhyt"] != 3648 || ogs[0].Counts["prior_bhyt"] != 30000 || ogs[1].Code != "01375" {
		t.Errorf("origins %+v", ogs)
	}
	if len(cur.Units[0].Origins[0].Counts) != 1 {
		t.Error("Join changed its input's old units")
	}
}
