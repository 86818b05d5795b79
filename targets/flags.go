package targets

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bhxh/bhxh/msg"

	"github.com/shopspring/decimal"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio"
)

// ParseTargetFlag parses one --target value, "bhxh=55" or "bhyt=95,15".
// The rate must be in (0, 100]. The indicator is a built-in one or one of
// defined (the user's --indicator names).
func ParseTargetFlag(s string, defined ...string) (indicator string, rate decimal.Decimal, err error) {
	key, val, ok := strings.Cut(s, "=")
	if !ok {
		return "", decimal.Decimal{}, msg.Errorf("--target %q: want INDICATOR=RATE, e.g. bhxh=55", "--target %q: cần CHỈ_SỐ=TỶ_LỆ, ví dụ bhxh=55", s)
	}
	key = strings.ToLower(strings.TrimSpace(key))
	if _, known := coverage.IndicatorByKey(key); !known && !slices.Contains(defined, key) {
		return "", decimal.Decimal{}, msg.Errorf("--target %q: unknown indicator %q (valid: %s)", "--target %q: không có chỉ số %q (các chỉ số: %s)", s, key, indicatorList())
	}
	if rate, err = ParseTargetRate(val); err != nil {
		return "", decimal.Decimal{}, fmt.Errorf("--target %q: %w", s, err)
	}
	return key, rate, nil
}

// ParseTargetRate parses a target rate in percent as typed on the command
// line (the value of --target KEY=RATE, allocate's --rate): read as a cell
// is (xlsxio.ParseRate), and in (0, 100].
func ParseTargetRate(s string) (decimal.Decimal, error) {
	s = strings.TrimSpace(s)
	rate, err := xlsxio.ParseRate(s)
	if err != nil {
		return decimal.Decimal{}, msg.Errorf("%q is not a rate in percent (e.g. 55 or 95,15)", "%q không phải tỷ lệ phần trăm (ví dụ 55 hoặc 95,15)", s)
	}
	if !validTarget(rate) {
		return decimal.Decimal{}, msg.New("a target rate must be above 0 and at most 100 (percent)", "tỷ lệ chỉ tiêu phải lớn hơn 0 và không quá 100 (phần trăm)")
	}
	return rate, nil
}

// validTarget tells whether rate is a target: above 0 and at most 100 %.
func validTarget(rate decimal.Decimal) bool {
	return rate.IsPositive() && !rate.GreaterThan(decimal.NewFromInt(100))
}

// ParseTargetFlags parses every --target value into province-wide targets
// (Source flag), of built-in indicators or of defined ones. Giving the same indicator twice is an error: which one was
// meant cannot be guessed.
func ParseTargetFlags(values []string, defined ...string) (map[string]coverage.Target, error) {
	out := map[string]coverage.Target{}
	for _, v := range values {
		ind, rate, err := ParseTargetFlag(v, defined...)
		if err != nil {
			return nil, err
		}
		if prev, dup := out[ind]; dup {
			return nil, msg.Errorf("--target %s is given twice (%s and %q)", "--target %s được cho hai lần (%s và %q)", ind, prev.Note, v)
		}
		out[ind] = coverage.Target{Rate: rate, Source: coverage.SourceFlag, Note: msg.Plain("--target " + strings.TrimSpace(v))}
	}
	return out, nil
}

func indicatorList() string {
	keys := make([]string, len(coverage.Indicators))
	for i, ind := range coverage.Indicators {
		keys[i] = ind.Key
	}
	return strings.Join(keys, ", ")
}
