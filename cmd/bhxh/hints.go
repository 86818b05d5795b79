package main

// Library errors name no command-line flag: the hint saying which flag
// fixes the problem is added here, where the flags are. The user reads the
// same message as before; errors.Is and errors.As still see the library's
// error underneath.

import (
	"errors"
	"fmt"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/targets"
	"github.com/bhxh/bhxh/xlsxio"
)

// hinted is a library error worded with the command's hint, in both
// languages.
type hinted struct {
	err  error
	text msg.Text
}

func (h hinted) Error() string        { return h.text.EN }
func (h hinted) In(l msg.Lang) string { return h.text.In(l) }
func (h hinted) Unwrap() error        { return h.err }

// readTable is xlsxio.ReadFile with the flags that fix what it reports.
func readTable(path string, opt xlsxio.Options) (*xlsxio.Table, error) {
	t, err := xlsxio.ReadFile(path, opt)
	return t, readHints(err)
}

// readHints adds to an error of reading a unit workbook the flag that
// fixes it: --password for an encrypted one, inspect and --col for a table
// without a recognisable header.
func readHints(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, xlsxio.ErrPassword):
		return hinted{err, msg.Sprintf("%v: give --password", "%v: hãy cho --password", err)}
	case errors.Is(err, xlsxio.ErrNoHeader):
		return hinted{err, msg.Sprintf("%v; run `bhxh inspect` to see what was read, and --col 'Header=key' to map a column",
			"%v; chạy `bhxh inspect` để xem đã đọc được gì, và --col 'Tiêu đề=khóa' để gán một cột", err)}
	}
	return err
}

// colHint words a column override that does not read as the --col flag it
// is (a line of a --columns file is one too).
func colHint(err error) error {
	var oe *xlsxio.OverrideError
	if !errors.As(err, &oe) {
		return err
	}
	where := ""
	if oe.File != "" {
		where = fmt.Sprintf("%s:%d: ", oe.File, oe.Line)
	}
	return hinted{err, msg.Sprintf("%s--col %q: %s", "%s--col %q: %s", where, oe.Text, oe.Problem)}
}

// countHints offers --scheme where a participant list has no kind column,
// or a row no kind.
func countHints(err error) error {
	var lh *xlsxio.ListHeaderError
	if errors.As(err, &lh) {
		lh.Instead = "--scheme" // the error is this run's alone
		return err
	}
	noKind := func(e error) error {
		if errors.Is(e, xlsxio.ErrNoKind) {
			return hinted{e, msg.Sprintf("%v (give --scheme for a list of one scheme)", "%v (cho --scheme nếu danh sách chỉ có một loại hình)", e)}
		}
		return e
	}
	var list xlsxio.ErrorList
	if !errors.As(err, &list) {
		return noKind(err)
	}
	out := make(xlsxio.ErrorList, len(list))
	for i, e := range list {
		out[i] = noKind(e)
	}
	return out
}

// presetHint offers --interpolate for a preset year between milestones.
func presetHint(err error) error {
	var bm *targets.BetweenMilestonesError
	if errors.As(err, &bm) {
		bm.Instead = "--interpolate" // the error is this run's alone
	}
	return err
}
