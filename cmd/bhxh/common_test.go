package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"
	"github.com/xuri/excelize/v2"
)

// The common flags: on every command where they make sense, with the same
// name, shorthand, default and help everywhere (inspect's --format, which
// knows only table and json, says so).
func TestCommonFlags(t *testing.T) {
	want := map[string]string{
		"compute":   "quiet strict lang decimals format output",
		"trend":     "quiet strict lang decimals format output",
		"allocate":  "quiet strict lang format output",
		"crosswalk": "quiet strict lang format output",
		"count":     "quiet strict format output",
		"inspect":   "strict format",
		"template":  "lang output",
	}
	seen := map[string]*pflag.Flag{}
	root := newRootCmd(&factory{})
	for _, c := range root.Commands() {
		names, ok := want[c.Name()]
		if !ok {
			continue
		}
		for _, n := range strings.Fields("quiet strict lang decimals format output") {
			f := c.Flags().Lookup(n)
			if has := strings.Contains(" "+names+" ", " "+n+" "); has != (f != nil) {
				t.Errorf("%s --%s: present %v, want %v", c.Name(), n, f != nil, has)
				continue
			}
			if f == nil || c.Name() == "inspect" && n == "format" {
				continue
			}
			if first, ok := seen[n]; !ok {
				seen[n] = f
			} else if f.Usage != first.Usage || f.Shorthand != first.Shorthand || f.DefValue != first.DefValue {
				t.Errorf("%s --%s: %q -%s (default %q), others %q -%s (default %q)", c.Name(), n, f.Usage, f.Shorthand, f.DefValue, first.Usage, first.Shorthand, first.DefValue)
			}
		}
	}
	if seen["quiet"].Shorthand != "q" || seen["output"].Shorthand != "o" {
		t.Error("-q and -o are the shorthands of --quiet and --output")
	}
}

// bhxh --version prints what bhxh version prints.
func TestVersionFlag(t *testing.T) {
	a, _, c1 := runCmd("version")
	b, _, c2 := runCmd("--version")
	if c1 != 0 || c2 != 0 || a != b || !strings.HasPrefix(a, "bhxh ") {
		t.Errorf("version %q (exit %d), --version %q (exit %d)", a, c1, b, c2)
	}
}

// count: a person repeated in a row for three schemes is one warning line
// naming the three, not three lines; --quiet prints no warning, and
// --strict still fails on them.
func TestCountDuplicatePersonOneLine(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	writeFile(t, a, "Mã số BHXH,Mã xã,Loại hình\n0123456789,00004,\"BB, BHTN, BHYT\"\n0123456788,00004,BHYT\n0123456789,00004,\"BB, BHTN, BHYT\"\n0123456788,00004,\"BHYT, BHTN\"\n")
	for lang, want := range map[string]string{
		"en": "bhxh: warning duplicate_person: a.csv:4: mã số BHXH 0123456789 already counted for bhxh_mandatory, bhtn, bhyt at a.csv line 2; counted once\n" +
			"bhxh: warning duplicate_person: a.csv:5: mã số BHXH 0123456788 already counted for bhyt at a.csv line 3; counted once\n",
		"vi": "bhxh: cảnh báo duplicate_person: a.csv:4: mã số BHXH 0123456789 đã được đếm cho bhxh_mandatory, bhtn, bhyt tại a.csv dòng 2; chỉ đếm một lần\n" +
			"bhxh: cảnh báo duplicate_person: a.csv:5: mã số BHXH 0123456788 đã được đếm cho bhyt tại a.csv dòng 3; chỉ đếm một lần\n",
	} {
		_, stderr, code := runIn(t, dir, nil, "count", "--lang", lang, "a.csv", "--format", "csv")
		if code != exitOK || stderr != want {
			t.Errorf("--lang %s: exit %d, stderr:\n%s\nwant:\n%s", lang, code, stderr, want)
		}
	}
	stdout, stderr, code := runIn(t, dir, nil, "count", "a.csv", "--format", "csv", "--quiet")
	if code != exitOK || stderr != "" || !strings.Contains(stdout, "00004") {
		t.Errorf("--quiet: exit %d, stderr %q, stdout %q", code, stderr, stdout)
	}
	_, stderr, code = runIn(t, dir, nil, "count", "a.csv", "--format", "csv", "-q", "--strict", "--lang", "en")
	if code != exitWarnings || stderr != "bhxh: 2 warning(s) and --strict given\n" {
		t.Errorf("--quiet --strict: exit %d, stderr %q", code, stderr)
	}
}

// --quiet keeps a single compute's warnings and notes off stderr; errors
// still show.
func TestComputeQuiet(t *testing.T) {
	dir := t.TempDir()
	in := copyFixture(t, "warn-total-mismatch.xlsx", dir, "w.xlsx")
	_, stderr, code := runIn(t, dir, nil, "compute", "--format", "csv", in)
	if code != exitOK || !strings.Contains(stderr, "total_mismatch") {
		t.Fatalf("without --quiet: exit %d, stderr %q", code, stderr)
	}
	_, stderr, code = runIn(t, dir, nil, "compute", "--format", "csv", "--quiet", in)
	if code != exitOK || stderr != "" {
		t.Errorf("--quiet: exit %d, stderr %q", code, stderr)
	}
	os.Remove(in)
	if _, stderr, code = runIn(t, dir, nil, "compute", "--quiet", in); code != exitData || stderr == "" {
		t.Errorf("--quiet, an error: exit %d, stderr %q", code, stderr)
	}
}

// bhxh's own template filled in, a count left blank: that unit has not
// reported it (no rate, the total over the units that did, missing_unit),
// never 0 people; the blank is said with blank_count.
func TestTemplateBlankIsNotReported(t *testing.T) {
	dir := t.TempDir()
	if _, stderr, code := runIn(t, dir, nil, "template", "-o", "mau.xlsx", "--period", "2025-10"); code != exitOK {
		t.Fatalf("template: exit %d, %s", code, stderr)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "mau.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	// B unit, D labour force, E population, F BB, G TN, H BHTN, I BHYT, J 60+, K pension
	for r, row := range [][]any{{"Xã A", nil, 500, 1000, 100, 10, 80, 900, 50, 40}, {"Xã B", nil, 600, 2000, 120, 12, 90, nil, 60, 45}} {
		for c, v := range row {
			if v != nil {
				cell, _ := excelize.CoordinatesToCellName(2+c, 5+r)
				f.SetCellValue("Số liệu", cell, v)
			}
		}
	}
	if err := f.SaveAs(filepath.Join(dir, "mau.xlsx")); err != nil {
		t.Fatal(err)
	}
	f.Close()
	stdout, stderr, code := runIn(t, dir, nil, "compute", "--lang", "en", "--format", "json", "mau.xlsx")
	if code != exitOK {
		t.Fatalf("compute: exit %d, %s", code, stderr)
	}
	var doc struct {
		Units []struct {
			Name       string
			Counts     map[string]int64
			Indicators map[string]struct{ Rate *string }
		}
		Total struct {
			Indicators map[string]struct{ Rate *string }
		}
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	b := doc.Units[1]
	if _, ok := b.Counts["bhyt"]; ok || b.Indicators["bhyt"].Rate != nil {
		t.Errorf("Xã B's blank BHYT: counts %v, rate %v; want not reported", b.Counts, b.Indicators["bhyt"].Rate)
	}
	if r := doc.Total.Indicators["bhyt"].Rate; r == nil || *r != "90.00" {
		t.Errorf("the total's BHYT rate %v, want 90.00 (Xã A's alone)", r)
	}
	for _, w := range []string{
		`bhxh: warning blank_count: mau.xlsx: Số liệu!I6: blank count cells in column I "Số người tham gia BHYT" (bhyt): I6; not reported (a blank in bhxh's template), not 0`,
		"bhxh: warning missing_unit: mau.xlsx: Xã B: no bhyt figures",
	} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr lacks %q:\n%s", w, stderr)
		}
	}
	_, stderr, _ = runIn(t, dir, nil, "compute", "mau.xlsx")
	if w := `bhxh: cảnh báo blank_count: mau.xlsx: Số liệu!I6: ô số liệu để trống ở cột I "Số người tham gia BHYT" (bhyt): I6; là "chưa báo cáo" (ô trống của biểu mẫu bhxh), không phải 0`; !strings.Contains(stderr, w) {
		t.Errorf("stderr lacks %q:\n%s", w, stderr)
	}
}
