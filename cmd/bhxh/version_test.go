package main

import (
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
)

func TestVersion(t *testing.T) {
	out, _, code := runCmd("version")
	if code != 0 || !regexp.MustCompile(`^bhxh \S+ \(revision \S+\)\n$`).MatchString(out) {
		t.Errorf("exit %d, output %q", code, out)
	}
	// make build passes the revision to the linker when the toolchain
	// does not stamp it.
	defer func(r string) { revision = r }(revision)
	revision = "0123abcd-dirty"
	if _, rev := buildVersion(); rev != "0123abcd-dirty" && !regexp.MustCompile(`^[0-9a-f]{40}`).MatchString(rev) {
		t.Errorf("revision %q", rev)
	}
	out, _, _ = runCmd("version")
	if !strings.Contains(out, "(revision ") || strings.Contains(out, "unknown") {
		t.Errorf("output %q", out)
	}
}

// The version a binary reports, by how it was built.
func TestVersionOf(t *testing.T) {
	vcs := func(rev string, modified bool) []debug.BuildSetting {
		m := "false"
		if modified {
			m = "true"
		}
		return []debug.BuildSetting{{Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: m}}
	}
	const rev = "0123456789abcdef0123456789abcdef01234567"
	for _, c := range []struct {
		name           string
		info           *debug.BuildInfo
		ldVer, ldRev   string
		wantVer, wantR string
	}{
		{"go install @v1.2.0", &debug.BuildInfo{Main: debug.Module{Version: "v1.2.0"}}, "", "", "v1.2.0", ""},
		{"release (make dist)", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "v1.3.0", "abc1234", "v1.3.0", "abc1234"},
		{"clone: a pseudo-version", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261130044250-0123456789ab"}, Settings: vcs(rev, false)},
			"", "", "v0.0.0-20261130044250-0123456789ab", rev},
		{"devel with a revision", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, true)},
			"", "", "devel+0123456789ab-dirty", rev + "-dirty"},
		{"devel, revision from make build", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "", "0123abcd-dirty", "devel+0123abcd-dirty", "0123abcd-dirty"},
		{"nothing known", nil, "", "", "(devel)", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			ver, r := versionOf(c.info, c.ldVer, c.ldRev)
			if ver != c.wantVer || r != c.wantR {
				t.Errorf("got %q %q, want %q %q", ver, r, c.wantVer, c.wantR)
			}
		})
	}
}
