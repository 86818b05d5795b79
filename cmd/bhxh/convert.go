package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/crosswalk"
	"github.com/bhxh/bhxh/xlsxio"
	"github.com/bhxh/bhxh/xlsxio/report"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// Moving old-unit workbooks into the new units: shared by `bhxh crosswalk`
// and by compute --prior, trend and allocate with --crosswalk.

// crosswalkFlags are the flags of every command that converts old units.
type crosswalkFlags struct {
	Crosswalk string // a built-in name (vn-2025) or a file
	Shares    string
	Partial   bool
}

// converter holds a loaded table and shares.
type converter struct {
	table  *crosswalk.Table
	shares *crosswalk.Shares
	flags  crosswalkFlags
	// sharesRef is the shares file for reports; nil when none
	sharesRef *report.FileRef
}

// loadConverter reads the crosswalk (built in or a file) and the shares.
func loadConverter(f crosswalkFlags) (*converter, error) {
	c := &converter{flags: f}
	name := f.Crosswalk
	if name == "" {
		name = crosswalk.DefaultName
	}
	if t, err := crosswalk.Builtin(name); err == nil {
		c.table = t
	} else {
		data, rerr := os.ReadFile(name)
		if rerr != nil {
			if errors.Is(rerr, os.ErrNotExist) && !strings.ContainsAny(name, `./\`) {
				return nil, usagef("--crosswalk %q: neither a built-in table (%s) nor a file", "--crosswalk %q: không phải bảng có sẵn (%s) cũng không phải tệp", name, strings.Join(crosswalk.Names(), ", "))
			}
			return nil, fmt.Errorf("--crosswalk %s: %w", name, rerr)
		}
		t, perr := crosswalk.Parse(data, filepath.Base(name))
		if perr != nil {
			return nil, perr
		}
		c.table = t
	}
	if f.Shares != "" {
		data, err := os.ReadFile(f.Shares)
		if err != nil {
			return nil, fmt.Errorf("--shares %s: %w", f.Shares, err)
		}
		s, err := crosswalk.ParseShares(data, filepath.Base(f.Shares), c.table)
		if err != nil {
			return nil, err
		}
		c.shares = s
		sum := sha256.Sum256(data)
		c.sharesRef = &report.FileRef{File: filepath.Base(f.Shares), SHA256: hex.EncodeToString(sum[:])}
	}
	return c, nil
}

// tableRef describes the crosswalk for reports.
func (c *converter) tableRef() report.CrosswalkTable {
	return report.CrosswalkTable{Name: c.table.Name, Effective: c.table.Effective, Source: c.table.Source, SHA256: c.table.SHA256}
}

// convertTables joins the tables of old units (xlsxio.Join when several),
// finds each unit's old unit (by code, else by name within the old district
// of its row's "Huyện" column or of its workbook's title) and moves the
// counts to the new units.
func (c *converter) convertTables(tables []*xlsxio.Table) ([]coverage.Unit, []xlsxio.Issue, error) {
	units := tables[0].Units
	from := make([]int, len(units)) // unit → table it was first read from
	var issues []xlsxio.Issue
	if len(tables) > 1 {
		j, err := xlsxio.Join(tables)
		if err != nil {
			return nil, nil, err
		}
		units, issues = j.Units, j.Issues
		from = make([]int, len(units))
		for i := range units {
			from[i] = j.From[i][0]
		}
	}
	inputs := make([]crosswalk.Input, len(units))
	var errs xlsxio.ErrorList
	for ti, t := range tables {
		districts, err := districtColumn(t)
		if err != nil {
			return nil, nil, err
		}
		var refs []crosswalk.Ref
		var idx []int
		for i := range units {
			if from[i] != ti {
				continue
			}
			u := &units[i]
			r := crosswalk.Ref{Code: u.Code, Name: u.Name, File: t.File, Sheet: t.Sheet, Cell: u.Cells["unit"]}
			if districts != nil {
				r.District = districts[unitRowIndex(t, u)]
			}
			refs = append(refs, r)
			idx = append(idx, i)
		}
		olds, warns, err := c.table.Resolve(refs, c.table.ScopeOf(t.Title))
		if err != nil {
			var list xlsxio.ErrorList
			if errors.As(err, &list) {
				errs = append(errs, list...)
				continue
			}
			return nil, nil, err
		}
		for _, w := range warns {
			issues = append(issues, xlsxio.Issue{Level: "warning", Code: xlsxio.WarnLooseUnitMatch, File: t.File, Sheet: t.Sheet, Message: w})
		}
		for k, i := range idx {
			inputs[i] = crosswalk.Input{Old: olds[k], Unit: &units[i], Where: refs[k].Where()}
		}
	}
	if len(errs) > 0 {
		return nil, nil, errs
	}
	res, err := c.table.Convert(inputs, crosswalk.Options{Shares: c.shares, Partial: c.flags.Partial})
	if err != nil {
		var se *crosswalk.SplitError
		var pe *crosswalk.PartialError
		switch {
		case errors.As(err, &se):
			return nil, nil, msg.Errorf("%w\nthen give it with --shares FILE", "%w\nrồi đưa tệp đó vào bằng --shares FILE", err)
		case errors.As(err, &pe):
			return nil, nil, msg.Errorf("%w, or --partial to convert them anyway (each with a partial_unit warning)", "%w, hoặc cho --partial để vẫn chuyển đổi (mỗi đơn vị kèm một cảnh báo partial_unit)", err)
		}
		return nil, nil, err
	}
	for _, w := range res.Warnings {
		issues = append(issues, xlsxio.Issue{Level: "warning", Code: w.Code, File: c.table.Name, Message: w.Message})
	}
	return res.Units, issues, nil
}

// districtColumn returns, per unit of t, the old district its row's own
// column names ("Huyện", "Quận/huyện", "Huyện cũ"), or nil when t has no
// such column.
func districtColumn(t *xlsxio.Table) ([]string, error) {
	for _, c := range t.Columns {
		if c.Key != "" || c.Header == "" {
			continue
		}
		f := strings.TrimPrefix(vntext.Fold(c.Header), "ten ")
		switch first, _, _ := strings.Cut(f, " "); first {
		case "huyen", "quan", "district":
			return xlsxio.ColumnTexts(t, c.Header)
		}
	}
	return nil, nil
}

// unitRowIndex is the index of u among t's units (matched by its row).
func unitRowIndex(t *xlsxio.Table, u *coverage.Unit) int {
	for i := range t.Units {
		if t.Units[i].Row == u.Row {
			return i
		}
	}
	return 0
}

// isOld tells whether t is in the units before the reform: by its period
// against the table's effective date ("2025-06" is old, "2025-07" new);
// without a period, by whether its codes and names are the old units' or
// the new ones' (codes were kept across the reform, names mostly not).
func (c *converter) isOld(t *xlsxio.Table) (bool, error) {
	if t.Period != "" && len(c.table.Effective) >= 7 {
		return t.Period < c.table.Effective[:7], nil
	}
	old, new := 0, 0
	for i := range t.Units {
		u := &t.Units[i]
		ref := xlsxio.UnitRef{Name: u.Name}
		code := xlsxio.UnitCode(u.Code, u.Name)
		if o, ok := c.table.OldByCode(code); ok && xlsxio.MatchUnit(ref, xlsxio.UnitRef{Name: o.Name}) >= xlsxio.MatchName {
			old++
		}
		if n, ok := c.table.NewByCode(code); ok && xlsxio.MatchUnit(ref, xlsxio.UnitRef{Name: n.Name}) >= xlsxio.MatchName {
			new++
		}
	}
	switch {
	case old > new:
		return true, nil
	case new > old || new > 0:
		return false, nil
	}
	return false, msg.Errorf("%s: cannot tell whether it is in the units before or after the reform of %s: it states no period (\"Tháng 11 năm 2024\" in the title or 2024-11 in the file name) and its codes and names are neither's", "%s: không biết tệp theo đơn vị trước hay sau đợt sắp xếp %s: tệp không ghi kỳ (\"Tháng 11 năm 2024\" ở tiêu đề hoặc 2024-11 ở tên tệp) và mã, tên đơn vị không khớp bên nào",
		t.File, c.table.Effective)
}

// toNewUnits converts tables in the old units into the new ones (all of
// them old, or none: a mix is refused); tables already in the new units
// are returned as they are, with converted false.
func (c *converter) toNewUnits(tables []*xlsxio.Table) (units []coverage.Unit, issues []xlsxio.Issue, converted bool, err error) {
	var olds, news []string
	for _, t := range tables {
		old, err := c.isOld(t)
		if err != nil {
			return nil, nil, false, err
		}
		if old {
			olds = append(olds, t.File)
		} else {
			news = append(news, t.File)
		}
	}
	if len(olds) == 0 {
		return nil, nil, false, nil
	}
	if len(news) > 0 {
		return nil, nil, false, msg.Errorf("%s in the old units and %s in the new ones: give the inputs of one period in one kind of units", "%s theo đơn vị cũ còn %s theo đơn vị mới: hãy cho các tệp cùng một kỳ, cùng một kiểu đơn vị",
			strings.Join(olds, ", "), strings.Join(news, ", "))
	}
	units, issues, err = c.convertTables(tables)
	return units, issues, true, err
}

// convertedTable is a table of units made by bhxh (moved to the new units,
// or joined from several files), for joins and allocate: its columns are
// the keys the units hold.
func convertedTable(from *xlsxio.Table, units []coverage.Unit) *xlsxio.Table {
	t := &xlsxio.Table{File: from.File, Path: from.Path, Sheet: from.Sheet, SHA256: from.SHA256, Period: from.Period, Title: from.Title, Units: units}
	has := map[string]bool{}
	for _, u := range units {
		for k := range u.Counts {
			has[k] = true
		}
	}
	for _, k := range coverage.AllKeys() {
		if has[k] {
			t.Columns = append(t.Columns, xlsxio.Column{Key: k, Header: k})
		}
	}
	return t
}
