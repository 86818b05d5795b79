package main

import (
	"archive/zip"
	"cmp"
	"html"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var (
	reTxPr     = regexp.MustCompile(`(?s)<txPr>.*?</txPr>`)
	reTitleRun = regexp.MustCompile(`(?s)<title><tx><rich>.*?<a:r><a:rPr.*?</a:rPr>`)
	reSrgb     = regexp.MustCompile(`srgbClr val="([0-9A-Fa-f]{6})"`)
	reSeries   = regexp.MustCompile(`(?s)<ser>.*?</ser>`)
	reValMin   = regexp.MustCompile(`(?s)<valAx>.*?<min val="([0-9.]+)"`)
)

// partText is the text properties (txPr) of a chart's part (catAx,
// valAx, legend); "" when it has none.
func partText(x, part string) string {
	from := strings.Index(x, "<"+part+">")
	to := strings.Index(x, "</"+part+">")
	if from < 0 || to < from {
		return ""
	}
	return reTxPr.FindString(x[from:to])
}

// TestChartsInk reads the charts of the printed reports back part by part:
// every text of every chart (axis labels, legend, title) in a colour of its
// own no lighter than 50 % grey (excelize's default, tx1 lightened to 85 %,
// all but vanished); compute draws one chart per indicator with a target;
// the trend draws its total first, 3.5 points wide in black, the target as
// a dashed red line over the target row under the total, and its value axis
// from just under the data instead of 0. Crowded charts are split or
// thinned (crowdedReports): compute's bars 20 units a chart at most, on one
// scale; the trend of more than 12 units draws the total, the target and
// the 5 units lowest in the latest month.
func TestChartsInk(t *testing.T) {
	dir := t.TempDir()
	paths := printedReports(t, dir)
	compute, trend := paths[0], paths[2]
	crowdedCompute, crowdedTrend := crowdedReports(t, dir)
	charts := map[string][]string{}
	for _, p := range []string{compute, trend, crowdedCompute, crowdedTrend} {
		charts[p] = chartsOf(t, p)
	}
	for p, cs := range charts {
		for i, x := range cs {
			where := filepath.Base(p) + " chart " + strconv.Itoa(i+1)
			// The text of each part: the axes' and legend's default run
			// properties, the title's run.
			parts := map[string]string{
				"category axis": partText(x, "catAx"),
				"value axis":    partText(x, "valAx"),
				"legend":        partText(x, "legend"),
				"title":         reTitleRun.FindString(x),
			}
			for part, pr := range parts {
				c := reSrgb.FindStringSubmatch(pr)
				if c == nil || strings.Contains(pr, "schemeClr") {
					t.Errorf("%s: %s text not in a dark colour of its own: %.300q", where, part, pr)
					continue
				}
				if l := lightness(c[1]); l > 0.5 {
					t.Errorf("%s: %s text #%s is %.0f %% light, want 50 %% at most", where, part, c[1], 100*l)
				}
			}
		}
	}

	// compute --target bhxh=30 --target bhyt=95: a chart each.
	if cs := charts[compute]; len(cs) != 2 || !strings.Contains(cs[0], "Tỷ lệ BHXH so với chỉ tiêu") ||
		!strings.Contains(cs[1], "Tỷ lệ BHYT so với chỉ tiêu") {
		t.Errorf("compute: %d charts, want BHXH's then BHYT's", len(cs))
	}

	// trend --target bhxh=30 of two months: the BHXH sheet has 9 units
	// (rows 5-13), the total on row 14, its target on row 15.
	f, err := excelize.OpenFile(trend)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for cell, want := range map[string]string{"B14": "Tổng cộng", "B15": "Tổng cộng, chỉ tiêu (%)", "D15": "30.00", "E15": "30.00", "F15": ""} {
		if got, _ := f.GetCellValue("BHXH", cell); got != want {
			t.Errorf("trend BHXH!%s = %q, want %q", cell, got, want)
		}
	}
	if v, _ := f.GetCellValue("BHYT", "B15"); v != "" {
		t.Errorf("trend BHYT!B15 = %q: no target row without a BHYT target", v)
	}
	bhxh := 0
	for i, x := range charts[trend] {
		where := "trend chart " + strconv.Itoa(i+1)
		sers := totalFirst(t, where, x)
		if sers == nil {
			continue
		}
		m := reValMin.FindStringSubmatch(x)
		if !strings.Contains(x, "'BHXH'!$D$14:$E$14") {
			if strings.Contains(x, "prstDash") {
				t.Errorf("%s: a dashed line without a target", where)
			}
			continue
		}
		bhxh++
		if len(sers) < 2 || !strings.Contains(sers[1], "'BHXH'!$B$15") || !strings.Contains(sers[1], "'BHXH'!$D$15:$E$15") ||
			!strings.Contains(sers[1], `prstDash val="sysDash"`) || !strings.Contains(sers[1], `srgbClr val="C00000"`) {
			t.Errorf("%s: the second series is not the dashed red target over row 15: %.600s", where, sers[1])
		}
		// BHXH rates of the units run from 19 % up; the target is 30.
		if m == nil || m[1] != "15" {
			t.Errorf("%s: value axis from %v, want 15", where, m)
		}
	}
	if bhxh != 1 {
		t.Errorf("%d trend charts of BHXH, want 1", bhxh)
	}
	checkCrowdedCompute(t, charts[crowdedCompute])
	checkCrowdedTrend(t, crowdedTrend, charts[crowdedTrend])
}

// totalFirst checks that a trend chart draws its total first, 3.5 points
// (44450 EMU) wide in black, and no other series as thick; it returns the
// chart's series, nil when it has none.
func totalFirst(t *testing.T, where, x string) []string {
	t.Helper()
	sers := reSeries.FindAllString(x, -1)
	if len(sers) == 0 {
		t.Errorf("%s: no series", where)
		return nil
	}
	if !regexp.MustCompile(`<a:ln [^>]*w="44450"[^>]*><a:solidFill><a:srgbClr val="000000"`).MatchString(sers[0]) {
		t.Errorf("%s: the total is not drawn 3.5 points wide in black: %.600s", where, sers[0])
	}
	for _, s := range sers[1:] {
		if strings.Contains(s, `w="44450"`) {
			t.Errorf("%s: another series as thick as the total: %.300s", where, s)
		}
	}
	return sers
}

// chartsOf is the XML of every chart of the workbook at path, in order.
func chartsOf(t *testing.T, path string) []string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	files := slices.SortedFunc(slices.Values(zr.File), func(a, b *zip.File) int {
		return cmp.Or(cmp.Compare(len(a.Name), len(b.Name)), strings.Compare(a.Name, b.Name)) // chart2 before chart10
	})
	var out []string
	for _, zf := range files {
		if !strings.HasPrefix(zf.Name, "xl/charts/chart") {
			continue
		}
		rc, err := zf.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, html.UnescapeString(string(b)))
	}
	return out
}

// lightness is the relative lightness (0 black, 1 white) of RRGGBB.
func lightness(hex string) float64 {
	v, _ := strconv.ParseUint(hex, 16, 32)
	r, g, b := float64(v>>16&0xff), float64(v>>8&0xff), float64(v&0xff)
	return (0.2126*r + 0.7152*g + 0.0722*b) / 255
}
