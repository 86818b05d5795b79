package rawxlsx

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// items walks a worksheet part and lists what the sheet tokenizer hands
// over, one line per item.
func items(t *testing.T, xml string, normCR bool) ([]string, error) {
	t.Helper()
	p := &Package{name: "t.xlsx", lim: DefaultLimits, NormalizeCR: normCR}
	sr := p.SheetReader([]byte(xml), "S")
	var out []string
	for {
		it, err := sr.Next()
		if err != nil {
			return out, err
		}
		switch it {
		case Done:
			return out, nil
		case RowStart:
			out = append(out, fmt.Sprintf("row %d s=%d hidden=%v odd=%v", sr.Row.Num, sr.Row.Style, sr.Row.Hidden, sr.Row.Odd))
		case CellItem:
			c := sr.Cell
			s := fmt.Sprintf("  %s %c s=%d v=%q", CellName(c.Col, c.Row), c.Type, c.Style, c.Value)
			if c.HasInline {
				s += fmt.Sprintf(" is=%q", c.Inline)
			}
			if c.HasFormula {
				s += fmt.Sprintf(" f=%q shared=%v", c.Formula, c.SharedFormula)
			}
			if c.Odd {
				s += " odd"
			}
			out = append(out, s)
		case RowEnd:
			out = append(out, "end")
		case ColItem:
			out = append(out, fmt.Sprintf("col %d-%d s=%d hidden=%v odd=%v", sr.Col.Min, sr.Col.Max, sr.Col.Style, sr.Col.Hidden, sr.Col.Odd))
		case MergeItem:
			out = append(out, "merge "+string(sr.Merge))
		case RowsEnd:
			out = append(out, "rows end")
		}
	}
}

func TestSheetReaderItems(t *testing.T) {
	const head = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="x">`
	cases := []struct {
		name, xml string
		normCR    bool
		want      []string
	}{
		{"plain", head + `<cols><col min="1" max="2" width="9" style="3"/><col min="4" max="4" hidden="1"/></cols><sheetData>` +
			`<row r="1" spans="1:3" s="2" customFormat="1"><c r="A1" s="5" t="s"><v>0</v></c><c r="B1"><v>1.5E+3</v></c></row>` +
			`<row r="3" hidden="true"><c r="C3" t="inlineStr"><is><r><t>a</t></r><r><t xml:space="preserve"> &amp; b</t></r><rPh><t>no</t></rPh></is></c></row>` +
			`<row r="4"/></sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>`, false, []string{
			"col 1-2 s=3 hidden=false odd=false", "col 4-4 s=0 hidden=true odd=false",
			"row 1 s=2 hidden=false odd=false", `  A1 s s=5 v="0"`, `  B1 n s=0 v="1.5E+3"`, "end",
			"row 3 s=0 hidden=true odd=false", `  C3 i s=0 v="" is="a & b"`, "end",
			"row 4 s=0 hidden=false odd=false", "end", "rows end", "merge A1:B2"}},
		{"formulas", head + `<sheetData><row r="2"><c r="A2" t="e"><f>1/0</f><v>#DIV/0!</v></c>` +
			`<c r="B2"><f t="shared" ref="B2:B3" si="0">A2*2</f></c><c r="C2" t="str"><f>"x"&amp;"y"</f><v>xy</v></c></row>` +
			`<row r="3"><c r="B3"><f t="shared" si="0"/><v>4</v></c></row></sheetData></worksheet>`, false, []string{
			"row 2 s=0 hidden=false odd=false", `  A2 e s=0 v="#DIV/0!" f="1/0" shared=false`, `  B2 n s=0 v="" f="A2*2" shared=true`,
			`  C2 f s=0 v="xy" f="\"x\"&\"y\"" shared=false`, "end",
			"row 3 s=0 hidden=false odd=false", `  B3 n s=0 v="4" f="" shared=true`, "end", "rows end"}},
		{"odd but readable", head + `<sheetData><row><c t="b"><v>1</v></c><c r="A1"><v>2</v></c></row>` +
			`<row r="1" r="1"><c r="B5" x:s="1"><v>3</v></c></row><row r=" 7" s="x"><c r="C7" s="2" s="3"/></row></sheetData></worksheet>`, false, []string{
			"row 1 s=0 hidden=false odd=true", `  A1 b s=0 v="1" odd`, `  A1 n s=0 v="2" odd`, "end",
			"row 1 s=0 hidden=false odd=true", `  B1 n s=1 v="3" odd`, "end",
			"row 7 s=0 hidden=false odd=true", `  C7 n s=3 v="" odd`, "end", "rows end"}},
		{"CR kept", head + "<sheetData><row r=\"1\"><c r=\"A1\"><v>a\r\nb</v></c></row></sheetData></worksheet>", false, []string{
			"row 1 s=0 hidden=false odd=false", `  A1 n s=0 v="a\r\nb"`, "end", "rows end"}},
		{"CR as encoding/xml reads it", head + "<sheetData><row r=\"1\"><c r=\"A1\"><v>a\r\nb\rc&#13;</v></c></row></sheetData></worksheet>", true, []string{
			"row 1 s=0 hidden=false odd=false", `  A1 n s=0 v="a\nb\nc\r"`, "end", "rows end"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := items(t, c.xml, c.normCR)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestSheetReaderRefusals(t *testing.T) {
	for name, c := range map[string]struct {
		xml  string
		is   error
		cell string
	}{
		"cell not closed":   {`<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></row></sheetData></worksheet>`, readerr.ErrBadXML, ""},
		"second sheetData":  {`<worksheet><sheetData/><sheetData/></worksheet>`, readerr.ErrBadXML, ""},
		"ends inside a row": {`<worksheet><sheetData><row r="1"></sheetData></worksheet>`, readerr.ErrBadXML, ""},
		"cell too long":     {`<worksheet><sheetData><row r="2"><c r="B2" t="inlineStr"><is><t>` + strings.Repeat("x", 200<<10) + `</t></is></c></row></sheetData></worksheet>`, readerr.ErrTooBig, "B2"},
		"unknown type":      {`<worksheet><sheetData><row r="2"><c r="B2" t="q"/></row></sheetData></worksheet>`, readerr.ErrBadXML, "B2"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := items(t, c.xml, false)
			if !errors.Is(err, c.is) {
				t.Fatalf("error %v, want %v", err, c.is)
			}
			var ce *readerr.CellError
			if c.cell != "" && (!errors.As(err, &ce) || ce.Cell != c.cell || ce.Sheet != "S" || ce.File != "t.xlsx") {
				t.Errorf("error %v does not name t.xlsx: S!%s", err, c.cell)
			}
		})
	}
}
