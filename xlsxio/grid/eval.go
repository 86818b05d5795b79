package grid

// The evaluator: a formula saved without its value (a script's output) is
// computed as Excel would. excelize's engine does the arithmetic and the
// functions; before it runs, the evaluator walks the cells the formula
// reads (other sheets too), so that
//   - a circular reference is an error, not excelize's silent 0;
//   - each precedent's formula is the one Excel reads (a shared formula
//     written for its cell, an OFFSET of constants folded: formula.go),
//     set in excelize's in-memory model (the file is never written);
//   - an error value reaching the result the way Excel passes errors on (a
//     #REF! written in a SUM, a cell holding #N/A added to) is the result,
//     where excelize would skip it ("=SUM(#REF!)+5502" is #REF!, not 5502);
//     an error read any other way (under IFERROR, in a lookup table) is
//     refused, as excelize does not see it as Excel does.

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// evalSheet is a sheet as the evaluator reads it.
type evalSheet interface {
	Name() string
	Size() (rows, cols int)
	Cell(r, c int) Cell
	Formula(r, c int) string
}

// sharedWriter is a sheet whose shared formulas excelize would read wrong:
// it writes each cell's own formula into excelize's model, once.
type sharedWriter interface {
	writeShared(f *excelize.File) error
}

type evalKey struct {
	sheet string
	r, c  int
}

type evaluator struct {
	f      *excelize.File
	lookup func(name string) evalSheet // nil when the book has no such sheet
	sheets map[string]evalSheet
	status map[evalKey]string // the error value a cell gives ("" none), once known
	onPath map[evalKey]bool
	seen   int
	done   map[evalKey]evalResult // eval's answers: the table finder asks again
}

type evalResult struct {
	cell Cell
	err  error
}

func newEvaluator(f *excelize.File, lookup func(string) evalSheet) *evaluator {
	return &evaluator{f: f, lookup: lookup, sheets: map[string]evalSheet{}, status: map[evalKey]string{},
		onPath: map[evalKey]bool{}, done: map[evalKey]evalResult{}}
}

// sheet finds a sheet by name as a reference writes it (case-insensitive,
// as Excel), preparing its shared formulas the first time.
func (e *evaluator) sheet(name string) (evalSheet, error) {
	key := strings.ToLower(name)
	if s, ok := e.sheets[key]; ok {
		return s, nil
	}
	s := e.lookup(name)
	e.sheets[key] = s
	if w, ok := s.(sharedWriter); ok && s != nil {
		if err := w.writeShared(e.f); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrFormula, err)
		}
	}
	return s, nil
}

// eval computes the formula at (r, c) of sheet: a cell of kind Number,
// Text, Bool, Error (the error value it gives) or Empty, or an error
// wrapping ErrFormula (a circular reference, a function excelize lacks).
func (e *evaluator) eval(sheet string, r, c int) (Cell, error) {
	k := evalKey{strings.ToLower(sheet), r, c}
	if d, ok := e.done[k]; ok {
		return d.cell, d.err
	}
	cl, err := e.compute(sheet, r, c)
	e.done[k] = evalResult{cl, err}
	return cl, err
}

func (e *evaluator) compute(sheet string, r, c int) (Cell, error) {
	s, err := e.sheet(sheet)
	if err != nil {
		return Cell{}, err
	}
	if s == nil {
		return Cell{}, msg.Errorf("%w: no sheet %q", "%w: không có trang tính %q", ErrFormula, sheet)
	}
	e.seen = 0
	code, err := e.walk(s, r, c)
	if err != nil {
		clear(e.onPath) // the walk stopped half way
		return Cell{}, err
	}
	if code != "" {
		return Cell{Kind: Error, Text: code, Decimals: -1}, nil
	}
	axis := rawxlsx.CellName(c, r+1)
	v, err := e.f.CalcCellValue(s.Name(), axis, excelize.Options{RawCellValue: true})
	if err != nil && strings.HasPrefix(err.Error(), "not support ") {
		// a function excelize's engine lacks (it says #VALUE!): what
		// Excel shows is not known
		return Cell{}, fmt.Errorf("%w: %v", ErrFormula, err)
	}
	if isErrorValue(v) {
		return Cell{Kind: Error, Text: v, Decimals: -1}, nil
	}
	if err != nil {
		return Cell{}, fmt.Errorf("%w: %v", ErrFormula, err)
	}
	style := s.Cell(r, c) // a Formula cell carries its format
	if _, err := decimal.NewFromString(v); err == nil {
		return Cell{Kind: Number, Text: v, Raw: v, Decimals: style.Decimals, Percent: style.Percent, Date: style.Date}, nil
	}
	if v == "" {
		return empty, nil
	}
	return Cell{Kind: Text, Text: vntext.NFC(v), Decimals: -1}, nil
}

// errorValues are Excel's error values.
var errorValues = map[string]bool{
	"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true, "#N/A": true,
	"#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true,
}

func isErrorValue(v string) bool { return errorValues[v] }

// walk visits the cell and, through its formula, every cell it reads; it
// returns the error value the cell gives for certain ("" when it gives a
// value, or when only computing tells), or an error for a circular
// reference or a formula reading too many cells.
func (e *evaluator) walk(s evalSheet, r, c int) (string, error) {
	k := evalKey{strings.ToLower(s.Name()), r, c}
	if code, ok := e.status[k]; ok {
		return code, nil
	}
	axis := rawxlsx.CellName(c, r+1)
	if e.onPath[k] {
		return "", msg.Errorf("%w: circular reference through %s", "%w: tham chiếu vòng qua %s", ErrFormula, qualified(s.Name(), axis))
	}
	e.seen++
	if e.seen > maxFormulaCells {
		return "", msg.Errorf("%w: depends on more than %d cells", "%w: phụ thuộc vào hơn %d ô", ErrFormula, maxFormulaCells)
	}
	text := s.Formula(r, c)
	if text == "" {
		code := ""
		if cl := s.Cell(r, c); cl.Kind == Error {
			code = cl.Text
		}
		e.status[k] = code
		return code, nil
	}
	info := analyseFormula(text)
	if info.folded {
		if err := e.f.SetCellFormula(s.Name(), axis, info.text); err != nil {
			return "", fmt.Errorf("%w: %v", ErrFormula, err)
		}
	}
	e.onPath[k] = true
	code := info.literal
	for i, ref := range info.refs {
		rs := s
		if ref.sheet != "" {
			var err error
			if rs, err = e.sheet(ref.sheet); err != nil {
				return "", err
			}
			if rs == nil {
				continue // no such sheet: excelize says so
			}
		}
		r0, c0, r1, c1 := ref.bounds()
		nr, nc := rs.Size()
		r1, c1 = min(r1, nr-1), min(c1, nc-1) // nothing is stored beyond
		if (r1-r0+1)*(c1-c0+1) > maxFormulaCells {
			return "", msg.Errorf("%w: range %s is too large", "%w: vùng %s quá lớn", ErrFormula, ref)
		}
		for rr := r0; rr <= r1; rr++ {
			for cc := c0; cc <= c1; cc++ {
				got, err := e.walk(rs, rr, cc)
				if err != nil {
					return "", err
				}
				switch {
				case got == "":
				case info.passes[i]:
					if code == "" {
						code = got
					}
				default:
					// IFERROR, a lookup table, a branch of IF: what Excel
					// shows depends on the error, which excelize's engine
					// does not see as Excel does; never a guess
					return "", msg.Errorf("%w: it reads %s, which gives the error %s, in a way bhxh cannot compute as Excel does",
						"%w: công thức đọc %s, ô này cho ra lỗi %s, theo cách mà bhxh không tính được như Excel",
						ErrFormula, qualified(rs.Name(), rawxlsx.CellName(cc, rr+1)), got)
				}
			}
		}
	}
	e.onPath[k] = false
	if cl := s.Cell(r, c); code == "" && cl.Kind == Error && !info.folded {
		code = cl.Text // a cached error (the formula as Excel last computed it)
	}
	e.status[k] = code
	return code, nil
}

func qualified(sheet, axis string) string {
	return quoteSheet(sheet) + "!" + axis
}
