package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// Every flag naming a file bhxh reads finds, under the name typed in NFC,
// the file saved with its name in NFD (as macOS saves "Chỉ tiêu.csv"), as
// the input arguments do (TestInputNameNFCNFD); the same command with a
// name of no file fails, so the run read the flag's file.
func TestInputFlagsNFCNFD(t *testing.T) {
	read := func(path string) []byte {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	fx, year, cw := fixturesDir(t), testdataDir(t, "year"), testdataDir(t, "crosswalk")
	gz, err := gzip.NewReader(bytes.NewReader(read(filepath.Join("..", "..", "crosswalk", "data", "vn-2025-07-01.csv.gz"))))
	if err != nil {
		t.Fatal(err)
	}
	table, err := io.ReadAll(gz)
	if err != nil {
		t.Fatal(err)
	}
	baseline := filepath.Join(t.TempDir(), "xa.csv")
	writeFile(t, baseline, byParentBaseline)
	units := "Đơn vị;LLLĐ trong độ tuổi;Số người tham gia BHXH bắt buộc;BHXH tự nguyện\nXã A1;1000;200;10\n"
	unitsFile := filepath.Join(t.TempDir(), "don-vi.csv")
	writeFile(t, unitsFile, units)
	hd, hp := filepath.Join(cw, "hai-duong-2024-11-cu.xlsx"), filepath.Join(cw, "hai-phong-2024-11-cu.xlsx")
	for _, c := range []struct {
		flag    string
		name    string // the file's name, with accents
		content []byte
		args    []string // {f}: the file's name typed in NFC
	}{
		{"--targets", "Chỉ tiêu giao.csv", []byte("Đơn vị;Chỉ tiêu tỷ lệ BHXH (%)\nXã A1;25\n"),
			[]string{"compute", "--format", "json", "--targets", "{f}", unitsFile}},
		{"--prior", "Năm trước.xlsx", read(filepath.Join(cw, "cao-bang-2024-11-cu.xlsx")),
			[]string{"compute", "--format", "json", "--crosswalk", "vn-2025", "--prior", "{f}", filepath.Join(cw, "cao-bang-2025-11.xlsx")}},
		{"--columns", "Cột đọc.txt", []byte("TG BHXH BB=bhxh_mandatory\n"),
			[]string{"compute", "--format", "json", "--columns", "{f}", filepath.Join(fx, "nfd-abbrev.xlsx")}},
		{"--indicators (compute)", "Chỉ số nhóm.txt", read(filepath.Join(year, "chi-so-nhom.txt")),
			[]string{"compute", "--format", "json", "--indicators", "{f}", filepath.Join(year, "son-la-mau-2024-11.xlsx")}},
		{"--indicators (allocate)", "Chỉ số nhóm.txt", read(filepath.Join(year, "chi-so-nhom.txt")),
			[]string{"allocate", "--format", "json", "--indicators", "{f}", "--indicator", "hgd", "--rate", "90", filepath.Join(year, "son-la-mau-2024-11.xlsx")}},
		{"--parent-targets", "Kế hoạch huyện.csv", []byte("Đơn vị;Kế hoạch giao BHXH (người)\nHuyện A;2000\nHuyện B;4100\n"),
			[]string{"allocate", "--format", "json", "--indicator", "bhxh", "--by", "Huyện cũ", "--parent-targets", "{f}", baseline}},
		{"--units", "Danh sách xã.csv", []byte("Tên đơn vị,Mã ĐVHC\nXã Hòa Bình,04402\n"),
			[]string{"template", "--units", "{f}", "-o", filepath.Join(t.TempDir(), "mau.xlsx")}},
		{"--shares", "Chia tách.csv", read(filepath.Join(cw, "hai-phong-chia-tach.csv")),
			[]string{"crosswalk", "--format", "json", "--shares", "{f}", hd, hp}},
		{"--crosswalk", "Bảng đổi đơn vị.csv", table,
			[]string{"crosswalk", "--format", "json", "--crosswalk", "{f}", "--shares", filepath.Join(cw, "hai-phong-chia-tach.csv"), hd, hp}},
	} {
		t.Run(c.flag, func(t *testing.T) {
			dir := t.TempDir()
			nfc := norm.NFC.String(c.name)
			if nfc == norm.NFD.String(nfc) {
				t.Fatal("the name has no accent to decompose")
			}
			if err := os.WriteFile(filepath.Join(dir, norm.NFD.String(nfc)), c.content, 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, nfc)); err == nil {
				t.Skip("this file system normalises names itself")
			}
			with := func(name string) []string {
				args := append([]string{}, c.args...)
				for i, a := range args {
					args[i] = strings.ReplaceAll(a, "{f}", filepath.Join(dir, name))
				}
				return args
			}
			if _, stderr, code := runIn(t, dir, nil, with(nfc)...); code != exitOK {
				t.Errorf("%s of the NFC name: exit %d, %s", c.flag, code, stderr)
			}
			if _, _, code := runIn(t, dir, nil, with("khong-co-"+nfc)...); code == exitOK {
				t.Errorf("%s of no file: exit 0, want a failure (else the test proves nothing)", c.flag)
			}
		})
	}
}
