package xlsxio

import (
	"bytes"
	"hash/maphash"
	"math/bits"
)

// rowUnits numbers the (code, name) cells of rows, for finding a row's
// unit (ParticipantCounter.pairUnit). A list of millions of rows repeats a
// few thousand pairs: a pair seen before costs one hash and one comparison
// here, with no name check (done once, when the pair was new) and no string
// conversions. Open addressing; the pairs' bytes live in one arena.
type rowUnits struct {
	slots []pairSlot // a power of two, at most half full
	arena []byte
	n     int
	seed  maphash.Seed
}

type pairSlot struct {
	hash             uint64
	off              uint32
	codeLen, nameLen uint32
	ref              int32 // 1 + the pair's number; 0: an empty slot
}

// maxPairArena bounds the pairs' bytes; past it pairs are not remembered
// (every row then takes the slow path, correct but slower).
const maxPairArena = 1 << 30

func newRowUnits() rowUnits { return rowUnits{seed: maphash.MakeSeed()} }

// hash is the pair's hash, never 0. It only reads the seed: any goroutine
// may call it.
func (t *rowUnits) hash(code, name []byte) uint64 {
	return (maphash.Bytes(t.seed, code) ^ bits.RotateLeft64(maphash.Bytes(t.seed, name), 29)) | 1
}

// find returns the number of the pair (h its hash), or -1 when it was
// never added. Any goroutines may find at once, none while one adds.
func (t *rowUnits) find(h uint64, code, name []byte) int32 {
	if t.n == 0 {
		return -1
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.ref == 0 {
			return -1
		}
		if s.hash == h && int(s.codeLen) == len(code) && int(s.nameLen) == len(name) {
			k := t.arena[s.off : s.off+s.codeLen+s.nameLen]
			if bytes.Equal(k[:s.codeLen], code) && bytes.Equal(k[s.codeLen:], name) {
				return s.ref - 1
			}
		}
	}
}

// number is the number of the pair (h its hash), added if new (0, 1, 2, …
// in the order pairs are added); -1 once the arena is full.
func (t *rowUnits) number(h uint64, code, name []byte) int32 {
	if id := t.find(h, code, name); id >= 0 {
		return id
	}
	if len(t.arena)+len(code)+len(name) > maxPairArena {
		return -1
	}
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	s := pairSlot{hash: h, off: uint32(len(t.arena)), codeLen: uint32(len(code)), nameLen: uint32(len(name)), ref: int32(t.n) + 1}
	t.arena = append(append(t.arena, code...), name...)
	t.put(s)
	t.n++
	return s.ref - 1
}

func (t *rowUnits) put(s pairSlot) {
	mask := uint64(len(t.slots) - 1)
	i := s.hash & mask
	for t.slots[i].ref != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}

func (t *rowUnits) grow() {
	old := t.slots
	t.slots = make([]pairSlot, max(64, 2*len(old)))
	for _, s := range old {
		if s.ref != 0 {
			t.put(s)
		}
	}
}
