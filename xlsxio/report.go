package xlsxio

import (
	"time"

	"github.com/bhxh/bhxh/coverage"
)

// ComputeReport is everything a compute report shows: the result and where
// it came from. Writers (JSON, CSV, table, xlsx) render it; none computes.
type ComputeReport struct {
	Inputs    []ReportInput
	Period    string // "YYYY-MM" or ""
	Result    coverage.Result
	Issues    []Issue // reading and computing warnings, in order
	Decimals  int     // decimals shown for rates and gaps
	Lang      string  // "vi" or "en": table and xlsx labels
	Tool      string  // "bhxh v0.1.0 (revision abc123)"
	Generated time.Time
}

// ReportInput describes one input file of a report ("Nguồn" sheet).
type ReportInput struct {
	File        string
	Sheet       string
	SHA256      string
	Columns     []ReportColumn
	TargetNotes []string // where each target came from
}

// ReportColumn is one header mapping of an input.
type ReportColumn struct {
	Letter, Header, Key, Why string
}
