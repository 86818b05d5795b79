// Package dedup finds the first sighting of every key in a stream of
// records, and every repeat, in bounded memory: how `bhxh count` counts a
// person once per scheme over lists of any length.
//
// Records are buffered in chunks; a full chunk is split by a hash of the key
// into partitions (one pass). Near the memory budget the chunks are written
// to a temporary folder, partition after partition, on a goroutine while
// the next chunks fill, and their memory is reused. At the end each
// partition (its part of every spill file and of every chunk, in the order
// records came) is sorted by key with a stable radix sort, on two cores:
// the first record of each key is its first sighting. No general-purpose map: a map of 100 M ids costs 3 GB and
// 600–900 ns an insert; a record here costs 16 bytes and a few passes.
//
// dedup never reads input files and knows nothing of persons: keys, units
// and locations are the caller's numbers.
package dedup

import (
	"os"
	"sync"

	"github.com/bhxh/bhxh/msg"
)

const (
	// KeyBits is the width of a key: a 10-digit mã số BHXH (< 2³⁴) and a
	// scheme (2 bits).
	KeyBits = 36
	// MaxUnits bounds the unit numbers a record carries.
	MaxUnits = 1 << unitBits

	unitBits = 64 - KeyBits
	keyMask  = 1<<KeyBits - 1
	partBits = 10 // 1,024 partitions: ~100,000 records each at 100 M
	parts    = 1 << partBits
	lowBits  = KeyBits - partBits // sorted within a partition

	// entrySize is the bytes of one record in memory and on disk.
	entrySize = 16
	// maxChunk is the records of a full-size chunk (4 MiB).
	maxChunk = 1 << 18
)

// scramble is a bijection of KeyBits-bit keys (multiplication by an odd
// constant modulo 2³⁶) whose top bits pick the partition: ids given in
// sequence, or sharing a province prefix, still spread evenly.
const scrambleMul = 0x9E3779B97 | 1

var unscrambleMul = inverseOdd(scrambleMul)

// inverseOdd is the inverse of an odd a modulo 2⁶⁴ (Newton's iteration:
// each step doubles the correct low bits).
func inverseOdd(a uint64) uint64 {
	x := a // correct to 3 bits
	for range 5 {
		x *= 2 - a*x
	}
	return x
}

func scramble(k uint64) uint64   { return (k * scrambleMul) & keyMask }
func unscramble(s uint64) uint64 { return (s * unscrambleMul) & keyMask }

// Record is one sighting of a key.
type Record struct {
	Key  uint64 // below 1<<KeyBits
	Unit uint32 // below MaxUnits
	Loc  uint64 // where it was seen (the caller's numbering)
}

// entry is a record as stored: w0 = scrambled key << unitBits | unit,
// w1 = loc.
type entry struct{ w0, w1 uint64 }

func (e entry) skey() uint64 { return e.w0 >> unitBits }

func (e entry) record() Record {
	return Record{Key: unscramble(e.skey()), Unit: uint32(e.w0 & (MaxUnits - 1)), Loc: e.w1}
}

// chunk is a full buffer of records, grouped by partition: partition p is
// e[off[p]:off[p+1]], in the order the records came.
type chunk struct {
	e   []entry
	off [parts + 1]int32
}

// Set collects records. Add is called from one goroutine; Abort may be
// called from any.
type Set struct {
	budget    int64  // bytes of chunk buffers
	parent    string // where the temporary folder goes ("" = os.TempDir())
	chunkCap  int
	allocated int // chunk buffers allocated

	cur     []entry  // the chunk being filled
	scratch []entry  // target of the next partitioning pass
	chunks  []*chunk // full chunks in memory, in order
	free    [][]entry
	runs    []*run    // spill files, in order
	pending *spillJob // the spill being written behind, if any
	wbuf    []byte    // the spills' write buffer (one spill at a time)
	created int       // spill files created (merged ones included)
	merged  int       // merges of the spill files into one
	n       int64

	mu      sync.Mutex
	dir     string // the temporary folder, once created
	aborted bool
}

// New returns an empty set that keeps at most budget bytes of records in
// memory (a floor of a few KiB applies) and spills past it into a
// temporary folder created under parent ("" = the system's).
func New(budget int64, parent string) *Set {
	c := int(min(max(budget/entrySize/4, 64), maxChunk))
	return &Set{budget: budget, parent: parent, chunkCap: c}
}

// Len is the number of records added.
func (s *Set) Len() int64 { return s.n }

// Spills is the number of times records were written to disk so far
// (merges of spill files excluded).
func (s *Set) Spills() int { return s.created - s.merged }

// ErrTooManyUnits is returned by Add for a unit number of MaxUnits or more.
var ErrTooManyUnits = msg.Errorf("more than %d units", "hơn %d đơn vị", MaxUnits)

// ErrAborted is returned once Abort has removed the temporary folder.
var ErrAborted = msg.New("aborted", "đã hủy")

// Add records a sighting. It returns an error only when spilling fails (or
// after Abort).
func (s *Set) Add(key uint64, unit uint32, loc uint64) error {
	if len(s.cur) == cap(s.cur) {
		if err := s.flush(); err != nil {
			return err
		}
	}
	if unit >= MaxUnits {
		return ErrTooManyUnits
	}
	s.cur = append(s.cur, entry{scramble(key&keyMask)<<unitBits | uint64(unit), loc})
	s.n++
	return nil
}

// flush partitions the current chunk (if any) and finds a buffer for the
// next one. Near the budget (an eighth of it left) the full chunks are
// written to a spill file behind, on a goroutine, while the next chunks
// fill the rest; at the budget, flush waits for that spill to free its
// buffers. (Spilling inline stopped the whole scan while 1 GiB was written.)
func (s *Set) flush() error {
	s.seal()
	if s.cur != nil {
		return nil
	}
	chunkBytes := int64(s.chunkCap) * entrySize
	room := s.budget/chunkBytes - 2 // full chunks besides the current and scratch
	if n := int64(len(s.chunks)); n > 0 && n >= room-room/8 && (s.pending == nil || s.pending.finished()) {
		if err := s.spill(); err != nil {
			return err
		}
	}
	if len(s.free) == 0 && int64(s.allocated+1)*chunkBytes > s.budget {
		if s.pending == nil && len(s.chunks) > 0 {
			if err := s.spill(); err != nil {
				return err
			}
		}
		if err := s.wait(); err != nil {
			return err
		}
	}
	s.cur = s.newBuffer()
	return nil
}

// seal partitions the current chunk, if any, into the chunks in memory.
func (s *Set) seal() {
	if len(s.cur) == 0 {
		return
	}
	if s.scratch == nil {
		s.scratch = s.newBuffer()
	}
	c := &chunk{e: s.scratch[:len(s.cur)]}
	partition(s.cur, c)
	s.chunks = append(s.chunks, c)
	s.scratch, s.cur = s.cur[:0], nil
}

func (s *Set) newBuffer() []entry {
	if n := len(s.free); n > 0 {
		b := s.free[n-1]
		s.free = s.free[:n-1]
		return b[:0]
	}
	s.allocated++
	return make([]entry, 0, s.chunkCap)
}

// partition copies src into c.e grouped by partition (a counting sort on
// the top partBits of the scrambled key, stable).
func partition(src []entry, c *chunk) {
	var count [parts]int32
	for _, e := range src {
		count[e.skey()>>lowBits]++
	}
	var at int32
	for p, n := range count {
		c.off[p] = at
		count[p] = at
		at += n
	}
	c.off[parts] = at
	for _, e := range src {
		p := e.skey() >> lowBits
		c.e[count[p]] = e
		count[p]++
	}
}

// Abort removes the temporary folder and makes every later spill fail. It
// is safe to call from another goroutine (a signal handler) while Add or
// Scan runs, and more than once.
func (s *Set) Abort() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.aborted = true
	s.removeDir()
}

// Close removes the temporary folder and its files.
func (s *Set) Close() error {
	s.wait()
	for _, r := range s.runs {
		r.f.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.removeDir()
}

func (s *Set) removeDir() error {
	if s.dir == "" {
		return nil
	}
	err := os.RemoveAll(s.dir)
	s.dir = ""
	return err
}

// Scan calls first for the first sighting of every key and repeat for
// every later one (with that first sighting), partition after partition on
// workers goroutines at once: each call gets its worker number (0 ≤ worker
// < workers), so a caller keeps per-worker results. The records of one key
// are visited one after the other in the order they were added, by one
// worker; the order of keys is unspecified. Scan ends the set: no Add
// after it.
func (s *Set) Scan(workers int, first func(worker int, r Record), repeat func(worker int, r, first Record)) error {
	s.seal() // not spilled: read from memory
	if err := s.wait(); err != nil {
		return err
	}
	s.cur, s.scratch, s.free = nil, nil, nil
	workers = max(workers, 1)
	var (
		next    = make(chan int, parts)
		errOnce sync.Once
		firstE  error
		wg      sync.WaitGroup
	)
	for p := range parts {
		next <- p
	}
	close(next)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf, tmp []entry
			rbuf := make([]byte, 64<<10)
			for p := range next {
				var err error
				buf, err = s.gather(p, buf[:0], rbuf)
				if err != nil {
					errOnce.Do(func() { firstE = err })
					return
				}
				if cap(tmp) < len(buf) {
					tmp = make([]entry, len(buf))
				}
				sorted := sortLow(buf, tmp[:len(buf)])
				visitGroups(sorted, w, first, repeat)
			}
		}()
	}
	wg.Wait()
	return firstE
}

// gather appends partition p of every spill file and every chunk, in the
// order the records came (reading the files through rbuf).
func (s *Set) gather(p int, buf []entry, rbuf []byte) ([]entry, error) {
	for _, r := range s.runs {
		var err error
		if buf, err = r.read(p, buf, rbuf); err != nil {
			return nil, err
		}
	}
	for _, c := range s.chunks {
		buf = append(buf, c.e[c.off[p]:c.off[p+1]]...)
	}
	return buf, nil
}

// sortLow sorts a partition by the low lowBits of the scrambled key, stably
// (two counting passes of 13 bits), and returns the sorted slice (a or b).
func sortLow(a, b []entry) []entry {
	const digit = (lowBits + 1) / 2
	const buckets = 1 << digit
	if len(a) < 2 {
		return a
	}
	var c0, c1 [buckets]int32
	for _, e := range a {
		k := e.skey()
		c0[k&(buckets-1)]++
		c1[(k>>digit)&(buckets-1)]++
	}
	prefix := func(c *[buckets]int32) {
		var at int32
		for i, n := range c {
			c[i] = at
			at += n
		}
	}
	prefix(&c0)
	prefix(&c1)
	for _, e := range a {
		d := e.skey() & (buckets - 1)
		b[c0[d]] = e
		c0[d]++
	}
	for _, e := range b {
		d := (e.skey() >> digit) & (buckets - 1)
		a[c1[d]] = e
		c1[d]++
	}
	return a
}

// visitGroups calls first and repeat over a sorted partition.
func visitGroups(es []entry, worker int, first func(int, Record), repeat func(int, Record, Record)) {
	for i := 0; i < len(es); {
		f := es[i].record()
		first(worker, f)
		k := es[i].skey()
		j := i + 1
		for ; j < len(es) && es[j].skey() == k; j++ {
			repeat(worker, es[j].record(), f)
		}
		i = j
	}
}
