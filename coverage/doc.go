// Package coverage is the domain: indicators, exact coverage rates, gaps to
// target, and the split of a target across units (allocation).
//
// coverage does no I/O: it takes typed units and returns typed results.
// Counts are whole people (int64); every ratio is an exact big.Rat and is
// rounded half-up only when presented (Pct.Format).
package coverage
