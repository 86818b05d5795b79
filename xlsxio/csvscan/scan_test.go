package csvscan

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// got is a scan's records, with the line each starts on, and its errors.
type got struct {
	lines  []int64
	fields [][]string
	errs   []string
}

func scanString(t testing.TB, in string, opt Options) (got, error) {
	var g got
	err := Scan(context.Background(), strings.NewReader(in), opt, func(b *Batch) error {
		for i := range b.Len() {
			if e := b.Err(i); e != nil {
				g.errs = append(g.errs, e.Error())
				continue
			}
			rec := make([]string, b.NumFields(i))
			for j := range rec {
				rec[j] = string(b.Field(i, j))
			}
			g.lines = append(g.lines, b.Line(i))
			g.fields = append(g.fields, rec)
		}
		return nil
	})
	return g, err
}

func TestRecords(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     string // records as line:field|field;…
		errs     string
	}{
		{"plain", "a,b,c\n1,2,3\n", "1:a|b|c;2:1|2|3", ""},
		{"no final newline", "a,b\n1,2", "1:a|b;2:1|2", ""},
		{"CRLF", "a,b\r\n1,2\r\n", "1:a|b;2:1|2", ""},
		{"empty fields", ",,\n", "1:||", ""},
		{"empty line", "a\n\nb\n", "1:a;2:;3:b", ""},
		{"quoted", `"a,b","c""d",""` + "\n", `1:a,b|c"d|`, ""},
		{"quoted newline", "\"x\ny\",z\nq\n", "1:x\ny|z;3:q", ""},
		{"quoted CRLF end", "\"x\"\r\n1\r\n", "1:x;2:1", ""},
		{"lone CR is text", "a\rb,c\n", "1:a\rb|c", ""},
		{"bare quote", "a,b\"c\n1,2\n", "2:1|2", "line 1: " + ErrBareQuote.Error()},
		{"text after quote", "\"a\"b,c\n1\n", "2:1", "line 1: " + ErrTextAfter.Error()},
		{"unclosed quote", "a\n\"b,c\n1\n", "1:a", "line 2: " + ErrUnclosedQuote.Error()},
		{"error after a multi-line field", "\"x\ny\"z\n1\n", "3:1", "line 1: " + ErrTextAfter.Error()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, bs := range []int{1, 2, 3, 5, 1 << 20} { // block edges everywhere
				g, err := scanString(t, tc.in, Options{BlockSize: bs})
				if err != nil {
					t.Fatalf("block %d: %v", bs, err)
				}
				var recs []string
				for i, f := range g.fields {
					recs = append(recs, fmt.Sprintf("%d:%s", g.lines[i], strings.Join(f, "|")))
				}
				if s := strings.Join(recs, ";"); s != tc.want {
					t.Errorf("block %d: records %q, want %q", bs, s, tc.want)
				}
				if s := strings.Join(g.errs, ";"); s != tc.errs {
					t.Errorf("block %d: errors %q, want %q", bs, s, tc.errs)
				}
			}
		})
	}
}

// BareQuotes reads a quote inside an unquoted field as Excel does; a field
// starting with one is quoted all the same. Quoted says which fields were.
func TestBareQuotesAndQuoted(t *testing.T) {
	in := "a,Số liệu \"tạm tính,\"x\"\"y\"\n\"b\",c\"\"\n\"open\n"
	for _, bs := range []int{1, 2, 3, 7, 1 << 20} {
		var recs, quoted, errs []string
		err := Scan(context.Background(), strings.NewReader(in), Options{BlockSize: bs, BareQuotes: true}, func(b *Batch) error {
			for i := range b.Len() {
				if e := b.Err(i); e != nil {
					errs = append(errs, e.Error())
					continue
				}
				var f, q []string
				for j := range b.NumFields(i) {
					f = append(f, string(b.Field(i, j)))
					q = append(q, fmt.Sprint(b.Quoted(i, j)))
				}
				recs = append(recs, strings.Join(f, "|"))
				quoted = append(quoted, strings.Join(q, "|"))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := strings.Join(recs, ";"), `a|Số liệu "tạm tính|x"y;b|c""`; got != want {
			t.Errorf("block %d: records %q, want %q", bs, got, want)
		}
		if got, want := strings.Join(quoted, ";"), "false|false|true;true|false"; got != want {
			t.Errorf("block %d: quoted %q, want %q", bs, got, want)
		}
		if got, want := strings.Join(errs, ";"), "line 3: "+ErrUnclosedQuote.Error(); got != want {
			t.Errorf("block %d: errors %q, want %q", bs, got, want)
		}
	}
}

func TestSemicolonAndTab(t *testing.T) {
	for _, sep := range []byte{';', '\t'} {
		in := strings.ReplaceAll("a,\"b,c\",d\n", ",", string(sep))
		g, err := scanString(t, in, Options{Comma: sep})
		if err != nil || len(g.fields) != 1 || len(g.fields[0]) != 3 || g.fields[0][1] != "b"+string(sep)+"c" {
			t.Errorf("%q: %q %v", sep, g.fields, err)
		}
	}
}

func TestLongRecordStops(t *testing.T) {
	in := "a,b\n\"" + strings.Repeat("x", 5000) + "\n"
	_, err := scanString(t, in, Options{BlockSize: 512, MaxRecord: 1024})
	var e *Error
	if !errors.As(err, &e) || !errors.Is(err, ErrLongRecord) || e.Line != 2 {
		t.Fatalf("%v, want ErrLongRecord at line 2", err)
	}
}

type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n <= 0 {
		return 0, io.ErrUnexpectedEOF
	}
	k := copy(p, bytes.Repeat([]byte("1,2\n"), 1+len(p)/4)[:min(len(p), r.n)])
	r.n -= k
	return k, nil
}

func TestReadErrorStops(t *testing.T) {
	recs := 0
	err := Scan(context.Background(), &failingReader{n: 10000}, Options{BlockSize: 64}, func(b *Batch) error { recs += b.Len(); return nil })
	var e *Error
	if !errors.Is(err, io.ErrUnexpectedEOF) || !errors.As(err, &e) || e.Line != 2501 || recs != 2500 {
		t.Fatalf("%v after %d records, want the reader's error at line 2501 after 2500 records", err, recs)
	}
}

func TestCallbackErrorAndCancelStop(t *testing.T) {
	in := strings.Repeat("1,2\n", 100000)
	stop := errors.New("stop")
	n := 0
	err := Scan(context.Background(), strings.NewReader(in), Options{BlockSize: 256}, func(*Batch) error {
		n++
		if n == 3 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 3 {
		t.Fatalf("%v after %d batches", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	err = Scan(ctx, strings.NewReader(in), Options{BlockSize: 256}, func(*Batch) error { cancel(); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("%v, want context.Canceled", err)
	}
}

// With several workers Prepare sees every batch once, on its own worker's
// goroutine, and the callback gets the batches in order with what Prepare
// left in Aux; a Prepare error stops the scan before its batch.
func TestPrepareWorkers(t *testing.T) {
	var sb strings.Builder
	for i := range 50000 {
		fmt.Fprintf(&sb, "%d,x\n", i)
	}
	in := sb.String()
	for _, workers := range []int{1, 2, 3} {
		var busy [3]atomic.Int32
		prepare := func(b *Batch, w int) error {
			if busy[w].Add(1) != 1 {
				t.Errorf("worker %d runs twice at once", w)
			}
			defer busy[w].Add(-1)
			sum, stop := 0, false
			for i := range b.Len() {
				n, _ := strconv.Atoi(string(b.Field(i, 0)))
				sum += n
				stop = stop || n == 4000
			}
			b.Aux = sum
			if stop {
				return errors.New("stop at 4000")
			}
			return nil
		}
		next := int64(1)
		err := Scan(context.Background(), strings.NewReader(in), Options{BlockSize: 512, Prepare: prepare, Workers: workers}, func(b *Batch) error {
			if b.Line(0) != next {
				t.Fatalf("%d workers: batch from line %d, want %d", workers, b.Line(0), next)
			}
			sum := 0
			for i := range b.Len() {
				sum += int(b.Line(i) - 1)
			}
			if b.Aux.(int) != sum {
				t.Fatalf("%d workers: Aux %v, want %d", workers, b.Aux, sum)
			}
			next = b.Line(b.Len()-1) + 1
			return nil
		})
		if err == nil || err.Error() != "stop at 4000" || next > 4001 || next < 3800 {
			t.Errorf("%d workers: %v after line %d", workers, err, next-1)
		}
	}
}

// FuzzScan checks the scanner against encoding/csv: where encoding/csv
// (strict) reads the input, the same records on the same lines, whatever
// the block size; where it finds an error, an error too.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "\"a\"\"b\",c\r\n", "x\n\n\"y\nz\"\n", "a\"b\n", "\"a\"x\n", "\"open\n", "a\rb\n"} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, in string, bs uint8) {
		g, err := scanString(t, in, Options{BlockSize: int(bs%64) + 1, MaxRecord: 1 << 16})
		if err != nil {
			t.Fatalf("scan: %v", err)
		}
		r := csv.NewReader(strings.NewReader(in))
		r.FieldsPerRecord = -1
		var want [][]string
		var lines []int64
		var csvErr error
		for {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				csvErr = err
				break
			}
			line, _ := r.FieldPos(0)
			want = append(want, rec)
			lines = append(lines, int64(line))
		}
		if csvErr != nil {
			if len(g.errs) == 0 && !strings.Contains(in, "\r") {
				t.Fatalf("encoding/csv: %v; the scanner found no error", csvErr)
			}
			return
		}
		if strings.Contains(in, "\r") {
			return // encoding/csv drops CR before LF even inside quotes; the scanner keeps quoted text as is
		}
		if len(g.errs) > 0 {
			t.Fatalf("errors %q on input encoding/csv reads", g.errs)
		}
		// encoding/csv skips empty lines; the scanner hands them over as one empty field
		var gf [][]string
		var gl []int64
		for i, rec := range g.fields {
			if len(rec) == 1 && rec[0] == "" && !quotedEmptyAt(in, g.lines[i]) {
				continue
			}
			gf = append(gf, rec)
			gl = append(gl, g.lines[i])
		}
		if fmt.Sprint(gf) != fmt.Sprint(want) || fmt.Sprint(gl) != fmt.Sprint(lines) {
			t.Fatalf("records %q on lines %v\nencoding/csv %q on lines %v", gf, gl, want, lines)
		}
	})
}

// quotedEmptyAt reports whether line n of in is `""` (a record of one empty
// quoted field, which encoding/csv keeps).
func quotedEmptyAt(in string, n int64) bool {
	ls := strings.Split(in, "\n")
	return n-1 < int64(len(ls)) && ls[n-1] == `""`
}

// A block without a quote is split by a worker (plainLines), one with a
// quote by the splitter: over a text mixing both, with blocks cut
// anywhere and two workers preparing, the records and their lines are
// encoding/csv's.
func TestPlainBlocksSplitByWorkers(t *testing.T) {
	var sb strings.Builder
	for i := range 3000 {
		switch {
		case i%700 == 5: // a quoted field over two lines
			fmt.Fprintf(&sb, "%d,\"x\ny\",z\n", i)
		case i%300 == 7:
			fmt.Fprintf(&sb, "%d,\"a,\"\"b\"\"\",c\r\n", i)
		default:
			fmt.Fprintf(&sb, "%d,Nguyễn Văn %d,%010d,,end\n", i, i, i*7919)
		}
	}
	in := sb.String()
	r := csv.NewReader(strings.NewReader(in))
	r.FieldsPerRecord = -1
	var want []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		line, _ := r.FieldPos(0)
		want = append(want, fmt.Sprintf("%d:%s", line, strings.Join(rec, "|")))
	}
	for _, bs := range []int{17, 100, 4096, 1 << 20} {
		for _, workers := range []int{1, 2} {
			var got []string
			prepare := func(b *Batch, w int) error {
				var recs []string
				for i := range b.Len() {
					f := make([]string, b.NumFields(i))
					for j := range f {
						f[j] = string(b.Field(i, j))
					}
					recs = append(recs, fmt.Sprintf("%d:%s", b.Line(i), strings.Join(f, "|")))
				}
				b.Aux = recs
				return nil
			}
			err := Scan(context.Background(), strings.NewReader(in), Options{BlockSize: bs, Workers: workers, Prepare: prepare}, func(b *Batch) error {
				got = append(got, b.Aux.([]string)...)
				return nil
			})
			if err != nil {
				t.Fatalf("block %d, %d workers: %v", bs, workers, err)
			}
			if g, w := strings.Join(got, "\n"), strings.Join(want, "\n"); g != w {
				t.Errorf("block %d, %d workers: records differ from encoding/csv's (%d, want %d)", bs, workers, len(got), len(want))
			}
		}
	}
}

func TestPick(t *testing.T) {
	g := "a,bb,,dddd\n\"q\"\"x\",y\n\n"
	want := [][]string{
		{"a", "bb", "", "dddd", "<nil>", "<nil>"},
		{"q\"x", "y", "<nil>", "<nil>", "<nil>", "<nil>"},
		{"", "<nil>", "<nil>", "<nil>", "<nil>", "<nil>"},
	}
	cols := []int{0, 1, 2, 3, 4, -1}
	var got [][]string
	var nfs []int
	err := Scan(context.Background(), strings.NewReader(g), Options{}, func(b *Batch) error {
		for i := range b.Len() {
			out := make([][]byte, len(cols))
			for k := range out {
				out[k] = []byte("stale")
			}
			nfs = append(nfs, b.Pick(i, cols, out))
			var s []string
			for k, f := range out {
				if f == nil {
					s = append(s, "<nil>")
				} else {
					s = append(s, string(f))
				}
				if c := cols[k]; c >= 0 {
					if fd := b.Field(i, c); (f == nil) != (fd == nil) || string(f) != string(fd) {
						t.Errorf("record %d, column %d: Pick %q, Field %q", i, c, f, fd)
					}
				}
			}
			got = append(got, s)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) || fmt.Sprint(nfs) != "[4 2 1]" {
		t.Errorf("Pick: %q (fields %v), want %q ([4 2 1])", got, nfs, want)
	}
}
