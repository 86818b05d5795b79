package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestCheckBinary: a Windows amd64 build passes as PE32+ for amd64 and
// fails as anything else.
func TestCheckBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds a Windows program")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	if err := os.WriteFile(src, []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	exe := filepath.Join(dir, "hello.exe")
	cmd := exec.Command("go", "build", "-o", exe, src)
	cmd.Env = append(os.Environ(), "GOOS=windows", "GOARCH=amd64", "CGO_ENABLED=0", "GO111MODULE=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	bin, err := os.ReadFile(exe)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkBinary(bin, target{"windows", "amd64"}); err != nil {
		t.Errorf("windows/amd64: %v", err)
	}
	for _, tg := range []target{{"windows", "386"}, {"linux", "amd64"}, {"darwin", "arm64"}} {
		if err := checkBinary(bin, tg); err == nil {
			t.Errorf("a PE32+ amd64 program passed as %s/%s", tg.goos, tg.goarch)
		}
	}
	if err := checkBinary([]byte("MZ not really"), target{"windows", "amd64"}); err == nil {
		t.Error("a truncated file passed")
	}
}
