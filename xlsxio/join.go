package xlsxio

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
)

// Joined is the units of several tables put together by Join.
type Joined struct {
	Units  []coverage.Unit // in order of first appearance
	Issues []Issue         // missing_unit, loose_unit_match, period_mismatch
	// From[i] lists the tables (indexes into Join's argument) unit i was
	// found in.
	From [][]int
}

// Join puts the units of several tables into one list, unit by unit. It
// serves every place where several inputs make one table: files (compute
// --merge, trend, allocate, crosswalk) and the sheets of one workbook that
// hold different columns for the same units ("Biểu 01" + "Biểu 02").
//
//   - Tables holding different columns for the same units are joined: counts
//     from one, denominators from another, plans from a third. Units are
//     matched with the one unit matcher (JoinUnits: code, else name with its
//     type, else name alone with a loose_unit_match warning).
//   - Tables holding the same columns for different units are appended, as
//     a province assembles its communes' files; any mix of both works.
//   - A key two tables give the same unit must agree: a different value is
//     an error naming both cells (every such pair is listed). A count read
//     from an empty cell states nothing and gives way to a written one.
//   - A unit missing from a table whose columns it therefore lacks is a
//     missing_unit issue naming the table and the keys.
//
// Each count's Sources list every cell that stated it; Cells keeps the
// first table's cell of each key (for warnings).
func Join(tables []*Table) (*Joined, error) {
	j := &Joined{}
	var refs []UnitRef
	owner := []int{} // joined unit → table it was first read from
	var errs ErrorList
	for ti, t := range tables {
		left := make([]UnitRef, len(t.Units))
		for i, u := range t.Units {
			left[i] = UnitRef{Code: u.Code, Name: u.Name}
		}
		matches, err := JoinUnits(left, refs)
		if err != nil {
			return nil, joinMatchError(t, tables, owner, j.Units, err)
		}
		for i := range t.Units {
			u := &t.Units[i]
			m := matches[i]
			if m.Index < 0 {
				j.Units = append(j.Units, copyUnit(u))
				j.From = append(j.From, []int{ti})
				refs = append(refs, left[i])
				owner = append(owner, ti)
				continue
			}
			if m.Warning.EN != "" {
				j.Issues = append(j.Issues, Issue{Level: "warning", Code: WarnLooseUnitMatch, File: t.File, Sheet: t.Sheet,
					Cell: u.Cells["unit"], Message: m.Warning})
			}
			into := &j.Units[m.Index]
			j.From[m.Index] = append(j.From[m.Index], ti)
			if into.Code == "" && u.Code != "" {
				into.Code = u.Code
				refs[m.Index].Code = u.Code
			}
			for _, e := range mergeUnit(into, u) {
				errs = appendErr(errs, e)
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	j.Issues = append(j.Issues, missingFromTables(tables, j)...)
	j.Issues = append(j.Issues, periodMismatch(tables)...)
	return j, nil
}

// copyUnit copies u with maps of its own, so joining never changes a table.
func copyUnit(u *coverage.Unit) coverage.Unit {
	c := *u
	c.Counts = make(map[string]int64, len(u.Counts))
	for k, v := range u.Counts {
		c.Counts[k] = v
	}
	c.Percents = make(map[string]decimal.Decimal, len(u.Percents))
	for k, v := range u.Percents {
		c.Percents[k] = v
	}
	c.Shown = make(map[string]int, len(u.Shown))
	for k, v := range u.Shown {
		c.Shown[k] = v
	}
	c.Cells = make(map[string]string, len(u.Cells))
	for k, v := range u.Cells {
		c.Cells[k] = v
	}
	c.Sources = make(map[string][]string, len(u.Sources))
	for k, v := range u.Sources {
		c.Sources[k] = append([]string(nil), v...)
	}
	c.Origins = slices.Clone(u.Origins)
	return c
}

// mergeUnit adds u's keys to into, returning an error per key on which
// they disagree. A count from an empty cell (a key without a cell) states
// nothing: a written value replaces it.
func mergeUnit(into, u *coverage.Unit) []error {
	var errs []error
	for _, k := range coverage.AllKeys() {
		v, ok := u.Counts[k]
		if ok {
			old, had := into.Counts[k]
			written, wasWritten := writtenCount(u, k), writtenCount(into, k)
			switch {
			case !had || (!wasWritten && written):
				into.Counts[k] = v
				into.Sources[k] = append([]string(nil), u.Sources[k]...)
				if written {
					into.Cells[k] = u.Cells[k]
				}
			case !written:
				// an empty cell here, a value there: the value stands
			case old != v:
				errs = append(errs, conflict(into.Name, k, fmt.Sprint(old), fmt.Sprint(v), into.Sources[k], u.Sources[k]))
			default:
				into.Sources[k] = append(into.Sources[k], u.Sources[k]...)
			}
		}
		p, ok := u.Percents[k]
		if !ok {
			continue
		}
		switch old, had := into.Percents[k]; {
		case !had:
			into.Percents[k] = p
			into.Shown[k] = u.Shown[k]
			into.Cells[k] = u.Cells[k]
			into.Sources[k] = append([]string(nil), u.Sources[k]...)
		case !old.Equal(p):
			errs = append(errs, conflict(into.Name, k, old.String(), p.String(), into.Sources[k], u.Sources[k]))
		default:
			into.Sources[k] = append(into.Sources[k], u.Sources[k]...)
		}
	}
	mergeOrigins(into, u.Origins)
	return errs
}

// mergeOrigins adds the old units ogs to into's: an old unit already
// there (this year's figures and, from --prior, last year's of the same
// old unit) gains the keys it lacked, another is appended.
func mergeOrigins(into *coverage.Unit, ogs []coverage.Origin) {
	for _, og := range ogs {
		i := slices.IndexFunc(into.Origins, func(o coverage.Origin) bool {
			return o.Code == og.Code && o.Name == og.Name && o.Relation == og.Relation && o.ShareCell == og.ShareCell
		})
		if i < 0 {
			into.Origins = append(into.Origins, og)
			continue
		}
		o := &into.Origins[i]
		counts, sources := maps.Clone(o.Counts), maps.Clone(o.Sources)
		for k, v := range og.Counts {
			if _, had := counts[k]; !had {
				counts[k], sources[k] = v, og.Sources[k]
			}
		}
		o.Counts, o.Sources = counts, sources
	}
}

// writtenCount tells whether u's count k was written in a cell (or moved
// across the reform from written cells) rather than read from an empty
// cell, which states nothing.
func writtenCount(u *coverage.Unit, k string) bool {
	_, ok := u.Cells[k]
	return ok || u.MovedAcrossReform(k)
}

func conflict(unit, key, a, b string, at, bt []string) error {
	return msg.Errorf("%w: %s: %s is %s in %s and %s in %s", "%w: %s: %s là %s trong %s và %s trong %s", ErrJoinConflict, unit, key, a, strings.Join(at, ", "), b, strings.Join(bt, ", "))
}

// joinMatchError names the files of an ambiguous or doubled unit match.
func joinMatchError(t *Table, tables []*Table, owner []int, units []coverage.Unit, err error) error {
	var dup *DuplicateUnitError
	if errors.As(err, &dup) && dup.Unit != nil {
		return &FileError{File: t.File, Err: msg.Errorf("%s%q and %q are both unit %q of %s", "%s%q và %q đều là đơn vị %q của %s", sheetPrefix(t.Sheet),
			dup.A.Name, dup.B.Name, dup.Unit.Name, whereUnit(tables, owner, units, dup.Unit))}
	}
	return &FileError{File: t.File, Err: fmt.Errorf("%s%w", sheetPrefix(t.Sheet), err)}
}

func whereUnit(tables []*Table, owner []int, units []coverage.Unit, r *UnitRef) string {
	for i, u := range units {
		if u.Name == r.Name && u.Code == r.Code {
			return tables[owner[i]].File
		}
	}
	return "an earlier input"
}

// missingFromTables reports each unit absent from a table whose columns it
// then lacks (a unit in the counts file but not in the denominators file).
// Tables of the same columns for different units (an append) report
// nothing: the unit lacks no key.
func missingFromTables(tables []*Table, j *Joined) []Issue {
	if len(tables) < 2 {
		return nil
	}
	var out []Issue
	for i := range j.Units {
		u := &j.Units[i]
		in := map[int]bool{}
		for _, ti := range j.From[i] {
			in[ti] = true
		}
		for ti, t := range tables {
			if in[ti] {
				continue
			}
			var lacks []string
			for _, k := range tableKeys(t) {
				_, c := u.Counts[k]
				_, p := u.Percents[k]
				if !c && !p {
					lacks = append(lacks, k)
				}
			}
			if len(lacks) == 0 {
				continue
			}
			out = append(out, Issue{Level: "warning", Code: coverage.WarnMissingUnit, File: t.File, Sheet: t.Sheet,
				Message: msg.Sprintf("%s (in %s) is not in %s: no %s for it", "%s (trong %s) không có trong %s: không có %s cho đơn vị này", u.Name, tableName(tables, tables[j.From[i][0]]), tableName(tables, t), strings.Join(lacks, ", "))})
		}
	}
	return out
}

// tableKeys lists the count and percentage keys of t's columns, in
// canonical order.
func tableKeys(t *Table) []string {
	has := map[string]bool{}
	for _, c := range t.Columns {
		has[c.Key] = true
	}
	var keys []string
	for _, k := range coverage.AllKeys() {
		if has[k] {
			keys = append(keys, k)
		}
	}
	return keys
}

// periodMismatch warns when the tables state different periods: joined
// figures of two months are not one month's.
func periodMismatch(tables []*Table) []Issue {
	var first *Table
	var out []Issue
	for _, t := range tables {
		if t.Period == "" {
			continue
		}
		if first == nil {
			first = t
			continue
		}
		if t.Period != first.Period {
			out = append(out, Issue{Level: "warning", Code: "period_mismatch", File: t.File, Sheet: t.Sheet,
				Message: msg.Sprintf("%s is for %s but %s for %s: the joined figures are not of one period", "%s là số liệu %s nhưng %s là %s: số liệu ghép không cùng một kỳ", tableName(tables, t), t.Period, tableName(tables, first), first.Period)})
		}
	}
	return out
}

// AsPrior turns last year's (or last month's) table into the priors of
// this one: each current count k becomes prior_k, with its sources; plans,
// targets, stated rates and its own priors are dropped. Join it with this
// period's table to give each unit its prior. The copy states no period
// (its period is the prior's by design).
func AsPrior(t *Table) *Table {
	p := &Table{File: t.File, Path: t.Path, Sheet: t.Sheet, SHA256: t.SHA256, HeaderRows: t.HeaderRows, Title: t.Title}
	isCurrent := map[string]bool{}
	for _, k := range coverage.CountKeys {
		isCurrent[k] = true
	}
	for _, c := range t.Columns {
		if isCurrent[c.Key] {
			c.Key = coverage.PriorPrefix + c.Key
			p.Columns = append(p.Columns, c)
		}
	}
	for i := range t.Units {
		u := &t.Units[i]
		pu := coverage.Unit{Name: u.Name, Code: u.Code, Counts: map[string]int64{}, Percents: map[string]decimal.Decimal{},
			Shown: map[string]int{}, Cells: map[string]string{"unit": u.Cells["unit"]}, Sources: map[string][]string{}, Row: u.Row,
			Origins: priorOrigins(u.Origins, isCurrent)}
		for k, v := range u.Counts {
			if !isCurrent[k] {
				continue
			}
			pk := coverage.PriorPrefix + k
			pu.Counts[pk] = v
			pu.Sources[pk] = u.Sources[k]
			if c, ok := u.Cells[k]; ok {
				pu.Cells[pk] = c
			}
		}
		p.Units = append(p.Units, pu)
	}
	return p
}

// priorOrigins are a converted prior unit's old units with their counts
// and cells under the prior keys, so the joined unit says which old units
// its prior figures were summed from.
func priorOrigins(ogs []coverage.Origin, isCurrent map[string]bool) []coverage.Origin {
	var out []coverage.Origin
	for _, og := range ogs {
		po := og
		po.Counts, po.Sources = map[string]int64{}, map[string][]string{}
		for k, v := range og.Counts {
			if isCurrent[k] {
				po.Counts[coverage.PriorPrefix+k] = v
				po.Sources[coverage.PriorPrefix+k] = og.Sources[k]
			}
		}
		out = append(out, po)
	}
	return out
}

// tableName names a joined table in a message: its file, or its sheet
// when the tables are sheets of one file (forms joined by unit).
func tableName(tables []*Table, t *Table) msg.Text {
	for _, o := range tables {
		if o.File != t.File {
			return msg.Plain(t.File)
		}
	}
	if t.Sheet == "" {
		return msg.Plain(t.File)
	}
	return msg.Sprintf("sheet %q", "trang tính %q", t.Sheet)
}
