package main

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// Cobra's own refusals are usage errors (exit 2) by type, not by their
// wording; the message is Cobra's, unchanged, but for a misspelt command's
// "did you mean" (TestDidYouMean).
func TestCobraRefusalsAreUsageErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown command", []string{"comput"}, "bhxh: không có lệnh \"comput\" trong \"bhxh\"; có phải ý bạn là \"compute\"?\n"},
		{"unknown flag", []string{"compute", "--nope", "a.xlsx"}, "bhxh: unknown flag: --nope\n"},
		{"unknown shorthand", []string{"compute", "-z", "a.xlsx"}, "bhxh: unknown shorthand flag: 'z' in -z\n"},
		{"flag without its value", []string{"compute", "a.xlsx", "--decimals"}, "bhxh: flag needs an argument: --decimals\n"},
		{"flag value of the wrong type", []string{"compute", "--decimals", "hai", "a.xlsx"}, "bhxh: invalid argument \"hai\" for \"--decimals\" flag: strconv.ParseInt: parsing \"hai\": invalid syntax\n"},
		{"no input", []string{"compute"}, "bhxh: requires at least 1 arg(s), only received 0\n"},
		{"an argument where none is taken", []string{"version", "x"}, "bhxh: unknown command \"x\" for \"bhxh version\"\n"},
		{"unknown shell", []string{"completion", "tcsh"}, "bhxh: unknown command \"tcsh\" for \"bhxh completion\"\n"},
		{"a shell given an argument", []string{"completion", "bash", "x"}, "bhxh: unknown command \"x\" for \"bhxh completion bash\"\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			stdout, stderr, code := runCmd(c.args...)
			if code != exitUsage || stdout != "" || stderr != c.want {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, stderr %q", code, stdout, stderr, c.want)
			}
		})
	}
}

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
