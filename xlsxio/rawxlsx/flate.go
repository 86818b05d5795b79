package rawxlsx

import (
	"archive/zip"
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

func newFlateReader(r io.Reader) io.ReadCloser {
	if fr, ok := flatePool.Get().(io.ReadCloser); ok {
		if err := fr.(kflate.Resetter).Reset(r, nil); err == nil {
			return &pooledFlate{fr: fr}
		}
	}
	return &pooledFlate{fr: kflate.NewReader(r)}
}

// pooledFlate returns its decompressor to the pool when closed.
type pooledFlate struct {
	mu sync.Mutex
	fr io.ReadCloser
}

var errFlateClosed = errors.New("read of a closed part")

func (f *pooledFlate) Read(p []byte) (int, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fr == nil {
		return 0, errFlateClosed
	}
	return f.fr.Read(p)
}

func (f *pooledFlate) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	var err error
	if f.fr != nil {
		err = f.fr.Close()
		flatePool.Put(f.fr)
		f.fr = nil
	}
	return err
}
