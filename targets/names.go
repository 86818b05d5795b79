package targets

import (
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/bhxh/bhxh/xlsxio"
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
// full and bare are xlsxio.UnitFullKey and xlsxio.UnitNameKey, the keys the
// reader and trend match names with.
type nameKeys struct {
	exact, full, bare string
}

func keysOf(name string) nameKeys {
	return nameKeys{
		exact: strings.Join(strings.Fields(strings.ToLower(norm.NFC.String(name))), " "),
		full:  xlsxio.UnitFullKey(name),
		bare:  xlsxio.UnitNameKey(name),
	}
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
