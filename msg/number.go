package msg

import (
	"strconv"
	"strings"
)

// Number is a figure inside a message (a count of people, a total, a
// rate), canonical: '.' as the decimal point, no grouping ("-1234.5").
// Formatted with %s, it reads as the reader's language writes numbers:
// "1.234,5" in Vietnamese; English keeps it as it is ("1234.5"), as the
// JSON "message" and logs have always had it. Row and line numbers, years,
// cell references and codes are not Numbers: they stay plain digits.
type Number string

// Count is n as a Number ("1.234.567 người" in Vietnamese).
func Count[T ~int | ~int64](n T) Number { return Number(strconv.FormatInt(int64(n), 10)) }

// Decimal is a decimal's canonical text as a Number (a rate's
// rate.Format(2), a decimal.Decimal's String()).
func Decimal(s string) Number { return Number(s) }

// In is the number as language l writes it.
func (n Number) In(l Lang) string {
	if l == EN {
		return string(n)
	}
	return Grouped(string(n), '.', ',')
}

// String is the canonical number (English).
func (n Number) String() string { return string(n) }

// Grouped writes a canonical decimal ("-1234.50") with group between
// thousands and point as the decimal mark: Grouped(s, '.', ',') is
// Vietnamese ("-1.234,50"), Grouped(s, ',', '.') English ("-1,234.50").
func Grouped(s string, group, point byte) string {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	intPart, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(group)
		}
		b.WriteRune(c)
	}
	if hasFrac {
		b.WriteByte(point)
		b.WriteString(frac)
	}
	return b.String()
}
