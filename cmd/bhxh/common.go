package main

import (
	"io"

	"github.com/spf13/cobra"
)

// commonFlags are the flags that mean the same on every command that has
// them, with the same names and help: bound here once, never per command.
type commonFlags struct {
	Quiet    bool   // --quiet, -q: only errors on stderr
	Strict   bool   // --strict: exit 3 on any warning
	Lang     string // --lang vi|en
	Decimals int    // --decimals N
	Format   string // --format; "" = from -o's extension, else table
	Output   string // -o, --output; "" or "-" = standard output
	Place    string // --place: the place of the xlsx report's date line
}

// common names the common flags a command takes.
type common uint8

const (
	withQuiet common = 1 << iota
	withStrict
	withLang
	withDecimals
	withFormat
	withOutput
	withPlace // of a report an office signs (compute's and allocate's xlsx)

	// withReport: the flags of a command writing a report that may warn.
	withReport = withQuiet | withStrict | withLang | withFormat | withOutput
)

// bind registers the common flags in which on cmd.
func (c *commonFlags) bind(cmd *cobra.Command, which common) {
	fl := cmd.Flags()
	if which&withFormat != 0 {
		fl.StringVar(&c.Format, "format", "", "output format: table, csv, json or xlsx (default: from -o's extension, else table)")
	}
	if which&withOutput != 0 {
		fl.StringVarP(&c.Output, "output", "o", "", "output file; its extension (.xlsx, .csv, .json, .txt) gives the format (- = standard output)")
	}
	if which&withDecimals != 0 {
		fl.IntVar(&c.Decimals, "decimals", 2, "decimals shown for rates and gaps (rounded half-up)")
	}
	if which&withLang != 0 {
		fl.StringVar(&c.Lang, "lang", "vi", "language of the output and messages: vi or en")
	}
	if which&withPlace != 0 {
		fl.StringVar(&c.Place, "place", "", "place of the xlsx report's date line over the signatures, e.g. \"Hà Nội\" (default: the line left blank to fill in)")
	}
	if which&withQuiet != 0 {
		fl.BoolVarP(&c.Quiet, "quiet", "q", false, "print only errors: no warnings or notes on stderr (--strict still counts them)")
	}
	if which&withStrict != 0 {
		fl.BoolVar(&c.Strict, "strict", false, "exit 3 when any warning was reported")
	}
}

// warnings is where warnings and notes go: w, or nowhere with --quiet.
func (c *commonFlags) warnings(w io.Writer) io.Writer {
	if c.Quiet {
		return io.Discard
	}
	return w
}

// checkOutput is the format from --format and -o (outputFormat), refusing
// an xlsx for out, standard output, when it is a terminal: checked with the
// flags, before any input is read.
func (c *commonFlags) checkOutput(out io.Writer) (string, error) {
	format, err := outputFormat(c.Format, c.Output)
	if err != nil {
		return "", err
	}
	return format, refuseBinaryOnTerminal(out, c.Output, format == "xlsx")
}
