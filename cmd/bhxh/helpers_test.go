package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// runIn runs bhxh in-process in dir, as the process would: env holds the
// environment ("SOURCE_DATE_EPOCH=…"; nothing else is set), the clock is
// the real one. It returns stdout, stderr and the exit code.
func runIn(t *testing.T, dir string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Chdir(dir)
	var o, e bytes.Buffer
	f := &factory{streams: streams{In: strings.NewReader(""), Out: &o, Err: &e}, Now: time.Now, Getenv: fakeEnv(env)}
	code = runWith(f, args)
	return o.String(), e.String(), code
}

// runCmd runs bhxh in-process in the current folder with an empty
// environment.
func runCmd(args ...string) (string, string, int) {
	var o, e bytes.Buffer
	f := &factory{streams: streams{In: strings.NewReader(""), Out: &o, Err: &e}, Now: time.Now, Getenv: fakeEnv(nil)}
	code := runWith(f, args)
	return o.String(), e.String(), code
}

// fakeEnv is os.Getenv over a list of "KEY=value".
func fakeEnv(env []string) func(string) string {
	return func(key string) string {
		for _, kv := range env {
			if k, v, ok := strings.Cut(kv, "="); ok && k == key {
				return v
			}
		}
		return ""
	}
}

// The tests that kill, lock or signal a run exec the real binary, built
// once per test run.
var (
	binOnce sync.Once
	binPath string
	binErr  error
)

func bhxhBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		dir, err := os.MkdirTemp("", "bhxh-bin-")
		if err != nil {
			binErr = err
			return
		}
		name := "bhxh"
		if runtime.GOOS == "windows" {
			name += ".exe"
		}
		binPath = filepath.Join(dir, name)
		cmd := exec.Command("go", "build", "-o", binPath, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = &buildError{out: string(out), err: err}
		}
	})
	if binErr != nil {
		t.Fatalf("building bhxh: %v", binErr)
	}
	return binPath
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

// runBinary runs the built bhxh with args in dir and returns stdout, stderr and the exit code.
func runBinary(t *testing.T, dir string, env []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(bhxhBinary(t), args...)
	cmd.Dir = dir
	if env != nil {
		cmd.Env = env
	}
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return o.String(), e.String(), ee.ExitCode()
		}
		t.Fatalf("running bhxh %v: %v", args, err)
	}
	return o.String(), e.String(), 0
}

// fixturesDir is testdata/fixtures at the repository root.
func fixturesDir(t *testing.T) string {
	t.Helper()
	d, err := filepath.Abs(filepath.Join("..", "..", "testdata", "fixtures"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// writeFile writes a test input file.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// inEnglish is args with --lang en, for a test asserting English messages;
// a case giving its own --lang keeps it.
func inEnglish(args []string) []string {
	for _, a := range args {
		if a == "--lang" || strings.HasPrefix(a, "--lang=") {
			return args
		}
	}
	return append(append([]string{}, args...), "--lang", "en")
}
