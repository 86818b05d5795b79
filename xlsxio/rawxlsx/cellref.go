package rawxlsx

import (
	"bytes"
	"strconv"
)

// Excel's last column (XFD) and row.
const (
	MaxCol = 16384
	MaxRow = 1048576
)

// ColumnLetters is "A" for column 0, "Z" for 25, "AA" for 26: the one
// column-letter function of bhxh (readers and writers alike).
func ColumnLetters(col int) string {
	var b [8]byte
	i := len(b)
	for col >= 0 {
		i--
		b[i] = byte('A' + col%26)
		col = col/26 - 1
	}
	return string(b[i:])
}

// CellName is "B12" for column 1 (0-based, as ColumnLetters) and row 12
// (1-based, as Excel shows rows).
func CellName(col, row int) string {
	return ColumnLetters(col) + strconv.Itoa(row)
}

// ParseCellName reads "B12" (any case, no "$") into column 1 (0-based) and
// row 12 (1-based); ok is false beyond XFD1048576 or for anything else.
func ParseCellName(ref []byte) (col, row int, ok bool) {
	i := 0
	for i < len(ref) && i < 4 {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		i++
	}
	if i == 0 || i > 3 || i == len(ref) {
		return 0, 0, false
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' || row > MaxRow {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
	}
	if col > MaxCol || row < 1 || row > MaxRow {
		return 0, 0, false
	}
	return col - 1, row, true
}

// ParseRange reads a range "A1:C3" into its corners, 0-based (rows too),
// first corner top-left; ok is false for anything else.
func ParseRange(ref []byte) (r0, c0, r1, c1 int, ok bool) {
	a, b, found := bytes.Cut(ref, []byte(":"))
	if !found {
		return 0, 0, 0, 0, false
	}
	c0, r0, ok0 := ParseCellName(a)
	c1, r1, ok1 := ParseCellName(b)
	if !ok0 || !ok1 || c0 > c1 || r0 > r1 {
		return 0, 0, 0, 0, false
	}
	return r0 - 1, c0, r1 - 1, c1, true
}

// digitsInt reads 1 to 9 decimal digits and nothing else.
func digitsInt(b []byte) (int, bool) {
	if len(b) == 0 || len(b) > 9 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// Index reads a shared-string index as written in a cell's <v> (spaces
// around allowed, as Excel reads it).
func Index(v []byte) (int, bool) {
	if n, ok := digitsInt(v); ok {
		return n, true // no space to trim: the usual case, without the call
	}
	return digitsInt(bytes.TrimSpace(v))
}
