package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The sub-group indicators of testdata/year (pupils and students,
// farming-household members) give every unit's and the total's rate,
// target, gap and persons needed exactly as gen.py computed them apart,
// and the evaluation counts the units needing nobody.
func TestDefinedIndicatorsMatchTruth(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "year", "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	type figs struct {
		Numerator     int64  `json:"numerator"`
		Denominator   int64  `json:"denominator"`
		Rate          string `json:"rate"`
		Target        string `json:"target"`
		GapPP         string `json:"gap_pp"`
		PersonsNeeded int64  `json:"persons_needed"`
	}
	var truth struct {
		Indicators map[string]struct {
			Units []struct {
				Name     string
				November figs
			}
			Total struct {
				November   figs
				Evaluation struct{ Units, Reached int }
			}
		}
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	for _, how := range [][]string{
		{"--indicators", yearIndicators(t)},
		{"--indicator", "hssv=Số HSSV tham gia BHYT/Tổng số HSSV", "--indicator",
			// the header as typed on a keyboard without accents, in capitals
			"hgd=SO THANH VIEN HO GIA DINH NONG NGHIEP CO MUC SONG TRUNG BINH THAM GIA BHYT/Tong so thanh vien ho gia dinh nong nghiep co muc song trung binh"},
	} {
		t.Run(how[0], func(t *testing.T) {
			args := append([]string{"compute", "--format", "json", "--target", "bhyt=96.1", "--target", "hssv=100", "--target", "hgd=90"}, how...)
			out, errOut, code := runIn(t, t.TempDir(), nil, append(args, yearBooks(t, "11")...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			// Huyện Phù Yên insures more pupils than it counts (26990 of 26800).
			if !strings.Contains(errOut, "rate_over_100") || !strings.Contains(errOut, "Huyện Phù Yên: tỷ lệ hssv là 100,71%, vượt quá 100%") {
				t.Errorf("no rate_over_100 warning naming hssv: %s", errOut)
			}
			var doc struct {
				Units []struct {
					Name       string
					Indicators map[string]figs
				}
				Total      struct{ Indicators map[string]figs }
				Evaluation map[string]struct{ Units, Reached int }
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			for _, ind := range []string{"bhyt", "hssv", "hgd"} {
				want := truth.Indicators[ind]
				for i, u := range want.Units {
					if got := doc.Units[i].Indicators[ind]; doc.Units[i].Name != u.Name || got != u.November {
						t.Errorf("%s %s: %+v, want %+v", ind, u.Name, got, u.November)
					}
				}
				if got := doc.Total.Indicators[ind]; got != want.Total.November {
					t.Errorf("%s total: %+v, want %+v", ind, got, want.Total.November)
				}
				if got := doc.Evaluation[ind]; got != want.Total.Evaluation {
					t.Errorf("%s evaluation: %+v, want %+v", ind, got, want.Total.Evaluation)
				}
			}
		})
	}
}

func TestDefinedIndicatorErrors(t *testing.T) {
	nov := yearBooks(t, "11")[0]
	bad := filepath.Join(t.TempDir(), "bad.txt")
	writeFile(t, bad, "# ok\nhssv=Số HSSV tham gia BHYT/Tổng số HSSV\nbhyt=A/B\n")
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"a built-in name", []string{"--indicator", "bhyt=A/B"}, 2, `name "bhyt" is a built-in key`},
		{"no slash", []string{"--indicator", "x=A"}, 2, "want NAME=NUMERATOR/DENOMINATOR"},
		{"defined twice", []string{"--indicator", "x=A/B", "--indicator", "x=C/D"}, 2, `indicator "x" is defined twice`},
		{"a target of an unknown indicator", []string{"--target", "hssv=100"}, 2, `unknown indicator "hssv"`},
		{"a side matching no column", []string{"--indicator", "hssv=Số HSSV tham gia BHYT/Tổng số sinh viên"}, 1,
			`indicator hssv: no column "Tổng số sinh viên"`},
		{"a bad line of the file", []string{"--indicators", bad}, 1, "bad.txt: line 3:"},
	} {
		t.Run(c.name, func(t *testing.T) {
			work := t.TempDir()
			out, errOut, code := runIn(t, work, nil, inEnglish(append(append([]string{"compute"}, c.args...), nov))...)
			if code != c.code || !strings.Contains(errOut, c.msg) || out != "" {
				t.Errorf("exit %d, stderr %q, stdout %q; want exit %d and %q", code, errOut, out, c.code, c.msg)
			}
		})
	}
}

// allocate --indicator NAME (from --indicators) or a definition splits the
// sub-group's target over the same numerators and denominators gen.py
// wrote, and the parts sum to ⌈rate × Σ denominators⌉.
func TestAllocateDefinedIndicator(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "year", "truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth struct {
		Indicators map[string]struct {
			Units []struct {
				Name     string
				November struct{ Numerator, Denominator int64 }
			}
		}
	}
	if err := json.Unmarshal(b, &truth); err != nil {
		t.Fatal(err)
	}
	nov := yearBooks(t, "11")[0]
	for _, c := range []struct {
		ind  string
		args []string
		rate int64
	}{
		{"hgd", []string{"--indicators", yearIndicators(t), "--indicator", "hgd", "--rate", "90"}, 90},
		{"hssv", []string{"--indicator", "hssv=Số HSSV tham gia BHYT/Tổng số HSSV", "--rate", "100"}, 100},
	} {
		t.Run(c.ind, func(t *testing.T) {
			out, errOut, code := runIn(t, t.TempDir(), nil, append(append([]string{"allocate", "--format", "json"}, c.args...), nov)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var doc struct {
				Indicator   string
				TotalTarget int64 `json:"total_target"`
				Units       []struct {
					Name                         string
					Denominator, Current, Target int64
				}
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			var sumDen, sumTarget int64
			for i, u := range truth.Indicators[c.ind].Units {
				g := doc.Units[i]
				if g.Name != u.Name || g.Denominator != u.November.Denominator || g.Current != u.November.Numerator || g.Target < g.Current {
					t.Errorf("%s: %+v, want denominator %d, current %d", u.Name, g, u.November.Denominator, u.November.Numerator)
				}
				sumDen += g.Denominator
				sumTarget += g.Target
			}
			want := (c.rate*sumDen + 99) / 100
			if doc.Indicator != c.ind || doc.TotalTarget != want || sumTarget != want {
				t.Errorf("%s: total %d, units sum to %d, want %d", doc.Indicator, doc.TotalTarget, sumTarget, want)
			}
		})
	}
	_, errOut, code := runIn(t, t.TempDir(), nil, "allocate", "--lang", "en", "--indicators", yearIndicators(t), "--indicator", "hs", "--rate", "90", nov)
	if code != 2 || !strings.Contains(errOut, `--indicator "hs": not defined in`) {
		t.Errorf("an undefined name: exit %d, %s", code, errOut)
	}
}
