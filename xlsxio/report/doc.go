// Package report writes what bhxh reports: the coverage report (JSON, CSV,
// console table, xlsx), the allocation of a target, the trend over months,
// and the blank input template; every file through a temporary file renamed
// into place.
//
// It never reads an input workbook and never computes: the figures arrive
// computed (coverage results, counts as integers, rates as exact
// percentages) and are only rounded (half-up, once, when written) and laid
// out here. Reading is xlsxio's job, arithmetic coverage's.
//
// Where things are:
//
//	compute   compute.go (the report), compute_json.go, compute_csv.go,
//	          compute_table.go, compute_xlsx.go
//	allocate  allocate.go
//	trend     trend.go
//	template  template.go (the blank workbook units fill in)
//	shared    vocab.go (every Vietnamese and English label), atomic.go
//	          (temporary file + rename)
package report
