package coverage

import (
	"math/big"
	"slices"
	"testing"
)

func TestSplitWhole(t *testing.T) {
	w := func(ws ...int64) []*big.Int {
		out := make([]*big.Int, len(ws))
		for i, v := range ws {
			out[i] = big.NewInt(v)
		}
		return out
	}
	tests := []struct {
		name    string
		n       int64
		weights []*big.Int
		want    []int64
	}{
		{"exact", 10, w(6, 4), []int64{6, 4}},
		{"largest remainder", 10, w(1, 1, 1), []int64{4, 3, 3}},    // 3⅓ each: the tie goes to the earliest
		{"no tie", 5, w(1, 3), []int64{1, 4}},                      // 1.25 and 3.75
		{"tie to the larger weight", 2, w(1, 3), []int64{0, 2}},    // 0.5 and 1.5
		{"two ties", 3, w(1, 1, 2), []int64{1, 1, 1}},              // .75 .75 1.5
		{"tie, equal weights: earlier", 1, w(2, 2), []int64{1, 0}}, // 0.5 and 0.5
		{"a zero weight gets nothing", 7, w(0, 2, 5), []int64{0, 2, 5}},
		{"zero people", 0, w(3, 2), []int64{0, 0}},
		{"one part", 1234, w(9), []int64{1234}},
		{"big weights", 1001, w(333333333333333333, 666666666666666667), []int64{334, 667}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := SplitWhole(tc.n, tc.weights)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("SplitWhole(%d, %v) = %v, want %v", tc.n, tc.weights, got, tc.want)
			}
		})
	}
	if _, err := SplitWhole(5, w(0, 0)); err == nil {
		t.Error("all-zero weights accepted")
	}
}
