package targets

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Unit names drift between files: "Hoà"/"Hòa", "Thuỷ"/"Thủy" (old and new
// tone placement), NFD text, "TP. Bình Lâm"/"Thành phố Bình Lâm", with or
// without "Huyện". A name is matched at three levels, strictest first, so
// a loose level is only used when a strict one finds nothing:
//
//	exact: NFC, lower case, spaces collapsed
//	full:  diacritics folded (đ→d), punctuation dropped, abbreviated
//	       admin prefixes spelled out ("tp" → "thanh pho")
//	bare:  full without the admin prefix ("huyen", "thi xa", "xa", …)
//
// (The lead may swap this for xlsxio.UnitNameKey once the reader lands.)
type nameKeys struct {
	exact, full, bare string
}

// prefixes of unit names, folded, longest first.
var adminPrefixes = []string{
	"thanh pho", "thi xa", "thi tran", "dac khu", "huyen", "quan", "phuong", "xa", "tinh",
}

// abbreviations of admin prefixes, folded.
var adminAbbrev = map[string]string{
	"tp": "thanh pho", "tx": "thi xa", "tt": "thi tran",
	"q": "quan", "h": "huyen", "p": "phuong", "x": "xa",
}

func keysOf(name string) nameKeys {
	exact := strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(name))), " ")
	words := strings.Fields(fold(name))
	if len(words) > 1 {
		if long, ok := adminAbbrev[words[0]]; ok {
			words = append(strings.Fields(long), words[1:]...)
		}
	}
	full := strings.Join(words, " ")
	bare := full
	for _, p := range adminPrefixes {
		if rest, ok := strings.CutPrefix(full, p+" "); ok {
			bare = rest
			break
		}
	}
	return nameKeys{exact: exact, full: full, bare: bare}
}

// fold lower-cases s, strips diacritics (đ → d) and turns punctuation into
// spaces.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// combining mark: drop
		case r == 'đ' || r == 'Đ':
			b.WriteByte('d')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(unicode.ToLower(r))
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// normCode compares codes kept as text: spaces trimmed and leading zeros
// ignored, because a CSV round trip through Excel often turns "04402" into
// 4402.
func normCode(c string) string {
	c = strings.TrimSpace(c)
	t := strings.TrimLeft(c, "0")
	if t == "" && c != "" {
		return "0"
	}
	return t
}
