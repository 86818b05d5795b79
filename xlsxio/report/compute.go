package report

import (
	"time"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// Compute is everything a compute report shows: the result and where
// it came from. Writers (JSON, CSV, table, xlsx) render it; none computes.
type Compute struct {
	Inputs    []Input
	Period    string // "YYYY-MM" or ""
	Result    coverage.Result
	Issues    []xlsxio.Issue // reading and computing warnings, in order
	Decimals  int            // decimals shown for rates and gaps
	Lang      string         // "vi" or "en": table and xlsx labels
	Tool      string         // "bhxh v0.1.0 (revision abc123)"
	Generated time.Time
}

// Input describes one input file of a report ("Nguồn" sheet).
type Input struct {
	File        string
	Sheet       string
	SHA256      string
	Columns     []Column
	TargetNotes []string // where each target came from
}

// Column is one header mapping of an input.
type Column struct {
	Letter, Header, Key, Why string
}
