package grid

// Reading a CSV table strictly: records split by csvscan (the one quote,
// line and separator reader of bhxh, shared with participant lists), then
// checked so that no row is lost to a stray quote without an error.

import (
	"bytes"
	"context"
	"strings"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/csvscan"
)

// csvRecord is one record of a CSV text.
type csvRecord struct {
	fields []string
	line   int   // the line it starts on (1-based)
	lines  int   // how many lines it runs over (a quoted line break)
	quoted []int // indexes of its quoted fields
}

// crLines turns CR-only line ends (Excel for Mac's "CSV (Macintosh)") into
// LF; a text holding any LF keeps its CRs (CRLF, or a CR typed in a cell).
func crLines(data []byte) []byte {
	if bytes.IndexByte(data, '\n') >= 0 || bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	return bytes.ReplaceAll(data, []byte{'\r'}, []byte{'\n'})
}

// scanOptions reads a text of n bytes as a table: buffers no larger than
// it (up to csvscan's 1 MiB: a longer record is an error), a quote inside
// an unquoted field a character.
func scanOptions(sep byte, n int) csvscan.Options {
	size := min(max(n+1, 4096), 1<<20)
	return csvscan.Options{Comma: sep, BareQuotes: true, BlockSize: size, MaxRecord: size}
}

// csvRecords splits text into records with csvscan; a malformed record (a
// quote never closed, text after a closing quote) is an error naming its
// line.
func csvRecords(text []byte, sep byte) ([]csvRecord, error) {
	var recs []csvRecord
	var bad []error
	err := csvscan.Scan(context.Background(), bytes.NewReader(text), scanOptions(sep, len(text)),
		func(b *csvscan.Batch) error {
			for i := range b.Len() {
				if err := b.Err(i); err != nil {
					bad = append(bad, msg.Errorf("%w (a stray quote? every opening quote needs its closing one)", "%w (dấu nháy thừa? mỗi dấu nháy mở cần có dấu nháy đóng)", err))
					continue
				}
				r := csvRecord{line: int(b.Line(i)), fields: make([]string, b.NumFields(i))}
				for j := range r.fields {
					r.fields[j] = string(b.Field(i, j))
					if b.Quoted(i, j) {
						r.quoted = append(r.quoted, j)
					}
				}
				recs = append(recs, r)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return nil, bad[0]
	}
	// a record runs to the line before the next one starts
	last := bytes.Count(text, []byte{'\n'}) + 1
	if bytes.HasSuffix(text, []byte{'\n'}) {
		last--
	}
	for i := range recs {
		end := last
		if i+1 < len(recs) {
			end = recs[i+1].line - 1
		}
		recs[i].lines = max(end-recs[i].line+1, 1)
	}
	return recs, nil
}

// tableWidth is the number of fields most records of two or more fields
// have: the header's and the rows' under it (Excel writes every row of a
// table as wide, titles padded with separators).
func tableWidth(recs []csvRecord) int {
	n := map[int]int{}
	best, width := 0, 0
	for _, r := range recs {
		if len(r.fields) < 2 || r.lines > 1 {
			continue
		}
		n[len(r.fields)]++
		if k := n[len(r.fields)]; k > best || k == best && len(r.fields) > width {
			best, width = k, len(r.fields)
		}
	}
	return width
}

// checkCSV finds the records a stray quote made: a quoted field running
// over line ends where the lines it swallows hold separators (rows glued
// into one), or where its record is not as wide as the table; a quoted
// field holding separators that leaves its row narrower than the table by
// exactly those (fields shifted under the wrong headers).
func checkCSV(recs []csvRecord, sep byte) []error {
	width := tableWidth(recs)
	var errs []error
	for i, r := range recs {
		if len(errs) == 20 {
			break
		}
		// a line break out of quotes cuts a row in two: two lines, each
		// narrower than the table, that make one row of its width together
		if i+1 < len(recs) {
			n := recs[i+1]
			if r.lines == 1 && n.lines == 1 && len(r.fields) < width && len(n.fields) < width && len(r.fields)+len(n.fields)-1 == width {
				errs = append(errs, msg.Errorf("line %d: %d fields, and line %d %d, where the table has %d: %w, one row cut in two by a line break?",
					"dòng %d có %d trường, dòng %d có %d trường, trong khi bảng có %d cột: %w, một dòng bị dấu xuống dòng cắt làm hai?",
					r.line, len(r.fields), n.line, len(n.fields), width, ErrBrokenRow))
			}
		}
		inside := 0 // separators inside quoted fields
		for _, j := range r.quoted {
			inside += strings.Count(r.fields[j], string(sep))
		}
		switch {
		case r.lines > 1 && (inside > 0 || len(r.fields) != width):
			errs = append(errs, msg.Errorf("line %d: a quoted field starts here and ends on line %d, making lines %d–%d one row of %d fields (the table has %d): %w? rows would be lost",
				"dòng %d: một trường trong dấu nháy bắt đầu ở đây và kết thúc ở dòng %d, gộp các dòng %d–%d thành một dòng %d trường (bảng có %d cột): %w? các dòng sẽ bị mất",
				r.line, r.line+r.lines-1, r.line, r.line+r.lines-1, len(r.fields), width, ErrStrayQuote))
		case r.lines == 1 && inside > 0 && len(r.fields) >= 2 && len(r.fields) < width && len(r.fields)+inside == width:
			errs = append(errs, msg.Errorf("line %d: a quoted field holds the separator %q, which leaves the row %d fields where the table has %d: %w?",
				"dòng %d: một trường trong dấu nháy chứa dấu phân cách %q, khiến dòng chỉ còn %d trường trong khi bảng có %d cột: %w?",
				r.line, sep, len(r.fields), width, ErrStrayQuote))
		}
	}
	return errs
}

// Separator is the separator of a CSV text: of ';', ',' and tab, the one
// that splits most records of its start into one width of two fields or
// more (the header row and the rows under it), so that a title line full
// of commas above a ';' table does not decide; ',' when none does.
func Separator(data []byte) rune {
	head := data[:min(len(data), 64<<10)]
	if len(head) < len(data) {
		if k := bytes.LastIndexByte(head, '\n'); k >= 0 {
			head = head[:k+1]
		}
	}
	best, bestN := ',', 0
	for _, sep := range []byte{';', ',', '\t'} {
		n := map[int]int{}
		top := 0
		csvscan.Scan(context.Background(), bytes.NewReader(head), scanOptions(sep, len(head)),
			func(b *csvscan.Batch) error {
				for i := range b.Len() {
					if b.Err(i) == nil && b.NumFields(i) >= 2 {
						n[b.NumFields(i)]++
						top = max(top, n[b.NumFields(i)])
					}
				}
				return nil
			})
		if top > bestN {
			best, bestN = rune(sep), top
		}
	}
	return best
}
