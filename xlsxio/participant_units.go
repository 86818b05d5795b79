package xlsxio

import (
	"errors"
	"slices"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// The units of participant lists. While the lists are read, each distinct
// (code, name) pair as typed is a unitAcc the rows' persons are counted
// for; Finish then resolves the pairs into units with the one matcher
// (UnitIndex), whatever the order the rows came in: codes first ("04402"
// and 4402 are one code), then names with their type, then names without
// it (a loose_unit_match warning), so a list with code and name and a list
// with the name only give one unit.

// listUnit is one unit of the lists, resolved.
type listUnit struct {
	code, name string
	counts     [4]int64
	first      uint64 // loc of its first row: units come in that order
}

// resolveUnits merges the pairs (pc.units, with their counts) into
// pc.resolved: coded pairs first, a code seen again being the same unit
// (two names for one code: unit_name_conflict); then name-only pairs by
// name with type, and last, among what is left, by name without it. A
// name-only pair that fits several units is an error naming its cell.
func (pc *ParticipantCounter) resolveUnits() error {
	ix := NewUnitIndex()
	pc.resolved = pc.resolved[:0]
	conflict := map[int]bool{}
	merge := func(p *unitAcc, u int) {
		lu := &pc.resolved[u]
		for s := range lu.counts {
			lu.counts[s] += p.counts[s]
		}
		lu.first = min(lu.first, p.at)
	}
	add := func(p *unitAcc) {
		pc.resolved = append(pc.resolved, listUnit{code: UnitCode(p.code, p.name), name: p.name, counts: p.counts, first: p.at})
	}
	// Pairs in the order their first rows came, so "first" means first.
	pairs := slices.Clone(pc.units)
	slices.SortStableFunc(pairs, func(a, b *unitAcc) int { return compareLoc(a.at, b.at) })
	for _, p := range pairs {
		if p.code == "" {
			continue
		}
		_, err := ix.Add(UnitRef{Code: p.code, Name: p.name})
		if err == nil {
			add(p)
			continue
		}
		var dup *DuplicateUnitError
		errors.As(err, &dup)
		u := &pc.resolved[dup.First]
		merge(p, dup.First)
		switch {
		case p.name == "":
		case u.name == "":
			u.name = p.name
		case MatchUnit(UnitRef{Name: u.name}, UnitRef{Name: p.name}) < MatchName && !conflict[dup.First]:
			conflict[dup.First] = true
			pc.conflicts = append(pc.conflicts, locatedIssue{p.at, pc.issueAt(p, "unit_name_conflict",
				msg.Sprintf("unit %s is named %q here and %q before; the first name is kept", "đơn vị %s ở đây tên là %q, trước đó là %q; giữ tên đầu tiên", u.code, p.name, u.name))})
		}
	}
	var loose []*unitAcc
	for _, p := range pairs {
		if p.code != "" {
			continue
		}
		m, err := ix.Find(UnitRef{Name: p.name})
		switch {
		case err != nil:
			return pc.ambiguous(p, err)
		case m.Level >= MatchName:
			merge(p, m.Index)
		case m.Level == MatchLoose:
			loose = append(loose, p)
		default:
			ix.add(UnitRef{Name: p.name}, unitKeyOf(UnitRef{Name: p.name}))
			add(p)
		}
	}
	for _, p := range loose {
		m, err := ix.Find(UnitRef{Name: p.name})
		if err != nil {
			return pc.ambiguous(p, err)
		}
		merge(p, m.Index)
		if m.Warning.EN != "" {
			pc.conflicts = append(pc.conflicts, locatedIssue{p.at, pc.issueAt(p, WarnLooseUnitMatch, msg.Sprintf("unit %s", "đơn vị %s", m.Warning))})
		}
	}
	slices.SortStableFunc(pc.resolved, func(a, b listUnit) int { return compareLoc(a.first, b.first) })
	slices.SortStableFunc(pc.conflicts, func(a, b locatedIssue) int { return compareLoc(a.loc, b.loc) })
	return nil
}

func compareLoc(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// issueAt is a warning at the cell naming pair p (its first row).
func (pc *ParticipantCounter) issueAt(p *unitAcc, code string, text msg.Text) Issue {
	f := pc.files[locFile(p.at)]
	is := Issue{Level: "warning", Code: code, File: f.name, Sheet: f.sheet, Message: text}
	if f.csv {
		is.Line = locRow(p.at)
	} else {
		is.Cell = rawxlsx.CellName(f.cols[p.role], int(locRow(p.at)))
	}
	return is
}

func (pc *ParticipantCounter) ambiguous(p *unitAcc, err error) error {
	var amb *AmbiguousUnitError
	if errors.As(err, &amb) {
		err = namedAmbiguity{amb} // the cell's value names the pair already
	}
	is := pc.issueAt(p, "", msg.Text{})
	return &CellError{File: is.File, Sheet: is.Sheet, Cell: is.Cell, Line: is.Line, Value: p.name, Err: err}
}

type namedAmbiguity struct{ e *AmbiguousUnitError }

func (n namedAmbiguity) Error() string        { return n.e.detail(msg.EN) }
func (n namedAmbiguity) In(l msg.Lang) string { return n.e.detail(l) }
func (n namedAmbiguity) Unwrap() error        { return n.e }

// codeWidthOfHeader is the code width a list's code column header gives:
// "Mã xã" 5, "Mã huyện" 3, "Mã tỉnh" 2; 0 for "Mã ĐVHC", "Mã đơn vị".
func codeWidthOfHeader(header string) int {
	f := " " + vntext.Fold(header) + " "
	switch {
	case strings.Contains(f, " huyen ") || strings.Contains(f, " quan "):
		return 3
	case strings.Contains(f, " xa ") || strings.Contains(f, " phuong ") || strings.Contains(f, " thi tran "):
		return 5
	case strings.Contains(f, " tinh "):
		return 2
	}
	return 0
}

// listCode is a code stored as a number, with the leading zeros of the
// level its header names given back (4402 → "04402"), written into *buf
// (reused from row to row).
func listCode(buf *[]byte, v []byte, width int) []byte {
	if width == 0 || len(v) >= width || !isDigits(string(v)) {
		return v
	}
	b := (*buf)[:0]
	for range width - len(v) {
		b = append(b, '0')
	}
	*buf = append(b, v...)
	return *buf
}
