package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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
				return nil, usagef("--crosswalk %q: neither a built-in table (%s) nor a file", name, strings.Join(crosswalk.Names(), ", "))
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
			return nil, nil, fmt.Errorf("%w\nthen give it with --shares FILE", err)
		case errors.As(err, &pe):
			return nil, nil, fmt.Errorf("%w, or --partial to convert them anyway (each with a partial_unit warning)", err)
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
