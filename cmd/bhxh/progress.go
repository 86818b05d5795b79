package main

import (
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// progress draws "files done/total, ETA" on stderr while a batch runs, but
// only when stderr is a terminal: under cron, in a pipe or a log file it
// writes nothing at all (no carriage-return frames, no escape codes).
type progress struct {
	bar *progressbar.ProgressBar
	w   io.Writer
}

// newProgress returns a progress display of total files on w. It is silent
// unless w is a terminal and show is true.
func newProgress(w io.Writer, total int, show bool) *progress {
	p := &progress{w: w}
	if !show || !writerIsTerminal(w) {
		return p
	}
	p.bar = progressbar.NewOptions(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("bhxh"),
		progressbar.OptionShowCount(),
		progressbar.OptionSetItsString("files"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetWidth(30),
	)
	return p
}

// writerIsTerminal reports whether w is a terminal (not a pipe, a file or
// /dev/null, which os.ModeCharDevice would wrongly count as one).
func writerIsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// Writer is where log lines go: through the bar (which prints them above
// itself) when it is drawn, else straight to the stream.
func (p *progress) Writer() io.Writer {
	if p.bar == nil {
		return p.w
	}
	return barWriter{p.bar}
}

// Done counts one more file.
func (p *progress) Done() {
	if p.bar != nil {
		p.bar.Add(1)
	}
}

// Finish draws the bar at 100 %, flushes the log lines it still holds and
// ends its line so the summary stands alone. (OptionClearOnFinish would drop
// the log lines buffered since the last frame.)
func (p *progress) Finish() {
	if p.bar != nil {
		p.bar.Finish()
		io.WriteString(p.w, "\n")
	}
}

type barWriter struct{ bar *progressbar.ProgressBar }

func (b barWriter) Write(data []byte) (int, error) {
	if _, err := progressbar.Bprintf(b.bar, "%s", data); err != nil {
		return 0, err
	}
	return len(data), nil
}
