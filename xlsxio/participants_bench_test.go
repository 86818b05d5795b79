package xlsxio

import (
	"archive/zip"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

func BenchmarkParticipantRole(b *testing.B) {
	for b.Loop() {
		participantRole("Mã số sổ BHXH (10 chữ số)")
	}
}

func BenchmarkKindMask(b *testing.B) {
	for b.Loop() {
		kindMask("BHXH bắt buộc, BHTN, BHYT")
	}
}

// benchListPath is a large participant list for BenchmarkCountXLSXList:
// $BHXH_BENCH_LIST, else bench/data/ds-1048573.xlsx (`go run ./bench/gen`).
func benchListPath(b *testing.B) string {
	p := os.Getenv("BHXH_BENCH_LIST")
	if p == "" {
		p = filepath.Join("..", "bench", "data", "ds-1048573.xlsx")
	}
	if _, err := os.Stat(p); err != nil {
		b.Skipf("no list to count: %v (go run ./bench/gen -rows 1048573, or set BHXH_BENCH_LIST)", err)
	}
	return p
}

// BenchmarkCountXLSXList counts a large xlsx list next to its limit, the
// single-thread inflate of its sheet with compress/flate: their ratio,
// within one run, is the issue-17 target (≤ 1.3×).
//
//	go test -run '^$' -bench CountXLSXList -count 5 -benchmem ./xlsxio
func BenchmarkCountXLSXList(b *testing.B) {
	path := benchListPath(b)
	b.Run("inflate-sheet", func(b *testing.B) {
		zr, err := zip.OpenReader(path)
		if err != nil {
			b.Fatal(err)
		}
		defer zr.Close()
		var sheet *zip.File
		for _, f := range zr.File {
			if f.Name == "xl/worksheets/sheet1.xml" {
				sheet = f
			}
		}
		buf := make([]byte, 256<<10)
		defer reportCPU(b)()
		for b.Loop() {
			rc, err := sheet.Open()
			if err != nil {
				b.Fatal(err)
			}
			if _, err := io.CopyBuffer(io.Discard, struct{ io.Reader }{rc}, buf); err != nil {
				b.Fatal(err)
			}
			rc.Close()
		}
	})
	b.Run("count", func(b *testing.B) {
		defer reportCPU(b)()
		for b.Loop() {
			pc := NewParticipantCounter(CounterOptions{})
			if err := pc.AddFile(context.Background(), path, CountOptions{}); err != nil {
				b.Fatal(err)
			}
			if err := pc.Finish(); err != nil {
				b.Fatal(err)
			}
			pc.Close()
		}
	})
}

// reportCPU reports the process's CPU time per op (user+system, every
// thread) as cpu-ms/op when the returned func runs: on a shared machine
// the wall times of a pipeline swing with the load, its CPU time less.
func reportCPU(b *testing.B) func() {
	c0 := processCPU()
	return func() {
		b.ReportMetric(float64((processCPU()-c0).Milliseconds())/float64(b.N), "cpu-ms/op")
	}
}
