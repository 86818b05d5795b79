package dedup

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bhxh/bhxh/msg"
)

// The set's errors read in both languages; errors.Is still finds them.
func TestErrorsInBothLanguages(t *testing.T) {
	s := New(1<<20, t.TempDir())
	err := s.Add(1, MaxUnits, 0)
	if !errors.Is(err, ErrTooManyUnits) {
		t.Fatalf("unit MaxUnits: %v", err)
	}
	if en, vi := msg.Render(err, msg.EN), msg.Render(err, msg.VI); en != "more than 268435456 units" || vi != "hơn 268435456 đơn vị" {
		t.Errorf("got %q / %q", en, vi)
	}

	// a spill into a folder that is gone names the temporary folder
	s = New(0, filepath.Join(t.TempDir(), "gone"))
	defer s.Close()
	for i := range 1 << 16 {
		if err = s.Add(uint64(i), 0, 0); err != nil {
			break
		}
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("spill into a missing folder: %v", err)
	}
	en, vi := msg.Render(err, msg.EN), msg.Render(err, msg.VI)
	if !strings.HasPrefix(en, "temporary folder for sorted runs: ") || !strings.HasPrefix(vi, "thư mục tạm để sắp xếp dữ liệu: ") {
		t.Errorf("got %q / %q", en, vi)
	}
}
