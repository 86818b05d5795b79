package rawxlsx

import "testing"

func TestParseFormat(t *testing.T) {
	for code, want := range map[string]NumFormat{
		"General":           General,
		"0":                 {},
		"0.00":              {Decimals: 2},
		"#,##0.0":           {Decimals: 1},
		"0.00%":             {Decimals: 2, Percent: true},
		`0.0" %"`:           {Decimals: 1},
		"[Red]0.000;-0.000": {Decimals: 3},
		`#,##0 "người"`:     {},
		"0.00E+00":          {Decimals: 2},
		"dd/mm/yyyy":        {Date: true},
		"[$-409]d-mmm-yy":   {Date: true},
		"[h]:mm":            {Date: true},
		"h:mm:ss.00":        {Decimals: 2, Date: true},
		`"Tháng" m`:         {Date: true},
		`\m0`:               {},
	} {
		if got := ParseFormat(code); got != want {
			t.Errorf("ParseFormat(%q) = %+v, want %+v", code, got, want)
		}
	}
}

func TestBuiltinFormat(t *testing.T) {
	for id, want := range map[int]NumFormat{
		0: General, 1: {}, 2: {Decimals: 2}, 9: {Percent: true}, 10: {Decimals: 2, Percent: true},
		14: {Decimals: -1, Date: true}, 22: {Decimals: -1, Date: true}, 49: General, 164: General,
	} {
		if got := BuiltinFormat(id); got != want {
			t.Errorf("BuiltinFormat(%d) = %+v, want %+v", id, got, want)
		}
	}
}
