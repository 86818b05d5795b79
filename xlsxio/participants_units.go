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
//
// A code of at most five digits (a commune's) is looked up by its value
// first, without the hash: byCode holds the first pair added with it, whose
// name is compared; another name, or another code, takes the hash.
type rowUnits struct {
	slots  []pairSlot // a power of two, at most half full
	byID   []pairSlot // the pairs by number
	byCode []int32    // 1 + the number of the first pair of a code, by codeKey; 0: none
	arena  []byte
	n      int
	seed   maphash.Seed
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

// hash is the pair's hash, never 0.
func (t *rowUnits) hash(code, name []byte) uint64 {
	return (maphash.Bytes(t.seed, code) ^ bits.RotateLeft64(maphash.Bytes(t.seed, name), 29)) | 1
}

// codeKeys is the number of codeKey's keys: 10 + 100 + … + 100000.
const codeKeys = 111110

// codeKey is the index in byCode of a code of one to five digits (the codes
// of one length after those of the shorter ones: "016" and "16" are two
// codes, as their text is), ok false for any other code.
func codeKey(code []byte) (key int, ok bool) {
	if len(code) == 0 || len(code) > 5 {
		return 0, false
	}
	for _, ch := range code {
		if ch < '0' || ch > '9' {
			return 0, false
		}
		key = key*10 + int(ch-'0')
	}
	return key + codeKeyBase[len(code)], true
}

var codeKeyBase = [6]int{0, 0, 10, 110, 1110, 11110}

// find returns the number of the pair, or -1 when it was never added. Any
// goroutines may find at once, none while one adds.
func (t *rowUnits) find(code, name []byte) int32 {
	if t.n == 0 {
		return -1
	}
	if k, ok := codeKey(code); ok && t.byCode != nil {
		ref := t.byCode[k]
		if ref == 0 {
			return -1 // a code never seen
		}
		s := &t.byID[ref-1]
		if int(s.nameLen) == len(name) && bytes.Equal(t.arena[s.off+s.codeLen:s.off+s.codeLen+s.nameLen], name) {
			return ref - 1
		}
	}
	return t.findHash(t.hash(code, name), code, name)
}

// findHash is find by the pair's hash h.
func (t *rowUnits) findHash(h uint64, code, name []byte) int32 {
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

// number is the number of the pair, added if new (0, 1, 2, … in the order
// pairs are added); -1 once the arena is full.
func (t *rowUnits) number(code, name []byte) int32 {
	if id := t.find(code, name); id >= 0 {
		return id
	}
	h := t.hash(code, name)
	if len(t.arena)+len(code)+len(name) > maxPairArena {
		return -1
	}
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	s := pairSlot{hash: h, off: uint32(len(t.arena)), codeLen: uint32(len(code)), nameLen: uint32(len(name)), ref: int32(t.n) + 1}
	t.arena = append(append(t.arena, code...), name...)
	t.put(s)
	t.byID = append(t.byID, s)
	if k, ok := codeKey(code); ok {
		if t.byCode == nil {
			t.byCode = make([]int32, codeKeys)
		}
		if t.byCode[k] == 0 {
			t.byCode[k] = s.ref
		}
	}
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
