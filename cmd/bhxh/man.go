package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newGenManCmd is the hidden `bhxh gen-man DIR` behind `make man`: man
// pages generated from the command tree itself, so they never drift from
// --help.
func newGenManCmd(s streams) *cobra.Command {
	return &cobra.Command{
		Use:     "gen-man DIR",
		Short:   "Write man pages (section 1) for bhxh and every command into DIR",
		Example: "  bhxh gen-man man/",
		Hidden:  true,
		Args:    usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := args[0]
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			root := cmd.Root()
			root.DisableAutoGenTag = true // reproducible pages: no generation date
			ver, _ := buildVersion()
			hdr := &doc.GenManHeader{Title: "BHXH", Section: "1", Source: "bhxh " + ver, Manual: "bhxh manual"}
			date := reportTime(time.Now, os.Getenv) // SOURCE_DATE_EPOCH when set
			hdr.Date = &date
			if err := doc.GenManTree(root, hdr, dir); err != nil {
				return err
			}
			fmt.Fprintf(s.Err, "man pages written to %s\n", dir)
			return nil
		},
	}
}
