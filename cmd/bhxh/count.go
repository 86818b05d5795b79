package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// countOptions holds everything `bhxh count` needs.
type countOptions struct {
	streams
	Inputs  []string
	Sheet   string
	Schemes []string // --scheme, once for every list or once per list
	Format  string
	Output  string
	Strict  bool
}

func newCountCmd(s streams) *cobra.Command {
	opts := &countOptions{streams: s}
	cmd := &cobra.Command{
		Use:   "count LIST…",
		Short: "Participant lists (one row per person) → the unit counts compute reads",
		Long: `count reads participant lists (.xlsx, one row per insured person) and counts, per
unit, the persons taking part in each scheme: BHXH bắt buộc (bhxh_mandatory), BHXH tự
nguyện (bhxh_voluntary), BHTN (bhtn), BHYT (bhyt). A person (mã số BHXH, 10 digits) is
counted once per scheme across all lists; repeats are reported as duplicate_person.

Columns are recognised by their headers: "Mã số BHXH"; the unit by "Mã xã" / "Mã ĐVHC" /
"Mã đơn vị" and/or "Xã, phường" / "Đơn vị"; the scheme by "Loại hình" / "Đối tượng"
(values such as "Bắt buộc", "Tự nguyện", "BHTN", "BHYT", "BB, BHTN, BHYT"). A list of one
scheme needs no such column: give --scheme (once for all lists, or once per list).

The xlsx written (-o counts.xlsx) has the columns compute reads back unchanged.`,
		Example: `  bhxh count danh-sach-2023-11.xlsx -o so-nguoi.xlsx
  bhxh count --scheme bhyt the-bhyt-q1.xlsx the-bhyt-q2.xlsx --format json
  bhxh count --scheme bhxh_mandatory --scheme bhxh_voluntary bb.xlsx tn.xlsx -o so-nguoi.xlsx`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Inputs = args
			return runCount(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Sheet, "sheet", "", "sheet name or 1-based index (default: the first sheet)")
	f.StringArrayVar(&opts.Schemes, "scheme", nil, "every row of a list counts for this scheme: "+strings.Join(xlsxio.ParticipantSchemes, ", ")+" (once for all lists, or once per list)")
	f.StringVar(&opts.Format, "format", "", "output format: table, csv, json or xlsx (default: from -o, else table)")
	f.StringVarP(&opts.Output, "output", "o", "", "output file (- = standard output)")
	f.BoolVar(&opts.Strict, "strict", false, "exit 3 when any warning was reported")
	return cmd
}

// countResult is what every writer renders.
type countResult struct {
	Inputs  []xlsxio.CountInput
	Schemes []string
	Units   []xlsxio.UnitCount
	Issues  []xlsxio.Issue
}

func runCount(opts *countOptions) error {
	format, err := outputFormat(opts.Format, opts.Output)
	if err != nil {
		return err
	}
	for _, s := range opts.Schemes {
		if xlsxio.SchemeIndex(s) < 0 {
			return usagef("--scheme %q: want one of %s", s, strings.Join(xlsxio.ParticipantSchemes, ", "))
		}
	}
	if n := len(opts.Schemes); n > 1 && n != len(opts.Inputs) {
		return usagef("--scheme given %d times for %d lists: give it once for all, or once per list", n, len(opts.Inputs))
	}
	if opts.Output != "" && opts.Output != "-" {
		if err := report.CheckOutput(opts.Output, opts.Inputs); err != nil {
			return usageError{err}
		}
	}
	pc := xlsxio.NewParticipantCounter()
	for i, in := range opts.Inputs {
		o := xlsxio.CountOptions{Sheet: opts.Sheet}
		switch len(opts.Schemes) {
		case 0:
		case 1:
			o.Scheme = opts.Schemes[0]
		default:
			o.Scheme = opts.Schemes[i]
		}
		if err := pc.AddFile(in, o); err != nil {
			return err
		}
	}
	pc.Finish()
	res := &countResult{Inputs: pc.Inputs, Schemes: pc.Schemes(), Units: pc.Units(), Issues: pc.Issues}
	printIssues(opts.Err, res.Issues)

	write := func(w io.Writer) error {
		switch format {
		case "json":
			return writeCountJSON(w, res)
		case "csv":
			return writeCountCSV(w, res)
		case "xlsx":
			return writeCountXLSX(w, res)
		default:
			return writeCountTable(w, res)
		}
	}
	if err := writeOutput(opts.streams, opts.Output, opts.Inputs, format == "xlsx", write); err != nil {
		return err
	}
	if opts.Strict {
		if n := countWarnings(res.Issues); n > 0 {
			return strictError{n}
		}
	}
	return nil
}

// ---- JSON bhxh.count/v1 ----

type countsJSON struct {
	schemes []string
	counts  map[string]int64
}

// MarshalJSON keeps the schemes in report order.
func (c countsJSON) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, s := range c.schemes {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%q:%d", s, c.counts[s])
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

func writeCountJSON(w io.Writer, res *countResult) error {
	type unitJSON struct {
		Code   *string    `json:"code"`
		Name   string     `json:"name"`
		Counts countsJSON `json:"counts"`
	}
	doc := struct {
		Schema string              `json:"schema"`
		Inputs []xlsxio.CountInput `json:"inputs"`
		Units  []unitJSON          `json:"units"`
		Issues []xlsxio.Issue      `json:"issues"`
	}{Schema: "bhxh.count/v1", Inputs: res.Inputs, Units: []unitJSON{}, Issues: res.Issues}
	if doc.Inputs == nil {
		doc.Inputs = []xlsxio.CountInput{}
	}
	if doc.Issues == nil {
		doc.Issues = []xlsxio.Issue{}
	}
	for _, u := range res.Units {
		uj := unitJSON{Name: u.Name, Counts: countsJSON{res.Schemes, u.Counts}}
		if u.Code != "" {
			code := u.Code
			uj.Code = &code
		}
		doc.Units = append(doc.Units, uj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// ---- CSV: canonical keys as headers, UTF-8 with BOM ----

func writeCountCSV(w io.Writer, res *countResult) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(append([]string{"code", "unit"}, res.Schemes...))
	for _, u := range res.Units {
		rec := []string{u.Code, u.Name}
		for _, s := range res.Schemes {
			rec = append(rec, strconv.FormatInt(u.Counts[s], 10))
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// ---- xlsx: the canonical Vietnamese headers compute reads back ----

func writeCountXLSX(w io.Writer, res *countResult) error {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Số người tham gia"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetColWidth(1, 1, 12); err != nil {
		return err
	}
	if err := sw.SetColWidth(2, 2, 28); err != nil {
		return err
	}
	if err := sw.SetColWidth(3, 2+len(res.Schemes), 18); err != nil && len(res.Schemes) > 0 {
		return err
	}
	head := []any{report.HeaderVI("code"), report.HeaderVI("unit")}
	for _, s := range res.Schemes {
		head = append(head, report.HeaderVI(s))
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	for i, u := range res.Units {
		row := []any{u.Code, u.Name}
		for _, s := range res.Schemes {
			row = append(row, u.Counts[s])
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// ---- table ----

func writeCountTable(w io.Writer, res *countResult) error {
	head := []string{"Mã đơn vị", "Đơn vị"}
	for _, s := range res.Schemes {
		head = append(head, report.IndicatorLabel(s, "vi"))
	}
	rows := [][]string{head}
	total := make([]int64, len(res.Schemes))
	for _, u := range res.Units {
		r := []string{u.Code, u.Name}
		for i, s := range res.Schemes {
			r = append(r, groupThousands(u.Counts[s]))
			total[i] += u.Counts[s]
		}
		rows = append(rows, r)
	}
	tr := []string{"", "Tổng cộng"}
	for _, t := range total {
		tr = append(tr, groupThousands(t))
	}
	rows = append(rows, tr)
	width := make([]int, len(head))
	for _, r := range rows {
		for i, c := range r {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	for n, r := range rows {
		if n == len(rows)-1 || n == 1 {
			for i := range r {
				if i > 0 {
					b.WriteString("  ")
				}
				b.WriteString(strings.Repeat("-", width[i]))
			}
			b.WriteByte('\n')
		}
		for i, c := range r {
			if i > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(c))
			if i >= 2 {
				b.WriteString(pad + c)
			} else if i < len(r)-1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(c)
			}
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// groupThousands writes 1048573 as "1.048.573", as Vietnamese reports do.
func groupThousands(n int64) string { return coverage.FormatVI(strconv.FormatInt(n, 10)) }
