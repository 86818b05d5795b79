package xlsxio

// Counting participant lists (one row per insured person and scheme) into
// the unit counts compute reads. Columns are recognised by header keywords;
// a person is counted once per scheme, whatever the number of rows or files.
// An xlsx list is read by ScanSheet (here), a CSV list by csvscan
// (participants_csv.go); both hand their rows to the same checks (listRows),
// and Finish (participants_dedup.go) settles the duplicates.

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/dedup"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// Schemes a participant list can count, in report order.
var ParticipantSchemes = []string{coverage.BHXHMandatory, coverage.BHXHVoluntary, coverage.BHTN, coverage.BHYT}

// maxListedDuplicates is how many duplicate_person warnings are listed one
// by one; the rest are summed up in one more warning.
const maxListedDuplicates = 1000

// headerSearchRows is how far down a list its header row may be.
const headerSearchRows = 30

// CountOptions control how one list is read.
type CountOptions struct {
	Sheet  string         // sheet name or 1-based index; "" = every visible sheet that holds a list (xlsx lists)
	Scheme string         // one of ParticipantSchemes: every row counts for it; "" = from the kind column
	Limits rawxlsx.Limits // zero = rawxlsx.DefaultLimits (xlsx lists)
}

// CounterOptions bound what a ParticipantCounter holds.
type CounterOptions struct {
	// Memory is the budget of the duplicate check (16 bytes per person and
	// scheme); past it, sorted runs go to a temporary folder. 0 = 1 GiB.
	Memory int64
	// TempDir is where that folder is created; "" = the system's.
	TempDir string
}

// DefaultCountMemory is CounterOptions.Memory when none is given.
const DefaultCountMemory = 1 << 30

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
// NewParticipantCounter, and Close it.
//
// Every (person, scheme) seen goes into a dedup.Set with its unit and where
// it was seen; Finish finds the first sighting of each, which counts, and
// the repeats, reported as duplicate_person warnings in list order.
type ParticipantCounter struct {
	Inputs []CountInput
	Issues []Issue

	units     []*unitAcc          // one per (code, name) pair as typed; Finish resolves them
	byPair    map[string]*unitAcc // code + "\x00" + name
	resolved  []listUnit          // the units, after Finish (participants_units.go)
	pairs     rowUnits            // (code, name) cells of rows → their number
	pairMu    sync.RWMutex        // pairs, while a CSV list's workers number pairs
	pairUnit  []*unitAcc          // pair number → unit (nil: none yet)
	set       *dedup.Set
	seen      [4]bool
	files     []listFile
	conflicts []locatedIssue // unit_name_conflict, in list order
}

// listFile is what a duplicate_person warning needs of a list read.
type listFile struct {
	name, sheet string
	idCol       int    // the person column (xlsx lists)
	cols        [5]int // the column of each role (xlsx lists)
	csv         bool   // located by line, not by cell
}

// locatedIssue is an issue and where in the lists it was found (see loc).
type locatedIssue struct {
	loc uint64
	Issue
}

// maxLists bounds the lists of one count: a location is the list's index
// (16 bits) and the row or line in it (48 bits).
const maxLists = 1 << 16

func loc(file int, row int64) uint64 { return uint64(file)<<48 | uint64(row) }
func locFile(l uint64) int           { return int(l >> 48) }
func locRow(l uint64) int64          { return int64(l & (1<<48 - 1)) }

// unitAcc is a (code, name) pair as the lists type it, with its counts
// once Finish settles them, and where it was first seen.
type unitAcc struct {
	index      uint32
	code, name string
	counts     [4]int64
	at         uint64 // loc of its first row
	role       uint8  // the cell that names it there: partName, else partCode
}

// NewParticipantCounter returns an empty counter.
func NewParticipantCounter(opt CounterOptions) *ParticipantCounter {
	if opt.Memory <= 0 {
		opt.Memory = DefaultCountMemory
	}
	return &ParticipantCounter{
		pairs:  newRowUnits(),
		byPair: map[string]*unitAcc{},
		set:    dedup.New(opt.Memory, opt.TempDir),
	}
}

// Close removes the temporary files of the duplicate check.
func (pc *ParticipantCounter) Close() error { return pc.set.Close() }

// Abort removes the temporary files at once, from any goroutine (a signal
// handler); the count under way then fails.
func (pc *ParticipantCounter) Abort() { pc.set.Abort() }

// Spills is how many sorted runs the duplicate check wrote to disk.
func (pc *ParticipantCounter) Spills() int { return pc.set.Spills() }

// Schemes lists the schemes counted (seen in a kind column or given with
// --scheme), in report order, after Finish.
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
// counted schemes only, after Finish.
func (pc *ParticipantCounter) Units() []UnitCount {
	out := make([]UnitCount, len(pc.resolved))
	for i, u := range pc.resolved {
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

// kindCache remembers the masks of the kind cells seen: a list uses a
// handful of labels, compared here byte for byte before any folding.
type kindCache struct {
	labels [][]byte
	masks  []kindRead
	more   map[string]kindRead // past 16 labels
}

// kindRead is a kind cell read: its schemes, or why it names none.
type kindRead struct {
	mask uint8
	err  error
}

func (c *kindCache) mask(kind []byte) (uint8, error) {
	for i, l := range c.labels {
		if bytes.Equal(l, kind) {
			return c.masks[i].mask, c.masks[i].err
		}
	}
	if m, ok := c.more[string(kind)]; ok {
		return m.mask, m.err
	}
	var k kindRead
	k.mask, k.err = kindMask(string(kind))
	if k.err == nil && k.mask == 0 {
		k.err = ErrUnknownKind
	}
	switch {
	case len(c.labels) < 16:
		c.labels = append(c.labels, bytes.Clone(kind))
		c.masks = append(c.masks, k)
	case len(c.more) < 4096:
		if c.more == nil {
			c.more = map[string]kindRead{}
		}
		c.more[string(kind)] = k
	}
	return k.mask, k.err
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

// AddFile counts one list: an xlsx workbook, or CSV text (UTF-8, gzipped
// or not), told apart by their first bytes. Rejected cells come back as an
// ErrorList of *CellError (up to MaxErrors); nothing of a file with errors
// is counted consistently, so a caller should stop there.
func (pc *ParticipantCounter) AddFile(ctx context.Context, path string, opt CountOptions) error {
	name := filepath.Base(path)
	fixed := uint8(0)
	if opt.Scheme != "" {
		i := SchemeIndex(opt.Scheme)
		if i < 0 {
			return msg.Errorf("scheme %q: want one of %s", "loại hình %q: cần một trong %s", opt.Scheme, strings.Join(ParticipantSchemes, ", "))
		}
		fixed = 1 << i
	}
	if len(pc.files) >= maxLists {
		return &FileError{File: name, Err: msg.Errorf("more than %d lists in one count", "hơn %d danh sách trong một lần đếm", maxLists)}
	}
	head, err := fileHead(path)
	if err != nil {
		return err
	}
	newList := func() *listRows {
		lr := &listRows{pc: pc, file: len(pc.files), name: name, fixed: fixed}
		pc.files = append(pc.files, listFile{name: name})
		return lr
	}
	var inputs []CountInput
	switch {
	case bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0")):
		return &FileError{File: name, Err: msg.Errorf("%w: an .xls list is not read: save it as .xlsx or as CSV UTF-8", "%w: không đọc danh sách .xls: hãy lưu thành .xlsx hoặc CSV UTF-8", ErrNotWorkbook)}
	case bytes.HasPrefix(head, []byte("PK")):
		inputs, err = pc.addSheets(path, opt, newList)
	default:
		var in CountInput
		in, err = pc.addCSV(ctx, path, newList())
		inputs = []CountInput{in}
	}
	if err != nil {
		return err
	}
	rows := 0
	for _, in := range inputs {
		rows += in.Rows
	}
	if rows == 0 {
		what := "the list has"
		if inputs[0].Sheet != "" {
			var names []string
			for _, in := range inputs {
				names = append(names, in.Sheet)
			}
			what = fmt.Sprintf("sheet %q has", names[0])
			if len(names) > 1 {
				what = "sheets " + quoteList(names) + " have"
			}
		}
		return &FileError{File: name, Err: msg.Errorf("%w: %s a header but no person under it", "%w: %s có dòng tiêu đề nhưng không có người nào bên dưới", ErrEmptyList, what)}
	}
	if fixed != 0 {
		pc.seen[SchemeIndex(opt.Scheme)] = true
	}
	pc.Inputs = append(pc.Inputs, inputs...)
	return nil
}

// addSheets counts the sheet opt.Sheet names, else every visible sheet
// holding a list (a list split over "DS (1)" and "DS (2)"); a sheet without
// a list header is passed over, and no sheet with one is an error.
func (pc *ParticipantCounter) addSheets(path string, opt CountOptions, newList func() *listRows) ([]CountInput, error) {
	if opt.Sheet != "" {
		in, err := pc.addXLSX(path, opt, newList())
		return []CountInput{in}, err
	}
	sheets, err := rawxlsx.VisibleSheets(path, opt.Limits)
	if err != nil {
		return nil, err
	}
	var read []CountInput
	var noList []string
	for _, sh := range sheets {
		o := opt
		o.Sheet = sh
		in, err := pc.addXLSX(path, o, newList())
		if errors.Is(err, ErrNoHeader) {
			noList = append(noList, sh)
			continue
		}
		if err != nil {
			return nil, err
		}
		read = append(read, in)
	}
	if len(read) == 0 {
		if len(noList) == 1 {
			return nil, &FileError{File: filepath.Base(path), Err: &ListHeaderError{Sheet: noList[0], Rows: headerSearchRows}}
		}
		return nil, &FileError{File: filepath.Base(path), Err: msg.Errorf("sheets %s: %w", "các trang tính %s: %w", quoteList(noList), &ListHeaderError{Rows: headerSearchRows})}
	}
	return read, nil
}

// fileHead is the first bytes of a file, to tell its format.
func fileHead(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, 8)
	n, _ := f.Read(b)
	return b[:n], nil
}

// addXLSX counts a sheet of an xlsx list.
func (pc *ParticipantCounter) addXLSX(path string, opt CountOptions, lr *listRows) (CountInput, error) {
	var (
		hdr       listHeader
		sheetName string // known once the scan ends: patched into errors and issues then
		conflicts = len(pc.conflicts)
	)
	lr.where = func(role uint8, row int64) (string, string, int64) {
		return sheetName, rawxlsx.CellName(hdr.cols[role], int(row)), 0
	}
	// The scanning goroutine finds the header too (its own listHeader, from
	// the same rows), to scan the rows under it for the header's columns
	// only: the other cells' text is never copied or looked up.
	var pickHdr listHeader
	pick := func(r *rawxlsx.Row) []bool {
		if r.Num > headerSearchRows || !pickHdr.take(r, lr.fixed) {
			return nil
		}
		cols := make([]bool, len(pickHdr.roles))
		for c, role := range pickHdr.roles {
			cols[c] = role != partNone
		}
		return cols
	}
	var id, code, uname, kind, idBuf, codeBuf []byte
	info, err := rawxlsx.ScanSheetPicking(path, opt.Sheet, opt.Limits, pick, func(r *rawxlsx.Row) error {
		if !hdr.done {
			if r.Num > headerSearchRows {
				return errNoListHeader
			}
			hdr.take(r, lr.fixed)
			lr.haveKind, lr.hasCode = hdr.haveKind, hdr.found[partCode]
			return nil
		}
		id, code, uname, kind = nil, nil, nil, nil
		for i := range r.Cells {
			c := &r.Cells[i]
			if c.Col >= len(hdr.roles) {
				continue
			}
			switch hdr.roles[c.Col] {
			case partID:
				id = c.Value
				if v := bytes.TrimSpace(id); c.Type == 'n' && len(v) == 9 {
					// Stored as a number, the id lost its leading zero (ids
					// start with a province code, 01–96): give it back.
					idBuf = append(append(idBuf[:0], '0'), v...)
					id = idBuf
				}
			case partCode:
				code = c.Value
				if c.Type == 'n' {
					code = listCode(&codeBuf, bytes.TrimSpace(code), hdr.codeWidth)
				}
			case partName:
				uname = c.Value
			case partKind:
				kind = c.Value
			}
		}
		return lr.row(int64(r.Num), id, code, uname, kind)
	})
	pc.files[lr.file].sheet = info.Sheet
	pc.files[lr.file].idCol = hdr.cols[partID]
	pc.files[lr.file].cols = hdr.cols
	for i := conflicts; i < len(pc.conflicts); i++ {
		pc.conflicts[i].Sheet = info.Sheet
	}
	for _, e := range lr.errs {
		e.(*CellError).Sheet = info.Sheet
	}
	if err == nil && !hdr.done {
		err = errNoListHeader
	}
	switch {
	case errors.Is(err, errNoListHeader):
		return CountInput{}, &FileError{File: lr.name, Err: &ListHeaderError{Sheet: info.Sheet, Rows: headerSearchRows}}
	case errors.Is(err, errStopList) || err == nil:
		if len(lr.errs) > 0 {
			return CountInput{}, lr.errs
		}
	default:
		return CountInput{}, err
	}
	return CountInput{File: lr.name, Sheet: info.Sheet, Rows: lr.rows}, nil
}

var errNoListHeader = errors.New("no header")

// ListHeaderError: none of a list's first rows names the columns counting
// needs. It is an ErrNoHeader.
type ListHeaderError struct {
	Sheet string // "" for a CSV list
	Rows  int    // how many rows were searched
	// Instead is what the caller offers in place of a kind column (a
	// command-line flag); "" names nothing.
	Instead string
}

func (e *ListHeaderError) Error() string { return e.In(msg.EN) }

func (e *ListHeaderError) In(l msg.Lang) string {
	kind := msg.Sprintf("a kind column (\"Loại hình\", \"Đối tượng\")", "một cột loại hình (\"Loại hình\", \"Đối tượng\")")
	if e.Instead != "" {
		kind = msg.Sprintf("%s or %s", "%s hoặc %s", kind, e.Instead)
	}
	s := msg.Sprintf("%v: want a row naming a \"Mã số BHXH\" column, a unit column (\"Mã xã\", \"Xã, phường\"…) and %s, within the first %d rows",
		"%v: cần một dòng ghi cột \"Mã số BHXH\", cột đơn vị (\"Mã xã\", \"Xã, phường\"…) và %s, trong %d dòng đầu",
		ErrNoHeader, kind, e.Rows).In(l)
	if e.Sheet != "" {
		s = msg.Sprintf("sheet %q: %s", "trang tính %q: %s", e.Sheet, s).In(l)
	}
	return s
}

func (e *ListHeaderError) Unwrap() error { return ErrNoHeader }

// listHeader recognises the header row of a list, cell by cell.
type listHeader struct {
	roles     []uint8 // role of each column
	codeWidth int     // digits of the code column's level, from its header ("Mã xã": 5)
	cols      [5]int  // column of each role
	found     [5]bool
	done      bool // a header was found
	haveKind  bool // rows name their scheme (no --scheme)
	width     int  // cells of the header row (CSV: fields)
}

func (h *listHeader) reset() {
	h.roles, h.found = h.roles[:0], [5]bool{}
}

// take reads a row of an xlsx list as a candidate header (its text cells)
// and reports whether it is the header.
func (h *listHeader) take(r *rawxlsx.Row, fixed uint8) bool {
	h.reset()
	for _, c := range r.Cells {
		if c.Type == 'n' || c.Type == 'b' || c.Type == 'e' {
			continue
		}
		h.see(c.Col, c.Value)
	}
	h.finish(fixed)
	return h.done
}

// see takes one cell of a candidate header row.
func (h *listHeader) see(col int, text []byte) {
	role := participantRole(string(text))
	if role == partNone || h.found[role] {
		return
	}
	for len(h.roles) <= col {
		h.roles = append(h.roles, partNone)
	}
	h.roles[col] = role
	h.found[role] = true
	h.cols[role] = col
	if role == partCode {
		h.codeWidth = codeWidthOfHeader(string(text))
	}
}

// finish decides whether the row seen is the header: a person column, a
// unit column, and a kind column unless every row has one scheme (fixed).
func (h *listHeader) finish(fixed uint8) {
	if !h.found[partID] || !(h.found[partCode] || h.found[partName]) || !(h.found[partKind] || fixed != 0) {
		return
	}
	h.done = true
	h.haveKind = h.found[partKind] && fixed == 0
	if fixed != 0 {
		for i := range h.roles {
			if h.roles[i] == partKind {
				h.roles[i] = partNone
			}
		}
	}
}

// listRows checks the data rows of one list and records each person and
// scheme; the xlsx and CSV readers hand it the four cells of a row.
type listRows struct {
	pc       *ParticipantCounter
	file     int
	name     string
	fixed    uint8
	haveKind bool // rows name their scheme
	hasCode  bool // the list has a unit code column
	rows     int
	errs     ErrorList
	kinds    kindCache
	// where locates a role's cell of a row: sheet and cell, or line (CSV)
	where func(role uint8, row int64) (sheet, cell string, line int64)
}

// unitOf finds or adds the unit of a (code, name) pair not seen before,
// and checks the name against the unit's: nil and the error to return
// when the row is rejected.
func (lr *listRows) unitOf(row int64, code, uname []byte) (*unitAcc, error) {
	switch { // (a CSV list: xlsx text is always UTF-8)
	case !utf8.Valid(code):
		return nil, lr.fail(partCode, row, code, ErrNotUTF8)
	case !utf8.Valid(uname):
		return nil, lr.fail(partName, row, uname, ErrNotUTF8)
	}
	u, err := lr.pc.unit(code, uname)
	switch {
	case err != nil:
		return nil, err
	case u == nil:
		role := partName
		if lr.hasCode {
			role = partCode
		}
		return nil, lr.fail(role, row, nil, ErrNoUnit)
	}
	if u.at == 0 && u.role == 0 { // new: where it was first seen
		u.at, u.role = loc(lr.file, row), partName
		if len(uname) == 0 {
			u.role = partCode
		}
	}
	return u, nil
}

// fail records a rejected cell; errStopList once there are MaxErrors.
func (lr *listRows) fail(role uint8, row int64, val []byte, err error) error {
	sheet, cell, line := lr.where(role, row)
	lr.errs = append(lr.errs, &CellError{File: lr.name, Sheet: sheet, Cell: cell, Line: line, Value: string(val), Err: err})
	if len(lr.errs) >= MaxErrors {
		return errStopList
	}
	return nil
}

// row checks one data row (its person, code, unit name and kind cells, nil
// when absent) and records its person for each scheme it names.
func (lr *listRows) row(row int64, id, code, uname, kind []byte) error {
	var c cells
	checkCells(&c, &lr.kinds, lr.fixed, lr.haveKind, id, code, uname, kind)
	return lr.record(row, &c)
}

// cells is a row's cells checked: what checkCells finds without the
// counter's state, so that a CSV list does it on the goroutine that splits
// the records, while another counts.
type cells struct {
	code, name []byte // trimmed
	// pair is 1 + the number of (code, name) in ParticipantCounter.pairs
	// when the caller numbered it (a CSV list's workers), -1 when pairs is
	// full, 0 when not numbered yet.
	pair  int32
	pid   uint64 // the person: the 10 digits
	mask  uint8  // the schemes (bit i = ParticipantSchemes[i])
	blank bool   // none of the four cells filled: skipped
	role  uint8  // the rejected cell's role, with err
	value []byte // the rejected text, with err
	err   error
}

// checkCells trims the cells and checks the person and the kind, into c
// (a row's cells are 112 bytes: filled in place, not copied).
func checkCells(c *cells, kinds *kindCache, fixed uint8, haveKind bool, id, code, uname, kind []byte) {
	// bytes.TrimSpace is called only for a cell that needs it (the check
	// inlined: four calls a row were a thirtieth of a CSV list's count)
	if !visibleEnds(id) {
		id = bytes.TrimSpace(id)
	}
	if !visibleEnds(code) {
		code = bytes.TrimSpace(code)
	}
	if !visibleEnds(uname) {
		uname = bytes.TrimSpace(uname)
	}
	if !visibleEnds(kind) {
		kind = bytes.TrimSpace(kind)
	}
	*c = cells{code: code, name: uname, mask: fixed}
	if len(id) == 0 && len(code) == 0 && len(uname) == 0 && len(kind) == 0 {
		c.blank = true // a footer, a signature, a blank row
		return
	}
	reject := func(role uint8, v []byte, err error) {
		c.role, c.value, c.err = role, v, err
	}
	if len(id) != 10 {
		if len(id) == 0 {
			reject(partID, nil, ErrNoPersonID)
			return
		}
		reject(partID, id, ErrPersonID)
		return
	}
	pid, ok := personNumber(id)
	if !ok {
		reject(partID, id, ErrPersonID)
		return
	}
	c.pid = pid
	if haveKind {
		if len(kind) == 0 {
			reject(partKind, nil, ErrNoKind)
			return
		}
		var err error
		if c.mask, err = kinds.mask(kind); err != nil {
			reject(partKind, kind, err)
		}
	}
}

// personNumber is the mã số BHXH of a 10-byte cell, ok false unless its
// ten bytes are digits: eight digits checked and converted at once (SWAR),
// then two (a digit at a time was a twentieth of a CSV list's count).
func personNumber(id []byte) (pid uint64, ok bool) {
	if len(id) != 10 {
		return 0, false
	}
	const ones = 0x0101010101010101
	w := binary.LittleEndian.Uint64(id) // the first digit in the low byte
	// a byte is a digit when its high nibble is 3, and still is with 6 added
	// (0x3A–0x3F become 0x40–0x45; no carry leaves a byte 0x30–0x3F)
	if w&(0xF0*ones) != 0x30*ones || (w+0x06*ones)&(0xF0*ones) != 0x30*ones {
		return 0, false
	}
	d8, d9 := id[8]-'0', id[9]-'0'
	if d8 > 9 || d9 > 9 {
		return 0, false
	}
	w -= 0x30 * ones
	w = (w*10 + w>>8) & 0x00FF00FF00FF00FF     // pairs of digits
	w = (w*100 + w>>16) & 0x0000FFFF0000FFFF   // fours
	w = (w*10000 + w>>32) & 0x00000000FFFFFFFF // the first eight
	return w*100 + uint64(d8)*10 + uint64(d9), true
}

// visibleEnds reports whether b starts and ends with a visible ASCII
// character, so that bytes.TrimSpace leaves it as is (nearly every cell).
func visibleEnds(b []byte) bool {
	n := len(b)
	return n > 0 && b[0]-'!' < utf8.RuneSelf-'!' && b[n-1]-'!' < utf8.RuneSelf-'!'
}

// record counts a checked row: its unit, and its person for each scheme.
func (lr *listRows) record(row int64, c *cells) error {
	if c.blank {
		return nil
	}
	lr.rows++
	if c.err != nil {
		return lr.fail(c.role, row, c.value, c.err)
	}
	pc := lr.pc
	id := c.pair - 1
	if c.pair == 0 {
		id = pc.pairs.number(c.code, c.name)
	}
	var u *unitAcc
	if id >= 0 && int(id) < len(pc.pairUnit) {
		u = pc.pairUnit[id]
	}
	if u == nil {
		var err error
		if u, err = lr.unitOf(row, c.code, c.name); u == nil {
			return err
		}
		if id >= 0 {
			if int(id) >= len(pc.pairUnit) {
				pc.pairUnit = append(pc.pairUnit, make([]*unitAcc, int(id)+1-len(pc.pairUnit))...)
			}
			pc.pairUnit[id] = u
		}
	}
	if len(lr.errs) > 0 {
		return nil // keep checking cells, stop counting
	}
	at := loc(lr.file, row)
	for m := c.mask & 0xF; m != 0; m &= m - 1 { // its schemes, in order
		if err := pc.set.Add(c.pid<<2|uint64(bits.TrailingZeros8(m)), u.index, at); err != nil {
			return err
		}
	}
	return nil
}

// unit finds or adds the unit of a (code, name) pair as typed; Finish
// resolves the pairs into units with the one matcher (resolveUnits).
func (pc *ParticipantCounter) unit(code, name []byte) (*unitAcc, error) {
	if len(code) == 0 && len(name) == 0 {
		return nil, nil
	}
	key := string(code) + "\x00" + string(name)
	if u, ok := pc.byPair[key]; ok {
		return u, nil
	}
	u, err := pc.newUnit(string(code), string(name))
	if err == nil {
		pc.byPair[key] = u
	}
	return u, err
}

func (pc *ParticipantCounter) newUnit(code, name string) (*unitAcc, error) {
	if len(pc.units) >= dedup.MaxUnits {
		return nil, msg.Errorf("more than %d units: is the unit column a unit?", "hơn %d đơn vị: cột đơn vị có đúng là đơn vị không?", dedup.MaxUnits)
	}
	u := &unitAcc{index: uint32(len(pc.units)), code: code, name: name}
	pc.units = append(pc.units, u)
	return u, nil
}
