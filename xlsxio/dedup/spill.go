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

// spill starts writing every chunk in memory to a new run file, on a
// goroutine: their buffers are freed for reuse once it is done (wait). One
// spill is written at a time, so the runs are in order.
func (s *Set) spill() error {
	if err := s.wait(); err != nil {
		return err
	}
	if len(s.runs) >= maxRuns {
		if err := s.compact(); err != nil {
			return err
		}
	}
	f, err := s.createRun()
	if err != nil {
		return err
	}
	r := &run{f: f}
	s.runs = append(s.runs, r)
	if s.wbuf == nil {
		s.wbuf = make([]byte, 0, 1<<20)
	}
	j := &spillJob{chunks: s.chunks, done: make(chan struct{})}
	s.chunks, s.pending = nil, j
	go func() {
		defer close(j.done)
		j.err = r.write(j.chunks, s.wbuf)
	}()
	return nil
}

// spillJob is a spill being written: its chunks, and once done is closed,
// the error.
type spillJob struct {
	chunks []*chunk
	done   chan struct{}
	err    error
}

func (j *spillJob) finished() bool {
	select {
	case <-j.done:
		return true
	default:
		return false
	}
}

// wait waits for the spill being written, if any, and frees its buffers.
func (s *Set) wait() error {
	j := s.pending
	if j == nil {
		return nil
	}
	<-j.done
	s.pending = nil
	for _, c := range j.chunks {
		s.free = append(s.free, c.e[:0])
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.aborted {
		return ErrAborted
	}
	return j.err
}

// write writes chunks to the run, partition after partition, through b (a
// buffer of 1 MiB).
func (r *run) write(chunks []*chunk, b []byte) error {
	b = b[:0]
	var n int64
	for p := range parts {
		r.off[p] = n
		for _, c := range chunks {
			for _, e := range c.e[c.off[p]:c.off[p+1]] {
				if len(b)+entrySize > cap(b) {
					if _, err := r.f.Write(b); err != nil {
						return msg.Errorf("writing %s: %w", "ghi tệp %s: %w", r.f.Name(), err)
					}
					b = b[:0]
				}
				b = binary.LittleEndian.AppendUint64(b, e.w0)
				b = binary.LittleEndian.AppendUint64(b, e.w1)
			}
			n += int64(c.off[p+1] - c.off[p])
		}
	}
	r.off[parts] = n
	if _, err := r.f.Write(b); err != nil {
		return msg.Errorf("writing %s: %w", "ghi tệp %s: %w", r.f.Name(), err)
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
