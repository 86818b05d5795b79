package targets

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/msg"
)

func rates(m map[string]coverage.Target) map[string]string {
	out := map[string]string{}
	for k, t := range m {
		out[k] = t.Rate.String()
	}
	return out
}

func TestPresetMilestones(t *testing.T) {
	cases := []struct {
		name string
		year int
		want map[string]string
	}{
		{"nq28", 2021, map[string]string{"bhxh": "35", "bhxh_voluntary": "1", "bhtn": "28", "pension": "45"}},
		{"nq28", 2025, map[string]string{"bhxh": "45", "bhxh_voluntary": "2.5", "bhtn": "35", "pension": "55", "bhyt": "95"}},
		{"nq28", 2030, map[string]string{"bhxh": "60", "bhxh_voluntary": "5", "bhtn": "45", "pension": "60"}},
		{"qd546", 2022, map[string]string{"bhyt": "92.6"}},
		{"qd546", 2023, map[string]string{"bhyt": "93.2"}},
		{"qd546", 2024, map[string]string{"bhyt": "94.1"}},
		{"qd546", 2025, map[string]string{"bhyt": "95.15"}},
		{"NQ28", 2025, map[string]string{"bhxh": "45", "bhxh_voluntary": "2.5", "bhtn": "35", "pension": "55", "bhyt": "95"}},
	}
	for _, c := range cases {
		for _, interp := range []bool{false, true} {
			got, err := Preset(c.name, c.year, interp)
			if err != nil {
				t.Errorf("%s %d: %v", c.name, c.year, err)
				continue
			}
			if !reflect.DeepEqual(rates(got), c.want) {
				t.Errorf("%s %d: %v, want %v", c.name, c.year, rates(got), c.want)
			}
			for ind, tg := range got {
				if tg.Source != coverage.SourcePreset {
					t.Errorf("%s %d %s: source %s", c.name, c.year, ind, tg.Source)
				}
				if strings.Contains(tg.Note.EN, "interpolated") {
					t.Errorf("%s %d %s: milestone noted as interpolated: %s", c.name, c.year, ind, tg.Note)
				}
			}
		}
	}
}

func TestPresetNotesCiteTheSource(t *testing.T) {
	cases := []struct {
		name string
		year int
		ind  string
		note msg.Text
	}{
		{"nq28", 2025, "bhxh", msg.Text{EN: "Resolution 28-NQ/TW (23 May 2018): 45% by 2025", VI: "Nghị quyết 28-NQ/TW (23/5/2018): 45% đến năm 2025"}},
		{"nq28", 2025, "bhxh_voluntary", msg.Text{EN: "Resolution 28-NQ/TW (23 May 2018): 2.5% by 2025", VI: "Nghị quyết 28-NQ/TW (23/5/2018): 2,5% đến năm 2025"}},
		{"nq28", 2025, "bhyt", msg.Text{EN: "Resolution 20-NQ/TW (2017): 95% by 2025", VI: "Nghị quyết 20-NQ/TW (2017): 95% đến năm 2025"}},
		{"qd546", 2024, "bhyt", msg.Text{EN: "Decision 546/QĐ-TTg (29 Apr 2022), national row: 94.10% by 2024", VI: "Quyết định 546/QĐ-TTg (29/4/2022), dòng toàn quốc: 94,10% đến năm 2024"}},
	}
	for _, c := range cases {
		got, err := Preset(c.name, c.year, false)
		if err != nil {
			t.Fatal(err)
		}
		if got[c.ind].Note != c.note {
			t.Errorf("%s %d %s: note %q, want %q", c.name, c.year, c.ind, got[c.ind].Note, c.note)
		}
	}
}

func TestPresetRefusals(t *testing.T) {
	cases := []struct {
		name        string
		year        int
		interpolate bool
		want        string
	}{
		{"nq28", 2023, false, "nq28 has no figure for 2023: its milestone years are 2021, 2025, 2030 (interpolate linearly between them to have one)"}, // the command names its flag
		{"nq28", 2020, false, "nq28 has no figure for 2020: its milestone years are 2021, 2025, 2030, and a year outside 2021–2030 cannot be interpolated"},
		{"nq28", 2031, true, "nq28 has no figure for 2031: its milestone years are 2021, 2025, 2030, and a year outside 2021–2030 cannot be interpolated"},
		{"qd546", 2026, true, "qd546 has no figure for 2026: its milestone years are 2022, 2023, 2024, 2025, and a year outside 2022–2025 cannot be interpolated"},
		{"nq29", 2025, false, `unknown preset "nq29": the presets are nq28, qd546`},
	}
	for _, c := range cases {
		_, err := Preset(c.name, c.year, c.interpolate)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s %d: error %v\nwant %s", c.name, c.year, err, c.want)
		}
	}
}

func TestPresetInterpolation(t *testing.T) {
	cases := []struct {
		year int
		want map[string]string
	}{
		// bhyt has a figure in 2025 only: between 2021 and 2025, and
		// between 2025 and 2030, there is nothing to interpolate it from.
		{2022, map[string]string{"bhxh": "37.5", "bhxh_voluntary": "1.375", "bhtn": "29.75", "pension": "47.5"}},
		{2023, map[string]string{"bhxh": "40", "bhxh_voluntary": "1.75", "bhtn": "31.5", "pension": "50"}},
		{2024, map[string]string{"bhxh": "42.5", "bhxh_voluntary": "2.125", "bhtn": "33.25", "pension": "52.5"}},
		{2026, map[string]string{"bhxh": "48", "bhxh_voluntary": "3", "bhtn": "37", "pension": "56"}},
		{2028, map[string]string{"bhxh": "54", "bhxh_voluntary": "4", "bhtn": "41", "pension": "58"}},
		{2029, map[string]string{"bhxh": "57", "bhxh_voluntary": "4.5", "bhtn": "43", "pension": "59"}},
	}
	for _, c := range cases {
		got, err := Preset("nq28", c.year, true)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(rates(got), c.want) {
			t.Errorf("nq28 %d: %v, want %v", c.year, rates(got), c.want)
		}
		for ind, tg := range got {
			if !strings.HasPrefix(tg.Note.EN, "interpolated linearly between Resolution 28-NQ/TW") || !strings.Contains(tg.Note.EN, "not an official figure") {
				t.Errorf("nq28 %d %s: note %q", c.year, ind, tg.Note)
			}
		}
	}
	got, _ := Preset("nq28", 2023, true)
	if want := (msg.Text{EN: "interpolated linearly between Resolution 28-NQ/TW (23 May 2018): 35% by 2021 and 45% by 2025 (not an official figure)",
		VI: "nội suy tuyến tính giữa Nghị quyết 28-NQ/TW (23/5/2018): 35% đến năm 2021 và 45% đến năm 2025 (không phải số liệu chính thức)"}); got["bhxh"].Note != want {
		t.Errorf("note %q, want %q", got["bhxh"].Note, want)
	}
}

func TestPresetsList(t *testing.T) {
	var names []string
	for _, p := range Presets() {
		names = append(names, p.Name)
		if !sort.IntsAreSorted(p.Years) || p.Title == "" {
			t.Errorf("%+v", p)
		}
	}
	if !reflect.DeepEqual(names, []string{"nq28", "qd546"}) {
		t.Errorf("presets %v", names)
	}
}
