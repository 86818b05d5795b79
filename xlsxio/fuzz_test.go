package xlsxio

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bhxh/bhxh/xlsxio/vntext"
	"github.com/shopspring/decimal"
	"golang.org/x/text/unicode/norm"
)

var maxCountDec = decimal.NewFromInt(maxCount)

func isSentinel(err error) bool {
	return errors.Is(err, ErrNotWholeNumber) || errors.Is(err, ErrNegative) ||
		errors.Is(err, ErrTooLarge) || errors.Is(err, ErrNotANumber)
}

func FuzzParseCellText(f *testing.F) {
	for _, s := range []string{"29.024", "1.234.567", "533,600", "1 234", "1\u00a0234 567", "12,5", "1.23",
		"29.O24", "-15", "(15)", "200.000.001", "29.024,0", "29,024.00", "x", "-", "–", "", "46,0%",
		"12,82 %", "1.234,5", "1,234.5", ",5", "+845", "\u221215", "9999999999999999999999,99"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, percent bool) {
		kind := kindCount
		if percent {
			kind = kindPercent
		}
		n, err := parseCellText(s, kind)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("parseCellText(%q): error %v is not a sentinel", s, err)
			}
			if kind == kindPercent && !errors.Is(err, ErrNotANumber) {
				t.Fatalf("parseCellText(%q, percent): count error %v", s, err)
			}
			return
		}
		if n.Absent {
			return
		}
		if n.Decimals < 0 {
			t.Fatalf("parseCellText(%q): decimals %d", s, n.Decimals)
		}
		if kind == kindPercent {
			return
		}
		v := n.Value
		if !v.IsInteger() || v.IsNegative() || v.GreaterThan(maxCountDec) {
			t.Fatalf("parseCellText(%q) = %s: not a count", s, v)
		}
		// Written back the Vietnamese way, it reads the same.
		back, err := parseCellText(withDots(v.String()), kindCount)
		if err != nil || !back.Value.Equal(v) {
			t.Fatalf("round trip of %s via %q: %s, %v", v, withDots(v.String()), back.Value, err)
		}
	})
}

// withDots groups digits by three with dots: 1234567 → "1.234.567".
func withDots(digits string) string {
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func FuzzParseCellNumber(f *testing.F) {
	for _, s := range []string{"29024", "0.30000000000000004", "1.5E+3", "4.4E-2", "-0", "29023.999999999996",
		"1E+500", "1E-500", "9.9999999999999999", "", "-", "1.2.3", "2E+8", "0.000000000000000000001"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, percent bool) {
		kind := kindCount
		if percent {
			kind = kindPercent
		}
		n, err := parseCellNumber(s, kind)
		if err != nil {
			if !isSentinel(err) {
				t.Fatalf("parseCellNumber(%q): error %v is not a sentinel", s, err)
			}
			return
		}
		if n.Decimals != -1 || n.Absent {
			t.Fatalf("parseCellNumber(%q) = %+v", s, n)
		}
		v := n.Value
		if d := len(strings.TrimRight(v.Coefficient().String(), "0")); d > 16 {
			t.Fatalf("parseCellNumber(%q) = %s: more than 15 significant digits", s, v)
		}
		if kind == kindCount && (!v.IsInteger() || v.IsNegative() || v.GreaterThan(maxCountDec)) {
			t.Fatalf("parseCellNumber(%q) = %s: not a count", s, v)
		}
	})
}

func FuzzMatchHeader(f *testing.F) {
	for _, p := range [][2]string{
		{"Kế hoạch giao năm 2023", "BHXH bắt buộc"}, {"", "TG\nBHXH BB"}, {"", "Tỷ lệ BHXH (%)"},
		{"Cùng kỳ năm 2022", "BHYT"}, {"", "Mã ĐVHC"}, {"", "bhxh_mandatory"}, {"(", ")"},
		{"", "Người hưởng lương hưu, BHXH hằng tháng, trợ cấp hưu trí xã hội"}, {"Số người tham gia BHXH", "Tổng số"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, group, header string) {
		key, why := MatchHeader(group, header)
		if why == "" {
			t.Fatalf("MatchHeader(%q, %q): empty why", group, header)
		}
		if key != "" && !canonicalKeys[key] {
			t.Fatalf("MatchHeader(%q, %q) = %q: not a canonical key", group, header, key)
		}
		for _, s := range []string{group, header} {
			if !utf8.ValidString(s) {
				continue
			}
			fs := vntext.Fold(s)
			if vntext.Fold(fs) != fs {
				t.Fatalf("Fold not idempotent on %q: %q then %q", s, fs, vntext.Fold(fs))
			}
			if fd := vntext.Fold(norm.NFD.String(s)); fd != fs {
				t.Fatalf("vntext.Fold(%q) = %q but vntext.Fold(NFD) = %q", s, fs, fd)
			}
		}
		if utf8.ValidString(group) && utf8.ValidString(header) {
			if k2, _ := MatchHeader(norm.NFD.String(group), norm.NFD.String(header)); k2 != key {
				t.Fatalf("MatchHeader(%q, %q) = %q but %q in NFD", group, header, key, k2)
			}
		}
		MatchUnit(UnitRef{Name: group}, UnitRef{Name: header})
		kindMask(header)
		isTotalLabel(header)
		isSubtotalLabel(header)
		isFooterLabel(header)
		isSectionLabel(header)
		isNumberingRow([]string{group, header, group})
		if p, ok := parsePeriod(header); ok != (p != "") || ok && len(p) != 7 {
			t.Fatalf("parsePeriod(%q) = %q, %v", header, p, ok)
		}
	})
}
