package xlsxio

import (
	"errors"
	"testing"

	"github.com/shopspring/decimal"
)

func TestParseCellText(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		kind     numKind
		want     string // decimal value; "" when an error or Absent is expected
		decimals int
		absent   bool
		err      error
	}{
		// counts
		{name: "plain", text: "845", want: "845"},
		{name: "plain five digits", text: "12345", want: "12345"},
		{name: "dot thousands", text: "29.024", want: "29024"},
		{name: "dot thousands twice", text: "1.124.684", want: "1124684"},
		{name: "dot thousands 1.234", text: "1.234", want: "1234"},
		{name: "comma thousands", text: "533,600", want: "533600"},
		{name: "comma thousands twice", text: "1,234,567", want: "1234567"},
		{name: "space thousands", text: "1 234", want: "1234"},
		{name: "space thousands twice", text: "1 234 567", want: "1234567"},
		{name: "nbsp thousands", text: "1\u00a0234", want: "1234"},
		{name: "narrow nbsp thousands", text: "12\u202f345", want: "12345"},
		{name: "thin space thousands", text: "12\u2009345", want: "12345"},
		{name: "surrounding spaces", text: "  29.024 ", want: "29024"},
		{name: "surrounding nbsp", text: "\u00a029.024\u00a0", want: "29024"},
		{name: "leading plus", text: "+845", want: "845"},
		{name: "zero", text: "0", want: "0"},
		{name: "leading zeros", text: "007", want: "7"},
		{name: "empty is zero", text: "", want: "0"},
		{name: "spaces are zero", text: "   ", want: "0"},
		{name: "dash is zero", text: "-", want: "0"},
		{name: "en dash is zero", text: "–", want: "0"},
		{name: "em dash is zero", text: "—", want: "0"},
		{name: "dash with spaces", text: " - ", want: "0"},
		{name: "x is absent", text: "x", absent: true},
		{name: "X is absent", text: "X", absent: true},
		{name: "zero decimals comma", text: "29.024,0", want: "29024", decimals: 1},
		{name: "zero decimals dot", text: "29,024.00", want: "29024", decimals: 2},
		{name: "zero decimals plain", text: "12,0", want: "12", decimals: 1},
		{name: "max count", text: "200.000.000", want: "200000000"},
		{name: "minus zero", text: "-0", want: "0"},
		{name: "people word", text: "10.411 người", want: "10411"},
		{name: "people word, space thousands", text: "8 450 người", want: "8450"},
		{name: "people word, nbsp thousands", text: "8\u00a0450 người", want: "8450"},
		{name: "people word NFD, no space", text: "247ngu\u031bo\u031b\u0300i", want: "247"},
		{name: "people word in capitals", text: "1.234 NGƯỜI", want: "1234"},
		{name: "another word", text: "10.411 hộ", err: ErrNotWholeNumber},
		{name: "people word alone", text: "người", err: ErrNotWholeNumber},
		{name: "comma fraction", text: "12,5", err: ErrNotWholeNumber},
		{name: "dot fraction", text: "1.23", err: ErrNotWholeNumber},
		{name: "fraction after thousands", text: "29.024,5", err: ErrNotWholeNumber},
		{name: "letter O", text: "29.O24", err: ErrNotWholeNumber},
		{name: "word", text: "abc", err: ErrNotWholeNumber},
		{name: "percent sign in count", text: "45%", err: ErrNotWholeNumber},
		{name: "group of 2", text: "1.23.456", err: ErrNotWholeNumber},
		{name: "group of 4", text: "1.2345", err: ErrNotWholeNumber},
		{name: "first group of 4", text: "1234.567", err: ErrNotWholeNumber},
		{name: "three zero decimals", text: "29024.000", want: "29024", decimals: 3},
		{name: "zero decimals after thousands", text: "1.234.567,00", want: "1234567", decimals: 2},
		{name: "space thousands comma zero", text: "12 345,0", want: "12345", decimals: 1},
		{name: "first group of 4 then thousands", text: "1234.567.890", err: ErrNotWholeNumber},
		{name: "mixed thousands", text: "1.234,567.000", err: ErrNotWholeNumber},
		{name: "two spaces", text: "1  234", err: ErrNotWholeNumber},
		{name: "trailing separator", text: "1.", err: ErrNotWholeNumber},
		{name: "leading separator", text: ",5", err: ErrNotWholeNumber},
		{name: "exponent text", text: "1E3", err: ErrNotWholeNumber},
		{name: "negative", text: "-15", err: ErrNegative},
		{name: "negative thousands", text: "-1.234", err: ErrNegative},
		{name: "parenthesised", text: "(15)", err: ErrNegative},
		{name: "minus sign", text: "\u221215", err: ErrNegative},
		{name: "too large", text: "200.000.001", err: ErrTooLarge},
		{name: "much too large", text: "99999999999999999999999", err: ErrTooLarge},
		{name: "plus and parentheses", text: "(+15)", err: ErrNotWholeNumber},
		// percents
		{name: "pct comma", text: "46,0", kind: kindPercent, want: "46", decimals: 1},
		{name: "pct comma sign", text: "46,0%", kind: kindPercent, want: "46", decimals: 1},
		{name: "pct dot", text: "46.0", kind: kindPercent, want: "46", decimals: 1},
		{name: "pct space before sign", text: "12,82 %", kind: kindPercent, want: "12.82", decimals: 2},
		{name: "pct nbsp before sign", text: "12,82\u00a0%", kind: kindPercent, want: "12.82", decimals: 2},
		{name: "pct 2,52%", text: "2,52%", kind: kindPercent, want: "2.52", decimals: 2},
		{name: "pct 37,6", text: "37,6", kind: kindPercent, want: "37.6", decimals: 1},
		{name: "pct whole", text: "95", kind: kindPercent, want: "95"},
		{name: "pct whole sign", text: "95%", kind: kindPercent, want: "95"},
		{name: "pct dot thousands comma decimal", text: "1.234,5", kind: kindPercent, want: "1234.5", decimals: 1},
		{name: "pct comma thousands dot decimal", text: "1,234.5", kind: kindPercent, want: "1234.5", decimals: 1},
		{name: "pct single separator is decimal", text: "1.234", kind: kindPercent, want: "1.234", decimals: 3},
		{name: "pct leading mark", text: ",5", kind: kindPercent, want: "0.5", decimals: 1},
		{name: "pct negative", text: "-2,5", kind: kindPercent, want: "-2.5", decimals: 1},
		{name: "pct parentheses", text: "(2,5)", kind: kindPercent, want: "-2.5", decimals: 1},
		{name: "pct dash", text: "-", kind: kindPercent, want: "0"},
		{name: "pct x", text: "x", kind: kindPercent, absent: true},
		{name: "pct long", text: "12,3456789012345678901", kind: kindPercent, want: "12.3456789012345678901", decimals: 19},
		{name: "pct word", text: "n/a", kind: kindPercent, err: ErrNotANumber},
		{name: "pct two decimal marks", text: "1,2,3", kind: kindPercent, err: ErrNotANumber},
		{name: "pct trailing mark", text: "46,", kind: kindPercent, err: ErrNotANumber},
		{name: "pct double sign", text: "46%%", kind: kindPercent, err: ErrNotANumber},
		{name: "pct letter", text: "4O,5", kind: kindPercent, err: ErrNotANumber},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parseCellText(tt.text, tt.kind)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Fatalf("parseCellText(%q) error = %v, want %v", tt.text, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseCellText(%q) error = %v", tt.text, err)
			}
			if got.Absent != tt.absent {
				t.Fatalf("parseCellText(%q).Absent = %v, want %v", tt.text, got.Absent, tt.absent)
			}
			if tt.absent {
				return
			}
			if got.Value.String() != tt.want || got.Decimals != tt.decimals {
				t.Errorf("parseCellText(%q) = %s (decimals %d), want %s (decimals %d)",
					tt.text, got.Value, got.Decimals, tt.want, tt.decimals)
			}
		})
	}
}

func TestParseCellNumber(t *testing.T) {
	tests := []struct {
		raw  string
		kind numKind
		want string
		err  error
	}{
		{raw: "29024", want: "29024"},
		{raw: "29023.999999999996", want: "29024"},
		{raw: "29024.000000000004", want: "29024"},
		{raw: "1.5E+3", want: "1500"},
		{raw: "1.5e3", want: "1500"},
		{raw: "2E+8", want: "200000000"},
		{raw: "-0", want: "0"},
		{raw: "0", want: "0"},
		{raw: "200000000", want: "200000000"},
		{raw: "999999999999999999", err: ErrTooLarge},
		{raw: "200000001", err: ErrTooLarge},
		{raw: "1E+500", err: ErrTooLarge},
		{raw: "12.5", err: ErrNotWholeNumber},
		{raw: "-15", err: ErrNegative},
		{raw: "-1E+500", err: ErrNegative},
		{raw: "abc", err: ErrNotWholeNumber},
		{raw: "", err: ErrNotWholeNumber},
		{raw: "1.2.3", err: ErrNotWholeNumber},
		{raw: "1E", err: ErrNotWholeNumber},
		{raw: "0.30000000000000004", kind: kindPercent, want: "0.3"},
		{raw: "4.4E-2", kind: kindPercent, want: "0.044"},
		{raw: "46", kind: kindPercent, want: "46"},
		{raw: "-2.5", kind: kindPercent, want: "-2.5"},
		{raw: "0.0044", kind: kindPercent, want: "0.0044"},
		{raw: "12.824999999999999", kind: kindPercent, want: "12.825"},
		{raw: "0.1234567890123456789", kind: kindPercent, want: "0.123456789012346"},
		{raw: "9.9999999999999999", kind: kindPercent, want: "10"},
		{raw: "123456789012345678", kind: kindPercent, want: "123456789012346000"},
		{raw: "1E-500", kind: kindPercent, err: ErrNotANumber},
		{raw: "x", kind: kindPercent, err: ErrNotANumber},
	}
	for _, tt := range tests {
		got, err := parseCellNumber(tt.raw, tt.kind)
		if tt.err != nil {
			if !errors.Is(err, tt.err) {
				t.Errorf("parseCellNumber(%q) error = %v, want %v", tt.raw, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("parseCellNumber(%q) error = %v", tt.raw, err)
			continue
		}
		if got.Value.String() != tt.want || got.Decimals != -1 || got.Absent {
			t.Errorf("parseCellNumber(%q) = %s (decimals %d), want %s (decimals -1)", tt.raw, got.Value, got.Decimals, tt.want)
		}
	}
}

func BenchmarkParseCellText(b *testing.B) {
	inputs := []struct {
		s string
		k numKind
	}{{"29.024", kindCount}, {"1 234 567", kindCount}, {"845", kindCount}, {"46,0%", kindPercent}, {"-", kindCount}}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		in := inputs[i%len(inputs)]
		if _, err := parseCellText(in.s, in.k); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseCellNumber(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := parseCellNumber("29023.999999999996", kindCount); err != nil {
			b.Fatal(err)
		}
	}
}

// One reading of a typed rate for flags and cells: what parseCellText reads
// as a percent, less blank and "x".
func TestParseRate(t *testing.T) {
	for _, c := range []struct {
		in, want string // want "" = ErrNotANumber
	}{
		{"55", "55"}, {"95.15", "95.15"}, {"95,15", "95.15"}, {"95,15%", "95.15"}, {" 46,0 % ", "46"},
		{",5", "0.5"}, {"+5", "5"}, {"100.000", "100"}, {"1.234,5", "1234.5"}, {"-5", "-5"}, {"(5)", "-5"}, {"-", "0"},
		{"", ""}, {"  ", ""}, {"x", ""}, {"X", ""}, {"2.5e1", ""}, {"abc", ""}, {"95=96", ""}, {"١٠", ""}, {"5%%", ""},
	} {
		got, err := ParseRate(c.in)
		switch {
		case c.want == "" && !errors.Is(err, ErrNotANumber):
			t.Errorf("ParseRate(%q) = %v, %v; want ErrNotANumber", c.in, got, err)
		case c.want != "" && (err != nil || !got.Equal(decimal.RequireFromString(c.want))):
			t.Errorf("ParseRate(%q) = %v, %v; want %s", c.in, got, err, c.want)
		}
	}
}
