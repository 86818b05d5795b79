package rawxlsx

import "strings"

// Style is what bhxh needs of a cell format (an <xf> of cellXfs): the font,
// for text typed in a legacy Vietnamese font, and the number format.
type Style struct {
	Font   string // font family ("Calibri", ".VnTime"), "" when unknown
	Format NumFormat
}

// NumFormat says how a number format shows a number.
type NumFormat struct {
	Decimals int  // decimals shown (of its first section); -1 for General or unknown
	Percent  bool // a percentage: the stored value is a fraction
	Date     bool // a date or time: the stored value is a serial day number
}

// General is the format of a cell without one.
var General = NumFormat{Decimals: -1}

// ReadStyles reads the cell formats of the styles part (nil, nil when the
// package has none). Which format applies to a cell is the worksheet's
// business: the cell's s, else its row's, else its column's.
func (p *Package) ReadStyles(part string) ([]Style, error) {
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Fonts []struct {
			Name *struct {
				Val *string `xml:"val,attr"`
			} `xml:"name"`
		} `xml:"fonts>font"`
		Xfs []struct {
			NumFmtID  *int  `xml:"numFmtId,attr"`
			FontID    *int  `xml:"fontId,attr"`
			ApplyFont *bool `xml:"applyFont,attr"`
		} `xml:"cellXfs>xf"`
	}
	if ok, err := p.readMeta(part, &st); !ok || err != nil {
		return nil, err
	}
	styles := make([]Style, len(st.Xfs))
	for i, xf := range st.Xfs {
		s := Style{Format: General}
		if (xf.ApplyFont == nil || *xf.ApplyFont) && xf.FontID != nil && *xf.FontID >= 0 && *xf.FontID < len(st.Fonts) {
			if n := st.Fonts[*xf.FontID].Name; n != nil && n.Val != nil {
				s.Font = *n.Val
			}
		}
		if xf.NumFmtID != nil {
			id := *xf.NumFmtID
			if IsBuiltinFormat(id) {
				s.Format = BuiltinFormat(id)
			} else {
				for _, nf := range st.NumFmts {
					if nf.ID == id {
						s.Format = ParseFormat(nf.Code)
					}
				}
			}
		}
		styles[i] = s
	}
	return styles, nil
}

// IsBuiltinFormat: the ids excelize takes as built-in formats (its own
// code table and the language-dependent ranges), whatever numFmts says.
func IsBuiltinFormat(id int) bool {
	return (0 <= id && id <= 4) || (9 <= id && id <= 22) || (37 <= id && id <= 49) ||
		(27 <= id && id <= 36) || (50 <= id && id <= 62) || (67 <= id && id <= 81)
}

// BuiltinFormat is the format of a built-in number format id.
func BuiltinFormat(id int) NumFormat {
	f := ParseFormat(builtinCode(id))
	switch {
	case 14 <= id && id <= 22, 27 <= id && id <= 36, 45 <= id && id <= 47, 50 <= id && id <= 58, 71 <= id && id <= 81:
		f.Date = true // dates and times, also the East Asian and Thai ones
	}
	return f
}

// builtinCode gives the format code of Excel's built-in number formats
// that matter for decimals.
func builtinCode(id int) string {
	switch id {
	case 1:
		return "0"
	case 2:
		return "0.00"
	case 3:
		return "#,##0"
	case 4:
		return "#,##0.00"
	case 9:
		return "0%"
	case 10:
		return "0.00%"
	case 11:
		return "0.00E+00"
	case 37, 38:
		return "#,##0"
	case 39, 40:
		return "#,##0.00"
	}
	return "General"
}

// ParseFormat reads a format code: how many decimals it shows (of its
// first section), whether it is a percentage, whether a date or time.
func ParseFormat(code string) NumFormat {
	if code == "" || strings.EqualFold(code, "General") {
		return General
	}
	sec := code
	if i := strings.IndexByte(sec, ';'); i >= 0 {
		sec = sec[:i]
	}
	// drop quoted text, escaped characters and [colour], [$-locale], [h]
	var b strings.Builder
	inQuote := false
	for i := 0; i < len(sec); i++ {
		ch := sec[i]
		switch {
		case ch == '"':
			inQuote = !inQuote
		case inQuote:
		case ch == '\\' || ch == '_' || ch == '*':
			i++
		case ch == '[':
			if j := strings.IndexByte(sec[i:], ']'); j >= 0 {
				if k := strings.Trim(strings.ToLower(sec[i+1:i+j]), "hms"); k == "" && j > 1 {
					b.WriteByte('h') // [h]:mm elapsed time
				}
				i += j
			}
		default:
			b.WriteByte(ch)
		}
	}
	s := b.String()
	f := NumFormat{Percent: strings.Contains(s, "%"), Date: strings.ContainsAny(s, "dDmMyYhHsS")}
	if i := strings.IndexByte(s, '.'); i >= 0 {
		for _, ch := range s[i+1:] {
			if ch == '0' || ch == '#' || ch == '?' {
				f.Decimals++
			} else if ch != ',' {
				break
			}
		}
	}
	return f
}
