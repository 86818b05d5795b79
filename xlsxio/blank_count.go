package xlsxio

import (
	"fmt"
	"strings"

	"github.com/bhxh/bhxh/msg"
)

// warnBlankCount is the code of a column's blank count cells in unit rows.
const warnBlankCount = "blank_count"

// maxBlankCells is how many blank cells a blank_count warning names.
const maxBlankCells = 20

// blankCountTexts are the blank_count warning in English and Vietnamese
// (column letter, header, key, cells): of a workbook, which reads a blank
// as 0 people, and of bhxh's template, where it is not reported.
var blankCountTexts = [2][2]string{
	{
		"blank count cells in column %s %q (%s), read as 0 people: %s; type 0 where there are none, or \"x\" where not reported",
		"ô số liệu để trống ở cột %s %q (%s), được tính là 0 người: %s; nhập 0 nếu không có người nào, hoặc \"x\" nếu chưa báo cáo",
	},
	{
		"blank count cells in column %s %q (%s): %s; not reported (a blank in bhxh's template), not 0",
		"ô số liệu để trống ở cột %s %q (%s): %s; là \"chưa báo cáo\" (ô trống của biểu mẫu bhxh), không phải 0",
	},
}

// blankCountIssue is the one blank_count warning of column c: its blank
// cells in unit rows, the first maxBlankCells named.
func blankCountIssue(t *Table, c Column, cells []string, template bool) Issue {
	return Issue{Level: "warning", Code: warnBlankCount, File: t.File, Sheet: t.Sheet, Cell: cells[0],
		Message: blankCountMessage(c, cells, template)}
}

func blankCountMessage(c Column, cells []string, template bool) msg.Text {
	list := strings.Join(cells[:min(len(cells), maxBlankCells)], ", ")
	if n := len(cells); n > maxBlankCells {
		list += fmt.Sprintf(", … (%d)", n)
	}
	i := 0
	if template {
		i = 1
	}
	return msg.Sprintf(blankCountTexts[i][0], blankCountTexts[i][1], c.Letter, columnLabel(c), c.Key, list)
}
