package xlsxio

import (
	"cmp"
	"container/heap"
	"runtime"
	"slices"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/xlsxio/dedup"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// Finish settles the duplicate check: the first sighting of a person for a
// scheme counts for its unit, every later one is a duplicate_person
// warning. The first maxListedDuplicates repeated rows, in list order, are
// listed one by one, a row's schemes in one warning (with the row that was
// counted), then one warning says how many more repeats there are.
// The issues come in list order, as if the lists had been checked row by
// row. Call it once, after the last AddFile.
func (pc *ParticipantCounter) Finish() error {
	workers := max(1, min(runtime.GOMAXPROCS(0), 4))
	counts := make([][]int64, workers) // unit*4 + scheme
	dups := make([]dupHeap, workers)
	ndup := make([]int64, workers)
	seen := make([][4]bool, workers)
	for w := range workers {
		counts[w] = make([]int64, 4*len(pc.units))
	}
	err := pc.set.Scan(workers,
		func(w int, r dedup.Record) {
			counts[w][4*int(r.Unit)+int(r.Key&3)]++
			seen[w][r.Key&3] = true
		},
		func(w int, r, first dedup.Record) {
			ndup[w]++
			dups[w].offer(dupSighting{at: r.Loc, key: r.Key, first: first.Loc})
		})
	if err != nil {
		return msg.Errorf("checking duplicates: %w", "kiểm tra trùng lặp: %w", err)
	}
	var total int64
	var listed []dupSighting
	for w := range workers {
		for i, u := range pc.units {
			for s := range 4 {
				u.counts[s] += counts[w][4*i+s]
			}
		}
		for s := range 4 {
			pc.seen[s] = pc.seen[s] || seen[w][s]
		}
		total += ndup[w]
		listed = append(listed, dups[w]...)
	}
	if err := pc.resolveUnits(); err != nil {
		return err
	}
	slices.SortFunc(listed, dupSighting.cmp)

	// conflicts and duplicates, merged in list order (a row's name
	// conflict came before its duplicates)
	issues := make([]Issue, 0, len(pc.conflicts)+len(listed)+1)
	c := pc.conflicts
	shown := 0 // repeats (person and scheme) in the warnings listed
	for i, rows := 0, 0; i < len(listed) && rows < maxListedDuplicates; rows++ {
		// one warning per repeated row: its schemes together
		j := i + 1
		for j < len(listed) && listed[j].at == listed[i].at && listed[j].key>>2 == listed[i].key>>2 {
			j++
		}
		for len(c) > 0 && c[0].loc <= listed[i].at {
			issues = append(issues, c[0].Issue)
			c = c[1:]
		}
		issues = append(issues, pc.dupIssue(listed[i:j]))
		shown += j - i
		i = j
	}
	for _, ci := range c {
		issues = append(issues, ci.Issue)
	}
	if n := total - int64(shown); n > 0 {
		issues = append(issues, Issue{Level: "warning", Code: "duplicate_person",
			Message: msg.Sprintf("%d more duplicates not listed (each person counted once per scheme)", "còn %d lần trùng nữa không liệt kê (mỗi người chỉ đếm một lần cho mỗi loại hình)", n)})
	}
	pc.Issues = append(pc.Issues, issues...)
	pc.conflicts = nil
	return nil
}

// dupIssue is the duplicate_person warning of one repeated row: the
// repeats ds of one person in one row, one per scheme, in scheme order. A
// person in a row for BHXH bắt buộc, BHTN and BHYT is one warning, not
// three: "already counted for bhxh_mandatory, bhtn, bhyt at a.xlsx row 6".
func (pc *ParticipantCounter) dupIssue(ds []dupSighting) Issue {
	d := ds[0]
	f := pc.files[locFile(d.at)]
	is := Issue{Level: "warning", Code: "duplicate_person", File: f.name, Sheet: f.sheet}
	if f.csv {
		is.Line = locRow(d.at)
	} else {
		is.Cell = rawxlsx.CellName(f.idCol, int(locRow(d.at)))
	}
	// where each scheme was counted, in order of first appearance
	var firsts []uint64
	schemes := map[uint64][]string{}
	for _, d := range ds {
		if _, ok := schemes[d.first]; !ok {
			firsts = append(firsts, d.first)
		}
		schemes[d.first] = append(schemes[d.first], ParticipantSchemes[d.key&3])
	}
	parts := make([]msg.Text, len(firsts))
	for i, at := range firsts {
		first := pc.files[locFile(at)]
		where := msg.Sprintf("row", "dòng")
		if first.csv {
			where = msg.Sprintf("line", "dòng")
		}
		parts[i] = msg.Sprintf("for %s at %s %s %d", "cho %s tại %s %s %d", strings.Join(schemes[at], ", "), first.name, where, locRow(at))
	}
	is.Message = msg.Sprintf("mã số BHXH %010d already counted %s; counted once", "mã số BHXH %010d đã được đếm %s; chỉ đếm một lần",
		d.key>>2, msg.Join(parts, "; "))
	return is
}

// dupSighting is a repeat: where, its key (person<<2 | scheme) and where
// the person was counted.
type dupSighting struct {
	at, key, first uint64
}

// cmp orders repeats as the rows came: by location, then scheme.
func (a dupSighting) cmp(b dupSighting) int {
	if c := cmp.Compare(a.at, b.at); c != 0 {
		return c
	}
	return cmp.Compare(a.key&3, b.key&3)
}

// maxKeptRepeats is how many repeats the heaps keep: enough for the first
// maxListedDuplicates rows, a row repeating a person for up to 4 schemes.
const maxKeptRepeats = 4 * maxListedDuplicates

// dupHeap keeps the maxKeptRepeats earliest repeats seen: a max-heap,
// whose top is the latest of them.
type dupHeap []dupSighting

func (h dupHeap) Len() int           { return len(h) }
func (h dupHeap) Less(i, j int) bool { return h[i].cmp(h[j]) > 0 }
func (h dupHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *dupHeap) Push(x any)        { *h = append(*h, x.(dupSighting)) }
func (h *dupHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

func (h *dupHeap) offer(d dupSighting) {
	switch {
	case len(*h) < maxKeptRepeats:
		heap.Push(h, d)
	case d.cmp((*h)[0]) < 0:
		(*h)[0] = d
		heap.Fix(h, 0)
	}
}
