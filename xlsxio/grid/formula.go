package grid

// A formula's text as Excel reads it, for the evaluator (eval.go): a shared
// formula written for each cell of its group (every relative reference
// moved, a sheet-qualified one too: excelize leaves "Data!B2" as it is), an
// OFFSET of constant arguments replaced by the reference it names (excelize
// has no OFFSET, and its own cell is no precedent: =OFFSET(H8,-1,0)-9459 is
// H7-9459, not a circular reference), the references it reads and the
// error values it can only give.

import (
	"strconv"
	"strings"

	"github.com/xuri/efp"

	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// refEnd is one corner of a reference: a cell ("$B2"), a whole column
// ("A", no row) or a whole row ("1", no column).
type refEnd struct {
	col, row       int // 0-based; -1 when absent
	absCol, absRow bool
}

// formulaRef is a reference operand: a cell or range, maybe on another
// sheet.
type formulaRef struct {
	sheet string // as written (unquoted), "" for the formula's own sheet
	a, b  refEnd // b == a for a single cell
	one   bool   // a single cell, not a range
}

// bounds is the 0-based inclusive rectangle the reference covers, a whole
// column or row running to the sheet's edge.
func (f formulaRef) bounds() (r0, c0, r1, c1 int) {
	r0, c0, r1, c1 = f.a.row, f.a.col, f.b.row, f.b.col
	if f.a.row < 0 || f.b.row < 0 {
		r0, r1 = 0, rawxlsx.MaxRow-1
	}
	if f.a.col < 0 || f.b.col < 0 {
		c0, c1 = 0, rawxlsx.MaxCol-1
	}
	if r0 > r1 {
		r0, r1 = r1, r0
	}
	if c0 > c1 {
		c0, c1 = c1, c0
	}
	return r0, c0, r1, c1
}

// parseFormulaRef reads a range operand as efp gives it (sheet names
// unquoted): "B2", "$A$2:$B$30", "Data!B2", "Số liệu!A:A", "1:1". ok is
// false for a defined name or anything else.
func parseFormulaRef(v string) (formulaRef, bool) {
	var f formulaRef
	if i := strings.LastIndexByte(v, '!'); i >= 0 {
		f.sheet, v = v[:i], v[i+1:]
		if f.sheet == "" || strings.HasPrefix(f.sheet, "[") {
			return f, false // an external workbook
		}
	}
	lo, hi, isRange := strings.Cut(v, ":")
	if i := strings.LastIndexByte(hi, '!'); i >= 0 { // Data!A1:Data!B2
		hi = hi[i+1:]
	}
	var ok bool
	if f.a, ok = parseRefEnd(lo); !ok {
		return f, false
	}
	f.b, f.one = f.a, !isRange
	if isRange {
		if f.b, ok = parseRefEnd(hi); !ok {
			return f, false
		}
	}
	// a lone column or row is a name ("A" is not a reference); a range
	// joins two of a kind
	if f.one && (f.a.row < 0 || f.a.col < 0) || (f.a.row < 0) != (f.b.row < 0) || (f.a.col < 0) != (f.b.col < 0) {
		return f, false
	}
	return f, true
}

func parseRefEnd(s string) (refEnd, bool) {
	e := refEnd{col: -1, row: -1}
	i := 0
	if i < len(s) && s[i] == '$' {
		e.absCol = true
		i++
	}
	j := i
	for j < len(s) && isLetter(s[j]) {
		j++
	}
	if j > i {
		if j-i > 3 {
			return e, false
		}
		c, _, ok := rawxlsx.ParseCellName([]byte(strings.ToUpper(s[i:j]) + "1"))
		if !ok {
			return e, false
		}
		e.col = c
	} else if e.absCol {
		e.absCol, e.absRow = false, true // "$5": an absolute row
	}
	i = j
	if i < len(s) && s[i] == '$' {
		if e.absRow || e.col < 0 {
			return e, false
		}
		e.absRow = true
		i++
	}
	if i < len(s) {
		n, err := strconv.Atoi(s[i:])
		if err != nil || n < 1 || n > rawxlsx.MaxRow || s[i] == '+' || s[i] == '-' {
			return e, false
		}
		e.row = n - 1
	} else if e.absRow {
		return e, false
	}
	if e.col < 0 && e.row < 0 {
		return e, false
	}
	return e, true
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func (e refEnd) String() string {
	var b strings.Builder
	if e.col >= 0 {
		if e.absCol {
			b.WriteByte('$')
		}
		b.WriteString(rawxlsx.ColumnLetters(e.col))
	}
	if e.row >= 0 {
		if e.absRow {
			b.WriteByte('$')
		}
		b.WriteString(strconv.Itoa(e.row + 1))
	}
	return b.String()
}

func (f formulaRef) String() string {
	s := f.a.String()
	if !f.one {
		s += ":" + f.b.String()
	}
	if f.sheet != "" {
		s = quoteSheet(f.sheet) + "!" + s
	}
	return s
}

// quoteSheet quotes a sheet name in a reference when Excel would.
func quoteSheet(name string) string {
	plain := name != "" && !(name[0] >= '0' && name[0] <= '9')
	for i := 0; i < len(name) && plain; i++ {
		c := name[i]
		plain = isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.'
	}
	if plain {
		return name
	}
	return "'" + strings.ReplaceAll(name, "'", "''") + "'"
}

// shift moves the relative parts of a reference by (dr, dc); ok is false
// when a part leaves the sheet (Excel writes #REF! there).
func (e refEnd) shift(dr, dc int) (refEnd, bool) {
	if e.col >= 0 && !e.absCol {
		e.col += dc
		if e.col < 0 || e.col >= rawxlsx.MaxCol {
			return e, false
		}
	}
	if e.row >= 0 && !e.absRow {
		e.row += dr
		if e.row < 0 || e.row >= rawxlsx.MaxRow {
			return e, false
		}
	}
	return e, true
}

// parseFormula tokenizes a formula (without "=").
func parseFormula(text string) []efp.Token {
	p := efp.ExcelParser()
	return p.Parse(text)
}

// renderFormula writes tokens back as formula text, sheet names quoted
// again (efp unquotes them).
func renderFormula(toks []efp.Token) string {
	var b strings.Builder
	for _, t := range toks {
		switch {
		case t.TType == efp.TokenTypeFunction && t.TSubType == efp.TokenSubTypeStart:
			b.WriteString(t.TValue)
			b.WriteByte('(')
		case t.TType == efp.TokenTypeFunction && t.TSubType == efp.TokenSubTypeStop,
			t.TType == efp.TokenTypeSubexpression && t.TSubType == efp.TokenSubTypeStop:
			b.WriteByte(')')
		case t.TType == efp.TokenTypeSubexpression && t.TSubType == efp.TokenSubTypeStart:
			b.WriteByte('(')
		case t.TType == efp.TokenTypeOperand && t.TSubType == efp.TokenSubTypeText:
			b.WriteByte('"')
			b.WriteString(strings.ReplaceAll(t.TValue, `"`, `""`))
			b.WriteByte('"')
		case t.TType == efp.TokenTypeOperatorInfix && t.TSubType == efp.TokenSubTypeIntersection:
			b.WriteByte(' ')
		case t.TType == efp.TokenTypeOperand && t.TSubType == efp.TokenSubTypeRange:
			if f, ok := parseFormulaRef(t.TValue); ok {
				b.WriteString(f.String())
			} else {
				b.WriteString(t.TValue)
			}
		default:
			b.WriteString(t.TValue)
		}
	}
	return b.String()
}

// ShiftFormula writes the formula of a shared group's first cell for a
// cell dr rows and dc columns away: relative references move, absolute
// ones stay, a reference moved off the sheet becomes #REF! (as Excel does).
func ShiftFormula(text string, dr, dc int) string {
	if dr == 0 && dc == 0 {
		return text
	}
	toks := parseFormula(text)
	for i, t := range toks {
		if t.TType != efp.TokenTypeOperand || t.TSubType != efp.TokenSubTypeRange {
			continue
		}
		f, ok := parseFormulaRef(t.TValue)
		if !ok {
			continue
		}
		a, okA := f.a.shift(dr, dc)
		b, okB := f.b.shift(dr, dc)
		if !okA || !okB {
			toks[i] = efp.Token{TValue: "#REF!", TType: efp.TokenTypeOperand, TSubType: efp.TokenSubTypeError}
			continue
		}
		f.a, f.b = a, b
		toks[i] = efp.Token{TValue: f.String(), TType: efp.TokenTypeOperand, TSubType: tokenRendered}
	}
	return renderFormula(toks)
}

// tokenRendered marks an operand whose TValue is already formula text.
const tokenRendered = "Rendered"

// errorCatchers are the functions that turn an error argument into a
// value; under them an error does not propagate.
var errorCatchers = map[string]bool{
	"IFERROR": true, "IFNA": true, "ISERROR": true, "ISERR": true, "ISNA": true, "ERROR.TYPE": true,
	"ISNUMBER": true, "ISTEXT": true, "ISBLANK": true, "ISLOGICAL": true, "ISNONTEXT": true, "TYPE": true,
	"COUNT": true, "COUNTA": true, "COUNTBLANK": true, "AGGREGATE": true,
}

// errorPassers give an error whenever an argument (a cell of a range
// argument included) is one: Excel's arithmetic and its plain aggregates.
// Under any other function (IF, VLOOKUP, INDEX…) whether an error reaches
// the result depends on the values, which excelize's engine decides.
var errorPassers = map[string]bool{
	"SUM": true, "PRODUCT": true, "AVERAGE": true, "MIN": true, "MAX": true, "ROUND": true, "ROUNDUP": true,
	"ROUNDDOWN": true, "INT": true, "ABS": true, "TRUNC": true, "VALUE": true, "N": true,
}

// formulaInfo is what the evaluator needs of one formula.
type formulaInfo struct {
	text string // for excelize: OFFSET of constants replaced
	refs []formulaRef
	// passes[i]: an error in refs[i] is the formula's result
	passes []bool
	// literal is an error value written in the formula where it can only
	// be the result ("=SUM(#REF!)+5502"), "" when none
	literal string
	// folded: an OFFSET was replaced (text is not the formula as stored)
	folded bool
}

// analyseFormula reads a formula (without "=") for the evaluator.
func analyseFormula(text string) formulaInfo {
	toks, folded := foldOffsets(parseFormula(text))
	info := formulaInfo{folded: folded}
	if folded {
		info.text = renderFormula(toks)
	}
	var stack []string // enclosing functions
	passing := func() bool {
		for _, fn := range stack {
			if !errorPassers[fn] {
				return false
			}
		}
		return true
	}
	for _, t := range toks {
		switch {
		case t.TType == efp.TokenTypeFunction && t.TSubType == efp.TokenSubTypeStart:
			fn := strings.ToUpper(strings.TrimPrefix(t.TValue, "_xlfn."))
			stack = append(stack, fn)
		case t.TType == efp.TokenTypeFunction && t.TSubType == efp.TokenSubTypeStop:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case t.TType == efp.TokenTypeOperand && t.TSubType == efp.TokenSubTypeError:
			if info.literal == "" && passing() {
				info.literal = t.TValue
			}
		case t.TType == efp.TokenTypeOperand && (t.TSubType == efp.TokenSubTypeRange || t.TSubType == tokenRendered):
			v := t.TValue
			if t.TSubType == tokenRendered {
				v = unquoteRef(v)
			}
			if f, ok := parseFormulaRef(v); ok {
				info.refs = append(info.refs, f)
				info.passes = append(info.passes, passing())
			}
		}
	}
	return info
}

// unquoteRef turns "'Số liệu'!A1" back into efp's "Số liệu!A1".
func unquoteRef(v string) string {
	if !strings.HasPrefix(v, "'") {
		return v
	}
	i := strings.LastIndex(v, "'!")
	if i < 0 {
		return v
	}
	return strings.ReplaceAll(v[1:i], "''", "'") + v[i+1:]
}

// foldOffsets replaces OFFSET(ref, rows, cols[, height, width]) whose
// arguments after the reference are constant whole numbers by the range it
// names ("OFFSET(H8,-1,0)" → H7): what Excel computes, without H8 as a
// precedent. Other OFFSETs are left for excelize to refuse.
func foldOffsets(toks []efp.Token) (out []efp.Token, folded bool) {
	out = make([]efp.Token, 0, len(toks))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.TType == efp.TokenTypeFunction && t.TSubType == efp.TokenSubTypeStart && strings.EqualFold(t.TValue, "OFFSET") {
			if ref, next, ok := constantOffset(toks, i+1); ok {
				out = append(out, efp.Token{TValue: ref, TType: efp.TokenTypeOperand, TSubType: tokenRendered})
				i, folded = next-1, true
				continue
			}
		}
		out = append(out, t)
	}
	return out, folded
}

// constantOffset reads the arguments of an OFFSET starting at toks[i]: a
// reference, then 2 to 4 constant whole numbers (a sign allowed), then the
// closing token. It returns the reference named and the index after the
// closing token.
func constantOffset(toks []efp.Token, i int) (string, int, bool) {
	if i >= len(toks) || toks[i].TType != efp.TokenTypeOperand || toks[i].TSubType != efp.TokenSubTypeRange {
		return "", 0, false
	}
	f, ok := parseFormulaRef(toks[i].TValue)
	if !ok || f.a.row < 0 || f.a.col < 0 {
		return "", 0, false
	}
	i++
	var nums []int
	for i < len(toks) && toks[i].TType == efp.TokenTypeArgument {
		i++
		sign := 1
		if i < len(toks) && toks[i].TType == efp.TokenTypeOperatorPrefix {
			switch toks[i].TValue {
			case "-":
				sign = -1
			case "+":
			default:
				return "", 0, false
			}
			i++
		}
		if i >= len(toks) || toks[i].TType != efp.TokenTypeOperand || toks[i].TSubType != efp.TokenSubTypeNumber {
			return "", 0, false
		}
		n, err := strconv.Atoi(toks[i].TValue)
		if err != nil {
			return "", 0, false
		}
		nums = append(nums, sign*n)
		i++
	}
	if len(nums) < 2 || len(nums) > 4 || i >= len(toks) || toks[i].TType != efp.TokenTypeFunction || toks[i].TSubType != efp.TokenSubTypeStop {
		return "", 0, false
	}
	r0, c0, r1, c1 := f.bounds()
	h, w := r1-r0+1, c1-c0+1
	if len(nums) > 2 {
		h = nums[2]
	}
	if len(nums) > 3 {
		w = nums[3]
	}
	r0, c0 = r0+nums[0], c0+nums[1]
	if h < 1 || w < 1 || r0 < 0 || c0 < 0 || r0+h > rawxlsx.MaxRow || c0+w > rawxlsx.MaxCol {
		return "", 0, false // Excel gives #REF!; excelize says so its own way
	}
	g := formulaRef{sheet: f.sheet, a: refEnd{col: c0, row: r0}, b: refEnd{col: c0 + w - 1, row: r0 + h - 1}, one: h == 1 && w == 1}
	return g.String(), i + 1, true
}
