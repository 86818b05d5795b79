package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of the report tests")

// golden compares got with testdata/NAME, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs:\ngot\n%s\nwant\n%s", name, got, want)
	}
}

func TestComputeTableSnapshot(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		t.Run(lang, func(t *testing.T) {
			rep := halfUpReport(2)
			rep.Lang = lang
			var buf bytes.Buffer
			if err := WriteComputeTable(&buf, rep); err != nil {
				t.Fatal(err)
			}
			golden(t, "compute-table-"+lang+".golden", buf.Bytes())
		})
	}
}

// TestComputeTableNumberStyle: Vietnamese style in vi (46,00; 29.024),
// English in en (46.00; 29,024), half-up at 0 decimals, the marker on the
// units behind target and not on the others.
func TestComputeTableNumberStyle(t *testing.T) {
	rep := reportFromFixture(t, "tinh-mau-2023-11.targets.expected.json", map[string]string{"bhxh": "30", "bhyt": "95"})
	var vi, en bytes.Buffer
	if err := WriteComputeTable(&vi, rep); err != nil {
		t.Fatal(err)
	}
	rep.Lang = "en"
	if err := WriteComputeTable(&en, rep); err != nil {
		t.Fatal(err)
	}
	// Thị xã Phú Định: bhxh 19.38 %, 11129 people needed; total 39906 for
	// bhyt; Thành phố Bình Lâm 11.61 points past its bhxh target ("Vượt",
	// never a negative "Thiếu").
	for _, s := range []string{"19,38 " + behindMarker, "11.129", "39.906", "Vượt 11,61", "Đơn vị", "Tỷ lệ"} {
		if !strings.Contains(vi.String(), s) {
			t.Errorf("vi table lacks %q", s)
		}
	}
	for _, s := range []string{"19.38 " + behindMarker, "11,129", "39,906", "Over 11.61", "Unit", "Rate"} {
		if !strings.Contains(en.String(), s) {
			t.Errorf("en table lacks %q", s)
		}
	}
	for _, line := range strings.Split(vi.String(), "\n") {
		if !strings.HasPrefix(line, "│") {
			continue // the evaluation lines under the table name units too
		}
		// Huyện Tây Sơn Hạ is ahead of both targets.
		if strings.Contains(line, "Tây Sơn Hạ") && strings.Contains(line, behindMarker) {
			t.Errorf("unit ahead of its targets is marked: %s", line)
		}
		if strings.Contains(line, "Phú Định") && !strings.Contains(line, behindMarker) {
			t.Errorf("unit behind target is not marked: %s", line)
		}
	}

	rep = halfUpReport(0)
	var b bytes.Buffer
	if err := WriteComputeTable(&b, rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "│  13 ▼ │") || !strings.Contains(b.String(), "│  38 ▼ │") {
		t.Errorf("12.5 and 37.5 must show 13 and 38 at 0 decimals:\n%s", b.String())
	}
}

func TestComputeTableWithoutTargets(t *testing.T) {
	rep := reportFromFixture(t, "ascii-headers.expected.json", nil)
	var b bytes.Buffer
	if err := WriteComputeTable(&b, rep); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), behindMarker) || strings.Contains(b.String(), "Chỉ tiêu") {
		t.Errorf("no targets, yet a marker or target column:\n%s", b.String())
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	// title, top border, 3 head lines, rule, 6 units, rule, total, bottom, legend
	if len(lines) != 16 {
		t.Errorf("%d lines, want 16:\n%s", len(lines), b.String())
	}
}
