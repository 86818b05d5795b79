package xlsxio

// One cell's value under its column's key: a count of whole people or a
// percentage, as the cell shows it.

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/grid"
)

// setValue parses one cell into the unit under key.
func setValue(u *coverage.Unit, key string, cl grid.Cell) error {
	kind := kindCount
	if coverage.IsPercentKey(key) {
		kind = kindPercent
	}
	var (
		n   parsedNumber
		err error
	)
	switch cl.Kind {
	case grid.Number:
		n, err = parseCellNumber(cl.Raw, kind)
		if err == nil && kind == kindPercent {
			n.Decimals = cl.Decimals
			if cl.Percent { // 0.4161 shown as 41.61%
				n.Value = n.Value.Shift(2)
			}
			if n.Decimals < 0 && !cl.Percent {
				// General format: the cell shows what fits General's
				// 11 characters, so 41.6100000001 (float noise of a
				// formula or a paste) reads as the 41.61 on screen.
				n.Value, n.Decimals = asGeneralShows(n.Value)
			}
		}
	case grid.Text:
		n, err = parseCellText(cl.Text, kind)
	default:
		if kind == kindPercent {
			return nil // "#DIV/0!" in a rate column: no rate stated
		}
		return ErrNotWholeNumber
	}
	if err != nil {
		return err
	}
	if n.Absent {
		return nil
	}
	if kind == kindCount {
		u.Counts[key] = n.Value.IntPart()
		return nil
	}
	u.Percents[key] = n.Value
	u.Shown[key] = n.Decimals
	return nil
}

// generalWidth is how many characters Excel's General format shows of a
// number in a cell of standard width.
const generalWidth = 11

// asGeneralShows rounds v to the decimals General shows in a standard cell
// (at most generalWidth characters, sign and point included), trailing zeros
// dropped; decimals is what is left after the point.
func asGeneralShows(v decimal.Decimal) (decimal.Decimal, int) {
	intDigits := len(v.Abs().Truncate(0).String())
	room := generalWidth - intDigits - 1
	if v.Sign() < 0 {
		room--
	}
	if room < 0 {
		room = 0
	}
	r := v.Round(int32(room))
	// drop trailing zeros: 41.61000000 → 41.61
	s := r.String() // shopspring prints without trailing zeros
	d, _ := decimal.NewFromString(s)
	places := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		places = len(s) - i - 1
	}
	return d, places
}
