package xlsxio

// This file fixes the signatures of the pure text functions the reader is
// built on. Their bodies live in text.go, legacy.go, number.go, headers.go
// and labels.go.

import "github.com/shopspring/decimal"

// NumKind tells the number parser what a column holds, which decides how an
// ambiguous text such as "29,024" or "46,0" is read.
type NumKind int

const (
	KindCount   NumKind = iota // whole people: '.', ',', spaces, NBSP are thousands separators
	KindPercent                // a rate or target in percent: ',' or '.' is the decimal mark; "%" allowed
)

// Number is a parsed cell.
type Number struct {
	Value    decimal.Decimal
	Absent   bool // "x": not applicable (no value at all, not zero)
	Decimals int  // decimals as typed ("46,0" → 1); -1 when unknown
}
