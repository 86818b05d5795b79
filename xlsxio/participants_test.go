package xlsxio

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeList writes rows (from A1) to a fresh xlsx; a string starting with
// "#" is written as a number.
func writeList(t *testing.T, name string, rows [][]string) string {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "DS")
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			var err error
			if n, ok := strings.CutPrefix(v, "#"); ok {
				var x int
				fmt.Sscan(n, &x)
				err = f.SetCellValue("DS", cell, x)
			} else if v != "" {
				err = f.SetCellStr("DS", cell, v)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
	}
	path := filepath.Join(t.TempDir(), name)
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

var listHead = [][]string{
	{"DANH SÁCH NGƯỜI THAM GIA BHXH, BHYT"},
	{"Tháng 11 năm 2023"},
	{"STT", "Họ và tên", "Mã số BHXH", "Ngày sinh", "Mã xã", "Xã, phường", "Loại hình"},
}

func unitsText(pc *ParticipantCounter) string {
	var sb strings.Builder
	for _, u := range pc.Units() {
		fmt.Fprintf(&sb, "%s %s", u.Code, u.Name)
		for _, s := range ParticipantSchemes {
			if n, ok := u.Counts[s]; ok {
				fmt.Fprintf(&sb, " %s=%d", s, n)
			}
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

func TestCountList(t *testing.T) {
	rows := append(listHead[:3:3],
		[]string{"#1", "Nguyễn Văn A", "0123456789", "01/01/1980", "00004", "Phường Ba Đình", "BHXH bắt buộc"},
		[]string{"#2", "Trần Thị B", "0123456790", "", "00004", "Phường Ba Đình", "Bắt buộc, BHTN, BHYT"},
		[]string{"#3", "Lê C", "0123456791", "", "00008", "Phường Phúc Xá", "BHXH tự nguyện"},
		[]string{"#4", "Lê C", "0123456791", "", "00008", "Phường Phúc Xá", "TN"},   // duplicate
		[]string{"#5", "Lê C", "0123456791", "", "00008", "Phường Phúc Xá", "BHYT"}, // same person, another scheme
		[]string{},
		[]string{"", "Người lập biểu"},
	)
	path := writeList(t, "ds.xlsx", rows)
	pc := NewParticipantCounter(CounterOptions{})
	if err := pc.AddFile(context.Background(), path, CountOptions{}); err != nil {
		t.Fatal(err)
	}
	pc.Finish()
	want := "00004 Phường Ba Đình bhxh_mandatory=2 bhxh_voluntary=0 bhtn=1 bhyt=1\n" +
		"00008 Phường Phúc Xá bhxh_mandatory=0 bhxh_voluntary=1 bhtn=0 bhyt=1\n"
	if got := unitsText(pc); got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	if len(pc.Issues) != 1 || pc.Issues[0].Code != "duplicate_person" || pc.Issues[0].Cell != "C7" || pc.Issues[0].Sheet != "DS" ||
		!strings.Contains(pc.Issues[0].Message.EN, "0123456791 already counted for bhxh_voluntary at ds.xlsx row 6") {
		t.Errorf("issues %+v", pc.Issues)
	}
	if len(pc.Inputs) != 1 || pc.Inputs[0] != (CountInput{File: "ds.xlsx", Sheet: "DS", Rows: 5}) {
		t.Errorf("inputs %+v", pc.Inputs)
	}
}

func TestCountListsPerScheme(t *testing.T) {
	head := [][]string{{"STT", "Mã số BHXH", "Tên đơn vị"}}
	a := writeList(t, "bhyt-1.xlsx", append(head[:1:1], []string{"#1", "0000000001", "Xã An"}, []string{"#2", "0000000002", "xã an"}))
	b := writeList(t, "bhyt-2.xlsx", append(head[:1:1], []string{"#1", "0000000002", "Xã Bình"}, []string{"#2", "0000000003", "Xã Bình"}))
	pc := NewParticipantCounter(CounterOptions{})
	for _, p := range []string{a, b} {
		if err := pc.AddFile(context.Background(), p, CountOptions{Scheme: "bhyt"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := pc.Finish(); err != nil { // the counts are settled here
		t.Fatal(err)
	}
	if got, want := unitsText(pc), " Xã An bhyt=2\n Xã Bình bhyt=1\n"; got != want {
		t.Errorf("got\n%swant\n%s", got, want)
	}
	if len(pc.Issues) != 1 || pc.Issues[0].File != "bhyt-2.xlsx" || pc.Issues[0].Cell != "B2" {
		t.Errorf("issues %+v", pc.Issues)
	}
	if got := pc.Schemes(); len(got) != 1 || got[0] != "bhyt" {
		t.Errorf("schemes %v", got)
	}
	if err := pc.AddFile(context.Background(), a, CountOptions{Scheme: "bhxh"}); err == nil {
		t.Error("scheme bhxh accepted")
	}
}

func TestCountListErrors(t *testing.T) {
	rows := append(listHead[:3:3],
		[]string{"#1", "A", "#12345678", "", "00004", "P", "BB"},       // a number of 8 digits: not an id
		[]string{"#2", "B", "01234-5678", "", "00004", "P", "BB"},      // not digits
		[]string{"#3", "C", "0123456789", "", "00004", "P", ""},        // no kind
		[]string{"#4", "D", "0123456780", "", "00004", "P", "Hưu trí"}, // unknown kind
		[]string{"#5", "E", "", "", "00004", "P", "BB"},                // no id
		[]string{"#6", "F", "0123456781", "", "", "", "BB"},            // no unit
	)
	path := writeList(t, "loi.xlsx", rows)
	err := NewParticipantCounter(CounterOptions{}).AddFile(context.Background(), path, CountOptions{})
	var list ErrorList
	if !errors.As(err, &list) {
		t.Fatalf("error %v is not an ErrorList", err)
	}
	want := []string{
		`loi.xlsx: DS!C4: "12345678" is not a mã số BHXH (10 digits, typed as text)`,
		`loi.xlsx: DS!C5: "01234-5678" is not a mã số BHXH (10 digits, typed as text)`,
		`loi.xlsx: DS!G6: has no participation kind`, // the command adds "(give --scheme …)": cmd/bhxh/hints.go
		`loi.xlsx: DS!G7: "Hưu trí" is not a participation kind (bắt buộc, tự nguyện, BHTN, BHYT)`,
		`loi.xlsx: DS!C8: has no mã số BHXH`,
		`loi.xlsx: DS!E9: has no unit (code or name)`,
	}
	if got := err.Error(); got != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", got, strings.Join(want, "\n"))
	}
	if !errors.Is(err, ErrPersonID) || !errors.Is(err, ErrUnknownKind) {
		t.Error("sentinels not reachable with errors.Is")
	}
}

func TestCountListNoHeader(t *testing.T) {
	path := writeList(t, "x.xlsx", [][]string{{"Họ tên", "Ngày sinh"}, {"A", "1/1/1990"}})
	err := NewParticipantCounter(CounterOptions{}).AddFile(context.Background(), path, CountOptions{})
	if !errors.Is(err, ErrNoHeader) || !strings.HasPrefix(err.Error(), `x.xlsx: sheet "DS": no recognisable table header`) {
		t.Errorf("got %v", err)
	}
	// without a kind column, only --scheme makes it a list
	path = writeList(t, "y.xlsx", [][]string{{"Mã số BHXH", "Mã xã"}, {"0000000001", "00001"}})
	if err := NewParticipantCounter(CounterOptions{}).AddFile(context.Background(), path, CountOptions{}); !errors.Is(err, ErrNoHeader) {
		t.Errorf("no kind column: %v", err)
	}
	if err := NewParticipantCounter(CounterOptions{}).AddFile(context.Background(), path, CountOptions{Scheme: "bhtn"}); err != nil {
		t.Errorf("with --scheme: %v", err)
	}
}

func TestParticipantRole(t *testing.T) {
	for h, want := range map[string]uint8{
		"Mã số BHXH": partID, "MÃ SỐ BHXH": partID, "Mã BHXH": partID, "Số sổ BHXH": partID,
		"Mã xã": partCode, "Mã ĐVHC": partCode, "Mã đơn vị": partCode,
		"Xã, phường": partName, "Đơn vị": partName, "Tên đơn vị": partName,
		"Loại hình": partKind, "Đối tượng": partKind, "Loại đối tượng": partKind,
		"DANH SÁCH NGƯỜI THAM GIA BHXH, BHYT": partNone, "Họ và tên": partNone, "STT": partNone, "Ngày sinh": partNone,
	} {
		if got := participantRole(h); got != want {
			t.Errorf("%q: role %d, want %d", h, got, want)
		}
	}
}

// Kinds are read as phrases: a scheme word with its qualifiers.
func TestKindMask(t *testing.T) {
	tests := []struct {
		kind string
		want uint8
		err  error
	}{
		{"BHXH bắt buộc", 1, nil}, {"BB", 1, nil}, {"Bắt buộc", 1, nil}, {"Tự nguyện", 2, nil}, {"BHXH TN", 2, nil},
		{"Bảo hiểm xã hội tự nguyện", 2, nil}, {"BHTN", 4, nil}, {"Bảo hiểm thất nghiệp", 4, nil},
		{"BHYT", 8, nil}, {"Bảo hiểm y tế", 8, nil}, {"BB + BHTN + BHYT", 13, nil}, {"Bắt buộc, BHTN, BHYT", 13, nil},
		{"BHXH BB BHYT", 9, nil}, {"BHXH bắt buộc, tự nguyện", 3, nil},
		// BHYT phrases are BHYT, whatever follows
		{"BHYT tự nguyện", 8, nil}, {"BHYT bắt buộc", 8, nil}, {"BHYT hộ gia đình", 8, nil}, {"BHYT HSSV", 8, nil},
		{"BHYT TN", 8, nil}, {"Bảo hiểm y tế tự nguyện", 8, nil}, {"BHTN bắt buộc", 4, nil},
		{"BHYT, tự nguyện", 10, nil}, // two phrases: BHYT, and on its own BHXH TN
		{"Hưu trí", 0, nil},
		// BHXH that does not say which
		{"BHXH", 0, ErrAmbiguousKind}, {"Bảo hiểm xã hội", 0, ErrAmbiguousKind},
		{"BHXH bắt buộc tự nguyện", 0, ErrAmbiguousKind}, {"BHXH, BHYT", 0, ErrAmbiguousKind},
	}
	for _, tt := range tests {
		got, err := kindMask(tt.kind)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("%q: mask %04b, %v; want %04b, %v", tt.kind, got, err, tt.want, tt.err)
		}
	}
}
