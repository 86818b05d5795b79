package xlsxio

// Counting participant lists (one row per insured person and scheme) into
// the unit counts compute reads. Columns are recognised by header keywords;
// a person is counted once per scheme, whatever the number of rows or files.

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// Schemes a participant list can count, in report order.
var ParticipantSchemes = []string{coverage.BHXHMandatory, coverage.BHXHVoluntary, coverage.BHTN, coverage.BHYT}

// Sentinel errors of participant lists.
var (
	ErrPersonID    = errors.New("is not a mã số BHXH (10 digits, typed as text)")
	ErrNoPersonID  = errors.New("has no mã số BHXH")
	ErrUnknownKind = errors.New("is not a participation kind (bắt buộc, tự nguyện, BHTN, BHYT)")
	ErrNoKind      = errors.New("has no participation kind (give --scheme for a list of one scheme)")
	ErrNoUnit      = errors.New("has no unit (code or name)")
)

// MaxListedDuplicates is how many duplicate_person warnings are listed one
// by one; the rest are summed up in one more warning.
const MaxListedDuplicates = 1000

// headerSearchRows is how far down a list its header row may be.
const headerSearchRows = 30

// CountOptions control how one list is read.
type CountOptions struct {
	Sheet  string         // sheet name or 1-based index; "" = first
	Scheme string         // one of ParticipantSchemes: every row counts for it; "" = from the kind column
	Limits rawxlsx.Limits // zero = rawxlsx.DefaultLimits
}

// UnitCount is one unit's participants per scheme.
type UnitCount struct {
	Code   string
	Name   string
	Counts map[string]int64 // scheme → persons; only the schemes counted
}

// CountInput describes one list that was read.
type CountInput struct {
	File  string `json:"file"`
	Sheet string `json:"sheet"`
	Rows  int    `json:"rows"` // data rows read (one person and one or more schemes each)
}

// ParticipantCounter adds up lists. The zero value is not ready: use
// NewParticipantCounter.
type ParticipantCounter struct {
	Inputs []CountInput
	Issues []Issue

	units     []*unitAcc
	byCode    map[string]*unitAcc
	byName    map[string]*unitAcc // folded name
	byRawName map[string]*unitAcc
	persons   map[uint64]uint64 // id<<2|scheme → file<<32|row of first sight
	seen      [4]bool
	files     []string
	dups      int
}

type unitAcc struct {
	code, name string
	counts     [4]int64
	conflict   bool
}

// NewParticipantCounter returns an empty counter.
func NewParticipantCounter() *ParticipantCounter {
	return &ParticipantCounter{
		byCode:    map[string]*unitAcc{},
		byName:    map[string]*unitAcc{},
		byRawName: map[string]*unitAcc{},
		persons:   map[uint64]uint64{},
	}
}

// Schemes lists the schemes counted so far (seen in a kind column or given
// with --scheme), in report order.
func (pc *ParticipantCounter) Schemes() []string {
	var out []string
	for i, s := range ParticipantSchemes {
		if pc.seen[i] {
			out = append(out, s)
		}
	}
	return out
}

// Units returns the counts per unit in order of first appearance, with the
// counted schemes only.
func (pc *ParticipantCounter) Units() []UnitCount {
	out := make([]UnitCount, len(pc.units))
	for i, u := range pc.units {
		m := map[string]int64{}
		for s, key := range ParticipantSchemes {
			if pc.seen[s] {
				m[key] = u.counts[s]
			}
		}
		name := u.name
		if name == "" {
			name = u.code
		}
		out[i] = UnitCount{Code: u.code, Name: name, Counts: m}
	}
	return out
}

// Finish adds the summary warning of duplicates not listed one by one.
func (pc *ParticipantCounter) Finish() {
	if n := pc.dups - MaxListedDuplicates; n > 0 {
		pc.Issues = append(pc.Issues, Issue{Level: "warning", Code: "duplicate_person",
			Message: fmt.Sprintf("%d more duplicate rows not listed (each person counted once per scheme)", n)})
	}
}

// column roles
const (
	partNone uint8 = iota
	partID
	partCode
	partName
	partKind
)

var partRoleLabel = [...]string{"", "Mã số BHXH", "Mã đơn vị", "Đơn vị", "Loại hình"}

// participantRole recognises a header of a participant list.
func participantRole(header string) uint8 {
	h := vntext.Fold(header)
	has := func(words ...string) bool {
		for _, w := range words {
			if h == w || strings.HasPrefix(h, w+" ") {
				return true
			}
		}
		return false
	}
	switch {
	case strings.Contains(h, "bhxh") && (has("ma so", "ma", "so so") || strings.Contains(h, "ma so bhxh")):
		return partID
	case has("ma so bhyt", "ma the bhyt", "so the bhyt"):
		return partID
	case has("ma xa", "ma dvhc", "ma don vi", "ma phuong", "ma xa phuong", "ma dv"):
		return partCode
	case has("xa phuong", "xa", "phuong", "don vi", "ten don vi", "ten xa", "ten xa phuong", "phuong xa", "xa phuong thi tran"):
		return partName
	case has("loai hinh", "doi tuong", "loai doi tuong", "loai", "hinh thuc tham gia", "loai hinh tham gia"):
		return partKind
	}
	return partNone
}

// kindMask tells which schemes a kind cell names (bit i = ParticipantSchemes[i]).
func kindMask(v string) uint8 {
	f := " " + vntext.Fold(v) + " "
	var m uint8
	if strings.Contains(f, " bat buoc ") || strings.Contains(f, " bb ") {
		m |= 1
	}
	if strings.Contains(f, " tu nguyen ") || strings.Contains(f, " tn ") {
		m |= 2
	}
	if strings.Contains(f, " bhtn ") || strings.Contains(f, " that nghiep ") {
		m |= 4
	}
	if strings.Contains(f, " bhyt ") || strings.Contains(f, " y te ") {
		m |= 8
	}
	return m
}

// SchemeIndex is the index of key in ParticipantSchemes, or -1.
func SchemeIndex(key string) int {
	for i, s := range ParticipantSchemes {
		if s == key {
			return i
		}
	}
	return -1
}

// errStopList stops a scan once a file has MaxErrors errors.
var errStopList = errors.New("too many errors")

// AddFile counts one list. Rejected cells come back as an ErrorList of
// *CellError (up to MaxErrors); nothing of a file with errors is counted
// consistently, so a caller should stop there.
func (pc *ParticipantCounter) AddFile(path string, opt CountOptions) error {
	name := filepath.Base(path)
	fixed := uint8(0)
	if opt.Scheme != "" {
		i := SchemeIndex(opt.Scheme)
		if i < 0 {
			return fmt.Errorf("scheme %q: want one of %s", opt.Scheme, strings.Join(ParticipantSchemes, ", "))
		}
		fixed = 1 << i
	}
	fileIdx := uint64(len(pc.files))
	pc.files = append(pc.files, name)

	var (
		roles     []uint8
		haveKind  bool
		errs      ErrorList
		sheetName string // known once the scan ends: patched into errors and issues then
		rows      int
		found     [5]bool
		issues0   = len(pc.Issues)
		kindCache = map[string]uint8{}
	)
	var cols [5]int // column of each role
	fail := func(col, row int, val []byte, err error) error {
		errs = append(errs, &CellError{File: name, Sheet: sheetName, Cell: rawxlsx.CellName(col, row), Value: string(val), Err: err})
		if len(errs) >= MaxErrors {
			return errStopList
		}
		return nil
	}
	info, err := rawxlsx.ScanSheet(path, opt.Sheet, opt.Limits, func(r *rawxlsx.Row) error {
		if roles == nil {
			if r.Num > headerSearchRows {
				return errNoListHeader
			}
			rl := make([]uint8, 0, 16)
			found = [5]bool{}
			for _, c := range r.Cells {
				if c.Type == 'n' || c.Type == 'b' || c.Type == 'e' {
					continue
				}
				role := participantRole(string(c.Value))
				if role == partNone || found[role] {
					continue
				}
				for len(rl) <= c.Col {
					rl = append(rl, partNone)
				}
				rl[c.Col] = role
				found[role] = true
				cols[role] = c.Col
			}
			if found[partID] && (found[partCode] || found[partName]) && (found[partKind] || fixed != 0) {
				roles = rl
				haveKind = found[partKind] && fixed == 0
				if fixed != 0 {
					for i := range roles {
						if roles[i] == partKind {
							roles[i] = partNone
						}
					}
				}
			}
			return nil
		}
		var id, code, uname, kind []byte
		for i := range r.Cells {
			c := &r.Cells[i]
			if c.Col >= len(roles) {
				continue
			}
			switch roles[c.Col] {
			case partID:
				id = bytes.TrimSpace(c.Value)
			case partCode:
				code = bytes.TrimSpace(c.Value)
			case partName:
				uname = bytes.TrimSpace(c.Value)
			case partKind:
				kind = bytes.TrimSpace(c.Value)
			}
		}
		if len(id) == 0 && len(code) == 0 && len(uname) == 0 && len(kind) == 0 {
			return nil // a footer, a signature, a blank row
		}
		rows++
		var pid uint64
		if len(id) != 10 {
			if len(id) == 0 {
				return fail(cols[partID], r.Num, nil, ErrNoPersonID)
			}
			return fail(cols[partID], r.Num, id, ErrPersonID)
		}
		for _, ch := range id {
			if ch < '0' || ch > '9' {
				return fail(cols[partID], r.Num, id, ErrPersonID)
			}
			pid = pid*10 + uint64(ch-'0')
		}
		mask := fixed
		if haveKind {
			if len(kind) == 0 {
				return fail(cols[partKind], r.Num, nil, ErrNoKind)
			}
			m, ok := kindCache[string(kind)]
			if !ok {
				m = kindMask(string(kind))
				if len(kindCache) < 4096 {
					kindCache[string(kind)] = m
				}
			}
			if m == 0 {
				return fail(cols[partKind], r.Num, kind, ErrUnknownKind)
			}
			mask = m
		}
		u := pc.unit(code, uname)
		if u == nil {
			col := cols[partName]
			if found[partCode] {
				col = cols[partCode]
			}
			return fail(col, r.Num, nil, ErrNoUnit)
		}
		if len(uname) > 0 && u.name != string(uname) && !u.conflict && u.code != "" {
			if u.name == "" {
				u.name = string(uname)
			} else if UnitFullKey(u.name) != UnitFullKey(string(uname)) { // another case or Unicode form is the same name
				u.conflict = true
				pc.Issues = append(pc.Issues, Issue{Level: "warning", Code: "unit_name_conflict", File: name, Sheet: sheetName,
					Cell:    rawxlsx.CellName(cols[partName], r.Num),
					Message: fmt.Sprintf("unit %s is named %q here and %q before; the first name is kept", u.code, uname, u.name)})
			}
		}
		if len(errs) > 0 {
			return nil // keep checking cells, stop counting
		}
		loc := fileIdx<<32 | uint64(r.Num)
		for s := range 4 {
			if mask&(1<<s) == 0 {
				continue
			}
			key := pid<<2 | uint64(s)
			if first, dup := pc.persons[key]; dup {
				pc.dups++
				if pc.dups <= MaxListedDuplicates {
					pc.Issues = append(pc.Issues, Issue{Level: "warning", Code: "duplicate_person", File: name, Sheet: sheetName,
						Cell: rawxlsx.CellName(cols[partID], r.Num),
						Message: fmt.Sprintf("mã số BHXH %s already counted for %s at %s row %d; counted once",
							id, ParticipantSchemes[s], pc.files[first>>32], uint32(first))})
				}
				continue
			}
			pc.persons[key] = loc
			u.counts[s]++
			pc.seen[s] = true
		}
		return nil
	})
	for i := issues0; i < len(pc.Issues); i++ {
		pc.Issues[i].Sheet = info.Sheet
	}
	for _, e := range errs {
		e.(*CellError).Sheet = info.Sheet
	}
	if err == nil && roles == nil {
		err = errNoListHeader
	}
	switch {
	case errors.Is(err, errNoListHeader):
		return &FileError{File: name, Err: fmt.Errorf("sheet %q: %w: want a row naming a \"Mã số BHXH\" column, a unit column (\"Mã xã\", \"Xã, phường\"…) and a kind column (\"Loại hình\", \"Đối tượng\") or --scheme, within the first %d rows",
			info.Sheet, ErrNoHeader, headerSearchRows)}
	case errors.Is(err, errStopList) || err == nil:
		if len(errs) > 0 {
			return errs
		}
	default:
		return err
	}
	if fixed != 0 {
		pc.seen[SchemeIndex(opt.Scheme)] = true
	}
	pc.Inputs = append(pc.Inputs, CountInput{File: name, Sheet: info.Sheet, Rows: rows})
	return nil
}

var errNoListHeader = errors.New("no header")

// unit finds or adds the unit of a row: by code when there is one, else by
// folded name.
func (pc *ParticipantCounter) unit(code, name []byte) *unitAcc {
	if len(code) > 0 {
		if u, ok := pc.byCode[string(code)]; ok {
			return u
		}
		u := &unitAcc{code: string(code), name: string(name)}
		pc.byCode[u.code] = u
		pc.units = append(pc.units, u)
		return u
	}
	if len(name) == 0 {
		return nil
	}
	if u, ok := pc.byRawName[string(name)]; ok {
		return u
	}
	key := vntext.Fold(string(name))
	u, ok := pc.byName[key]
	if !ok {
		u = &unitAcc{name: string(name)}
		pc.byName[key] = u
		pc.units = append(pc.units, u)
	}
	pc.byRawName[string(name)] = u
	return u
}
