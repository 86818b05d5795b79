package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/msg"
)

// The compute report's bar charts are put in its chart sheet here rather
// than by excelize's AddChart, which builds and marshals the whole chart
// space, drawing and relationships of every chart anew (8 % of the time
// of a batch of xlsx reports, issue 17). The charts of a report differ
// only by their title, ranges and value axis: each chart part is
// excelize's own XML for a chart of that shape, marshalled once per
// process with placeholders (chartTemplate), the placeholders replaced by
// the chart's text. The drawing that anchors the charts, its
// relationships and the sheet's are written as AddChart writes them, and
// the content types are added as it adds them: the workbook is the same
// bytes (TestComputeXLSXSameAsReference).

// barSeries is a series of a bar chart: the cell of its name, the ranges
// of its categories and values, its colour.
type barSeries struct{ name, categories, values, color string }

// chartWidth is a bar chart's width in pixels.
const chartWidth = 720

// barChart is the bar chart of the compute report; yAxis bounds are
// nil when the chart is not split.
func barChart(title string, series []barSeries, lo, hi *float64, height uint) *excelize.Chart {
	var ser []excelize.ChartSeries
	for _, s := range series {
		ser = append(ser, excelize.ChartSeries{Name: s.name, Categories: s.categories, Values: s.values,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.color}}})
	}
	vary := false
	c := &excelize.Chart{
		Type:       excelize.Bar,
		Series:     ser,
		Legend:     excelize.ChartLegend{Position: "bottom"},
		XAxis:      excelize.ChartAxis{ReverseOrder: true},
		YAxis:      excelize.ChartAxis{Minimum: lo, Maximum: hi, MajorGridLines: true},
		Dimension:  excelize.ChartDimension{Width: chartWidth, Height: height},
		Format:     excelize.GraphicOptions{AltText: title},
		VaryColors: &vary,
	}
	inkChart(c, title)
	return c
}

// chartTemplates are the chart parts made so far, by chartShape.
var chartTemplates sync.Map // string → *partTemplate

// chartShape is what a chart part depends on besides its text: its
// series' colours and its value axis.
func chartShape(series []barSeries, lo, hi *float64) string {
	var b strings.Builder
	for _, s := range series {
		b.WriteString(s.color + ";")
	}
	if lo != nil && hi != nil {
		fmt.Fprintf(&b, "%v:%v", *lo, *hi)
	}
	return b.String()
}

// templateFor is the chart part of a chart of this shape, from excelize,
// its slots "T" the title, "N0" the first series' name, "C0" its
// categories, "V0" its values, and so on.
func templateFor(series []barSeries, lo, hi *float64) (*partTemplate, error) {
	key := chartShape(series, lo, hi)
	if t, ok := chartTemplates.Load(key); ok {
		return t.(*partTemplate), nil
	}
	slotted := make([]barSeries, len(series))
	slots := []string{"T"}
	for i, s := range series {
		n := strconv.Itoa(i)
		slotted[i] = barSeries{name: slot("N" + n), categories: slot("C" + n), values: slot("V" + n), color: s.color}
		slots = append(slots, "N"+n, "C"+n, "V"+n)
	}
	f := excelize.NewFile()
	defer f.Close()
	if err := f.AddChart("Sheet1", "A1", barChart(slot("T"), slotted, lo, hi, 320)); err != nil {
		return nil, err
	}
	t, err := cutTemplate(f, "xl/charts/chart1.xml", slots)
	if err != nil {
		return nil, err
	}
	chartTemplates.Store(key, t)
	return t, nil
}

// writeChart writes the chart part of t with title and series' text.
func writeChart(b *bytes.Buffer, t *partTemplate, title string, series []barSeries) {
	t.write(b, func(s string) string {
		if s == "T" {
			return title
		}
		sr := series[s[1]-'0']
		return map[byte]string{'N': sr.name, 'C': sr.categories, 'V': sr.values}[s[0]]
	})
}

// chartSheet puts bar charts on one worksheet, one under the other.
type chartSheet struct {
	f       *excelize.File
	sheet   string
	part    string // the sheet's worksheet part ("xl/worksheets/sheet2.xml")
	drawing int    // the drawing's number; 0 before the first chart
	anchors bytes.Buffer
	rels    bytes.Buffer // the drawing's relationships
	charts  int          // charts on the sheet so far
}

// Relationship types and content types, as excelize writes them.
const (
	relDrawing   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing"
	relChart     = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
	relsOpen     = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	ctChart      = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
	ctDrawing    = "application/vnd.openxmlformats-officedocument.drawing+xml"
	drawingOpen  = `<xdr:wsDr xmlns="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">`
	drawingClose = `</xdr:wsDr>`
)

// imageTypes are the content types of images AddChart declares with a
// drawing.
var imageTypes = [][2]string{
	{"bmp", "image/bmp"}, {"emf", "image/x-emf"}, {"emz", "image/x-emz"}, {"gif", "image/gif"},
	{"ico", "image/x-ico"}, {"jpeg", "image/jpeg"}, {"png", "image/png"}, {"svg", "image/svg"},
	{"tiff", "image/tiff"}, {"wmf", "image/x-wmf"}, {"wmz", "image/x-wmz"},
}

// emu is the English Metric Units of a pixel.
const emu = 9525

// cellPixels is the width of the sheet's columns and the height of its
// rows in pixels, as excelize sizes a chart's anchor on a sheet without
// column widths or row heights of its own (the chart sheet): its
// defaults, or its sheet format's.
func (c *chartSheet) cellPixels() (col, row int, err error) {
	p, err := c.f.GetSheetProps(c.sheet)
	if err != nil {
		return 0, 0, err
	}
	col, row = 64, 20
	switch {
	case p.DefaultColWidth != nil && *p.DefaultColWidth > 0:
		col = int(*p.DefaultColWidth*8 + 0.5)
	case p.DefaultRowHeight != nil && p.BaseColWidth != nil && *p.BaseColWidth > 0: // a sheet format without a default width
		col = int(float64(*p.BaseColWidth)*8+0.5) + 5
	}
	if p.DefaultRowHeight != nil && *p.DefaultRowHeight > 0 {
		row = int(math.Ceil(4.0 / 3.4 * *p.DefaultRowHeight))
	}
	return col, row, nil
}

// countParts counts f's parts whose name holds prefix, as excelize counts
// charts and drawings to number a new one.
func countParts(f *excelize.File, prefix string) int {
	n := 0
	for _, m := range []*sync.Map{&f.Pkg, &f.Drawings} {
		m.Range(func(k, _ any) bool {
			if strings.Contains(k.(string), prefix) {
				n++
			}
			return true
		})
	}
	return n
}

// add puts a bar chart at column A of row (1-based), as AddChart would.
func (c *chartSheet) add(row int, title string, series []barSeries, lo, hi *float64, height uint) error {
	t, err := templateFor(series, lo, hi)
	if err != nil {
		return err
	}
	if c.drawing == 0 {
		if _, ok := c.f.Relationships.Load(c.sheetRels()); ok {
			return msg.Errorf("sheet %s already has relationships", "trang tính %s đã có quan hệ", c.sheet)
		}
		c.drawing = countParts(c.f, "xl/drawings/drawing") + 1
	}
	chartID := countParts(c.f, "xl/charts/chart") + 1
	var part bytes.Buffer
	writeChart(&part, t, title, series)
	c.f.Pkg.Store("xl/charts/chart"+strconv.Itoa(chartID)+".xml", part.Bytes())

	c.charts++
	rID := "rId" + strconv.Itoa(c.charts)
	fmt.Fprintf(&c.rels, `<Relationship Id="%s" Target="../charts/chart%d.xml" Type="%s"></Relationship>`, rID, chartID, relChart)

	// The anchor: from A{row} over width × height pixels of the cells.
	colPixels, rowPixels, err := c.cellPixels()
	if err != nil {
		return err
	}
	id := c.charts + 1
	y := int(height)
	a := &c.anchors
	fmt.Fprintf(a, `<xdr:twoCellAnchor><xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>%d</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`, row-1)
	fmt.Fprintf(a, `<xdr:to><xdr:col>%d</xdr:col><xdr:colOff>%d</xdr:colOff><xdr:row>%d</xdr:row><xdr:rowOff>%d</xdr:rowOff></xdr:to>`,
		chartWidth/colPixels, chartWidth%colPixels*emu, row-1+y/rowPixels, y%rowPixels*emu)
	fmt.Fprintf(a, `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="%d" name="Chart %d" descr="`, id, id)
	xmlEscape(a, title)
	fmt.Fprintf(a, `"></xdr:cNvPr><xdr:cNvGraphicFramePr></xdr:cNvGraphicFramePr></xdr:nvGraphicFramePr>`+
		`<xdr:xfrm><a:off x="0" y="0"></a:off><a:ext cx="0" cy="0"></a:ext></xdr:xfrm>`+
		`<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">`+
		`<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="%s" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"></c:chart>`+
		`</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData fLocksWithSheet="true" fPrintsWithSheet="true"></xdr:clientData></xdr:twoCellAnchor>`, rID)

	// Content types, in AddChart's order: the chart, then (once) the
	// image types and the drawing.
	c.override("/xl/charts/chart"+strconv.Itoa(chartID)+".xml", ctChart)
	if c.charts == 1 {
		for _, it := range imageTypes {
			c.declare(it[0], it[1])
		}
		ct := c.f.ContentTypes
		sort.SliceStable(ct.Defaults, func(i, j int) bool { return ct.Defaults[i].Extension < ct.Defaults[j].Extension })
		c.override("/xl/drawings/drawing"+strconv.Itoa(c.drawing)+".xml", ctDrawing)
	}
	return nil
}

// declare adds a default content type for ext unless there is one.
// (excelize's types are not ours to name: a new element is a copy of the
// first one, changed.)
func (c *chartSheet) declare(ext, contentType string) {
	ct := c.f.ContentTypes
	for i := range ct.Defaults {
		if ct.Defaults[i].Extension == ext {
			return
		}
	}
	d := ct.Defaults[0]
	d.Extension, d.ContentType = ext, contentType
	ct.Defaults = append(ct.Defaults, d)
}

// override adds the content type of a part, with the relationships'
// default, as excelize's addContentTypePart does.
func (c *chartSheet) override(partName, contentType string) {
	ct := c.f.ContentTypes
	for i := range ct.Overrides {
		if ct.Overrides[i].PartName == partName {
			return
		}
	}
	o := ct.Overrides[0]
	o.PartName, o.ContentType = partName, contentType
	ct.Overrides = append(ct.Overrides, o)
	c.declare("rels", "application/vnd.openxmlformats-package.relationships+xml")
}

// sheetRels is the relationships part of the sheet.
func (c *chartSheet) sheetRels() string {
	return "xl/worksheets/_rels/" + strings.TrimPrefix(c.part, "xl/worksheets/") + ".rels"
}

// finish writes the drawing, its relationships and the sheet's, and has
// the sheet's part point at the drawing as the workbook is zipped.
func (c *chartSheet) finish() error {
	if c.charts == 0 {
		return nil
	}
	drawing := "drawing" + strconv.Itoa(c.drawing) + ".xml"
	c.f.Pkg.Store("xl/drawings/"+drawing, []byte(xml.Header+drawingOpen+c.anchors.String()+drawingClose))
	c.f.Pkg.Store("xl/drawings/_rels/"+drawing+".rels", []byte(xml.Header+relsOpen+c.rels.String()+"</Relationships>"))
	c.f.Pkg.Store(c.sheetRels(), []byte(xml.Header+relsOpen+
		`<Relationship Id="rId1" Target="../drawings/`+drawing+`" Type="`+relDrawing+`"></Relationship></Relationships>`))
	putSheetDrawing(c.f, c.part, "rId1")
	return nil
}
