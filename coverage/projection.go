package coverage

import (
	"fmt"
	"math/big"
	"time"

	"github.com/bhxh/bhxh/msg"
)

// Projection is where a series is heading: the least-squares line through
// (month number, numerator) over the months of the latest year so far,
// evaluated at a later month. A straight line, nothing more: no
// seasonality, no year-end jump, no break in the series is modelled.
type Projection struct {
	Period string // the month projected to, "YYYY-MM"
	Months int    // months of the year the line was fitted to

	// Numerator is the line at Period rounded half-up to a whole person,
	// never below 0; nil when fewer than two months were there to fit.
	Numerator *int64
	// Denominator is the latest fitted month's (a denominator is not
	// projected); Rate the projected numerator over it.
	Denominator *int64
	Rate        *Pct
	// Target is the latest fitted month's target (unit row, flag or
	// preset); ReachesTarget whether Rate reaches it, nil without a
	// target or a rate.
	Target        *Target
	ReachesTarget *bool
}

// ProjectTrend projects every unit's and every total's series of tr to
// the month to ("YYYY-MM"; "" = December of the latest period's year),
// from the months of the latest period's year. It refuses a month before
// the latest period. Periods of earlier years are not fitted: a year's
// series starts again in January (domain.md: the series jump at year end).
// A total is fitted over the months its units are the latest month's.
func ProjectTrend(tr *Trend, to string) error {
	if len(tr.Periods) == 0 {
		return nil
	}
	latest := tr.Periods[len(tr.Periods)-1]
	year, _, err := periodMonth(latest)
	if err != nil {
		return err
	}
	if to == "" {
		to = fmt.Sprintf("%04d-12", year)
	}
	toYear, toMonth, err := periodMonth(to)
	if err != nil {
		return err
	}
	if to <= latest {
		return msg.Errorf("projecting to %s: the latest month given is %s; project to a later month", "dự báo đến %s: tháng mới nhất đã cho là %s; hãy dự báo đến một tháng sau đó", to, latest)
	}
	at := int64((toYear-year)*12 + toMonth) // month number on the latest year's scale
	var xs []int64                          // month number of each period of the year, 0 for other years
	for _, p := range tr.Periods {
		y, m, err := periodMonth(p)
		if err != nil {
			return err
		}
		x := int64(0)
		if y == year {
			x = int64(m)
		}
		xs = append(xs, x)
	}
	for i := range tr.Indicators {
		it := &tr.Indicators[i]
		for j := range it.Units {
			it.Units[j].Projection = project(it.Units[j], xs, at, to)
		}
		it.Total.Projection = project(it.Total, sameUnitsMonths(it, xs), at, to)
	}
	return nil
}

// sameUnitsMonths keeps, of the months xs fits, those whose total is over the
// same units as the latest month's: a unit reporting from October on would
// otherwise read as a jump in the total, and the line would carry that
// jump on to December.
func sameUnitsMonths(it *IndicatorTrend, xs []int64) []int64 {
	last := len(xs) - 1
	out := append([]int64(nil), xs...)
	for p := range out {
		for _, s := range it.Units {
			if (s.Points[p] == nil) != (s.Points[last] == nil) {
				out[p] = 0
				break
			}
		}
	}
	return out
}

// periodMonth splits "YYYY-MM".
func periodMonth(p string) (year, month int, err error) {
	t, err := time.Parse("2006-01", p)
	if err != nil {
		return 0, 0, msg.Errorf("period %q: want YYYY-MM", "kỳ %q: cần dạng YYYY-MM", p)
	}
	return t.Year(), int(t.Month()), nil
}

// project fits s's points at xs (0 = not of the year) and evaluates at x.
func project(s Series, xs []int64, x int64, period string) *Projection {
	pr := &Projection{Period: period}
	var pts [][2]int64
	var last *IndicatorResult
	for i, p := range s.Points {
		if p == nil || xs[i] == 0 {
			continue
		}
		pts = append(pts, [2]int64{xs[i], p.Numerator})
		last = p
	}
	pr.Months = len(pts)
	if len(pts) < 2 {
		return pr
	}
	n := LeastSquaresAt(pts, x)
	pr.Numerator = &n
	pr.Denominator, pr.Target = last.Denominator, last.Target
	if pr.Denominator != nil && *pr.Denominator != 0 {
		rate, _ := NewPct(n, *pr.Denominator)
		pr.Rate = &rate
		if pr.Target != nil {
			reaches := rate.Cmp(PctFromDecimal(pr.Target.Rate)) >= 0
			pr.ReachesTarget = &reaches
		}
	}
	return pr
}

// LeastSquaresAt is the least-squares line through pts (x, y), evaluated
// at x and rounded half-up to a whole number, never below 0. The fit is
// exact (rationals): slope b = (nΣxy − ΣxΣy) / (nΣx² − (Σx)²), intercept
// a = (Σy − bΣx) / n. pts must hold at least two distinct x.
func LeastSquaresAt(pts [][2]int64, x int64) int64 {
	n := big.NewInt(int64(len(pts)))
	sx, sy, sxx, sxy := new(big.Int), new(big.Int), new(big.Int), new(big.Int)
	for _, p := range pts {
		px, py := big.NewInt(p[0]), big.NewInt(p[1])
		sx.Add(sx, px)
		sy.Add(sy, py)
		sxx.Add(sxx, new(big.Int).Mul(px, px))
		sxy.Add(sxy, new(big.Int).Mul(px, py))
	}
	// ŷ(x) = (Σy + b(nx − Σx)) / n, with b = num/den:
	// ŷ = (Σy·den + num·(nx − Σx)) / (n·den).
	num := new(big.Int).Sub(new(big.Int).Mul(n, sxy), new(big.Int).Mul(sx, sy))
	den := new(big.Int).Sub(new(big.Int).Mul(n, sxx), new(big.Int).Mul(sx, sx))
	dx := new(big.Int).Sub(new(big.Int).Mul(n, big.NewInt(x)), sx)
	top := new(big.Int).Add(new(big.Int).Mul(sy, den), new(big.Int).Mul(num, dx))
	y := new(big.Rat).SetFrac(top, new(big.Int).Mul(n, den))
	if y.Sign() <= 0 {
		return 0
	}
	r := RoundRat(y, 0)
	return r.IntPart()
}
