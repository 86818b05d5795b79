package coverage

import (
	"math/big"
	"sort"

	"github.com/bhxh/bhxh/msg"
)

// SplitWhole divides n whole people in proportion to weights (non-negative
// integers, not all zero) by largest remainder, so the parts sum to n
// exactly: each part gets the floor of its exact quota n·w/Σw, and the
// people left over go one each to the largest fractional parts. Ties go to
// the larger weight, then to the earlier part. It is the apportionment
// allocate uses (largest-remainder), without bounds.
func SplitWhole(n int64, weights []*big.Int) ([]int64, error) {
	if n < 0 {
		return nil, msg.New("cannot split a negative count", "không chia được số âm")
	}
	sum := new(big.Int)
	for _, w := range weights {
		if w.Sign() < 0 {
			return nil, msg.New("negative weight", "trọng số âm")
		}
		sum.Add(sum, w)
	}
	if sum.Sign() == 0 {
		return nil, msg.New("every weight is zero", "mọi trọng số đều bằng 0")
	}
	// The tie key is the weight's rank, so a larger weight wins a tie
	// whatever its size.
	order := make([]int, len(weights))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return weights[order[a]].Cmp(weights[order[b]]) < 0 })
	cs := make([]claim, len(weights))
	rank := int64(0)
	for k, i := range order {
		if k > 0 && weights[i].Cmp(weights[order[k-1]]) != 0 {
			rank++
		}
		cs[i] = claim{weight: weights[i], lo: 0, hi: n, tie: rank}
	}
	out, _, err := apportion(cs, n, LargestRemainder)
	return out, err
}
