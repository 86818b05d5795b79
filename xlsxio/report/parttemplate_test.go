package report

import (
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSetDocPropsSameAsExcelize: core.xml from coreTemplate is the one
// SetDocProps writes, text escaped alike; with a field the template has
// no slot for, or an empty one, it is SetDocProps's.
func TestSetDocPropsSameAsExcelize(t *testing.T) {
	for _, p := range []excelize.DocProperties{
		{Title: "Kết quả <BHXH> & \"BHYT\" 'x'\tnăm\n2024 — tháng 11", Creator: "bhxh (devel)", LastModifiedBy: "bhxh & co",
			Language: "vi-VN", Created: "2024-11-30T08:00:00Z", Modified: "2024-11-30T08:00:00Z"},
		{Title: "Coverage", Creator: "", LastModifiedBy: "bhxh", Language: "en-GB", Created: "2024-11-30T08:00:00Z", Modified: "2024-11-30T08:00:00Z"},
		{Title: "Coverage", Creator: "bhxh", LastModifiedBy: "bhxh", Language: "en-GB", Created: "2024-11-30T08:00:00Z", Modified: "2024-11-30T08:00:00Z", Subject: "s"},
	} {
		core := func(set func(f *excelize.File, p *excelize.DocProperties) error) string {
			f, err := newComputeWorkbook()
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			q := p
			if err := set(f, &q); err != nil {
				t.Fatal(err)
			}
			b, _ := f.Pkg.Load(corePart)
			return string(b.([]byte))
		}
		got := core(setDocProps)
		want := core(func(f *excelize.File, p *excelize.DocProperties) error { return f.SetDocProps(p) })
		if got != want {
			t.Errorf("core.xml for %q:\n got %s\nwant %s", p.Title, got, want)
		}
	}
}
