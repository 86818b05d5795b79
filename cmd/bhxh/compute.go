package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(stub): replaced by the real command.
func newComputeCmd(s streams) *cobra.Command {
	return &cobra.Command{Use: "compute", RunE: func(*cobra.Command, []string) error { return errors.New("compute: not built yet") }}
}
