package main

import (
	"regexp"
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
