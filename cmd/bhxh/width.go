package main

import (
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/term"
)

// defaultWidth is a console table's width when neither the terminal nor
// COLUMNS says one (a pipe, a file, cron).
const defaultWidth = 120

// consoleWidth is how wide a console table written to out may be: the
// terminal's width when out is one, else COLUMNS, else defaultWidth.
func consoleWidth(out io.Writer, getenv func(string) string) int {
	if f, ok := out.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		if w, _, err := term.GetSize(int(f.Fd())); err == nil && w > 0 {
			return w
		}
	}
	if getenv != nil {
		if n, err := strconv.Atoi(strings.TrimSpace(getenv("COLUMNS"))); err == nil && n > 0 {
			return n
		}
	}
	return defaultWidth
}
