package crosswalk

import (
	"testing"
)

// FuzzParse: a user's crosswalk file (--crosswalk FILE) never panics, and a
// table it accepts is consistent: every old unit's rows point back to it.
func FuzzParse(f *testing.F) {
	f.Add([]byte(smallTable))
	f.Add([]byte("\xef\xbb\xbf" + smallTable))
	f.Add([]byte("new_code,old_code\n1,2\n"))
	f.Add([]byte(smallTable[:200]))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := Parse(data, "f.csv")
		if err != nil {
			return
		}
		for i := range tb.Old {
			o := &tb.Old[i]
			if len(o.Rows) == 0 || tb.oldIndex(o) != i {
				t.Fatalf("old unit %d inconsistent", i)
			}
		}
	})
}

// FuzzParseShares: a shares file never panics, and one it accepts gives
// every old unit it names weights for all of its part rows.
func FuzzParseShares(f *testing.F) {
	tb, err := Parse([]byte(smallTable), "small.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("old_code,new_code,share\n00003,10001,1\n00003,10002,2\n"))
	f.Add([]byte("old_code;new_code;share\n3;10001;33,5%\n3;10002;66,5%\n"))
	f.Add([]byte("old_code,new_code,share\n00001,10001,1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseShares(data, "s.csv", tb)
		if err != nil {
			return
		}
		for pair := range s.byPair {
			o, _ := tb.OldByCode(pair[0])
			if _, w, ok := s.weights(tb, o); !ok || len(w) != len(o.Rows) {
				t.Fatalf("%v: weights incomplete", pair)
			}
		}
	})
}
