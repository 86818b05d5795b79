package main

import (
	"errors"
	"io"

	"github.com/bhxh/bhxh/xlsxio/report"
)

// writeOutput is how every command delivers what it made: to standard
// output when path is "" or "-" (never a binary xlsx onto a terminal; into
// a pipe or a redirected file it goes, as `> r.xlsx` asks), else
// to path through a temporary file renamed into place, refusing a path
// that is one of the inputs.
func writeOutput(s streams, path string, inputs []string, binary bool, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		if err := refuseBinaryOnTerminal(s.Out, path, binary); err != nil {
			return err
		}
		return write(s.Out)
	}
	if err := report.WriteFileAtomic(path, inputs, write); err != nil {
		if errors.Is(err, report.ErrOutputIsInput) {
			return usageError{err}
		}
		return outputError(path, err)
	}
	return nil
}

// refuseBinaryOnTerminal is a usage error when a binary report (xlsx) is
// for standard output (path "" or "-") and out is a terminal. Commands
// call it with their flags (commonFlags.checkOutput), before reading any
// input, so that a long run does not end in the refusal; writeOutput
// calls it again for the commands that do not.
func refuseBinaryOnTerminal(out io.Writer, path string, binary bool) error {
	if binary && (path == "" || path == "-") && writerIsTerminal(out) {
		return usageError{errorOf(msgBinaryTerminal, nil)}
	}
	return nil
}

// writers are one report's writers, by format.
type writers[R any] struct {
	json, csv, xlsx, table func(io.Writer, R) error
}

// writeReport writes rep in format with its writer from ws, through
// writeOutput: the one place a command turns a format into a writer.
func writeReport[R any](s streams, format, path string, inputs []string, ws writers[R], rep R) error {
	w := ws.table
	switch format {
	case "json":
		w = ws.json
	case "csv":
		w = ws.csv
	case "xlsx":
		w = ws.xlsx
	}
	return writeOutput(s, path, inputs, format == "xlsx", func(out io.Writer) error { return w(out, rep) })
}
