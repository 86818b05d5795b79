package crosswalk

import (
	"errors"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/msg"
)

// wantPair checks that err reads exactly en in English and vi in
// Vietnamese.
func wantPair(t *testing.T, err error, en, vi string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	if got := msg.Render(err, msg.EN); got != en {
		t.Errorf("English:\n got %q\nwant %q", got, en)
	}
	if got := msg.Render(err, msg.VI); got != vi {
		t.Errorf("Vietnamese:\n got %q\nwant %q", got, vi)
	}
}

// The crosswalk's errors read in the analyst's language, with the same
// files, lines and units in both.
func TestErrorsInBothLanguages(t *testing.T) {
	t.Run("a column twice", func(t *testing.T) {
		head, rest, _ := strings.Cut(smallTable, "\n")
		_, err := Parse([]byte(strings.Replace(head, "note", "relation", 1)+"\n"+rest), "cw.csv")
		if !errors.Is(err, ErrColumns) {
			t.Fatalf("error %v", err)
		}
		wantPair(t, err, "cw.csv: columns must be new_province_code,new_province,new_code,new_name,old_province_code,old_province,old_district_code,old_district,old_code,old_name,relation,note: \"relation\" twice",
			"cw.csv: các cột phải là new_province_code,new_province,new_code,new_name,old_province_code,old_province,old_district_code,old_district,old_code,old_name,relation,note: \"relation\" xuất hiện hai lần")
	})
	t.Run("an old code not in the crosswalk", func(t *testing.T) {
		_, _, err := small(t).Resolve([]Ref{{Code: "00009", Name: "Xã Z", File: "old.xlsx", Sheet: "T6", Cell: "B9"}}, Scope{})
		wantPair(t, err, "old.xlsx: T6!B9: old unit 00009 \"Xã Z\" is not in the crosswalk small.csv (no such old code)",
			"old.xlsx: T6!B9: đơn vị cũ 00009 \"Xã Z\" không có trong bảng chuyển đổi small.csv (không có mã cũ này)")
	})
	t.Run("a name found nowhere", func(t *testing.T) {
		_, _, err := small(t).Resolve([]Ref{{Name: "Xã Z", District: "Huyện H", File: "old.xlsx", Sheet: "T6", Cell: "B9"}}, Scope{})
		wantPair(t, err, "old.xlsx: T6!B9: old unit \"Xã Z\" is not in the crosswalk small.csv (searched by name in old district Huyện H)",
			"old.xlsx: T6!B9: đơn vị cũ \"Xã Z\" không có trong bảng chuyển đổi small.csv (đã tìm theo tên trong huyện cũ Huyện H)")
	})
	t.Run("a divided unit without shares", func(t *testing.T) {
		tb := small(t)
		_, err := tb.Convert([]Input{
			input(t, tb, "00001", 10, map[string]int64{"bhxh_mandatory": 100}),
			input(t, tb, "00002", 11, map[string]int64{"bhxh_mandatory": 50}),
			input(t, tb, "00003", 12, map[string]int64{"bhxh_mandatory": 31}),
			input(t, tb, "00004", 13, map[string]int64{"bhxh_mandatory": 7}),
		}, Options{})
		wantPair(t, err, "1 old unit(s) in the inputs were divided between new units, the crosswalk small.csv does not say how their people went, and no shares are given:\n  00003 Xã C (Huyện H, Tỉnh T) → 10001 Xã N1 (part), 10002 Xã N2 (part)\nA shares file gives each part's share (the population of each part, a recount, or percentages; only proportions count), e.g.:\nold_code,new_code,share\n00003,10001,\n00003,10002,",
			"1 đơn vị cũ trong dữ liệu vào đã được chia cho nhiều đơn vị mới, bảng chuyển đổi small.csv không cho biết số người của chúng đã chuyển đi thế nào, và chưa có tỷ trọng nào:\n  00003 Xã C (Huyện H, Tỉnh T) → 10001 Xã N1 (part), 10002 Xã N2 (part)\nTệp tỷ trọng cho biết tỷ trọng của từng phần (dân số của từng phần, số đếm lại, hoặc phần trăm; chỉ tỷ lệ giữa các phần mới có ý nghĩa), ví dụ:\nold_code,new_code,share\n00003,10001,\n00003,10002,")
	})
	t.Run("a new unit made of old units not all given", func(t *testing.T) {
		tb := small(t)
		_, err := tb.Convert([]Input{input(t, tb, "00001", 10, map[string]int64{"bhxh_mandatory": 100})}, Options{})
		wantPair(t, err, "1 new unit(s) are made of old units that are not all in the inputs, so their figures would be partial:\n  10001 Xã N1: missing 00002 Xã B (Huyện H, Tỉnh T) [whole], 00003 Xã C (Huyện H, Tỉnh T) [part]\ngive the workbooks of those old units too",
			"1 đơn vị mới được hợp thành từ các đơn vị cũ không có đủ trong dữ liệu vào, nên số liệu của chúng sẽ thiếu:\n  10001 Xã N1: thiếu 00002 Xã B (Huyện H, Tỉnh T) [whole], 00003 Xã C (Huyện H, Tỉnh T) [part]\nhãy cho thêm bảng tính của các đơn vị cũ đó")
	})
}
