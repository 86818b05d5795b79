package report

import (
	"archive/zip"
	"bytes"
	"io"
	"sync"
	"testing"
)

// rezip writes the parts of the zip b again, in order, through a plain
// zip.Writer with fastZip's deflater: the archive fastZip wrote before it
// kept deflated parts (reusingZip).
func rezip(t *testing.T, b []byte) []byte {
	t.Helper()
	parts, names := zipParts(t, b)
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	zw.RegisterCompressor(zip.Deflate, newPooledDeflater)
	for _, name := range names {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(w, parts[name]); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func clearDeflatedParts() {
	deflatedParts.Range(func(k, _ any) bool { deflatedParts.Delete(k); return true })
}

// TestReusedPartsSameBytes: a report written with its parts deflated
// afresh and written again from the kept deflated parts are the same
// bytes, and the same as zip.Writer.Create writes them, in both languages.
func TestReusedPartsSameBytes(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		rep := reportFromFixture(t, "tinh-mau-2023-11.targets.expected.json", map[string]string{"bhxh": "30", "bhyt": "95"})
		rep.Lang = lang
		clearDeflatedParts()
		cold := writeXLSX(t, rep)
		kept := 0
		deflatedParts.Range(func(_, v any) bool {
			if v != tooBig {
				kept++
			}
			return true
		})
		if kept < 10 {
			t.Errorf("%s: %d parts kept after a report, want the small ones (≥ 10)", lang, kept)
		}
		warm := writeXLSX(t, rep)
		if !bytes.Equal(cold, warm) {
			t.Errorf("%s: the report written from kept parts differs from the one deflated afresh", lang)
		}
		if !bytes.Equal(cold, rezip(t, cold)) {
			t.Errorf("%s: the report differs from its parts written by zip.Writer.Create", lang)
		}
	}
}

// TestReusedPartsConcurrent: workers writing reports of both languages at
// once, sharing the kept parts, write each the same bytes as alone.
func TestReusedPartsConcurrent(t *testing.T) {
	want := map[string][]byte{}
	reps := map[string]*Compute{}
	for _, lang := range []string{"vi", "en"} {
		rep := reportFromFixture(t, "tinh-mau-2023-11.targets.expected.json", map[string]string{"bhxh": "30"})
		rep.Lang = lang
		reps[lang] = rep
		clearDeflatedParts()
		want[lang] = writeXLSX(t, rep)
	}
	clearDeflatedParts()
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for w := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 4 {
				lang := []string{"vi", "en"}[(w+i)%2]
				var buf bytes.Buffer
				if err := WriteComputeXLSX(&buf, reps[lang]); err != nil {
					errs <- err.Error()
					return
				}
				if !bytes.Equal(buf.Bytes(), want[lang]) {
					errs <- lang + ": a report written beside others differs"
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestReusingZipBigPart: a part over maxReusedPart is written straight,
// never kept, and still reads back whole.
func TestReusingZipBigPart(t *testing.T) {
	clearDeflatedParts()
	big := bytes.Repeat([]byte("<row>1</row>"), maxReusedPart/4)
	for range 2 {
		var out bytes.Buffer
		zw := fastZip(&out)
		w, err := zw.Create("xl/worksheets/sheet9.xml")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(big); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		got, _ := zipEntry(t, out.Bytes(), "xl/worksheets/sheet9.xml")
		if got != string(big) {
			t.Fatal("the big part does not read back")
		}
		if !bytes.Equal(out.Bytes(), rezip(t, out.Bytes())) {
			t.Error("the big part's zip differs from zip.Writer.Create's")
		}
	}
	if v, _ := deflatedParts.Load("xl/worksheets/sheet9.xml"); v != tooBig {
		t.Errorf("big part kept as %v, want tooBig", v)
	}
}
