package xlsxio_test

import (
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
)

// TestMatchHeaderCanonicalLabels: whatever bhxh writes as a header (the
// report vocabulary, in either language, also decomposed), it reads back
// as the key it was written for, without overrides.
func TestMatchHeaderCanonicalLabels(t *testing.T) {
	keys := append([]string{"unit", "code"}, coverage.AllKeys()...)
	for _, k := range keys {
		for _, h := range []string{report.HeaderVI(k), report.HeaderEN(k), k, norm.NFD.String(report.HeaderVI(k))} {
			if got, why := xlsxio.MatchHeader("", h); got != k {
				t.Errorf("MatchHeader(%q) = %q (%s), want %q", h, got, why, k)
			}
		}
	}
}
