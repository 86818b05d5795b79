package coverage

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"

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
	var b [40]byte
	return string(p.AppendFormat(b[:0], places))
}

// AppendFormat appends Format(places) to b: a JSON report writes thousands
// of rates, each without a string of its own.
func (p Pct) AppendFormat(b []byte, places int) []byte {
	if q, ok := roundRatInt(p.rat(), places); ok {
		return appendFixed(b, q, places)
	}
	return append(b, p.Round(places).StringFixed(int32(places))...)
}

// RoundRat rounds r half-up (ties away from zero) to places decimals.
func RoundRat(r *big.Rat, places int) decimal.Decimal {
	if q, ok := roundRatInt(r, places); ok {
		return decimal.New(q, -int32(places))
	}
	return roundRatBig(r, places)
}

// pow10 is 10^i for i ≤ 18.
var pow10 = func() (p [19]uint64) {
	p[0] = 1
	for i := 1; i < len(p); i++ {
		p[i] = 10 * p[i-1]
	}
	return p
}()

// roundRatInt is RoundRat in machine integers (reports format thousands
// of rates; math/big allocates at every step): r·10^places rounded
// half-up, as an integer, when numerator, denominator and result fit in 63
// bits. The same arithmetic as roundRatBig, with 128-bit intermediates.
func roundRatInt(r *big.Rat, places int) (int64, bool) {
	num, den := r.Num(), r.Denom()
	if places < 0 || places >= len(pow10) || !num.IsInt64() || !den.IsInt64() {
		return 0, false
	}
	n, d := num.Int64(), uint64(den.Int64())
	if n == math.MinInt64 {
		return 0, false
	}
	un := uint64(n)
	if n < 0 {
		un = uint64(-n)
	}
	// floor((2·|n|·10^p + d) / (2·d)); |n|·10^p < 2^123, so twice it plus d fits
	hi, lo := bits.Mul64(un, pow10[places])
	hi, lo = hi<<1|lo>>63, lo<<1
	var c uint64
	lo, c = bits.Add64(lo, d, 0)
	hi += c
	if hi >= 2*d { // the quotient would not fit in 64 bits
		return 0, false
	}
	q, _ := bits.Div64(hi, lo, 2*d)
	if q > math.MaxInt64 {
		return 0, false
	}
	if n < 0 {
		return -int64(q), true
	}
	return int64(q), true
}

// appendFixed appends q·10^-places with exactly places decimals ("12.82",
// "-0.05", "3"), as decimal's StringFixed writes it.
func appendFixed(b []byte, q int64, places int) []byte {
	if places == 0 {
		return strconv.AppendInt(b, q, 10)
	}
	var d [20]byte
	digits := strconv.AppendUint(d[:0], absInt64(q), 10)
	if q < 0 {
		b = append(b, '-')
	}
	if len(digits) <= places {
		b = append(b, '0', '.')
		for range places - len(digits) {
			b = append(b, '0')
		}
		return append(b, digits...)
	}
	k := len(digits) - places
	b = append(b, digits[:k]...)
	b = append(b, '.')
	return append(b, digits[k:]...)
}

// absInt64 is |q| (q > math.MinInt64: roundRatInt's results).
func absInt64(q int64) uint64 {
	if q < 0 {
		return uint64(-q)
	}
	return uint64(q)
}

// roundRatBig is RoundRat in math/big, for any size.
func roundRatBig(r *big.Rat, places int) decimal.Decimal {
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
