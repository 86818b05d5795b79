package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// crowdedReports writes a compute report of 45 units and a trend of 30
// units over two months, both with --target bhxh=30, from CSV made here:
// Xã i (1–45) has 1,000 in the labour force, 100 + 10i in BHXH bắt buộc
// and 10 in tự nguyện (rates 12–56 %); in the trend, Xã i (1–30) has
// 200 + 7·(11i mod 30) in BHXH bắt buộc in October, 5 more in November,
// so the five lowest in November are Xã 30, 11, 22, 03 and 14 (11i mod 30
// = 0…4), lowest first.
func crowdedReports(t *testing.T, dir string) (compute, trend string) {
	t.Helper()
	const head = "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\n"
	var b strings.Builder
	b.WriteString(head)
	for i := 1; i <= 45; i++ {
		fmt.Fprintf(&b, "Xã %02d;1000;%d;10\n", i, 100+10*i)
	}
	writeFile(t, filepath.Join(dir, "dong", "tinh-2024-11.csv"), b.String())
	for month, more := range map[string]int{"10": 0, "11": 5} {
		b.Reset()
		b.WriteString(head)
		for i := 1; i <= 30; i++ {
			fmt.Fprintf(&b, "Xã %02d;1000;%d;10\n", i, 200+7*(11*i%30)+more)
		}
		writeFile(t, filepath.Join(dir, "dong", "xa-2024-"+month+".csv"), b.String())
	}
	compute, trend = filepath.Join(dir, "dong-bao-cao.xlsx"), filepath.Join(dir, "dong-xu-huong.xlsx")
	for _, args := range [][]string{
		{"compute", "--target", "bhxh=30", "-o", compute, filepath.Join(dir, "dong", "tinh-2024-11.csv")},
		{"trend", "--target", "bhxh=30", "-o", trend, filepath.Join(dir, "dong", "xa-2024-10.csv"), filepath.Join(dir, "dong", "xa-2024-11.csv")},
	} {
		if _, stderr, code := runIn(t, dir, nil, args...); code != 0 && code != exitWarnings {
			t.Fatalf("bhxh %s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
	return compute, trend
}

var (
	reCatRows = regexp.MustCompile(`(?s)<cat>.*?<f>[^<]*!\$[A-Z]+\$(\d+):\$[A-Z]+\$(\d+)</f>`)
	reValMax  = regexp.MustCompile(`(?s)<valAx>.*?<max val="([0-9.]+)"`)
	reSerName = regexp.MustCompile(`(?s)<tx><strRef><f>'BHXH'!\$B\$(\d+)</f>`)
)

// checkCrowdedCompute: 45 units are three charts of 15 (not 20, 20 and 5),
// the rows one after the other, titled (1/3)…(3/3), every one from 0 to 60
// (the highest rate, 56 %, rounded up to 10 points).
func checkCrowdedCompute(t *testing.T, charts []string) {
	t.Helper()
	if len(charts) != 3 {
		t.Errorf("crowded compute: %d charts, want 3", len(charts))
		return
	}
	next := 0
	for i, x := range charts {
		where := fmt.Sprintf("crowded compute chart %d", i+1)
		if want := fmt.Sprintf("Tỷ lệ BHXH so với chỉ tiêu (%d/3)", i+1); !strings.Contains(x, want) {
			t.Errorf("%s: no title %q", where, want)
		}
		m := reCatRows.FindStringSubmatch(x)
		if m == nil {
			t.Errorf("%s: no categories", where)
			continue
		}
		from, _ := strconv.Atoi(m[1])
		to, _ := strconv.Atoi(m[2])
		if to-from+1 != 15 || (next != 0 && from != next) {
			t.Errorf("%s: rows %d–%d, want 15 rows from %d", where, from, to, next)
		}
		next = to + 1
		lo, hi := reValMin.FindStringSubmatch(x), reValMax.FindStringSubmatch(x)
		if lo == nil || lo[1] != "0" || hi == nil || hi[1] != "60" {
			t.Errorf("%s: value axis %v–%v, want 0–60 on every part", where, lo, hi)
		}
	}
}

// checkCrowdedTrend: the BHXH chart of 30 units draws the total (thick,
// black), the target (dashed red), then the five lowest units in
// November, lowest first, and says so in its title.
func checkCrowdedTrend(t *testing.T, path string, charts []string) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	found := false
	for i, x := range charts {
		if !strings.Contains(x, "'BHXH'!") {
			continue
		}
		found = true
		where := fmt.Sprintf("crowded trend chart %d", i+1)
		sers := totalFirst(t, where, x)
		if len(sers) != 7 {
			t.Errorf("%s: %d series, want the total, the target and 5 units", where, len(sers))
			continue
		}
		if !strings.Contains(sers[1], `prstDash val="sysDash"`) || !strings.Contains(sers[1], `srgbClr val="C00000"`) {
			t.Errorf("%s: the second series is not the dashed red target: %.600s", where, sers[1])
		}
		var names []string
		for _, s := range sers[2:] {
			m := reSerName.FindStringSubmatch(s)
			if m == nil {
				t.Errorf("%s: a unit series without its name cell: %.300s", where, s)
				continue
			}
			v, _ := f.GetCellValue("BHXH", "B"+m[1])
			names = append(names, v)
		}
		if got, want := strings.Join(names, ", "), "Xã 30, Xã 11, Xã 22, Xã 03, Xã 14"; got != want {
			t.Errorf("%s: units %s, want the five lowest in November %s", where, got, want)
		}
		if want := "tổng và 5 đơn vị thấp nhất tháng 11 năm 2024"; !strings.Contains(x, want) {
			t.Errorf("%s: the title does not say %q", where, want)
		}
	}
	if !found {
		t.Errorf("crowded trend: no BHXH chart among %d", len(charts))
	}
}
