package coverage

import (
	"math/big"
	"sort"

	"github.com/bhxh/bhxh/msg"
)

// Rounding names how exact shares become whole people. The values are part
// of the interface (--rounding, JSON "rounding").
type Rounding string

const (
	// LargestRemainder (Hamilton): floor every quota, then one more person
	// to the largest fractional parts.
	LargestRemainder Rounding = "largest-remainder"
	// Webster (Sainte-Laguë): divisor method, divisors s+½.
	Webster Rounding = "webster"
	// DHondt (Jefferson): divisor method, divisors s+1.
	DHondt Rounding = "dhondt"
	// HuntingtonHill (equal proportions, the US House since 1941): divisor
	// method, divisors √(s(s+1)).
	HuntingtonHill Rounding = "huntington-hill"
)

// Roundings lists every rounding in the order --help shows them.
var Roundings = []Rounding{LargestRemainder, Webster, DHondt, HuntingtonHill}

// claim is one party to an apportionment: a non-negative integer weight,
// bounds lo ≤ seats ≤ hi, and the tie-break key (a larger tie wins, then
// the earlier index).
type claim struct {
	weight *big.Int
	lo, hi int64
	tie    int64
	base   int64 // people held before the apportionment, added to the reported quota
}

// errApportion is returned when the bounds cannot hold the seats; callers
// check feasibility first and explain it in the domain's words.
var errApportion = msg.New("apportionment infeasible", "không chia được")

// feasible reports whether seats fit the claims' bounds: at least Σlo, and
// at most what the claims able to grow (positive weight) can hold.
func feasibleRange(cs []claim) (min, max int64) {
	for _, c := range cs {
		min += c.lo
		if c.weight.Sign() > 0 {
			max += c.hi
		} else {
			max += c.lo
		}
	}
	return min, max
}

// apportion splits seats among claims in whole numbers. It returns the
// seats and each claim's exact quota plus its base (the bounded
// proportional share that largest remainder rounds; divisor methods report
// the same quota for information).
func apportion(cs []claim, seats int64, r Rounding) ([]int64, []*big.Rat, error) {
	lo, hi := feasibleRange(cs)
	if seats < lo || seats > hi {
		return nil, nil, errApportion
	}
	if out, quotas, ok := apportionInt(cs, seats, r); ok {
		return out, quotas, nil
	}
	return apportionRat(cs, seats, r)
}

// apportionRat is apportion in exact rationals (math/big): the reference
// the integer path is checked against, and the path for weights or counts
// past 64 bits.
func apportionRat(cs []claim, seats int64, r Rounding) ([]int64, []*big.Rat, error) {
	quotas := exactQuotas(cs, seats)
	var out []int64
	switch r {
	case LargestRemainder:
		out = largestRemainder(cs, seats, quotas)
	case Webster, DHondt, HuntingtonHill:
		out = divisor(cs, seats, r)
	default:
		return nil, nil, msg.Errorf("unknown rounding %s", "không có cách làm tròn %s", r)
	}
	for i, c := range cs {
		if c.base != 0 {
			quotas[i].Add(quotas[i], new(big.Rat).SetInt64(c.base))
		}
	}
	return out, quotas, nil
}

// exactQuotas returns q_i = clamp(λ·w_i, lo_i, hi_i) with Σq = seats: every
// claim gets the same share of its weight, except those held at a bound.
// This is "fix the units outside their bounds and re-apportion the rest
// until stable", solved directly: f(λ) = Σ clamp(λw_i) is non-decreasing and
// piecewise linear, so λ lies on the segment between two breakpoints.
func exactQuotas(cs []claim, seats int64) []*big.Rat {
	var bps []*big.Rat
	bps = append(bps, new(big.Rat))
	for _, c := range cs {
		if c.weight.Sign() > 0 {
			bps = append(bps, new(big.Rat).SetFrac(big.NewInt(c.lo), c.weight))
			bps = append(bps, new(big.Rat).SetFrac(big.NewInt(c.hi), c.weight))
		}
	}
	sort.Slice(bps, func(i, j int) bool { return bps[i].Cmp(bps[j]) < 0 })
	S := new(big.Rat).SetInt64(seats)
	// Largest k with f(bps[k]) ≤ seats.
	k := sort.Search(len(bps), func(i int) bool { return fAt(cs, bps[i]).Cmp(S) > 0 }) - 1
	if k < 0 {
		k = 0
	}
	var lambda *big.Rat
	if f := fAt(cs, bps[k]); f.Cmp(S) == 0 || k == len(bps)-1 {
		lambda = bps[k]
	} else {
		// Inside (bps[k], bps[k+1]) every claim is at lo, free or at hi.
		next := bps[k+1]
		C := new(big.Rat)
		W := new(big.Int)
		for _, c := range cs {
			if c.weight.Sign() == 0 {
				C.Add(C, new(big.Rat).SetInt64(c.lo))
				continue
			}
			atHi := new(big.Rat).SetFrac(big.NewInt(c.hi), c.weight)
			atLo := new(big.Rat).SetFrac(big.NewInt(c.lo), c.weight)
			switch {
			case atHi.Cmp(bps[k]) <= 0:
				C.Add(C, new(big.Rat).SetInt64(c.hi))
			case atLo.Cmp(next) >= 0:
				C.Add(C, new(big.Rat).SetInt64(c.lo))
			default:
				W.Add(W, c.weight)
			}
		}
		lambda = new(big.Rat).Sub(S, C)
		lambda.Quo(lambda, new(big.Rat).SetInt(W))
	}
	q := make([]*big.Rat, len(cs))
	for i, c := range cs {
		q[i] = clampShare(c, lambda)
	}
	return q
}

func clampShare(c claim, lambda *big.Rat) *big.Rat {
	v := new(big.Rat).Mul(lambda, new(big.Rat).SetInt(c.weight))
	if l := new(big.Rat).SetInt64(c.lo); v.Cmp(l) < 0 {
		return l
	}
	if h := new(big.Rat).SetInt64(c.hi); v.Cmp(h) > 0 {
		return h
	}
	return v
}

func fAt(cs []claim, lambda *big.Rat) *big.Rat {
	s := new(big.Rat)
	for _, c := range cs {
		s.Add(s, clampShare(c, lambda))
	}
	return s
}

// largestRemainder floors every quota and gives one more seat to the
// largest fractional parts; ties go to the larger tie key, then to the
// earlier claim. A claim at a bound has an integer quota, so it never
// receives an extra seat.
func largestRemainder(cs []claim, seats int64, quotas []*big.Rat) []int64 {
	out := make([]int64, len(cs))
	fracs := make([]*big.Rat, len(cs))
	var given int64
	for i, q := range quotas {
		fl := new(big.Int).Quo(q.Num(), q.Denom()) // q ≥ 0: truncation is floor
		out[i] = fl.Int64()
		given += out[i]
		fracs[i] = new(big.Rat).Sub(q, new(big.Rat).SetInt(fl))
	}
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		i, j := order[a], order[b]
		if c := fracs[i].Cmp(fracs[j]); c != 0 {
			return c > 0
		}
		if cs[i].tie != cs[j].tie {
			return cs[i].tie > cs[j].tie
		}
		return i < j
	})
	for _, i := range order[:seats-given] {
		out[i]++
	}
	return out
}

// divisor runs a divisor method with bounds as its priority list: every
// claim starts at lo, and each further seat goes to the claim with the
// highest priority w/D(s) among those below hi (ties: larger tie key, then
// the earlier claim). This is house monotone and equals the divisor method
// s_i = clamp(round_D(w_i/λ), lo_i, hi_i).
//
// For speed it first gives, in one step, every seat whose priority is at
// least a threshold t found by bisection with Σ seats(t) ≤ seats: those
// seats are a prefix of the priority list, so the result is the same.
func divisor(cs []claim, seats int64, r Rounding) []int64 {
	n := len(cs)
	s := make([]int64, n)
	var given int64
	maxW := new(big.Int)
	for i, c := range cs {
		s[i] = c.lo
		given += c.lo
		if c.weight.Cmp(maxW) > 0 {
			maxW.Set(c.weight)
		}
	}
	if seats-given > int64(2*n+16) && maxW.Sign() > 0 {
		tHi := new(big.Rat).SetInt(new(big.Int).Add(new(big.Int).Lsh(maxW, 1), big.NewInt(1)))
		tLo := new(big.Rat)
		if sumAt(cs, tHi, r) <= seats {
			for iter := 0; iter < 200; iter++ {
				got := sumAt(cs, tHi, r)
				if seats-got <= int64(n) {
					break
				}
				mid := new(big.Rat).Add(tLo, tHi)
				mid.Quo(mid, big.NewRat(2, 1))
				if sumAt(cs, mid, r) <= seats {
					tHi = mid
				} else {
					tLo = mid
				}
			}
			given = 0
			for i, c := range cs {
				s[i] = clampInt(countAt(c, tHi, r), c.lo, c.hi)
				given += s[i]
			}
		}
	}
	h := &prioHeap{cs: cs, s: s, r: r}
	for i, c := range cs {
		if c.weight.Sign() > 0 && s[i] < c.hi {
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
	return s
}

func clampInt(v, lo, hi int64) int64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

func sumAt(cs []claim, t *big.Rat, r Rounding) int64 {
	var sum int64
	for _, c := range cs {
		sum += clampInt(countAt(c, t, r), c.lo, c.hi)
	}
	return sum
}

// countAt is #{s ≥ 0 : w/D(s) ≥ t} for t > 0: how many seats a claim of
// weight w earns at threshold t, before bounds.
func countAt(c claim, t *big.Rat, r Rounding) int64 {
	if c.weight.Sign() == 0 {
		return 0
	}
	p, q := t.Num(), t.Denom() // t = p/q, w/t = wq/p
	wq := new(big.Int).Mul(c.weight, q)
	var n *big.Int
	switch r {
	case DHondt: // w/(s+1) ≥ t ⟺ s+1 ≤ w/t
		n = new(big.Int).Quo(wq, p)
	case Webster: // w/(s+½) ≥ t ⟺ 2s+1 ≤ 2w/t
		num := new(big.Int).Lsh(wq, 1)
		num.Add(num, p)
		n = num.Quo(num, new(big.Int).Lsh(p, 1))
	default: // Huntington–Hill: s(s+1) ≤ (w/t)² ⟺ (2s+1)² ≤ 4(wq/p)²+1
		a := new(big.Int).Mul(wq, wq)
		a.Lsh(a, 2)
		p2 := new(big.Int).Mul(p, p)
		a.Add(a, p2)
		a.Quo(a, p2)
		m := a.Sqrt(a)
		m.Sub(m, big.NewInt(1))
		m.Rsh(m, 1)
		n = m.Add(m, big.NewInt(1))
	}
	if !n.IsInt64() {
		return 1 << 62
	}
	return n.Int64()
}

// cmpPriority compares the priority of claim a's next seat (it holds sa)
// with claim b's (it holds sb): the sign of w_a/D(sa) − w_b/D(sb), exactly.
func cmpPriority(a, b claim, sa, sb int64, r Rounding) int {
	var da, db *big.Int // priority = w/D; compare w_a·D_b with w_b·D_a
	wa, wb := a.weight, b.weight
	switch r {
	case DHondt:
		da, db = big.NewInt(sa+1), big.NewInt(sb+1)
	case Webster:
		da, db = big.NewInt(2*sa+1), big.NewInt(2*sb+1)
	default: // D(s)² = s(s+1); D(0) = 0 is an infinite priority
		if sa == 0 || sb == 0 {
			switch {
			case sa == 0 && sb == 0:
				return 0
			case sa == 0:
				return 1
			default:
				return -1
			}
		}
		da = new(big.Int).Mul(big.NewInt(sa), big.NewInt(sa+1))
		db = new(big.Int).Mul(big.NewInt(sb), big.NewInt(sb+1))
		wa = new(big.Int).Mul(wa, wa)
		wb = new(big.Int).Mul(wb, wb)
	}
	l := new(big.Int).Mul(wa, db)
	return l.Cmp(new(big.Int).Mul(wb, da))
}

// prioHeap is a max-heap of claim indices by the priority of their next seat.
type prioHeap struct {
	cs    []claim
	s     []int64
	r     Rounding
	items []int
}

func (h *prioHeap) before(i, j int) bool {
	a, b := h.items[i], h.items[j]
	if c := cmpPriority(h.cs[a], h.cs[b], h.s[a], h.s[b], h.r); c != 0 {
		return c > 0
	}
	if h.cs[a].tie != h.cs[b].tie {
		return h.cs[a].tie > h.cs[b].tie
	}
	return a < b
}

func (h *prioHeap) init() {
	for i := len(h.items)/2 - 1; i >= 0; i-- {
		h.down(i)
	}
}

func (h *prioHeap) down(i int) {
	n := len(h.items)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		best := l
		if r := l + 1; r < n && h.before(r, l) {
			best = r
		}
		if !h.before(best, i) {
			return
		}
		h.items[i], h.items[best] = h.items[best], h.items[i]
		i = best
	}
}

func (h *prioHeap) pop() {
	n := len(h.items) - 1
	h.items[0] = h.items[n]
	h.items = h.items[:n]
	if n > 0 {
		h.down(0)
	}
}
