package xlsxio

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadDemo reads the demo workbook (two-row merged header, 9
// units, total row, footer) from memory: the per-file cost of a batch run.
func BenchmarkReadDemo(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(fixtureDir, "tinh-mau-2023-11.xlsx"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readData(data, "tinh-mau-2023-11.xlsx", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadCSV reads the ASCII-header CSV fixture.
func BenchmarkReadCSV(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(fixtureDir, "ascii-headers.csv"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := readData(data, "ascii-headers.csv", Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
