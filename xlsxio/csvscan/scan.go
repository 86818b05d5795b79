// Package csvscan reads CSV text of any length in one streaming pass, for
// participant lists past Excel's 1,048,576 rows: one goroutine reads (and
// gunzips), one splits records and fields, Options.Workers goroutines
// prepare the batches (the caller's per-record checks) and the caller's
// callback counts, so two cores work at once and memory stays bounded (a
// few MiB of blocks, whatever the file size). A block without a quote (every
// line end ends a record) is only cut at its last line end by the splitter;
// the worker that prepares it splits its fields, on the core that then
// reads them.
//
// It is strict, as encoding/csv is not with LazyQuotes: a quote inside an
// unquoted field (unless Options.BareQuotes), text after a closing quote
// and an unclosed quote are errors naming the line. Records are handed over in batches; a field is a
// slice of the batch's buffer, valid until the callback returns. csvscan
// decodes no text and knows nothing of headers: see xlsxio's list reader.
package csvscan

import (
	"context"
	"io"
	"sync"

	"github.com/bhxh/bhxh/msg"
)

// Sentinel errors of a record (Error.Err).
var (
	ErrBareQuote     = msg.New(`a quote (") inside an unquoted field: quote the whole field and double its quotes`, `dấu nháy (") trong một trường không đặt trong nháy: hãy đặt cả trường trong nháy và nhân đôi dấu nháy bên trong`)
	ErrTextAfter     = msg.New(`text after the closing quote of a field`, `có chữ sau dấu nháy đóng của một trường`)
	ErrUnclosedQuote = msg.New(`a quoted field that starts here is never closed`, `trường bắt đầu bằng dấu nháy ở đây không bao giờ được đóng`)
	ErrLongRecord    = msg.New("a record longer than the limit (a missing closing quote?)", "một bản ghi dài quá giới hạn (thiếu dấu nháy đóng?)")
)

// Error is a malformed record: the line it starts on and what is wrong.
type Error struct {
	Line int64
	Err  error
}

func (e *Error) Error() string { return e.In(msg.EN) }

// In is the error in language l.
func (e *Error) In(l msg.Lang) string {
	return msg.Sprintf("line %d: %v", "dòng %d: %v", e.Line, e.Err).In(l)
}
func (e *Error) Unwrap() error { return e.Err }

// Options of a scan. Zero values take the defaults.
type Options struct {
	Comma byte // ',' (default), ';' or '\t'
	// BareQuotes reads a quote inside an unquoted field as a character
	// (`Số liệu "tạm tính`), as Excel does, instead of ErrBareQuote. A
	// field that starts with a quote is quoted either way.
	BareQuotes bool
	BlockSize  int // bytes read at once (default 1 MiB)
	MaxRecord  int // bytes of one record (default 1 MiB); longer is ErrLongRecord
	// Prepare, when set, gets every batch first, beside the callback:
	// per-record work that needs nothing of the callback's state is done
	// there and kept in Batch.Aux. Its error stops the scan (the batch is
	// not handed over). With one worker it gets the batches in order, on
	// one goroutine; with more, worker w (0 ≤ w < Workers) gets a batch
	// as soon as it is split, so batches are prepared at once and out of
	// order (the callback still gets them in order), and Prepare keeps
	// per-worker state.
	Prepare func(b *Batch, worker int) error
	// Workers is the goroutines that run Prepare (default 1). Splitting
	// blocks with a quote and the callback are sequential; splitting the
	// others and preparing are not, so two workers keep two cores busy.
	Workers int
}

func (o Options) withDefaults() Options {
	if o.Comma == 0 {
		o.Comma = ','
	}
	if o.BlockSize <= 0 {
		o.BlockSize = 1 << 20
	}
	if o.MaxRecord <= 0 {
		o.MaxRecord = 1 << 20
	}
	o.Workers = max(o.Workers, 1)
	return o
}

// Batch is a run of consecutive records.
type Batch struct {
	// Aux is Prepare's, for the callback; it stays with the batch's buffer
	// (batches are reused), so Prepare can reuse what it holds.
	Aux any

	buf    []byte
	fields []span
	recs   []rec
	owner  *block
}

type span struct{ lo, hi int32 }

type rec struct {
	line   int64
	f0, nf int32
	start  int32 // offset of the record in the batch's buffer
	err    error // a malformed record: no fields
}

// Len is the number of records.
func (b *Batch) Len() int { return len(b.recs) }

// Line is the line record i starts on (1-based).
func (b *Batch) Line(i int) int64 { return b.recs[i].line }

// Err is the error of a malformed record i (as an *Error), or nil.
func (b *Batch) Err(i int) error {
	if r := &b.recs[i]; r.err != nil {
		return &Error{Line: r.line, Err: r.err}
	}
	return nil
}

// Quoted reports whether field j of record i was written in quotes.
func (b *Batch) Quoted(i, j int) bool {
	r := &b.recs[i]
	if j >= int(r.nf) {
		return false
	}
	// the byte before an unquoted field is a separator, or it starts the
	// record; a quoted field's is its opening quote
	lo := b.fields[int(r.f0)+j].lo
	return lo > r.start && b.buf[lo-1] == '"'
}

// NumFields is the number of fields of record i (1 for an empty line).
func (b *Batch) NumFields(i int) int { return int(b.recs[i].nf) }

// Field is field j of record i, unquoted; nil past the last field. It is
// valid until the callback that got the batch returns.
func (b *Batch) Field(i, j int) []byte {
	r := &b.recs[i]
	if j >= int(r.nf) {
		return nil
	}
	s := b.fields[int(r.f0)+j]
	return b.buf[s.lo:s.hi:s.hi]
}

// Pick sets out[k] to field cols[k] of record i, as Field would (nil for a
// column past the last field or below 0), and returns the record's number
// of fields: the few fields a caller reads of every record, at one look at
// the record (four calls of Field were a tenth of a list's count).
func (b *Batch) Pick(i int, cols []int, out [][]byte) (nf int) {
	r := &b.recs[i]
	fs := b.fields[r.f0 : r.f0+r.nf]
	for k, c := range cols {
		out[k] = nil
		if uint(c) < uint(len(fs)) {
			s := fs[c]
			out[k] = b.buf[s.lo:s.hi:s.hi]
		}
	}
	return len(fs)
}

// block is a read buffer: reserve bytes kept free in front for the end of
// the previous block's last record, then the bytes read.
type block struct {
	data     []byte // the whole buffer
	n        int    // bytes read, after the reserve
	eof      bool
	err      error
	prep     error      // Prepare's
	prepared chan error // Prepare's result, once it ran (buffered)
	b        Batch
	// plain, when set, is a run of whole lines without a quote that the
	// splitter left to a worker (plainLines): from, to in data, starting
	// on line.
	plain    bool
	from, to int
	line     int64
}

// Scan reads r to the end and calls fn with every batch of records, in
// order, on the caller's goroutine. It stops at the first error of r (as an
// *Error naming the line reached, after the records before it), of fn or of
// ctx, or at a record over MaxRecord; malformed records are handed over
// (Batch.Err) and the scan goes on at the next line, except for an unclosed
// quote, which ends the input.
func Scan(ctx context.Context, r io.Reader, opt Options, fn func(*Batch) error) error {
	opt = opt.withDefaults()
	reserve := opt.MaxRecord
	// blocks: one being read, one being split, one per worker, one with
	// the callback, one queued (no more than before the workers: the
	// blocks are part of the memory bound)
	nblocks := max(6, 4+opt.Workers)
	pool := make(chan *block, nblocks)
	for range nblocks {
		pool <- &block{data: make([]byte, reserve+opt.BlockSize), prepared: make(chan error, 1)}
	}
	read := make(chan *block, 2)
	parsed := make(chan *block, nblocks) // in order, to the callback
	toPrepare := make(chan *block, nblocks)
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	wg.Add(2 + opt.Workers)
	go func() { // read
		defer wg.Done()
		defer close(read)
		for {
			var b *block
			select {
			case b = <-pool:
			case <-ctx.Done():
				return
			}
			b.n, b.eof, b.err = 0, false, nil
			for b.n < opt.BlockSize && b.err == nil {
				var k int
				k, b.err = r.Read(b.data[reserve+b.n:])
				b.n += k
			}
			if b.err == io.EOF {
				b.eof, b.err = true, nil
			}
			last := b.eof || b.err != nil // b is the splitter's once sent
			select {
			case read <- b:
			case <-ctx.Done():
				return
			}
			if last {
				return
			}
		}
	}()
	go func() { // split
		defer wg.Done()
		defer close(parsed)
		defer close(toPrepare)
		p := splitter{comma: opt.Comma, line: 1, max: opt.MaxRecord, bareQuotes: opt.BareQuotes}
		for b := range read {
			p.split(b, reserve)
			last := b.eof || b.err != nil
			// parsed and toPrepare hold every block: neither blocks
			parsed <- b
			if b.plain || opt.Prepare != nil && len(b.b.recs) > 0 {
				toPrepare <- b
			} else {
				b.prepared <- nil
			}
			if last {
				return
			}
		}
	}()
	for w := range opt.Workers { // prepare
		go func() {
			defer wg.Done()
			for b := range toPrepare {
				if ctx.Err() != nil {
					b.prepared <- ctx.Err()
					continue
				}
				if b.plain {
					plainLines(b, opt.Comma)
				}
				if opt.Prepare == nil || len(b.b.recs) == 0 {
					b.prepared <- nil
					continue
				}
				b.prepared <- opt.Prepare(&b.b, w)
			}
		}()
	}
	var err error
	for b := range parsed {
		b.prep = <-b.prepared // every block sent to parsed gets its result
		if err == nil {
			err = b.prep
		}
		if err == nil && len(b.b.recs) > 0 {
			err = fn(&b.b) // the records read before a read error count too
		}
		if err == nil {
			err = b.err
		}
		if err == nil && b.eof {
			break
		}
		if err != nil {
			cancel()
		}
		pool <- b
	}
	cancel()
	for b := range parsed { // let the goroutines end
		<-b.prepared
	}
	wg.Wait()
	if err == nil {
		err = parent.Err() // the caller's cancel ended the goroutines
	}
	return err
}
