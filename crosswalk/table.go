package crosswalk

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"strings"
	"sync"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// Relation says how an old unit's people go to a new unit. The values are
// the table's own words (column relation) and part of the interface.
type Relation string

const (
	// Whole: all of the old unit's people went into this new unit.
	Whole Relation = "whole"
	// Area: only land went here; the people went to the old unit's whole row.
	Area Relation = "area"
	// Part: the old unit was divided between several new units and the
	// table does not say how its people were; shares must.
	Part Relation = "part"
)

// Row is one (new unit, old unit) pair of the table.
type Row struct {
	NewProvinceCode, NewProvince string
	NewCode, NewName             string
	OldProvinceCode, OldProvince string
	OldDistrictCode, OldDistrict string
	OldCode, OldName             string
	Relation                     Relation
	Note                         string // the table's own words ("Nhập một phần")
	Line                         int    // 1-based line of the file
}

// OldUnit is a unit before the reform and the rows saying where it went.
type OldUnit struct {
	// Code is the commune code (5 digits). An island district that had no
	// communes is one unit under its district code (3 digits); an uncoded
	// area has none and is known by name only.
	Code         string
	Name         string
	District     string
	DistrictCode string
	Province     string
	ProvinceCode string
	Rows         []int // indexes into Table.Rows, in table order
}

// Label names the unit in messages: "00016 Phường Ngọc Hà (Quận Ba Đình,
// Thành phố Hà Nội)".
func (o *OldUnit) Label() string {
	s := o.Name
	if o.Code != "" {
		s = o.Code + " " + s
	}
	var where []string
	if o.District != "" && o.District != o.Name {
		where = append(where, o.District)
	}
	if o.Province != "" {
		where = append(where, o.Province)
	}
	if len(where) > 0 {
		s += " (" + strings.Join(where, ", ") + ")"
	}
	return s
}

// NewUnit is a unit after the reform.
type NewUnit struct {
	Code, Name             string
	ProvinceCode, Province string
}

// Label names the unit in messages: "00004 Phường Ba Đình".
func (n *NewUnit) Label() string { return n.Code + " " + n.Name }

// Table is a crosswalk: every old unit with the new unit(s) it went into.
type Table struct {
	Name      string // "vn-2025", or the base name of a user's file
	Effective string // "2025-07-01": the first day of the new units; "" when unknown
	Source    string // where the table comes from, for reports
	SHA256    string // of the CSV bytes
	Rows      []Row
	Old       []OldUnit // in order of first appearance
	New       []NewUnit // in order of first appearance

	oldByCode map[string]int
	newByCode map[string]int
	newOf     []int   // Rows[i] → index into New
	oldOf     []int   // Rows[i] → index into Old
	newRows   [][]int // New[n] → its rows, in table order

	placesOnce           sync.Once
	provinces, districts []place // for ScopeOf
	namesOnce            sync.Once
	byName               map[string][]int // UnitNameBucket(old name) → old units, for Resolve
}

// Columns are the table's columns, in the order the built-in file has them.
var Columns = []string{
	"new_province_code", "new_province", "new_code", "new_name",
	"old_province_code", "old_province", "old_district_code", "old_district",
	"old_code", "old_name", "relation", "note",
}

// Sentinel errors of a table file; compare with errors.Is.
var (
	ErrColumns  = msg.New("columns must be "+strings.Join(Columns, ","), "các cột phải là "+strings.Join(Columns, ","))
	ErrCode     = msg.New("is not a code of the right number of digits", "không phải mã có đúng số chữ số")
	ErrRelation = msg.New("is not a relation (whole, area or part)", "không phải quan hệ (whole, area hoặc part)")
	ErrEmpty    = msg.New("is empty", "bị trống")
	ErrConflict = msg.New("contradicts an earlier row", "mâu thuẫn với một dòng trước")
)

// codeDigits is how many digits each code column holds (Decision
// 19/2025/QĐ-TTg: province 2, commune 5; districts had 3), in column order.
var codeDigits = []struct {
	col    string
	digits int
}{
	{"new_province_code", 2}, {"new_code", 5}, {"old_province_code", 2}, {"old_district_code", 3}, {"old_code", 5},
}

// Parse reads a crosswalk CSV (UTF-8, with or without BOM, the columns of
// Columns in any order) and checks it: codes of the right length, one name
// per code, one whole row (plus area rows) or at least two part rows per old
// unit, no pair twice. Every rejected cell is reported (up to
// xlsxio.MaxErrors), naming the file and cell (column letter and line).
func Parse(data []byte, file string) (*Table, error) {
	sum := sha256.Sum256(data)
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.ReuseRecord = true
	head, err := r.Read()
	if err != nil {
		return nil, &xlsxio.FileError{File: file, Err: fmt.Errorf("%w: %v", ErrColumns, err)}
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.TrimSpace(h)
		if _, dup := col[h]; dup {
			return nil, &xlsxio.FileError{File: file, Err: msg.Errorf("%w: %q twice", "%w: %q xuất hiện hai lần", ErrColumns, h)}
		}
		col[h] = i
	}
	for _, c := range Columns {
		if _, ok := col[c]; !ok {
			return nil, &xlsxio.FileError{File: file, Err: msg.Errorf("%w: no column %q", "%w: không có cột %q", ErrColumns, c)}
		}
	}
	if len(col) != len(Columns) {
		return nil, &xlsxio.FileError{File: file, Err: msg.Errorf("%w: %d columns", "%w: có %d cột", ErrColumns, len(col))}
	}

	t := &Table{Name: file, SHA256: hex.EncodeToString(sum[:])}
	rs := &records{file: file, r: r, col: col}
	cellErr := rs.bad
	err = rs.each(func(line int, get func(string) string) {
		row := Row{
			NewProvinceCode: get("new_province_code"), NewProvince: get("new_province"),
			NewCode: get("new_code"), NewName: get("new_name"),
			OldProvinceCode: get("old_province_code"), OldProvince: get("old_province"),
			OldDistrictCode: get("old_district_code"), OldDistrict: get("old_district"),
			OldCode: get("old_code"), OldName: get("old_name"),
			Relation: Relation(get("relation")), Note: get("note"), Line: line,
		}
		ok := true
		for _, cd := range codeDigits {
			name, n := cd.col, cd.digits
			v := get(name)
			if v == "" && (name == "old_code" || name == "old_district_code") {
				continue
			}
			if len(v) != n || !isDigits(v) {
				cellErr(line, name, v, msg.Errorf("%w (%d)", "%w (%d)", ErrCode, n))
				ok = false
			}
		}
		for _, name := range []string{"new_province", "new_name", "old_province"} {
			if get(name) == "" {
				cellErr(line, name, "", ErrEmpty)
				ok = false
			}
		}
		if row.OldName == "" && row.OldDistrict == "" {
			cellErr(line, "old_name", "", msg.Errorf("%w (and so is old_district: the old unit has no name)", "%w (old_district cũng trống: đơn vị cũ không có tên)", ErrEmpty))
			ok = false
		}
		if row.OldCode != "" && row.OldName == "" {
			cellErr(line, "old_name", "", msg.Errorf("%w (old code %s)", "%w (mã cũ %s)", ErrEmpty, row.OldCode))
			ok = false
		}
		switch row.Relation {
		case Whole, Area, Part:
		default:
			cellErr(line, "relation", string(row.Relation), ErrRelation)
			ok = false
		}
		if ok {
			if err := t.add(row); err != nil {
				cellErr(line, err.col, err.value, err.err)
			}
		}
	})
	if err != nil {
		return nil, err
	}
	errs := rs.errs
	if len(errs) == 0 {
		errs = t.checkRelations(file, col)
	}
	if len(errs) > 0 {
		return nil, errs
	}
	if len(t.Rows) == 0 {
		return nil, &xlsxio.FileError{File: file, Err: msg.New("no rows under the header", "không có dòng nào dưới tiêu đề")}
	}
	return t, nil
}

type rowError struct {
	col, value string
	err        error
}

// add appends row, indexing its old and new units and checking that each
// code keeps one name and one place.
func (t *Table) add(row Row) *rowError {
	if t.oldByCode == nil {
		t.oldByCode, t.newByCode = map[string]int{}, map[string]int{}
	}
	n, seen := t.newByCode[row.NewCode]
	if !seen {
		n = len(t.New)
		t.New = append(t.New, NewUnit{Code: row.NewCode, Name: row.NewName, ProvinceCode: row.NewProvinceCode, Province: row.NewProvince})
		t.newByCode[row.NewCode] = n
		t.newRows = append(t.newRows, nil)
	} else if nu := t.New[n]; !sameName(nu.Name, row.NewName) || nu.ProvinceCode != row.NewProvinceCode {
		return &rowError{"new_name", row.NewName, msg.Errorf("%w: new code %s is %q in province %s", "%w: mã mới %s là %q ở tỉnh %s", ErrConflict, row.NewCode, nu.Name, nu.ProvinceCode)}
	}

	code, name := row.OldCode, row.OldName
	if code == "" && name == "" {
		// An island district that had no communes: the district is the unit.
		code, name = row.OldDistrictCode, row.OldDistrict
	}
	key := code
	if key == "" {
		key = "name:" + row.OldProvinceCode + "/" + row.OldDistrictCode + "/" + name
	}
	o, seen := t.oldByCode[key]
	if !seen {
		o = len(t.Old)
		t.Old = append(t.Old, OldUnit{Code: code, Name: name, District: row.OldDistrict, DistrictCode: row.OldDistrictCode,
			Province: row.OldProvince, ProvinceCode: row.OldProvinceCode})
		t.oldByCode[key] = o
	} else {
		ou := &t.Old[o]
		switch {
		case !sameName(ou.Name, name):
			return &rowError{"old_name", name, msg.Errorf("%w: old code %s is %q", "%w: mã cũ %s là %q", ErrConflict, code, ou.Name)}
		case ou.DistrictCode != row.OldDistrictCode || ou.ProvinceCode != row.OldProvinceCode:
			return &rowError{"old_district_code", row.OldDistrictCode, msg.Errorf("%w: old unit %s is in district %s, province %s", "%w: đơn vị cũ %s thuộc huyện %s, tỉnh %s",
				ErrConflict, ou.Label(), ou.DistrictCode, ou.ProvinceCode)}
		}
		for _, i := range ou.Rows {
			if t.Rows[i].NewCode == row.NewCode {
				return &rowError{"new_code", row.NewCode, msg.Errorf("%w: old unit %s into new unit %s is already on line %d", "%w: đơn vị cũ %s vào đơn vị mới %s đã có ở dòng %d",
					ErrConflict, ou.Label(), row.NewCode, t.Rows[i].Line)}
			}
		}
	}
	t.Old[o].Rows = append(t.Old[o].Rows, len(t.Rows))
	t.Rows = append(t.Rows, row)
	t.oldOf = append(t.oldOf, o)
	t.newOf = append(t.newOf, n)
	t.newRows[n] = append(t.newRows[n], len(t.Rows)-1)
	return nil
}

// checkRelations checks that each old unit's people go somewhere once: one
// whole row (with any number of area rows), or two or more part rows.
func (t *Table) checkRelations(file string, col map[string]int) xlsxio.ErrorList {
	var errs xlsxio.ErrorList
	for i := range t.Old {
		o := &t.Old[i]
		var whole, area, part []int
		for _, r := range o.Rows {
			switch t.Rows[r].Relation {
			case Whole:
				whole = append(whole, r)
			case Area:
				area = append(area, r)
			case Part:
				part = append(part, r)
			}
		}
		var why msg.Text
		var at int
		switch {
		case len(part) > 0 && len(whole)+len(area) > 0:
			at = part[0]
			why = msg.Sprintf("mixes part rows with whole or area rows: its people either go whole to one unit or are divided by part rows",
				"lẫn dòng part với dòng whole hoặc area: số người của đơn vị hoặc chuyển nguyên vào một đơn vị, hoặc được chia theo các dòng part")
		case len(part) == 1:
			at = part[0]
			why = msg.Sprintf("has a single part row: a divided unit goes to two new units or more (whole if all its people went here)",
				"chỉ có một dòng part: đơn vị bị chia thì chuyển vào hai đơn vị mới trở lên (ghi whole nếu toàn bộ số người chuyển vào đây)")
		case len(whole) > 1:
			at = whole[1]
			why = msg.Sprintf("has two whole rows (lines %d and %d): its people can go whole to one new unit only",
				"có hai dòng whole (dòng %d và %d): số người của đơn vị chỉ có thể chuyển nguyên vào một đơn vị mới", t.Rows[whole[0]].Line, t.Rows[whole[1]].Line)
		case len(area) > 0 && len(whole) == 0:
			at = area[0]
			why = msg.Sprintf("has area rows but no whole row: its people go nowhere", "có dòng area nhưng không có dòng whole: số người của đơn vị không được chuyển đi đâu")
		default:
			continue
		}
		if len(errs) < xlsxio.MaxErrors {
			errs = append(errs, &xlsxio.CellError{File: file, Cell: rawxlsx.CellName(col["relation"], t.Rows[at].Line),
				Value: string(t.Rows[at].Relation), Err: msg.Errorf("old unit %s %s", "đơn vị cũ %s %s", o.Label(), why)})
		}
	}
	return errs
}

// OldByCode returns the old unit with code (a commune's 5 digits, or an
// island district's 3).
func (t *Table) OldByCode(code string) (*OldUnit, bool) {
	i, ok := t.oldByCode[code]
	if !ok {
		return nil, false
	}
	return &t.Old[i], true
}

// NewByCode returns the new unit with code.
func (t *Table) NewByCode(code string) (*NewUnit, bool) {
	i, ok := t.newByCode[code]
	if !ok {
		return nil, false
	}
	return &t.New[i], true
}

// NewOf returns the new unit of row i.
func (t *Table) NewOf(i int) *NewUnit { return &t.New[t.newOf[i]] }

// oldIndex is the index in t.Old of o (which points into t.Old).
func (t *Table) oldIndex(o *OldUnit) int { return t.oldOf[o.Rows[0]] }

// sameName tells whether two spellings of one code's name agree: the
// official table itself writes "Xã Điềm Thụy" and "Xã Điềm Thuỵ" for 05941.
// The first spelling is kept.
func sameName(a, b string) bool {
	return a == b || xlsxio.MatchUnit(xlsxio.UnitRef{Name: a}, xlsxio.UnitRef{Name: b}) >= xlsxio.MatchName
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}
