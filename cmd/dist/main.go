// Command dist builds bhxh's release archives (`make dist`): for each
// target a .zip (Windows) or .tar.gz with the binary, README.md and the
// example workbook, then SHA256SUMS, all offline and byte-for-byte
// reproducible (files sorted, times from SOURCE_DATE_EPOCH). Each binary
// is checked before it is packed: a PE32+ console program for Windows
// amd64, PE32 for 386, ELF for Linux, Mach-O for macOS.
//
// It is a stdlib-only Go program rather than GoReleaser: GoReleaser is a
// large tool fetched from the network, while this is what the job needs
// (cross builds, two archive formats, checksums) in 300 lines any
// developer can run, on Windows too (`go run ./cmd/dist`).
package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// target is one platform of a release.
type target struct{ goos, goarch string }

// targets are the platforms released: analysts' Windows PCs (64-bit and the
// odd 32-bit one), Linux servers running cron, Macs.
var targets = []target{
	{"windows", "amd64"}, {"windows", "386"},
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
}

func main() {
	out := flag.String("o", "dist", "output folder")
	version := flag.String("version", "dev", "version in the archive names and `bhxh version`")
	ldflags := flag.String("ldflags", "-s -w", "linker flags (make adds -X main.version/-X main.revision)")
	flag.Parse()
	if err := run(*out, *version, *ldflags); err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
}

// extras are packed beside the binary: path in the repository → name in
// the archive.
var extras = [][2]string{
	{"README.md", "README.md"},
	{"testdata/fixtures/tinh-mau-2023-11.xlsx", "vi-du/tinh-mau-2023-11.xlsx"},
}

func run(out, version, ldflags string) error {
	mtime, err := sourceDate()
	if err != nil {
		return err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var sums []string
	for _, t := range targets {
		bin, err := build(t, ldflags)
		if err != nil {
			return err
		}
		if err := checkBinary(bin, t); err != nil {
			return fmt.Errorf("%s/%s: %w", t.goos, t.goarch, err)
		}
		files := []file{{name: exeName(t), data: bin, mode: 0o755}}
		for _, e := range extras {
			b, err := os.ReadFile(e[0])
			if err != nil {
				return err
			}
			files = append(files, file{name: e[1], data: b, mode: 0o644})
		}
		name := fmt.Sprintf("bhxh_%s_%s_%s", version, t.goos, t.goarch)
		var archive []byte
		if t.goos == "windows" {
			name += ".zip"
			archive, err = zipOf(files, mtime)
		} else {
			name += ".tar.gz"
			archive, err = tarGzOf(name[:len(name)-len(".tar.gz")], files, mtime)
		}
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(out, name), archive, 0o644); err != nil {
			return err
		}
		sums = append(sums, fmt.Sprintf("%x  %s\n", sha256.Sum256(archive), name))
		fmt.Printf("%s  %d bytes\n", filepath.Join(out, name), len(archive))
	}
	sort.Strings(sums)
	return os.WriteFile(filepath.Join(out, "SHA256SUMS"), []byte(strings.Join(sums, "")), 0o644)
}

func exeName(t target) string {
	if t.goos == "windows" {
		return "bhxh.exe"
	}
	return "bhxh"
}

// sourceDate is the archives' file time: SOURCE_DATE_EPOCH (make passes
// the last commit's time), else 2000-01-01.
func sourceDate() (time.Time, error) {
	s := os.Getenv("SOURCE_DATE_EPOCH")
	if s == "" {
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q: %w", s, err)
	}
	return time.Unix(n, 0).UTC(), nil
}

// build cross-compiles ./cmd/bhxh for t, pure Go, and returns the binary.
func build(t target, ldflags string) ([]byte, error) {
	tmp, err := os.MkdirTemp("", "bhxh-dist-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, exeName(t))
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", bin, "./cmd/bhxh")
	cmd.Env = append(os.Environ(), "GOOS="+t.goos, "GOARCH="+t.goarch, "CGO_ENABLED=0")
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("go build %s/%s: %w", t.goos, t.goarch, err)
	}
	return os.ReadFile(bin)
}

// file is one member of an archive.
type file struct {
	name string
	data []byte
	mode os.FileMode
}

func zipOf(files []file, mtime time.Time) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: mtime}
		h.SetMode(f.mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	err := zw.Close()
	return buf.Bytes(), err
}

// tarGzOf packs files under a folder named dir (tar's habit).
func tarGzOf(dir string, files []file, mtime time.Time) ([]byte, error) {
	var buf bytes.Buffer
	gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(gz)
	for _, f := range files {
		h := &tar.Header{Name: dir + "/" + f.name, Mode: int64(f.mode), Size: int64(len(f.data)),
			ModTime: mtime, Typeflag: tar.TypeReg, Format: tar.FormatPAX}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := io.Copy(tw, bytes.NewReader(f.data)); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	err = gz.Close()
	return buf.Bytes(), err
}
