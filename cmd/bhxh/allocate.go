package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// TODO(stub): replaced by the real command.
func newAllocateCmd(s streams) *cobra.Command {
	return &cobra.Command{Use: "allocate", RunE: func(*cobra.Command, []string) error { return errors.New("allocate: not built yet") }}
}
