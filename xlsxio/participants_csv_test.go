package xlsxio

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// csvList writes text to a file of the test's folder; a name ending in .gz
// is gzipped.
func csvList(t testing.TB, dir, name, text string) string {
	t.Helper()
	data := []byte(text)
	if strings.HasSuffix(name, ".gz") {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(data)
		zw.Close()
		data = b.Bytes()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// countLists counts the lists with a fresh counter and returns it finished.
func countLists(t *testing.T, opt CounterOptions, scheme string, paths ...string) (*ParticipantCounter, error) {
	t.Helper()
	pc := NewParticipantCounter(opt)
	t.Cleanup(func() { pc.Close() })
	for _, p := range paths {
		if err := pc.AddFile(context.Background(), p, CountOptions{Scheme: scheme}); err != nil {
			return pc, err
		}
	}
	return pc, pc.Finish()
}

func issuesText(pc *ParticipantCounter) string {
	var sb strings.Builder
	for _, is := range pc.Issues {
		fmt.Fprintf(&sb, "%s %s:%d%s %s\n", is.Code, is.File, is.Line, is.Cell, is.Message.EN)
	}
	return sb.String()
}

// The rows of TestCountList as a database export would write them, in every
// dialect a CSV list comes in: the same counts and warnings, by line.
func TestCountCSVList(t *testing.T) {
	const rows = `STT,Họ và tên,Mã số BHXH,Ngày sinh,Mã xã,"Xã, phường",Loại hình
1,Nguyễn Văn A,0123456789,01/01/1980,00004,Phường Ba Đình,BHXH bắt buộc
2,Trần Thị B,0123456790,,00004,Phường Ba Đình,"Bắt buộc, BHTN, BHYT"
3,Lê C,0123456791,,00008,Phường Phúc Xá,BHXH tự nguyện
4,Lê C,0123456791,,00008,Phường Phúc Xá,TN
5,Lê C,0123456791,,00008,Phường Phúc Xá,BHYT
`
	const want = "00004 Phường Ba Đình bhxh_mandatory=2 bhxh_voluntary=0 bhtn=1 bhyt=1\n" +
		"00008 Phường Phúc Xá bhxh_mandatory=0 bhxh_voluntary=1 bhtn=0 bhyt=1\n"
	dir := t.TempDir()
	for _, tc := range []struct {
		name, text string
		dupLine    int
	}{
		{"comma.csv", rows, 5},
		{"bom-crlf.csv", "\uFEFF" + strings.ReplaceAll(rows, "\n", "\r\n"), 5},
		{"semicolon.csv", strings.NewReplacer(",", ";", `"Xã; phường"`, `"Xã, phường"`, `"Bắt buộc; BHTN; BHYT"`, `Bắt buộc, BHTN, BHYT`).Replace(rows), 5},
		{"tab.csv", strings.NewReplacer(",", "\t", `"Xã`+"\t"+` phường"`, `Xã, phường`, `"Bắt buộc`+"\t"+` BHTN`+"\t"+` BHYT"`, `Bắt buộc, BHTN, BHYT`).Replace(rows), 5},
		{"title-blank-footer.csv", "DANH SÁCH NGƯỜI THAM GIA,,,,,,\nTháng 11 năm 2023,,,,,,\n" + strings.Replace(rows, "3,Lê C", "\n3,Lê C", 1) + ",Người lập biểu,,,,,\n", 8},
		{"gzipped.csv.gz", rows, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			pc, err := countLists(t, CounterOptions{}, "", csvList(t, dir, tc.name, tc.text))
			if err != nil {
				t.Fatal(err)
			}
			if got := unitsText(pc); got != want {
				t.Errorf("got\n%swant\n%s", got, want)
			}
			wantIssue := fmt.Sprintf("duplicate_person %s:%d mã số BHXH 0123456791 already counted for bhxh_voluntary at %s line %d; counted once\n",
				tc.name, tc.dupLine, tc.name, tc.dupLine-1)
			if got := issuesText(pc); got != wantIssue {
				t.Errorf("issues\n%swant\n%s", got, wantIssue)
			}
			if len(pc.Inputs) != 1 || pc.Inputs[0] != (CountInput{File: tc.name, Rows: 5}) {
				t.Errorf("inputs %+v", pc.Inputs)
			}
		})
	}
}

// A person is counted once per scheme across CSV, gzipped CSV and xlsx
// lists; a repeat names the list and line (or row) that was counted.
func TestCountSeveralListsOfEveryFormat(t *testing.T) {
	dir := t.TempDir()
	head := "Mã số BHXH,Mã xã,Xã phường\n"
	a := csvList(t, dir, "a.csv", head+"0000000001,00001,Xã An\n0000000002,00001,Xã An\n")
	b := csvList(t, dir, "b.csv.gz", head+"0000000002,00002,Xã Bình\n0000000003,00002,Xã Bình\n")
	c := writeList(t, "c.xlsx", [][]string{{"Mã số BHXH", "Mã xã", "Xã phường"}, {"0000000003", "00002", "Xã Bình"}, {"0000000004", "00003", "Xã Cúc"}})
	pc, err := countLists(t, CounterOptions{}, "bhyt", a, b, c)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := unitsText(pc), "00001 Xã An bhyt=2\n00002 Xã Bình bhyt=1\n00003 Xã Cúc bhyt=1\n"; got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	want := "duplicate_person b.csv.gz:2 mã số BHXH 0000000002 already counted for bhyt at a.csv line 3; counted once\n" +
		"duplicate_person c.xlsx:0A2 mã số BHXH 0000000003 already counted for bhyt at b.csv.gz line 3; counted once\n"
	if got := issuesText(pc); got != want {
		t.Errorf("issues\n%swant\n%s", got, want)
	}
}

// Each way a CSV list can be wrong is an error naming the file and line,
// and nothing is counted.
func TestCountCSVListErrors(t *testing.T) {
	const head = "Mã số BHXH,Mã xã,Xã phường,Loại hình\n"
	truncated := func() string { // a gzip stream cut short
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(head + strings.Repeat("0000000001,00001,Xã An,BHYT\n", 2000)))
		zw.Close()
		return string(b.Bytes()[:b.Len()/2])
	}()
	for _, tc := range []struct {
		name, file, text string
		want             string
		is               error
	}{
		{"person code", "a.csv", head + "12345,00001,Xã An,BHYT\n", `a.csv:2: "12345" is not a mã số BHXH (10 digits, typed as text)`, ErrPersonID},
		{"no person", "a.csv", head + ",00001,Xã An,BHYT\n", `a.csv:2: has no mã số BHXH`, ErrNoPersonID},
		{"no kind", "a.csv", head + "0000000001,00001,Xã An,\n", `a.csv:2: has no participation kind`, ErrNoKind}, // the command adds "(give --scheme …)"
		{"unknown kind", "a.csv", head + "0000000001,00001,Xã An,Hưu trí\n", `a.csv:2: "Hưu trí" is not a participation kind (bắt buộc, tự nguyện, BHTN, BHYT)`, ErrUnknownKind},
		{"no unit", "a.csv", head + "0000000001,,,BHYT\n", `a.csv:2: has no unit (code or name)`, ErrNoUnit},
		{"malformed row", "a.csv", head + "0000000001,00001,Xã An,BHYT\n0000000002,00001,BHYT\n", `a.csv:3: malformed row: 3 fields, the header (line 1) has 4`, ErrMalformedRow},
		{"bare quote", "a.csv", head + "0000000001,00001,Xã \"An\",BHYT\n", `a.csv:2: a quote (") inside an unquoted field: quote the whole field and double its quotes`, nil},
		{"text after a quote", "a.csv", head + "0000000001,00001,\"Xã An\" 2,BHYT\n", `a.csv:2: text after the closing quote of a field`, nil},
		{"unclosed quote", "a.csv", head + "0000000001,00001,Xã An,BHYT\n0000000002,00001,\"Xã An,BHYT\n0000000003,00001,Xã An,BHYT\n", `a.csv:3: a quoted field that starts here is never closed`, nil},
		{"not UTF-8", "a.csv", head + "0000000001,00001,X\xe3 An,BHYT\n", `a.csv:2: "X\xe3 An" is not UTF-8 text (save the list as CSV UTF-8)`, ErrNotUTF8},
		{"truncated gzip", "a.csv.gz", truncated, `a.csv.gz:`, nil},
		{"UTF-16", "a.csv", "\xFF\xFEM\x00a\x00", `a.csv: not a readable workbook: UTF-16 text: save the list as CSV UTF-8`, ErrNotWorkbook},
		{"no header", "a.csv", "Họ tên,Ngày sinh\nA,1/1/1990\n", `a.csv: no recognisable table header`, ErrNoHeader},
		{".xls", "a.xls", "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", `a.xls: not a readable workbook: an .xls list is not read: save it as .xlsx or as CSV UTF-8`, ErrNotWorkbook},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			pc, err := countLists(t, CounterOptions{}, "", path)
			if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
				t.Fatalf("error %v\nwant %s", err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("%v is not %v", err, tc.is)
			}
			if len(pc.Inputs) != 0 {
				t.Errorf("inputs %+v after an error", pc.Inputs)
			}
		})
	}
	t.Run("truncated gzip names its line", func(t *testing.T) {
		path := csvList(t, t.TempDir(), "b.csv", truncated) // the name does not matter: the bytes do
		_, err := countLists(t, CounterOptions{}, "", path)
		var ce *CellError
		if !errors.As(err, &ce) || ce.Line < 2 || !strings.Contains(err.Error(), "truncated or damaged") {
			t.Errorf("%v", err)
		}
	})
}

// Up to MaxErrors errors are reported at once.
func TestCountCSVListStopsAtMaxErrors(t *testing.T) {
	text := "Mã số BHXH,Mã xã\n" + strings.Repeat("123,00001\n", 80)
	_, err := countLists(t, CounterOptions{}, "bhyt", csvList(t, t.TempDir(), "a.csv", text))
	var list ErrorList
	if !errors.As(err, &list) || len(list) != MaxErrors || !strings.HasSuffix(err.Error(), fmt.Sprintf("(stopped after %d errors)", MaxErrors)) {
		t.Fatalf("%d errors: %v", len(list), err)
	}
	if !strings.HasPrefix(list[MaxErrors-1].Error(), fmt.Sprintf("a.csv:%d:", MaxErrors+1)) {
		t.Errorf("last error %v", list[MaxErrors-1])
	}
}

// A budget of a few KiB makes the duplicate check spill sorted runs to the
// temporary folder; the counts and warnings are the same as in memory, and
// Close leaves nothing behind.
func TestCountCSVListSpills(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("Mã số BHXH,Mã xã,Loại hình\n")
	for i := range 20000 {
		id := (i * 7919) % 15000 // 5,000 repeats
		fmt.Fprintf(&sb, "%010d,%05d,%s\n", id, id%37, []string{"BB", "TN", `"BHTN, BHYT"`}[id%3])
	}
	path := csvList(t, t.TempDir(), "a.csv", sb.String())
	mem, err := countLists(t, CounterOptions{}, "", path)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	pc := NewParticipantCounter(CounterOptions{Memory: 8 << 10, TempDir: tmp})
	if err := pc.AddFile(context.Background(), path, CountOptions{}); err != nil {
		t.Fatal(err)
	}
	if pc.Spills() == 0 {
		t.Fatal("no spill with a budget of 8 KiB")
	}
	if err := pc.Finish(); err != nil {
		t.Fatal(err)
	}
	if got, want := unitsText(pc), unitsText(mem); got != want {
		t.Errorf("spilled\n%sin memory\n%s", got, want)
	}
	if got, want := issuesText(pc), issuesText(mem); got != want {
		t.Errorf("spilled issues differ")
	}
	if n := len(mem.Issues); n != maxListedDuplicates+1 || !strings.Contains(mem.Issues[n-1].Message.EN, "more duplicates not listed") {
		t.Errorf("%d issues, the last %+v", n, mem.Issues[n-1])
	}
	if err := pc.Close(); err != nil {
		t.Fatal(err)
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("%d entries left in the temporary folder", len(ents))
	}
}

// Warnings come in list order: a unit's name conflict and the duplicates
// of later rows, as a row-by-row check would give them.
func TestCountIssuesInListOrder(t *testing.T) {
	text := "Mã số BHXH,Mã xã,Xã phường\n" +
		"0000000001,00001,Xã An\n" +
		"0000000001,00001,Xã An\n" + // line 3: duplicate
		"0000000002,00001,Xã Bình\n" + // line 4: name conflict
		"0000000002,00001,Xã An\n" // line 5: duplicate
	pc, err := countLists(t, CounterOptions{}, "bhyt", csvList(t, t.TempDir(), "a.csv", text))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, is := range pc.Issues {
		got = append(got, fmt.Sprintf("%s:%d", is.Code, is.Line))
	}
	if want := "duplicate_person:3 unit_name_conflict:4 duplicate_person:5"; strings.Join(got, " ") != want {
		t.Errorf("%s, want %s", strings.Join(got, " "), want)
	}
}

// FuzzCountCSVList feeds any bytes to the CSV list reader: an error or a
// count, never a panic, and rows counted only without errors.
func FuzzCountCSVList(f *testing.F) {
	f.Add("Mã số BHXH,Mã xã,Loại hình\n0000000001,00001,BB\n")
	f.Add("Mã số BHXH;Xã, phường\n0000000001;\"Xã \"\"A\"\"\"\n")
	f.Add("\uFEFFMã số BHXH\tĐơn vị\tĐối tượng\r\n0000000001\tX\tBHYT, BHTN\r\n")
	var gz bytes.Buffer // a gzipped list: its mutations reach the gunzipping
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("Mã số BHXH,Mã xã,Loại hình\n0000000001,00001,BB\n0000000001,00001,BB\n"))
	zw.Close()
	f.Add(gz.String())
	f.Fuzz(func(t *testing.T, text string) {
		path := filepath.Join(t.TempDir(), "f.csv")
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		pc := NewParticipantCounter(CounterOptions{Memory: 4 << 10, TempDir: t.TempDir()})
		defer pc.Close()
		if err := pc.AddFile(context.Background(), path, CountOptions{}); err != nil {
			return
		}
		if err := pc.Finish(); err != nil {
			t.Fatal(err)
		}
		var n int64
		for _, u := range pc.Units() {
			for _, c := range u.Counts {
				n += c
			}
		}
		if n > 4*int64(pc.Inputs[0].Rows) {
			t.Fatalf("%d persons counted from %d rows", n, pc.Inputs[0].Rows)
		}
	})
}

// A list is checked on two goroutines once its header is found in its first
// 64 KiB, on one when the header comes later: the same counts, warnings and
// errors either way, on the same lines (shifted by the title lines).
func TestCountCSVListHeaderPastTheStart(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("Mã số BHXH,Mã xã,Xã phường,Loại hình\n")
	for i := range 40000 { // ~1.3 MB: several blocks
		fmt.Fprintf(&sb, "%010d,%05d,Xã %d,%s\n", (i*7919)%35000, i%97, i%97, []string{"BB", "TN", "BHYT", "BHTN"}[i%4])
	}
	rows := sb.String()
	bad := strings.Replace(rows, "\n0000017000,", "\n17000,", 1)
	title := strings.Repeat("DANH SÁCH NGƯỜI THAM GIA "+strings.Repeat(".", 4000)+"\n", 20) // > 64 KiB
	dir := t.TempDir()
	for _, tc := range []struct{ text string }{{rows}, {bad}} {
		near, errNear := countLists(t, CounterOptions{}, "", csvList(t, dir, "a.csv", tc.text))
		far, errFar := countLists(t, CounterOptions{}, "", csvList(t, dir, "a.csv", title+tc.text))
		if tc.text == bad {
			var a, b *CellError
			if !errors.As(errNear, &a) || !errors.As(errFar, &b) || b.Line != a.Line+20 || a.Err.Error() != b.Err.Error() {
				t.Fatalf("errors %v and %v", errNear, errFar)
			}
			continue
		}
		if errNear != nil || errFar != nil {
			t.Fatal(errNear, errFar)
		}
		if unitsText(near) != unitsText(far) || len(near.Issues) != len(far.Issues) || len(near.Issues) < 51 {
			t.Errorf("units\n%s\n%s, %d and %d issues", unitsText(near), unitsText(far), len(near.Issues), len(far.Issues))
		}
		for i := range near.Issues {
			if a, b := near.Issues[i], far.Issues[i]; b.Line != a.Line+20 && a.Line != 0 {
				t.Errorf("issue %d at line %d and %d", i, a.Line, b.Line)
			}
		}
	}
}
