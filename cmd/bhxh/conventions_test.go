package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Every command a user can see shows a real example in --help.
func TestEveryCommandHasAnExample(t *testing.T) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Hidden || sub.Name() == "help" || sub.Name() == "completion" {
				continue
			}
			if strings.TrimSpace(sub.Example) == "" {
				t.Errorf("%s has no Example", sub.CommandPath())
			} else if !strings.Contains(sub.Example, "bhxh "+sub.Name()) {
				t.Errorf("%s: the example does not run the command: %q", sub.CommandPath(), sub.Example)
			}
			walk(sub)
		}
	}
	walk(newRootCmd(&factory{}))
}

func TestCompletionScripts(t *testing.T) {
	for shell, marker := range map[string]string{
		"bash":       "bash completion",
		"zsh":        "#compdef bhxh",
		"fish":       "complete -c bhxh",
		"powershell": "Register-ArgumentCompleter",
	} {
		t.Run(shell, func(t *testing.T) {
			out, stderr, code := runCmd("completion", shell)
			if code != 0 || !strings.Contains(out, marker) {
				t.Errorf("exit %d, stderr %q, script lacks %q", code, stderr, marker)
			}
		})
	}
	if _, _, code := runCmd("completion", "tcsh"); code != 2 {
		t.Errorf("an unknown shell exits %d, want 2", code)
	}
}

func TestVersion(t *testing.T) {
	out, _, code := runCmd("version")
	if code != 0 || !regexp.MustCompile(`^bhxh \S+ \(revision \S+\)\n$`).MatchString(out) {
		t.Errorf("exit %d, output %q", code, out)
	}
	// make build passes the revision to the linker when the toolchain
	// does not stamp it.
	defer func(r string) { revision = r }(revision)
	revision = "0123abcd-dirty"
	if _, rev := buildVersion(); rev != "0123abcd-dirty" && !regexp.MustCompile(`^[0-9a-f]{40}`).MatchString(rev) {
		t.Errorf("revision %q", rev)
	}
	out, _, _ = runCmd("version")
	if !strings.Contains(out, "(revision ") || strings.Contains(out, "unknown") {
		t.Errorf("output %q", out)
	}
}

func TestGenManWritesAPagePerVisibleCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man 1")
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	if _, stderr, code := runCmd("gen-man", dir); code != 0 {
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
