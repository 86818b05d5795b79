package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

func writeGzip(t *testing.T, path, content string) {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(content))
	zw.Close()
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// CSV lists, plain and gzipped, several at once: counted as xlsx lists are,
// repeats located by file and line.
func TestCountCSVLists(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.csv")
	writeFile(t, a, "\uFEFFMã số BHXH;Mã xã;Xã, phường;Loại hình\r\n0123456789;00004;Phường Ba Đình;BHXH bắt buộc\r\n0123456788;00004;Phường Ba Đình;\"BHYT; BHTN\"\r\n")
	b := filepath.Join(dir, "b.csv.gz")
	writeGzip(t, b, "Mã số BHXH,Mã xã,\"Xã, phường\",Loại hình\n0123456788,00004,Phường Ba Đình,BHYT\n0123456787,00008,Phường Phúc Xá,BHYT\n")
	bad := filepath.Join(dir, "loi.csv")
	writeFile(t, bad, "Mã số BHXH,Mã xã,Loại hình\n0123456789,00004,BB\n0123456788,00004\n12345,00004,BB\n")
	out := filepath.Join(dir, "so-nguoi.xlsx")
	for _, c := range []struct {
		name string
		args []string
		code int
		out  string
		err  string
	}{
		{"json", []string{"count", a, b, "--format", "json"}, exitOK, `"line":2`, "warning duplicate_person: b.csv.gz:2: mã số BHXH 0123456788 already counted for bhyt at a.csv line 3"},
		{"memory", []string{"count", "--memory", "64KiB", a, b, "--format", "csv"}, exitOK, "code,unit,bhxh_mandatory,bhtn,bhyt\n00004,Phường Ba Đình,1,1,1\n00008,Phường Phúc Xá,0,0,1\n", ""},
		{"bad memory", []string{"count", "--memory", "lots", a}, exitUsage, "", "--memory"},
		{"errors", []string{"count", a, bad, "-o", out}, exitData, "", "loi.csv:3: malformed row: 2 fields, the header (line 1) has 3\nloi.csv:4: \"12345\" is not a mã số BHXH"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var o, e bytes.Buffer
			code := run(inEnglish(c.args), nil, &o, &e)
			if code != c.code || !strings.Contains(o.String(), c.out) || !strings.Contains(e.String(), c.err) {
				t.Errorf("exit %d (want %d)\nstdout:\n%s\nstderr:\n%s", code, c.code, o.String(), e.String())
			}
		})
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output written despite errors: %v", err)
	}
	var o, e bytes.Buffer
	run([]string{"count", a, b, "--format", "json"}, nil, &o, &e)
	var doc struct {
		Inputs []struct {
			File, Sheet string
			Rows        int
		}
		Issues []struct {
			File, Cell string
			Line       int
		}
	}
	if err := json.Unmarshal(o.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(doc.Inputs) != "[{a.csv  2} {b.csv.gz  2}]" || len(doc.Issues) != 1 || doc.Issues[0].Line != 2 || doc.Issues[0].Cell != "" {
		t.Errorf("%s", o.String())
	}
}

// SIGTERM while the duplicate check is spilling sorted runs: the run stops,
// exits 1, writes nothing and leaves nothing in the temporary folder. (The
// built binary, for a real signal.)
func TestCountSIGTERMMidSpillLeavesNoTemporaryFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no SIGTERM on Windows")
	}
	dir, tmp := t.TempDir(), t.TempDir()
	list := filepath.Join(dir, "ds.csv")
	var sb strings.Builder
	sb.WriteString("Mã số BHXH,Mã xã\n")
	for i := range 1500000 {
		fmt.Fprintf(&sb, "%010d,%05d\n", i*7, i%997)
	}
	writeFile(t, list, sb.String())
	out := filepath.Join(dir, "so-nguoi.xlsx")
	cmd := exec.Command(bhxhBinary(t), "count", "--lang", "en", "--scheme", "bhyt", "--memory", "64KiB", list, "-o", out)
	cmd.Env = append(os.Environ(), "TMPDIR="+tmp)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// wait for the first sorted run on disk
	deadline := time.Now().Add(60 * time.Second)
	for spilled := false; !spilled; {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("no sorted run written within 60 s")
		}
		runs, _ := filepath.Glob(filepath.Join(tmp, "bhxh-count-*", "run-*"))
		spilled = len(runs) > 0
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.ExitCode() != exitData || !strings.Contains(stderr.String(), "interrupted") {
		t.Fatalf("exit %v, stderr %q (the run ended before the signal?)", err, stderr.String())
	}
	if ents, _ := os.ReadDir(tmp); len(ents) != 0 {
		t.Errorf("%d entries left in TMPDIR: %v", len(ents), ents)
	}
	if ents, _ := os.ReadDir(dir); len(ents) != 1 {
		t.Errorf("%d files in the output folder, want only the list", len(ents))
	}
}

// A folder of gzipped CSV lists (a national extract in parts): count reads
// every .csv.gz (and .csv) in it, in name order, as if each were named;
// other files are passed over.
func TestCountFolderOfGzippedLists(t *testing.T) {
	dir := t.TempDir()
	parts := filepath.Join(dir, "ca-nuoc")
	if err := os.Mkdir(parts, 0o755); err != nil {
		t.Fatal(err)
	}
	head := "Mã số BHXH,Mã xã,Xã, phường,Loại hình\n"
	writeGzip(t, filepath.Join(parts, "phan-1.csv.gz"), strings.ReplaceAll(head, "Xã, phường", "\"Xã, phường\"")+"0123456789,00004,Phường Ba Đình,BHYT\n0123456788,00004,Phường Ba Đình,BHXH bắt buộc\n")
	writeGzip(t, filepath.Join(parts, "phan-2.CSV.GZ"), "Mã số BHXH;Mã xã;Loại hình\n0123456789;00004;BHYT\n0123456787;00008;BHYT\n")
	writeFile(t, filepath.Join(parts, "phan-3.csv"), "Mã số BHXH,Mã xã,Loại hình\n0123456786,00008,BHTN\n")
	writeFile(t, filepath.Join(parts, "doc-truoc.txt"), "not a list")
	writeGzip(t, filepath.Join(parts, "nhat-ky.log.gz"), "not a list")
	var o, e bytes.Buffer
	if code := run([]string{"count", parts, "--format", "json"}, nil, &o, &e); code != exitOK {
		t.Fatalf("exit %d: %s", code, e.String())
	}
	var doc struct {
		Inputs []struct {
			File string
			Rows int
		}
		Issues []struct {
			File string
			Line int
		}
	}
	if err := json.Unmarshal(o.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(doc.Inputs) != "[{phan-1.csv.gz 2} {phan-2.CSV.GZ 2} {phan-3.csv 1}]" || fmt.Sprint(doc.Issues) != "[{phan-2.CSV.GZ 2}]" {
		t.Errorf("%s", o.String())
	}
	o.Reset()
	e.Reset()
	if code := run([]string{"count", parts, "--format", "csv"}, nil, &o, &e); code != exitOK || o.String() != "\uFEFFcode,unit,bhxh_mandatory,bhtn,bhyt\n00004,Phường Ba Đình,1,0,1\n00008,00008,0,1,1\n" {
		t.Errorf("exit %d\n%s\n%s", code, o.String(), e.String())
	}
	empty := filepath.Join(dir, "trong")
	os.Mkdir(empty, 0o755)
	o.Reset()
	e.Reset()
	if code := run([]string{"count", "--lang", "en", empty}, nil, &o, &e); code != exitData || !strings.Contains(e.String(), "the folder holds no") {
		t.Errorf("empty folder: exit %d: %s", code, e.String())
	}
}
