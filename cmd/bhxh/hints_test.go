package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeBook saves rows (a "#" prefix makes a number) as sheet "DS" of
// dir/name, with opt (a password).
func writeBook(t *testing.T, dir, name string, rows [][]string, opt ...excelize.Options) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "DS")
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if n, ok := strings.CutPrefix(v, "#"); ok {
				f.SetCellValue("DS", cell, n)
				continue
			}
			if v != "" {
				f.SetCellStr("DS", cell, v)
			}
		}
	}
	path := filepath.Join(dir, name)
	if err := f.SaveAs(path, opt...); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestHintsNameTheFlags: the library's errors name no flag; the command
// words them with the flag that fixes the problem, as the messages always
// read.
func TestHintsNameTheFlags(t *testing.T) {
	dir := t.TempDir()
	table := [][]string{{"unit", "labour_force", "bhxh_mandatory"}, {"Huyện A", "1000", "300"}}
	writeBook(t, dir, "locked.xlsx", table, excelize.Options{Password: "bimat"})
	writeBook(t, dir, "ok.xlsx", table)
	list := [][]string{{"STT", "Mã số BHXH", "Mã xã", "Loại hình"}, {"1", "0123456789", "00004", ""}}
	writeBook(t, dir, "no-kind.xlsx", list)
	writeBook(t, dir, "no-kind-column.xlsx", [][]string{{"STT", "Mã số BHXH", "Mã xã"}, {"1", "0123456789", "00004"}})
	for name, text := range map[string]string{
		"no-kind.csv":        "Mã số BHXH,Mã xã,Loại hình\n0123456789,00004,\n",
		"no-kind-column.csv": "Mã số BHXH,Mã xã\n0123456789,00004\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "cot.txt"), []byte("# cột\nLLLĐ=labour_force\nTổng=xyz\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		args []string
		code int
		want string // the whole of stderr
	}{
		{"password", []string{"compute", "locked.xlsx"}, 1,
			"bhxh: locked.xlsx: the workbook is password-protected: give --password\n"},
		{"kind column", []string{"count", "no-kind-column.xlsx"}, 1,
			"bhxh: no-kind-column.xlsx: sheet \"DS\": no recognisable table header (a row naming units and counts): want a row naming a \"Mã số BHXH\" column, a unit column (\"Mã xã\", \"Xã, phường\"…) and a kind column (\"Loại hình\", \"Đối tượng\") or --scheme, within the first 30 rows\n"},
		{"kind", []string{"count", "no-kind.xlsx"}, 1,
			"bhxh: no-kind.xlsx: DS!D2: has no participation kind (give --scheme for a list of one scheme)\n"},
		{"kind in a CSV", []string{"count", "no-kind.csv"}, 1,
			"bhxh: no-kind.csv:2: has no participation kind (give --scheme for a list of one scheme)\n"},
		{"kind column in a CSV", []string{"count", "no-kind-column.csv"}, 1,
			"bhxh: no-kind-column.csv: no recognisable table header (a row naming units and counts): want a row naming a \"Mã số BHXH\" column, a unit column (\"Mã xã\", \"Xã, phường\"…) and a kind column (\"Loại hình\", \"Đối tượng\") or --scheme, within the first 30 rows\n"},
		{"--col", []string{"compute", "--col", "LLLĐ", "ok.xlsx"}, 2,
			"bhxh: --col \"LLLĐ\": want 'Header text=key'\n"},
		{"--col header", []string{"compute", "--col", " =bhyt", "ok.xlsx"}, 2,
			"bhxh: --col \" =bhyt\": empty header\n"},
		{"--interpolate", []string{"compute", "--preset", "nq28", "--year", "2023", "ok.xlsx"}, 2,
			"bhxh: nq28 has no figure for 2023: its milestone years are 2021, 2025, 2030 (use --interpolate to interpolate linearly between them)\n"},
		{"--columns", []string{"compute", "--columns", "cot.txt", "ok.xlsx"}, 1,
			"bhxh: cot.txt:3: --col \"Tổng=xyz\": unknown key \"xyz\" (keys: unit, code, "},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, stderr, code := runIn(t, dir, nil, inEnglish(c.args)...)
			if code != c.code || !strings.HasPrefix(stderr, c.want) {
				t.Errorf("exit %d, stderr\n%s\nwant exit %d, stderr\n%s", code, stderr, c.code, c.want)
			}
		})
	}
}
