package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// genManOptions holds what the hidden `bhxh gen-man DIR` needs.
type genManOptions struct {
	streams
	Now    func() time.Time
	Getenv func(string) string
	Dir    string
	Root   *cobra.Command // the command tree the pages describe
}

// newGenManCmd is the hidden `bhxh gen-man DIR` behind `make man`: man
// pages generated from the command tree itself, so they never drift from
// --help. runF does the work (runGenMan unless a test captures the options).
func newGenManCmd(f *factory, runF func(*genManOptions) error) *cobra.Command {
	opts := &genManOptions{streams: f.streams, Now: f.Now, Getenv: f.Getenv}
	return &cobra.Command{
		Use:     "gen-man DIR",
		Short:   "Write man pages (section 1) for bhxh and every command into DIR",
		Example: "  bhxh gen-man man/",
		Hidden:  true,
		Args:    usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir, opts.Root = args[0], cmd.Root()
			if runF != nil {
				return runF(opts)
			}
			return runGenMan(opts)
		},
	}
}

// runGenMan writes the man pages of opts.Root into opts.Dir.
func runGenMan(opts *genManOptions) error {
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return err
	}
	opts.Root.DisableAutoGenTag = true // reproducible pages: no generation date
	ver, _ := buildVersion()
	hdr := &doc.GenManHeader{Title: "BHXH", Section: "1", Source: "bhxh " + ver, Manual: "bhxh manual"}
	date := reportTime(opts.Now, opts.Getenv) // SOURCE_DATE_EPOCH when set
	hdr.Date = &date
	if err := doc.GenManTree(opts.Root, hdr, opts.Dir); err != nil {
		return err
	}
	fmt.Fprintf(opts.Err, "man pages written to %s\n", opts.Dir)
	return nil
}
