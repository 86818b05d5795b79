package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// The README's examples and every command's --help examples run as written
// (exit 0, or 3 for warnings), in-process, in a folder holding the bundled
// files under the names the examples use (exampleFiles, exampleTexts, and
// exampleSetup and exampleMade for inputs made from bundled files), and each
// makes its output (its -o file or --out-dir files, else stdout; exampleWant
// checks what some hold). Skipped, each with its reason: the lines that need
// a shell or a terminal (exampleSkips).

// exampleFiles: a name an example uses → the bundled file (under the
// repository root) put there under that name. A folder name ending in "/"
// gets the files listed after it.
var exampleFiles = map[string][]string{
	"tinh-mau-2023-11.xlsx":       {"testdata/fixtures/tinh-mau-2023-11.xlsx"},
	"vi-du/tinh-mau-2023-11.xlsx": {"testdata/fixtures/tinh-mau-2023-11.xlsx"},
	"xa-phuong-2025-10.xlsx":      {"testdata/fixtures/xa-phuong-2025-10.xlsx"},
	"co-so.xlsx":                  {"testdata/fixtures/phan-bo-co-so.xlsx"},
	"us-house-2020.csv":           {"testdata/us-house-2020.csv"},
	"bao-cao.xlsx":                {"testdata/fixtures/nfd-abbrev.xlsx"}, // a workbook with a sheet "Số liệu"
	"huyen.xlsx":                  {"testdata/fixtures/tinh-mau-2023-11.xlsx"},
	"cao-bang-2024-11.xlsx":       {"testdata/crosswalk/cao-bang-2024-11-cu.xlsx"},
	"cao-bang-2025-11.xlsx":       {"testdata/crosswalk/cao-bang-2025-11.xlsx"},
	"huyen-cu.xlsx":               {"testdata/crosswalk/cao-bang-huyen-2024-11-cu.xlsx"}, // Huyện Hà Quảng's old communes
	"xa.xlsx":                     {"testdata/crosswalk/cao-bang-2024-11-cu-ten.xlsx"},   // communes of two districts, a "Huyện" column
	"hai-duong-cu.xlsx":           {"testdata/crosswalk/hai-duong-2024-11-cu.xlsx"},
	"hai-phong-cu.xlsx":           {"testdata/crosswalk/hai-phong-2024-11-cu.xlsx"},
	"chia-tach.csv":               {"testdata/crosswalk/hai-phong-chia-tach.csv"},
	"ds.xlsx":                     {"testdata/join/ds.xlsx"},
	"mau-so.csv":                  {"testdata/join/mau-so.csv"},
	"danh-sach-2023-11.xlsx":      {"testdata/join/ds.xlsx"},
	"chi-so-nhom.txt":             {"testdata/year/chi-so-nhom.txt"},
	"son-la-mau-2024-11.xlsx":     {"testdata/year/son-la-mau-2024-11.xlsx"},
	"thang-10-2023.xlsx":          {"testdata/year/son-la-mau-2024-10.xlsx"},
	"thang-11-2023.xlsx":          {"testdata/year/son-la-mau-2024-11.xlsx"},
	"bao-cao/2024-09.xlsx":        {"testdata/year/son-la-mau-2024-09.xlsx"},
	"bao-cao/2024-10.xlsx":        {"testdata/year/son-la-mau-2024-10.xlsx"},
	"bao-cao/2024-11.xlsx":        {"testdata/year/son-la-mau-2024-11.xlsx"},
	"the-bhyt-q1.xlsx":            {"testdata/join/ds.xlsx"},
	"the-bhyt-q2.xlsx":            {"testdata/join/ds.xlsx"},
	"bb.xlsx":                     {"testdata/join/ds.xlsx"},
	"tn.xlsx":                     {"testdata/join/ds.xlsx"},
	"co-so-2025-cu.xlsx":          {"testdata/crosswalk/cao-bang-2024-11-cu.xlsx"},
	"so-nguoi-2025-cu.xlsx":       {"testdata/crosswalk/cao-bang-2024-11-cu.xlsx"},
	"mau-so-2025-cu.xlsx":         {"testdata/crosswalk/cao-bang-2024-11-cu.xlsx"},
	"co-so-2026.xlsx":             {"testdata/fixtures/phan-bo-co-so.xlsx"},
	"den/":                        {"testdata/fixtures/tinh-mau-2023-11.xlsx", "testdata/fixtures/xa-phuong-2025-10.xlsx"},
	"xa-phuong/":                  {"testdata/fixtures/tinh-mau-2023-11.xlsx"},
	"testdata/":                   {"testdata/fixtures/tinh-mau-2023-11.xlsx", "testdata/fixtures/phan-bo-co-so.xlsx", "testdata/year/son-la-mau-2024-09.xlsx", "testdata/year/son-la-mau-2024-10.xlsx", "testdata/year/son-la-mau-2024-11.xlsx"},
}

// exampleTexts are small text files the examples name, written as they are.
var exampleTexts = map[string]string{
	"cot.txt":   "TG BHXH BB=bhxh_mandatory\n",
	"ds-xa.csv": "Tên đơn vị,Mã đơn vị\nXã Tân Phú,00004\nPhường Ba Đình,00008\n",
	// the parents' targets of xa.xlsx's two old districts
	"chi-tieu-huyen.csv": "Huyện;Chỉ tiêu tỷ lệ BHXH (%)\nHuyện Hà Quảng;27\nHuyện Hạ Lang;25,5\n",
}

// exampleSetup: a file an example reads that bhxh makes from a bundled one.
var exampleSetup = map[string][]string{
	"giao-chi-tieu-2026.xlsx": {"allocate", "--indicator", "bhxh", "--rate", "25", "-o", "giao-chi-tieu-2026.xlsx", "co-so-2026.xlsx"},
}

// exampleSkips are the example lines not run, by a text they hold, and why.
var exampleSkips = map[string]string{
	"source <(bhxh completion bash)": "needs a shell (process substitution)",
	"bhxh completion zsh >":          "needs a shell and zsh's $fpath",
	"make bench":                     "not a bhxh command",
}

// exampleLines are the command lines of README.md's code blocks and of every
// command's Example field, each with where it came from.
func exampleLines(t *testing.T) (lines, from []string) {
	t.Helper()
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile("(?s)```[a-z]*\n(.*?)```")
	for _, m := range block.FindAllStringSubmatch(string(readme), -1) {
		for _, l := range strings.Split(m[1], "\n") {
			if i := strings.Index(l, "bhxh"); i >= 0 && regexp.MustCompile(`(^|[\s&])bhxh(\.exe)? [a-z-]`).MatchString(l) && !strings.HasPrefix(strings.TrimSpace(l), "{") {
				lines, from = append(lines, strings.TrimSpace(l)), append(from, "README.md")
			}
		}
	}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, l := range strings.Split(c.Example, "\n") {
			if strings.TrimSpace(l) != "" {
				lines, from = append(lines, strings.TrimSpace(l)), append(from, c.CommandPath()+" --help")
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(newRootCmd(&factory{}))
	return lines, from
}

// exampleCommands splits a line into the bhxh commands it runs (a cron
// line's command, "a && b"), each as its arguments after "bhxh", quotes
// removed and a comment dropped; Windows' "bhxh.exe" and "vi-du\x" are read
// as bhxh and vi-du/x.
func exampleCommands(line string) [][]string {
	var cmds [][]string
	for _, part := range strings.Split(line, "&&") {
		args := shellWords(part)
		for i, a := range args {
			if a == "bhxh" || a == "bhxh.exe" {
				var out []string
				for _, x := range args[i+1:] {
					if x == "2>>bhxh.log" {
						continue
					}
					out = append(out, strings.ReplaceAll(x, `\`, "/"))
				}
				cmds = append(cmds, out)
				break
			}
		}
	}
	return cmds
}

// shellWords splits s as a POSIX shell would split simple words: quotes
// group, a # at a word's start begins a comment.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	in, quote := false, rune(0)
	for _, r := range s {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			w.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t':
			if in {
				words, w, in = append(words, w.String()), strings.Builder{}, false
			}
		case r == '#' && !in:
			return words
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}

// exampleWorkspace is a new folder holding the bundled files under the
// examples' names.
func exampleWorkspace(t *testing.T, root string) string {
	t.Helper()
	dir := t.TempDir()
	for name, srcs := range exampleFiles {
		for _, src := range srcs {
			dst := filepath.Join(dir, filepath.FromSlash(name))
			if strings.HasSuffix(name, "/") {
				dst = filepath.Join(dir, filepath.FromSlash(name), filepath.Base(src))
				if name == "testdata/" {
					dst = filepath.Join(dir, filepath.FromSlash(src))
				}
			}
			b, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(src)))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

func TestExamplesRun(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	lines, from := exampleLines(t)
	if len(lines) < 40 {
		t.Fatalf("only %d example lines found", len(lines))
	}
	// every skip still names an example (a fixed example leaves its list)
	all := strings.Join(lines, "\n")
	for text := range exampleSkips {
		if !strings.Contains(all, text) {
			t.Errorf("skip %q names no example", text)
		}
	}
	// and so does every made input and every check of an output
	for text := range exampleMade {
		if !strings.Contains(all, text) {
			t.Errorf("made input %q names no example", text)
		}
	}
	for text := range exampleWant {
		if !strings.Contains(all, text) {
			t.Errorf("check %q names no example", text)
		}
	}
	for i, line := range lines {
		t.Run(from[i]+": "+line, func(t *testing.T) {
			for text, why := range exampleSkips {
				if strings.Contains(line, text) {
					t.Skip(why)
				}
			}
			dir := exampleWorkspace(t, root)
			for name, content := range exampleTexts {
				writeFile(t, filepath.Join(dir, name), content)
			}
			for name, args := range exampleSetup {
				if strings.Contains(line, name) {
					if _, stderr, code := runIn(t, dir, nil, args...); code != exitOK {
						t.Fatalf("making %s: exit %d, %s", name, code, stderr)
					}
				}
			}
			for text, made := range exampleMade {
				if strings.Contains(line, text) {
					made(t, root, dir)
				}
			}
			last := ""
			for _, args := range exampleCommands(line) {
				out := exampleOutput(dir, args)
				before := filesIn(t, out)
				stdout, stderr, code := runIn(t, dir, nil, args...)
				if code != exitOK && code != exitWarnings {
					t.Errorf("bhxh %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
					continue
				}
				checkExampleOutput(t, args, out, before, stdout)
				last = stdout
			}
			for text, want := range exampleWant {
				if strings.Contains(line, text) {
					want(t, dir, last)
				}
			}
		})
	}
}

// exampleOutput is where a command writes: the -o file, the --out-dir
// folder (gen-man's argument), or "" for stdout.
func exampleOutput(dir string, args []string) string {
	for i, a := range args[:max(len(args)-1, 0)] {
		if a == "-o" || a == "--output" || a == "--out-dir" || a == "gen-man" {
			return filepath.Join(dir, filepath.FromSlash(args[i+1]))
		}
	}
	return ""
}

// filesIn lists the files under a path (the path itself when a file).
func filesIn(t *testing.T, path string) map[string]os.FileInfo {
	t.Helper()
	files := map[string]os.FileInfo{}
	filepath.WalkDir(path, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				files[p] = fi
			}
		}
		return nil
	})
	return files
}

// checkExampleOutput checks that a command made its output: a non-empty
// file written at its output path or in its output folder (new, or another
// than before), or else something on stdout.
func checkExampleOutput(t *testing.T, args []string, out string, before map[string]os.FileInfo, stdout string) {
	t.Helper()
	if out == "" {
		if strings.TrimSpace(stdout) == "" {
			t.Errorf("bhxh %s: nothing on stdout", strings.Join(args, " "))
		}
		return
	}
	for p, fi := range filesIn(t, out) {
		was, ok := before[p]
		if fi.Size() > 0 && (!ok || !fi.ModTime().Equal(was.ModTime()) || fi.Size() != was.Size()) {
			return
		}
	}
	t.Errorf("bhxh %s: no new file in %s", strings.Join(args, " "), out)
}
