package coverage

import (
	"math"
	"math/big"
	"math/bits"
	"slices"
)

// The integer path of apportion: the same results as the rational path
// (exactQuotas, largestRemainder, divisor), bit for bit, with 64-bit counts
// and weights and 128/256-bit products from math/bits instead of math/big.
// math/big allocates on every operation (~140 µs per unit at 100,000 units);
// these are a few nanoseconds. apportionInt reports !ok when a weight or a
// sum does not fit, and apportion then takes the rational path.
//
// Both paths compute the same mathematical objects, which are unique:
//   - the quotas q_i = clamp(λ·w_i, lo_i, hi_i) with Σq = seats (f(λ) = Σq is
//     non-decreasing and continuous; where it is flat every claim with a
//     weight is at a bound, so every λ solving f(λ) = seats gives the same q);
//   - largest remainder: ⌊q_i⌋ plus one to the largest fractional parts, in a
//     total order (fraction, tie key, index);
//   - a divisor method: the first `seats` seats of the priority list, a
//     total order of seats (priority w/D(s) descending, tie key descending,
//     index ascending) above each claim's lo and below its hi.

// intClaim is a claim whose weight fits in 63 bits.
type intClaim struct {
	w      uint64
	lo, hi int64
	tie    int64
	base   int64
}

// intClaims converts cs, or reports !ok when a weight is 2⁶³ or more, the
// weights sum to 2⁶⁴ or more, or the upper bounds to 2⁶³ or more (products
// of a weight or a sum of weights with a count must fit in 128 bits).
func intClaims(cs []claim) ([]intClaim, bool) {
	out := make([]intClaim, len(cs))
	var sumW uint64
	var sumHi int64
	for i, c := range cs {
		if !c.weight.IsInt64() || c.lo < 0 || c.hi < c.lo || c.base < 0 || c.base > math.MaxInt64-c.hi {
			return nil, false
		}
		w := uint64(c.weight.Int64())
		var carry uint64
		sumW, carry = bits.Add64(sumW, w, 0)
		if carry != 0 || sumHi > math.MaxInt64-c.hi {
			return nil, false
		}
		sumHi += c.hi
		out[i] = intClaim{w: w, lo: c.lo, hi: c.hi, tie: c.tie, base: c.base}
	}
	return out, true
}

// apportionInt is apportion in machine integers; ok is false when the
// claims do not fit (the caller then uses the rational path).
func apportionInt(cs []claim, seats int64, r Rounding) (out []int64, quotas []*big.Rat, ok bool) {
	ic, ok := intClaims(cs)
	if !ok {
		return nil, nil, false
	}
	lam, ok := solveLambda(ic, seats)
	if !ok {
		return nil, nil, false
	}
	floors := make([]int64, len(ic))
	rems := make([]uint64, len(ic)) // fractional part of q_i is rems[i]/lam.q
	for i, c := range ic {
		floors[i], rems[i] = lam.share(c)
	}
	quotas = make([]*big.Rat, len(ic))
	slab := make([]big.Rat, len(ic)) // one allocation for the Rat headers
	for i, c := range ic {
		quotas[i] = setWholePlusFrac(&slab[i], c.base+floors[i], rems[i], lam.q)
	}
	switch r {
	case LargestRemainder:
		return largestRemainderInt(ic, seats, floors, rems), quotas, true
	case Webster, DHondt, HuntingtonHill:
		return divisorInt(ic, seats, r, lam), quotas, true
	}
	return nil, nil, false
}

// ratio is the non-negative fraction p/q (q > 0).
type ratio struct{ p, q uint64 }

// share returns ⌊clamp(λ·w, lo, hi)⌋ and the remainder of λ·w/q when the
// claim is between its bounds (0 at a bound).
func (l ratio) share(c intClaim) (int64, uint64) {
	x := mulU(l.p, c.w)
	if cmp128(x, mulU(uint64(c.lo), l.q)) <= 0 {
		return c.lo, 0
	}
	if cmp128(x, mulU(uint64(c.hi), l.q)) >= 0 {
		return c.hi, 0
	}
	// lo < λw < hi < 2⁶³, so the quotient fits (x.hi < q).
	quo, rem := bits.Div64(x.hi, x.lo, l.q)
	return int64(quo), rem
}

// solveLambda finds λ with Σ clamp(λ·w_i, lo_i, hi_i) = seats. The sum is
// piecewise linear in λ with breakpoints lo_i/w_i and hi_i/w_i: sweeping
// them in order, C (the people held at a bound) and W (the weight of the
// free claims) change at each, and λ lies where C + λ·W first reaches seats.
func solveLambda(cs []intClaim, seats int64) (ratio, bool) {
	type event struct {
		at     ratio
		dc     int64  // change of C when λ passes the breakpoint
		w      uint64 // the claim's weight: enters W at lo/w, leaves it at hi/w
		leaves bool
	}
	var c int64
	evs := make([]event, 0, 2*len(cs))
	for _, k := range cs {
		c += k.lo
		if k.w == 0 {
			continue
		}
		evs = append(evs,
			event{at: ratio{uint64(k.lo), k.w}, dc: -k.lo, w: k.w},
			event{at: ratio{uint64(k.hi), k.w}, dc: k.hi, w: k.w, leaves: true})
	}
	if c < 0 {
		return ratio{}, false
	}
	if c >= seats { // λ = 0 (seats = Σlo; feasibility was checked)
		return ratio{0, 1}, true
	}
	slices.SortFunc(evs, func(a, b event) int { return cmpRatio(a.at, b.at) })
	var w uint64 // weight of the free claims, < 2⁶⁴
	S := uint64(seats)
	for i := 0; i < len(evs); {
		v := evs[i].at
		// f(v) = C + v·W with the classification just below v (f is continuous).
		// v·W < 2¹²⁷ and C·q < 2¹²⁷: the sum fits.
		switch cmp128(mulU(v.p, w).add(mulU(uint64(c), v.q)), mulU(S, v.q)) {
		case 0:
			return v, true
		case 1: // inside the previous segment, where W > 0
			return ratio{uint64(seats - c), w}, true
		}
		for ; i < len(evs) && cmpRatio(evs[i].at, v) == 0; i++ {
			c += evs[i].dc
			if evs[i].leaves {
				w -= evs[i].w
			} else {
				w += evs[i].w
			}
		}
	}
	return ratio{}, false // infeasible: apportion checks first
}

// largestRemainderInt is largestRemainder with the fractional parts
// rems[i]/q, q common to all claims.
func largestRemainderInt(cs []intClaim, seats int64, floors []int64, rems []uint64) []int64 {
	out := slices.Clone(floors)
	var given int64
	var order []int
	for i, f := range floors {
		given += f
		if rems[i] > 0 {
			order = append(order, i)
		}
	}
	// Σ fractions = seats − given, each below 1: at least that many are
	// positive, so the seats go to claims with rems > 0.
	slices.SortFunc(order, func(i, j int) int {
		if rems[i] != rems[j] {
			if rems[i] > rems[j] {
				return -1
			}
			return 1
		}
		if cs[i].tie != cs[j].tie {
			if cs[i].tie > cs[j].tie {
				return -1
			}
			return 1
		}
		return i - j
	})
	for _, i := range order[:seats-given] {
		out[i]++
	}
	return out
}

// divisorInt gives every claim the seats whose priority is at least 1/λ
// (λ of the quotas: the sum is then within one seat per claim of seats),
// then adds the next seats of the priority list, or takes back its last
// ones, until the sum is seats. Seats of priority ≥ a threshold are a
// prefix of the priority list, and so is what the corrections leave.
func divisorInt(cs []intClaim, seats int64, r Rounding, lam ratio) []int64 {
	s := make([]int64, len(cs))
	var given int64
	for i, c := range cs {
		s[i] = clampInt(seatsAt(c, lam, r), c.lo, c.hi)
		given += s[i]
	}
	// before(a, b): claim a's seat sa comes before claim b's seat sb in the
	// priority list.
	before := func(a, b int, sa, sb int64) bool {
		if c := cmpPriorityInt(cs[a].w, cs[b].w, sa, sb, r); c != 0 {
			return c > 0
		}
		if cs[a].tie != cs[b].tie {
			return cs[a].tie > cs[b].tie
		}
		return a < b
	}
	if given < seats {
		h := intHeap{less: func(a, b int) bool { return before(a, b, s[a], s[b]) }}
		for i, c := range cs {
			if c.w > 0 && s[i] < c.hi {
				h.items = append(h.items, i)
			}
		}
		h.init()
		for ; given < seats && len(h.items) > 0; given++ {
			i := h.items[0]
			s[i]++
			if s[i] >= cs[i].hi {
				h.pop()
			} else {
				h.down(0)
			}
		}
	}
	if given > seats {
		// The last seat given is the latest in the list.
		h := intHeap{less: func(a, b int) bool { return before(b, a, s[b]-1, s[a]-1) }}
		for i, c := range cs {
			if c.w > 0 && s[i] > c.lo {
				h.items = append(h.items, i)
			}
		}
		h.init()
		for ; given > seats && len(h.items) > 0; given-- {
			i := h.items[0]
			s[i]--
			if s[i] <= cs[i].lo {
				h.pop()
			} else {
				h.down(0)
			}
		}
	}
	return s
}

// seatsAt is #{s ≥ 0 : w/D(s) ≥ 1/λ}, the seats a claim earns at the
// threshold 1/λ before bounds (a value past hi stands for "hi or more").
func seatsAt(c intClaim, lam ratio, r Rounding) int64 {
	if c.w == 0 {
		return 0
	}
	x := mulU(lam.p, c.w) // λw = x/q
	if cmp128(x, mulU(uint64(c.hi), lam.q)) >= 0 {
		return c.hi // every method gives at least ⌊λw⌋ ≥ hi: capped anyway
	}
	f, rem := bits.Div64(x.hi, x.lo, lam.q) // ⌊λw⌋ < hi
	switch r {
	case DHondt: // s+1 ≤ λw
		return int64(f)
	case Webster: // s+½ ≤ λw: ⌊λw + ½⌋
		if rem >= lam.q-rem {
			return int64(f) + 1
		}
		return int64(f)
	default: // Huntington–Hill: s(s+1) ≤ (λw)²; the largest such s is ⌊λw⌋ or ⌊λw⌋−1
		if cmp256(mul128(mulU(f, f+1), mulU(lam.q, lam.q)), mul128(x, x)) <= 0 {
			return int64(f) + 1
		}
		return int64(f)
	}
}

// cmpPriorityInt is cmpPriority in machine integers: the sign of
// wa/D(sa) − wb/D(sb).
func cmpPriorityInt(wa, wb uint64, sa, sb int64, r Rounding) int {
	switch r {
	case DHondt: // wa·(sb+1) vs wb·(sa+1)
		return cmp128(mulU(wa, uint64(sb)+1), mulU(wb, uint64(sa)+1))
	case Webster: // wa·(2sb+1) vs wb·(2sa+1)
		return cmp128(mulU(wa, 2*uint64(sb)+1), mulU(wb, 2*uint64(sa)+1))
	}
	// Huntington–Hill: D(0) = 0 is an infinite priority; else
	// wa²·sb(sb+1) vs wb²·sa(sa+1).
	switch {
	case sa == 0 && sb == 0:
		return 0
	case sa == 0:
		return 1
	case sb == 0:
		return -1
	}
	return cmp256(mul128(mulU(wa, wa), mulU(uint64(sb), uint64(sb)+1)),
		mul128(mulU(wb, wb), mulU(uint64(sa), uint64(sa)+1)))
}

// intHeap is a binary heap of claim indices; less(a, b) puts a above b.
type intHeap struct {
	items []int
	less  func(a, b int) bool
}

func (h *intHeap) init() {
	for i := len(h.items)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h *intHeap) down(i int) {
	n := len(h.items)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		best := l
		if r := l + 1; r < n && h.less(h.items[r], h.items[l]) {
			best = r
		}
		if !h.less(h.items[best], h.items[i]) {
			return
		}
		h.items[i], h.items[best] = h.items[best], h.items[i]
		i = best
	}
}

func (h *intHeap) pop() {
	n := len(h.items) - 1
	h.items[0] = h.items[n]
	h.items = h.items[:n]
	if n > 0 {
		h.down(0)
	}
}

// setWholePlusFrac sets z to whole + rem/q and returns it. The fraction is
// reduced here and written through Num and Denom (references to z's parts
// once z is initialised), which spares big.Rat a second normalisation.
func setWholePlusFrac(z *big.Rat, whole int64, rem, q uint64) *big.Rat {
	z.SetInt64(whole)
	if rem == 0 {
		return z
	}
	g := gcd64(rem, q)
	rem, q = rem/g, q/g
	n := mulU(uint64(whole), q).add(u128{0, rem})
	num := z.Num()
	if n.hi == 0 {
		num.SetUint64(n.lo)
	} else {
		num.SetUint64(n.hi)
		num.Lsh(num, 64).Or(num, new(big.Int).SetUint64(n.lo))
	}
	z.Denom().SetUint64(q)
	return z
}

func gcd64(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// 128- and 256-bit unsigned arithmetic, most significant word first.

type u128 struct{ hi, lo uint64 }

func mulU(a, b uint64) u128 {
	h, l := bits.Mul64(a, b)
	return u128{h, l}
}

func (a u128) add(b u128) u128 {
	l, c := bits.Add64(a.lo, b.lo, 0)
	h, _ := bits.Add64(a.hi, b.hi, c)
	return u128{h, l}
}

func cmpRatio(a, b ratio) int { return cmp128(mulU(a.p, b.q), mulU(b.p, a.q)) }

func cmp128(a, b u128) int {
	switch {
	case a.hi != b.hi:
		if a.hi < b.hi {
			return -1
		}
		return 1
	case a.lo != b.lo:
		if a.lo < b.lo {
			return -1
		}
		return 1
	}
	return 0
}

// mul128 multiplies two 128-bit numbers into a 256-bit one.
func mul128(a, b u128) [4]uint64 {
	ah, al, bh, bl := a.hi, a.lo, b.hi, b.lo
	var r [4]uint64                   // r[0] most significant
	add := func(i int, h, l uint64) { // add h:l at words i-1:i, carrying up
		var c uint64
		r[i], c = bits.Add64(r[i], l, 0)
		r[i-1], c = bits.Add64(r[i-1], h, c)
		for j := i - 2; c != 0 && j >= 0; j-- {
			r[j], c = bits.Add64(r[j], 0, c)
		}
	}
	h, l := bits.Mul64(al, bl)
	add(3, h, l)
	h, l = bits.Mul64(ah, bl)
	add(2, h, l)
	h, l = bits.Mul64(al, bh)
	add(2, h, l)
	h, l = bits.Mul64(ah, bh)
	add(1, h, l)
	return r
}

func cmp256(a, b [4]uint64) int {
	for i := range a {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}
