package crosswalk

import (
	"errors"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// A small table: A and B merge whole into N1; C is divided between N1 and
// N2; D goes whole to N2 and leaves land (area) to N1.
const smallTable = `new_province_code,new_province,new_code,new_name,old_province_code,old_province,old_district_code,old_district,old_code,old_name,relation,note
01,Tỉnh T,10001,Xã N1,01,Tỉnh T,001,Huyện H,00001,Xã A,whole,
01,Tỉnh T,10001,Xã N1,01,Tỉnh T,001,Huyện H,00002,Xã B,whole,
01,Tỉnh T,10001,Xã N1,01,Tỉnh T,001,Huyện H,00003,Xã C,part,
01,Tỉnh T,10001,Xã N1,01,Tỉnh T,002,Huyện K,00004,Xã D,area,
01,Tỉnh T,10002,Xã N2,01,Tỉnh T,001,Huyện H,00003,Xã C,part,
01,Tỉnh T,10002,Xã N2,01,Tỉnh T,002,Huyện K,00004,Xã D,whole,
`

func small(t *testing.T) *Table {
	t.Helper()
	tb, err := Parse([]byte(smallTable), "small.csv")
	if err != nil {
		t.Fatal(err)
	}
	return tb
}

func input(t *testing.T, tb *Table, code string, row int, counts map[string]int64) Input {
	t.Helper()
	o, ok := tb.OldByCode(code)
	if !ok {
		t.Fatalf("no old unit %s", code)
	}
	u := &coverage.Unit{Name: o.Name, Code: code, Counts: counts, Sources: map[string][]string{}}
	for k := range counts {
		u.Sources[k] = []string{"old.xlsx!T6!" + map[string]string{"bhxh_mandatory": "C", "labour_force": "D"}[k] + strconv.Itoa(row)}
	}
	return Input{Old: o, Unit: u, Where: "old.xlsx!T6!B" + strconv.Itoa(row)}
}

func TestConvert(t *testing.T) {
	tb := small(t)
	shares, err := ParseShares([]byte("old_code,new_code,share\n3,10001,1\n00003,10002,2\n"), "shares.csv", tb)
	if err != nil {
		t.Fatal(err)
	}
	in := []Input{
		input(t, tb, "00001", 10, map[string]int64{"bhxh_mandatory": 100, "labour_force": 1000}),
		input(t, tb, "00002", 11, map[string]int64{"bhxh_mandatory": 50, "labour_force": 700}),
		input(t, tb, "00003", 12, map[string]int64{"bhxh_mandatory": 31, "labour_force": 301}),
		input(t, tb, "00004", 13, map[string]int64{"bhxh_mandatory": 7, "labour_force": 90}),
	}
	res, err := tb.Convert(in, Options{Shares: shares})
	if err != nil {
		t.Fatal(err)
	}
	// C: 31 × 1/3 = 10.33 → 10, × 2/3 = 20.67 → 21; 301 → 100.33 → 100, 200.67 → 201.
	want := map[string]map[string]int64{
		"10001": {"bhxh_mandatory": 100 + 50 + 10, "labour_force": 1000 + 700 + 100},
		"10002": {"bhxh_mandatory": 21 + 7, "labour_force": 201 + 90},
	}
	if len(res.Units) != 2 {
		t.Fatalf("units %d", len(res.Units))
	}
	for _, u := range res.Units {
		if !reflect.DeepEqual(u.Counts, want[u.Code]) {
			t.Errorf("%s counts %v, want %v", u.Code, u.Counts, want[u.Code])
		}
	}
	n1 := res.Units[0]
	if got := n1.Sources["bhxh_mandatory"]; !reflect.DeepEqual(got, []string{"old.xlsx!T6!C10", "old.xlsx!T6!C11", "old.xlsx!T6!C12"}) {
		t.Errorf("sources %v", got)
	}
	if len(n1.Origins) != 3 || n1.Origins[2].Relation != "part" || n1.Origins[2].Share.String() != "1/3" ||
		n1.Origins[2].Counts["bhxh_mandatory"] != 10 || n1.Origins[2].ShareCell != "shares.csv!C2" {
		t.Errorf("origins %+v", n1.Origins)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("warnings %v", res.Warnings)
	}
}

func TestConvertRefuses(t *testing.T) {
	tb := small(t)
	all := func() []Input {
		return []Input{
			input(t, tb, "00001", 10, map[string]int64{"bhxh_mandatory": 100}),
			input(t, tb, "00002", 11, map[string]int64{"bhxh_mandatory": 50}),
			input(t, tb, "00003", 12, map[string]int64{"bhxh_mandatory": 31}),
			input(t, tb, "00004", 13, map[string]int64{"bhxh_mandatory": 7}),
		}
	}
	t.Run("split without shares lists the split units", func(t *testing.T) {
		_, err := tb.Convert(all(), Options{})
		var se *SplitError
		if !errors.As(err, &se) || len(se.Units) != 1 || se.Units[0].Code != "00003" {
			t.Fatalf("error %v", err)
		}
		for _, want := range []string{"00003 Xã C (Huyện H, Tỉnh T) → 10001 Xã N1 (part), 10002 Xã N2 (part)", "00003,10001,\n00003,10002,"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q lacks %q", err, want)
			}
		}
	})
	t.Run("listed twice", func(t *testing.T) {
		in := append(all(), input(t, tb, "00002", 20, map[string]int64{"bhxh_mandatory": 50}))
		_, err := tb.Convert(in, Options{})
		if err == nil || !strings.Contains(err.Error(), "old unit 00002 Xã B (Huyện H, Tỉnh T) is given twice: old.xlsx!T6!B11 and old.xlsx!T6!B20") {
			t.Fatalf("error %v", err)
		}
	})
	t.Run("partial new unit", func(t *testing.T) {
		in := all()[:1] // A without B: N1 would miss B and C
		_, err := tb.Convert(in, Options{})
		var pe *PartialError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "10001 Xã N1: missing 00002 Xã B (Huyện H, Tỉnh T) [whole], 00003 Xã C (Huyện H, Tỉnh T) [part]") {
			t.Fatalf("error %v", err)
		}
		res, err := tb.Convert(in, Options{Partial: true})
		if err != nil || len(res.Units) != 1 || res.Units[0].Counts["bhxh_mandatory"] != 100 || res.Warnings[0].Code != WarnPartialUnit {
			t.Fatalf("partial: %v %+v", err, res)
		}
	})
	t.Run("an area row's old unit is not needed", func(t *testing.T) {
		// N1 takes land from D, whose people went to N2: N1 is complete without D.
		in := all()[:3]
		shares, _ := ParseShares([]byte("old_code,new_code,share\n00003,10001,1\n00003,10002,1\n"), "s.csv", tb)
		_, err := tb.Convert(in, Options{Shares: shares})
		var pe *PartialError
		if !errors.As(err, &pe) || strings.Contains(err.Error(), "10001") {
			t.Fatalf("want N2 (not N1) partial: %v", err)
		}
	})
	t.Run("a count one old unit lacks", func(t *testing.T) {
		in := all()
		in[1].Unit.Counts["labour_force"] = 5
		in[0].Unit.Counts["labour_force"] = 6
		shares, _ := ParseShares([]byte("old_code,new_code,share\n00003,10001,1\n00003,10002,1\n"), "s.csv", tb)
		res, err := tb.Convert(in, Options{Shares: shares})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := res.Units[0].Counts["labour_force"]; ok {
			t.Errorf("N1 has labour_force though C has none")
		}
		if len(res.Warnings) != 2 || res.Warnings[0].Code != coverage.WarnMissingUnit || !strings.Contains(res.Warnings[0].Message.EN, "00003 Xã C (Huyện H, Tỉnh T) (old.xlsx!T6!B12) has no labour_force") {
			t.Errorf("warnings %+v", res.Warnings)
		}
	})
}

func TestParseSharesRejects(t *testing.T) {
	tb := small(t)
	tests := []struct{ name, csv, want string }{
		{"not a row", "old_code,new_code,share\n00001,10002,1\n", "s.csv: B2: \"10002\" is not a part row of the crosswalk: old unit 00001 Xã A (Huyện H, Tỉnh T) went to 10001 Xã N1 (whole)"},
		{"a whole row", "old_code,new_code,share\n00001,10001,1\n", "is a whole row (line 2): all its people go there, no share needed"},
		{"unknown old", "old_code,new_code,share\n09999,10001,1\n", "s.csv: A2: \"09999\" is not an old unit of the crosswalk small.csv"},
		{"bad share", "old_code,new_code,share\n00003,10001,một nửa\n00003,10002,1\n", "s.csv: C2: \"một nửa\" is not a share"},
		{"negative share", "old_code,new_code,share\n00003,10001,-1\n00003,10002,1\n", "s.csv: C2: \"-1\" is not a share"},
		{"missing part", "old_code,new_code,share\n00003,10001,1\n", "old unit 00003 Xã C (Huyện H, Tỉnh T) is divided between 10001 Xã N1 (part), 10002 Xã N2 (part): no share for 10002 Xã N2"},
		{"all zero", "old_code,new_code,share\n00003,10001,0\n00003,10002,0\n", "s.csv: C2: \"0\" every share of old unit 00003"},
		{"twice", "old_code,new_code,share\n00003,10001,1\n00003,10002,1\n00003,10001,2\n", "s.csv: A4: \"00003\" 00003 → 10001 is given twice (lines 2 and 4)"},
		{"no header", "00003,10001,1\n", "columns must be old_code,new_code,share"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ParseShares([]byte(tc.csv), "s.csv", tb)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want %q", err, tc.want)
			}
			var ce *xlsxio.CellError
			var fe *xlsxio.FileError
			if !errors.As(err, &ce) && !errors.As(err, &fe) {
				t.Errorf("error %T names no file", err)
			}
		})
	}
	// ';' and a decimal comma, percentages.
	s, err := ParseShares([]byte("old_code;new_code;share\n00003;10001;33,5%\n00003;10002;66,5%\n"), "s.csv", tb)
	if err != nil {
		t.Fatal(err)
	}
	o, _ := tb.OldByCode("00003")
	_, w, ok := s.weights(tb, o)
	if !ok || w[0].Int64()*133 != w[1].Int64()*67 {
		t.Errorf("weights %v", w)
	}
}
