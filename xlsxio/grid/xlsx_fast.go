package grid

// The fast xlsx source: a plain workbook's sheet is read in one pass of the
// sheet tokenizer (rawxlsx.SheetReader: values, types, styles, formula
// marks, merges), the styles from styles.xml once, and excelize is opened
// only when a sheet or a cell needs it: a formula without a cached value
// (excelize resolves shared formulas and computes), or a sheet outside the
// plain shape checked here (rows or cells out of order, overlapping merges,
// another encoding…), which excelize then reads exactly as before. Each
// answer is the one the excelize path (xlsx_excelize.go) gives;
// xlsx_fast_test.go compares the two on every fixture.

import (
	"archive/zip"
	"errors"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

type fastBook struct {
	data   []byte
	file   string
	pk     *rawxlsx.Package
	sheets []SheetInfo
	active int
	parts  []string // each sheet's part; "" lets excelize read the sheet
	sst    *rawxlsx.SharedStrings
	sstStr []string // decoded shared strings, filled on use
	sstSet []bool
	styles []rawxlsx.Style // by cellXfs index
	ex     *xlsxBook       // excelize, opened on first need
	exErr  error
	ev     *evaluator // formulas without values, made on first use
}

// openFast opens a plain, unencrypted workbook; nil means "let excelize do
// it" (anything unusual, including every error: excelize words those).
func openFast(data []byte, zr *zip.Reader, file string) *fastBook {
	pk := rawxlsx.NewPackage(zr, file, rawxlsx.WholeLimits)
	pk.NormalizeCR = true
	if pk.CaseClash() || pk.Part("_rels/.rels") == nil {
		return nil // names differing only in case, or no package rels: excelize's business
	}
	wb, err := pk.ReadWorkbook()
	if err != nil || wb.DocRel != rawxlsx.RelOfficeDocument || wb.Part != "xl/workbook.xml" || pk.Part(wb.Part) == nil ||
		pk.Part(rawxlsx.RelsOf(wb.Part)) == nil {
		return nil
	}
	b := &fastBook{data: data, file: file, pk: pk}
	seen := map[string]int{}
	if wb.ActiveTab >= 0 && wb.ActiveTab < len(wb.Sheets) {
		b.active = wb.ActiveTab
	}
	for i, s := range wb.Sheets {
		b.sheets = append(b.sheets, SheetInfo{Name: s.Name, Visibility: visibility(s.State)})
		part := s.Part
		if pk.Part(part) == nil || !strings.HasPrefix(part, "xl/worksheets/") || strings.ContainsAny(part, "\\") {
			part = ""
		}
		key := strings.ToLower(s.Name)
		if j, dup := seen[key]; dup {
			b.parts[j], part = "", ""
		}
		seen[key] = i
		b.parts = append(b.parts, part)
	}
	const sstPart = "xl/sharedStrings.xml"
	if pk.Part(sstPart) != nil {
		sst, err := pk.ReadSharedStrings(sstPart)
		if err != nil {
			return nil
		}
		b.sst = sst
		b.sstStr, b.sstSet = make([]string, sst.Len()), make([]bool, sst.Len())
	} else if pk.PartFold(sstPart) != nil {
		return nil
	}
	const stylesPart = "xl/styles.xml"
	if pk.Part(stylesPart) == nil {
		if pk.PartFold(stylesPart) != nil {
			return nil
		}
	} else if b.styles, err = pk.ReadStyles(stylesPart); err != nil {
		return nil
	}
	return b
}

func (b *fastBook) Sheets() []SheetInfo { return b.sheets }
func (b *fastBook) Active() int         { return b.active }

func (b *fastBook) Close() error {
	if b.ex != nil {
		return b.ex.Close()
	}
	return nil
}

// excel opens the workbook with excelize, once.
func (b *fastBook) excel() (*xlsxBook, error) {
	if b.ex == nil && b.exErr == nil {
		b.ex, b.exErr = openExcelize(b.data, b.file, "")
	}
	return b.ex, b.exErr
}

func (b *fastBook) Sheet(i int) (Sheet, error) {
	if b.parts[i] != "" {
		if s := b.scanSheet(i); s != nil {
			return s, nil
		}
	}
	ex, err := b.excel()
	if err != nil {
		return nil, err
	}
	return ex.Sheet(i)
}

func (b *fastBook) shared(i int) string {
	if i < 0 || i >= len(b.sstStr) {
		return ""
	}
	if !b.sstSet[i] {
		v, _ := b.sst.Get(i)
		b.sstStr[i], b.sstSet[i] = rawxlsx.DecodeEscapes(v), true
	}
	return b.sstStr[i]
}

// cellMeta is what a stored <c> says besides its value.
type cellMeta struct {
	col     int32
	style   int32
	formula int32 // index in fastSheet.formulas, -1 when the cell has no <f>
	typ     byte  // rawxlsx.CellInfo's Type
}

// formula is the <f> of a cell: its text, or for a cell of a shared
// group after its first, "" and the group (si).
type formula struct {
	text   string
	shared bool
	si     int
}

// sharedMaster is the first cell of a shared formula group: where its
// text is, written for that cell.
type sharedMaster struct {
	r, c int
	text string
}

type fastRow struct {
	vals   []string   // as excelize's row iterator gives them (raw values, padded)
	meta   []cellMeta // every stored cell, ascending columns
	style  int
	hidden bool
	dec    []Cell // decoded cells, by column below len(vals), once asked for
	got    []bool
}

type fastSheet struct {
	b        *fastBook
	idx      int
	name     string
	rows     map[int]*fastRow // 0-based row
	nrows    int
	cols     int
	colInfo  []rawxlsx.ColInfo
	merges   []Merge
	formulas []formula
	masters  map[int]sharedMaster // shared formula groups by si
	cells    memo                 // decoded cells right of a row's last value
}

var errNotPlain = errors.New("not a plain sheet")

// scanSheet reads sheet i in one pass; nil when the sheet is not plain.
func (b *fastBook) scanSheet(i int) *fastSheet {
	data, err := b.pk.ReadPart(b.pk.Part(b.parts[i]))
	if err != nil || !rawxlsx.UTF8Declared(data) {
		return nil
	}
	name := b.sheets[i].Name
	s := &fastSheet{b: b, idx: i, name: name, rows: map[int]*fastRow{}, cells: memo{}}
	if err := s.scan(b.pk.SheetReader(data, name)); err != nil {
		return nil
	}
	return s
}

// scan keeps what the sheet tokenizer hands over, refusing (errNotPlain)
// anything excelize might read differently.
func (s *fastSheet) scan(sr *rawxlsx.SheetReader) error {
	var (
		row    *fastRow
		merges [][]byte
	)
	for {
		it, err := sr.Next()
		if err != nil {
			return err
		}
		switch it {
		case rawxlsx.Done:
			return s.finish(merges)
		case rawxlsx.RowStart:
			if sr.Row.Odd {
				return errNotPlain
			}
			row = &fastRow{style: sr.Row.Style, hidden: sr.Row.Hidden}
			s.rows[sr.Row.Num-1] = row
		case rawxlsx.CellItem:
			c := &sr.Cell
			if c.Odd {
				return errNotPlain
			}
			val := ""
			switch c.Type {
			case 's':
				if len(c.Value) > 0 {
					i, ok := rawxlsx.Index(c.Value)
					if !ok {
						i = 0
					}
					val = s.b.shared(i)
				}
			case 'i':
				if c.HasInline {
					val = rawxlsx.DecodeEscapes(c.Inline)
				} else {
					val = string(c.Value)
				}
			default:
				val = string(c.Value)
			}
			if val != "" || c.HasFormula {
				for len(row.vals) < c.Col {
					row.vals = append(row.vals, "")
				}
				row.vals = append(row.vals, val)
			}
			m := cellMeta{col: int32(c.Col), style: int32(c.Style), typ: c.Type, formula: -1}
			if c.HasFormula {
				m.formula = int32(len(s.formulas))
				f := formula{text: string(c.Formula), shared: c.SharedFormula, si: c.SharedIndex}
				s.formulas = append(s.formulas, f)
				if _, ok := s.masters[f.si]; f.shared && f.text != "" && !ok {
					if s.masters == nil {
						s.masters = map[int]sharedMaster{}
					}
					s.masters[f.si] = sharedMaster{c.Row - 1, c.Col, f.text}
				}
			}
			row.meta = append(row.meta, m)
		case rawxlsx.RowEnd:
			if len(row.vals) > 0 {
				s.nrows = sr.Row.Num
				s.cols = max(s.cols, len(row.vals))
			}
		case rawxlsx.ColItem:
			if sr.Col.Odd {
				return errNotPlain
			}
			s.colInfo = append(s.colInfo, sr.Col)
		case rawxlsx.MergeItem:
			merges = append(merges, append([]byte(nil), sr.Merge...))
		}
	}
}

// finish checks the merged ranges: each a plain "A1:B2", none overlapping
// another (excelize would join those).
func (s *fastSheet) finish(refs [][]byte) error {
	for _, ref := range refs {
		r0, c0, r1, c1, ok := rawxlsx.ParseRange(ref)
		if !ok {
			return errNotPlain
		}
		m := Merge{r0, c0, r1, c1}
		for _, o := range s.merges {
			if m.R0 <= o.R1 && o.R0 <= m.R1 && m.C0 <= o.C1 && o.C0 <= m.C1 {
				return errNotPlain
			}
		}
		s.merges = append(s.merges, m)
	}
	return nil
}

func (s *fastSheet) Name() string     { return s.name }
func (s *fastSheet) Size() (int, int) { return s.nrows, s.cols }
func (s *fastSheet) Merges() []Merge  { return s.merges }

func (s *fastSheet) RowHidden(r int) bool {
	row := s.rows[r]
	return row != nil && row.hidden
}

// ColHidden is GetColVisible: the last <col> record holding the column.
func (s *fastSheet) ColHidden(c int) bool {
	hidden := false
	for _, ci := range s.colInfo {
		if ci.Min <= c+1 && c+1 <= ci.Max {
			hidden = ci.Hidden
		}
	}
	return hidden
}

// Formula is the <f> of the merged range's first cell (as GetCellFormula);
// a shared formula written for the cell, every relative reference moved
// (excelize leaves a sheet-qualified one where it was).
func (s *fastSheet) Formula(r, c int) string {
	if r < 0 || c < 0 {
		return ""
	}
	r, c = s.anchor(r, c)
	m, ok := s.meta(r, c)
	if !ok || m.formula < 0 {
		return ""
	}
	f := s.formulas[m.formula]
	if !f.shared || f.text != "" {
		return f.text
	}
	if g, ok := s.masters[f.si]; ok {
		return ShiftFormula(g.text, r-g.r, c-g.c)
	}
	return ""
}

// writeShared gives each cell of a shared group its own formula in
// excelize's model, so that its engine reads what Excel does (excelize
// moves no sheet-qualified reference, and drops a quoted sheet name's
// quotes). The group's other cells go first: writing its first cell makes
// excelize drop the group.
func (s *fastSheet) writeShared(f *excelize.File) error {
	for _, first := range []bool{false, true} {
		for r, row := range s.rows {
			for _, m := range row.meta {
				if m.formula < 0 {
					continue
				}
				if fm := s.formulas[m.formula]; fm.shared && (fm.text != "") == first {
					if err := f.SetCellFormula(s.name, rawxlsx.CellName(int(m.col), r+1), s.Formula(r, int(m.col))); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

func (s *fastSheet) raw(r, c int) string {
	row := s.rows[r]
	if row == nil || c < 0 || c >= len(row.vals) {
		return ""
	}
	return row.vals[c]
}

// meta finds the stored cell at (r, c).
func (s *fastSheet) meta(r, c int) (cellMeta, bool) {
	row := s.rows[r]
	if row == nil {
		return cellMeta{}, false
	}
	lo, hi := 0, len(row.meta)
	for lo < hi {
		m := (lo + hi) / 2
		if int(row.meta[m].col) < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(row.meta) && int(row.meta[lo].col) == c {
		return row.meta[lo], true
	}
	return cellMeta{}, false
}

// styleOf is GetCellStyle then GetStyle: the cell's format, else its row's,
// else its column's.
func (s *fastSheet) styleOf(r, c int) rawxlsx.Style {
	id := 0
	if m, ok := s.meta(r, c); ok {
		id = int(m.style)
	}
	if id == 0 {
		if row := s.rows[r]; row != nil {
			id = row.style
		}
	}
	if id == 0 {
		for _, ci := range s.colInfo {
			if ci.Min <= c+1 && c+1 <= ci.Max && ci.Style != 0 {
				id = ci.Style
				break
			}
		}
	}
	if id < 0 || id >= len(s.b.styles) {
		return rawxlsx.Style{Format: rawxlsx.General}
	}
	return s.b.styles[id]
}

// anchor is where excelize looks up a cell's type and formula: the first
// cell of the merged range holding it.
func (s *fastSheet) anchor(r, c int) (int, int) {
	for _, m := range s.merges {
		if m.Contains(r, c) {
			return m.R0, m.C0
		}
	}
	return r, c
}

func (s *fastSheet) Cell(r, c int) Cell {
	row := s.rows[r]
	if row == nil || len(row.vals) == 0 || c < 0 {
		return empty
	}
	if c < len(row.vals) {
		if row.dec == nil {
			row.dec, row.got = make([]Cell, len(row.vals)), make([]bool, len(row.vals))
		}
		if !row.got[c] {
			row.dec[c], row.got[c] = s.decode(r, c), true
		}
		return row.dec[c]
	}
	// Right of the row's last value or formula nothing is stored, unless a
	// merged range carries its first cell's formula there: asked for every
	// column up to XFD when a stray cell sits far right.
	for _, m := range s.merges {
		if m.Contains(r, c) {
			return s.cells.get(r, c, s.decode)
		}
	}
	return empty
}

func (s *fastSheet) decode(r, c int) Cell {
	v := s.raw(r, c)
	m, ok := s.meta(s.anchor(r, c))
	if v == "" {
		if ok && m.formula >= 0 { // a formula saved without its value
			f := s.styleOf(r, c).Format
			return Cell{Kind: Formula, Text: "=" + s.Formula(r, c), Decimals: f.Decimals, Percent: f.Percent, Date: f.Date}
		}
		return empty
	}
	si := s.styleOf(r, c)
	switch m.typ {
	case 0, 'n':
		return number(v, si.Format)
	case 'd':
		f := si.Format
		f.Date = true
		return number(v, f)
	case 'b':
		return Cell{Kind: Bool, Text: v, Decimals: -1}
	case 'e':
		return Cell{Kind: Error, Text: v, Decimals: -1}
	}
	return Cell{Kind: Text, Text: vntext.NFC(vntext.DecodeLegacy(v, si.Font)), Decimals: -1}
}

func (s *fastSheet) Eval(r, c int) (Cell, error) {
	ev, err := s.b.evaluator()
	if err != nil {
		return Cell{}, err
	}
	return ev.eval(s.name, r, c)
}

// evaluator is the book's, made on first use: excelize computes, over the
// sheets as this source reads them (excelize's own for a sheet it leaves).
func (b *fastBook) evaluator() (*evaluator, error) {
	if b.ev != nil {
		return b.ev, nil
	}
	ex, err := b.excel()
	if err != nil {
		return nil, err
	}
	b.ev = newEvaluator(ex.f, func(name string) evalSheet {
		for i, si := range b.sheets {
			if !strings.EqualFold(si.Name, name) {
				continue
			}
			if b.parts[i] != "" {
				if s := b.scanSheet(i); s != nil {
					return s
				}
			}
			if sh, err := ex.Sheet(i); err == nil {
				return sh.(*xlsxSheet)
			}
			return nil
		}
		return nil
	})
	return b.ev, nil
}
