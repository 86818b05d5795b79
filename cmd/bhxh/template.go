package main

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// templateOptions holds everything `bhxh template` needs: the parsed and
// checked flags, and the streams.
type templateOptions struct {
	streams
	commonFlags        // --lang, -o
	Units       string // unit list file (CSV or xlsx of name[,code])
	Period      string
}

// newTemplateCmd binds template's flags and checks them; runF does the work
// (runTemplate unless a test captures the options).
func newTemplateCmd(f *factory, runF func(*templateOptions) error) *cobra.Command {
	opts := &templateOptions{streams: f.streams}
	cmd := &cobra.Command{
		Use:   "template -o FILE.xlsx",
		Short: "Write a blank input workbook that units fill in and compute reads as it is",
		Long: `template writes the workbook to send to units: a title ("BÁO CÁO KẾT QUẢ PHÁT TRIỂN
NGƯỜI THAM GIA BHXH, BHYT", the month), the canonical headers (unit, code, labour force,
population, mandatory and voluntary social insurance, BHTN, BHYT, population past retirement
age, pension recipients), data cells that accept only whole numbers of people (≥ 0), a locked
header (the sheet is protected without a password; the data cells are not locked), and an
instructions sheet. bhxh compute reads the filled-in workbook without any --col.

--units pre-fills unit names and codes from a CSV or xlsx list (rows "name,code", a header
row is optional; codes keep their leading zeros); without it the sheet has 20 empty rows.`,
		Example: `  bhxh template -o mau-bao-cao.xlsx
  bhxh template --units ds-xa.csv --period 2025-10 -o mau-thang-10.xlsx
  bhxh template --lang en -o template.xlsx`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := opts.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runTemplate(opts)
		},
	}
	fl := cmd.Flags()
	opts.commonFlags.bind(cmd, withLang|withOutput)
	fl.StringVar(&opts.Units, "units", "", "CSV or xlsx list of unit names and codes to pre-fill")
	markInputFiles(cmd, "units")
	fl.StringVar(&opts.Period, "period", "", "report month YYYY-MM shown in the title (default: a line to fill in)")
	return cmd
}

// check validates the flags.
func (opts *templateOptions) check() error {
	if opts.Output == "" {
		return usagef("give the workbook to write with -o FILE.xlsx", "hãy cho tệp cần ghi bằng -o TỆP.xlsx")
	}
	if opts.Output != "-" && !strings.EqualFold(filepath.Ext(opts.Output), ".xlsx") {
		return usagef("-o %s: a template is an .xlsx workbook", "-o %s: mẫu nhập liệu là tệp .xlsx", opts.Output)
	}
	if err := checkLang(opts.Lang); err != nil {
		return err
	}
	if err := refuseBinaryOnTerminal(opts.Out, opts.Output, true); err != nil {
		return err
	}
	return checkPeriod(opts.Period)
}

// runTemplate writes the blank workbook, pre-filled from --units.
func runTemplate(opts *templateOptions) error {
	topt := report.TemplateOptions{Lang: opts.Lang, Period: opts.Period}
	var inputs []string
	if opts.Units != "" {
		units, err := xlsxio.ReadUnitList(opts.Units)
		if err != nil {
			return err
		}
		for _, u := range units {
			topt.Units = append(topt.Units, report.TemplateUnit{Name: u.Name, Code: u.Code})
		}
		inputs = append(inputs, opts.Units)
	}
	write := func(w io.Writer) error { return report.WriteTemplate(w, topt) }
	return writeOutput(opts.streams, opts.Output, inputs, true, write)
}
