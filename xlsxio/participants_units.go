package xlsxio

import (
	"bytes"
	"hash/maphash"
	"math/bits"
)

// rowUnits finds the unit of a row from its (code, name) cells. A list of
// millions of rows repeats a few thousand pairs: a pair seen before costs
// one hash and one comparison here, with no name check (done once, when the
// pair was new) and no string conversions. Open addressing; the pairs'
// bytes live in one arena.
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
	unit             *unitAcc // nil: an empty slot
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

// find returns the unit of the pair (h its hash), or nil when it was never
// added.
func (t *rowUnits) find(h uint64, code, name []byte) *unitAcc {
	if t.n == 0 {
		return nil
	}
	mask := uint64(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.unit == nil {
			return nil
		}
		if s.hash == h && int(s.codeLen) == len(code) && int(s.nameLen) == len(name) {
			k := t.arena[s.off : s.off+s.codeLen+s.nameLen]
			if bytes.Equal(k[:s.codeLen], code) && bytes.Equal(k[s.codeLen:], name) {
				return s.unit
			}
		}
	}
}

// add remembers the unit of a pair (h its hash) not in the table.
func (t *rowUnits) add(h uint64, code, name []byte, u *unitAcc) {
	if len(t.arena)+len(code)+len(name) > maxPairArena {
		return
	}
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	s := pairSlot{hash: h, off: uint32(len(t.arena)), codeLen: uint32(len(code)), nameLen: uint32(len(name)), unit: u}
	t.arena = append(append(t.arena, code...), name...)
	t.put(s)
	t.n++
}

func (t *rowUnits) put(s pairSlot) {
	mask := uint64(len(t.slots) - 1)
	i := s.hash & mask
	for t.slots[i].unit != nil {
		i = (i + 1) & mask
	}
	t.slots[i] = s
}

func (t *rowUnits) grow() {
	old := t.slots
	t.slots = make([]pairSlot, max(64, 2*len(old)))
	for _, s := range old {
		if s.unit != nil {
			t.put(s)
		}
	}
}
