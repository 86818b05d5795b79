package xlsxio

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"

	"github.com/klauspost/compress/gzip"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/xlsxio/csvscan"
	"github.com/bhxh/bhxh/xlsxio/grid"
)

// addCSV counts a CSV list: UTF-8 with or without a BOM, gzipped or not
// (gunzipped with klauspost/compress, as xlsx's deflate is: faster than
// compress/gzip on the reading goroutine, which a .csv.gz list keeps busy),
// separated by the comma, semicolon or tab that makes a header row of its
// first records. It streams (csvscan: read ‖ split ‖ count), so a list of
// any length takes a few MiB besides the duplicate check. Errors name the
// file and line.
func (pc *ParticipantCounter) addCSV(ctx context.Context, path string, lr *listRows) (CountInput, error) {
	f, err := os.Open(path)
	if err != nil {
		return CountInput{}, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 64<<10)
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return CountInput{}, &FileError{File: lr.name, Err: msg.Errorf("%w: damaged gzip data: %v", "%w: dữ liệu gzip bị hỏng: %v", ErrNotWorkbook, err)}
		}
		br = bufio.NewReaderSize(zr, 64<<10)
	}
	head, _ := br.Peek(64 << 10) // fewer at the end of a short file
	switch {
	case bytes.HasPrefix(head, []byte("\xEF\xBB\xBF")):
		br.Discard(3)
		head = head[3:]
	case bytes.HasPrefix(head, []byte("\xFF\xFE")), bytes.HasPrefix(head, []byte("\xFE\xFF")), grid.LooksUTF16(head, 0), grid.LooksUTF16(head, 1):
		return CountInput{}, &FileError{File: lr.name, Err: msg.Errorf("%w: UTF-16 text: save the list as CSV UTF-8", "%w: văn bản UTF-16: hãy lưu danh sách dạng CSV UTF-8", ErrNotWorkbook)}
	}
	pc.files[lr.file].csv = true
	lr.where = func(_ uint8, line int64) (string, string, int64) { return "", "", line }
	// The header is found first, in the first records of head, so that the
	// batches after it are checked on two goroutines at once (prepare, each
	// with its own kindCache); the caller's records them (its units, the
	// duplicate check). A header past head is searched for in order, on one.
	var (
		hdr     listHeader
		hdrLine int64
		records int
		col     [5]int // column of each role, -1 when the list has none
		pick    [4]int // the columns of the person, code, name and kind
		kinds   [csvWorkers]kindCache
	)
	prepare := func(b *csvscan.Batch, w int) error {
		rows, _ := b.Aux.([]csvRow)
		if cap(rows) < b.Len() {
			rows = make([]csvRow, 0, b.Len()+b.Len()/8)
		}
		rows = rows[:b.Len()]
		var f [4][]byte
		for i := range rows {
			r := &rows[i] // filled in place (120 bytes), each field set
			r.line = b.Line(i)
			nf := b.NumFields(i)
			if hdr.done && r.line > hdrLine && nf == hdr.width && b.Err(i) == nil {
				// a data row (nearly every one): the default case below
				b.Pick(i, pick[:], f[:])
				checkCells(&r.c, &kinds[w], lr.fixed, hdr.haveKind, f[0], f[1], f[2], f[3])
				continue
			}
			r.c = cells{}
			switch e := b.Err(i); {
			case e != nil:
				r.c.err = errors.Unwrap(e)
			case !hdr.done:
				if records++; records > headerSearchRows {
					return errNoListHeader
				}
				hdr.reset()
				for j := range nf {
					hdr.see(j, b.Field(i, j))
				}
				if hdr.finish(lr.fixed); hdr.done {
					hdrLine, hdr.width = r.line, nf
					for role := range col {
						col[role] = -1
						if hdr.found[role] && (role != int(partKind) || hdr.haveKind) {
							col[role] = hdr.cols[role]
						}
					}
					pick = [4]int{col[partID], col[partCode], col[partName], col[partKind]}
				}
				r.c.blank = true
			case r.line <= hdrLine: // the header and what is above it
				r.c.blank = true
			case nf != hdr.width:
				if nf == 1 && len(b.Field(i, 0)) == 0 {
					r.c.blank = true // a blank line
					break
				}
				r.c.err = msg.Errorf("%w: %d fields, the header (line %d) has %d", "%w: %d trường, dòng tiêu đề (dòng %d) có %d", ErrMalformedRow, nf, hdrLine, hdr.width)
			default:
				b.Pick(i, pick[:], f[:])
				checkCells(&r.c, &kinds[w], lr.fixed, hdr.haveKind, f[0], f[1], f[2], f[3])
			}
		}
		pc.numberPairs(rows)
		b.Aux = rows
		return nil
	}
	comma := listSeparator(head, lr.fixed)
	workers := 1
	if findCSVHeader(head, comma, prepare, func() bool { return hdr.done }) {
		workers = csvWorkers
	} else { // past head, or none: the scan tells
		hdr, records = listHeader{}, 0
	}
	err = csvscan.Scan(ctx, br, csvscan.Options{Comma: comma, Prepare: prepare, Workers: workers}, func(b *csvscan.Batch) error {
		rows := b.Aux.([]csvRow)
		for i := range rows {
			if err := lr.record(rows[i].line, &rows[i].c); err != nil {
				return err
			}
		}
		return nil
	})
	lr.hasCode = hdr.found[partCode]
	var readErr *csvscan.Error
	switch {
	case errors.Is(err, errNoListHeader), err == nil && !hdr.done && len(lr.errs) == 0:
		return CountInput{}, &FileError{File: lr.name, Err: &ListHeaderError{Rows: headerSearchRows}}
	case errors.Is(err, errStopList), err == nil:
	case errors.As(err, &readErr): // a long record, or the text stops (a truncated gzip)
		lr.errs = append(lr.errs, &CellError{File: lr.name, Line: readErr.Line, Err: readError(readErr.Err)})
	default:
		return CountInput{}, err
	}
	if len(lr.errs) > 0 {
		return CountInput{}, lr.errs
	}
	return CountInput{File: lr.name, Rows: lr.rows}, nil
}

// csvWorkers is the goroutines that check a CSV list's records once its
// header is known: with the splitting and the counting, two cores' worth.
const csvWorkers = 2

// findCSVHeader runs prepare (worker 0) over the complete records of head,
// the start of the text, until done (the header is found); it reports
// whether it is. The records up to the header are the scan's own: a
// record that ends before head's last line end is read the same whatever
// follows.
func findCSVHeader(head []byte, comma byte, prepare func(*csvscan.Batch, int) error, done func() bool) bool {
	k := bytes.LastIndexByte(head, '\n')
	if k < 0 {
		return false
	}
	csvscan.Scan(context.Background(), bytes.NewReader(head[:k+1]), headScan(head[:k+1], comma), func(b *csvscan.Batch) error {
		if err := prepare(b, 0); err != nil || done() {
			return errStopList // stop here (any error will do)
		}
		return nil
	})
	return done()
}

// numberPairs sets the pair number of the rows to count, so that the
// goroutine that counts them finds a row's unit by its number: the pairs
// seen before (all but a few thousand of millions of rows) under the read
// lock, with the other workers; the new ones under the lock.
func (pc *ParticipantCounter) numberPairs(rows []csvRow) {
	counted := func(c *cells) bool { return c.err == nil && !c.blank }
	missed := false
	pc.pairMu.RLock()
	for i := range rows {
		if c := &rows[i].c; counted(c) {
			c.pair = pc.pairs.find(c.code, c.name) + 1
			missed = missed || c.pair == 0
		}
	}
	pc.pairMu.RUnlock()
	if !missed {
		return
	}
	pc.pairMu.Lock()
	for i := range rows {
		if c := &rows[i].c; counted(c) && c.pair == 0 {
			if c.pair = pc.pairs.number(c.code, c.name) + 1; c.pair == 0 {
				c.pair = -1 // not remembered: found the slow way
			}
		}
	}
	pc.pairMu.Unlock()
}

// headScan are the options of a scan of head, the start of the text: blocks
// of its size, not the 2 MiB of a whole list's (four scans of a list's
// head were 48 MiB of garbage, memory a 100 M-row count has not to spare).
// head is read in one block, so no record is carried, nor too long.
func headScan(head []byte, comma byte) csvscan.Options {
	return csvscan.Options{Comma: comma, BlockSize: len(head) + 1, MaxRecord: len(head) + 1}
}

// csvRow is a record of a CSV list as the splitting goroutine leaves it.
type csvRow struct {
	line int64
	c    cells
}

// readError says what a read error means for a list.
func readError(err error) error {
	switch {
	case errors.Is(err, csvscan.ErrLongRecord):
		return err
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader):
		return msg.Errorf("the text stops here: %w (a truncated or damaged file)", "văn bản dừng ở đây: %w (tệp bị cắt cụt hoặc hỏng)", err)
	}
	return msg.Errorf("reading stopped here: %w", "dừng đọc ở đây: %w", err)
}

// listSeparator is the comma, semicolon or tab with which a header row is
// found among the first records of head (the start of the text) and the
// records after it have as many fields as it ("Mã số BHXH;Xã, phường" has
// a header either way); failing that, the one the first line uses most.
func listSeparator(head []byte, fixed uint8) byte {
	if k := bytes.LastIndexByte(head, '\n'); k >= 0 {
		head = head[:k+1]
	}
	best, bestOff := byte(0), -1
	for _, sep := range []byte{',', ';', '\t'} {
		var hdr listHeader
		n, off := 0, 0 // records read; records after the header of another width
		csvscan.Scan(context.Background(), bytes.NewReader(head), headScan(head, sep), func(b *csvscan.Batch) error {
			for i := range b.Len() {
				nf := b.NumFields(i)
				if hdr.done {
					if nf != hdr.width && !(nf == 1 && len(b.Field(i, 0)) == 0) {
						off++
					}
					continue
				}
				if n++; n > headerSearchRows {
					return errNoListHeader
				}
				hdr.reset()
				for j := range nf {
					hdr.see(j, b.Field(i, j))
				}
				if hdr.finish(fixed); hdr.done {
					hdr.width = nf
				}
			}
			return nil
		})
		if hdr.done && (bestOff < 0 || off < bestOff) {
			best, bestOff = sep, off
		}
	}
	if bestOff >= 0 {
		return best
	}
	return byte(grid.Separator(head))
}
