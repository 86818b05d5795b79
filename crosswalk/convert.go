package crosswalk

import (
	"fmt"
	"maps"
	"math/big"
	"slices"
	"sort"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// Input is one old unit's row of an input workbook, already matched to
// the table's old unit.
type Input struct {
	Old   *OldUnit
	Unit  *coverage.Unit // counts (current, plans, priors) with their Sources
	Where string         // the row, for messages: "a.xlsx!T11!B9"
}

// Options control a conversion.
type Options struct {
	Shares *Shares // the split of the old units divided by part rows; nil = none given
	// Partial converts a new unit some of whose old units are not in the
	// inputs (with a partial_unit warning) instead of failing.
	Partial bool
}

// Result is the inputs' figures in the new units.
type Result struct {
	Units    []coverage.Unit // in the table's order of new units, each with its Origins
	Warnings []coverage.Warning
}

// Warning codes of a conversion (part of the interface, like compute's).
const (
	WarnPartialUnit  = "partial_unit"  // a new unit converted without some of its old units (Options.Partial)
	WarnNotConverted = "not_converted" // a percentage column (a target, a stated rate) cannot be moved
)

// Convert moves the inputs' counts to the new units: a whole row moves every
// count of its old unit, an area row none, and the part rows of a divided
// old unit split each count by the shares, normalised over the unit and in
// whole people by largest remainder (coverage.SplitWhole: ties to the larger
// share, then to the new unit listed first), so each old unit's count is
// kept exactly. A new unit holds a count only when every old unit giving
// it people reports that count.
//
// It fails, naming units and where they were read, on an old unit given
// twice, on a divided old unit without shares (*SplitError lists them all),
// and on a new unit whose old units are not all in the inputs (*PartialError,
// unless Options.Partial).
func (t *Table) Convert(in []Input, opt Options) (*Result, error) {
	byOld := map[int]int{} // old index → input index
	var errs xlsxio.ErrorList
	for i, x := range in {
		o := t.oldIndex(x.Old)
		if j, dup := byOld[o]; dup {
			errs = append(errs, msg.Errorf("old unit %s is given twice: %s and %s", "đơn vị cũ %s được cho hai lần: %s và %s", x.Old.Label(), in[j].Where, x.Where))
			continue
		}
		byOld[o] = i
	}
	if len(errs) > 0 {
		return nil, errs
	}

	// Each input old unit's people, split over its rows.
	type move struct {
		input int
		row   int
		share *big.Rat // normalised, part rows only
		split map[string]int64
	}
	moves := map[int][]move{} // new index → what it receives
	var split []*OldUnit
	for i, x := range in {
		o := x.Old
		if t.Rows[o.Rows[0]].Relation != Part {
			for _, r := range o.Rows {
				if t.Rows[r].Relation == Whole {
					moves[t.newOf[r]] = append(moves[t.newOf[r]], move{input: i, row: r})
				}
			}
			continue
		}
		rows, weights, ok := opt.Shares.weights(t, o)
		if !ok {
			split = append(split, o)
			continue
		}
		parts := make([]move, len(rows))
		sum := new(big.Int)
		for _, w := range weights {
			sum.Add(sum, w)
		}
		for k, r := range rows {
			parts[k] = move{input: i, row: r, share: new(big.Rat).SetFrac(weights[k], sum), split: map[string]int64{}}
		}
		for _, key := range slices.Sorted(maps.Keys(x.Unit.Counts)) { // the same key named in an error every run
			v := x.Unit.Counts[key]
			got, err := coverage.SplitWhole(v, weights)
			if err != nil {
				return nil, msg.Errorf("%s: %s %d of old unit %s: %w", "%s: %s %d của đơn vị cũ %s: %w", x.Where, key, v, o.Label(), err)
			}
			for k := range parts {
				parts[k].split[key] = got[k]
			}
		}
		for _, p := range parts {
			moves[t.newOf[p.row]] = append(moves[t.newOf[p.row]], p)
		}
	}
	if len(split) > 0 {
		return nil, &SplitError{Table: t, Units: split, Shares: opt.Shares}
	}

	// A new unit whose people come partly from old units not given.
	var res Result
	var partial []partialUnit
	for n := range t.New {
		if len(moves[n]) == 0 {
			continue
		}
		var missing []int
		for _, r := range t.newRows[n] {
			if _, given := byOld[t.oldOf[r]]; !given && t.Rows[r].Relation != Area {
				missing = append(missing, r)
			}
		}
		if len(missing) > 0 {
			partial = append(partial, partialUnit{n, missing})
		}
	}
	if len(partial) > 0 && !opt.Partial {
		return nil, &PartialError{Table: t, units: partial}
	}
	for _, p := range partial {
		nu := &t.New[p.n]
		res.Warnings = append(res.Warnings, coverage.Warning{Code: WarnPartialUnit, Unit: nu.Name,
			Message: msg.Sprintf("%s: its figures leave out its old unit(s) %s, which are not in the inputs", "%s: số liệu thiếu (các) đơn vị cũ %s, không có trong dữ liệu vào", nu.Label(), t.rowLabels(p.rows))})
	}

	keys := countKeys(in)
	for n := range t.New {
		ms := moves[n]
		if len(ms) == 0 {
			continue
		}
		// Origins in the table's order of the new unit's rows.
		sort.SliceStable(ms, func(a, b int) bool { return ms[a].row < ms[b].row })
		nu := &t.New[n]
		u := coverage.Unit{Name: nu.Name, Code: nu.Code, Counts: map[string]int64{}, Percents: map[string]decimal.Decimal{},
			Shown: map[string]int{}, Cells: map[string]string{}, Sources: map[string][]string{}}
		var lacking []string
		for _, key := range keys {
			var sum int64
			all := true
			for _, m := range ms {
				v, ok := in[m.input].Unit.Counts[key]
				if !ok {
					all = false
					break
				}
				if m.split != nil {
					v = m.split[key]
				}
				sum += v
			}
			if !all {
				lacking = append(lacking, key)
				continue
			}
			u.Counts[key] = sum
			for _, m := range ms {
				u.Sources[key] = append(u.Sources[key], in[m.input].Unit.Sources[key]...)
			}
		}
		for _, m := range ms {
			x := in[m.input]
			og := coverage.Origin{Code: x.Old.Code, Name: x.Old.Name, Relation: string(t.Rows[m.row].Relation),
				Counts: map[string]int64{}, Sources: map[string][]string{}}
			if m.share != nil {
				og.Share = m.share
				if c := opt.Shares.Cell(x.Old.Code, nu.Code); c != "" {
					og.ShareCell = opt.Shares.File + "!" + c
				}
			}
			for _, key := range keys {
				if _, ok := u.Counts[key]; !ok {
					continue
				}
				v := x.Unit.Counts[key]
				if m.split != nil {
					v = m.split[key]
				}
				og.Counts[key] = v
				og.Sources[key] = x.Unit.Sources[key]
			}
			u.Origins = append(u.Origins, og)
		}
		if len(lacking) > 0 {
			var who []msg.Text
			for _, m := range ms {
				x := in[m.input]
				var no []string
				for _, k := range lacking {
					if _, ok := x.Unit.Counts[k]; !ok {
						no = append(no, k)
					}
				}
				if len(no) > 0 {
					who = append(who, msg.Sprintf("%s (%s) has no %s", "%s (%s) không có %s", x.Old.Label(), x.Where, strings.Join(no, ", ")))
				}
			}
			res.Warnings = append(res.Warnings, coverage.Warning{Code: coverage.WarnMissingUnit, Unit: nu.Name, Key: lacking[0],
				Message: msg.Sprintf("%s: no %s, since %s", "%s: không có %s, vì %s", nu.Label(), strings.Join(lacking, ", "), msg.Join(who, "; "))})
		}
		res.Units = append(res.Units, u)
	}
	res.Warnings = append(res.Warnings, notConverted(in)...)
	return &res, nil
}

// countKeys lists the count keys any input reports, in the canonical order.
func countKeys(in []Input) []string {
	has := map[string]bool{}
	for _, x := range in {
		for k := range x.Unit.Counts {
			has[k] = true
		}
	}
	var keys []string
	for _, k := range coverage.AllKeys() {
		if has[k] && coverage.IsCountKey(k) {
			keys = append(keys, k)
		}
	}
	return keys
}

// notConverted warns, once per key, of the percentage columns the inputs
// hold: a target or a stated rate of old units says nothing of a new unit
// made of several (rates are recomputed from the moved counts).
func notConverted(in []Input) []coverage.Warning {
	has := map[string]string{}
	for _, x := range in {
		for k := range x.Unit.Percents {
			if _, ok := has[k]; !ok {
				has[k] = x.Where
			}
		}
	}
	var out []coverage.Warning
	for _, k := range coverage.AllKeys() {
		where, ok := has[k]
		if !ok {
			continue
		}
		text := msg.Sprintf("%s of the old units (%s…) is not carried to the new units: rates are recomputed from the moved counts",
			"%s của các đơn vị cũ (%s…) không chuyển sang đơn vị mới: tỷ lệ được tính lại từ số người chuyển sang", k, where)
		if strings.HasPrefix(k, coverage.TargetPrefix) {
			text = msg.Sprintf("%s of the old units (%s…) is not carried to the new units: a target of old units says nothing of a new unit made of several; give the new units' targets",
				"%s của các đơn vị cũ (%s…) không chuyển sang đơn vị mới: chỉ tiêu của đơn vị cũ không nói gì về đơn vị mới gộp từ nhiều đơn vị; hãy ghi chỉ tiêu của đơn vị mới", k, where)
		}
		out = append(out, coverage.Warning{Code: WarnNotConverted, Key: k, Message: text})
	}
	return out
}

// rowLabels names the old units of rows: "00019 Phường Điện Biên (…) [part]".
func (t *Table) rowLabels(rows []int) string {
	var out []string
	for _, r := range rows {
		o := &t.Old[t.oldOf[r]]
		out = append(out, o.Label()+" ["+string(t.Rows[r].Relation)+"]")
	}
	return strings.Join(out, ", ")
}

// SplitError lists the old units in the inputs that were divided between
// new units (part rows) and have no shares: their people cannot be moved
// exactly, and nothing is guessed.
type SplitError struct {
	Table  *Table
	Units  []*OldUnit
	Shares *Shares // the shares given, nil when none
}

func (e *SplitError) Error() string { return e.In(msg.EN) }

// In is the message in language l.
func (e *SplitError) In(l msg.Lang) string {
	var b strings.Builder
	what := msg.Sprintf("no shares are given", "chưa có tỷ trọng nào")
	if e.Shares != nil {
		what = msg.Sprintf("%s has no shares for them", "%s không có tỷ trọng cho các đơn vị này", e.Shares.File)
	}
	b.WriteString(msg.Sprintf("%d old unit(s) in the inputs were divided between new units, the crosswalk %s does not say how their people went, and %s:\n",
		"%d đơn vị cũ trong dữ liệu vào đã được chia cho nhiều đơn vị mới, bảng chuyển đổi %s không cho biết số người của chúng đã chuyển đi thế nào, và %s:\n",
		len(e.Units), e.Table.Name, what).In(l))
	for _, o := range e.Units {
		fmt.Fprintf(&b, "  %s → %s\n", o.Label(), e.Table.newLabels(o))
	}
	b.WriteString(msg.Sprintf("A shares file gives each part's share (the population of each part, a recount, or percentages; only proportions count), e.g.:\n",
		"Tệp tỷ trọng cho biết tỷ trọng của từng phần (dân số của từng phần, số đếm lại, hoặc phần trăm; chỉ tỷ lệ giữa các phần mới có ý nghĩa), ví dụ:\n").In(l))
	b.WriteString("old_code,new_code,share\n")
	for _, o := range e.Units {
		for _, r := range o.Rows {
			fmt.Fprintf(&b, "%s,%s,\n", o.Code, e.Table.Rows[r].NewCode)
		}
	}
	return strings.TrimRight(b.String(), "\n")
}

type partialUnit struct {
	n    int   // index into New
	rows []int // its rows whose old units are not in the inputs
}

// PartialError lists the new units some of whose old units are not in the
// inputs: their figures would leave those people out.
type PartialError struct {
	Table *Table
	units []partialUnit
}

func (e *PartialError) Error() string { return e.In(msg.EN) }

// In is the message in language l.
func (e *PartialError) In(l msg.Lang) string {
	var b strings.Builder
	b.WriteString(msg.Sprintf("%d new unit(s) are made of old units that are not all in the inputs, so their figures would be partial:\n",
		"%d đơn vị mới được hợp thành từ các đơn vị cũ không có đủ trong dữ liệu vào, nên số liệu của chúng sẽ thiếu:\n", len(e.units)).In(l))
	for _, p := range e.units {
		b.WriteString(msg.Sprintf("  %s: missing %s\n", "  %s: thiếu %s\n", e.Table.New[p.n].Label(), e.Table.rowLabels(p.rows)).In(l))
	}
	b.WriteString(msg.Sprintf("give the workbooks of those old units too", "hãy cho thêm bảng tính của các đơn vị cũ đó").In(l))
	return b.String()
}
