package report

import (
	"io"

	"github.com/bhxh/bhxh/xlsxio"
)

// countSchema names the JSON document of `bhxh count`.
const countSchema = "bhxh.count/v1"

// WriteCountJSON writes rep as bhxh.count/v1: per unit its code (null when
// none), name and counts, the schemes in report order.
func WriteCountJSON(w io.Writer, rep *Count) error {
	type unitJSON struct {
		Code   *string `json:"code"`
		Name   string  `json:"name"`
		Counts object  `json:"counts"`
	}
	doc := struct {
		Schema string              `json:"schema"`
		Inputs []xlsxio.CountInput `json:"inputs"`
		Units  []unitJSON          `json:"units"`
		Issues []xlsxio.Issue      `json:"issues"`
	}{Schema: countSchema, Inputs: rep.Inputs, Units: []unitJSON{}, Issues: rep.Issues}
	if doc.Inputs == nil {
		doc.Inputs = []xlsxio.CountInput{}
	}
	if doc.Issues == nil {
		doc.Issues = []xlsxio.Issue{}
	}
	for _, u := range rep.Units {
		counts := object{}
		for _, s := range rep.Schemes {
			counts = append(counts, field{s, u.Counts[s]})
		}
		doc.Units = append(doc.Units, unitJSON{Code: stringOrNull(u.Code), Name: u.Name, Counts: counts})
	}
	return writeJSON(w, doc)
}
