package report

import (
	"math/big"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
)

// Where every figure came from: the cells each unit's counts were read from
// ("file!sheet!cell") and, for a figure converted across the 2025 reform,
// the old units it was summed from. The JSON of compute and crosswalk and
// their xlsx sheet "Nguồn số liệu" show the same rows.

// sourceKeys lists the keys of u that have a source, in canonical order.
func sourceKeys(u *coverage.Unit) []string {
	var keys []string
	for _, k := range allKeys {
		if len(u.Sources[k]) > 0 {
			keys = append(keys, k)
		}
	}
	return keys
}

// allKeys is coverage.AllKeys, once (it is a copy each time); allKeysJSON
// are its keys as jsonKey writes them.
var (
	allKeys     = coverage.AllKeys()
	allKeysJSON = jsonKeys(allKeys)
)

// jsonSources is u's "sources": {"bhxh_mandatory": ["x.xlsx!T11!H9", …]},
// written straight from u (a compute report writes one per unit).
func jsonSources(u *coverage.Unit) sourcesJSON { return sourcesJSON{u} }

type sourcesJSON struct{ u *coverage.Unit }

func (s sourcesJSON) appendJSON(jw *jsonWriter, b []byte) []byte {
	b = append(b, '{')
	if s.u != nil {
		first := true
		for i, k := range allKeys {
			cells := s.u.Sources[k]
			if len(cells) == 0 {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			b = jsonList(jw, append(b, allKeysJSON[i]...), cells, jw.str)
			first = false
		}
	}
	return append(b, '}')
}

// MarshalJSON is for the sources inside what encoding/json writes.
func (s sourcesJSON) MarshalJSON() ([]byte, error) {
	jw := &jsonWriter{}
	b := s.appendJSON(jw, nil)
	return b, jw.err
}

// jsonOrigins is u's "from": the old units a converted unit was made of,
// with the people each gave and their cells; [] when not converted.
func jsonOrigins(u *coverage.Unit) []any {
	out := []any{}
	if u == nil {
		return out
	}
	for _, og := range u.Origins {
		counts := object{}
		for _, k := range coverage.AllKeys() {
			if v, ok := og.Counts[k]; ok {
				counts = append(counts, field{k, v})
			}
		}
		src := object{}
		for _, k := range coverage.AllKeys() {
			if s := og.Sources[k]; len(s) > 0 {
				src = append(src, field{k, s})
			}
		}
		out = append(out, object{
			{"code", nullIfEmpty(og.Code)},
			{"name", og.Name},
			{"relation", og.Relation},
			{"share", shareText(og.Share)},
			{"share_cell", nullIfEmpty(og.ShareCell)},
			{"counts", counts},
			{"sources", src},
		})
	}
	return out
}

// shareText is a normalised share as a decimal of 6 places ("0.333333"),
// null for a whole move. The people moved are exact; the share is shown.
func shareText(r *big.Rat) any {
	if r == nil {
		return nil
	}
	return r.FloatString(6)
}

// sourceLabels are the words of the "Nguồn số liệu" sheet.
type sourceLabels struct {
	sheet string
	head  []string
}

func sourceLabelsFor(lang string) sourceLabels {
	if lang == "en" {
		return sourceLabels{sheet: "Figure sources",
			head: []string{"Unit", "Code", "Key", "Figure", "Value", "Source cells", "From old unit", "Relation", "Share", "People moved"}}
	}
	return sourceLabels{sheet: "Nguồn số liệu",
		head: []string{"Đơn vị", "Mã đơn vị", "Khóa", "Số liệu", "Giá trị", "Ô nguồn", "Từ đơn vị cũ", "Cách chuyển", "Tỷ lệ chia", "Số người chuyển"}}
}

// sourceRow is a row of the sheet: a unit's figure for key with its
// cells, or, for a figure summed across the reform, with the cells of
// one old unit it was summed from (origin) and the people it gave.
type sourceRow struct {
	unit   *coverage.Unit
	key    string
	cells  string
	origin *coverage.Origin // nil: not moved across the reform
	moved  int64
}

// eachSourceRow calls fn with each row of the sheet, in order: per unit
// and key with a source, one row with its cells, or one row per old
// unit it was summed from. row is reused from call to call.
func eachSourceRow(units []*coverage.Unit, fn func(row *sourceRow)) {
	var row sourceRow
	for _, u := range units {
		if u == nil {
			continue
		}
		for _, k := range allKeys {
			src := u.Sources[k]
			if len(src) == 0 {
				continue
			}
			row = sourceRow{unit: u, key: k}
			if !u.MovedAcrossReform(k) {
				row.cells = joinCells(src)
				fn(&row)
				continue
			}
			for i := range u.Origins {
				og := &u.Origins[i]
				moved, ok := og.Counts[k]
				if !ok {
					continue
				}
				row.cells, row.origin, row.moved = joinCells(og.Sources[k]), og, moved
				fn(&row)
			}
		}
	}
}

// joinCells is cells joined by ", " ("a.xlsx!T!B2, b.xlsx!T!C3"); one
// cell as it is.
func joinCells(cells []string) string {
	if len(cells) == 1 {
		return cells[0]
	}
	return strings.Join(cells, ", ")
}

// values are the row's cells from column A: the unit, its code, the key,
// the figure's name, its value (value), the cells, then, for an old
// unit, its code and name, the relation, the share (6 places, "" for a
// whole move) and the people moved.
func (r *sourceRow) values(lang string) []any {
	u := r.unit
	vals := []any{u.Name, u.Code, r.key, header(r.key, lang), value(u, r.key), r.cells}
	if og := r.origin; og != nil {
		share := ""
		if og.Share != nil {
			share = og.Share.FloatString(6)
		}
		vals = append(vals, oldUnitName(og), og.Relation, share, r.moved)
	}
	return vals
}

// oldUnitName is an old unit as the sheet names it: "code name", or the
// name alone.
func oldUnitName(og *coverage.Origin) string {
	if og.Code != "" {
		return og.Code + " " + og.Name
	}
	return og.Name
}

// sourceRows are the rows of the sheet as values (sourceRow.values).
func sourceRows(units []*coverage.Unit, lang string) [][]any {
	var rows [][]any
	eachSourceRow(units, func(r *sourceRow) { rows = append(rows, r.values(lang)) })
	return rows
}

// value is u's figure for key: a count, or a percentage as its text.
func value(u *coverage.Unit, k string) any {
	if v, ok := u.Counts[k]; ok {
		return v
	}
	if p, ok := u.Percents[k]; ok {
		return p.String()
	}
	return ""
}

// writeSourcesSheet adds the "Nguồn số liệu" sheet (a province of
// communes gives thousands of rows: its rows are written as XML by
// rowsXML, not cell by cell, nor made as values first), printed under
// the report's title.
func writeSourcesSheet(f *excelize.File, units []*coverage.Unit, lang, title string) error {
	l := sourceLabelsFor(lang)
	part, err := newRawSheet(f, l.sheet)
	if err != nil {
		return err
	}
	var sd rowsXML
	sd.grow(3 << 10 * len(units)) // about a unit's rows
	head := make([]any, len(l.head))
	for i, h := range l.head {
		head[i] = h
	}
	sd.row(1, head)
	n := 1
	eachSourceRow(units, func(r *sourceRow) {
		n++
		sd.sourceRow(n, r, lang)
	})
	// its used range: the head's columns, a row per figure
	if err := f.SetSheetDimension(l.sheet, "A1:"+cellName(len(l.head), n)); err != nil {
		return err
	}
	for i, w := range []float64{28, 10, 18, 36, 10, 40, 30, 10, 10, 12} {
		if err := f.SetColWidth(l.sheet, colName(i+1), colName(i+1), w); err != nil {
			return err
		}
	}
	// printed at full size, pages across, as it always was
	if err := printOne(f, l.sheet, title, "", lang, printSheet{landscape: true, headRows: [2]int{1, 1}, pagesAcross: true}); err != nil {
		return err
	}
	putSheetRows(f, part, sd.b)
	return nil
}
