package crosswalk

import (
	"reflect"
	"strings"
	"testing"
)

func TestScopeOf(t *testing.T) {
	tb, err := Builtin(DefaultName)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		title     []string
		provinces []string
		districts []string
	}{
		{[]string{"BẢO HIỂM XÃ HỘI TỈNH CAO BẰNG", "Tháng 11 năm 2024"}, []string{"04"}, nil},
		{[]string{"UBND HUYỆN HÀ QUẢNG", "TỈNH CAO BẰNG"}, []string{"04"}, []string{"045"}},
		{[]string{"ỦY BAN NHÂN DÂN HUYỆN HÀ QUẢNG"}, nil, []string{"045"}},
		{[]string{"BHXH THÀNH PHỐ HẢI PHÒNG"}, []string{"31"}, nil},
		{[]string{"BÁO CÁO KẾT QUẢ PHÁT TRIỂN NGƯỜI THAM GIA"}, nil, nil},
	}
	for _, tc := range tests {
		s := tb.ScopeOf(tc.title)
		if !reflect.DeepEqual(s.Provinces, tc.provinces) || !reflect.DeepEqual(s.Districts, tc.districts) {
			t.Errorf("ScopeOf(%q) = %+v, want %v %v", tc.title, s, tc.provinces, tc.districts)
		}
	}
}

func TestResolve(t *testing.T) {
	tb, _ := Builtin(DefaultName)
	caoBang := Scope{Provinces: []string{"04"}}
	refs := []Ref{
		{Code: "1651", Name: "Xã Mỹ Hưng", File: "a.xlsx", Sheet: "T11", Cell: "C5"}, // leading zero lost
		{Name: "xã mỹ hưng", File: "a.xlsx", Sheet: "T11", Cell: "C6"},               // by name in the province
		{Name: "Xã Hưng Đạo", District: "Huyện Bảo Lạc", File: "a.xlsx", Cell: "C7"}, // by name in its district
		{Name: "Bạch Long Vĩ", File: "a.xlsx", Cell: "C8"},                           // loose, island district
	}
	olds, warns, err := tb.Resolve(refs[:3], caoBang)
	if err != nil {
		t.Fatal(err)
	}
	if olds[0].Code != "01651" || olds[1].Code != "01651" || olds[2].Code != "01351" {
		t.Errorf("resolved %s %s %s", olds[0].Code, olds[1].Code, olds[2].Code)
	}
	if len(warns) != 0 {
		t.Errorf("warnings %v", warns)
	}
	olds, warns, err = tb.Resolve(refs[3:], Scope{Provinces: []string{"31"}})
	if err != nil || olds[0].Code != "318" || len(warns) != 1 || !strings.Contains(warns[0].EN, "without the administrative type") {
		t.Errorf("island district: %v %v %v", olds, warns, err)
	}
	// Without a scope, a common name is ambiguous: every candidate listed.
	_, _, err = tb.Resolve([]Ref{{Name: "Xã Hưng Đạo", File: "a.xlsx", Cell: "C9"}}, Scope{})
	if err == nil || !strings.Contains(err.Error(), "a.xlsx: C9: \"Xã Hưng Đạo\" names") || !strings.Contains(err.Error(), "01351 Xã Hưng Đạo (Huyện Bảo Lạc, Tỉnh Cao Bằng)") {
		t.Errorf("error %v", err)
	}
}
