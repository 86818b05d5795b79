// Command inflate measures the limit of bhxh count on an xlsx list: the
// time to inflate its sheet, in process, with Go's compress/flate on one
// thread (the deflate stream of a part can only be inflated in order, so no
// reader of the sheet can be faster on one core without a faster inflater).
// It replaces the two-process "floor" (unzip -p | a scanner) of earlier
// runs, whose pipe and second process are not part of the limit.
//
//	inflate [-runs 5] LIST.xlsx
//
// It prints one JSON object: the median and each run's seconds for the
// sheet alone and for the sheet with the shared strings (what bhxh must
// inflate), their sizes, and the rows (a count of "<row" in the sheet,
// untimed, for the checks). make bench runs it with -runs 1 once per round,
// alternating with bhxh count, and merges the rounds (bench/merge_runs.py).
package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strings"
	"time"
)

func main() {
	runs := flag.Int("runs", 5, "timed runs")
	flag.Parse()
	if flag.NArg() != 1 {
		log.Fatal("usage: inflate [-runs N] LIST.xlsx")
	}
	zr, err := zip.OpenReader(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	defer zr.Close()
	var sheet, sst *zip.File
	for _, f := range zr.File {
		switch strings.ToLower(f.Name) {
		case "xl/worksheets/sheet1.xml":
			sheet = f
		case "xl/sharedstrings.xml":
			sst = f
		}
	}
	if sheet == nil {
		log.Fatal("no xl/worksheets/sheet1.xml")
	}
	// once untimed: the rows, and the file in the page cache
	rows, err := countRows(sheet)
	if err != nil {
		log.Fatal(err)
	}
	var sheetT, bothT []float64
	for range *runs {
		t, err := inflate(sheet)
		if err != nil {
			log.Fatal(err)
		}
		sheetT = append(sheetT, t)
		if sst != nil {
			ts, err := inflate(sst)
			if err != nil {
				log.Fatal(err)
			}
			t += ts
		}
		bothT = append(bothT, t)
	}
	out := map[string]any{
		"sheet_bytes": sheet.UncompressedSize64, "sheet_seconds": median(sheetT), "sheet_runs": sheetT,
		"with_shared_strings_seconds": median(bothT), "with_shared_strings_runs": bothT, "rows": rows,
	}
	if sst != nil {
		out["shared_strings_bytes"] = sst.UncompressedSize64
	}
	json.NewEncoder(os.Stdout).Encode(out)
}

// inflate reads a part to the end with compress/flate (archive/zip's
// Deflate decompressor) and returns the seconds it took.
func inflate(f *zip.File) (float64, error) {
	t0 := time.Now()
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	buf := make([]byte, 256<<10)
	for {
		if _, err := rc.Read(buf); err == io.EOF {
			break
		} else if err != nil {
			return 0, err
		}
	}
	return time.Since(t0).Seconds(), nil
}

// countRows counts "<row" tokens in the sheet (a row element; "<rows" is
// no element of a sheet).
func countRows(f *zip.File) (int, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, err
	}
	defer rc.Close()
	tok := []byte("<row ")
	buf := make([]byte, 1<<20)
	n, carry := 0, 0
	for {
		m, err := rc.Read(buf[carry:])
		data := buf[:carry+m]
		n += bytes.Count(data, tok)
		carry = min(len(tok)-1, len(data))
		copy(buf, data[len(data)-carry:])
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, fmt.Errorf("reading the sheet: %w", err)
		}
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}
