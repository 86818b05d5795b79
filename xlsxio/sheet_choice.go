package xlsxio

// Which sheets of a workbook hold the table, as a careful analyst would
// choose them, and why each other sheet was skipped:
//
//   - a hidden or very hidden sheet is never read unless --sheet names it
//     (an old month kept as "T10 (cũ)", a draft);
//   - sheets of different periods (one per month) are a series: compute
//     takes the latest, trend every one;
//   - among sheets of one period, sheets holding different columns for the
//     same units are forms joined by unit ("Biểu 01" + "Biểu 02");
//   - otherwise the sheet with most unit rows wins (an instructions sheet's
//     one-row example loses), the active sheet breaking a tie.
//
// Every choice among several sheets is said: in Table.Notes (stderr and the
// report's "Nguồn"), and per sheet in Workbook.Sheets (inspect).

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/grid"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// sheetAll is the --sheet value that reads every visible sheet holding a
// table: joined into one table (compute), or one table per period (trend).
const sheetAll = "all"

// SheetReading is one sheet of a workbook as bhxh saw it.
type SheetReading struct {
	Name       string
	Visibility string   // "visible", "hidden" or "veryHidden"
	Active     bool     // the sheet shown when the file opens
	Period     string   // what its title says, "" when nothing
	Units      int      // unit rows of its table; 0 when it holds none
	Transposed bool     // its table runs across: units in a header row
	Read       bool     // its table is (part of) what was read
	Why        msg.Text // why it was read or skipped (JSON: English)
}

// Workbook is what reading a workbook found.
type Workbook struct {
	File   string // base name
	Path   string // as given
	SHA256 string
	Sheets []SheetReading // every sheet, in tab order; one unnamed for a CSV
	// Table is what compute reads: one sheet's table, or the forms of
	// several joined by unit (Parts then lists them).
	Table *Table
	// Series holds one table per period, oldest first, when the workbook
	// keeps a sheet per month; else only Table.
	Series []*Table
	// Notes say the choices that hold whatever is read of the workbook
	// (hidden sheets and examples not read); Table.Notes holds them too.
	Notes []msg.Text
}

// sheetTable is a sheet read as a table (t nil when it holds none).
type sheetTable struct {
	i   int
	t   *Table
	h   header
	err error // a rejected cell: the sheet holds a table, but a bad one
}

// sheetSelection is what --sheet asks for: nil indexes when bhxh chooses.
type sheetSelection struct {
	all     bool
	indexes []int
}

// selectSheets reads --sheet: a name (exactly, else ignoring case and
// diacritics), a 1-based index, or "all".
func selectSheets(infos []grid.SheetInfo, file, want string) (sheetSelection, error) {
	if want == "" {
		return sheetSelection{}, nil
	}
	if strings.EqualFold(strings.TrimSpace(want), sheetAll) {
		for _, si := range infos {
			if si.Name == sheetAll {
				return sheetSelection{indexes: []int{0}}, nil // a sheet named "all" is that sheet
			}
		}
		return sheetSelection{all: true}, nil
	}
	for i, si := range infos {
		if si.Name == want {
			return sheetSelection{indexes: []int{i}}, nil
		}
	}
	for i, si := range infos {
		if vntext.Fold(si.Name) == vntext.Fold(want) {
			return sheetSelection{indexes: []int{i}}, nil
		}
	}
	if n, err := strconv.Atoi(strings.TrimSpace(want)); err == nil && n >= 1 && n <= len(infos) {
		return sheetSelection{indexes: []int{n - 1}}, nil
	}
	names := make([]string, len(infos))
	for i, si := range infos {
		names[i] = si.Name
	}
	return sheetSelection{}, &FileError{File: file, Err: msg.Errorf("no sheet %q (sheets: %s; or a number from 1 to %d, or %q)", "không có trang tính %q (các trang: %s; hoặc một số từ 1 đến %d, hoặc %q)", want, quoteList(names), len(infos), sheetAll)}
}

func visibilityText(v string) msg.Text {
	switch v {
	case grid.VeryHidden.String():
		return msg.Sprintf("very hidden", "ẩn sâu (very hidden)")
	case "hidden":
		return msg.Sprintf("hidden", "ẩn")
	}
	return msg.Plain(v)
}

// hiddenWhy says why a hidden sheet was not read.
func hiddenWhy(v grid.Visibility, name string) msg.Text {
	what := msg.Text{EN: "hidden", VI: "bị ẩn"}
	if v == grid.VeryHidden {
		what = msg.Text{EN: "very hidden (Excel shows it only to macros)", VI: "ẩn sâu (Excel chỉ cho macro thấy)"}
	}
	return msg.Sprintf("skipped: %s; --sheet %s reads it", "bỏ qua: %s; --sheet %s để đọc trang này", what, quoteArg(name))
}

// quoteArg quotes a sheet name as a shell argument when it needs it.
func quoteArg(s string) string {
	if s != "" && !strings.ContainsAny(s, " '\"()&;|<>$`\\*?[]#~!{}") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// choose decides which of the sheets read hold what compute and trend
// read, filling wb.Table, wb.Series, the tables' notes and each sheet's
// why. read lists the sheets read, in tab order.
func (wb *Workbook) choose(read []sheetTable, sel sheetSelection, opt Options, active int) error {
	var cands []sheetTable
	for _, st := range read {
		if st.t != nil {
			cands = append(cands, st)
		}
	}
	if len(cands) == 0 {
		return wb.noTable(read)
	}
	if sel.all {
		return wb.takeAll(cands, opt)
	}
	if len(sel.indexes) > 0 || len(cands) == 1 {
		st := cands[0]
		if st.err != nil {
			// what was read stays in wb.Table, for inspect to show
			// beside the rejected cells
			wb.read(st, msg.Text{EN: "read, with rejected cells", VI: "đã đọc, có ô bị từ chối"})
			wb.finish(st.t)
			return st.err
		}
		wb.read(st, readWhy)
		st.t.Issues = append(st.t.Issues, unusedOverrides(opt, st.t)...)
		wb.Series = []*Table{st.t}
		wb.finish(st.t)
		return nil
	}
	// sheets of different periods are a series
	byPeriod := map[string][]sheetTable{}
	var periods []string
	var undated []sheetTable
	for _, st := range cands {
		p := st.t.Period
		if p == "" {
			undated = append(undated, st)
			continue
		}
		if byPeriod[p] == nil {
			periods = append(periods, p)
		}
		byPeriod[p] = append(byPeriod[p], st)
	}
	if len(periods) < 2 {
		t, err := wb.pick(cands, active, opt)
		if err != nil {
			return err
		}
		wb.Series = []*Table{t}
		wb.finish(t)
		return nil
	}
	sort.Strings(periods)
	for _, p := range periods {
		t, err := wb.pick(byPeriod[p], active, opt)
		if err != nil {
			return err
		}
		wb.Series = append(wb.Series, t)
	}
	for _, st := range undated {
		wb.Sheets[st.i].Why = msg.Sprintf("skipped: its title states no period, and the other sheets are months of a series; --sheet %s reads it", "bỏ qua: tiêu đề không ghi kỳ, còn các trang khác là các tháng của một chuỗi; --sheet %s để đọc trang này", quoteArg(wb.Sheets[st.i].Name))
		wb.Notes = append(wb.Notes, msg.Sprintf("sheet %q states no period and was not read (the other sheets are months of a series); --sheet %s reads it", "trang tính %q không ghi kỳ và không được đọc (các trang khác là các tháng của một chuỗi); --sheet %s để đọc trang này", wb.Sheets[st.i].Name, quoteArg(wb.Sheets[st.i].Name)))
	}
	latest := wb.Series[len(wb.Series)-1]
	var others []string
	for _, t := range wb.Series[:len(wb.Series)-1] {
		others = append(others, fmt.Sprintf("%q (%s)", t.Sheet, t.Period))
	}
	for _, st := range cands {
		if sr := &wb.Sheets[st.i]; st.t.Period != latest.Period && sr.Read {
			// compute's table is the latest month's; trend reads this one
			sr.Read = false
			sr.Why = msg.Sprintf("an earlier month of the series (%s): trend reads it; compute takes the latest, %s", "một tháng trước trong chuỗi (%s): trend đọc trang này; compute lấy kỳ mới nhất, %s", st.t.Period, latest.Period)
		}
	}
	note := msg.Sprintf("the sheets hold %d periods: took %q, the latest (%s); not read: %s; --sheet NAME reads another (trend reads every one)",
		"các trang tính có %d kỳ: lấy %q, kỳ mới nhất (%s); không đọc: %s; --sheet TÊN để đọc trang khác (trend đọc mọi trang)",
		len(wb.Series), latest.Sheet, latest.Period, strings.Join(others, ", "))
	t := *latest
	t.Notes = append([]msg.Text{note}, latest.Notes...)
	wb.finish(&t)
	return nil
}

// pick chooses among sheets of one period (or none): forms holding
// different columns for the same units are joined; else the sheet with
// most unit rows, the active one breaking a tie, then tab order.
func (wb *Workbook) pick(group []sheetTable, active int, opt Options) (*Table, error) {
	order := append([]sheetTable(nil), group...)
	sort.SliceStable(order, func(a, b int) bool {
		ua, ub := len(order[a].t.Units), len(order[b].t.Units)
		if ua != ub {
			return ua > ub
		}
		return order[a].i == active && order[b].i != active
	})
	main := order[0]
	forms := []sheetTable{main}
	for _, st := range order[1:] {
		if why := formOf(main.t, st.t); why != (msg.Text{}) {
			wb.Sheets[st.i].Why = why
			continue
		}
		forms = append(forms, st)
	}
	for _, st := range forms {
		if st.err != nil {
			return nil, st.err
		}
	}
	if len(forms) == 1 {
		wb.read(main, readWhy)
		t := main.t
		t.Issues = append(t.Issues, unusedOverrides(opt, t)...)
		if len(group) > 1 {
			var skipped []msg.Text
			for _, st := range order[1:] {
				skipped = append(skipped, msg.Sprintf("%q (%s)", "%q (%s)", wb.Sheets[st.i].Name, unitsPhrase(len(st.t.Units))))
			}
			t.Notes = append(t.Notes, msg.Sprintf("several sheets hold a table: took %q (%s, the most%s); not read: %s; --sheet NAME reads another",
				"nhiều trang tính có bảng: lấy %q (%s, nhiều nhất%s); không đọc: %s; --sheet TÊN để đọc trang khác",
				t.Sheet, unitsPhrase(len(t.Units)), activeText(main.i == active), msg.Join(skipped, ", ")))
		}
		return t, nil
	}
	sort.Slice(forms, func(a, b int) bool { return forms[a].i < forms[b].i })
	return wb.joinForms(forms, opt)
}

func unitsPhrase(n int) msg.Text {
	if n == 1 {
		return msg.Sprintf("1 unit", "1 đơn vị")
	}
	return msg.Sprintf("%s units", "%s đơn vị", msg.Count(n))
}

func activeText(active bool) msg.Text {
	if active {
		return msg.Sprintf("; the active sheet", "; trang đang mở")
	}
	return msg.Text{}
}

// formOf says why t is not a form of main's table (empty when it is one):
// it must hold mostly the same units and bring columns main lacks (or
// lack some main has).
func formOf(main, t *Table) msg.Text {
	refs := func(us []coverage.Unit) []UnitRef {
		out := make([]UnitRef, len(us))
		for i, u := range us {
			out[i] = UnitRef{Code: u.Code, Name: u.Name}
		}
		return out
	}
	shared := 0
	if ms, err := JoinUnits(refs(t.Units), refs(main.Units)); err == nil {
		for _, m := range ms {
			if m.Index >= 0 {
				shared++
			}
		}
	}
	mk, tk := tableKeys(main), tableKeys(t)
	if shared*2 < len(t.Units) || shared == 0 {
		return msg.Sprintf("skipped: %s, not those of %q (%s): an example or instructions table?; --sheet %s reads it",
			"bỏ qua: %s, không phải các đơn vị của %q (%s): bảng ví dụ hay hướng dẫn?; --sheet %s để đọc trang này",
			unitsPhrase(len(t.Units)), main.Sheet, unitsPhrase(len(main.Units)), quoteArg(t.Sheet))
	}
	if strings.Join(mk, ",") == strings.Join(tk, ",") {
		return msg.Sprintf("skipped: the same units and columns as %q (a copy?); --sheet %s reads it", "bỏ qua: cùng các đơn vị và các cột như %q (bản sao?); --sheet %s để đọc trang này", main.Sheet, quoteArg(t.Sheet))
	}
	return msg.Text{}
}

// joinForms joins the forms of one period by unit (xlsxio.Join: a value
// two sheets disagree on is an error naming both cells).
func (wb *Workbook) joinForms(forms []sheetTable, opt Options) (*Table, error) {
	tables := make([]*Table, len(forms))
	for i, st := range forms {
		tables[i] = st.t
	}
	quoted := make([]string, len(forms))
	for i, st := range forms {
		quoted[i] = strconv.Quote(st.t.Sheet)
	}
	names := msg.Text{EN: strings.Join(quoted, " and "), VI: strings.Join(quoted, " và ")}
	t, err := joinSheets(tables)
	if err != nil {
		return nil, &FileError{File: wb.File, Err: msg.Errorf("sheets %s hold different columns for the same units, joined by unit: %w", "các trang tính %s chứa các cột khác nhau của cùng các đơn vị, được ghép theo đơn vị: %w", names, err)}
	}
	t.Issues = append(t.Issues, unusedOverrides(opt, t)...)
	for _, st := range forms {
		wb.read(st, msg.Sprintf("read: a form joined by unit with the other sheets read (%s)", "đã đọc: một biểu mẫu ghép theo đơn vị với các trang khác được đọc (%s)", unitsPhrase(len(st.t.Units))))
	}
	t.Notes = append(t.Notes, msg.Sprintf("sheets %s hold different columns for the same units: joined unit by unit; --sheet NAME reads one alone", "các trang tính %s chứa các cột khác nhau của cùng các đơn vị: được ghép theo đơn vị; --sheet TÊN để chỉ đọc một trang", names))
	return t, nil
}

// joinSheets makes one table of tables read from sheets of one workbook.
func joinSheets(tables []*Table) (*Table, error) {
	j, err := Join(tables)
	if err != nil {
		return nil, err
	}
	first := tables[0]
	t := &Table{File: first.File, Path: first.Path, Sheet: first.Sheet, SHA256: first.SHA256, Period: first.Period,
		HeaderRows: first.HeaderRows, Title: first.Title, Units: j.Units, Parts: tables}
	for _, p := range tables {
		t.Columns = append(t.Columns, p.Columns...)
		t.Issues = append(t.Issues, p.Issues...)
		t.Notes = append(t.Notes, p.Notes...)
	}
	t.Issues = append(t.Issues, j.Issues...)
	return t, nil
}

// takeAll reads every sheet holding a table (--sheet all): joined into one
// table (compute), one table per period (trend).
func (wb *Workbook) takeAll(cands []sheetTable, opt Options) error {
	tables := make([]*Table, len(cands))
	for i, st := range cands {
		if st.err != nil {
			return st.err
		}
		tables[i] = st.t
		wb.read(st, msg.Text{EN: "read (--sheet all)", VI: "đã đọc (--sheet all)"})
	}
	byPeriod := map[string][]*Table{}
	var periods []string
	for _, t := range tables {
		if byPeriod[t.Period] == nil {
			periods = append(periods, t.Period)
		}
		byPeriod[t.Period] = append(byPeriod[t.Period], t)
	}
	sort.Strings(periods)
	for _, p := range periods {
		t := byPeriod[p][0]
		if len(byPeriod[p]) > 1 {
			var err error
			if t, err = joinSheets(byPeriod[p]); err != nil {
				return err
			}
		}
		wb.Series = append(wb.Series, t)
	}
	t := tables[0]
	if len(tables) > 1 {
		var err error
		if t, err = joinSheets(tables); err != nil {
			return err
		}
	}
	t.Issues = append(t.Issues, unusedOverrides(opt, t)...)
	wb.finish(t)
	return nil
}

// readWhy is a sheet's Why when it was read as the table.
var readWhy = msg.Text{EN: "read", VI: "đã đọc"}

// read marks sheet st as read.
func (wb *Workbook) read(st sheetTable, why msg.Text) {
	wb.Sheets[st.i].Read, wb.Sheets[st.i].Why = true, why
}

// finish makes t the table compute reads, its notes followed by the
// workbook's: the hidden sheets not read (a choice the analyst should know
// of), the examples skipped. t is a copy, so the series keeps its own
// notes.
func (wb *Workbook) finish(t *Table) {
	for _, s := range wb.Sheets {
		if s.Visibility != "visible" && !s.Read {
			wb.Notes = append(wb.Notes, msg.Sprintf("sheet %q is %s and was not read; --sheet %s reads it", "trang tính %q bị %s và không được đọc; --sheet %s để đọc trang này", s.Name, visibilityText(s.Visibility), quoteArg(s.Name)))
		}
	}
	c := *t
	c.Notes = append(append([]msg.Text(nil), t.Notes...), wb.Notes...)
	wb.Table = &c
}

// noTable is the error of a workbook none of whose sheets read holds a
// table; hidden sheets not read are named, with --sheet.
func (wb *Workbook) noTable(read []sheetTable) error {
	if len(read) == 1 && read[0].err != nil {
		return read[0].err // a header without unit rows under it
	}
	var names, hidden []string
	tried := map[int]bool{}
	for _, st := range read {
		names = append(names, wb.Sheets[st.i].Name)
		tried[st.i] = true
	}
	for i, s := range wb.Sheets {
		if s.Visibility != "visible" && !tried[i] {
			hidden = append(hidden, s.Name)
		}
	}
	err := noHeader(wb.File, names)
	if len(hidden) > 0 {
		var fe *FileError
		if errors.As(err, &fe) {
			fe.Err = msg.Errorf("%w (hidden sheets not read: %s; --sheet NAME reads one)", "%w (các trang tính ẩn không được đọc: %s; --sheet TÊN để đọc một trang)", fe.Err, quoteList(hidden))
		}
	}
	return err
}

func noHeader(file string, sheets []string) error {
	what := msg.Sprintf("sheet %s", "trang tính %s", quoteList(sheets))
	if len(sheets) != 1 {
		what = msg.Sprintf("sheets %s", "các trang tính %s", quoteList(sheets))
	}
	if len(sheets) == 1 && sheets[0] == "" {
		what = msg.Sprintf("the file", "tệp")
	}
	return &FileError{File: file, Err: msg.Errorf("%w in %s: expected a header row naming the unit (\"Đơn vị\") and counts such as \"Số người tham gia BHXH bắt buộc\"", "%w trong %s: cần một dòng tiêu đề ghi đơn vị (\"Đơn vị\") và số liệu như \"Số người tham gia BHXH bắt buộc\"", ErrNoHeader, what)}
}
