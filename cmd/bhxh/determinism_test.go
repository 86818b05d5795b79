package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// No figure, no order and no byte of a report depends on chance: each
// command runs twice on the same inputs and writes the same bytes (JSON and
// xlsx, SOURCE_DATE_EPOCH fixing the time), and once more on the same rows
// shuffled, which gives the same report once units are put in one order
// (their order is the table's, or first appearance's: that much is meant
// to follow the input). Inputs of the shuffled run have the same names in
// another folder, so only sha256 values differ.

const detEpoch = "SOURCE_DATE_EPOCH=1700000000"

// detUnit is one unit of the generated inputs.
type detUnit struct {
	name, parent                 string
	lf, mandatory, voluntary     int64
	population, bhyt, weightSeed int64
}

// detUnits: distinct denominators (so no allocation tie falls back to
// baseline order), names that only the type or the tone tells apart.
func detUnits() []detUnit {
	names := []string{"Xã Tân Lập", "Phường Tân Lập", "Xã Tam Dân", "Xã Tam Đàn", "Thị trấn Phong Điền",
		"Xã Phong Điền", "Xã Hòa An", "Xã Hóa An", "Phường 1", "Phường 11", "Xã Ea Kar", "Xã Đắk Ơ"}
	r := rand.New(rand.NewPCG(16, 2025))
	var out []detUnit
	for i, n := range names {
		lf := int64(5000 + 997*i + r.IntN(500))
		pop := lf*2 + int64(r.IntN(900))
		out = append(out, detUnit{
			name: n, parent: []string{"Huyện Bắc", "Huyện Nam", "Thị xã Đông"}[i%3],
			lf: lf, mandatory: lf / int64(4+i%5), voluntary: int64(10 + r.IntN(200)),
			population: pop, bhyt: pop*9/10 - int64(r.IntN(300)), weightSeed: int64(100 + r.IntN(9000)),
		})
	}
	return out
}

func detBaselineCSV(us []detUnit, title string) string {
	var b strings.Builder
	if title != "" {
		b.WriteString(title + "\n")
	}
	b.WriteString("Đơn vị;Huyện cũ;Lực lượng lao động trong độ tuổi;Số người tham gia BHXH bắt buộc;Số người tham gia BHXH tự nguyện;Dân số;Số người tham gia BHYT;Trọng số\n")
	for _, u := range us {
		fmt.Fprintf(&b, "%s;%s;%d;%d;%d;%d;%d;%d\n", u.name, u.parent, u.lf, u.mandatory, u.voluntary, u.population, u.bhyt, u.weightSeed)
	}
	return b.String()
}

func shuffled[T any](xs []T, seed uint64) []T {
	out := slices.Clone(xs)
	r := rand.New(rand.NewPCG(seed, 7))
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// detRun runs one command line with {dir} replaced by dir, writing into
// dir, and returns stdout and the bytes of the -o file, if any.
func detRun(t *testing.T, dir string, args []string) (string, []byte) {
	t.Helper()
	var out string
	argv := make([]string, len(args))
	for i, a := range args {
		argv[i] = strings.ReplaceAll(a, "{dir}", dir)
	}
	stdout, stderr, code := runIn(t, dir, []string{detEpoch}, argv...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", argv, code, stderr)
	}
	out = stdout
	for i, a := range argv {
		if a == "-o" {
			data, err := os.ReadFile(argv[i+1])
			if err != nil {
				t.Fatal(err)
			}
			os.Remove(argv[i+1])
			return out, data
		}
	}
	return out, nil
}

// canonicalJSON parses a report and puts every array of objects in one
// order (by its JSON text), drops sha256 values and each unit's sources
// (the cells it was read from follow its row, like a row number): what is
// left must not depend on the order of the input rows.
func canonicalJSON(t *testing.T, s string) string {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%v\n%s", err, s)
	}
	var walk func(any) any
	walk = func(v any) any {
		switch x := v.(type) {
		case map[string]any:
			delete(x, "sha256")
			delete(x, "sources")
			for k, e := range x {
				x[k] = walk(e)
				// The evaluation's unit names (reached_units,
				// not_reached_units) follow the report's rows, like
				// the units themselves: compared as a set.
				if names, ok := x[k].([]any); ok && strings.HasSuffix(k, "_units") {
					slices.SortFunc(names, func(a, b any) int { return strings.Compare(fmt.Sprint(a), fmt.Sprint(b)) })
				}
			}
			return x
		case []any:
			objects := len(x) > 0
			for i, e := range x {
				x[i] = walk(e)
				if _, ok := x[i].(map[string]any); !ok {
					objects = false
				}
			}
			if objects {
				slices.SortFunc(x, func(a, b any) int {
					ja, _ := json.Marshal(a)
					jb, _ := json.Marshal(b)
					return bytes.Compare(ja, jb)
				})
			}
			return x
		}
		return v
	}
	out, _ := json.MarshalIndent(walk(v), "", " ")
	return string(out)
}

var cellRow = regexp.MustCompile(`(![A-Z]+)[0-9]+\b`)

func isDigitsOnly(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// canonicalXLSX is every sheet's rows as text, each sheet's rows sorted
// (row numbers left out), but for the sheet of inputs (file names and
// sha256).
func canonicalXLSX(t *testing.T, data []byte) string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		if sh == "Nguồn" || sh == "Sources" {
			continue
		}
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		lines := make([]string, len(rows))
		for i, r := range rows {
			if len(r) > 0 && isDigitsOnly(r[0]) {
				r[0] = "STT" // a row number follows the row's place
			}
			// A cell a figure was read from ("xa.csv!D8", sheet "Nguồn số
			// liệu") follows its row, like a row number: its column stays.
			// The evaluation block's list of units ("Xã A, Xã B")
			// follows the rows' order too: its names compared as a set.
			for k, c := range r {
				if names := strings.Split(c, ", "); len(names) > 1 {
					slices.Sort(names)
					r[k] = strings.Join(names, ", ")
				}
			}
			lines[i] = cellRow.ReplaceAllString(strings.Join(r, "\t"), "$1")
		}
		slices.Sort(lines)
		fmt.Fprintf(&b, "== %s\n%s\n", sh, strings.Join(lines, "\n"))
	}
	return b.String()
}

func TestOutputsDoNotDependOnChance(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000") // for the commands that still read the process's environment
	us := detUnits()
	a, b := t.TempDir(), t.TempDir() // the same inputs, rows in another order in b
	head := "Tháng 11 năm 2023"
	writeFile(t, filepath.Join(a, "xa.csv"), detBaselineCSV(us, head))
	writeFile(t, filepath.Join(b, "xa.csv"), detBaselineCSV(shuffled(us, 1), head))
	for i, month := range []string{"2023-09", "2023-10", "2023-11"} {
		grown := slices.Clone(us)
		for k := range grown {
			grown[k].mandatory += int64(10 * i * (k + 1))
			if i == 1 && strings.Contains(grown[k].name, "Hòa") {
				grown[k].name = strings.ReplaceAll(grown[k].name, "Hòa", "Hoà") // old tone placement one month
			}
		}
		writeFile(t, filepath.Join(a, "thang", month+".csv"), detBaselineCSV(grown, ""))
		writeFile(t, filepath.Join(b, "thang", month+".csv"), detBaselineCSV(shuffled(grown, uint64(i+2)), ""))
	}
	// Each parent's plans: halfway from what its units have to what their
	// denominators allow.
	var parents []string
	for _, p := range []string{"Huyện Bắc", "Huyện Nam", "Thị xã Đông"} {
		var lf, bhxh, pop, bhyt int64
		for _, u := range us {
			if u.parent == p {
				lf, bhxh, pop, bhyt = lf+u.lf, bhxh+u.mandatory+u.voluntary, pop+u.population, bhyt+u.bhyt
			}
		}
		parents = append(parents, fmt.Sprintf("%s;%d;%d\n", p, bhxh+(lf-bhxh)/2, bhyt+(pop-bhyt)/2))
	}
	cha := "Đơn vị;Kế hoạch giao BHXH (người);Kế hoạch giao BHYT (người)\n"
	writeFile(t, filepath.Join(a, "cha.csv"), cha+strings.Join(parents, ""))
	writeFile(t, filepath.Join(b, "cha.csv"), cha+strings.Join(shuffled(parents, 5), ""))

	// Participant lists: one row per person and scheme, some with the code
	// as a number, some by name only; no person twice in one scheme.
	var rows [][]string
	for k, u := range us[:6] {
		for p := range 5 + k {
			id := fmt.Sprintf("01%02d%06d", k, p)
			code := fmt.Sprintf("%05d", 4400+k)
			if p%3 == 1 {
				code = fmt.Sprintf("#%d", 4400+k)
			}
			kind := []string{"BHXH bắt buộc", "BHYT tự nguyện", "Tự nguyện, BHYT", "BB, BHTN, BHYT"}[p%4]
			rows = append(rows, []string{id, code, u.name, kind})
		}
	}
	listHead := []string{"Mã số BHXH", "Mã xã", "Xã, phường", "Loại hình"}
	writeSheets(t, filepath.Join(a, "ds.xlsx"), sheetRows{Name: "DS", Rows: append([][]string{listHead}, rows...)})
	writeSheets(t, filepath.Join(b, "ds.xlsx"), sheetRows{Name: "DS", Rows: append([][]string{listHead}, shuffled(rows, 9)...)})

	runs := [][]string{
		{"compute", "--target", "bhxh=30", "--target", "bhyt=95", "--format", "json", "{dir}/xa.csv"},
		{"compute", "--target", "bhxh=30", "--target", "bhyt=95", "-o", "{dir}/kq.xlsx", "{dir}/xa.csv"},
		{"trend", "--format", "json", "{dir}/thang"},
		{"trend", "-o", "{dir}/xu-huong.xlsx", "{dir}/thang"},
		{"count", "--format", "json", "{dir}/ds.xlsx"},
		{"count", "-o", "{dir}/so-nguoi.xlsx", "{dir}/ds.xlsx"},
		{"allocate", "--indicator", "bhxh", "--by", "Huyện cũ", "--parent-targets", "{dir}/cha.csv", "--format", "json", "{dir}/xa.csv"},
		{"allocate", "--indicator", "bhyt", "--by", "Huyện cũ", "--parent-targets", "{dir}/cha.csv", "-o", "{dir}/giao.xlsx", "{dir}/xa.csv"},
	}
	for _, method := range []string{"proportional", "uncovered", "current", "weight:population"} {
		for _, rounding := range []string{"largest-remainder", "webster", "dhondt", "huntington-hill"} {
			runs = append(runs,
				[]string{"allocate", "--indicator", "bhxh", "--rate", "33.3", "--method", method, "--rounding", rounding, "--min", "1", "--format", "json", "{dir}/xa.csv"})
		}
		runs = append(runs, []string{"allocate", "--indicator", "bhyt", "--rate", "95", "--method", method, "-o", "{dir}/giao.xlsx", "{dir}/xa.csv"})
	}
	for _, args := range runs {
		name := strings.Join(args, " ")
		out1, x1 := detRun(t, a, args)
		out2, x2 := detRun(t, a, args)
		if out1 != out2 || !bytes.Equal(x1, x2) {
			t.Errorf("%s: two runs on the same input differ", name)
			continue
		}
		out3, x3 := detRun(t, b, args)
		if x1 != nil {
			if g, w := canonicalXLSX(t, x3), canonicalXLSX(t, x1); g != w {
				t.Errorf("%s: shuffled rows give another workbook:\n%s\nwant\n%s", name, g, w)
			}
			continue
		}
		if g, w := canonicalJSON(t, out3), canonicalJSON(t, out1); g != w {
			t.Errorf("%s: shuffled rows give another report:\n%s\nwant\n%s", name, g, w)
		}
	}
}
