package vntext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzDecodeLegacy(f *testing.F) {
	for _, p := range [][2]string{
		{"Tæng céng", ".VnTime"}, {"B¸O C¸O", ".VnTimeH"}, {"Toång coäng", "VNI-Times"},
		{"Ñôn vò", "VNI-Times"}, {"Ng\u00adêi", ".VnArial"}, {"abc", "Calibri"}, {"ôùö", "VNI-Times"},
	} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, s, font string) {
		out := DecodeLegacy(s, font)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("DecodeLegacy(%q, %q) = %q: invalid UTF-8", s, font, out)
		}
		caps := strings.HasSuffix(strings.ToLower(strings.TrimSpace(font)), "h")
		if isASCII(s) && out != s && !caps {
			t.Fatalf("DecodeLegacy(%q, %q) changed ASCII text to %q", s, font, out)
		}
		LooksLikeTCVN3(s)
	})
}
