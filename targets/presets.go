package targets

import (
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
)

// figure is one official target rate (percent, as written in the source)
// with the document it comes from.
type figure struct {
	rate   string
	source msg.Text
}

// roadmap is a built-in preset: target rates at milestone years.
type roadmap struct {
	name       string
	title      string
	milestones map[int]map[string]figure
}

var (
	srcNQ28  = msg.Text{EN: "Resolution 28-NQ/TW (23 May 2018)", VI: "Nghị quyết 28-NQ/TW (23/5/2018)"}
	srcNQ20  = msg.Text{EN: "Resolution 20-NQ/TW (2017)", VI: "Nghị quyết 20-NQ/TW (2017)"}
	srcQD546 = msg.Text{EN: "Decision 546/QĐ-TTg (29 Apr 2022), national row", VI: "Quyết định 546/QĐ-TTg (29/4/2022), dòng toàn quốc"}
)

// nq28 is the national roadmap of Resolution 28-NQ/TW (23 May 2018) on
// social-insurance reform, section II.2 (targets by 2021, 2025, 2030, each
// "khoảng": about): share of the working-age labour force in BHXH, in
// voluntary BHXH (farmers and informal workers), in BHTN, and share of
// people past retirement age receiving a pension, monthly BHXH allowance
// or social pension.
//
// BHYT is not in Resolution 28: its 2025 figure, 95% of the population,
// is from Resolution 20-NQ/TW (2017). For 2030 Resolution 20 says "above
// 95%" ("trên 95%"), which is not a number, so nq28 gives no bhyt target
// for 2030: give one with --target bhyt=RATE.
var nq28 = roadmap{
	name:  "nq28",
	title: "Resolution 28-NQ/TW (2018) roadmap, with BHYT from Resolution 20-NQ/TW (2017)",
	milestones: map[int]map[string]figure{
		2021: {
			"bhxh":           {"35", srcNQ28}, // ~35% of the working-age labour force
			"bhxh_voluntary": {"1", srcNQ28},  // ~1% of the labour force (farmers, informal)
			"bhtn":           {"28", srcNQ28}, // ~28% of the working-age labour force
			"pension":        {"45", srcNQ28}, // ~45% of people past retirement age
		},
		2025: {
			"bhxh":           {"45", srcNQ28},  // ~45%
			"bhxh_voluntary": {"2.5", srcNQ28}, // ~2.5%
			"bhtn":           {"35", srcNQ28},  // ~35%
			"pension":        {"55", srcNQ28},  // ~55%
			"bhyt":           {"95", srcNQ20},  // 95% of the population by 2025 (NQ 20)
		},
		2030: {
			"bhxh":           {"60", srcNQ28}, // ~60%
			"bhxh_voluntary": {"5", srcNQ28},  // ~5%
			"bhtn":           {"45", srcNQ28}, // ~45%
			"pension":        {"60", srcNQ28}, // ~60%
			// bhyt: NQ 20 says "above 95%" for 2030 — not a figure.
		},
	},
}

// qd546 is the national row of Decision 546/QĐ-TTg (29 Apr 2022), which
// assigned each province its BHYT coverage for 2022–2025 (share of the
// population with a health-insurance card).
var qd546 = roadmap{
	name:  "qd546",
	title: "Decision 546/QĐ-TTg (2022), BHYT coverage 2022–2025, national row",
	milestones: map[int]map[string]figure{
		2022: {"bhyt": {"92.60", srcQD546}},
		2023: {"bhyt": {"93.20", srcQD546}},
		2024: {"bhyt": {"94.10", srcQD546}},
		2025: {"bhyt": {"95.15", srcQD546}},
	},
}

var roadmaps = []roadmap{nq28, qd546}

// PresetInfo describes a built-in preset for help texts.
type PresetInfo struct {
	Name  string
	Title string
	Years []int
}

// Presets lists the built-in presets.
func Presets() []PresetInfo {
	var out []PresetInfo
	for _, r := range roadmaps {
		out = append(out, PresetInfo{Name: r.name, Title: r.title, Years: r.years()})
	}
	return out
}

func (r roadmap) years() []int {
	var ys []int
	for y := range r.milestones {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// BetweenMilestonesError: a preset's year lies between two of its
// milestone years; it has no official figure, only an interpolated one.
type BetweenMilestonesError struct {
	Preset string
	Year   int
	Years  []int // the milestone years
	// Instead is how the caller asks for interpolation (a command-line
	// flag); "" names nothing.
	Instead string
}

func (e *BetweenMilestonesError) Error() string { return e.In(msg.EN) }

func (e *BetweenMilestonesError) In(l msg.Lang) string {
	how := msg.Sprintf("interpolate linearly between them to have one", "nội suy tuyến tính giữa các năm mốc để có số liệu")
	if e.Instead != "" {
		how = msg.Sprintf("use %s to interpolate linearly between them", "dùng %s để nội suy tuyến tính giữa các năm mốc", e.Instead)
	}
	return msg.Sprintf("%s has no figure for %d: its milestone years are %s (%s)", "%s không có số liệu năm %d: các năm mốc là %s (%s)",
		e.Preset, e.Year, joinInts(e.Years), how).In(l)
}

// Preset returns the targets of preset name for year. A year that is not a
// milestone has no official figure and is refused, unless interpolate is
// set: then each rate is interpolated linearly (exactly) between the
// surrounding milestones, for the indicators both give, and the Note says
// so. Years outside the milestones are always refused.
func Preset(name string, year int, interpolate bool) (map[string]coverage.Target, error) {
	var r *roadmap
	var names []string
	for i := range roadmaps {
		names = append(names, roadmaps[i].name)
		if strings.EqualFold(roadmaps[i].name, strings.TrimSpace(name)) {
			r = &roadmaps[i]
		}
	}
	if r == nil {
		return nil, msg.Errorf("unknown preset %q: the presets are %s", "không có bộ chỉ tiêu %q: các bộ có sẵn là %s", name, strings.Join(names, ", "))
	}
	if m, ok := r.milestones[year]; ok {
		out := map[string]coverage.Target{}
		for ind, f := range m {
			out[ind] = coverage.Target{
				Rate:   decimal.RequireFromString(f.rate),
				Source: coverage.SourcePreset,
				Note:   msg.Sprintf("%s: %s%% by %d", "%s: %s%% đến năm %d", f.source, msg.Decimal(f.rate), year),
			}
		}
		return out, nil
	}

	ys := r.years()
	list := joinInts(ys)
	if year < ys[0] || year > ys[len(ys)-1] {
		return nil, msg.Errorf("%s has no figure for %d: its milestone years are %s, and a year outside %d–%d cannot be interpolated", "%s không có số liệu năm %d: các năm mốc là %s, và năm ngoài khoảng %d–%d không nội suy được",
			r.name, year, list, ys[0], ys[len(ys)-1])
	}
	if !interpolate {
		return nil, &BetweenMilestonesError{Preset: r.name, Year: year, Years: ys}
	}
	i := sort.SearchInts(ys, year) // ys[i-1] < year < ys[i]
	y0, y1 := ys[i-1], ys[i]
	out := map[string]coverage.Target{}
	for ind, f0 := range r.milestones[y0] {
		f1, ok := r.milestones[y1][ind]
		if !ok {
			continue // only one end has a figure: nothing to interpolate
		}
		rate := lerp(f0.rate, f1.rate, y0, y1, year)
		out[ind] = coverage.Target{
			Rate:   rate,
			Source: coverage.SourcePreset,
			Note: msg.Sprintf("interpolated linearly between %s: %s%% by %d and %s%% by %d (not an official figure)",
				"nội suy tuyến tính giữa %s: %s%% đến năm %d và %s%% đến năm %d (không phải số liệu chính thức)",
				f0.source, msg.Decimal(f0.rate), y0, msg.Decimal(f1.rate), y1),
		}
	}
	return out, nil
}

// lerp interpolates between (y0, a) and (y1, b) at y exactly. The
// milestones are 4 or 5 years apart, so the result is a terminating
// decimal; should a future table make it recurring, it is rounded half-up
// to 6 decimals (far below the 2 decimals any report shows).
func lerp(a, b string, y0, y1, y int) decimal.Decimal {
	ra, rb := decimal.RequireFromString(a).Rat(), decimal.RequireFromString(b).Rat()
	r := new(big.Rat).Sub(rb, ra)
	r.Mul(r, big.NewRat(int64(y-y0), int64(y1-y0)))
	r.Add(r, ra)
	for places := 0; places <= 18; places++ {
		d := coverage.RoundRat(r, places)
		if d.Rat().Cmp(r) == 0 {
			return d
		}
	}
	return coverage.RoundRat(r, 6)
}

func joinInts(ys []int) string {
	s := make([]string, len(ys))
	for i, y := range ys {
		s[i] = strconv.Itoa(y)
	}
	return strings.Join(s, ", ")
}
