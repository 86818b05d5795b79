package main

import "github.com/spf13/cobra"

// setupCompletion adds Cobra's `completion bash|zsh|fish|powershell` now
// rather than at Execute, so it can refuse an unknown shell (exit 2)
// instead of printing its help with exit 0, and so man pages cover it.
func setupCompletion(root *cobra.Command) {
	root.InitDefaultCompletionCmd()
	for _, c := range root.Commands() {
		if c.Name() == "completion" {
			c.Args = usageArgs(cobra.NoArgs) // an unknown shell: `unknown command "tcsh"`, exit 2
			c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
			c.Example = "  source <(bhxh completion bash)\n  bhxh completion zsh > \"${fpath[1]}/_bhxh\""
			for _, shell := range c.Commands() {
				if shell.Args != nil { // `bhxh completion bash extra`: exit 2
					shell.Args = usageArgs(shell.Args)
				}
			}
		}
	}
}
