package report

import (
	"io"
)

// countSheet names the sheet of counts.
const countSheet = "Số người tham gia"

// WriteCountXLSX writes the counts under the canonical Vietnamese headers,
// which compute reads back as they are. It streams: a list of a million
// persons has many units.
func WriteCountXLSX(w io.Writer, rep *Count) error {
	f := newWorkbook()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", countSheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(countSheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 12); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 28); err != nil {
		return err
	}
	if err := sw.SetColWidth(3, 2+len(rep.Schemes), 18); err != nil && len(rep.Schemes) > 0 {
		return err
	}
	head := []any{HeaderVI("code"), HeaderVI("unit")}
	for _, s := range rep.Schemes {
		head = append(head, HeaderVI(s))
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, u := range rep.Units {
		row := []any{u.Code, u.Name}
		for _, s := range rep.Schemes {
			row = append(row, u.Counts[s])
		}
		if err := sw.SetRow(cellName(1, i+2), row); err != nil {
			return err
		}
	}
	// a streamed sheet's page setup is set before it is flushed
	if err := printSheets(f, countSheet, "", "vi", map[string]printSheet{countSheet: {headRows: [2]int{1, 1}}}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
