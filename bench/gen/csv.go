package main

import (
	"bufio"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
)

// nCommunes is how many units a national CSV list spreads over: the
// communes after the 2025 reform.
const nCommunes = 3321

// writeCSVList writes a participant list the way a national database
// exports one: UTF-8 CSV, one header line (its "Xã, phường" quoted), the
// same 7 columns and kinds as the xlsx lists, n rows over nCommunes units,
// ~0.1 % of rows repeating a person (with the same unit and kind). Ids
// start with a province code (01–34). A path ending in .gz is gzipped.
func writeCSVList(path string, n int) error {
	rng := rand.New(rand.NewPCG(uint64(n), 2025))
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer f.Close()
	var out io.Writer = f
	var zw *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		zw = gzip.NewWriter(f)
		out = zw
	}
	w := bufio.NewWriterSize(out, 4<<20)
	w.WriteString("STT,Họ và tên,Mã số BHXH,Ngày sinh,Mã xã,\"Xã, phường\",Loại hình\n")
	total := 0
	for _, k := range kinds {
		total += k.weight
	}
	names := make([]string, nCommunes)
	for u := range names {
		names[u] = unitName(u)
	}
	var prevID uint64
	var prevKind, prevUnit int
	line := make([]byte, 0, 256)
	for i := 1; i <= n; i++ {
		unit := rng.IntN(nCommunes)
		kind := 0
		for x := rng.IntN(total); x >= kinds[kind].weight; kind++ {
			x -= kinds[kind].weight
		}
		id := uint64(1+unit*34/nCommunes)*100000000 + (uint64(i)*7919+12345)%100000000
		if i%1000 == 0 && prevID != 0 {
			id, kind, unit = prevID, prevKind, prevUnit
		}
		prevID, prevKind, prevUnit = id, kind, unit
		line = strconv.AppendInt(line[:0], int64(i), 10)
		line = append(line, ',')
		line = append(line, surnames[rng.IntN(len(surnames))]...)
		line = append(line, ' ')
		line = append(line, middles[rng.IntN(len(middles))]...)
		line = append(line, ' ')
		line = append(line, givens[rng.IntN(len(givens))]...)
		line = append(line, ',')
		line = appendPadded(line, id, 10)
		line = append(line, ',')
		line = appendPadded(line, uint64(1+rng.IntN(28)), 2)
		line = append(line, '/')
		line = appendPadded(line, uint64(1+rng.IntN(12)), 2)
		line = append(line, '/')
		line = strconv.AppendInt(line, int64(1960+rng.IntN(45)), 10)
		line = append(line, ',')
		line = appendPadded(line, uint64(4+unit*3), 5)
		line = append(line, ',')
		line = append(line, names[unit]...)
		line = append(line, ',')
		line = append(line, kinds[kind].label...)
		line = append(line, '\n')
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return err
		}
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// appendPadded appends v in decimal with leading zeros to width digits.
func appendPadded(b []byte, v uint64, width int) []byte {
	var d [20]byte
	s := strconv.AppendUint(d[:0], v, 10)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}

// writeBaseline writes the baseline of an allocation over n units (communes
// of a large country, or every unit of a national hierarchy): canonical
// headers, labour force 1,000 to 201,000, current participants 0 to 60 % of
// it, population (the weight:population method's column).
func writeBaseline(path string, n int) error {
	rng := rand.New(rand.NewPCG(uint64(n), 45))
	f, err := os.Create(path + ".part")
	if err != nil {
		return err
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	w.WriteString("code,unit,labour_force,bhxh_mandatory,bhxh_voluntary,population\n")
	for i := range n {
		d := 1000 + rng.IntN(200000)
		cur := d * rng.IntN(60) / 100
		vol := cur * rng.IntN(15) / 100
		line := appendPadded(nil, uint64(i+1), 6)
		line = append(line, ",Đơn vị "...)
		line = strconv.AppendInt(line, int64(i+1), 10)
		for _, v := range []int{d, cur - vol, vol, d*3/2 + rng.IntN(5000)} {
			line = append(line, ',')
			line = strconv.AppendInt(line, int64(v), 10)
		}
		w.Write(append(line, '\n'))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(path+".part", path)
}
