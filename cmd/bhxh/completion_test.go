package main

import (
	"strings"
	"testing"
)

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
