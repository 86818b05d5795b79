package xlsxio

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The spec of unit matching: pairs that must match (and how strictly),
// must not match, or match only loosely (a warning).
var unitPairs = []struct {
	name string
	a, b UnitRef
	want MatchLevel
}{
	// codes: digits, leading zeros restored by level, never text
	{"code text vs number", UnitRef{Code: "04402"}, UnitRef{Code: "4402"}, MatchCode},
	{"code number vs text with spaces", UnitRef{Code: "4402"}, UnitRef{Code: " 04402 "}, MatchCode},
	{"code same text", UnitRef{Code: "4402"}, UnitRef{Code: "4402"}, MatchCode},
	{"code wins over names", UnitRef{Code: "04402", Name: "Xã Tân Phú"}, UnitRef{Code: "4402", Name: "Tân Phú"}, MatchCode},
	{"code wins over a renamed unit", UnitRef{Code: "00004", Name: "Phường Trúc Bạch"}, UnitRef{Code: "4", Name: "Phường Ba Đình"}, MatchCode},
	{"different codes, same name", UnitRef{Code: "04402", Name: "Xã Tân Phú"}, UnitRef{Code: "04405", Name: "Xã Tân Phú"}, MatchNone},
	{"district 044 is not commune 00044", UnitRef{Code: "044"}, UnitRef{Code: "00044"}, MatchNone},
	{"commune by type, number 44", UnitRef{Code: "44", Name: "Xã An Lạc"}, UnitRef{Code: "00044"}, MatchCode},
	{"district by type vs commune code", UnitRef{Code: "44", Name: "Huyện An Lạc"}, UnitRef{Code: "00044"}, MatchNone},
	{"province 01 vs 1", UnitRef{Code: "01", Name: "Tỉnh Hà Giang"}, UnitRef{Code: "1"}, MatchCode},
	{"code row vs name-only row", UnitRef{Code: "04402", Name: "Xã Tân Phú"}, UnitRef{Name: "Xã Tân Phú"}, MatchName},
	{"code row vs name-only row, no type", UnitRef{Code: "04402", Name: "Xã Tân Phú"}, UnitRef{Name: "Tân Phú"}, MatchLoose},
	{"letters code", UnitRef{Code: "dv01"}, UnitRef{Code: "DV01"}, MatchCode},
	{"letters code differs", UnitRef{Code: "DV01"}, UnitRef{Code: "DV1"}, MatchNone},

	// names with their type: spelling drift that does not matter
	{"identical", UnitRef{Name: "Xã Tân Phú"}, UnitRef{Name: "Xã Tân Phú"}, MatchName},
	{"case", UnitRef{Name: "XÃ TÂN PHÚ"}, UnitRef{Name: "xã tân phú"}, MatchName},
	{"spaces", UnitRef{Name: " Xã  Tân   Phú "}, UnitRef{Name: "Xã Tân Phú"}, MatchName},
	{"tone placement Hoà/Hòa", UnitRef{Name: "Huyện Đông Hoà"}, UnitRef{Name: "Huyện Đông Hòa"}, MatchName},
	{"tone placement Thuỵ/Thụy", UnitRef{Name: "Xã Thuỵ An"}, UnitRef{Name: "Xã Thụy An"}, MatchName},
	{"tone placement Thuỷ/Thủy", UnitRef{Name: "Phường Bến Thuỷ"}, UnitRef{Name: "Phường Bến Thủy"}, MatchName},
	{"tone placement Khoá/Khóa", UnitRef{Name: "Xã Khoá Bảo"}, UnitRef{Name: "Xã Khóa Bảo"}, MatchName},
	{"NFD vs NFC", UnitRef{Name: norm.NFD.String("Xã Hòa Phú")}, UnitRef{Name: "Xã Hòa Phú"}, MatchName},
	{"NFD with old tone placement", UnitRef{Name: norm.NFD.String("Xã Hoà Phú")}, UnitRef{Name: "Xã Hòa Phú"}, MatchName},
	{"EaKar/Ea Kar", UnitRef{Name: "Huyện EaKar"}, UnitRef{Name: "Huyện Ea Kar"}, MatchName},
	{"Ea-Kar/Ea Kar", UnitRef{Name: "Huyện Ea-Kar"}, UnitRef{Name: "Huyện Ea Kar"}, MatchName},
	{"Krông Búk/KrôngBúk", UnitRef{Name: "Huyện Krông Búk"}, UnitRef{Name: "Huyện KrôngBúk"}, MatchName},
	{"Đắk/Đắc", UnitRef{Name: "Xã Đắk Ơ"}, UnitRef{Name: "Xã Đắc Ơ"}, MatchName},
	{"Đắk Lắk/Đắc Lắc", UnitRef{Name: "Tỉnh Đắk Lắk"}, UnitRef{Name: "Tỉnh Đắc Lắc"}, MatchName},
	{"ĐắkLắk/Đắk Lắk", UnitRef{Name: "Tỉnh ĐắkLắk"}, UnitRef{Name: "Tỉnh Đắk Lắk"}, MatchName},
	{"Kỳ/Kì", UnitRef{Name: "Thị xã Kỳ Anh"}, UnitRef{Name: "Thị xã Kì Anh"}, MatchName},
	{"Mỹ/Mĩ", UnitRef{Name: "Xã Mỹ Lộc"}, UnitRef{Name: "Xã Mĩ Lộc"}, MatchName},
	{"no diacritics at all", UnitRef{Name: "Xa Tan Phu"}, UnitRef{Name: "Xã Tân Phú"}, MatchName},
	{"no diacritics, Dak", UnitRef{Name: "Huyen Dak Mil"}, UnitRef{Name: "Huyện Đắk Mil"}, MatchName},
	{"upper case with marks", UnitRef{Name: "Huyện Đắk Ngọc"}, UnitRef{Name: "HUYỆN  ĐẮK NGỌC"}, MatchName},
	{"Đặc khu", UnitRef{Name: "Đặc khu Hòn Mê"}, UnitRef{Name: "đặc khu Hòn Mê"}, MatchName},
	{"leading zeros of numbers", UnitRef{Name: "Phường 01"}, UnitRef{Name: "Phường 1"}, MatchName},

	// abbreviations of the type
	{"TP./Thành phố", UnitRef{Name: "TP. Bình Lâm"}, UnitRef{Name: "Thành phố Bình Lâm"}, MatchName},
	{"TP without dot", UnitRef{Name: "TP Bình Lâm"}, UnitRef{Name: "Thành phố Bình Lâm"}, MatchName},
	{"Tp./Thành phố", UnitRef{Name: "Tp.Bình Lâm"}, UnitRef{Name: "Thành phố Bình Lâm"}, MatchName},
	{"P./Phường", UnitRef{Name: "P. Tân An"}, UnitRef{Name: "Phường Tân An"}, MatchName},
	{"X./Xã", UnitRef{Name: "X. Yên Lạc"}, UnitRef{Name: "Xã Yên Lạc"}, MatchName},
	{"H./Huyện", UnitRef{Name: "H. Đông Hòa"}, UnitRef{Name: "Huyện Đông Hoà"}, MatchName},
	{"TX./Thị xã", UnitRef{Name: "TX. Phú Định"}, UnitRef{Name: "Thị xã Phú Định"}, MatchName},
	{"TT/Thị trấn", UnitRef{Name: "TT Sa Pa"}, UnitRef{Name: "Thị trấn Sa Pa"}, MatchName},
	{"TT./Thị trấn", UnitRef{Name: "TT. Sa Pa"}, UnitRef{Name: "Thị trấn Sa Pa"}, MatchName},
	{"Q./Quận", UnitRef{Name: "Q.1"}, UnitRef{Name: "Quận 01"}, MatchName},
	{"type without diacritics", UnitRef{Name: "Thi xa Phu Dinh"}, UnitRef{Name: "Thị xã Phú Định"}, MatchName},

	// the type tells units apart: only the loose step, with a warning
	{"Thị xã vs Xã", UnitRef{Name: "Thị xã Phú Định"}, UnitRef{Name: "Xã Phú Định"}, MatchLoose},
	{"Xã vs Phường", UnitRef{Name: "Xã Tân Lập"}, UnitRef{Name: "Phường Tân Lập"}, MatchLoose},
	{"Huyện vs Thị xã", UnitRef{Name: "Huyện Kỳ Anh"}, UnitRef{Name: "Thị xã Kỳ Anh"}, MatchLoose},
	{"Thị trấn vs Xã", UnitRef{Name: "Thị trấn Phong Điền"}, UnitRef{Name: "Xã Phong Điền"}, MatchLoose},
	{"Quận vs Huyện", UnitRef{Name: "Quận Hà Đông"}, UnitRef{Name: "Huyện Hà Đông"}, MatchLoose},
	{"Thành phố vs Thị xã", UnitRef{Name: "TP. Phú Định"}, UnitRef{Name: "TX. Phú Định"}, MatchLoose},
	{"Đặc khu vs Xã", UnitRef{Name: "Đặc khu Cồn Cỏ"}, UnitRef{Name: "Xã Cồn Cỏ"}, MatchLoose},
	{"Phường 1 vs Quận 1", UnitRef{Name: "Phường 1"}, UnitRef{Name: "Quận 1"}, MatchLoose},
	{"type missing", UnitRef{Name: "Đông Hoà"}, UnitRef{Name: "Huyện Đông Hòa"}, MatchLoose},
	{"type missing, abbreviated", UnitRef{Name: "Bình Lâm"}, UnitRef{Name: "TP. Bình Lâm"}, MatchLoose},
	{"both without type", UnitRef{Name: "Đông Hoà"}, UnitRef{Name: "Đông Hòa"}, MatchName},

	// must not match
	{"tones differ Hòa/Hóa", UnitRef{Name: "Xã Tân Hòa"}, UnitRef{Name: "Xã Tân Hóa"}, MatchNone},
	{"tones moved across syllables", UnitRef{Name: "Xã Hóa An"}, UnitRef{Name: "Xã Hoa Án"}, MatchNone},
	{"tone vs no tone, both marked", UnitRef{Name: "Xã Tân An"}, UnitRef{Name: "Xã Tân Án"}, MatchNone},
	{"vowel marks differ", UnitRef{Name: "Xã Tân An"}, UnitRef{Name: "Xã Tấn An"}, MatchNone},
	{"đ is not d when both are marked", UnitRef{Name: "Xã Đông Sơn"}, UnitRef{Name: "Xã Dông Sơn"}, MatchNone},
	{"different names", UnitRef{Name: "Huyện Đông Hòa"}, UnitRef{Name: "Huyện Tây Hòa"}, MatchNone},
	{"numbered wards", UnitRef{Name: "Phường 1"}, UnitRef{Name: "Phường 11"}, MatchNone},
	{"a prefix of the other", UnitRef{Name: "Xã Tân Phú"}, UnitRef{Name: "Xã Tân Phú Đông"}, MatchNone},
	{"Thuy vs Thủy marked", UnitRef{Name: "Xã Thụy An"}, UnitRef{Name: "Xã Thủy An"}, MatchNone},
	{"a bare type is a name, not a type", UnitRef{Name: "Phường"}, UnitRef{Name: "Xã"}, MatchNone},
	{"empty names", UnitRef{Name: ""}, UnitRef{Name: ""}, MatchNone},
	{"k before a vowel stays k", UnitRef{Name: "Xã Ea Kar"}, UnitRef{Name: "Xã Ea Car"}, MatchNone},
	{"y of uy stays y", UnitRef{Name: "Xã Thuỵ An"}, UnitRef{Name: "Xã Thuị An"}, MatchNone},

	// parents (--by): names are unique per parent
	{"same name, same parent", UnitRef{Name: "Xã Tân Phú", Parent: "Huyện A"}, UnitRef{Name: "Xã Tân Phú", Parent: "H. A"}, MatchName},
	{"same name, other parent", UnitRef{Name: "Xã Tân Phú", Parent: "Huyện A"}, UnitRef{Name: "Xã Tân Phú", Parent: "Huyện B"}, MatchNone},
	{"parent on one side only", UnitRef{Name: "Xã Tân Phú", Parent: "Huyện A"}, UnitRef{Name: "Xã Tân Phú"}, MatchName},
	{"codes ignore parents", UnitRef{Code: "04402", Parent: "Huyện A"}, UnitRef{Code: "4402", Parent: "Huyện B"}, MatchCode},
}

func TestMatchUnit(t *testing.T) {
	if len(unitPairs) < 60 {
		t.Fatalf("%d pairs; the spec wants at least 60", len(unitPairs))
	}
	for _, p := range unitPairs {
		if got := MatchUnit(p.a, p.b); got != p.want {
			t.Errorf("%s: MatchUnit(%+v, %+v) = %v, want %v", p.name, p.a, p.b, got, p.want)
		}
		if got := MatchUnit(p.b, p.a); got != p.want {
			t.Errorf("%s: not symmetric: MatchUnit(%+v, %+v) = %v, want %v", p.name, p.b, p.a, got, p.want)
		}
		// The index finds what the pair says, and warns on a loose match.
		ix := NewUnitIndex()
		if _, err := ix.Add(p.b); err != nil {
			t.Fatal(err)
		}
		m, err := ix.Find(p.a)
		if err != nil {
			t.Errorf("%s: Find: %v", p.name, err)
			continue
		}
		if m.Level != p.want || (m.Index >= 0) != (p.want != MatchNone) {
			t.Errorf("%s: Find = %+v, want level %v", p.name, m, p.want)
		}
		if (m.Warning.EN != "") != (p.want == MatchLoose) {
			t.Errorf("%s: warning %q at level %v", p.name, m.Warning.EN, m.Level)
		}
		if p.want == MatchLoose && (!strings.Contains(m.Warning.EN, p.a.Name) || !strings.Contains(m.Warning.EN, p.b.Name)) {
			t.Errorf("%s: warning %q should name both spellings", p.name, m.Warning.EN)
		}
	}
}

func TestUnitCode(t *testing.T) {
	tests := []struct{ code, name, want string }{
		{"4402", "", "04402"},
		{"04402", "", "04402"},
		{" 4402 ", "Xã Tân Phú", "04402"},
		{"44", "Xã An Lạc", "00044"},
		{"44", "Huyện An Lạc", "044"},
		{"1", "Tỉnh Hà Giang", "01"},
		{"44", "", "44"}, // level unknown: kept as typed
		{"44", "Thành phố Vinh", "44"},
		{"001", "", "001"},
		{"dv01", "", "DV01"},
		{"", "Xã A", ""},
	}
	for _, tt := range tests {
		if got := UnitCode(tt.code, tt.name); got != tt.want {
			t.Errorf("UnitCode(%q, %q) = %q, want %q", tt.code, tt.name, got, tt.want)
		}
	}
}

// An exact match always wins over a looser one, and a loose one needs a
// single candidate.
func TestUnitIndexExactWins(t *testing.T) {
	ix := NewUnitIndex()
	for _, n := range []string{"Huyện Kỳ Anh", "Thị xã Kỳ Anh", "Xã Phú Định"} {
		if _, err := ix.Add(UnitRef{Name: n}); err != nil {
			t.Fatal(err)
		}
	}
	m, err := ix.Find(UnitRef{Name: "TX. Kỳ Anh"})
	if err != nil || m.Index != 1 || m.Level != MatchName || m.Warning.EN != "" {
		t.Errorf("TX. Kỳ Anh: %+v, %v; want the town, exactly", m, err)
	}
	m, err = ix.Find(UnitRef{Name: "Thị xã Phú Định"})
	if err != nil || m.Index != 2 || m.Level != MatchLoose || m.Warning.EN == "" {
		t.Errorf("Thị xã Phú Định: %+v, %v; want Xã Phú Định loosely, with a warning", m, err)
	}
	_, err = ix.Find(UnitRef{Name: "Kỳ Anh"})
	var amb *AmbiguousUnitError
	if !errors.As(err, &amb) || !errors.Is(err, ErrAmbiguousUnit) || len(amb.Candidates) != 2 {
		t.Fatalf("Kỳ Anh: %v; want ambiguous between the district and the town", err)
	}
	if want := `"Kỳ Anh" matches 2 units by name without the administrative type ("Huyện Kỳ Anh", "Thị xã Kỳ Anh")`; !strings.Contains(err.Error(), want) {
		t.Errorf("message %q\nwant it to contain %q", err, want)
	}
}

func TestUnitIndexDuplicates(t *testing.T) {
	tests := []struct {
		name string
		a, b UnitRef
		want string // "" = two units
	}{
		{"same name", UnitRef{Name: "Xã Tân Phú"}, UnitRef{Name: "xã Tân Phú"}, `duplicate unit "xã Tân Phú"`},
		{"same code", UnitRef{Code: "04402", Name: "Xã Tân Phú"}, UnitRef{Code: "4402", Name: "Xã Tân Phú"}, `duplicate unit "Xã Tân Phú" (04402)`},
		{"shared code", UnitRef{Code: "04402", Name: "Xã Tân Phú"}, UnitRef{Code: "4402", Name: "Xã Tân Hòa"}, `code 04402 is given to two units, "Xã Tân Phú" and "Xã Tân Hòa"`},
		{"code and name-only", UnitRef{Code: "04402", Name: "Xã Tân Phú"}, UnitRef{Name: "Xã Tân Phú"}, `duplicate unit "Xã Tân Phú"`},
		{"same name, other codes", UnitRef{Code: "04402", Name: "Xã Tân Phú"}, UnitRef{Code: "05503", Name: "Xã Tân Phú"}, ""},
		{"type tells apart", UnitRef{Name: "Xã Tân Lập"}, UnitRef{Name: "Phường Tân Lập"}, ""},
		{"other parents", UnitRef{Name: "Xã Tân Phú", Parent: "Huyện A"}, UnitRef{Name: "Xã Tân Phú", Parent: "Huyện B"}, ""},
		{"same parent", UnitRef{Name: "Xã Tân Phú", Parent: "Huyện A"}, UnitRef{Name: "Xã Tân Phú", Parent: "Huyện A"}, `duplicate unit "Xã Tân Phú" in "Huyện A"`},
	}
	for _, tt := range tests {
		ix := NewUnitIndex()
		if _, err := ix.Add(tt.a); err != nil {
			t.Fatal(err)
		}
		_, err := ix.Add(tt.b)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v; want two units", tt.name, err)
		case tt.want != "" && (err == nil || err.Error() != tt.want || !errors.Is(err, ErrDuplicateUnit)):
			t.Errorf("%s: %v; want %q", tt.name, err, tt.want)
		}
	}
}

func TestJoinUnits(t *testing.T) {
	refs := func(names ...string) []UnitRef {
		out := make([]UnitRef, len(names))
		for i, n := range names {
			out[i] = UnitRef{Name: n}
		}
		return out
	}
	idx := func(ms []UnitMatch) []int {
		out := make([]int, len(ms))
		for i, m := range ms {
			out[i] = m.Index
		}
		return out
	}
	tests := []struct {
		name        string
		left, right []UnitRef
		want        []int
		warnings    int
		err         string
	}{
		{"exact wins: the district row stays unmatched",
			refs("Huyện Kỳ Anh", "Thị xã Kỳ Anh"), refs("Thị xã Kỳ Anh"), []int{-1, 0}, 0, ""},
		{"exact wins in the other order",
			refs("Thị xã Kỳ Anh", "Huyện Kỳ Anh"), refs("Thị xã Kỳ Anh"), []int{0, -1}, 0, ""},
		{"a town's target is not a commune's without a warning",
			refs("Thị xã Phú Định"), refs("Xã Phú Định"), []int{0}, 1, ""},
		{"exact on both sides, loose ones left alone",
			refs("Thị xã Phú Định", "Xã Phú Định"), refs("Xã Phú Định", "Thị xã Phú Định"), []int{1, 0}, 0, ""},
		{"loose among what is left",
			refs("Kỳ Anh", "Thị xã Kỳ Anh"), refs("Huyện Kỳ Anh", "Thị xã Kỳ Anh"), []int{0, 1}, 1, ""},
		{"ambiguous loose",
			refs("Kỳ Anh"), refs("Huyện Kỳ Anh", "Thị xã Kỳ Anh"), nil, 0, "matches 2 units"},
		{"two rows for one unit",
			refs("Xã Tân Phú", "X. Tân Phú"), refs("Xã Tân Phú"), nil, 0, `"Xã Tân Phú" and "X. Tân Phú" both match unit "Xã Tân Phú"`},
		{"codes first",
			[]UnitRef{{Code: "4402", Name: "Xã Tân Phú"}, {Name: "Xã Tân Phú"}},
			[]UnitRef{{Code: "04405", Name: "Xã Tân Phú"}, {Code: "04402", Name: "Xã Tân Phú"}}, nil, 0, "matches 2 units by name"},
	}
	for _, tt := range tests {
		got, err := JoinUnits(tt.left, tt.right)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: %v; want an error containing %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if g := idx(got); !equalInts(g, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, g, tt.want)
		}
		n := 0
		for _, m := range got {
			if m.Warning.EN != "" {
				n++
			}
		}
		if n != tt.warnings {
			t.Errorf("%s: %d warnings, want %d", tt.name, n, tt.warnings)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// FuzzMatchUnit: matching is symmetric, a name always matches itself in
// NFC and NFD alike, and Find agrees with the pair.
func FuzzMatchUnit(f *testing.F) {
	for _, p := range unitPairs {
		f.Add(p.a.Code, p.a.Name, p.b.Code, p.b.Name)
	}
	f.Fuzz(func(t *testing.T, codeA, nameA, codeB, nameB string) {
		a, b := UnitRef{Code: codeA, Name: nameA}, UnitRef{Code: codeB, Name: nameB}
		lvl := MatchUnit(a, b)
		if back := MatchUnit(b, a); back != lvl {
			t.Fatalf("MatchUnit(%q, %q) = %v but %v the other way", a, b, lvl, back)
		}
		if utf8.ValidString(nameA) && strings.TrimSpace(codeA) == "" && unitKeyOf(a).name.plain != "" {
			if self := MatchUnit(a, UnitRef{Name: norm.NFD.String(nameA)}); self != MatchName {
				t.Fatalf("%q against its NFD form: %v", nameA, self)
			}
		}
		ix := NewUnitIndex()
		ix.add(b, unitKeyOf(b))
		m, err := ix.Find(a)
		if err != nil || m.Level != lvl {
			t.Fatalf("Find(%q) in [%q] = %+v, %v; MatchUnit says %v", a, b, m, err, lvl)
		}
		UnitCode(codeA, nameA)
	})
}
