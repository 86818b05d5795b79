package xlsxio

import (
	"cmp"
	"container/heap"
	"fmt"
	"runtime"
	"slices"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/xlsxio/dedup"
	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// Finish settles the duplicate check: the first sighting of a person for a
// scheme counts for its unit, every later one is a duplicate_person
// warning. The first maxListedDuplicates, in list order, are listed one by
// one (with the row that was counted), then one warning says how many more.
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
		return fmt.Errorf("checking duplicates: %w", err)
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
	listed = listed[:min(len(listed), maxListedDuplicates)]

	// conflicts and duplicates, merged in list order (a row's name
	// conflict came before its duplicates)
	issues := make([]Issue, 0, len(pc.conflicts)+len(listed)+1)
	c := pc.conflicts
	for _, d := range listed {
		for len(c) > 0 && c[0].loc <= d.at {
			issues = append(issues, c[0].Issue)
			c = c[1:]
		}
		issues = append(issues, pc.dupIssue(d))
	}
	for _, ci := range c {
		issues = append(issues, ci.Issue)
	}
	if n := total - maxListedDuplicates; n > 0 {
		issues = append(issues, Issue{Level: "warning", Code: "duplicate_person",
			Message: msg.Sprintf("%d more duplicate rows not listed (each person counted once per scheme)", "còn %d dòng trùng nữa không liệt kê (mỗi người chỉ đếm một lần mỗi loại hình)", n)})
	}
	pc.Issues = append(pc.Issues, issues...)
	pc.conflicts = nil
	return nil
}

// dupIssue is the duplicate_person warning of one repeat.
func (pc *ParticipantCounter) dupIssue(d dupSighting) Issue {
	f, first := pc.files[locFile(d.at)], pc.files[locFile(d.first)]
	is := Issue{Level: "warning", Code: "duplicate_person", File: f.name, Sheet: f.sheet}
	if f.csv {
		is.Line = locRow(d.at)
	} else {
		is.Cell = rawxlsx.CellName(f.idCol, int(locRow(d.at)))
	}
	where := msg.Sprintf("row", "dòng")
	if first.csv {
		where = msg.Sprintf("line", "dòng")
	}
	is.Message = msg.Sprintf("mã số BHXH %010d already counted for %s at %s %s %d; counted once",
		"mã số BHXH %010d đã được đếm cho %s tại %s %s %d; chỉ đếm một lần",
		d.key>>2, ParticipantSchemes[d.key&3], first.name, where, locRow(d.first))
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

// dupHeap keeps the maxListedDuplicates earliest repeats seen: a max-heap,
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
	case len(*h) < maxListedDuplicates:
		heap.Push(h, d)
	case d.cmp((*h)[0]) < 0:
		(*h)[0] = d
		heap.Fix(h, 0)
	}
}
