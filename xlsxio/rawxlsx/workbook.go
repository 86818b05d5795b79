package rawxlsx

import (
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// RelOfficeDocument is the (transitional) type of the package relationship
// naming the workbook part.
const RelOfficeDocument = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

// Workbook is what the workbook part and its relationships say.
type Workbook struct {
	Part string // the workbook part, "xl/workbook.xml" as Excel writes it
	// DocRel is the type of the package relationship naming Part ("" when
	// the package has no _rels/.rels and Part is the default).
	DocRel string
	Sheets []SheetEntry
	// ActiveTab is the sheet shown when the file opens (the first
	// workbookView's activeTab), as written: it may be out of range.
	ActiveTab int
	// SharedStrings is the shared-strings part its relationships name, ""
	// when none.
	SharedStrings string
}

// SheetEntry is one sheet of the workbook, in tab order.
type SheetEntry struct {
	Name  string
	State string // "" or "visible", "hidden", "veryHidden", as written
	RelID string
	// Part is the part the sheet's relationship names, resolved against
	// the workbook's folder; "" when no relationship names one.
	Part string
}

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

type xmlWorkbook struct {
	Views []struct {
		ActiveTab string `xml:"activeTab,attr"`
	} `xml:"bookViews>workbookView"`
	Sheets []struct {
		Name  string `xml:"name,attr"`
		State string `xml:"state,attr"`
		RID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
	} `xml:"sheets>sheet"`
}

// resolve turns a relationship target into a part name relative to the
// package root.
func resolve(base, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(path.Clean(target), "/")
	}
	return strings.TrimPrefix(path.Clean(path.Join(path.Dir(base), target)), "/")
}

// RelsOf is the relationships part of a part: xl/_rels/workbook.xml.rels
// for xl/workbook.xml.
func RelsOf(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// ReadWorkbook reads the workbook part (found through _rels/.rels) and its
// relationships: the sheets in order with their state and part.
func (p *Package) ReadWorkbook() (*Workbook, error) {
	wb := &Workbook{Part: "xl/workbook.xml"}
	var root xmlRels
	if ok, err := p.readMeta("_rels/.rels", &root); err != nil {
		return nil, err
	} else if ok {
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wb.Part, wb.DocRel = resolve("", r.Target), r.Type
				break
			}
		}
	}
	var x xmlWorkbook
	if ok, err := p.readMeta(wb.Part, &x); err != nil {
		return nil, err
	} else if !ok {
		return nil, p.errf("no workbook part", "không có phần workbook")
	}
	if len(x.Views) > 0 {
		wb.ActiveTab, _ = strconv.Atoi(strings.TrimSpace(x.Views[0].ActiveTab))
	}
	var rels xmlRels
	if _, err := p.readMeta(RelsOf(wb.Part), &rels); err != nil {
		return nil, err
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		target[r.ID] = resolve(wb.Part, r.Target)
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			wb.SharedStrings = resolve(wb.Part, r.Target)
		}
	}
	for _, s := range x.Sheets {
		wb.Sheets = append(wb.Sheets, SheetEntry{Name: s.Name, State: s.State, RelID: s.RID, Part: target[s.RID]})
	}
	return wb, nil
}

// Locate finds a sheet for a reader of one sheet (bhxh count's lists): by
// name (exactly, else in any case), by 1-based index, or the first when
// sheet is "". A sheet without a part named by a relationship is where
// Excel's default layout puts it.
func (p *Package) Locate(wb *Workbook, sheet string) (SheetEntry, error) {
	if len(wb.Sheets) == 0 {
		return SheetEntry{}, p.errf("the workbook lists no sheet", "bảng tính không có trang tính nào")
	}
	idx := -1
	switch {
	case sheet == "":
		idx = 0
	default:
		for i, s := range wb.Sheets {
			if s.Name == sheet {
				idx = i
			}
		}
		if idx < 0 {
			for i, s := range wb.Sheets {
				if strings.EqualFold(s.Name, sheet) {
					idx = i
				}
			}
		}
		if n, err := strconv.Atoi(sheet); idx < 0 && err == nil && n >= 1 && n <= len(wb.Sheets) {
			idx = n - 1
		}
	}
	if idx < 0 {
		names := make([]string, len(wb.Sheets))
		for i, s := range wb.Sheets {
			names[i] = fmt.Sprintf("%q", s.Name)
		}
		return SheetEntry{}, &readerr.FileError{File: p.name, Err: msg.Errorf("no sheet %q (sheets: %s)", "không có trang tính %q (các trang tính: %s)", sheet, strings.Join(names, ", "))}
	}
	s := wb.Sheets[idx]
	if s.Part == "" {
		s.Part = fmt.Sprintf("xl/worksheets/sheet%d.xml", idx+1)
	}
	return s, nil
}
