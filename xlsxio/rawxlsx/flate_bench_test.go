package rawxlsx

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkInflateSheet inflates the sheet of a large list with
// compress/flate (archive/zip's own) and with klauspost's flate (what
// rawxlsx registers): why the dependency.
//
//	go test -run '^$' -bench InflateSheet -count 5 ./xlsxio/rawxlsx
func BenchmarkInflateSheet(b *testing.B) {
	path := os.Getenv("BHXH_BENCH_LIST")
	if path == "" {
		path = filepath.Join("..", "..", "bench", "data", "ds-1048573.xlsx")
	}
	for _, name := range []string{"compress-flate", "klauspost-flate"} {
		b.Run(name, func(b *testing.B) {
			zr, err := zip.OpenReader(path)
			if err != nil {
				b.Skipf("no list: %v (go run ./bench/gen -rows 1048573, or set BHXH_BENCH_LIST)", err)
			}
			defer zr.Close()
			if name == "klauspost-flate" {
				registerFlate(&zr.Reader)
			}
			var sheet *zip.File
			for _, f := range zr.File {
				if f.Name == "xl/worksheets/sheet1.xml" {
					sheet = f
				}
			}
			b.SetBytes(int64(sheet.UncompressedSize64))
			buf := make([]byte, blockSize)
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
	}
}
