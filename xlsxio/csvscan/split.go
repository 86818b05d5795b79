package csvscan

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
)

// splitter cuts blocks into records and fields. It runs on one goroutine
// and keeps, between blocks, the start of a record a block ended inside.
type splitter struct {
	comma      byte
	bareQuotes bool  // a quote inside an unquoted field is text
	line       int64 // line the next record starts on
	max        int
	carry      []byte
	stop       [256]bool // bytes that end an unquoted stretch
	esc        []int32   // fields of the current record holding doubled quotes
	ready      bool
}

// split parses block b: the carried bytes are copied into the reserve in
// front of what was read, every complete record is added to b's batch, and
// the bytes of an unfinished last record are carried to the next block.
func (p *splitter) split(b *block, reserve int) {
	if !p.ready {
		for _, c := range []byte{p.comma, '\n', '\r', '"'} {
			p.stop[c] = true
		}
		p.ready = true
	}
	start := reserve - len(p.carry)
	copy(b.data[start:], p.carry)
	buf := b.data[:reserve+b.n]
	bt := &b.b
	bt.buf, bt.fields, bt.recs, bt.owner = buf, bt.fields[:0], bt.recs[:0], b
	pos := start
	b.plain = false
	if !b.eof && b.err == nil && bytes.IndexByte(buf[start:], '"') < 0 {
		// no quote: every line end ends a record, so the lines up to the
		// last one are split by a worker (plainLines), on the core that
		// then prepares them; here they are only counted
		if nl := bytes.LastIndexByte(buf[start:], '\n'); nl >= 0 {
			b.plain, b.from, b.to, b.line = true, start, start+nl+1, p.line
			p.line += int64(bytes.Count(buf[start:b.to], []byte{'\n'}))
			pos = b.to
		}
	}
	for pos < len(buf) {
		if next, ok := p.plainRecord(buf, pos, bt); ok {
			pos = next
			continue
		}
		next, ok := p.record(buf, pos, b.eof, bt)
		if !ok {
			break
		}
		pos = next
	}
	p.carry = append(p.carry[:0], buf[pos:]...)
	switch {
	case b.err != nil: // the reader's: where the text stops
		b.err = &Error{Line: p.line, Err: b.err}
	case len(p.carry) > p.max:
		b.err = &Error{Line: p.line, Err: ErrLongRecord}
	}
}

// plainLines splits block b's run of plain lines (split left it, and the
// batch's records, to a worker): as split would, line after line, without
// looking for quotes again (split found none).
func plainLines(b *block, comma byte) {
	p := splitter{comma: comma, line: b.line}
	buf, bt := b.b.buf[:b.to], &b.b
	for pos := b.from; pos < b.to; {
		nl := bytes.IndexByte(buf[pos:], '\n') // ≥ 0: the run ends with a line end
		pos = p.plainFields(buf, pos, pos+nl, bt)
	}
}

// plainRecord parses the record starting at pos when it is a whole line in
// buf without a quote (nearly every line of a list), as record would, but
// at memchr speed: the line end and any quote are found with
// bytes.IndexByte, then the separators eight bytes at a time. ok = false
// leaves the line to record.
func (p *splitter) plainRecord(buf []byte, pos int, bt *Batch) (next int, ok bool) {
	nl := bytes.IndexByte(buf[pos:], '\n')
	if nl < 0 {
		return 0, false
	}
	if bytes.IndexByte(buf[pos:pos+nl], '"') >= 0 {
		return 0, false
	}
	return p.plainFields(buf, pos, pos+nl, bt), true
}

// plainFields adds the record of the line buf[pos:nl] (nl its line end; no
// quote in it) to bt and returns where the next line starts.
func (p *splitter) plainFields(buf []byte, pos, nl int, bt *Batch) (next int) {
	end := nl
	if end > pos && buf[end-1] == '\r' { // CRLF; a CR elsewhere is text
		end--
	}
	// the fields are written into room made first (a line has at most one
	// more field than bytes): appends to bt.fields, which may grow, kept
	// the loop's values in memory instead of registers
	f0 := len(bt.fields)
	fs := slices.Grow(bt.fields, end-pos+1)
	fs = fs[:cap(fs)]
	n := f0
	lo := pos
	const ones, lows = 0x0101010101010101, 0x7F7F7F7F7F7F7F7F
	comma := uint64(p.comma) * ones
	j := pos
	for ; j+8 <= end; j += 8 {
		// the bytes of w equal to the separator: exactly those whose high
		// bit survives (no borrow between bytes, unlike skipText's test)
		x := binary.LittleEndian.Uint64(buf[j:j+8]) ^ comma
		for m := ^((x&lows + lows) | x | lows); m != 0; m &= m - 1 {
			k := j + bits.TrailingZeros64(m)>>3
			fs[n] = span{int32(lo), int32(k)}
			n++
			lo = k + 1
		}
	}
	for ; j < end; j++ {
		if buf[j] == p.comma {
			fs[n] = span{int32(lo), int32(j)}
			n++
			lo = j + 1
		}
	}
	fs[n] = span{int32(lo), int32(end)}
	n++
	bt.fields = fs[:n]
	bt.recs = append(bt.recs, rec{line: p.line, f0: int32(f0), nf: int32(n - f0), start: int32(pos)})
	p.line++
	return nl + 1
}

// record parses the record starting at pos. It returns where the next one
// starts, or ok = false when the block ends inside it (before the end of
// the input).
func (p *splitter) record(buf []byte, pos int, eof bool, bt *Batch) (next int, ok bool) {
	line0, start := p.line, pos
	f0 := int32(len(bt.fields))
	p.esc = p.esc[:0]
	n := len(buf)
	incomplete := func() (int, bool) {
		bt.fields = bt.fields[:f0]
		p.line = line0
		return 0, false
	}
	malformed := func(err error, from int) (int, bool) {
		// go on at the next line
		k := bytes.IndexByte(buf[from:], '\n')
		if k < 0 && !eof {
			return incomplete()
		}
		resume := n
		if k >= 0 {
			resume = from + k + 1
		}
		bt.fields = bt.fields[:f0]
		p.line = line0 + int64(bytes.Count(buf[start:resume], []byte{'\n'}))
		bt.recs = append(bt.recs, rec{line: line0, f0: f0, err: err})
		return resume, true
	}
	for {
		if pos < n && buf[pos] == '"' { // quoted field
			lo := pos + 1
			i := lo
			for {
				k := bytes.IndexByte(buf[i:], '"')
				if k < 0 {
					if !eof {
						return incomplete()
					}
					bt.fields = bt.fields[:f0]
					p.line = line0 + 1
					bt.recs = append(bt.recs, rec{line: line0, f0: f0, err: ErrUnclosedQuote})
					return n, true
				}
				j := i + k
				if j+1 == n && !eof {
					return incomplete() // "" or the closing quote: the next block tells
				}
				if j+1 < n && buf[j+1] == '"' {
					if len(p.esc) == 0 || p.esc[len(p.esc)-1] != int32(len(bt.fields)) {
						p.esc = append(p.esc, int32(len(bt.fields)))
					}
					i = j + 2
					continue
				}
				p.line += int64(bytes.Count(buf[lo:j], []byte{'\n'}))
				bt.fields = append(bt.fields, span{int32(lo), int32(j)})
				pos = j + 1
				break
			}
			switch {
			case pos == n:
				if !eof {
					return incomplete()
				}
				p.endRecord(bt, line0, f0, buf, start)
				return n, true
			case buf[pos] == p.comma:
				pos++
				continue
			case buf[pos] == '\n':
				p.line++
				p.endRecord(bt, line0, f0, buf, start)
				return pos + 1, true
			case buf[pos] == '\r' && pos+1 < n && buf[pos+1] == '\n':
				p.line++
				p.endRecord(bt, line0, f0, buf, start)
				return pos + 2, true
			case buf[pos] == '\r' && pos+1 == n && !eof:
				return incomplete()
			}
			return malformed(ErrTextAfter, pos)
		}
		// unquoted field: up to a comma, a line end or a quote (a CR not
		// before a LF is text)
		j := pos
		for {
			j = p.skipText(buf, j)
			if j < n && buf[j] == '\r' && !(j+1 < n && buf[j+1] == '\n') {
				if j+1 == n && !eof {
					return incomplete() // the LF may start the next block
				}
				j++
				continue
			}
			if j < n && buf[j] == '"' && p.bareQuotes {
				j++
				continue
			}
			break
		}
		if j == n {
			if !eof {
				return incomplete()
			}
			bt.fields = append(bt.fields, span{int32(pos), int32(j)})
			p.endRecord(bt, line0, f0, buf, start)
			return n, true
		}
		switch buf[j] {
		case p.comma:
			bt.fields = append(bt.fields, span{int32(pos), int32(j)})
			pos = j + 1
		case '\n':
			bt.fields = append(bt.fields, span{int32(pos), int32(j)})
			p.line++
			p.endRecord(bt, line0, f0, buf, start)
			return j + 1, true
		case '\r': // CRLF
			bt.fields = append(bt.fields, span{int32(pos), int32(j)})
			p.line++
			p.endRecord(bt, line0, f0, buf, start)
			return j + 2, true
		default: // '"'
			return malformed(ErrBareQuote, j)
		}
	}
}

// endRecord closes the record whose fields start at f0: doubled quotes are
// undone in place (only now that the record is complete, so a carried
// record is never half rewritten).
func (p *splitter) endRecord(bt *Batch, line0 int64, f0 int32, buf []byte, start int) {
	for _, f := range p.esc {
		s := &bt.fields[f]
		w := s.lo
		for r := s.lo; r < s.hi; r++ {
			buf[w] = buf[r]
			w++
			if buf[r] == '"' {
				r++ // the second of a pair
			}
		}
		s.hi = w
	}
	bt.recs = append(bt.recs, rec{line: line0, f0: f0, nf: int32(len(bt.fields)) - f0, start: int32(start)})
}

// skipText returns the index of the first byte from j on that may end an
// unquoted stretch (comma, LF, CR, quote), or len(buf): eight bytes at a
// time (SWAR: a byte equal to c is a zero byte of w^c·0x01…01; the lowest
// flagged byte is exact), then byte by byte.
func (p *splitter) skipText(buf []byte, j int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	comma := uint64(p.comma) * ones
	for ; j+8 <= len(buf); j += 8 {
		w := binary.LittleEndian.Uint64(buf[j:])
		zero := func(x uint64) uint64 { return (x - ones) &^ x & highs }
		if m := zero(w^comma) | zero(w^('\n'*ones)) | zero(w^('\r'*ones)) | zero(w^('"'*ones)); m != 0 {
			return j + bits.TrailingZeros64(m)>>3
		}
	}
	for j < len(buf) && !p.stop[buf[j]] {
		j++
	}
	return j
}
