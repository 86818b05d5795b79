package grid

import (
	"errors"
	"testing"
	"time"

	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// TestODSRepeatsStayCheap: repeat counts as a hostile or odd .ods writes
// them (a value repeated over the whole sheet, LibreOffice's trailing
// empty rows and columns, a merge repeated down a million rows) are read
// as runs, never cell by cell: each file answers in well under a second,
// with its size, or an error naming the file when it stands for too much.
func TestODSRepeatsStayCheap(t *testing.T) {
	const one = `<table:table-cell office:value-type="float" office:value="1"/>`
	for _, tc := range []struct {
		name       string
		table      string
		rows, cols int
		err        error
	}{
		{"a value over all 1048576×16384 cells", `<table:table-row table:number-rows-repeated="1048576"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>`, 0, 0, readerr.ErrTooBig},
		{"a value over 1000 full rows", `<table:table-row table:number-rows-repeated="1000"><table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="16384"/></table:table-row>`, 1000, 16384, nil},
		{"trailing empty rows and columns", `<table:table-row>` + one + `<table:table-cell table:number-columns-repeated="16383"/></table:table-row><table:table-row table:number-rows-repeated="1048553"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`, 1, 1, nil},
		{"hidden empty rows to the end", `<table:table-row table:visibility="collapsed" table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>`, 0, 0, nil},
		{"a merge repeated over the sheet", `<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:formula="of:=1" table:number-rows-spanned="2" table:number-columns-spanned="2" table:number-columns-repeated="16384"/></table:table-row>`, 0, 0, readerr.ErrTooBig},
		{"a value past row 1048576", `<table:table-row table:number-rows-repeated="1048576"/><table:table-row table:number-rows-repeated="1048576"/><table:table-row>` + one + `</table:table-row>`, 0, 0, readerr.ErrCellRange},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := odsFile(t, odsContent("", `<table:table table:name="S">`+tc.table+`</table:table>`), "")
			start := time.Now()
			b, err := Open(data, "f.ods", "")
			if err == nil {
				checkBook(t, b)
			}
			// generous for -race on a loaded 2-core machine; runs take milliseconds
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("took %v", d)
			}
			if tc.err != nil {
				var fe *readerr.FileError
				if !errors.Is(err, tc.err) || !errors.As(err, &fe) || fe.File != "f.ods" {
					t.Fatalf("err %v, want %v naming f.ods", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			s, _ := b.Sheet(0)
			if r, c := s.Size(); r != tc.rows || c != tc.cols {
				t.Errorf("size %d×%d, want %d×%d", r, c, tc.rows, tc.cols)
			}
		})
	}
}
