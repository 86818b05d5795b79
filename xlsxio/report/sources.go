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
	for _, k := range coverage.AllKeys() {
		if len(u.Sources[k]) > 0 {
			keys = append(keys, k)
		}
	}
	return keys
}

// jsonSources is u's "sources": {"bhxh_mandatory": ["x.xlsx!T11!H9", …]}.
func jsonSources(u *coverage.Unit) object {
	o := object{}
	if u == nil {
		return o
	}
	for _, k := range sourceKeys(u) {
		o = append(o, field{k, u.Sources[k]})
	}
	return o
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

// sourceRows are the rows of the sheet: per unit and key with a source, one
// row with its cells, or one row per old unit it was summed from.
func sourceRows(units []*coverage.Unit, lang string) [][]any {
	var rows [][]any
	for _, u := range units {
		if u == nil {
			continue
		}
		for _, k := range sourceKeys(u) {
			base := []any{u.Name, u.Code, k, header(k, lang), value(u, k)}
			if !u.MovedAcrossReform(k) {
				rows = append(rows, append(base, strings.Join(u.Sources[k], ", ")))
				continue
			}
			for _, og := range u.Origins {
				moved, ok := og.Counts[k]
				if !ok {
					continue
				}
				old := og.Name
				if og.Code != "" {
					old = og.Code + " " + og.Name
				}
				share := ""
				if og.Share != nil {
					share = og.Share.FloatString(6)
				}
				rows = append(rows, append(append([]any(nil), base...),
					strings.Join(og.Sources[k], ", "), old, og.Relation, share, moved))
			}
		}
	}
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
// rowsXML, not cell by cell), printed under the report's title.
func writeSourcesSheet(f *excelize.File, units []*coverage.Unit, lang, title string) error {
	l := sourceLabelsFor(lang)
	part, err := newRawSheet(f, l.sheet)
	if err != nil {
		return err
	}
	rows := sourceRows(units, lang)
	// its used range: the head's columns, a row per figure
	if err := f.SetSheetDimension(l.sheet, "A1:"+cellName(len(l.head), len(rows)+1)); err != nil {
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
	var sd rowsXML
	head := make([]any, len(l.head))
	for i, h := range l.head {
		head[i] = h
	}
	sd.row(1, head)
	for i, r := range rows {
		sd.row(i+2, r)
	}
	putSheetRows(f, part, sd.buf.Bytes())
	return nil
}
