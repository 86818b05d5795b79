package dedup

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/bhxh/bhxh/msg"
)

// run is a spill file: the chunks that were in memory, partition after
// partition; partition p holds the records off[p] to off[p+1]. Records are
// 16 bytes, little-endian: the stored key and unit, then the location.
type run struct {
	f   *os.File
	off [parts + 1]int64
}

// spill writes every chunk in memory to a new run file and frees their
// buffers for reuse.
func (s *Set) spill() error {
	f, err := s.createRun()
	if err != nil {
		return err
	}
	r := &run{f: f}
	s.runs = append(s.runs, r)
	w := bufio.NewWriterSize(f, 1<<20)
	var b [entrySize]byte
	var n int64
	for p := range parts {
		r.off[p] = n
		for _, c := range s.chunks {
			for _, e := range c.e[c.off[p]:c.off[p+1]] {
				binary.LittleEndian.PutUint64(b[:8], e.w0)
				binary.LittleEndian.PutUint64(b[8:], e.w1)
				w.Write(b[:])
			}
			n += int64(c.off[p+1] - c.off[p])
		}
	}
	r.off[parts] = n
	if err := w.Flush(); err != nil {
		return msg.Errorf("writing %s: %w", "ghi tệp %s: %w", f.Name(), err)
	}
	for _, c := range s.chunks {
		s.free = append(s.free, c.e[:0])
	}
	s.chunks = s.chunks[:0]
	if len(s.runs) >= maxRuns {
		return s.compact()
	}
	return nil
}

// maxRuns bounds the spill files (and so the files open at once): past it
// they are merged into one. With the default budget a 100 M-row list spills
// once or twice; a budget of a few KiB spills thousands of times.
const maxRuns = 16

// compact merges every run into one, partition after partition (the order
// of the records within a partition is kept: runs in order).
func (s *Set) compact() error {
	f, err := s.createRun()
	if err != nil {
		return err
	}
	r := &run{f: f}
	w := bufio.NewWriterSize(f, 1<<20)
	var n int64
	for p := range parts {
		r.off[p] = n
		for _, old := range s.runs {
			lo, hi := old.off[p], old.off[p+1]
			if _, err := io.Copy(w, io.NewSectionReader(old.f, lo*entrySize, (hi-lo)*entrySize)); err != nil {
				return msg.Errorf("merging sorted runs: %w", "trộn các tệp tạm đã sắp xếp: %w", err)
			}
			n += hi - lo
		}
	}
	r.off[parts] = n
	if err := w.Flush(); err != nil {
		return msg.Errorf("writing %s: %w", "ghi tệp %s: %w", f.Name(), err)
	}
	for _, old := range s.runs {
		old.f.Close()
		os.Remove(old.f.Name())
	}
	s.runs = append(s.runs[:0], r)
	s.merged++
	return nil
}

// createRun creates the next run file, and the temporary folder first.
func (s *Set) createRun() (*os.File, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.aborted {
		return nil, ErrAborted
	}
	if s.dir == "" {
		d, err := os.MkdirTemp(s.parent, "bhxh-count-")
		if err != nil {
			return nil, msg.Errorf("temporary folder for sorted runs: %w", "thư mục tạm để sắp xếp dữ liệu: %w", err)
		}
		s.dir = d
	}
	s.created++
	f, err := os.Create(filepath.Join(s.dir, fmt.Sprintf("run-%04d", s.created)))
	if err != nil {
		return nil, msg.Errorf("temporary file for sorted runs: %w", "tệp tạm để sắp xếp dữ liệu: %w", err)
	}
	return f, nil
}

// read appends partition p of the run to buf, reading through b (64 KiB,
// the caller's: a new one per partition was 64 MiB of garbage in a heap
// the size of the memory budget, which the GC lets double).
func (r *run) read(p int, buf []entry, b []byte) ([]entry, error) {
	lo, hi := r.off[p], r.off[p+1]
	if lo == hi {
		return buf, nil
	}
	sr := io.NewSectionReader(r.f, lo*entrySize, (hi-lo)*entrySize)
	for left := (hi - lo) * entrySize; left > 0; {
		k := min(left, int64(len(b)))
		if _, err := io.ReadFull(sr, b[:k]); err != nil {
			return nil, msg.Errorf("reading %s: %w", "đọc tệp %s: %w", r.f.Name(), err)
		}
		for i := int64(0); i < k; i += entrySize {
			buf = append(buf, entry{binary.LittleEndian.Uint64(b[i:]), binary.LittleEndian.Uint64(b[i+8:])})
		}
		left -= k
	}
	return buf, nil
}
