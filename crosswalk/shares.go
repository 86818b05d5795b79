package crosswalk

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/big"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// Shares says how the people of old units divided by part rows went to
// their new units: one weight per (old unit, new unit) pair, normalised
// over the old unit's part rows (the population of each part, a recount
// from participant lists, or percentages: only the proportions count).
type Shares struct {
	File   string
	byPair map[[2]string]share
}

type share struct {
	weight *big.Rat
	cell   string // "C5"
}

// Sentinel errors of a shares file; compare with errors.Is.
var (
	ErrSharesColumns = msg.New("columns must be old_code,new_code,share", "các cột phải là old_code,new_code,share")
	ErrShare         = msg.New("is not a share (a number ≥ 0, e.g. 0.6, 60% or a population)", "không phải tỷ trọng (một số ≥ 0, ví dụ 0.6, 60% hoặc dân số)")
	ErrNotPartRow    = msg.New("is not a part row of the crosswalk", "không phải dòng chia tách (part) của bảng chuyển đổi")
)

// ParseShares reads a shares file (CSV, ',' or ';', UTF-8 with or without
// BOM; a header old_code,new_code,share) and checks it against t: every
// pair is a part row of t, no pair twice, each old unit named has a share
// for every one of its part rows, and not all of them zero. Codes that
// lost their leading zeros (a CSV saved by Excel) get them back. Every
// rejected cell is reported, naming the file and cell.
func ParseShares(data []byte, file string, t *Table) (*Shares, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	r := csv.NewReader(bytes.NewReader(data))
	if first, _, _ := bytes.Cut(data, []byte("\n")); bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, &xlsxio.FileError{File: file, Err: fmt.Errorf("%w: %v", ErrSharesColumns, err)}
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, c := range []string{"old_code", "new_code", "share"} {
		if _, ok := col[c]; !ok {
			return nil, &xlsxio.FileError{File: file, Err: msg.Errorf("%w: no column %q", "%w: không có cột %q", ErrSharesColumns, c)}
		}
	}
	s := &Shares{File: file, byPair: map[[2]string]share{}}
	rs := &records{file: file, r: r, col: col}
	bad := rs.bad
	lineOf := map[[2]string]int{}
	err = rs.each(func(line int, get func(string) string) {
		oldCode, newCode, text := communeCode(get("old_code")), communeCode(get("new_code")), get("share")
		if oldCode == "" && newCode == "" && text == "" {
			return // a blank line
		}
		w, ok := parseShare(text)
		if !ok {
			bad(line, "share", text, ErrShare)
			return
		}
		o, known := t.OldByCode(oldCode)
		if !known {
			bad(line, "old_code", get("old_code"), msg.Errorf("is not an old unit of the crosswalk %s", "không phải đơn vị cũ trong bảng chuyển đổi %s", t.Name))
			return
		}
		row := -1
		for _, i := range o.Rows {
			if t.Rows[i].NewCode == newCode {
				row = i
			}
		}
		switch {
		case row < 0:
			bad(line, "new_code", get("new_code"), msg.Errorf("%w: old unit %s went to %s", "%w: đơn vị cũ %s đã chuyển vào %s", ErrNotPartRow, o.Label(), t.newLabels(o)))
			return
		case t.Rows[row].Relation != Part:
			bad(line, "new_code", get("new_code"), msg.Errorf("%w: old unit %s → %s is a %s row (line %d): %s", "%w: đơn vị cũ %s → %s là dòng %s (dòng %d): %s",
				ErrNotPartRow, o.Label(), t.NewOf(row).Label(), t.Rows[row].Relation, t.Rows[row].Line, relationMeaning[t.Rows[row].Relation]))
			return
		}
		pair := [2]string{oldCode, newCode}
		if prev, dup := lineOf[pair]; dup {
			bad(line, "old_code", get("old_code"), msg.Errorf("%s → %s is given twice (lines %d and %d)", "%s → %s được cho hai lần (dòng %d và %d)", oldCode, newCode, prev, line))
			return
		}
		lineOf[pair] = line
		s.byPair[pair] = share{weight: w, cell: rawxlsx.CellName(col["share"], line)}
	})
	if err != nil {
		return nil, err
	}
	errs := rs.errs
	// Each old unit named has a share for every part row, not all zero.
	checked := map[string]bool{}
	for pair := range lineOf {
		checked[pair[0]] = false
	}
	for i := range t.Old {
		o := &t.Old[i]
		if _, named := checked[o.Code]; !named || o.Code == "" {
			continue
		}
		var missing []string
		sum := new(big.Rat)
		for _, r := range o.Rows {
			sh, ok := s.byPair[[2]string{o.Code, t.Rows[r].NewCode}]
			if !ok {
				missing = append(missing, t.NewOf(r).Label())
				continue
			}
			sum.Add(sum, sh.weight)
		}
		first := s.byPair[[2]string{o.Code, t.Rows[o.Rows[0]].NewCode}]
		switch {
		case len(missing) > 0:
			errs = append(errs, &xlsxio.FileError{File: file, Err: msg.Errorf("old unit %s is divided between %s: no share for %s", "đơn vị cũ %s được chia cho %s: không có tỷ trọng cho %s",
				o.Label(), t.newLabels(o), strings.Join(missing, ", "))})
		case sum.Sign() == 0:
			errs = append(errs, &xlsxio.CellError{File: file, Cell: first.cell, Value: "0",
				Err: msg.Errorf("every share of old unit %s is 0: its people must go somewhere", "mọi tỷ trọng của đơn vị cũ %s đều bằng 0: số người của đơn vị phải được chuyển đi đâu đó", o.Label())})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

var relationMeaning = map[Relation]string{
	Whole: "all its people go there, no share needed",
	Area:  "only land went there, its people go to its whole row",
	Part:  "",
}

// newLabels lists the new units an old unit went to.
func (t *Table) newLabels(o *OldUnit) string {
	var out []string
	for _, r := range o.Rows {
		out = append(out, t.NewOf(r).Label()+" ("+string(t.Rows[r].Relation)+")")
	}
	return strings.Join(out, ", ")
}

// parseShare reads a share: a number ≥ 0 with '.' or ',' as the decimal
// mark, optionally followed by '%' (only proportions count, so 60% and
// 0.6 are the same when every share of the unit is written alike).
// Thousands separators are not allowed: "1.234" is one and a quarter.
func parseShare(text string) (*big.Rat, bool) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), "%"))
	if t == "" || strings.Count(t, ".")+strings.Count(t, ",") > 1 {
		return nil, false
	}
	t = strings.Replace(t, ",", ".", 1)
	for i := 0; i < len(t); i++ {
		if (t[i] < '0' || t[i] > '9') && t[i] != '.' {
			return nil, false
		}
	}
	if t == "." || len(t) > 40 {
		return nil, false
	}
	r, ok := new(big.Rat).SetString(t)
	return r, ok
}

// communeCode gives a commune code typed as a number (a CSV saved by Excel
// drops "00016" to "16") its leading zeros back.
func communeCode(s string) string {
	if isDigits(s) && len(s) < 5 {
		return strings.Repeat("0", 5-len(s)) + s
	}
	return s
}

// weights returns the part rows of o with their shares as integer weights
// in proportion (scaled by the common denominator), or ok false when a
// share is missing.
func (s *Shares) weights(t *Table, o *OldUnit) (rows []int, w []*big.Int, ok bool) {
	if s == nil {
		return nil, nil, false
	}
	den := big.NewInt(1)
	var rats []*big.Rat
	for _, r := range o.Rows {
		sh, found := s.byPair[[2]string{o.Code, t.Rows[r].NewCode}]
		if !found {
			return nil, nil, false
		}
		rows = append(rows, r)
		rats = append(rats, sh.weight)
		den = lcm(den, sh.weight.Denom())
	}
	for _, q := range rats {
		v := new(big.Int).Mul(q.Num(), den)
		w = append(w, v.Quo(v, q.Denom()))
	}
	return rows, w, true
}

// Cell returns the cell of the share of old → new ("" when none).
func (s *Shares) Cell(oldCode, newCode string) string {
	if s == nil {
		return ""
	}
	return s.byPair[[2]string{oldCode, newCode}].cell
}

func lcm(a, b *big.Int) *big.Int {
	g := new(big.Int).GCD(nil, nil, a, b)
	out := new(big.Int).Mul(a, b)
	return out.Quo(out, g)
}
