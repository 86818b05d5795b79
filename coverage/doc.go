// Package coverage is the domain: indicators, exact coverage rates, gaps to
// target, and the split of a target across units (allocation).
//
// coverage does no I/O: it takes typed units and returns typed results.
// Counts are whole people (int64); every ratio is an exact big.Rat and is
// rounded half-up only when presented (Pct.Format).
//
// Where things are: compute.go, result.go, pct.go (rates and gaps);
// evaluation.go (how many units reach each target), rank.go (units best
// first by a figure, for emulation reports); trend.go, projection.go
// (year-end least squares in rationals); allocate.go (methods, bounds, groups) over apportion.go (exact
// quotas and roundings in big.Rat, the reference) and apportion_int.go (the
// same results in 64-bit integers with 128/256-bit products, taken whenever
// the weights fit; the fuzz target FuzzApportionIntMatchesRat compares the
// two); split.go (SplitWhole: people divided by shares, largest remainder,
// for the crosswalk's divided communes).
package coverage
