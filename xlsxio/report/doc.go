// Package report writes what bhxh reports: the coverage report, the
// allocation of a target, the trend over months, the participant counts,
// the figures moved across the 2025 reorganisation (each as JSON, CSV, a
// console table and xlsx), what inspect recognised (JSON and text) and the
// blank input template; files through a temporary file renamed into place.
//
// It never reads an input workbook and never computes: figures arrive
// computed and typed (coverage results, counts as integers, rates as exact
// percentages) and are only rounded (half-up, once, as they are written),
// worded and laid out here. Reading is xlsxio's job, arithmetic coverage's.
//
// Where things are: a file per report and format, over shared helpers.
//
//	compute   compute.go (the report, its rows and columns),
//	          compute_json.go, compute_csv.go, compute_table.go, compute_xlsx.go
//	allocate  allocate.go (rows and columns), allocate_json.go,
//	          allocate_csv.go, allocate_table.go, allocate_xlsx.go
//	trend     trend.go (labels), trend_json.go, trend_csv.go,
//	          trend_table.go, trend_xlsx.go
//	count     count.go, count_json.go, count_csv.go, count_table.go,
//	          count_xlsx.go
//	crosswalk crosswalk.go (the report of figures moved to the new units),
//	          crosswalk_json.go, crosswalk_csv.go, crosswalk_table.go,
//	          crosswalk_xlsx.go
//	inspect   inspect.go (what was recognised), inspect_json.go,
//	          inspect_table.go (and the likeliest header when none was found)
//	template  template.go (the blank workbook units fill in)
//	sources   sources.go: where every figure came from (cells, old units),
//	          as JSON and as the sheet "Nguồn số liệu"; unit_trace.go (one
//	          unit's, for inspect --unit)
//	shared    figure.go (a typed figure and the indicator's fields),
//	          json.go (the ordered JSON object), csv.go (CSV for Excel),
//	          table.go (the console table, over tablewriter), xlsx.go (cells),
//	          print.go (every sheet's page setup: A4, header, footer,
//	          one page wide or in blocks of columns), official.go (the date
//	          and place line and signatures of compute's and allocate's
//	          sheets), number.go (numbers by language), vocab.go (the
//	          Vietnamese and English labels), atomic.go (temporary file +
//	          rename)
package report
