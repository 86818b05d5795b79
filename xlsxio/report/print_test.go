package report

import (
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestPackGroups: as few pages as greedy packing from the first group
// takes, the narrowest page as wide as it can be (the last one, where the
// signatures go, no longer one narrow column), a group wider than a page
// on a page of its own.
func TestPackGroups(t *testing.T) {
	for _, c := range []struct {
		name       string
		keep, page float64
		gws        []float64
		want       []int
	}{
		{"one page", 10, 100, []float64{20, 30, 40}, []int{0}},
		// greedy: [50 30] [30]; balanced: [50] [30 30]
		{"narrow last page widened", 10, 100, []float64{50, 30, 30}, []int{0, 1}},
		// greedy: [45 30] [40 35] [20], the last page 30 wide; balanced:
		// [45] [30 40] [35 20], the narrowest 55
		{"three pages", 10, 100, []float64{45, 30, 40, 35, 20}, []int{0, 1, 3}},
		{"a group wider than the page", 10, 100, []float64{20, 150, 20}, []int{0, 1, 2}},
		{"every group a page", 10, 50, []float64{40, 40, 40}, []int{0, 1, 2}},
		{"single group", 10, 100, []float64{30}, []int{0}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := packGroups(c.keep, c.gws, c.page)
			if !slices.Equal(got, c.want) {
				t.Errorf("packGroups(%v, %v, %v) = %v, want %v", c.keep, c.gws, c.page, got, c.want)
			}
			// never more pages than greedy packing, every page fits
			for b, first := range got {
				end := len(c.gws)
				if b+1 < len(got) {
					end = got[b+1]
				}
				w := c.keep
				for _, gw := range c.gws[first:end] {
					w += gw
				}
				if w > c.page && end-first > 1 {
					t.Errorf("page %d (groups %d..%d) is %v wide, over %v", b, first, end-1, w, c.page)
				}
			}
		})
	}
}

// TestTailBreak lays rows down a landscape A4 page (595 − 2×54 = 487
// points high) and checks where the break before the signatures goes.
func TestTailBreak(t *testing.T) {
	// rows: 1 title (60), 2 (15), 3 head (60), then rows of 15
	sheetWith := func(t *testing.T, heights map[int]float64) *excelize.File {
		t.Helper()
		f := excelize.NewFile()
		t.Cleanup(func() { f.Close() })
		for r, h := range heights {
			if err := f.SetRowHeight("Sheet1", r, h); err != nil {
				t.Fatal(err)
			}
		}
		return f
	}
	base := map[int]float64{1: 60, 3: 60}
	with := func(extra map[int]float64) map[int]float64 {
		m := map[int]float64{}
		for k, v := range base {
			m[k] = v
		}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	for _, c := range []struct {
		name    string
		heights map[int]float64
		tail    [2]int
		fit     bool
		scale   uint
		want    int
	}{
		// 135 + 10×15 = 285 to row 13, the tail 15..24 at 15 each: ends at 450
		{"fits on the page", base, [2]int{15, 24}, true, 100, 0},
		// the example's summary: the evaluation block and signatures from
		// row 15 run to 570 points; the signatures alone would start page 2
		{"split: break before the tail", with(map[int]float64{16: 45, 18: 30, 20: 45, 22: 30, 23: 30, 24: 30}),
			[2]int{15, 24}, false, 100, 15},
		// at 85 % the same rows fit one page (570 × 0.85 = 484.5)
		{"shrunk, it fits", with(map[int]float64{16: 45, 18: 30, 20: 45, 22: 30, 23: 30, 24: 30}),
			[2]int{15, 24}, false, 85, 0},
		// one page wide is taken at full size, whatever scale is passed
		{"fitted: at full size", with(map[int]float64{16: 45, 18: 30, 20: 45, 22: 30, 23: 30, 24: 30}),
			[2]int{15, 24}, true, 85, 15},
		// a tail taller than a page (with the head row) cannot be kept
		// whole: no break
		{"tail taller than a page", with(map[int]float64{16: 409}), [2]int{15, 17}, true, 100, 0},
		// rows 1–29 fill page 1 (90 + 26×15 = 480): the tail, 30–32,
		// prints whole on page 2 without a break
		{"tail on the next page", map[int]float64{3: 60}, [2]int{30, 32}, true, 100, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := sheetWith(t, c.heights)
			p := printSheet{landscape: true, headRows: [2]int{3, 3}, tail: c.tail}
			got, err := tailBreak(f, "Sheet1", p, c.fit, c.scale)
			if err != nil {
				t.Fatal(err)
			}
			if got != c.want {
				t.Errorf("tailBreak = %d, want %d", got, c.want)
			}
		})
	}
}
