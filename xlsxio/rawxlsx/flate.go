package rawxlsx

import (
	"archive/zip"
	"bufio"
	"errors"
	"io"
	"sync"

	kflate "github.com/klauspost/compress/flate"
)

// The parts of every package read here are inflated by klauspost/compress's
// flate instead of compress/flate: the same DEFLATE, a third less CPU on a
// large sheet (BenchmarkInflateSheet), and a participant list's one sheet
// can only be inflated in order on one thread, so its inflate time is the
// floor of `bhxh count` on it. As archive/zip does with its own, the
// decompressors are pooled: a workbook read whole inflates many small parts.

var flatePool sync.Pool

// registerFlate makes zr inflate its Deflate parts with klauspost's flate.
func registerFlate(zr *zip.Reader) {
	zr.RegisterDecompressor(zip.Deflate, newFlateReader)
}

// flateInput is how much of a part's compressed bytes one read of the
// file takes: klauspost's flate wraps any other reader in a bufio.Reader
// of 4 KiB, one pread per 4 KiB (11,700 for a million-row list, on the
// inflating goroutine, the one the scan waits for).
const flateInput = 64 << 10

// flateState is a pooled decompressor and its input buffer.
type flateState struct {
	fr io.ReadCloser
	br *bufio.Reader
}

func newFlateReader(r io.Reader) io.ReadCloser {
	if st, ok := flatePool.Get().(*flateState); ok {
		st.br.Reset(r)
		if err := st.fr.(kflate.Resetter).Reset(st.br, nil); err == nil {
			return &pooledFlate{st: st}
		}
	}
	br := bufio.NewReaderSize(r, flateInput)
	return &pooledFlate{st: &flateState{fr: kflate.NewReader(br), br: br}}
}

// pooledFlate returns its decompressor to the pool when closed.
type pooledFlate struct {
	mu sync.Mutex
	st *flateState
}

var errFlateClosed = errors.New("read of a closed part")

func (f *pooledFlate) Read(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.st == nil {
		return 0, errFlateClosed
	}
	return f.st.fr.Read(p)
}

func (f *pooledFlate) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	var err error
	if f.st != nil {
		err = f.st.fr.Close()
		f.st.br.Reset(nil) // holds no file once pooled
		flatePool.Put(f.st)
		f.st = nil
	}
	return err
}
