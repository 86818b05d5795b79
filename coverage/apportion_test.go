package coverage

import (
	"encoding/csv"
	"math/big"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestUSHouse2020HuntingtonHill reproduces the apportionment of the 435 seats
// of the US House after the 2020 census, seat for seat: Huntington–Hill
// (equal proportions) with one seat guaranteed to every state.
// testdata/us-house-2020.csv: apportionment population and seats of each
// state, US Census Bureau, 2020 Census Apportionment Results, Table 1
// (https://www.census.gov/data/tables/2020/dec/2020-apportionment-data.html).
func TestUSHouse2020HuntingtonHill(t *testing.T) {
	f, err := os.Open(filepath.Join("..", "testdata", "us-house-2020.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows = rows[1:]
	var units []AllocUnit
	var official []int64
	var pop int64
	for _, r := range rows {
		p, _ := strconv.ParseInt(r[1], 10, 64)
		s, _ := strconv.ParseInt(r[2], 10, 64)
		units = append(units, AllocUnit{Name: r[0], Denominator: p})
		official = append(official, s)
		pop += p
	}
	if len(units) != 50 || pop != 331108434 {
		t.Fatalf("%d states, population %d; want 50 and 331108434", len(units), pop)
	}
	a, err := Allocate(units, AllocRequest{Total: 435, Method: Proportional, Rounding: HuntingtonHill, Min: 1, NoDecrease: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, u := range a.Units {
		if u.Target != official[i] {
			t.Errorf("%s: %d seats, officially %d", u.Name, u.Target, official[i])
		}
	}
	if a.Target != 435 {
		t.Errorf("%d seats", a.Target)
	}
	// Largest remainder on the same data differs (it is not what the law says).
	lr, err := Allocate(units, AllocRequest{Total: 435, Method: Proportional, Min: 1})
	if err != nil {
		t.Fatal(err)
	}
	diff := 0
	for i := range lr.Units {
		if lr.Units[i].Target != official[i] {
			diff++
		}
	}
	t.Logf("largest remainder differs from the official apportionment in %d states", diff)
}

// TestAlabamaParadoxWithLargestRemainder: a synthetic Alabama paradox. Three
// states of 6, 6 and 2 (thousand) people: with 10 seats largest remainder
// gives 4, 4, 2; with 11 seats it gives 5, 5, 1 — C loses a seat when the
// house grows, as Alabama would have in 1880 going from 299 to 300 seats.
// Divisor methods never do this (they are house monotone).
func TestAlabamaParadoxWithLargestRemainder(t *testing.T) {
	units := []AllocUnit{{Name: "A", Denominator: 6000}, {Name: "B", Denominator: 6000}, {Name: "C", Denominator: 2000}}
	at := func(total int64, r Rounding) string {
		a, err := Allocate(units, AllocRequest{Total: total, Method: Proportional, Rounding: r})
		if err != nil {
			t.Fatal(err)
		}
		return targets(a)
	}
	if got := at(10, LargestRemainder); got != "4 4 2" {
		t.Errorf("10 seats: %s, want 4 4 2", got)
	}
	if got := at(11, LargestRemainder); got != "5 5 1" {
		t.Errorf("11 seats: %s, want 5 5 1 (the paradox)", got)
	}
	for _, r := range []Rounding{Webster, DHondt, HuntingtonHill} {
		prev := []int64{0, 0, 0}
		for total := int64(0); total <= 40; total++ {
			a, err := Allocate(units, AllocRequest{Total: total, Method: Proportional, Rounding: r})
			if err != nil {
				t.Fatal(err)
			}
			for i, u := range a.Units {
				if u.Target < prev[i] {
					t.Errorf("%s: %s loses a seat going to %d", r, u.Name, total)
				}
				prev[i] = u.Target
			}
		}
	}
}

// TestDivisorMethodsKnownResults pins each divisor method on a textbook case:
// D'Hondt and Sainte-Laguë on party votes 100000, 80000, 30000, 20000 for 8
// seats (D'Hondt 4,3,1,0; Sainte-Laguë 3,3,1,1).
func TestDivisorMethodsKnownResults(t *testing.T) {
	units := []AllocUnit{{Name: "A", Denominator: 100000}, {Name: "B", Denominator: 80000}, {Name: "C", Denominator: 30000}, {Name: "D", Denominator: 20000}}
	for _, tc := range []struct {
		r    Rounding
		want string
	}{
		{DHondt, "4 3 1 0"},
		{Webster, "3 3 1 1"},
		{HuntingtonHill, "3 3 1 1"},
		{LargestRemainder, "3 3 1 1"},
	} {
		a, err := Allocate(units, AllocRequest{Total: 8, Method: Proportional, Rounding: tc.r})
		if err != nil {
			t.Fatal(err)
		}
		if got := targets(a); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.r, got, tc.want)
		}
	}
}

// TestDivisorFastPathMatchesPriorityList checks the bisection shortcut of the
// divisor methods against the plain priority list on a large total.
func TestDivisorFastPathMatchesPriorityList(t *testing.T) {
	cs := []claim{}
	for i := int64(1); i <= 40; i++ {
		w := (i*7919)%1000 + 1
		cs = append(cs, claim{weight: bigInt(w * 1000), lo: i % 3, hi: w * 1000, tie: w})
	}
	for _, r := range []Rounding{Webster, DHondt, HuntingtonHill} {
		for _, seats := range []int64{100, 1000, 12345, 30000} {
			fast := divisor(cs, seats, r)
			slow := slowDivisor(cs, seats, r)
			for i := range fast {
				if fast[i] != slow[i] {
					t.Fatalf("%s %d seats: claim %d fast %d slow %d", r, seats, i, fast[i], slow[i])
				}
			}
		}
	}
}

func slowDivisor(cs []claim, seats int64, r Rounding) []int64 {
	s := make([]int64, len(cs))
	var given int64
	for i, c := range cs {
		s[i] = c.lo
		given += c.lo
	}
	for ; given < seats; given++ {
		best := -1
		for i, c := range cs {
			if c.weight.Sign() == 0 || s[i] >= c.hi {
				continue
			}
			if best < 0 {
				best = i
				continue
			}
			cmp := cmpPriority(c, cs[best], s[i], s[best], r)
			if cmp > 0 || (cmp == 0 && c.tie > cs[best].tie) {
				best = i
			}
		}
		s[best]++
	}
	return s
}

func bigInt(v int64) *big.Int { return big.NewInt(v) }
