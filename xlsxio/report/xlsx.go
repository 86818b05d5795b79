package report

import (
	"sort"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/xlsxio/rawxlsx"
)

// Helpers shared by the xlsx writers.

// cellName is the A1 reference of a 1-based column and row (as excelize
// counts columns), by bhxh's one column-letter function.
func cellName(col, row int) string { return rawxlsx.CellName(col-1, row) }

// colName is the letters of a 1-based column ("A", "AA").
func colName(col int) string { return rawxlsx.ColumnLetters(col - 1) }

// setFigure writes fig into a cell with style: a count as an integer, a
// percentage as its rounded decimal string in the cell XML ("46.12", no
// float in between), a word as text; only the style when there is nothing
// to show.
func setFigure(f cellWriter, sheet, cell string, fig figure, decimals, style int) error {
	if err := f.SetCellStyle(sheet, cell, cell, style); err != nil {
		return err
	}
	switch v := fig.text(decimals); {
	case v == "":
		return nil
	case fig.kind == countFigure:
		return f.SetCellInt(sheet, cell, fig.n)
	case fig.kind == pctFigure:
		return f.SetCellDefault(sheet, cell, v)
	default:
		return f.SetCellStr(sheet, cell, v)
	}
}

// Chart text is dark: excelize's default axis and legend colour (tx1
// lightened to 85 %) all but vanishes, in Excel too, on screen and on
// paper. chartInk is 15 % grey; TestChartsInk refuses lighter than 50 %.
const chartInk = "262626"

// chartFont is the font of a chart's axes and legend.
func chartFont() excelize.Font { return excelize.Font{Color: chartInk, Size: 10} }

// chartTitle is a chart's title, dark and bold.
func chartTitle(text string) excelize.ChartTitle {
	return excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: text,
		Font: &excelize.Font{Bold: true, Size: 12, Color: chartInk}}}}
}

// inkChart gives a chart dark axis labels, legend and title.
func inkChart(c *excelize.Chart, title string) {
	legend := chartFont()
	c.Title = chartTitle(title)
	c.Legend.Font = &legend
	c.XAxis.Font = chartFont()
	c.YAxis.Font = chartFont()
}

// addChart adds a chart to sheet at cell. excelize declares the image types
// of a drawing in [Content_Types].xml from a map, in random order: they are
// sorted here, so two writes of one report are byte-identical.
func addChart(f *excelize.File, sheet, cell string, chart *excelize.Chart) error {
	if err := f.AddChart(sheet, cell, chart); err != nil {
		return err
	}
	if ct := f.ContentTypes; ct != nil {
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
	}
	return nil
}

// setText writes a text cell with style, even an empty one.
func setText(f *excelize.File, sheet, cell, value string, style int) error {
	if err := f.SetCellStr(sheet, cell, value); err != nil {
		return err
	}
	return f.SetCellStyle(sheet, cell, cell, style)
}
