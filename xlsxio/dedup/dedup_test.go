package dedup

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

func TestScrambleIsABijection(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	keys := []uint64{0, 1, 2, 3, keyMask, keyMask - 1, 9999999999<<2 | 3}
	for range 10000 {
		keys = append(keys, rng.Uint64()&keyMask)
	}
	for _, k := range keys {
		s := scramble(k)
		if s > keyMask || unscramble(s) != k {
			t.Fatalf("key %d: scrambled %d, back %d", k, s, unscramble(s))
		}
	}
}

// sighting is what Scan reports for one record: the record, and for a
// repeat the first sighting of its key.
type sighting struct {
	r, first Record
	repeat   bool
}

// reference computes the sightings with a map, record by record.
func reference(recs []Record) []sighting {
	firsts := map[uint64]Record{}
	var out []sighting
	for _, r := range recs {
		if f, ok := firsts[r.Key]; ok {
			out = append(out, sighting{r, f, true})
			continue
		}
		firsts[r.Key] = r
		out = append(out, sighting{r: r})
	}
	return out
}

func scanAll(t *testing.T, s *Set, workers int) []sighting {
	t.Helper()
	var mu sync.Mutex
	var out []sighting
	err := s.Scan(workers,
		func(w int, r Record) { mu.Lock(); out = append(out, sighting{r: r}); mu.Unlock() },
		func(w int, r, f Record) { mu.Lock(); out = append(out, sighting{r, f, true}); mu.Unlock() })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sortSightings(s []sighting) {
	slices.SortFunc(s, func(a, b sighting) int {
		if a.r.Loc != b.r.Loc {
			return int(a.r.Loc) - int(b.r.Loc)
		}
		return int(a.r.Key) - int(b.r.Key)
	})
}

// randomRecords is n records over few enough keys that many repeat, with
// increasing locations, keys clustered (a province prefix) or spread.
func randomRecords(n int, seed uint64) []Record {
	rng := rand.New(rand.NewPCG(seed, 7))
	recs := make([]Record, n)
	for i := range recs {
		var k uint64
		switch rng.IntN(3) {
		case 0:
			k = uint64(rng.IntN(n/2 + 1)) // sequential ids: one partition if unscrambled
		case 1:
			k = 0x7_0000_0000 + uint64(rng.IntN(n))
		default:
			k = rng.Uint64() & keyMask
		}
		recs[i] = Record{Key: k, Unit: uint32(rng.IntN(MaxUnits)), Loc: uint64(i)}
	}
	return recs
}

func TestSetMatchesAMap(t *testing.T) {
	for _, tc := range []struct {
		name    string
		n       int
		budget  int64
		workers int
		spills  bool
		chunk   int // records of a chunk, when not the budget's
	}{
		{"small in memory", 1000, 1 << 30, 1, false, 0},
		{"in memory, two workers", 200000, 1 << 30, 2, false, 0},
		{"tiny budget spills many runs", 20000, 4 << 10, 2, true, 0},
		{"spills then memory", 300000, 2 << 20, 2, true, 0},
		{"empty", 0, 1 << 20, 2, false, 0},
		// 64 chunks: records are added while a spill is written behind
		{"spills behind", 100000, 1 << 20, 2, true, 1024},
	} {
		t.Run(tc.name, func(t *testing.T) {
			recs := randomRecords(tc.n, uint64(tc.n))
			parent := t.TempDir()
			s := New(tc.budget, parent)
			if tc.chunk > 0 {
				s.chunkCap = tc.chunk
			}
			for _, r := range recs {
				if err := s.Add(r.Key, r.Unit, r.Loc); err != nil {
					t.Fatal(err)
				}
			}
			if got := s.Spills() > 0; got != tc.spills {
				t.Errorf("spilled %d runs, want spills %v", s.Spills(), tc.spills)
			}
			if tc.spills {
				ents, _ := os.ReadDir(parent)
				if len(ents) != 1 {
					t.Fatalf("%d entries in the parent folder during the run, want the temporary folder", len(ents))
				}
				runs, _ := os.ReadDir(filepath.Join(parent, ents[0].Name()))
				if len(runs) > maxRuns {
					t.Errorf("%d spill files after %d spills, want at most %d (merged)", len(runs), s.Spills(), maxRuns)
				}
			}
			got := scanAll(t, s, tc.workers)
			want := reference(recs)
			sortSightings(got)
			sortSightings(want)
			if !slices.Equal(got, want) {
				t.Fatalf("%d sightings, want %d; first difference %v", len(got), len(want), firstDiff(got, want))
			}
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			if ents, _ := os.ReadDir(parent); len(ents) != 0 {
				t.Errorf("%d entries left in the parent folder after Close", len(ents))
			}
		})
	}
}

func firstDiff(a, b []sighting) any {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return [2]sighting{a[i], b[i]}
		}
	}
	return "one is a prefix of the other"
}

func TestAbortRemovesTheFolderAndStopsSpilling(t *testing.T) {
	parent := t.TempDir()
	s := New(4<<10, parent)
	add := func() error {
		for i := range 5000 {
			if err := s.Add(uint64(i), 0, uint64(i)); err != nil {
				return err
			}
		}
		return nil
	}
	if err := add(); err != nil || s.Spills() == 0 {
		t.Fatalf("err %v, %d spills", err, s.Spills())
	}
	s.Abort()
	if ents, _ := os.ReadDir(parent); len(ents) != 0 {
		t.Fatalf("%d entries left after Abort", len(ents))
	}
	if err := add(); !errors.Is(err, ErrAborted) {
		t.Fatalf("Add after Abort: %v, want ErrAborted", err)
	}
	s.Abort() // twice is fine
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestUnitBound(t *testing.T) {
	s := New(1<<20, t.TempDir())
	if err := s.Add(1, MaxUnits, 0); !errors.Is(err, ErrTooManyUnits) {
		t.Fatalf("unit MaxUnits: %v", err)
	}
	if err := s.Add(1, MaxUnits-1, 0); err != nil {
		t.Fatal(err)
	}
}
