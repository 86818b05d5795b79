package xlsxio

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestReadUnitList(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// CSV with a BOM, ';', a header naming the code first.
	got, err := ReadUnitList(write("ds.csv", "\ufeffMã ĐVHC;Tên đơn vị\r\n04402;Xã Hòa Bình\r\n\r\n04405;Phường Thủy Dương\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []ListedUnit{{"Xã Hòa Bình", "04402"}, {"Phường Thủy Dương", "04405"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("csv: %+v", got)
	}
	// No header: name, code.
	got, err = ReadUnitList(write("plain.csv", "Xã Hòa Bình,04402\nPhường Thủy Dương\n"))
	if err != nil || !reflect.DeepEqual(got, []ListedUnit{{"Xã Hòa Bình", "04402"}, {"Phường Thủy Dương", ""}}) {
		t.Errorf("plain: %+v %v", got, err)
	}
	// xlsx with a code stored as text.
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"Đơn vị", "Mã đơn vị"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"Đặc khu Côn Đảo", "00123"})
	px := filepath.Join(dir, "ds.xlsx")
	if err := f.SaveAs(px); err != nil {
		t.Fatal(err)
	}
	got, err = ReadUnitList(px)
	if err != nil || !reflect.DeepEqual(got, []ListedUnit{{"Đặc khu Côn Đảo", "00123"}}) {
		t.Errorf("xlsx: %+v %v", got, err)
	}
	// A unit twice.
	_, err = ReadUnitList(write("dup.csv", "Đơn vị,Mã\nXã A,001\nXã B,001\n"))
	if !errors.Is(err, ErrDuplicateUnit) || !strings.Contains(err.Error(), "rows 2 and 3") {
		t.Errorf("duplicate: %v", err)
	}
	_, err = ReadUnitList(write("empty.csv", "Đơn vị,Mã\n"))
	if err == nil {
		t.Error("an empty list is accepted")
	}
}
