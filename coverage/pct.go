package coverage

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Pct is an exact percentage (or percentage-point difference). It is held as
// a rational number so no rounding happens until Format.
type Pct struct{ r *big.Rat }

// NewPct returns num/den×100 exactly; ok is false when den is 0.
func NewPct(num, den int64) (Pct, bool) {
	if den == 0 {
		return Pct{}, false
	}
	r := new(big.Rat).SetFrac(big.NewInt(num), big.NewInt(den))
	r.Mul(r, big.NewRat(100, 1))
	return Pct{r}, true
}

// PctFromDecimal returns the percentage d (already in percent) exactly.
func PctFromDecimal(d decimal.Decimal) Pct {
	return Pct{d.Rat()}
}

// Rat returns a copy of the exact value.
func (p Pct) Rat() *big.Rat {
	if p.r == nil {
		return new(big.Rat)
	}
	return new(big.Rat).Set(p.r)
}

// Sub returns p − q exactly.
func (p Pct) Sub(q Pct) Pct { return Pct{new(big.Rat).Sub(p.rat(), q.rat())} }

// rat returns the exact value without copying; callers must not modify it.
func (p Pct) rat() *big.Rat {
	if p.r == nil {
		return new(big.Rat)
	}
	return p.r
}

// Cmp compares p and q.
func (p Pct) Cmp(q Pct) int { return p.rat().Cmp(q.rat()) }

// Sign returns -1, 0 or +1.
func (p Pct) Sign() int { return p.rat().Sign() }

// Round returns p rounded half-up (ties away from zero, as Excel's ROUND) to
// places decimals, as a decimal. A result of zero is never negative.
func (p Pct) Round(places int) decimal.Decimal {
	return RoundRat(p.rat(), places)
}

// Format returns p rounded half-up to places decimals, with a '.' decimal
// point ("12.82"); "-0.00" is never produced.
func (p Pct) Format(places int) string {
	return p.Round(places).StringFixed(int32(places))
}

// RoundRat rounds r half-up (ties away from zero) to places decimals.
func RoundRat(r *big.Rat, places int) decimal.Decimal {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	num := new(big.Int).Mul(r.Num(), scale)
	num.Abs(num)
	den := r.Denom()
	// floor((2·|num| + den) / (2·den)) is |r|·10^places rounded half-up.
	twice := new(big.Int).Lsh(num, 1)
	twice.Add(twice, den)
	q := new(big.Int).Quo(twice, new(big.Int).Lsh(den, 1))
	if r.Sign() < 0 && q.Sign() != 0 {
		q.Neg(q)
	}
	return decimal.NewFromBigInt(q, -int32(places))
}

// CeilRat returns the smallest integer ≥ r.
func CeilRat(r *big.Rat) *big.Int {
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	if m.Sign() > 0 {
		q.Add(q, big.NewInt(1))
	}
	return q
}
