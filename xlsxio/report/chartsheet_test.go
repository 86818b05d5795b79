package report

import (
	"archive/zip"
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// zipParts is each part of the zip b, by name, and the names in order.
func zipParts(t *testing.T, b []byte) (map[string]string, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]string{}
	var names []string
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		c, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		parts[f.Name] = string(c)
		names = append(names, f.Name)
	}
	return parts, names
}

// sameWorkbook fails when a and b are not the same bytes, naming the
// parts that differ.
func sameWorkbook(t *testing.T, what string, a, b []byte) {
	t.Helper()
	if bytes.Equal(a, b) {
		return
	}
	pa, na := zipParts(t, a)
	pb, nb := zipParts(t, b)
	if len(na) != len(nb) {
		t.Errorf("%s: parts %v, want %v", what, na, nb)
	}
	for name, want := range pb {
		if got := pa[name]; got != want {
			at := 0
			for at < min(len(got), len(want)) && got[at] == want[at] {
				at++
			}
			from := max(0, at-80)
			t.Errorf("%s: part %s differs at byte %d:\n got …%.300q\nwant …%.300q", what, name, at, got[from:], want[from:])
		}
	}
	t.Errorf("%s: the workbooks differ", what)
}

// TestComputeXLSXSameAsReference: the compute report, its workbook opened
// from the theme-less template (newComputeWorkbook) and its charts put by
// chartSheet, is the same bytes as made by excelize's NewFile and
// AddChart, for one chart, split charts (with a shared value axis), one
// series and two, both languages, and no chart at all.
func TestComputeXLSXSameAsReference(t *testing.T) {
	targets := map[string]string{"bhxh": "30", "bhyt": "95"}
	cases := map[string]*Compute{
		"fixture vi":     reportFromFixture(t, "tinh-mau-2023-11.targets.expected.json", targets),
		"no targets":     reportFromFixture(t, "xa-phuong-2025-10.expected.json", nil),
		"no targets, en": reportFromFixture(t, "xa-phuong-2025-10.expected.json", nil),
	}
	cases["no targets, en"].Lang = "en"
	for _, n := range []int{0, 1, 7, 20, 21, 45, 130} {
		rep := &Compute{Result: benchComputeResult(n), Period: "2024-10", Decimals: 2, Lang: "vi", Tool: "bhxh test",
			Generated: time.Unix(1700000000, 0)}
		cases["units "+itoa(n)] = rep
		en := *rep
		en.Lang, en.Decimals = "en", 1
		cases["units "+itoa(n)+", en"] = &en
	}
	for name, rep := range cases {
		var got, want bytes.Buffer
		if err := writeComputeXLSX(&got, rep, false); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := writeComputeXLSX(&want, rep, true); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sameWorkbook(t, name, got.Bytes(), want.Bytes())
	}
}

// TestChartTemplateEscapes: text that XML escapes (in the chart's title
// and ranges, and the drawing's alt text) is written as excelize writes it.
func TestChartTemplateEscapes(t *testing.T) {
	title := "Tỷ lệ <BHXH> & \"BHYT\" 'x'\tnăm\n2024\r\x01_x0041_"
	series := []barSeries{
		{name: "'A&B''s <s>'!$C$3", categories: "'A&B''s <s>'!$B$4:$B$9", values: "'A&B''s <s>'!$C$4:$C$9", color: "4472C4"},
		{name: "'A&B''s <s>'!$D$3", categories: "'A&B''s <s>'!$B$4:$B$9", values: "'A&B''s <s>'!$D$4:$D$9", color: "ED7D31"},
	}
	lo, hi := 0.0, 70.0
	write := func(viaAddChart bool) []byte {
		f := newWorkbook()
		defer f.Close()
		part, err := newRawSheet(f, "Chart")
		if err != nil {
			t.Fatal(err)
		}
		cs := chartSheet{f: f, sheet: "Chart", part: part}
		fit := true // as the report's print setup does: it declares the r: namespace
		if err := f.SetSheetProps("Chart", &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
			t.Fatal(err)
		}
		row := 1
		for i, height := range []uint{320, 333, 619} {
			var err error
			if viaAddChart {
				err = addChart(f, "Chart", cellName(1, row), barChart(title, series[:1+i%2], &lo, &hi, height))
			} else {
				err = cs.add(row, title, series[:1+i%2], &lo, &hi, height)
			}
			if err != nil {
				t.Fatal(err)
			}
			row += int(height)/20 + 7
		}
		if err := cs.finish(); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	sameWorkbook(t, "escaped text", write(false), write(true))
}

// TestChartTemplatesConcurrent: workers making the same chart templates
// at once write the same reports as one alone.
func TestChartTemplatesConcurrent(t *testing.T) {
	rep := &Compute{Result: benchComputeResult(33), Period: "2024-10", Decimals: 2, Lang: "vi", Tool: "bhxh test",
		Generated: time.Unix(1700000000, 0)}
	var want bytes.Buffer
	if err := writeComputeXLSX(&want, rep, true); err != nil {
		t.Fatal(err)
	}
	chartTemplates.Range(func(k, _ any) bool { chartTemplates.Delete(k); return true })
	done := make(chan []byte)
	for range 4 {
		go func() {
			var b bytes.Buffer
			if err := WriteComputeXLSX(&b, rep); err != nil {
				t.Error(err)
			}
			done <- b.Bytes()
		}()
	}
	for range 4 {
		sameWorkbook(t, "concurrent", <-done, want.Bytes())
	}
}
