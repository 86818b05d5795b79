package xlsxio

import (
	"os"

	"github.com/bhxh/bhxh/msg"
	"path/filepath"
	"reflect"
	"testing"
)

// A blank count cell in a unit row is 0 people, said once per column with
// its cells; a blank in a total row, or in a plan column, is not warned of.
func TestBlankCountWarning(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "xa.csv")
	csv := "Đơn vị,Dân số,Số người tham gia BHYT,Số người tham gia BHXH bắt buộc\n" +
		"Xã A,100,,5\n" +
		"Xã B,200,150,\n" +
		"Xã C,300,,7\n" +
		"Tổng cộng,600,,\n"
	if err := os.WriteFile(p, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	tab, err := ReadFile(p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := tab.Units[0].Counts["bhyt"]; !ok || n != 0 {
		t.Errorf("Xã A's blank bhyt: %d, %v; want 0", n, ok)
	}
	var got []Issue
	for _, is := range tab.Issues {
		if is.Code == "blank_count" {
			got = append(got, is)
		}
	}
	want := []Issue{
		{Level: "warning", Code: "blank_count", File: "xa.csv", Cell: "C2",
			Message: msg.Text{EN: `blank count cells in column C "Số người tham gia BHYT" (bhyt), read as 0 people: C2, C4; type 0 where there are none, or "x" where not reported`,
				VI: `ô số liệu để trống ở cột C "Số người tham gia BHYT" (bhyt), được tính là 0 người: C2, C4; nhập 0 nếu không có người nào, hoặc "x" nếu chưa báo cáo`}},
		{Level: "warning", Code: "blank_count", File: "xa.csv", Cell: "D3",
			Message: msg.Text{EN: `blank count cells in column D "Số người tham gia BHXH bắt buộc" (bhxh_mandatory), read as 0 people: D3; type 0 where there are none, or "x" where not reported`,
				VI: `ô số liệu để trống ở cột D "Số người tham gia BHXH bắt buộc" (bhxh_mandatory), được tính là 0 người: D3; nhập 0 nếu không có người nào, hoặc "x" nếu chưa báo cáo`}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("blank_count warnings:\n got %+v\nwant %+v", got, want)
	}
	col := tab.Columns[2]
	if got := blankCountMessage(col, []string{"C2"}, true); got != (msg.Text{
		EN: `blank count cells in column C "Số người tham gia BHYT" (bhyt): C2; not reported (a blank in bhxh's template), not 0`,
		VI: `ô số liệu để trống ở cột C "Số người tham gia BHYT" (bhyt): C2; là "chưa báo cáo" (ô trống của biểu mẫu bhxh), không phải 0`}) {
		t.Errorf("template: %+v", got)
	}
	var many []string
	for i := range 25 {
		many = append(many, "C"+string(rune('A'+i)))
	}
	if en := blankCountMessage(col, many, false).EN; en != `blank count cells in column C "Số người tham gia BHYT" (bhyt), read as 0 people: CA, CB, CC, CD, CE, CF, CG, CH, CI, CJ, CK, CL, CM, CN, CO, CP, CQ, CR, CS, CT, … (25); type 0 where there are none, or "x" where not reported` {
		t.Errorf("25 cells: %q", en)
	}
}
