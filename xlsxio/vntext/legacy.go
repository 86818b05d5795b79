package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Legacy Vietnamese encodings. Before Unicode, Vietnamese text was typed
// in 8-bit fonts: TCVN3 (ABC, fonts ".VnTime", ".VnArial"…) gives each
// accented letter its own code; VNI ("VNI-Times"…) types a base letter
// followed by mark characters. Excel stores the codes as the Latin-1
// characters they occupy, so "Tổng cộng" arrives as "Tæng céng"; only the
// cell's font says how to read it.

// tcvn3 maps the TCVN3 codes (as Latin-1 runes U+00A1…U+00FE) to Unicode:
// the 67 lower-case letters and the 7 capitals Ă Â Ê Ô Ơ Ư Đ. The other
// capitals exist only in the capitals fonts (".VnTimeH"), which show the
// lower-case codes as capitals.
var tcvn3 = [256]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

// Combining marks.
const (
	markGrave  = '\u0300'
	markAcute  = '\u0301'
	markCirc   = '\u0302'
	markTilde  = '\u0303'
	markBreve  = '\u0306'
	markHook   = '\u0309'
	markHorn   = '\u031b'
	markDotBel = '\u0323'
)

// VNI mark characters (lower-case form; the capitals fonts use the
// upper-case Latin-1 twin) and the marks each adds to the letter before.
var (
	vniTone = map[rune]rune{'ù': markAcute, 'ø': markGrave, 'û': markHook, 'õ': markTilde, 'ï': markDotBel}
	vniCirc = map[rune][2]rune{ // after a, e, o
		'â': {markCirc}, 'á': {markCirc, markAcute}, 'à': {markCirc, markGrave},
		'å': {markCirc, markHook}, 'ã': {markCirc, markTilde}, 'ä': {markCirc, markDotBel},
	}
	vniBreve = map[rune][2]rune{ // after a
		'ê': {markBreve}, 'é': {markBreve, markAcute}, 'è': {markBreve, markGrave},
		'ú': {markBreve, markHook}, 'ü': {markBreve, markTilde}, 'ë': {markBreve, markDotBel},
	}
	// letters VNI types as one character
	vniSingle = map[rune]string{
		'ô': "ơ", 'Ô': "Ơ", 'ö': "ư", 'Ö': "Ư", 'ñ': "đ", 'Ñ': "Đ",
		'í': "í", 'Í': "Í", 'ì': "ì", 'Ì': "Ì", 'æ': "ỉ", 'Æ': "Ỉ",
		'ó': "ĩ", 'Ó': "Ĩ", 'ò': "ị", 'Ò': "Ị", 'î': "ỵ", 'Î': "Ỵ",
	}
)

// DecodeLegacy converts text typed in a legacy Vietnamese font to Unicode
// NFC: fonts named ".Vn…" are TCVN3 (those ending in "H", such as
// ".VnTimeH", show every letter as a capital), fonts named "VNI-…" are VNI.
// Text in any other font is returned unchanged.
func DecodeLegacy(s, font string) string {
	f := strings.ToLower(strings.TrimSpace(font))
	switch {
	case strings.HasPrefix(f, ".vn"):
		out := s
		if !isASCII(s) {
			out = decodeTCVN3(s)
		}
		if strings.HasSuffix(f, "h") {
			out = strings.ToUpper(out)
		}
		return out
	case isASCII(s):
		return s
	case strings.HasPrefix(f, "vni-") || strings.HasPrefix(f, "vni "):
		return decodeVNI(s)
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func decodeTCVN3(s string) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for _, r := range s {
		if r < 256 && tcvn3[r] != 0 {
			r = tcvn3[r]
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func decodeVNI(s string) string {
	rs := []rune(s)
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		var next rune
		if i+1 < len(rs) {
			next = rs[i+1]
		}
		lowerNext := unicode.ToLower(next)
		base := unicode.ToLower(r)
		switch {
		case base == 'a' || base == 'e' || base == 'o':
			if m, ok := vniCirc[lowerNext]; ok {
				b.WriteRune(r)
				writeMarks(&b, m)
				i++
				continue
			}
			if base == 'a' {
				if m, ok := vniBreve[lowerNext]; ok {
					b.WriteRune(r)
					writeMarks(&b, m)
					i++
					continue
				}
			}
		case base == 'ô' || base == 'ö': // ơ, ư
			b.WriteString(vniSingle[r])
			if m, ok := vniTone[lowerNext]; ok {
				b.WriteRune(m)
				i++
			}
			continue
		}
		if m, ok := vniTone[lowerNext]; ok && strings.ContainsRune("aeiouy", base) {
			b.WriteRune(r)
			b.WriteRune(m)
			i++
			continue
		}
		if t, ok := vniSingle[r]; ok {
			b.WriteString(t)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func writeMarks(b *strings.Builder, m [2]rune) {
	for _, r := range m {
		if r != 0 {
			b.WriteRune(r)
		}
	}
}

// LooksLikeTCVN3 guesses whether s is TCVN3 text read as Latin-1, for text
// that comes without a font (CSV): s holds no character beyond Latin-1,
// some words hold TCVN3 codes, and at least 4 in 5 of those words decode
// to Vietnamese syllables ("Tæng céng" does; "Müller", "café" do not).
func LooksLikeTCVN3(s string) bool {
	if isASCII(s) {
		return false
	}
	legacy, plausible := 0, 0
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || r < 256 && tcvn3[r] != 0)
	}) {
		hasCode := false
		for _, r := range w {
			if r >= 256 {
				return false // real Unicode Vietnamese, or another script
			}
			if tcvn3[r] != 0 {
				hasCode = true
			}
		}
		if !hasCode || isVietnameseSyllable(w) {
			// "Xã", "Hòa" read as Unicode are Vietnamese already: a
			// word that reads both ways says nothing.
			continue
		}
		legacy++
		if isVietnameseSyllable(decodeTCVN3(w)) {
			plausible++
		}
	}
	return legacy > 0 && plausible*5 >= legacy*4
}

var (
	initials = []string{"ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "qu", "th", "tr",
		"b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", ""}
	finals = []string{"ch", "ng", "nh", "c", "m", "n", "p", "t", ""}
)

// isVietnameseSyllable reports whether w (Unicode) is shaped like one
// Vietnamese syllable: initial consonant, 1–3 vowels with at most one
// tone, final consonant.
func isVietnameseSyllable(w string) bool {
	tones := 0
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		switch r {
		case markGrave, markAcute, markTilde, markHook, markDotBel:
			tones++
			continue
		}
		b.WriteRune(r)
	}
	if tones > 1 {
		return false
	}
	bare := []rune(norm.NFC.String(b.String()))
	for _, ini := range initials {
		rest, ok := cutRunes(bare, ini)
		if !ok {
			continue
		}
		n := 0
		for n < len(rest) && n < 3 && strings.ContainsRune("aăâeêioôơuưy", rest[n]) {
			n++
		}
		if n == 0 {
			continue
		}
		if n < len(rest) && strings.ContainsRune("aăâeêioôơuưy", rest[n]) {
			continue
		}
		for _, fin := range finals {
			if string(rest[n:]) == fin {
				return true
			}
		}
	}
	return false
}

func cutRunes(rs []rune, prefix string) ([]rune, bool) {
	i := 0
	for _, p := range prefix {
		if i >= len(rs) || rs[i] != p {
			return nil, false
		}
		i++
	}
	return rs[i:], true
}
