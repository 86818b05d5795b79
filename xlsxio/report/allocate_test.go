package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/coverage"
)

func sampleAllocation(t *testing.T) *Allocate {
	t.Helper()
	units := []coverage.AllocUnit{
		{Name: "Xã A", Code: "04402", Denominator: 1000, Current: 300},
		{Name: "Xã B", Code: "04405", Denominator: 3000, Current: 200},
		{Name: "Xã C", Code: "04408", Denominator: 0, Current: 0},
	}
	a, err := coverage.Allocate(units, coverage.AllocRequest{Total: 1001, Method: coverage.Proportional, NoDecrease: true})
	if err != nil {
		t.Fatal(err)
	}
	return &Allocate{Indicator: "bhxh_voluntary", Allocation: a, NoDecrease: true, Baseline: "co-so.xlsx", Lang: "vi", Tool: "bhxh test"}
}

func TestWriteAllocateJSONNullsAndCodes(t *testing.T) {
	var b bytes.Buffer
	if err := WriteAllocateJSON(&b, sampleAllocation(t)); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	for _, want := range []string{`"schema":"bhxh.allocate/v1"`, `"code":"04402"`, `"target_rate":null`, `"total_target":1001`, `"target_rate":"30.00"`} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s:\n%s", want, s)
		}
	}
}

func TestWriteAllocateXLSXIsATargetsFile(t *testing.T) {
	var b bytes.Buffer
	if err := WriteAllocateXLSX(&b, sampleAllocation(t)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); len(got) != 2 || got[0] != allocateSheet || got[1] != methodSheet {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows(allocateSheet)
	if err != nil {
		t.Fatal(err)
	}
	head := rows[3]
	want := []string{"STT", HeaderVI("unit"), HeaderVI("code"), HeaderVI(coverage.LabourForce), HeaderVI(coverage.BHXHVoluntary),
		HeaderVI("plan_bhxh_voluntary"), "Số người tăng thêm", HeaderVI("target_bhxh_voluntary")}
	if strings.Join(head, "|") != strings.Join(want, "|") {
		t.Errorf("header %q, want %q", head, want)
	}
	// Xã A: 300 of 1000 kept (above 25 %); B gets the rest, 701; C nothing.
	for _, c := range []struct{ cell, want string }{{"F5", "300"}, {"F6", "701"}, {"H6", "23.37"}, {"H7", ""}, {"B8", "Tổng cộng"}, {"F8", "1001"}} {
		v, _ := f.GetCellValue(allocateSheet, c.cell, excelize.Options{RawCellValue: true})
		if v != c.want {
			t.Errorf("%s = %q, want %q", c.cell, v, c.want)
		}
	}
	if typ, _ := f.GetCellType(allocateSheet, "F6"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("F6 type %v, want a number", typ)
	}
	lay, err := f.GetPageLayout(allocateSheet)
	if err != nil || lay.Size == nil || *lay.Size != 9 || lay.FitToWidth == nil || *lay.FitToWidth != 1 {
		t.Errorf("page layout %+v %v: want A4, one page wide", lay, err)
	}
	// The official foot two rows under the total (row 8): the blank date
	// line over the head of unit, the preparer on the left (B–D merged),
	// the head on the right (E–H merged). Intended change: "Người lập
	// biểu"/"Giám đốc" became the foot compute's summary has too.
	wantFoot := map[string]string{
		"E10": "…………………, ngày …… tháng …… năm 20……",
		"B11": "NGƯỜI LẬP BIỂU", "E11": "THỦ TRƯỞNG ĐƠN VỊ",
		"B12": "(Ký, ghi rõ họ tên)", "E12": "(Ký, ghi rõ họ tên, đóng dấu)",
	}
	checkFoot(t, f, allocateSheet, wantFoot, []string{"E10:H10", "B11:D11", "E11:H11", "B12:D12", "E12:H12"})
}
