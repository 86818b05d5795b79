package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// crosswalkTruth is testdata/crosswalk/truth.json, written by gen.py from
// the official table apart from bhxh.
type crosswalkTruth struct {
	CaoBang       map[string]newUnitTruth                             `json:"cao_bang_2024_11"`
	CaoBangTen    map[string]newUnitTruth                             `json:"cao_bang_ten"`
	CaoBangHuyen  map[string]newUnitTruth                             `json:"cao_bang_huyen"`
	HaiPhong      map[string]newUnitTruth                             `json:"hai_phong_2024_11"`
	HaiPhongSplit []struct{ Code, Name string }                       `json:"hai_phong_split"`
	CaoBangPrior  map[string]map[string]struct{ Prior, Change int64 } `json:"cao_bang_2025_11_prior"`
}

type newUnitTruth struct {
	Name   string
	Counts map[string]int64
}

type crosswalkDoc struct {
	Schema    string
	Crosswalk struct{ Name, Effective, SHA256 string }
	Units     []struct {
		Code, Name string
		Counts     map[string]int64
		Sources    map[string][]string
		From       []struct {
			Code, Name, Relation string
			Share                *string
			ShareCell            *string `json:"share_cell"`
			Counts               map[string]int64
		}
	}
	Issues []struct{ Code, Message string }
}

func loadCrosswalkTruth(t *testing.T) crosswalkTruth {
	var tr crosswalkTruth
	readTruth(t, filepath.Join(testdataDir(t, "crosswalk"), "truth.json"), &tr)
	return tr
}

func crosswalkJSON(t *testing.T, args ...string) crosswalkDoc {
	t.Helper()
	out, errw, code := runCmd(append([]string{"crosswalk", "--format", "json"}, args...)...)
	if code != exitOK {
		t.Fatalf("crosswalk %v: exit %d\n%s", args, code, errw)
	}
	var doc crosswalkDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkConverted compares every new unit with the truth, exactly.
func checkConverted(t *testing.T, doc crosswalkDoc, want map[string]newUnitTruth) {
	t.Helper()
	if len(doc.Units) != len(want) {
		t.Errorf("%d new units, want %d", len(doc.Units), len(want))
	}
	for _, u := range doc.Units {
		w, ok := want[u.Code]
		if !ok {
			t.Errorf("new unit %s %s not expected", u.Code, u.Name)
			continue
		}
		if u.Name != w.Name {
			t.Errorf("%s named %q, want %q", u.Code, u.Name, w.Name)
		}
		for k, v := range w.Counts {
			if u.Counts[k] != v {
				t.Errorf("%s %s %s = %d, want %d", u.Code, u.Name, k, u.Counts[k], v)
			}
		}
		if len(u.Counts) != len(w.Counts) {
			t.Errorf("%s counts %v, want %v", u.Code, u.Counts, w.Counts)
		}
	}
}

// Cao Bằng: 161 old communes merged whole into 56 new ones; every new
// commune is the sum of its old ones. Codes are matched with their leading
// zeros restored (every 7th typed as a number), and 01651 is Xã Mỹ Hưng as
// the README's correction says.
func TestCrosswalkProvinceOfWholeMerges(t *testing.T) {
	tr := loadCrosswalkTruth(t)
	dir := testdataDir(t, "crosswalk")
	doc := crosswalkJSON(t, filepath.Join(dir, "cao-bang-2024-11-cu.xlsx"))
	if doc.Schema != "bhxh.crosswalk/v1" || doc.Crosswalk.Name != "vn-2025" || doc.Crosswalk.Effective != "2025-07-01" {
		t.Errorf("head %+v", doc.Crosswalk)
	}
	checkConverted(t, doc, tr.CaoBang)
	for _, u := range doc.Units {
		var sum int64
		for _, f := range u.From {
			if f.Relation != "whole" || f.Share != nil {
				t.Errorf("%s from %s: %s %v", u.Code, f.Code, f.Relation, f.Share)
			}
			sum += f.Counts["bhyt"]
		}
		if sum != u.Counts["bhyt"] || len(u.Sources["bhyt"]) != len(u.From) {
			t.Errorf("%s: bhyt %d from %d, sources %v", u.Code, u.Counts["bhyt"], sum, u.Sources["bhyt"])
		}
		for _, s := range u.Sources["bhyt"] {
			if !strings.HasPrefix(s, "cao-bang-2024-11-cu.xlsx!T11!I") {
				t.Errorf("%s: source %q", u.Code, s)
			}
		}
	}
	if len(doc.Issues) != 0 {
		t.Errorf("issues %+v", doc.Issues)
	}

	// The workbook it writes is one compute reads as it is.
	out := filepath.Join(t.TempDir(), "cao-bang-moi.xlsx")
	if _, errw, code := runCmd("crosswalk", filepath.Join(dir, "cao-bang-2024-11-cu.xlsx"), "-o", out); code != exitOK {
		t.Fatalf("exit %d: %s", code, errw)
	}
	cd := computeJSON(t, "compute", out)
	if len(cd.Units) != len(tr.CaoBang) {
		t.Fatalf("compute read %d units", len(cd.Units))
	}
	for _, u := range cd.Units {
		w := tr.CaoBang[*u.Code]
		if u.Name != w.Name || u.Counts["bhxh_mandatory"] != w.Counts["bhxh_mandatory"] || u.Counts["population"] != w.Counts["population"] {
			t.Errorf("compute read %v %s %v, want %+v", *u.Code, u.Name, u.Counts, w)
		}
	}
	for _, is := range cd.Issues {
		if is.Code == "total_mismatch" || is.Code == "unknown_column" {
			t.Errorf("compute on the crosswalk output: %s %s", is.Code, is.Message)
		}
	}
}

// Without codes, old units are found by name within the old district that
// a column of the row names, or that the workbook's title names.
func TestCrosswalkByNameWithinDistrict(t *testing.T) {
	tr := loadCrosswalkTruth(t)
	dir := testdataDir(t, "crosswalk")
	checkConverted(t, crosswalkJSON(t, filepath.Join(dir, "cao-bang-2024-11-cu-ten.xlsx")), tr.CaoBangTen)
	checkConverted(t, crosswalkJSON(t, filepath.Join(dir, "cao-bang-huyen-2024-11-cu.xlsx")), tr.CaoBangHuyen)
}

// Hải Phòng (new) = old Hải Dương + old Hải Phòng, 57 communes divided
// between new ones: with the shares file each new commune is exact; without
// it, the divided communes are listed and nothing is written.
func TestCrosswalkTwoProvincesWithSplits(t *testing.T) {
	tr := loadCrosswalkTruth(t)
	dir := testdataDir(t, "crosswalk")
	hd, hp := filepath.Join(dir, "hai-duong-2024-11-cu.xlsx"), filepath.Join(dir, "hai-phong-2024-11-cu.xlsx")
	doc := crosswalkJSON(t, "--shares", filepath.Join(dir, "hai-phong-chia-tach.csv"), hd, hp)
	checkConverted(t, doc, tr.HaiPhong)
	parts := 0
	for _, u := range doc.Units {
		for _, f := range u.From {
			if f.Relation == "part" {
				parts++
				if f.Share == nil || f.ShareCell == nil || !strings.HasPrefix(*f.ShareCell, "hai-phong-chia-tach.csv!C") {
					t.Errorf("%s from %s: share %v cell %v", u.Code, f.Code, f.Share, f.ShareCell)
				}
			}
		}
	}
	if parts == 0 {
		t.Error("no part moves")
	}

	out := filepath.Join(t.TempDir(), "hai-phong-moi.xlsx")
	for lang, says := range map[string][]string{
		"en": {"57 old unit(s)", "old_code,new_code,share", "then give it with --shares FILE"},
		"vi": {"57 đơn vị cũ", "old_code,new_code,share", "rồi đưa tệp đó vào bằng --shares FILE"},
	} {
		_, errw, code := runCmd("crosswalk", "--lang", lang, hd, hp, "-o", out)
		if code != exitData {
			t.Fatalf("without shares: exit %d", code)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("an output was written")
		}
		for _, s := range tr.HaiPhongSplit {
			if !strings.Contains(errw, s.Code+" "+s.Name+" (") {
				t.Errorf("--lang %s: error does not list %s %s", lang, s.Code, s.Name)
			}
		}
		if n := strings.Count(errw, " → "); n != len(tr.HaiPhongSplit) {
			t.Errorf("--lang %s: error lists %d divided units, want %d", lang, n, len(tr.HaiPhongSplit))
		}
		for _, want := range says {
			if !strings.Contains(errw, want) {
				t.Errorf("--lang %s: error lacks %q", lang, want)
			}
		}
	}
}

func TestCrosswalkRefuses(t *testing.T) {
	dir := t.TempDir()
	book := func(name string, rows ...[]string) string {
		return writeTestList(t, dir, name, append([][]string{
			{"BẢO HIỂM XÃ HỘI TỈNH CAO BẰNG"}, {"Tháng 11 năm 2024"},
			{"STT", "Mã xã", "Tên đơn vị", "Số người tham gia BHYT"}}, rows...))
	}
	shares := filepath.Join(dir, "chia.csv")
	writeFile(t, shares, "old_code,new_code,share\n01651,01273,1\n")
	cases := []struct {
		name string
		args []string
		err  string
	}{
		{"unknown code", []string{book("a.xlsx", []string{"1", "09999", "Xã Không Có", "5"})},
			`a.xlsx: Sheet1!C4: old unit 09999 "Xã Không Có" is not in the crosswalk vn-2025 (no such old code)`},
		{"code of another unit", []string{book("b.xlsx", []string{"1", "01615", "Xã Mỹ Hưng", "5"})},
			`b.xlsx: Sheet1!C4: code 01615 is 01615 Xã Hồng Quang`},
		{"given twice", []string{book("c.xlsx", []string{"1", "01651", "Xã Mỹ Hưng", "5"}, []string{"2", "", "Mỹ Hưng", "5"})},
			"is given twice: c.xlsx!Sheet1!C4 and c.xlsx!Sheet1!C5"},
		{"name nowhere", []string{book("d.xlsx", []string{"1", "", "Xã Atlantis", "5"})},
			`d.xlsx: Sheet1!C4: old unit "Xã Atlantis" is not in the crosswalk vn-2025 (searched by name in Tỉnh Cao Bằng)`},
		{"shares of a whole row", []string{"--shares", shares, book("e.xlsx", []string{"1", "01651", "Xã Mỹ Hưng", "5"})},
			`chia.csv: B2: "01273" is not a part row of the crosswalk`},
		{"partial new unit", []string{book("f.xlsx", []string{"1", "01651", "Xã Mỹ Hưng", "5"})},
			"new unit(s) are made of old units that are not all in the inputs"},
		{"bad crosswalk file", []string{"--crosswalk", shares, book("g.xlsx", []string{"1", "01651", "Xã Mỹ Hưng", "5"})},
			"chia.csv: columns must be"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := filepath.Join(dir, c.name+".out.xlsx")
			_, errw, code := runCmd(append([]string{"crosswalk", "--lang", "en", "-o", out}, c.args...)...)
			if code != exitData || !strings.Contains(errw, c.err) {
				t.Errorf("exit %d, stderr:\n%s\nwant %q", code, errw, c.err)
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("output written")
			}
		})
	}
	// --partial converts anyway, saying so.
	doc := crosswalkJSON(t, "--partial", book("h.xlsx", []string{"1", "01651", "Xã Mỹ Hưng", "5"}))
	if len(doc.Units) != 1 || doc.Units[0].Counts["bhyt"] != 5 || len(doc.Issues) != 1 || doc.Issues[0].Code != "partial_unit" {
		t.Errorf("--partial: %+v", doc)
	}
}

// The arguments of crosswalk → its options, or the usage error refusing
// them. Nothing is read.
func TestCrosswalkFlags(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want crosswalkFlags
		out  string
		err  string
	}{
		{name: "defaults", args: []string{"a.xlsx"}, want: crosswalkFlags{Crosswalk: "vn-2025"}},
		{name: "own table, shares, partial", args: []string{"--crosswalk", "t.csv", "--shares", "s.csv", "--partial", "-o", "n.xlsx", "a.xlsx", "b.xlsx"},
			want: crosswalkFlags{Crosswalk: "t.csv", Shares: "s.csv", Partial: true}, out: "n.xlsx"},
		{name: "no input", args: nil, err: "requires at least 1 arg(s), only received 0"},
		{name: "bad format", args: []string{"--format", "pdf", "a.xlsx"}, err: `--format "pdf": want table, csv, json or xlsx`},
		{name: "bad lang", args: []string{"--lang", "fr", "a.xlsx"}, err: `--lang "fr": want vi or en`},
	} {
		t.Run(c.name, func(t *testing.T) {
			opts, err := parseCommand(t, newCrosswalkCmd, c.args...)
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("error %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if opts.crosswalkFlags != c.want || opts.Output != c.out || opts.Lang != "vi" {
				t.Errorf("options %+v", opts)
			}
		})
	}
}

// allocate --crosswalk splits a target over the new communes from an
// old-commune baseline: each new commune's denominator and current count
// are its old ones' sums.
func TestAllocateThroughCrosswalk(t *testing.T) {
	tr := loadCrosswalkTruth(t)
	out, errw, code := runCmd("allocate", "--indicator", "bhyt", "--rate", "95", "--crosswalk", "vn-2025", "--format", "json",
		filepath.Join(testdataDir(t, "crosswalk"), "cao-bang-2024-11-cu.xlsx"))
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errw)
	}
	var doc struct {
		Units []struct {
			Code                 string
			Denominator, Current int64
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Units) != len(tr.CaoBang) {
		t.Fatalf("%d units, want %d", len(doc.Units), len(tr.CaoBang))
	}
	for _, u := range doc.Units {
		w := tr.CaoBang[u.Code].Counts
		if u.Denominator != w["population"] || u.Current != w["bhyt"] {
			t.Errorf("%s: %d/%d, want %d/%d", u.Code, u.Current, u.Denominator, w["bhyt"], w["population"])
		}
	}
}
