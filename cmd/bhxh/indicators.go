package main

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/spf13/cobra"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// defineFlags are --indicator and --indicators: the user's own indicators
// (sub-groups such as pupils and students), computed like built-in ones.
//
// A --indicator without '=' is a list of indicator names (bhxh,bhyt): the
// indicators the console table shows (Show), the others left out.
type defineFlags struct {
	Indicators     []string // --indicator NAME=NUM/DEN or LIST as given
	IndicatorsFile string
	Defined        []coverage.Indicator // both parsed, in the order given (file first)
	Show           []string             // the names of --indicator LIST, in the order given
}

func (d *defineFlags) bind(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringArrayVar(&d.Indicators, "indicator", nil, "define an indicator NAME=NUMERATOR/DENOMINATOR, each side a header or a count key, e.g. 'hssv=Số HSSV tham gia BHYT/Tổng số HSSV' (repeatable); without '=', a list of indicators the console table shows, e.g. bhxh,bhyt")
	f.StringVar(&d.IndicatorsFile, "indicators", "", "file of indicator definitions, one NAME=NUMERATOR/DENOMINATOR a line")
	markInputFiles(cmd, "indicators")
}

// check parses the definitions: a bad --indicator is a usage error, a bad
// line of the file an input error naming the file and line.
func (d *defineFlags) check() error {
	d.Defined, d.Show = nil, nil
	if d.IndicatorsFile != "" {
		b, err := os.ReadFile(d.IndicatorsFile)
		if err != nil {
			return err
		}
		defs, err := coverage.ParseIndicators(string(b))
		if err != nil {
			return fmt.Errorf("%s: %w", d.IndicatorsFile, err)
		}
		d.Defined = defs
	}
	var lists []string
	for _, s := range d.Indicators {
		if !strings.Contains(s, "=") {
			lists = append(lists, s)
			continue
		}
		ind, err := coverage.ParseIndicator(s)
		if err != nil {
			return usagef("--indicator %v", "--indicator %v", err)
		}
		d.Defined = append(d.Defined, ind)
	}
	if err := coverage.CheckDefined(d.Defined); err != nil {
		return usagef("--indicator: %v", "--indicator: %v", err)
	}
	for _, list := range lists {
		for _, name := range strings.Split(list, ",") {
			name = strings.ToLower(strings.TrimSpace(name))
			if name == "" {
				continue
			}
			if !d.known(name) {
				return usagef("--indicator %q: no indicator %q (known: %s; or define one NAME=NUMERATOR/DENOMINATOR)",
					"--indicator %q: không có chỉ số %q (có: %s; hoặc định nghĩa TÊN=TỬ_SỐ/MẪU_SỐ)",
					list, name, strings.Join(d.knownNames(), ", "))
			}
			if !slices.Contains(d.Show, name) {
				d.Show = append(d.Show, name)
			}
		}
	}
	return nil
}

// known reports whether name is a built-in or a defined indicator.
func (d *defineFlags) known(name string) bool {
	_, ok := coverage.IndicatorByKey(name)
	return ok || slices.Contains(d.names(), name)
}

// knownNames are the indicators --indicator LIST may name.
func (d *defineFlags) knownNames() []string {
	var ns []string
	for _, ind := range coverage.Indicators {
		ns = append(ns, ind.Key)
	}
	return append(ns, d.names()...)
}

// names are the defined indicators' keys (targets may name them).
func (d *defineFlags) names() []string {
	var ns []string
	for _, ind := range d.Defined {
		ns = append(ns, ind.Key)
	}
	return ns
}

// apply maps every header a definition names to its column key, as a
// --col would (header matching ignores case, diacritics and spacing).
func (d *defineFlags) apply(opt *xlsxio.Options) {
	for _, ind := range d.Defined {
		for _, h := range ind.Headers() {
			opt.Columns[h] = coverage.ColumnPrefix + h
		}
	}
}

// verify refuses a table without a column a definition names: the
// indicator would silently be missing.
func (d *defineFlags) verify(t *xlsxio.Table) error {
	for _, ind := range d.Defined {
		for _, h := range ind.Headers() {
			key := coverage.ColumnPrefix + h
			found := false
			for _, c := range t.Columns {
				found = found || c.Key == key
			}
			for i := 0; i < len(t.Units) && !found; i++ { // joined baselines: the column may be another file's
				_, found = t.Units[i].Counts[key]
			}
			if !found {
				return msg.Errorf("%s: sheet %s: indicator %s: no column %q (headers are matched ignoring case, accents and spacing; a column letter works too)", "%s: trang tính %s: chỉ số %s: không có cột %q (tiêu đề được so khớp không phân biệt hoa thường, dấu và khoảng trắng; cũng có thể ghi chữ cái của cột)",
					t.File, t.Sheet, ind.Key, h)
			}
		}
	}
	return nil
}
