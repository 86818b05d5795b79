package xlsxio

import (
	"os"
	"testing"
)

// BenchmarkReadMonthly reads one of make bench's monthly workbooks (60 units),
// the per-file cost of the 1,000-workbook batch; skipped before make bench.
func BenchmarkReadMonthly(b *testing.B) {
	data, err := os.ReadFile("../bench/data/monthly/tinh-0001.xlsx")
	if err != nil {
		b.Skip(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readData(data, "m.xlsx", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
