package rawxlsx

// The scan of a list's picked columns (ScanSheetPicking, once the header
// row has said which): the cells of a row read in one loop, without Next
// and its items, and the cell and row tags as Excel and its kin write
// them, <c r="B7" s="2" t="s"> and <row r="7" spans="1:7">, read by readers
// made for that one spelling. Anything else goes to fastCell's and
// fastRow's readers, then to the general path: they agree on every sheet
// (FuzzScanPickedAgrees, FuzzFastPathAgrees).

// pickedCell is fastCell for a scan with a pick: it passes over the cells
// of the columns not picked and returns the next picked cell's column,
// type and value without filling Cell. ok false (nothing consumed): the
// next thing is not a cell fastCell would take, and Next reads it. It
// fails where fastCell would (a reference, a type, a size), in any column.
func (s *SheetReader) pickedCell() (col int, typ byte, val []byte, ok bool, err error) {
	t := s.t
	for {
		b := t.buf[t.pos:]
		col, typ, val, n, ok := excelCell(b, s.rowDigits, s.normCR)
		if ok {
			s.lastCol = col
			if len(val) > s.maxCell {
				s.Cell.Col, s.Cell.Row = col, s.Row.Num
				return 0, 0, nil, true, s.tooLong()
			}
		} else {
			var v [3][]byte
			if val, n, _, ok = plainCell(b, s.normCR, &v); !ok {
				return 0, 0, nil, false, nil
			}
			if col, _, err = s.cellCol(v[0]); err == nil {
				// what openCellAt and the size check refuse
				err = s.skipCell(col, &v, val)
			}
			if err != nil {
				return 0, 0, nil, true, err
			}
			typ = cellType(v[2])
		}
		t.pos += n
		if col < len(s.pick) && s.pick[col] {
			return col, typ, val, true, nil
		}
	}
}

// excelCell reads a cell at the start of b spelt as Excel writes it:
// <c r="B7"> with the row's own number (rowDigits), then s="digits" and
// t="letters" if any, in that order, one space apart, then <v>TEXT</v></c>
// (no entity, no CR when noCR) or "/>" for <c …/>. It returns the cell's
// column (0-based), type and value and the bytes it takes; ok false, for
// plainCell to read, when the cell is spelt otherwise, or is beyond XFD,
// or its type is unknown. On what it takes it reads as plainCell and
// cellCol do.
func excelCell(b, rowDigits []byte, noCR bool) (col int, typ byte, val []byte, n int, ok bool) {
	const open = `<c r="`
	if len(b) < 32 || string(b[:len(open)]) != open || len(rowDigits) == 0 {
		return 0, 0, nil, 0, false
	}
	i := len(open)
	for ; i < len(open)+3 && 'A' <= b[i] && b[i] <= 'Z'; i++ {
		col = col*26 + int(b[i]-'A'+1)
	}
	if col == 0 || col > MaxCol || len(b)-i < len(rowDigits)+8 || !sameBytes(b[i:i+len(rowDigits)], rowDigits) {
		return 0, 0, nil, 0, false
	}
	i += len(rowDigits)
	if b[i] != '"' {
		return 0, 0, nil, 0, false
	}
	i++
	if string(b[i:i+4]) == ` s="` {
		j := i + 4
		for j < len(b) && '0' <= b[j] && b[j] <= '9' {
			j++
		}
		if j == i+4 || len(b)-j < 8 || b[j] != '"' {
			return 0, 0, nil, 0, false
		}
		i = j + 1
	}
	typ = 'n'
	if string(b[i:i+4]) == ` t="` {
		j := i + 4
		for j < len(b) && ('a' <= b[j] && b[j] <= 'z' || 'A' <= b[j] && b[j] <= 'Z') {
			j++
		}
		if j == i+4 || len(b)-j < 8 || b[j] != '"' {
			return 0, 0, nil, 0, false
		}
		if typ = cellType(b[i+4 : j]); typ == 0 {
			return 0, 0, nil, 0, false
		}
		i = j + 1
	}
	switch {
	case b[i] == '/' && b[i+1] == '>':
		return col - 1, typ, nil, i + 2, true
	case b[i] == '>':
		val, m, ok := plainValue(b[i+1:], noCR)
		if !ok {
			return 0, 0, nil, 0, false
		}
		return col - 1, typ, val, i + 1 + m, true
	}
	return 0, 0, nil, 0, false
}

// excelRow reads a row's start tag at the start of b spelt as Excel writes
// it, <row r="7"> or <row r="7" spans="1:7">, the number without a leading
// zero: its number, its digits and the bytes it takes; n 0, for fastRow to
// read, when it is spelt otherwise or its number is beyond the last row.
// On what it takes it reads as fastRow and openRow do.
func excelRow(b []byte) (num int, digits []byte, n int) {
	const open = `<row r="`
	if len(b) < 32 || string(b[:len(open)]) != open || b[len(open)] == '0' {
		return 0, nil, 0
	}
	i := len(open)
	for ; i < len(open)+7 && '0' <= b[i] && b[i] <= '9'; i++ {
		num = num*10 + int(b[i]-'0')
	}
	if i == len(open) || num > MaxRow || b[i] != '"' {
		return 0, nil, 0
	}
	digits = b[len(open):i]
	i++
	if string(b[i:i+8]) == ` spans="` {
		j := i + 8
		for j < len(b) && ('0' <= b[j] && b[j] <= '9' || b[j] == ':') {
			j++
		}
		if j+1 >= len(b) || b[j] != '"' {
			return 0, nil, 0
		}
		i = j + 1
	}
	if b[i] != '>' {
		return 0, nil, 0
	}
	return num, digits, i + 1
}
