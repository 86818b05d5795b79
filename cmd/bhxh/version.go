package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"
)

// version is set by the linker for release builds (-X main.version=…);
// otherwise it comes from the module's build info.
var version = ""

// revision is set by the linker (-X main.revision=…, as make build does)
// for builds whose build info carries no VCS revision.
var revision = ""

func buildVersion() (ver, rev string) {
	info, _ := debug.ReadBuildInfo()
	return versionOf(info, version, revision)
}

// versionOf is the version a binary reports: the linker's (a release),
// else its module's (`go install github.com/bhxh/bhxh/cmd/bhxh@v1.2.0`
// stamps v1.2.0; a build in a clone, a pseudo-version), else "devel+"
// and the start of the VCS revision — never "(devel)" alone when
// anything better is known. rev is the build's VCS revision (with
// "-dirty" for uncommitted changes), else the linker's.
func versionOf(info *debug.BuildInfo, ldVersion, ldRevision string) (ver, rev string) {
	ver = ldVersion
	if info != nil {
		if ver == "" && info.Main.Version != "(devel)" {
			ver = info.Main.Version
		}
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				rev = s.Value
			}
			if s.Key == "vcs.modified" && s.Value == "true" && rev != "" {
				rev += "-dirty"
			}
		}
	}
	if rev == "" {
		rev = ldRevision
	}
	if ver == "" && rev != "" {
		short, dirty := strings.CutSuffix(rev, "-dirty")
		if len(short) > 12 {
			short = short[:12]
		}
		if dirty {
			short += "-dirty"
		}
		ver = "devel+" + short
	}
	if ver == "" {
		ver = "(devel)"
	}
	return ver, rev
}

// versionOptions holds what `bhxh version` needs: where to print.
type versionOptions struct {
	streams
}

// newVersionCmd binds version (no flags); runF does the work (runVersion
// unless a test captures the options).
func newVersionCmd(f *factory, runF func(*versionOptions) error) *cobra.Command {
	opts := &versionOptions{streams: f.streams}
	return &cobra.Command{
		Use:     "version",
		Short:   "Print the version and VCS revision",
		Example: "  bhxh version",
		Args:    usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runVersion(opts)
		},
	}
}

// runVersion prints versionLine.
func runVersion(opts *versionOptions) error {
	fmt.Fprintln(opts.Out, versionLine())
	return nil
}

// versionLine is what `bhxh version` and `bhxh --version` print:
// "bhxh VERSION (revision REV)".
func versionLine() string {
	ver, rev := buildVersion()
	if rev == "" {
		rev = "unknown"
	}
	return fmt.Sprintf("bhxh %s (revision %s)", ver, rev)
}
