package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio"
)

// jsonTokens lists the tokens of a JSON document, numbers as written, and
// drops the key sha256 with its value (the fixtures leave it out), the
// keys sources and from with theirs (a unit's cells: the fixtures' units
// are rebuilt without them; TestDemoFiguresTraceToCells checks them), and
// the later additions evaluation, sort and rank (the fixtures predate
// them; TestComputeJSONEvaluationAndRank checks them).
func jsonTokens(t *testing.T, b []byte) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var toks []string
	skip, depth := false, 0 // skipping a value; depth of the object or array skipped
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return toks
		}
		if err != nil {
			t.Fatalf("invalid JSON: %v", err)
		}
		if skip {
			if d, ok := tok.(json.Delim); ok {
				if d == '{' || d == '[' {
					depth++
				} else {
					depth--
				}
			}
			skip = depth > 0
			continue
		}
		if s, ok := tok.(string); ok && jsonSkipped[s] && dec.More() {
			skip = true
			continue
		}
		switch v := tok.(type) {
		case json.Delim:
			toks = append(toks, v.String())
		case string:
			toks = append(toks, `"`+v+`"`)
		case nil:
			toks = append(toks, "null")
		case json.Number:
			toks = append(toks, "#"+string(v))
		default:
			toks = append(toks, strings.TrimSpace(strings.ReplaceAll(string(mustJSON(t, v)), "\n", "")))
		}
	}
}

var jsonSkipped = map[string]bool{"sha256": true, "sources": true, "from": true, "evaluation": true, "sort": true, "rank": true}

func mustJSON(t *testing.T, v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestComputeJSONMatchesFixtures: every key, in order, every figure and its
// type (integer or string), for each fixture rebuilt from its units.
func TestComputeJSONMatchesFixtures(t *testing.T) {
	for _, c := range computeFixtures {
		t.Run(strings.TrimSuffix(c.file, ".expected.json"), func(t *testing.T) {
			rep := reportFromFixture(t, c.file, c.flags)
			var buf bytes.Buffer
			if err := WriteComputeJSON(&buf, rep); err != nil {
				t.Fatal(err)
			}
			want, err := os.ReadFile(fixturePath(c.file))
			if err != nil {
				t.Fatal(err)
			}
			g, w := jsonTokens(t, buf.Bytes()), jsonTokens(t, want)
			for i := 0; i < len(g) && i < len(w); i++ {
				if g[i] != w[i] {
					lo := max(0, i-8)
					t.Fatalf("token %d: got %s, want %s\ngot  …%v\nwant …%v", i, g[i], w[i], g[lo:i+1], w[lo:i+1])
				}
			}
			if len(g) != len(w) {
				t.Fatalf("%d tokens, want %d", len(g), len(w))
			}
		})
	}
}

// TestComputeJSONLayout pins the cosmetic layout: compact, one record per
// line (each field of the document on a line, each input, unit and issue
// on a line of its own), no HTML escaping, sha256 present, nulls for CSV
// sheets and unknown cells, a trailing newline.
func TestComputeJSONLayout(t *testing.T) {
	den := int64(8)
	rate, _ := coverage.NewPct(1, 8)
	rep := &Compute{
		Inputs:   []Input{{File: "a&b.csv", SHA256: "abc"}},
		Decimals: 0,
		Result: coverage.Result{
			Units: []coverage.UnitResult{{Name: "X <1>", Counts: map[string]int64{"labour_force": 8, "bhxh_mandatory": 1},
				Indicators: []coverage.IndicatorResult{{Key: "bhxh_mandatory", Numerator: 1, Denominator: &den, Rate: &rate}}}},
			Total: coverage.UnitResult{Name: "Tổng cộng", Counts: map[string]int64{}},
		},
		Issues: []xlsxio.Issue{{Level: "warning", Code: "no_denominator", File: "a&b.csv", Message: msg.Plain("m")}},
	}
	var buf bytes.Buffer
	if err := WriteComputeJSON(&buf, rep); err != nil {
		t.Fatal(err)
	}
	want := `{
"schema":"bhxh.compute/v1",
"inputs":[
{"file":"a&b.csv","sheet":null,"sha256":"abc"}
],
"period":null,
"units":[
{"name":"X <1>","code":null,"counts":{"bhxh_mandatory":1,"labour_force":8},"indicators":{"bhxh_mandatory":{"numerator":1,"denominator":8,"rate":"13","target":null,"target_source":null,"gap_pp":null,"persons_needed":null,"plan":null,"plan_completion":null,"prior":null,"change":null,"pace_per_month":null,"prior_rate":null,"change_pp":null}},"sources":{},"from":[],"rank":null}
],
"total":{"name":"Tổng cộng","code":null,"counts":{},"indicators":{}},
"issues":[
{"level":"warning","code":"no_denominator","file":"a&b.csv","sheet":null,"cell":null,"message":"m"}
],
"evaluation":{},
"sort":null
}
`
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
}

// halfUpReport has rates exactly halfway at the shown precision, a gap
// that rounds to zero from below (never "-0.00") and a plan completion
// ending in 5.
func halfUpReport(decimals int) *Compute {
	units := []coverage.Unit{
		{Name: "Một phần tám", Counts: map[string]int64{"bhxh_mandatory": 1, "bhxh_voluntary": 0, "labour_force": 8, "plan_bhxh_mandatory": 8}},
		{Name: "Ba phần tám", Counts: map[string]int64{"bhxh_mandatory": 3, "bhxh_voluntary": 0, "labour_force": 8, "plan_bhxh_mandatory": 16}},
		{Name: "Sát chỉ tiêu", Counts: map[string]int64{"bhxh_mandatory": 100000, "bhxh_voluntary": 1, "labour_force": 200001, "plan_bhxh_mandatory": 100000}},
	}
	res := coverage.Compute(units, nil, coverage.Options{Month: 10,
		Flags: map[string]coverage.Target{"bhxh": {Rate: decimal.RequireFromString("50")}}})
	return &Compute{Inputs: []Input{{File: "x.xlsx", Sheet: "S"}}, Period: "2025-10", Result: res,
		Decimals: decimals, Lang: "vi", Tool: "bhxh test", Generated: time.Date(2025, 11, 1, 0, 0, 0, 0, time.UTC)}
}

func TestComputeJSONRoundsHalfUp(t *testing.T) {
	for _, c := range []struct {
		decimals int
		want     []string // rate of bhxh_mandatory for units 1 and 2, total
	}{
		{0, []string{"13", "38", "50"}},
		{1, []string{"12.5", "37.5", "50.0"}},
		{2, []string{"12.50", "37.50", "50.00"}},
	} {
		var buf bytes.Buffer
		if err := WriteComputeJSON(&buf, halfUpReport(c.decimals)); err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Units []struct {
				Indicators map[string]map[string]any `json:"indicators"`
			} `json:"units"`
		}
		if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			if got := doc.Units[i].Indicators["bhxh_mandatory"]["rate"]; got != c.want[i] {
				t.Errorf("decimals %d unit %d: rate %v, want %s", c.decimals, i, got, c.want[i])
			}
		}
		// 1/8 of plan 8 → 12.5 %, 3/16 → 18.75 %.
		if c.decimals == 0 {
			if got := doc.Units[1].Indicators["bhxh_mandatory"]["plan_completion"]; got != "19" {
				t.Errorf("plan completion 18.75 at 0 decimals: %v, want 19", got)
			}
		}
		// 100001/200001 = 50.00025 %: the gap is −0.00025 points, which
		// rounds to zero and must print without a sign.
		gap := doc.Units[2].Indicators["bhxh"]["gap_pp"].(string)
		if want := decimal.Zero.StringFixed(int32(c.decimals)); gap != want {
			t.Errorf("decimals %d: gap %q, want %q", c.decimals, gap, want)
		}
	}
	// Sanity: the unit near the target is really just above it.
	if new(big.Rat).SetFrac64(100001, 200001).Cmp(big.NewRat(1, 2)) <= 0 {
		t.Fatal("test data wrong")
	}
}
