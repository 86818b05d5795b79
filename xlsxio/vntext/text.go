package vntext

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normal form C. Text that already is NFC (the
// usual case) is returned as is, without copying.
func NFC(s string) string { return norm.NFC.String(s) }

// Fold normalises for matching: NFC, lower case, diacritics stripped (đ→d),
// every character that is neither a letter nor a digit (punctuation, line
// breaks, "%") turned into a space, spaces collapsed and trimmed.
//
//	Fold("Số người tham gia\nBHXH bắt buộc (người)") == "so nguoi tham gia bhxh bat buoc nguoi"
//
// Fold accepts NFC and NFD input alike and is idempotent.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	f := folder{b: &b}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			f.rune(rune(c))
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if d := norm.NFD.PropertiesString(s[i : i+size]).Decomposition(); d != nil {
			for len(d) > 0 {
				dr, ds := utf8.DecodeRune(d)
				f.rune(dr)
				d = d[ds:]
			}
		} else {
			f.rune(r)
		}
		i += size
	}
	out := b.String()
	for i := 0; i < len(out); i++ {
		if out[i] >= utf8.RuneSelf {
			// Letters of other scripts stay; compose them so NFD and NFC
			// input fold alike (Hangul decomposes algorithmically, not
			// through the table above).
			return norm.NFC.String(out)
		}
	}
	return out
}

// folder accumulates Fold's output, one rune at a time.
type folder struct {
	b     *strings.Builder
	space bool // a space is due before the next letter or digit
}

func (f *folder) rune(r rune) {
	switch {
	case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
	case r >= 'A' && r <= 'Z':
		r += 'a' - 'A'
	case r < utf8.RuneSelf:
		f.space = true
		return
	case unicode.IsMark(r):
		return // a tone or vowel mark of NFD text, or left over from decomposing
	case r == 'đ' || r == 'Đ':
		r = 'd'
	default:
		r = unicode.ToLower(r)
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			f.space = true
			return
		}
		// A lower-cased letter may itself decompose (rare outside Latin).
		if d := norm.NFD.PropertiesString(string(r)).Decomposition(); d != nil {
			br, _ := utf8.DecodeRune(d)
			r = br
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				f.space = true
				return
			}
		}
	}
	if f.space && f.b.Len() > 0 {
		f.b.WriteByte(' ')
	}
	f.space = false
	f.b.WriteRune(r)
}

// isFolded reports whether s is already in Fold's output form for the
// common ASCII case, so Fold can return it without copying.
func isFolded(s string) bool {
	if s == "" {
		return true
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			prevSpace = false
		case c == ' ':
			if prevSpace {
				return false
			}
			prevSpace = true
		default:
			return false
		}
	}
	return true
}
