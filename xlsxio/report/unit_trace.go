package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/bhxh/bhxh/coverage"
)

// WriteUnitTrace writes where each figure of one unit came from (bhxh
// inspect --unit): per key its value and cells, and for a unit converted
// across the 2025 reform the old units it was summed from, what each gave
// and from which cell.
func WriteUnitTrace(w io.Writer, u *coverage.Unit, lang string) error {
	var b strings.Builder
	b.WriteString(u.Name)
	if u.Code != "" {
		b.WriteString(" (" + u.Code + ")")
	}
	b.WriteString("\n")
	num := func(v int64) string {
		s := strconv.FormatInt(v, 10)
		if lang == "en" {
			return s
		}
		return formatVI(s)
	}
	keys := sourceKeys(u)
	if len(keys) == 0 {
		b.WriteString("  no figure with a source\n")
	}
	for _, k := range keys {
		v := fmt.Sprint(value(u, k))
		if c, ok := u.Counts[k]; ok {
			v = num(c)
		}
		if !u.MovedAcrossReform(k) {
			fmt.Fprintf(&b, "  %-28s %12s  %s\n", k, v, strings.Join(u.Sources[k], ", "))
			continue
		}
		fmt.Fprintf(&b, "  %-28s %12s  = the sum of:\n", k, v)
		for _, og := range u.Origins {
			moved, ok := og.Counts[k]
			if !ok {
				continue
			}
			how := og.Relation
			if og.Share != nil {
				how += " " + og.Share.FloatString(6)
				if og.ShareCell != "" {
					how += " (" + og.ShareCell + ")"
				}
			}
			name := og.Name
			if og.Code != "" {
				name = og.Code + " " + og.Name
			}
			fmt.Fprintf(&b, "      %12s  %s, %s, from %s\n", num(moved), name, how, strings.Join(og.Sources[k], ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteUnitTraceJSON writes the same as bhxh.unit-sources/v1: the unit's
// counts, their cells (sources) and the old units it was made of (from),
// as in bhxh.compute/v1.
func WriteUnitTraceJSON(w io.Writer, u *coverage.Unit) error {
	counts := object{}
	for _, k := range coverage.AllKeys() {
		if v, ok := u.Counts[k]; ok {
			counts = append(counts, field{k, v})
		}
	}
	return writeJSON(w, object{
		{"schema", "bhxh.unit-sources/v1"},
		{"name", u.Name},
		{"code", nullIfEmpty(u.Code)},
		{"counts", counts},
		{"sources", jsonSources(u)},
		{"from", jsonOrigins(u)},
	})
}
