package report

import (
	"bytes"
	"testing"
)

func TestWriteExcelCSV(t *testing.T) {
	var b bytes.Buffer
	if err := writeExcelCSV(&b, []string{"unit", "rate"}, [][]string{{"Xã A, B", "12.50"}, {`"Q"`, ""}}); err != nil {
		t.Fatal(err)
	}
	if want := "\uFEFFunit,rate\n\"Xã A, B\",12.50\n\"\"\"Q\"\"\",\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
