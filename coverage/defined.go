package coverage

import (
	"fmt"
	"github.com/bhxh/bhxh/msg"
	"strings"
)

// ColumnPrefix marks a count read from a column a defined indicator names
// by its header ("col:Tổng số HSSV"): whole people like every count, kept
// under the header the user wrote.
const ColumnPrefix = "col:"

// ParseIndicator reads a defined indicator, NAME=NUMERATOR/DENOMINATOR
// ("hssv=Số HSSV tham gia BHYT/Tổng số HSSV"). Each side is a canonical
// count key (population) or a header as the workbook writes it; the last
// '/' separates them, so a numerator header may hold a '/', a
// denominator header may not. NAME is lower-case letters, digits and '_',
// and may not be a built-in indicator or count key, nor start as a
// derived column does (plan_, prior_, target_, rate_).
func ParseIndicator(s string) (Indicator, error) {
	name, sides, ok := strings.Cut(s, "=")
	if !ok {
		return Indicator{}, msg.Errorf("%q: want NAME=NUMERATOR/DENOMINATOR", "%q: cần TÊN=TỬ_SỐ/MẪU_SỐ", s)
	}
	name = strings.TrimSpace(name)
	if err := checkDefinedName(name); err != nil {
		return Indicator{}, fmt.Errorf("%q: %w", s, err)
	}
	i := strings.LastIndexByte(sides, '/')
	if i < 0 {
		return Indicator{}, msg.Errorf("%q: want NAME=NUMERATOR/DENOMINATOR", "%q: cần TÊN=TỬ_SỐ/MẪU_SỐ", s)
	}
	num, den := strings.TrimSpace(sides[:i]), strings.TrimSpace(sides[i+1:])
	if num == "" || den == "" {
		return Indicator{}, msg.Errorf("%q: empty numerator or denominator", "%q: tử số hoặc mẫu số trống", s)
	}
	nk, dk := sideKey(num), sideKey(den)
	if nk == dk {
		return Indicator{}, msg.Errorf("%q: numerator and denominator are the same column", "%q: tử số và mẫu số là cùng một cột", s)
	}
	return Indicator{Key: name, Numerator: []string{nk}, Denominator: dk}, nil
}

func checkDefinedName(name string) error {
	if name == "" {
		return msg.Errorf("no name before '='", "không có tên trước dấu '='")
	}
	for i, r := range name {
		if !(r >= 'a' && r <= 'z' || r == '_' || i > 0 && r >= '0' && r <= '9') {
			return msg.Errorf("name %q: use lower-case letters, digits and '_', starting with a letter", "tên %q: chỉ dùng chữ thường, chữ số và '_', bắt đầu bằng chữ cái", name)
		}
	}
	if _, builtin := IndicatorByKey(name); builtin || IsCountKey(name) || name == "unit" || name == "code" {
		return msg.Errorf("name %q is a built-in key; choose another", "tên %q là khóa có sẵn; hãy chọn tên khác", name)
	}
	for _, p := range []string{PlanPrefix, PriorPrefix, TargetPrefix, RatePrefix} {
		if strings.HasPrefix(name, p) {
			return msg.Errorf("name %q starts like a %s… column; choose another", "tên %q bắt đầu giống cột %s…; hãy chọn tên khác", name, p)
		}
	}
	return nil
}

// sideKey is a side's count key: a canonical count key as written, else
// the header under ColumnPrefix.
func sideKey(side string) string {
	for _, k := range CountKeys {
		if side == k {
			return k
		}
	}
	return ColumnPrefix + side
}

// Headers lists the workbook headers a defined indicator reads (its sides
// that are not canonical keys).
func (ind Indicator) Headers() []string {
	var hs []string
	for _, k := range append(append([]string{}, ind.Numerator...), ind.Denominator) {
		if h, ok := strings.CutPrefix(k, ColumnPrefix); ok {
			hs = append(hs, h)
		}
	}
	return hs
}

// ParseIndicators reads a file of definitions (--indicators): one
// NAME=NUMERATOR/DENOMINATOR a line; blank lines and lines starting with
// '#' are skipped. An error names the line. A name defined twice is an
// error.
func ParseIndicators(text string) ([]Indicator, error) {
	var out []Indicator
	for n, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		ind, err := ParseIndicator(line)
		if err != nil {
			return nil, msg.Errorf("line %d: %w", "dòng %d: %w", n+1, err)
		}
		out = append(out, ind)
	}
	if err := CheckDefined(out); err != nil {
		return nil, err
	}
	return out, nil
}

// CheckDefined refuses a name defined twice.
func CheckDefined(defs []Indicator) error {
	seen := map[string]bool{}
	for _, d := range defs {
		if seen[d.Key] {
			return msg.Errorf("indicator %q is defined twice", "chỉ số %q được định nghĩa hai lần", d.Key)
		}
		seen[d.Key] = true
	}
	return nil
}

// withDefined is the built-in indicators, then the defined ones.
func withDefined(defined []Indicator) []Indicator {
	if len(defined) == 0 {
		return Indicators
	}
	return append(append(make([]Indicator, 0, len(Indicators)+len(defined)), Indicators...), defined...)
}
