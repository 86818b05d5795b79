package report

import (
	"strings"
	"testing"
	"time"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio"
)

// The "Kiểm tra" sheet speaks the report's language: the level and the
// message; the code, file, sheet and cell are as they are. The time in
// "Nguồn" is printed with its offset.
func TestChecksAndSourcesInBothLanguages(t *testing.T) {
	hcm, err := time.LoadLocation("Asia/Ho_Chi_Minh")
	if err != nil {
		t.Fatal(err)
	}
	issues := []xlsxio.Issue{
		{Level: "warning", Code: coverage.WarnRateOver100, File: "t.xlsx", Sheet: "T11", Cell: "I11",
			Message: msg.Sprintf("%s: %s rate %s%% is above 100%%", "%s: tỷ lệ %s là %s%%, vượt quá 100%%", "Phường Tân An", "bhyt", "100.69")},
		{Level: "note", Code: "heading_row", File: "t.xlsx", Sheet: "T11", Cell: "B9",
			Message: msg.Sprintf("row %d %q has no figures in the columns read: a heading, not a unit", "dòng %d %q không có số liệu ở các cột được đọc: là dòng tiêu đề nhóm, không phải đơn vị", 9, "Huyện Đông Sơn")},
	}
	for _, c := range []struct {
		lang, checks, sources string
		rows                  []string
		generated             string
	}{
		{"vi", "Kiểm tra", "Nguồn", []string{
			"cảnh báo|rate_over_100|t.xlsx|T11|I11|Phường Tân An: tỷ lệ bhyt là 100.69%, vượt quá 100%",
			`ghi chú|heading_row|t.xlsx|T11|B9|dòng 9 "Huyện Đông Sơn" không có số liệu ở các cột được đọc: là dòng tiêu đề nhóm, không phải đơn vị`,
		}, "Thời điểm lập|2026-11-30T11:42:50+07:00"},
		{"en", "Checks", "Sources", []string{
			"warning|rate_over_100|t.xlsx|T11|I11|Phường Tân An: bhyt rate 100.69% is above 100%",
			`note|heading_row|t.xlsx|T11|B9|row 9 "Huyện Đông Sơn" has no figures in the columns read: a heading, not a unit`,
		}, "Generated|2026-11-30T11:42:50+07:00"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			rep := reportFromFixture(t, "tinh-mau-2023-11.targets.expected.json", map[string]string{"bhxh": "30"})
			rep.Lang = c.lang
			rep.Issues = issues
			rep.Generated = time.Date(2026, 11, 30, 4, 42, 50, 0, time.UTC).In(hcm)
			f := openReportXLSX(t, writeXLSX(t, rep))
			checks, _ := f.GetRows(c.checks)
			if len(checks) != 3 {
				t.Fatalf("checks %q", checks)
			}
			for i, want := range c.rows {
				if got := strings.Join(checks[i+1], "|"); got != want {
					t.Errorf("checks row %d\n%s\nwant\n%s", i+1, got, want)
				}
			}
			src, _ := f.GetRows(c.sources)
			var all []string
			for _, r := range src {
				all = append(all, strings.Join(r, "|"))
			}
			if !strings.Contains(strings.Join(all, "\n"), c.generated) {
				t.Errorf("%s lacks %q:\n%s", c.sources, c.generated, strings.Join(all, "\n"))
			}
		})
	}
}

// allocate names its method and rounding in the reader's language: the
// table's closing line and the xlsx subtitle.
func TestAllocateMethodWords(t *testing.T) {
	for _, c := range []struct {
		method   coverage.Method
		rounding coverage.Rounding
		viM, viR string
	}{
		{coverage.Proportional, coverage.LargestRemainder, "tỷ lệ đều", "phần dư lớn nhất"},
		{coverage.Uncovered, coverage.Webster, "theo số chưa tham gia", "Webster (Sainte-Laguë)"},
		{coverage.CurrentShare, coverage.DHondt, "theo số hiện có", "D'Hondt"},
		{coverage.Method("weight:population"), coverage.HuntingtonHill, "theo trọng số cột population", "Huntington–Hill"},
	} {
		if got := methodName(c.method, "vi"); got != c.viM {
			t.Errorf("%s in vi: %q, want %q", c.method, got, c.viM)
		}
		if got := methodName(c.method, "en"); got != string(c.method) {
			t.Errorf("%s in en: %q", c.method, got)
		}
		if got := roundingName(c.rounding, "vi"); got != c.viR {
			t.Errorf("%s in vi: %q, want %q", c.rounding, got, c.viR)
		}
		if got := roundingName(c.rounding, "en"); got != string(c.rounding) {
			t.Errorf("%s in en: %q", c.rounding, got)
		}
	}
	rep := &Allocate{Allocation: coverage.Allocation{Method: coverage.Proportional, Rounding: coverage.LargestRemainder, Target: 60138}, Min: 1}
	for lang, want := range map[string]string{
		"vi": "Tổng chỉ tiêu 60.138 người; phương pháp tỷ lệ đều; làm tròn phần dư lớn nhất; tối thiểu 1",
		"en": "Total 60138 people; method proportional; rounding largest-remainder; min 1",
	} {
		if got := describeMethod(rep, lang == "en"); got != want {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
	if got := methodShort(rep); got != "phương pháp tỷ lệ đều, làm tròn phần dư lớn nhất" {
		t.Errorf("subtitle %q", got)
	}
}

// Every kind of rows inspect names reads in Vietnamese; JSON keeps the code.
func TestRowKindsInBothLanguages(t *testing.T) {
	for en, vi := range map[string]string{
		"units": "đơn vị", "title": "tên báo cáo", "header": "tiêu đề cột", "numbering": "số cột",
		"blank": "trống", "total": "tổng", "subtotal": "cộng nhóm", "section": "nhóm",
		"heading": "tiêu đề nhóm", "breakdown": "chi tiết", "skipped": "bỏ qua", "rejected": "bị từ chối",
		"footer": "cuối bảng", "second table": "bảng thứ hai",
	} {
		if got := rowKind(en); got.In(msg.EN) != en || got.In(msg.VI) != vi {
			t.Errorf("rowKind(%q) = %q / %q, want %q / %q", en, got.In(msg.EN), got.In(msg.VI), en, vi)
		}
	}
}

// Where trend took a month from, in its "Nguồn" sheet; JSON keeps the code.
func TestPeriodSourceInBothLanguages(t *testing.T) {
	for src, vi := range map[string]string{"title": "tiêu đề", "file name": "tên tệp", "--period": "--period"} {
		if got := periodSource(src); got.In(msg.EN) != src || got.In(msg.VI) != vi {
			t.Errorf("periodSource(%q) = %q / %q, want %q / %q", src, got.In(msg.EN), got.In(msg.VI), src, vi)
		}
	}
}
