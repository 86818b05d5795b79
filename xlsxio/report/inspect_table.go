package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio"
)

// WriteInspectTable writes, input by input, what was recognised: sheet,
// header rows, period, each column and the key it was read as (or why not),
// units, total row, subtotals, warnings and the --col lines that read the
// ignored columns, in lang (the keys, codes and cells as they are). Every
// line fits width (0: no limit): the columns and rows in tables whose texts
// wrap in their cells, the other lines wrapped at spaces.
func WriteInspectTable(w io.Writer, tables []*xlsxio.Table, width int, lang msg.Lang) error {
	var b bytes.Buffer
	for i, t := range tables {
		if i > 0 {
			fmt.Fprintln(&b)
		}
		if err := writeInspectTable(&b, inspectDoc(t), width, lang); err != nil {
			return err
		}
	}
	for line := range strings.Lines(b.String()) {
		if err := writeLines(w, width, strings.TrimSuffix(line, "\n")); err != nil {
			return err
		}
	}
	return nil
}

// writeInspectLines writes a section's lines (columns, rows) as a table
// under the section's label: no head, no rules, each cell's text wrapped
// in its cell where the line would be wider than width.
func writeInspectLines(w io.Writer, width int, rows [][]string) error {
	if len(rows) == 0 {
		return nil
	}
	t := &consoleTable{style: bare, rows: rows, wrap: true}
	if width > 0 {
		t.width = max(1, width-2)
	}
	var b bytes.Buffer
	if err := t.render(&b); err != nil {
		return err
	}
	for line := range strings.Lines(b.String()) {
		if _, err := io.WriteString(w, "  "+line); err != nil { // under the label, as the other lines
			return err
		}
	}
	return nil
}

// labelled writes a line "  label:   value", the values of a language's
// labels aligned.
func labelled(w io.Writer, l msg.Lang, label msg.Text, value string) {
	width := 13 // "header rows: "
	if l == msg.VI {
		width = 14 // "dòng tiêu đề: "
	}
	fmt.Fprintf(w, "  %-*s%s\n", width, label.In(l)+":", value)
}

func writeInspectTable(w io.Writer, d inspectJSON, width int, l msg.Lang) error {
	sheet := "(CSV)"
	if d.Sheet != nil {
		sheet = fmt.Sprintf("%q", *d.Sheet)
	}
	period := msg.Text{EN: "not found (give --period YYYY-MM)", VI: "không thấy (hãy cho --period YYYY-MM)"}.In(l)
	if d.Period != nil {
		period = *d.Period
	}
	fmt.Fprintln(w, d.File)
	labelled(w, l, msg.Text{EN: "sheet", VI: "trang tính"}, sheet)
	labelled(w, l, msg.Text{EN: "header rows", VI: "dòng tiêu đề"}, joinInts(d.HeaderRows))
	labelled(w, l, msg.Text{EN: "period", VI: "kỳ"}, period)
	if d.Transposed {
		labelled(w, l, msg.Text{EN: "layout", VI: "bố cục"}, msg.Text{
			EN: "transposed (indicators down a column, units across a row; each \"column\" below is a row of the sheet)",
			VI: "bảng xoay (chỉ số theo cột dọc, đơn vị theo hàng ngang; mỗi \"cột\" dưới đây là một dòng của trang tính)"}.In(l))
	}
	fmt.Fprintln(w, "  "+msg.Text{EN: "columns:", VI: "cột:"}.In(l))
	var fixes []string
	var cols [][]string
	for _, c := range d.Columns {
		head := c.Header
		if c.Group != "" {
			head = c.Group + " › " + c.Header
		}
		key := "—"
		if c.Key != nil {
			key = *c.Key
		}
		cols = append(cols, []string{columnName(c.Column, l), key, quoteShort(head, 60), "(" + xlsxio.WhyText(c.Why).In(l) + ")"})
		if c.Key == nil && c.Why != "" && !strings.Contains(c.Why, "row number") && !strings.Contains(c.Why, "notes") {
			h := c.Header
			if c.Group != "" {
				h = c.Group + " " + c.Header
			}
			fixes = append(fixes, fmt.Sprintf("--col '%s=KEY'", h))
		}
	}
	if err := writeInspectLines(w, width, cols); err != nil {
		return err
	}
	units := msg.Count(len(d.Units)).In(l)
	if len(d.Units) > 0 {
		first, last := d.Units[0], d.Units[len(d.Units)-1]
		units += msg.Sprintf(" (rows %d–%d: %s … %s)", " (dòng %d–%d: %s … %s)", first.Row, last.Row, first.Name, last.Name).In(l)
	}
	labelled(w, l, msg.Text{EN: "units", VI: "đơn vị"}, units)
	total := msg.Text{EN: "none (the total is the sum of units)", VI: "không có (tổng là tổng các đơn vị)"}
	if d.Total != nil {
		total = msg.Sprintf("%d %q (cross-checked against the sum of units)", "%d %q (đối chiếu với tổng các đơn vị)", d.Total.Row, d.Total.Name)
	}
	labelled(w, l, msg.Text{EN: "total row", VI: "dòng tổng"}, total.In(l))
	if len(d.Subtotals) > 0 {
		rows := make([]int, len(d.Subtotals))
		for i, s := range d.Subtotals {
			rows[i] = s.Row
		}
		labelled(w, l, msg.Text{EN: "subtotals", VI: "cộng nhóm"}, msg.Sprintf("rows %s (skipped)", "dòng %s (bỏ qua)", joinInts(rows)).In(l))
	}
	if err := writeInspectRows(w, d, width, l); err != nil {
		return err
	}
	for _, is := range d.Issues {
		if is.Cell == "" {
			fmt.Fprintf(w, "  %s %s: %s\n", is.LevelIn(l), is.Code, is.Message.In(l))
			continue
		}
		fmt.Fprintf(w, "  %s %s %s: %s\n", is.LevelIn(l), is.Code, is.Cell, is.Message.In(l))
	}
	writeInspectSheets(w, d, l)
	if len(fixes) > 0 {
		fmt.Fprintln(w, "  "+msg.Text{EN: "to read an ignored column, name its key (keys: bhxh inspect --help):",
			VI: "để đọc một cột bị bỏ qua, hãy nêu khóa của cột (các khóa: bhxh inspect --help):"}.In(l))
		for _, f := range fixes {
			fmt.Fprintln(w, "    "+f)
		}
	}
	return nil
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = fmt.Sprint(n)
	}
	return strings.Join(s, ", ")
}

func quoteShort(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		s = string(r[:n-1]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// WriteInspectPreview helps when no table was found: it shows each sheet's
// row that looks most like a header, what each cell matched, and the --col
// lines to name the unit column and the counts, in lang.
func WriteInspectPreview(w io.Writer, previews []xlsxio.SheetPreview, l msg.Lang) {
	for _, p := range previews {
		if p.Row == 0 {
			fmt.Fprintln(w, msg.Sprintf("sheet %q: no text", "trang tính %q: không có chữ", p.Sheet).In(l))
			continue
		}
		where := msg.Sprintf("sheet %q", "trang tính %q", p.Sheet)
		if p.Sheet == "" {
			where = msg.Text{EN: "the file", VI: "tệp"}
		}
		if len(p.Columns) < 2 {
			fmt.Fprintln(w, msg.Sprintf("%s: no row with two or more headings (row %d: %s)", "%s: không có dòng nào có từ hai tiêu đề cột trở lên (dòng %d: %s)", where, p.Row, quoteShort(p.Columns[0].Header, 60)).In(l))
			continue
		}
		fmt.Fprintln(w, msg.Sprintf("%s: row %d looks most like a header:", "%s: dòng %d giống dòng tiêu đề nhất:", where, p.Row).In(l))
		hasUnit := false
		for _, c := range p.Columns {
			key := "—"
			if c.Key != "" {
				key = c.Key
			}
			if c.Key == "unit" {
				hasUnit = true
			}
			fmt.Fprintf(w, "  %-3s %-24s %s  (%s)\n", c.Letter, key, quoteShort(c.Header, 60), xlsxio.WhyText(c.Why).In(l))
		}
		if !hasUnit {
			fmt.Fprintln(w, "  "+msg.Sprintf("no unit column: name it, e.g. --col '%s=unit'", "không có cột đơn vị: hãy nêu cột đó, ví dụ --col '%s=unit'", p.Columns[0].Header).In(l))
		}
		fmt.Fprintln(w, "  "+msg.Text{EN: "name each count column with --col 'Header=KEY' (keys: bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, labour_force, population, …)",
			VI: "nêu từng cột số liệu bằng --col 'Tiêu đề=KHÓA' (các khóa: bhxh_mandatory, bhxh_voluntary, bhtn, bhyt, labour_force, population, …)"}.In(l))
	}
}

// writeInspectSheets says, for every sheet of a workbook of several, why it
// was read or skipped, then the choices bhxh made among them.
func writeInspectSheets(w io.Writer, d inspectJSON, l msg.Lang) {
	if len(d.Sheets) < 2 {
		return
	}
	fmt.Fprintln(w, "  "+msg.Text{EN: "sheets:", VI: "các trang tính:"}.In(l))
	for i, s := range d.Sheets {
		var what []string
		switch s.Visibility {
		case "visible":
		case "hidden":
			what = append(what, msg.Text{EN: "hidden", VI: "ẩn"}.In(l))
		case "veryHidden":
			what = append(what, msg.Text{EN: "veryHidden", VI: "ẩn sâu"}.In(l))
		default:
			what = append(what, s.Visibility)
		}
		if s.Active {
			what = append(what, msg.Text{EN: "active", VI: "đang mở"}.In(l))
		}
		if s.Period != nil {
			what = append(what, *s.Period)
		}
		switch {
		case s.Units == 1:
			what = append(what, msg.Text{EN: "1 unit", VI: "1 đơn vị"}.In(l))
		case s.Units > 1:
			what = append(what, msg.Sprintf("%s units", "%s đơn vị", msg.Count(s.Units)).In(l))
		}
		if s.Transposed {
			what = append(what, msg.Text{EN: "transposed", VI: "bảng xoay"}.In(l))
		}
		head := fmt.Sprintf("%d %q", i+1, s.Name)
		if len(what) > 0 {
			head += " [" + strings.Join(what, ", ") + "]"
		}
		fmt.Fprintf(w, "    %s: %s\n", head, s.Why.In(l))
	}
	for _, n := range d.Notes {
		fmt.Fprintf(w, "  %s %s\n", msg.Text{EN: "note:", VI: "ghi chú:"}.In(l), n.In(l))
	}
}

// writeInspectRows says what every row is, in runs from the top.
func writeInspectRows(w io.Writer, d inspectJSON, width int, l msg.Lang) error {
	sheet := "-"
	var rows [][]string
	for _, r := range d.Rows {
		if r.Sheet != sheet {
			if err := writeInspectLines(w, width, rows); err != nil {
				return err
			}
			rows = nil
			switch {
			case r.Sheet != "":
				fmt.Fprintln(w, "  "+msg.Sprintf("rows of %q:", "các dòng của %q:", r.Sheet).In(l))
			case d.Transposed:
				fmt.Fprintln(w, "  "+msg.Text{EN: "rows (of the view: columns of the sheet):", VI: "các dòng (của bảng xoay: các cột của trang tính):"}.In(l))
			default:
				fmt.Fprintln(w, "  "+msg.Text{EN: "rows:", VI: "các dòng:"}.In(l))
			}
			sheet = r.Sheet
		}
		span := fmt.Sprint(r.First)
		if r.Last > r.First {
			span = fmt.Sprintf("%d–%d", r.First, r.Last)
		}
		rows = append(rows, []string{span, rowKind(r.What).In(l), r.Why.In(l)})
	}
	return writeInspectLines(w, width, rows)
}

// columnName is a column's letter, or in a transposed table the sheet's
// row it is ("row 13"), as the reader of l says it.
func columnName(letter string, l msg.Lang) string {
	if l == msg.VI {
		return strings.Replace(letter, "row ", "dòng ", 1)
	}
	return letter
}

// rowKinds are the kinds of rows (inspect's JSON "what") as the reader of
// Vietnamese calls them.
var rowKinds = map[string]string{
	"units": "đơn vị", "title": "tên báo cáo", "header": "tiêu đề cột", "numbering": "số cột",
	"blank": "trống", "total": "tổng", "subtotal": "cộng nhóm", "section": "nhóm",
	"heading": "tiêu đề nhóm", "breakdown": "chi tiết", "skipped": "bỏ qua", "rejected": "bị từ chối",
	"footer": "cuối bảng", "second table": "bảng thứ hai",
}

// rowKind is a kind of rows in both languages.
func rowKind(what string) msg.Text { return msg.Text{EN: what, VI: rowKinds[what]} }
