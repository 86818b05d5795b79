package crosswalk

import (
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// Ref is how a row of an old-unit workbook names its unit.
type Ref struct {
	Code     string // as read ("01651", "1651"); "" when the workbook has no codes
	Name     string
	District string // the old district the row's own column names; "" when none
	// File, Sheet and Cell locate the row's unit cell, for messages.
	File, Sheet, Cell string
}

// Where names the row's unit cell as a source: "a.xlsx!T11!B9".
func (r Ref) Where() string { return xlsxio.CellSource(r.File, r.Sheet, r.Cell) }

// Scope is where a workbook's units were, as its title says ("UBND HUYỆN
// HÒA AN", "BẢO HIỂM XÃ HỘI TỈNH CAO BẰNG"): old province and district
// codes. Empty means the whole country.
type Scope struct {
	Provinces []string
	Districts []string
}

// ScopeOf reads the old provinces and districts a workbook's title lines
// name: a province by its name (with or without "Tỉnh"/"Thành phố"), a
// district only with its type ("Huyện Hòa An"), since bare district names
// repeat across the country.
func (t *Table) ScopeOf(title []string) Scope {
	text := " " + vntext.Fold(strings.Join(title, " ")) + " "
	t.placesOnce.Do(t.indexPlaces)
	var s Scope
	for _, p := range t.provinces {
		if strings.Contains(text, " "+p.key+" ") {
			s.Provinces = append(s.Provinces, p.code)
		}
	}
	for _, d := range t.districts {
		if !strings.Contains(text, " "+d.key+" ") {
			continue
		}
		// A district named in a province the title also names narrows it;
		// one of another province (a name shared across provinces) does not.
		in := len(s.Provinces) == 0
		for _, p := range s.Provinces {
			in = in || d.province == p
		}
		if in {
			s.Districts = append(s.Districts, d.code)
		}
	}
	return s
}

// place is an old province or district as a title names it.
type place struct {
	code, province string
	key            string // folded: a province without its type, a district with it
}

// indexPlaces lists the old provinces and districts once, in table order.
func (t *Table) indexPlaces() {
	seen := map[string]bool{}
	for i := range t.Old {
		o := &t.Old[i]
		if !seen["p"+o.ProvinceCode] {
			seen["p"+o.ProvinceCode] = true
			t.provinces = append(t.provinces, place{code: o.ProvinceCode, province: o.ProvinceCode, key: provinceKey(o.Province)})
		}
		if o.DistrictCode != "" && o.District != "" && !seen["d"+o.DistrictCode] {
			seen["d"+o.DistrictCode] = true
			t.districts = append(t.districts, place{code: o.DistrictCode, province: o.ProvinceCode, key: vntext.Fold(o.District)})
		}
	}
}

// provinceKey is a province's name as a title may write it: folded,
// without "Tỉnh"/"Thành phố"/"TP." before it.
func provinceKey(name string) string {
	f := vntext.Fold(name)
	for _, p := range []string{"tinh ", "thanh pho ", "tp. ", "tp "} {
		if rest, ok := strings.CutPrefix(f, p); ok && rest != "" {
			return strings.TrimSpace(rest)
		}
	}
	return f
}

func (s Scope) has(o *OldUnit) bool {
	if len(s.Districts) > 0 {
		for _, d := range s.Districts {
			if o.DistrictCode == d {
				return true
			}
		}
		return false
	}
	if len(s.Provinces) > 0 {
		for _, p := range s.Provinces {
			if o.ProvinceCode == p {
				return true
			}
		}
		return false
	}
	return true
}

// Resolve finds the old unit each ref names: by code (leading zeros
// restored by level), whose name must then agree with the row's; else by
// name with the unit matcher among the old units of the ref's district (its
// own column) or of scope (the title). It guesses nothing: an unknown code,
// a code under another unit's name, a name found nowhere or in several
// places is an error naming the row; all of them are listed. Loose name
// matches (the same name without its administrative type) come back as
// warnings.
func (t *Table) Resolve(refs []Ref, scope Scope) ([]*OldUnit, []msg.Text, error) {
	out := make([]*OldUnit, len(refs))
	var warnings []msg.Text
	var errs xlsxio.ErrorList
	fail := func(r Ref, en, vi string, a ...any) {
		if len(errs) < xlsxio.MaxErrors {
			errs = append(errs, &xlsxio.CellError{File: r.File, Sheet: r.Sheet, Cell: r.Cell, Err: msg.Errorf(en, vi, a...)})
		}
	}
	t.namesOnce.Do(func() {
		t.byName = map[string][]int{}
		for i := range t.Old {
			k := xlsxio.UnitNameBucket(t.Old[i].Name)
			t.byName[k] = append(t.byName[k], i)
		}
	})
	byName := t.byName
	for i, r := range refs {
		if strings.TrimSpace(r.Code) != "" {
			code := xlsxio.UnitCode(r.Code, r.Name)
			o, ok := t.OldByCode(code)
			if !ok {
				fail(r, "old unit %s %q is not in the crosswalk %s (no such old code)", "đơn vị cũ %s %q không có trong bảng chuyển đổi %s (không có mã cũ này)", code, r.Name, t.Name)
				continue
			}
			if xlsxio.MatchUnit(xlsxio.UnitRef{Name: r.Name}, xlsxio.UnitRef{Name: o.Name}) == xlsxio.MatchNone {
				fail(r, "code %s is %s in the crosswalk %s, but the row names %q: check the code", "mã %s là %s trong bảng chuyển đổi %s, nhưng dòng này ghi %q: hãy kiểm tra lại mã", code, o.Label(), t.Name, r.Name)
				continue
			}
			out[i] = o
			continue
		}
		ref := xlsxio.UnitRef{Name: r.Name}
		best, found := xlsxio.MatchNone, []*OldUnit(nil)
		for _, j := range byName[xlsxio.UnitNameBucket(r.Name)] {
			o := &t.Old[j]
			if r.District != "" {
				if xlsxio.MatchUnit(xlsxio.UnitRef{Name: r.District}, xlsxio.UnitRef{Name: o.District}) == xlsxio.MatchNone {
					continue
				}
			} else if !scope.has(o) {
				continue
			}
			lvl := xlsxio.MatchUnit(ref, xlsxio.UnitRef{Name: o.Name})
			switch {
			case lvl == xlsxio.MatchNone || lvl < best:
			case lvl > best:
				best, found = lvl, []*OldUnit{o}
			default:
				found = append(found, o)
			}
		}
		// where the name was sought, for an error only
		where := func() msg.Text {
			switch {
			case r.District != "":
				return msg.Sprintf("old district %s", "huyện cũ %s", r.District)
			case len(scope.Districts)+len(scope.Provinces) > 0:
				return msg.Plain(t.scopeText(scope))
			}
			return msg.Sprintf("the whole country: give codes, or the old district in a column or the title",
				"cả nước: hãy ghi mã, hoặc ghi huyện cũ trong một cột hay trong tiêu đề")
		}
		switch len(found) {
		case 0:
			fail(r, "old unit %q is not in the crosswalk %s (searched by name in %s)", "đơn vị cũ %q không có trong bảng chuyển đổi %s (đã tìm theo tên trong %s)", r.Name, t.Name, where())
		case 1:
			out[i] = found[0]
			if best == xlsxio.MatchLoose {
				warnings = append(warnings, msg.Sprintf("%s: %q is taken as old unit %s: the same name without the administrative type", "%s: %q được hiểu là đơn vị cũ %s: cùng tên nhưng không có loại đơn vị hành chính", r.Where(), r.Name, found[0].Label()))
			}
		default:
			var ls []string
			for _, o := range found {
				ls = append(ls, o.Label())
			}
			fail(r, "%q names %d old units in %s: %s", "%q trùng tên với %d đơn vị cũ trong %s: %s", r.Name, len(found), where(), strings.Join(ls, "; "))
		}
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	return out, warnings, nil
}

// scopeText names a scope in messages.
func (t *Table) scopeText(s Scope) string {
	var names []string
	for _, d := range s.Districts {
		for _, o := range t.Old {
			if o.DistrictCode == d {
				names = append(names, o.District+" ("+o.Province+")")
				break
			}
		}
	}
	if len(names) == 0 {
		for _, p := range s.Provinces {
			for _, o := range t.Old {
				if o.ProvinceCode == p {
					names = append(names, o.Province)
					break
				}
			}
		}
	}
	return strings.Join(names, ", ")
}
