package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestGenManWritesAPagePerVisibleCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man 1")
	if _, stderr, code := runIn(t, t.TempDir(), []string{"SOURCE_DATE_EPOCH=1700000000"}, "gen-man", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, name := range []string{"bhxh.1", "bhxh-compute.1", "bhxh-trend.1", "bhxh-template.1", "bhxh-version.1", "bhxh-completion-bash.1"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Error(err)
			continue
		}
		if !strings.HasPrefix(string(b), ".nh\n.TH \"BHXH\" \"1\" \"Nov 2023\"") {
			t.Errorf("%s starts %q", name, string(b)[:min(60, len(b))])
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "bhxh-trend.1"))
	if !strings.Contains(string(b), "EXAMPLE") || !strings.Contains(string(b), "bhxh trend -o xu-huong-2023.xlsx bao-cao/2023-*.xlsx") {
		t.Errorf("bhxh-trend.1 lacks its example:\n%s", b)
	}
	if _, err := os.Stat(filepath.Join(dir, "bhxh-gen-man.1")); err == nil {
		t.Error("the hidden gen-man command got a page")
	}
	help, _, _ := runCmd("--help")
	if strings.Contains(help, "gen-man") {
		t.Error("gen-man shows in --help")
	}
}
