package report

import (
	"io"

	"github.com/bhxh/bhxh/xlsxio"
)

// WriteInspectJSON writes the bhxh.inspect/v1 document of tables.
func WriteInspectJSON(w io.Writer, tables []*xlsxio.Table) error {
	docs := make([]inspectJSON, len(tables))
	for i, t := range tables {
		docs[i] = inspectDoc(t)
	}
	return writeJSON(w, struct {
		Schema string        `json:"schema"`
		Inputs []inspectJSON `json:"inputs"`
	}{"bhxh.inspect/v1", docs})
}
