package main

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestExpandInputs(t *testing.T) {
	work := t.TempDir()
	dir := filepath.Join(work, "Báo cáo tháng 11")
	os.MkdirAll(filepath.Join(dir, "cũ"), 0o755)
	for _, n := range []string{"Huyện Đông Hòa.xlsx", "b.CSV", "a.xls", "c.ods", "~$Huyện Đông Hòa.xlsx", ".Huyện Đông Hòa.bao-cao.xlsx.tmp-123", ".hidden.xlsx", "ghi chú.txt", "cũ/x.xlsx"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	t.Chdir(work)
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"folder", []string{"Báo cáo tháng 11"}, []string{"Báo cáo tháng 11/Huyện Đông Hòa.xlsx", "Báo cáo tháng 11/a.xls", "Báo cáo tháng 11/b.CSV", "Báo cáo tháng 11/c.ods"}},
		{"glob", []string{"Báo cáo tháng 11/*.xlsx"}, []string{"Báo cáo tháng 11/Huyện Đông Hòa.xlsx"}},
		{"file twice", []string{"Báo cáo tháng 11/a.xls", "Báo cáo tháng 11", "./Báo cáo tháng 11/a.xls"}, []string{"Báo cáo tháng 11/a.xls", "Báo cáo tháng 11/Huyện Đông Hòa.xlsx", "Báo cáo tháng 11/b.CSV", "Báo cáo tháng 11/c.ods"}},
		{"a named file is taken whatever its extension", []string{"Báo cáo tháng 11/ghi chú.txt"}, []string{"Báo cáo tháng 11/ghi chú.txt"}},
		{"missing file is left to the reader", []string{"không có.xlsx"}, []string{"không có.xlsx"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := expandInputs(c.args)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, w := range c.want {
				want = append(want, filepath.FromSlash(w))
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
	for _, bad := range []string{"Báo cáo tháng 11/*.fods", "Báo cáo tháng 11/cũ/../cũ"} {
		if bad == "Báo cáo tháng 11/cũ/../cũ" {
			os.Remove(filepath.Join(dir, "cũ", "x.xlsx"))
		}
		if _, err := expandInputs([]string{bad}); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

// Every command that reads files expands its arguments the same way: the
// same exit code and message for an empty folder, a glob matching nothing,
// and a glob matching only a hidden file (skipped, as in a folder).
func TestEveryCommandExpandsInputsAlike(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "trống")
	hidden := filepath.Join(dir, "ẩn")
	os.MkdirAll(empty, 0o755)
	writeFile(t, filepath.Join(hidden, ".Huyện A.xlsx"), "x")
	writeFile(t, filepath.Join(hidden, "~$Huyện A.xlsx"), "x")
	commands := [][]string{
		{"compute"},
		{"trend"},
		{"allocate", "--indicator", "bhxh", "--rate", "25"},
		{"count"},
		{"inspect"},
	}
	for _, c := range []struct {
		name, arg, want string
	}{
		{"empty folder", empty, "bhxh: " + empty + ": the folder holds no .xlsx, .xls, .ods or .csv file\n"},
		{"glob matching nothing", filepath.Join(empty, "*.xlsx"), "bhxh: " + filepath.Join(empty, "*.xlsx") + ": no file matches\n"},
		{"hidden and owner files in a glob", filepath.Join(hidden, "*.xlsx"), "bhxh: " + filepath.Join(hidden, "*.xlsx") + ": no file matches\n"},
		{"hidden and owner files in a folder", hidden, "bhxh: " + hidden + ": the folder holds no .xlsx, .xls, .ods or .csv file\n"},
	} {
		for _, cmd := range commands {
			t.Run(c.name+"/"+cmd[0], func(t *testing.T) {
				stdout, stderr, code := runCmd(inEnglish(append(cmd, c.arg))...)
				if code != exitData || stdout != "" || stderr != c.want {
					t.Errorf("exit %d, stdout %q, stderr %q; want exit %d, stderr %q", code, stdout, stderr, exitData, c.want)
				}
			})
		}
	}
}

// allocate joins several baseline files unit by unit (issue 13): counts in
// one, the labour force in another, as a folder, give the figures of the
// single file TestRunAllocate reads.
func TestAllocateJoinsBaselines(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a-so-nguoi.csv"), "Đơn vị,BHXH bắt buộc,BHXH tự nguyện\nXã A,150,5\nXã B,201,44\nXã C,100,0\n")
	writeFile(t, filepath.Join(dir, "b-mau-so.csv"), "Đơn vị,Lực lượng lao động\nXã C,2000\nXã A,1000\nXã B,3000\n")
	stdout, stderr, code := runCmd("allocate", "--indicator", "bhxh", "--rate", "10", "--format", "csv", dir)
	want := "\ufeffunit,labour_force,bhxh_mandatory,bhxh_voluntary,plan_bhxh,increment,target_bhxh\n" +
		"Xã A,1000,150,5,155,0,15.50\nXã B,3000,201,44,267,22,8.90\nXã C,2000,100,0,178,78,8.90\n" +
		"Tổng cộng,6000,451,49,600,100,10.00\n"
	if code != exitOK || stdout != want {
		t.Errorf("exit %d, stderr %q, stdout\n%s\nwant\n%s", code, stderr, stdout, want)
	}
}
