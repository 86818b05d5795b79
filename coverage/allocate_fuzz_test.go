package coverage

import (
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// fuzzBaseline builds a baseline from fuzz bytes: up to 40 units with
// distinct denominators (so no tie can depend on row order), currents mostly
// below the denominator, sometimes above (BHYT over 100 %), weights small.
func fuzzBaseline(data []byte) []AllocUnit {
	var units []AllocUnit
	seen := map[int64]bool{}
	for i := 0; i+4 <= len(data) && len(units) < 40; i += 4 {
		d := int64(data[i])<<8 | int64(data[i+1])
		if seen[d] {
			continue
		}
		seen[d] = true
		c := int64(0)
		if d > 0 {
			c = (int64(data[i+2]) * d) / 255
		}
		if data[i+3]%17 == 0 {
			c += int64(data[i+3]) // over the denominator now and then
		}
		units = append(units, AllocUnit{
			Name: fmt.Sprintf("u%d", i/4), Denominator: d, Current: c,
			Weight: big.NewRat(int64(data[i+3]%7), int64(data[i+2]%3+1)),
		})
	}
	return units
}

var fuzzMethods = []Method{Proportional, Uncovered, CurrentShare, "weight:w"}

func FuzzAllocate(f *testing.F) {
	f.Add([]byte{1, 0, 50, 3, 2, 0, 200, 5, 0, 9, 9, 9}, uint32(300), uint8(0), uint8(0), uint8(0), true)
	f.Add([]byte{0, 100, 10, 17, 0, 200, 255, 34, 3, 0, 128, 1, 0, 0, 0, 0}, uint32(500), uint8(1), uint8(3), uint8(1), true)
	f.Add([]byte{1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4}, uint32(999), uint8(2), uint8(1), uint8(0), false)
	f.Add([]byte{9, 0, 0, 0, 8, 0, 0, 0, 7, 0, 0, 0}, uint32(7), uint8(3), uint8(2), uint8(2), true)
	f.Fuzz(func(t *testing.T, data []byte, total uint32, mi, ri, min uint8, noDecrease bool) {
		units := fuzzBaseline(data)
		if len(units) == 0 {
			return
		}
		var sumD int64
		for _, u := range units {
			sumD += u.Denominator
		}
		T := int64(total) % (sumD + 50)
		req := AllocRequest{
			Total: T, Method: fuzzMethods[int(mi)%len(fuzzMethods)],
			Rounding: Roundings[int(ri)%len(Roundings)], Min: int64(min % 4), NoDecrease: noDecrease,
		}
		a, err := Allocate(units, req)
		if err != nil {
			if !errors.Is(err, ErrInfeasible) {
				t.Fatalf("%+v: error %v is not ErrInfeasible", req, err)
			}
			return
		}
		var sum int64
		exact := new(big.Rat)
		for i, u := range a.Units {
			sum += u.Target
			exact.Add(exact, u.Quota)
			if u.Target < req.Min {
				t.Fatalf("%s: target %d below --min %d", u.Name, u.Target, req.Min)
			}
			if (req.NoDecrease || req.Method != Proportional) && u.Target < units[i].Current {
				t.Fatalf("%s: target %d below current %d", u.Name, u.Target, units[i].Current)
			}
			if u.Target > max(u.Denominator, u.Current, req.Min) {
				t.Fatalf("%s: target %d above denominator %d", u.Name, u.Target, u.Denominator)
			}
			if req.Rounding == LargestRemainder {
				lo := new(big.Rat).Sub(u.Quota, big.NewRat(1, 1))
				hi := new(big.Rat).Add(u.Quota, big.NewRat(1, 1))
				tr := new(big.Rat).SetInt64(u.Target)
				if tr.Cmp(lo) <= 0 || tr.Cmp(hi) >= 0 {
					t.Fatalf("%s: target %d not within one of quota %s", u.Name, u.Target, u.Quota.RatString())
				}
			}
		}
		if sum != T || a.Target != T {
			t.Fatalf("Σtarget %d, total %d, want %d", sum, a.Target, T)
		}
		if exact.Cmp(new(big.Rat).SetInt64(T)) != 0 {
			t.Fatalf("Σquota %s, want %d", exact.RatString(), T)
		}
		// Deterministic, and independent of row order (denominators are distinct).
		again, _ := Allocate(units, req)
		rev := make([]AllocUnit, len(units))
		for i, u := range units {
			rev[len(units)-1-i] = u
		}
		ra, err := Allocate(rev, req)
		if err != nil {
			t.Fatalf("reversed rows: %v", err)
		}
		for i := range a.Units {
			if again.Units[i].Target != a.Units[i].Target {
				t.Fatalf("second run differs at %s", a.Units[i].Name)
			}
			if r := ra.Units[len(units)-1-i]; r.Target != a.Units[i].Target {
				t.Fatalf("%s: %d, reversed rows give %d", a.Units[i].Name, a.Units[i].Target, r.Target)
			}
		}
		// Divisor methods are house monotone: one more person never takes
		// anyone's away.
		if req.Rounding != LargestRemainder {
			req.Total++
			b, err := Allocate(units, req)
			if err == nil {
				for i := range b.Units {
					if b.Units[i].Target < a.Units[i].Target {
						t.Fatalf("%s: %s loses a person going from %d to %d", req.Rounding, a.Units[i].Name, T, T+1)
					}
				}
			}
		}
	})
}

// BenchmarkAllocate10000 allocates a 45 % target over 10,000 units with
// currents spread from 0 to 60 %, so many units are fixed at current.
func BenchmarkAllocate10000(b *testing.B) {
	units, total := benchBaseline(10000)
	for _, r := range Roundings {
		b.Run(string(r), func(b *testing.B) {
			for b.Loop() {
				if _, err := Allocate(units, AllocRequest{Total: total, Method: Proportional, Rounding: r, NoDecrease: true}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkAllocate100000 is every method with every rounding over 100,000
// units (make bench reports it; the target is 0.5 s each).
func BenchmarkAllocate100000(b *testing.B) {
	units, total := benchBaseline(100000)
	for _, m := range fuzzMethods {
		for _, r := range Roundings {
			b.Run(string(m)+"/"+string(r), func(b *testing.B) {
				for b.Loop() {
					if _, err := Allocate(units, AllocRequest{Total: total, Method: m, Rounding: r, NoDecrease: true}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// benchBaseline is n units with denominators from 1,000 to 201,000, currents
// from 0 to 60 % of them and a weight column, and a 45 % total.
func benchBaseline(n int) ([]AllocUnit, int64) {
	rng := rand.New(rand.NewPCG(1, 2))
	units := make([]AllocUnit, n)
	var sumD int64
	for i := range units {
		d := 1000 + rng.Int64N(200000)
		units[i] = AllocUnit{Name: fmt.Sprint(i), Denominator: d, Current: d * rng.Int64N(60) / 100,
			Weight: big.NewRat(rng.Int64N(1000), 1)}
		sumD += d
	}
	return units, sumD * 45 / 100
}
