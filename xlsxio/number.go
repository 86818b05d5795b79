package xlsxio

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// maxCount is the largest count of people a cell may hold: more than any
// province, or the country, has (ErrTooLarge beyond it).
const maxCount = 200_000_000

// parseCellText parses a number typed as text the way Vietnamese offices
// type it: "29.024", "1 234", "46,0%", "-" for zero, "x" for not applicable.
// kind decides what an ambiguous separator means: in a count "29,024" is
// twenty-nine thousand; in a percent "46,0" is forty-six.
// Errors are the sentinels ErrNotWholeNumber, ErrNegative, ErrTooLarge
// (counts) and ErrNotANumber (percents), without location.
// No float64 is involved: the value is built from the digits.
func parseCellText(text string, kind numKind) (parsedNumber, error) {
	s := trimCellSpace(text)
	switch s {
	case "", "-", "–", "—":
		return parsedNumber{Value: decimal.Zero}, nil
	case "x", "X":
		return parsedNumber{Absent: true}, nil
	}
	bad := ErrNotANumber
	if kind == kindCount {
		bad = ErrNotWholeNumber
		s = dropPeopleWord(s)
	}
	neg := false
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		neg = true
		s = trimCellSpace(s[1 : len(s)-1])
	}
	if kind == kindPercent {
		if t, ok := strings.CutSuffix(s, "%"); ok {
			s = trimCellSpace(t)
		}
	}
	switch {
	case strings.HasPrefix(s, "+"):
		if neg {
			return parsedNumber{}, bad
		}
		s = s[1:]
	case strings.HasPrefix(s, "-"):
		neg = !neg
		s = s[1:]
	case strings.HasPrefix(s, "\u2212"): // minus sign
		neg = !neg
		s = s[len("\u2212"):]
	}
	var g groups
	if !g.split(s) {
		return parsedNumber{}, bad
	}
	if kind == kindCount {
		return parseCount(&g, s, neg)
	}
	return parsePercent(&g, s, neg)
}

// ParseRate parses a rate in percent as a person types it, on the command
// line (--target bhyt=95,15, --rate 25) or in a cell: "55", "95.15",
// "95,15", "46,0 %". It is parseCellText's reading of a percent, so a flag
// and a cell never disagree, without what only a cell may mean: blank and
// "x" (not applicable) are ErrNotANumber; "-" is 0. No exponent ("2.5e1"):
// that is how a program writes a number, not how an analyst types a rate.
// The range a rate must lie in is the caller's (a target is in (0, 100], a
// workbook's stated rate may exceed 100).
func ParseRate(text string) (decimal.Decimal, error) {
	if trimCellSpace(text) == "" {
		return decimal.Decimal{}, ErrNotANumber
	}
	n, err := parseCellText(text, kindPercent)
	if err != nil {
		return decimal.Decimal{}, err
	}
	if n.Absent {
		return decimal.Decimal{}, ErrNotANumber
	}
	return n.Value, nil
}

// ParseCount parses a count of people as a person types it on the command
// line (--total 1.000, --min "1 000"): parseCellText's reading of a count
// cell, so a flag and a cell never disagree ("1.000" is a thousand, "1.000,0"
// too; "1,5" is not whole), without what only a cell may mean: blank and "x"
// are ErrNotWholeNumber; "-" is 0.
func ParseCount(text string) (int64, error) {
	if trimCellSpace(text) == "" {
		return 0, ErrNotWholeNumber
	}
	n, err := parseCellText(text, kindCount)
	if err != nil {
		return 0, err
	}
	if n.Absent {
		return 0, ErrNotWholeNumber
	}
	return n.Value.IntPart(), nil
}

// Separator classes between digit groups.
const (
	sepNone  = 0
	sepDot   = '.'
	sepComma = ','
	sepSpace = ' ' // space, NBSP, narrow NBSP, thin space, figure space
)

const maxGroups = 16

// groups is a number's text split at separators, held without allocation:
// group i is s[start[i]:end[i]], preceded by separator sep[i] (sep[0] is 0).
type groups struct {
	n          int
	sep        [maxGroups]byte
	start, end [maxGroups]int
}

// split fills g from s, which must be digits and separators only, starting
// and ending with a digit, one separator between groups.
func (g *groups) split(s string) bool {
	if s == "" {
		return false
	}
	g.n = 0
	inGroup := false
	for i := 0; i < len(s); {
		c := s[i]
		if c >= '0' && c <= '9' {
			if !inGroup {
				if g.n == maxGroups {
					return false
				}
				g.start[g.n] = i
				inGroup = true
				if g.n == 0 {
					g.sep[0] = sepNone
				}
			}
			i++
			g.end[g.n] = i
			continue
		}
		var sep byte
		size := 1
		switch c {
		case '.':
			sep = sepDot
		case ',':
			sep = sepComma
		case ' ':
			sep = sepSpace
		default:
			r, sz := utf8.DecodeRuneInString(s[i:])
			switch r {
			case '\u00a0', '\u202f', '\u2009', '\u2007':
				sep, size = sepSpace, sz
			default:
				return false
			}
		}
		if !inGroup {
			// Leading separator (",5") or two in a row: only a leading
			// decimal mark is allowed, decided by the caller.
			if g.n != 0 || i != 0 || sep == sepSpace {
				return false
			}
			g.start[0], g.end[0] = 0, 0
			g.sep[0] = sepNone
		} else {
			inGroup = false
		}
		g.n++
		if g.n == maxGroups {
			return false
		}
		g.sep[g.n] = sep
		i += size
	}
	if !inGroup {
		return false // trailing separator
	}
	g.n++
	return true
}

func (g *groups) len(i int) int { return g.end[i] - g.start[i] }

// thousandsOK reports whether groups [0, n) are a whole number written with
// one kind of thousands separator: 1–3 digits, then groups of exactly 3.
func (g *groups) thousandsOK(n int) bool {
	if n == 0 || g.len(0) == 0 {
		return false
	}
	if n == 1 {
		return true
	}
	if g.len(0) > 3 {
		return false
	}
	for i := 1; i < n; i++ {
		if g.len(i) != 3 || g.sep[i] != g.sep[1] {
			return false
		}
	}
	return true
}

// countIntGroups returns the number of integer groups: g.n when the text has
// no decimal part, g.n-1 when the last group is a fraction.
func (g *groups) countIntGroups() int {
	if g.n == 1 {
		return 1
	}
	last := g.sep[g.n-1]
	if last == sepSpace {
		return g.n
	}
	mixed := false
	for i := 1; i < g.n-1; i++ {
		if g.sep[i] == last {
			return g.n // "1.234.567": the same mark again is a thousands separator
		}
		mixed = true
	}
	if mixed || g.len(g.n-1) != 3 || g.n == 2 && g.len(0) > 3 {
		return g.n - 1 // "29.024,0", "12,5", "29024.000": a decimal part
	}
	return g.n // "29.024", "533,600"
}

func parseCount(g *groups, s string, neg bool) (parsedNumber, error) {
	ni := g.countIntGroups()
	decimals := 0
	if ni < g.n {
		frac := s[g.start[g.n-1]:g.end[g.n-1]]
		if strings.Trim(frac, "0") != "" {
			return parsedNumber{}, ErrNotWholeNumber
		}
		decimals = len(frac)
	}
	if !g.thousandsOK(ni) {
		return parsedNumber{}, ErrNotWholeNumber
	}
	var v int64
	for i := 0; i < ni; i++ {
		for _, c := range []byte(s[g.start[i]:g.end[i]]) {
			v = v*10 + int64(c-'0')
			if v > maxCount {
				if neg {
					return parsedNumber{}, ErrNegative
				}
				return parsedNumber{}, ErrTooLarge
			}
		}
	}
	if neg && v != 0 {
		return parsedNumber{}, ErrNegative
	}
	return parsedNumber{Value: decimal.New(v, 0), Decimals: decimals}, nil
}

func parsePercent(g *groups, s string, neg bool) (parsedNumber, error) {
	// The decimal mark: with both '.' and ',' the later one; with one of
	// them, that one when it occurs once (a single separator is the decimal
	// mark for percents); spaces are only ever thousands separators.
	ni := g.n
	if g.n > 1 {
		last := g.sep[g.n-1]
		if last != sepSpace {
			same := 0
			for i := 1; i < g.n; i++ {
				if g.sep[i] == last {
					same++
				}
			}
			if same == 1 {
				ni = g.n - 1
			}
		}
	}
	if g.len(0) == 0 && ni != 1 || ni < g.n && g.len(g.n-1) == 0 {
		return parsedNumber{}, ErrNotANumber
	}
	if g.len(0) != 0 && !g.thousandsOK(ni) {
		return parsedNumber{}, ErrNotANumber
	}
	decimals := 0
	if ni < g.n {
		decimals = g.len(g.n - 1)
	}
	digits := 0
	for i := 0; i < g.n; i++ {
		digits += g.len(i)
	}
	var val decimal.Decimal
	if digits <= 18 {
		var v int64
		for i := 0; i < g.n; i++ {
			for _, c := range []byte(s[g.start[i]:g.end[i]]) {
				v = v*10 + int64(c-'0')
			}
		}
		if neg {
			v = -v
		}
		val = decimal.New(v, int32(-decimals))
	} else {
		var b strings.Builder
		if neg {
			b.WriteByte('-')
		}
		for i := 0; i < g.n; i++ {
			if i == ni {
				b.WriteByte('.')
			}
			b.WriteString(s[g.start[i]:g.end[i]])
		}
		d, err := decimal.NewFromString(b.String())
		if err != nil {
			return parsedNumber{}, ErrNotANumber
		}
		val = d
	}
	return parsedNumber{Value: val, Decimals: decimals}, nil
}

// trimCellSpace trims spaces of every kind, including NBSP, narrow NBSP,
// zero-width space and BOM, which copy-paste leaves around numbers.
// dropPeopleWord cuts the unit word a count may be typed with: "10.411
// người", "8 450 người" (NFD too) are counts of people; any other word
// after the digits is not.
func dropPeopleWord(s string) string {
	i := strings.LastIndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if i < 0 || i == len(s)-1 {
		return s
	}
	switch vntext.Fold(s[i+1:]) {
	case "nguoi", "ng":
		return trimCellSpace(s[:i+1])
	}
	return s
}

func trimCellSpace(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
	})
}

// parseCellNumber parses a numeric cell's raw stored value ("29024",
// "0.30000000000000004", "1.5E+3", "-0"), rounded to 15 significant digits
// as Excel shows it, so 0.1+0.2 reads as 0.3 and 29023.999999999996 as 29024.
// For kindCount the result must be whole, non-negative and at most maxCount.
// Decimals is -1: a numeric cell does not say how many were typed.
func parseCellNumber(raw string, kind numKind) (parsedNumber, error) {
	bad := ErrNotANumber
	if kind == kindCount {
		bad = ErrNotWholeNumber
	}
	s := strings.TrimSpace(raw)
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	// Mantissa digits, kept as up to 16 significant digits (the 16th
	// decides the rounding); exp is the power of ten of the last kept digit.
	var coef int64
	kept, exp, seenDigit, seenPoint := 0, 0, false, false
	roundDigit := -1
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if seenPoint {
				return parsedNumber{}, bad
			}
			seenPoint = true
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		seenDigit = true
		switch {
		case kept == 0 && c == '0':
			if seenPoint {
				exp-- // leading zero of a fraction: 0.0044
			}
		case kept < 15:
			coef = coef*10 + int64(c-'0')
			kept++
			if seenPoint {
				exp--
			}
		default:
			if kept == 15 && roundDigit < 0 {
				roundDigit = int(c - '0')
			}
			if !seenPoint {
				exp++ // a dropped integer digit
			}
		}
	}
	if !seenDigit {
		return parsedNumber{}, bad
	}
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return parsedNumber{}, bad
		}
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		if i == len(s) {
			return parsedNumber{}, bad
		}
		e := 0
		for ; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return parsedNumber{}, bad
			}
			if e < 100000 {
				e = e*10 + int(c-'0')
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if roundDigit >= 5 {
		coef++
		if coef == 1_000_000_000_000_000 {
			coef /= 10
			exp++
		}
	}
	if coef == 0 {
		return parsedNumber{Value: decimal.Zero, Decimals: -1}, nil
	}
	for coef%10 == 0 {
		coef /= 10
		exp++
	}
	// A double lies within 1e-324…1e308: anything beyond is not a cell value.
	if exp > 400 || exp < -400 {
		if kind == kindCount && exp > 0 {
			if neg {
				return parsedNumber{}, ErrNegative
			}
			return parsedNumber{}, ErrTooLarge
		}
		return parsedNumber{}, bad
	}
	if kind == kindCount {
		if exp < 0 {
			return parsedNumber{}, ErrNotWholeNumber
		}
		if neg {
			return parsedNumber{}, ErrNegative
		}
		v := coef
		for e := 0; e < exp; e++ {
			v *= 10
			if v > maxCount {
				return parsedNumber{}, ErrTooLarge
			}
		}
		if v > maxCount {
			return parsedNumber{}, ErrTooLarge
		}
		return parsedNumber{Value: decimal.New(v, 0), Decimals: -1}, nil
	}
	if neg {
		coef = -coef
	}
	return parsedNumber{Value: decimal.New(coef, int32(exp)), Decimals: -1}, nil
}
