package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(stub): replaced by the real command.
func newInspectCmd(s streams) *cobra.Command {
	return &cobra.Command{Use: "inspect", RunE: func(*cobra.Command, []string) error { return errors.New("inspect: not built yet") }}
}
