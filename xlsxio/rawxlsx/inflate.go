package rawxlsx

import (
	"archive/zip"
	"io"
	"sync"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

const (
	blockSize  = 256 << 10
	headroom   = 4 << 10 // room before a block's data for the unfinished token of the previous block
	nBlocks    = 8
	maxTail    = 1 << 20 // longest token carried across blocks (a tag, a comment)
	maxTextCut = 16      // an entity split at a block's end is carried if shorter than this
)

// inflater reads a zip entry on its own goroutine into blocks of
// headroom+blockSize bytes, data at [headroom:]: nBlocks of them, and up
// to ahead more when none is free (a sheet inflated while its shared
// strings are read, before its scan starts).
type inflater struct {
	out  chan []byte
	free chan []byte
	done chan struct{}
	err  error // set before out is closed
	wg   sync.WaitGroup
}

func (p *Package) startInflate(zf *zip.File, ahead int) (*inflater, error) {
	if zf.UncompressedSize64 > uint64(p.lim.MaxPartBytes) {
		return nil, &readerr.FileError{File: p.name, Err: msg.Errorf("%s: %d bytes uncompressed %w", "%s: %d byte khi giải nén, %w", zf.Name, zf.UncompressedSize64, readerr.ErrTooBig)}
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, p.errf("%s: %v", "%s: %v", zf.Name, err)
	}
	// room for every block in either channel: the tokenizer's return of
	// a block never waits for the inflater, which may be waiting for it
	inf := &inflater{
		out:  make(chan []byte, nBlocks+ahead),
		free: make(chan []byte, nBlocks+ahead),
		done: make(chan struct{}),
	}
	for range nBlocks {
		inf.free <- make([]byte, headroom+blockSize)
	}
	compressed := int64(zf.CompressedSize64)
	limit := p.lim.MaxPartBytes
	ratio := p.lim.MaxRatio
	inf.wg.Add(1)
	go func() {
		defer inf.wg.Done()
		defer close(inf.out)
		defer rc.Close()
		var total int64
		for {
			var b []byte
			select {
			case b = <-inf.free:
			case <-inf.done:
				return
			default:
				if ahead > 0 {
					ahead--
					b = make([]byte, headroom+blockSize)
					break
				}
				select {
				case b = <-inf.free:
				case <-inf.done:
					return
				}
			}
			n, err := io.ReadFull(rc, b[headroom:])
			total += int64(n)
			if total > limit {
				inf.err = &readerr.FileError{File: p.name, Err: msg.Errorf("%s: more than %d bytes uncompressed %w", "%s: hơn %d byte khi giải nén, %w", zf.Name, limit, readerr.ErrTooBig)}
				return
			}
			if total > ratioCheckFrom && total > ratio*max(compressed, 1) {
				inf.err = &readerr.FileError{File: p.name, Err: msg.Errorf("%s: compressed more than %d:1 (a zip bomb?) %w", "%s: nén hơn %d:1 (bom zip?), %w", zf.Name, ratio, readerr.ErrTooBig)}
				return
			}
			if n > 0 {
				select {
				case inf.out <- b[:headroom+n]:
				case <-inf.done:
					return
				}
			}
			if err == io.EOF || err == io.ErrUnexpectedEOF {
				return
			}
			if err != nil {
				inf.err = p.errf("%s: %v", "%s: %v", zf.Name, err)
				return
			}
		}
	}()
	return inf, nil
}

// stop ends the goroutine (if still running) and waits for it.
func (inf *inflater) stop() {
	select {
	case <-inf.done:
	default:
		close(inf.done)
	}
	inf.wg.Wait()
}
