package main

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/bhxh/bhxh/xlsxio"
)

// The count writers on 1,000 units and four schemes.
func benchCount() *countResult {
	res := &countResult{Inputs: []xlsxio.CountInput{{File: "ds.xlsx", Sheet: "DS", Rows: 1048573}},
		Schemes: []string{"bhxh_mandatory", "bhxh_voluntary", "bhtn", "bhyt"}}
	for i := range 1000 {
		res.Units = append(res.Units, xlsxio.UnitCount{Code: fmt.Sprintf("%05d", 4402+3*i), Name: fmt.Sprintf("Xã Hòa Bình %d", i+1),
			Counts: map[string]int64{"bhxh_mandatory": int64(900 + 7*i), "bhxh_voluntary": int64(40 + i%13), "bhtn": int64(700 + 5*i), "bhyt": int64(4000 + 11*i)}})
	}
	return res
}

func benchWrite(b *testing.B, write func(w io.Writer) error) {
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := write(&buf); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}

func BenchmarkWriteCountJSON(b *testing.B) {
	res := benchCount()
	benchWrite(b, func(w io.Writer) error { return writeCountJSON(w, res) })
}

func BenchmarkWriteCountCSV(b *testing.B) {
	res := benchCount()
	benchWrite(b, func(w io.Writer) error { return writeCountCSV(w, res) })
}

func BenchmarkWriteCountTable(b *testing.B) {
	res := benchCount()
	benchWrite(b, func(w io.Writer) error { return writeCountTable(w, res) })
}

func BenchmarkWriteCountXLSX(b *testing.B) {
	res := benchCount()
	benchWrite(b, func(w io.Writer) error { return writeCountXLSX(w, res) })
}
