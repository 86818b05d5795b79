// Command bhxh computes social- and health-insurance coverage from the
// workbooks Vietnamese districts and communes exchange.
//
// It only parses and checks the command line, calls the packages that read
// (xlsxio), decide targets (targets), compute (coverage) and write
// (xlsxio/report), and maps errors to exit codes. It never parses a cell,
// computes a figure or lays out a report itself, and holds no package-level
// state: the streams, clock and environment come in a factory.
//
// Each command has the shape of cli/cli's: an options struct (the checked
// flags and the outside world), newXCmd(f, runF) that binds and checks the
// flags and nothing more, and runX(opts) that does the work; a test passes
// runF to capture the options without doing the work.
//
// Where things are:
//
//	root.go        the command tree, the factory, usage errors (typed, with
//	               Cobra's own refusals wrapped), exit codes
//	inputs.go      the one input expander: files, folders, globs
//	output.go      stdout or a file written atomically; format → writer
//	hints.go       the flag a library error is about (--col, --sheet,
//	               --scheme…), added here: libraries name no flag
//	compute.go     compute and the reading flags every reader command shares
//	batch.go       compute over many inputs (--out-dir, --merge), for cron;
//	               lock.go (the output folder's .bhxh.lock), progress.go
//	trend.go, allocate.go, count.go, inspect.go, template.go, version.go,
//	completion.go, man.go (the hidden gen-man)
package main
