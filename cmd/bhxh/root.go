package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes are part of the interface (README "Exit codes").
const (
	exitOK       = 0 // done (warnings allowed)
	exitData     = 1 // input or data error; nothing written
	exitUsage    = 2 // usage error (bad flag, missing argument)
	exitWarnings = 3 // done, but --strict and warnings occurred
)

// usageError marks an error as the user's command line being wrong (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return usageError{fmt.Errorf(format, a...)} }

// strictError signals a finished run whose warnings must fail it (exit 3).
type strictError struct{ n int }

func (e strictError) Error() string {
	return fmt.Sprintf("%d warning(s) and --strict given", e.n)
}

// streams carries the process's standard streams so commands are testable.
type streams struct {
	In       io.Reader
	Out, Err io.Writer
}

func newRootCmd(s streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "bhxh",
		Short: "Coverage of social and health insurance from district and commune workbooks",
		Long: `bhxh reads the Excel workbooks that districts and communes exchange, computes
coverage rates (BHXH, BHTN, BHYT, pension) with exact decimals, reports the gap
to targets and splits a provincial target across units in whole people.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetIn(s.In)
	root.SetOut(s.Out)
	root.SetErr(s.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	for _, sub := range []*cobra.Command{
		newInspectCmd(s),
		newComputeCmd(s),
		newCountCmd(s),
		newAllocateCmd(s),
		newVersionCmd(s),
		newTrendCmd(s),
		newTemplateCmd(s),
		newGenManCmd(s),
	} {
		root.AddCommand(sub)
	}
	setupCompletion(root)
	return root
}

// run executes the command line and maps errors to exit codes.
func run(args []string, in io.Reader, out, errw io.Writer) int {
	root := newRootCmd(streams{In: in, Out: out, Err: errw})
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var sx silentExit
	if errors.As(err, &sx) {
		return sx.code
	}
	var se strictError
	if errors.As(err, &se) {
		fmt.Fprintln(errw, "bhxh:", err)
		return exitWarnings
	}
	fmt.Fprintln(errw, "bhxh:", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		return exitUsage
	}
	return exitData
}

// isCobraUsage recognises the argument errors cobra itself returns.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "requires at most", "invalid argument", "flag needs an argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
