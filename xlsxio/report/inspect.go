package report

import (
	"sort"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio"
)

// The report of `bhxh inspect`: what the reader recognised in each input.

// inspectJSON is the bhxh.inspect/v1 document of one input.
type inspectJSON struct {
	File       string              `json:"file"`
	Sheet      *string             `json:"sheet"`
	HeaderRows []int               `json:"header_rows"`
	Period     *string             `json:"period"`
	Columns    []inspectColumnJSON `json:"columns"`
	Units      []inspectUnitJSON   `json:"units"`
	Total      *inspectUnitJSON    `json:"total"`
	Subtotals  []inspectUnitJSON   `json:"subtotals"`
	Issues     []xlsxio.Issue      `json:"issues"`
	// Sheets lists every sheet of the workbook, in tab order, and why it
	// was read or skipped; Notes the choices bhxh made among them.
	Sheets []inspectSheetJSON `json:"sheets"`
	// Transposed: indicators down a column, units across a row.
	Transposed bool       `json:"transposed"`
	Notes      []msg.Text `json:"notes"` // English (MarshalText)
	// Rows say what every row of the sheet is, in runs from the top (of
	// each sheet joined, for forms joined by unit).
	Rows []inspectRowsJSON `json:"rows"`
}

// inspectRowsJSON is a run of rows of one kind: units, title, header,
// numbering, blank, total, subtotal, section, heading, breakdown, skipped,
// rejected, footer, second table. Sheet is set for forms joined by unit.
type inspectRowsJSON struct {
	Sheet string   `json:"sheet,omitempty"`
	First int      `json:"first"`
	Last  int      `json:"last"`
	What  string   `json:"what"`
	Why   msg.Text `json:"why"` // English in JSON (MarshalText)
}

// rowRuns are what every row of t is, in runs from the top: its rows that
// are not units (t.Rows) among the runs of its units.
func rowRuns(t *xlsxio.Table, sheet string) []inspectRowsJSON {
	var runs []inspectRowsJSON
	for _, r := range t.Rows {
		runs = append(runs, inspectRowsJSON{Sheet: sheet, First: r.First, Last: r.Last, What: r.What, Why: r.Why})
	}
	for i := 0; i < len(t.Units); {
		j := i
		for j+1 < len(t.Units) && t.Units[j+1].Row == t.Units[j].Row+1 {
			j++
		}
		why := msg.Sprintf("%s units", "%s đơn vị", msg.Count(j-i+1))
		if i == j {
			why = msg.Text{EN: "1 unit", VI: "1 đơn vị"}
		}
		runs = append(runs, inspectRowsJSON{Sheet: sheet, First: t.Units[i].Row, Last: t.Units[j].Row, What: "units", Why: why})
		i = j + 1
	}
	sort.SliceStable(runs, func(a, b int) bool { return runs[a].First < runs[b].First })
	return runs
}

type inspectSheetJSON struct {
	Name       string   `json:"name"`
	Visibility string   `json:"visibility"`
	Active     bool     `json:"active"`
	Period     *string  `json:"period"`
	Units      int      `json:"units"`
	Transposed bool     `json:"transposed"`
	Read       bool     `json:"read"`
	Why        msg.Text `json:"why"` // English in JSON (MarshalText)
}

type inspectColumnJSON struct {
	Column string  `json:"column"`
	Group  string  `json:"group"`
	Header string  `json:"header"`
	Key    *string `json:"key"`
	Why    string  `json:"why"`
}

type inspectUnitJSON struct {
	Row    int              `json:"row"`
	Name   string           `json:"name"`
	Code   *string          `json:"code"`
	Counts map[string]int64 `json:"counts"`
}

// inspectDoc is what was recognised in t, as the JSON and the table show it.
func inspectDoc(t *xlsxio.Table) inspectJSON {
	d := inspectJSON{File: t.File, HeaderRows: t.HeaderRows, Issues: t.Issues,
		Sheets: []inspectSheetJSON{}, Notes: append([]msg.Text{}, t.Notes...), Transposed: t.Transposed}
	for _, s := range t.Sheets {
		sj := inspectSheetJSON{Name: s.Name, Visibility: s.Visibility, Active: s.Active, Units: s.Units,
			Transposed: s.Transposed, Read: s.Read, Why: s.Why}
		if s.Period != "" {
			p := s.Period
			sj.Period = &p
		}
		d.Sheets = append(d.Sheets, sj)
	}
	if t.Sheet != "" {
		d.Sheet = &t.Sheet
	}
	if t.Period != "" {
		d.Period = &t.Period
	}
	if d.Issues == nil {
		d.Issues = []xlsxio.Issue{}
	}
	for _, c := range t.Columns {
		if c.Header == "" {
			continue
		}
		cj := inspectColumnJSON{Column: c.Letter, Group: c.Group, Header: c.Header, Why: c.Why}
		if c.Key != "" {
			k := c.Key
			cj.Key = &k
		}
		d.Columns = append(d.Columns, cj)
	}
	unit := func(u *coverage.Unit) inspectUnitJSON {
		uj := inspectUnitJSON{Row: u.Row, Name: u.Name, Counts: u.Counts}
		if u.Code != "" {
			c := u.Code
			uj.Code = &c
		}
		return uj
	}
	d.Units = []inspectUnitJSON{}
	for i := range t.Units {
		d.Units = append(d.Units, unit(&t.Units[i]))
	}
	d.Subtotals = []inspectUnitJSON{}
	for i := range t.Subtotals {
		d.Subtotals = append(d.Subtotals, unit(&t.Subtotals[i]))
	}
	if t.Total != nil {
		tj := unit(t.Total)
		d.Total = &tj
	}
	d.Rows = rowRuns(t, "")
	if len(t.Parts) > 0 {
		d.Rows = nil
		for _, p := range t.Parts {
			d.Rows = append(d.Rows, rowRuns(p, p.Sheet)...)
		}
	}
	if d.Rows == nil {
		d.Rows = []inspectRowsJSON{}
	}
	return d
}
