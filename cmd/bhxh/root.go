package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/bhxh/bhxh/msg"

	"github.com/spf13/cobra"
)

// Exit codes are part of the interface (README "Exit codes").
const (
	exitOK       = 0 // done (warnings allowed)
	exitData     = 1 // input or data error; nothing written
	exitUsage    = 2 // usage error (bad flag, missing argument)
	exitWarnings = 3 // done, but --strict and warnings occurred
)

// usageError marks an error as the user's command line being wrong (exit
// 2), as cli/cli's cmdutil.FlagError does: our own checks (usagef), Cobra's
// flag errors (SetFlagErrorFunc) and argument checks (usageArgs), and an
// unknown command (findCommand) all return one.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef is a usage error in both languages: en and vi are formats of the
// same arguments (msg.Errorf).
func usagef(en, vi string, a ...any) error { return usageError{msg.Errorf(en, vi, a...)} }

// usageArgs makes a Cobra argument check (cobra.ExactArgs(1)…) return a
// usage error; its message is Cobra's.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := check(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// findCommand is the one check Cobra makes before any of ours: that the
// command exists. Find fails only on an unknown command ("bhxh comput"),
// so its error is a usage error; Execute would return the same message.
func findCommand(root *cobra.Command, args []string) error {
	c, rest, err := root.Find(args)
	if err == nil {
		return nil
	}
	// A misspelt command ("bhxh comput") says which one was meant.
	if c == root {
		if i := firstArg(rest); i >= 0 {
			if s := root.SuggestionsFor(rest[i]); len(s) > 0 {
				return usageError{errorOf(msgUnknownCommand, err, rest[i], root.Name(), s[0])}
			}
		}
	}
	return usageError{err}
}

// firstArg is the index of the first argument that is not a flag, -1 if
// none.
func firstArg(args []string) int {
	for i, a := range args {
		if !strings.HasPrefix(a, "-") {
			return i
		}
	}
	return -1
}

// strictError signals a finished run whose warnings must fail it (exit 3).
type strictError struct{ n int }

func (e strictError) Error() string { return e.In(msg.EN) }

func (e strictError) In(l msg.Lang) string {
	return msg.Sprintf("%d warning(s) and --strict given", "%d cảnh báo và có --strict", e.n).In(l)
}

// streams carries the process's standard streams so commands are testable.
type streams struct {
	In       io.Reader
	Out, Err io.Writer
}

// factory is the outside world a command reaches, as cli/cli's
// cmdutil.Factory: the streams, the clock and the environment. run() gives
// the process's; tests give fakes. There is no package-level state.
type factory struct {
	streams
	Now    func() time.Time
	Getenv func(string) string
}

func newRootCmd(f *factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "bhxh",
		Short: "Coverage of social and health insurance from district and commune workbooks",
		Long: `bhxh reads the Excel workbooks that districts and communes exchange, computes
coverage rates (BHXH, BHTN, BHYT, pension) with exact decimals, reports the gap
to targets and splits a provincial target across units in whole people.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// A file named in a flag is found across NFC/NFD as an argument is.
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return normaliseInputFlags(cmd) },
	}
	// --version prints what `bhxh version` prints (the template is text,
	// braces escaped).
	root.Version = versionLine()
	root.SetVersionTemplate(strings.NewReplacer("{{", "{{`{{`}}").Replace(root.Version) + "\n")
	root.Flags().Bool("version", false, "print the version and VCS revision (what bhxh version prints)")
	root.SetIn(f.In)
	root.SetOut(f.Out)
	root.SetErr(f.Err)
	root.SetFlagErrorFunc(flagError)
	for _, sub := range []*cobra.Command{
		newInspectCmd(f, nil),
		newComputeCmd(f, nil),
		newCountCmd(f, nil),
		newAllocateCmd(f, nil),
		newVersionCmd(f, nil),
		newTrendCmd(f, nil),
		newTemplateCmd(f, nil),
		newCrosswalkCmd(f, nil),
		newGenManCmd(f, nil),
	} {
		root.AddCommand(sub)
	}
	bindLang(root)
	setupCompletion(root)
	return root
}

// run executes the command line with the process's clock and environment
// and maps errors to exit codes.
func run(args []string, in io.Reader, out, errw io.Writer) int {
	return runWith(&factory{streams: streams{In: in, Out: out, Err: errw}, Now: time.Now, Getenv: os.Getenv}, args)
}

// runWith executes the command line in the world f and maps errors to exit
// codes.
func runWith(f *factory, args []string) int {
	errw := f.Err
	root := newRootCmd(f)
	root.SetArgs(args)
	err := findCommand(root, args)
	var cmd *cobra.Command
	if err == nil {
		cmd, err = root.ExecuteC()
	}
	lang := langOf(cmd)
	if err == nil {
		return exitOK
	}
	var sx silentExit
	if errors.As(err, &sx) {
		return sx.code
	}
	var se strictError
	if errors.As(err, &se) {
		fmt.Fprintln(errw, "bhxh:", msg.Render(err, lang))
		return exitWarnings
	}
	fmt.Fprintln(errw, "bhxh:", msg.Render(err, lang))
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitData
}
