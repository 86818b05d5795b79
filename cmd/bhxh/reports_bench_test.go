package main

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkComputeOutDir writes a report per workbook of bench/data/monthly
// (1,000 workbooks of 60 units; `go run ./bench/gen`, or set
// BHXH_BENCH_MONTHLY) as CSV, JSON and xlsx, in process and interleaved:
// the issue-17 ratios (xlsx ≤ 2× CSV, JSON ≤ 1.2× CSV) within one run.
//
//	go test -run '^$' -bench ComputeOutDir -count 5 ./cmd/bhxh
func BenchmarkComputeOutDir(b *testing.B) {
	dir := os.Getenv("BHXH_BENCH_MONTHLY")
	if dir == "" {
		dir = filepath.Join("..", "..", "bench", "data", "monthly")
	}
	dir, _ = filepath.Abs(dir)
	if _, err := os.Stat(dir); err != nil {
		b.Skipf("no workbooks: %v", err)
	}
	for _, format := range []string{"csv", "json", "xlsx"} {
		b.Run(format, func(b *testing.B) {
			out := b.TempDir()
			for b.Loop() {
				os.RemoveAll(out)
				if _, e, code := runCmd("compute", "--quiet", "--out-dir", out, "--name", "{stem}."+format, dir); code != 0 {
					b.Fatalf("exit %d: %s", code, e)
				}
			}
		})
	}
}
