package xlsxio

import (
	"strings"

	"github.com/bhxh/bhxh/coverage"
	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// Header matching works on keywords, not on a list of known headers: a
// header names a subject (which count or indicator: "bhxh" + "bat buoc")
// and sometimes a role (plan, same period last year, target, rate); the
// merged group cell above supplies whichever the header leaves out.
// Everything is compared on Fold'ed text with abbreviations spelled out.

// canonicalKeys are accepted verbatim as headers (what `bhxh template` and
// the English-keyed files such as boundary-half-up.xlsx carry).
var canonicalKeys = func() map[string]bool {
	m := map[string]bool{"unit": true, "code": true}
	for _, k := range coverage.AllKeys() {
		m[k] = true
	}
	return m
}()

// abbreviations spells out the abbreviations Vietnamese headers use, word
// by word, on Fold'ed text.
var abbreviations = map[string]string{
	"bb":    "bat buoc",
	"tn":    "tu nguyen",
	"tg":    "tham gia",
	"kh":    "ke hoach",
	"ck":    "cung ky",
	"th":    "thuc hien",
	"tl":    "ty le",
	"ct":    "chi tieu",
	"llld":  "luc luong lao dong",
	"lld":   "luc luong lao dong",
	"ld":    "lao dong",
	"tb":    "trung binh",
	"ds":    "dan so",
	"dvhc":  "don vi hanh chinh",
	"dv":    "don vi",
	"tp":    "thanh pho",
	"tx":    "thi xa",
	"labor": "labour",
}

// phrases rewritten to the scheme's usual abbreviation, longest first.
var schemePhrases = []struct{ from, to string }{
	{" bao hiem xa hoi ", " bhxh "},
	{" bao hiem y te ", " bhyt "},
	{" bao hiem that nghiep ", " bhtn "},
	{" bh xh ", " bhxh "},
	{" bh yt ", " bhyt "},
	{" bh tn ", " bhtn "},
	{" health insurance ", " bhyt "},
	{" unemployment insurance ", " bhtn "},
	{" social insurance ", " bhxh "},
}

// headerWords folds s for matching: unit suffixes such as "(người)",
// "(%)", "(1)" and "Đơn vị tính: người" dropped, abbreviations spelled
// out; the result has a space at both ends so that " word " finds whole
// words. pct reports a "%" in s.
func headerWords(s string) (words string, pct bool) {
	pct = strings.Contains(s, "%")
	s = dropUnitSuffixes(s)
	f := vntext.Fold(s)
	if f == "" {
		return " ", pct
	}
	var b strings.Builder
	b.Grow(len(f) + 16)
	b.WriteByte(' ')
	for w := range strings.SplitSeq(f, " ") {
		if x, ok := abbreviations[w]; ok {
			w = x
		}
		b.WriteString(w)
		b.WriteByte(' ')
	}
	words = b.String()
	for _, p := range schemePhrases {
		if strings.Contains(words, p.from) {
			words = strings.ReplaceAll(words, p.from, p.to)
		}
	}
	for _, u := range []string{" don vi tinh nguoi ", " dvt nguoi ", " don vi tinh ", " dvt "} {
		if strings.Contains(words, u) {
			words = strings.ReplaceAll(words, u, " ")
		}
	}
	return words, pct
}

// dropUnitSuffixes removes parenthesised units and column numbers:
// "(người)", "(%)", "(1)", "(5)=(3)/(4)"; other parentheses keep their text.
func dropUnitSuffixes(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '(')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], ')')
		if end < 0 {
			break
		}
		end += open
		b.WriteString(s[:open])
		if !isUnitSuffix(vntext.Fold(s[open+1 : end])) {
			b.WriteByte(' ')
			b.WriteString(s[open+1 : end])
			b.WriteByte(' ')
		}
		s = s[end+1:]
	}
	b.WriteString(s)
	return b.String()
}

func isUnitSuffix(f string) bool {
	switch f {
	case "", "nguoi", "ng", "nguoi %", "people", "persons", "person", "%", "phan tram", "percent",
		"don vi tinh nguoi", "dvt nguoi", "don vi nguoi":
		return true
	}
	for i := 0; i < len(f); i++ {
		if (f[i] < '0' || f[i] > '9') && f[i] != ' ' {
			return false
		}
	}
	return true // column numbers
}

// has reports whether words (from headerWords) holds phrase as whole words.
func has(words, phrase string) bool {
	i := strings.Index(words, phrase)
	for i >= 0 {
		if words[i-1] == ' ' && i+len(phrase) < len(words) && words[i+len(phrase)] == ' ' {
			return true
		}
		j := strings.Index(words[i+1:], phrase)
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// firstOf returns the first of phrases found in words, "" if none.
func firstOf(words string, phrases ...string) string {
	for _, p := range phrases {
		if has(words, p) {
			return p
		}
	}
	return ""
}

// Subjects: indicator keys, plus the denominators.
const (
	subjRetirement = coverage.RetirementAgePopulation
	subjLabour     = coverage.LabourForce
	subjPopulation = coverage.Population
	subjPension    = "pension"
	subjBHXH       = "bhxh"
)

// subject finds what a header counts. ambiguous is set when it names
// several schemes ("BHXH, BHYT").
func subject(words string) (subj string, kw []string, ambiguous bool) {
	if k := firstOf(words, "luong huu", "huu tri", "pension"); k != "" {
		return subjPension, []string{k}, false
	}
	if k := firstOf(words, "tuoi nghi huu", "het tuoi", "retirement", "nghi huu"); k != "" {
		return subjRetirement, []string{k}, false
	}
	mand := firstOf(words, "bat buoc", "mandatory", "compulsory")
	vol := firstOf(words, "tu nguyen", "voluntary")
	bhtn := firstOf(words, "bhtn", "that nghiep", "unemployment")
	bhyt := firstOf(words, "bhyt", "y te", "health")
	bhxh := firstOf(words, "bhxh")
	if tg := firstOf(words, "tham gia"); tg != "" {
		kw = append(kw, tg)
	}
	if bhxh != "" {
		kw = append(kw, bhxh)
	}
	var found []string
	switch {
	case mand != "" && vol != "":
		kw = append(kw, mand, vol)
		found = append(found, subjBHXH)
	case mand != "":
		kw = append(kw, mand)
		found = append(found, coverage.BHXHMandatory)
	case vol != "":
		kw = append(kw, vol)
		found = append(found, coverage.BHXHVoluntary)
	case bhxh != "":
		found = append(found, subjBHXH)
	}
	if bhtn != "" {
		kw = append(kw, bhtn)
		found = append(found, coverage.BHTN)
	}
	if bhyt != "" {
		kw = append(kw, bhyt)
		found = append(found, coverage.BHYT)
	}
	switch len(found) {
	case 1:
		return found[0], kw, false
	case 0:
	default:
		return "", kw, true
	}
	kw = kw[:0]
	if k := firstOf(words, "luc luong lao dong", "labour force", "labour", "working age"); k != "" {
		return subjLabour, []string{k}, false
	}
	if has(words, "lao dong") && has(words, "tuoi") {
		return subjLabour, []string{"lao dong", "tuoi"}, false
	}
	if k := firstOf(words, "dan so", "population", "nhan khau"); k != "" {
		return subjPopulation, []string{k}, false
	}
	return "", nil, false
}

// unitWords are the only words a unit column's header is made of
// ("Tên đơn vị", "Xã, phường, đặc khu", "Huyện/TP"); a title such as
// "Cộng hòa xã hội…" or a name such as "Thành phố Bình Lâm" is not one.
var unitWords = map[string]bool{
	"don": true, "vi": true, "ten": true, "huyen": true, "thanh": true, "pho": true, "thi": true,
	"xa": true, "tran": true, "phuong": true, "dac": true, "khu": true, "dia": true, "ban": true,
	"quan": true, "tinh": true, "hanh": true, "chinh": true, "cap": true, "cac": true, "va": true,
	"unit": true, "units": true, "name": true, "district": true, "commune": true, "ward": true,
	"province": true, "area": true,
}

// unitHeader returns the unit keyword h starts with, "" when h is not a
// unit column header.
func unitHeader(h string) string {
	for w := range strings.FieldsSeq(h) {
		if !unitWords[w] {
			return ""
		}
	}
	return firstOf(h, "don vi", "ten", "huyen", "xa", "phuong", "dac khu", "dia ban",
		"thanh pho", "thi xa", "thi tran", "quan", "tinh", "unit", "name", "district", "commune", "ward", "province", "area")
}

// Roles a header or group may give a column.
const (
	roleNone    = ""
	roleCurrent = "current"
	rolePlan    = "plan"
	rolePrior   = "prior"
	roleTarget  = "target"
	roleRate    = "rate"
	roleDiff    = "difference"
)

// role finds the role words name, with the keyword that decided it.
func role(words string) (string, string) {
	if k := firstOf(words, "tang", "giam", "chenh lech", "so voi", "so sanh", "hoan thanh", "change", "difference"); k != "" {
		return roleDiff, k
	}
	if k := firstOf(words, "chi tieu", "muc tieu", "target"); k != "" {
		return roleTarget, k
	}
	if k := firstOf(words, "ke hoach", "plan", "giao"); k != "" {
		return rolePlan, k
	}
	if k := firstOf(words, "cung ky", "nam truoc", "same period", "prior", "last year", "previous year"); k != "" {
		return rolePrior, k
	}
	if k := firstOf(words, "thuc hien", "luy ke", "hien tai", "achieved", "current"); k != "" {
		return roleCurrent, k
	}
	return roleNone, ""
}

func isPercentWords(words string) bool {
	return firstOf(words, "ty le", "rate", "percent", "phan tram") != ""
}

// MatchHeader maps a header (and the merged group cell above it, "" when
// none) to a canonical key: a count key, plan_/prior_/target_/rate_ keys,
// "unit" or "code". key is "" when the column is not one bhxh reads; why
// says what matched, or why the column is ignored.
func MatchHeader(group, header string) (key, why string) {
	if k := strings.TrimSpace(header); canonicalKeys[k] {
		return k, "canonical key"
	}
	h, hpct := headerWords(header)
	g, gpct := headerWords(group)
	if h == " " {
		if g == " " {
			return "", "empty header"
		}
		return MatchHeader("", group)
	}
	hf := strings.TrimSpace(h)
	switch hf {
	case "stt", "tt", "so thu tu", "thu tu", "so tt", "no", "order", "number", "nr":
		return "", "row number"
	case "ghi chu", "note", "notes", "remark", "remarks", "comment", "comments":
		return "", "notes"
	}

	subj, kw, ambiguous := subject(h)
	subjFromGroup := false
	if subj == "" && !ambiguous {
		if code := firstOf(h, "ma", "code"); code != "" && (strings.HasPrefix(h, " "+code+" ") || code == "code") {
			return "code", "keyword " + quote(code)
		}
		if u := unitHeader(h); u != "" {
			return "unit", "keyword " + quote(u)
		}
		var gkw []string
		subj, gkw, ambiguous = subject(g)
		if subj != "" {
			subjFromGroup = true
			kw = append(kw, gkw...)
		}
	}
	if ambiguous {
		return "", "names several indicators: " + quote(kw...)
	}
	if subj == "" {
		return "", "no keyword matched"
	}
	if what := notPeople(header, group, h, g); what != "" {
		return "", "keywords " + quote(kw...) + " but " + what
	}

	r, rkw := role(h)
	rsrc := ""
	if gr, grkw := role(g); r == roleNone || gr == roleDiff {
		if gr != roleNone {
			r, rkw, rsrc = gr, grkw, strings.TrimSpace(g)
		}
	}
	pct := hpct || gpct || isPercentWords(h) || isPercentWords(g)
	switch {
	case r == roleTarget && !pct:
		r = rolePlan // "Chỉ tiêu giao năm 2024" over counts: a plan
	case r == rolePlan && pct:
		r = roleTarget // a planned rate is a target
	case (r == roleNone || r == roleCurrent) && pct:
		r = roleRate
	case r == roleNone:
		r = roleCurrent
	}

	because := "keywords " + quote(kw...)
	if subjFromGroup {
		because = "group keywords " + quote(kw...)
	}
	if rkw != "" {
		if rsrc != "" {
			because += " under group " + quote(rkw)
		} else {
			because += " " + quote(rkw)
		}
	}
	if pct && r != roleRate {
		because += " with %"
	}
	because += " → " + r

	ind := subj // the indicator a subject measures, "" for the denominators
	count := subj
	switch subj {
	case subjPension:
		count = coverage.PensionRecipients
	case subjRetirement:
		ind = ""
	case subjLabour, subjPopulation:
		ind = ""
	case subjBHXH:
		count = ""
	}

	switch r {
	case roleDiff:
		return "", because + ": a difference or comparison; recomputed"
	case roleCurrent:
		if count == "" {
			return "", because + ": sum of mandatory and voluntary; recomputed"
		}
		return count, because
	case rolePlan:
		if ind == "" {
			return "", because + ": no plan of " + subj
		}
		return coverage.PlanPrefix + ind, because
	case rolePrior:
		if pct {
			return "", because + ": last year's rate; recomputed"
		}
		if count == "" {
			count = subjBHXH
		}
		return coverage.PriorPrefix + count, because
	case roleTarget:
		if ind == "" {
			return "", because + ": no target for " + subj
		}
		return coverage.TargetPrefix + ind, because
	case roleRate:
		if ind == "" {
			return "", because + ": no rate of " + subj
		}
		return coverage.RatePrefix + ind, because
	}
	return "", "no keyword matched"
}

func quote(ws ...string) string {
	var b strings.Builder
	for i, w := range ws {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('"')
		b.WriteString(w)
		b.WriteByte('"')
	}
	return b.String()
}

// notPeople says what a column of a scheme counts when it is not people:
// employers ("Số đơn vị tham gia BHXH", "Số doanh nghiệp") or money ("Số
// thu BHYT (triệu đồng)", a group "Kết quả thu" or "Số tiền"), in its
// header or its group; "" when it counts people. header and group are as
// typed, h and g their headerWords.
func notPeople(header, group, h, g string) string {
	for _, w := range []string{h, g} {
		if k := firstOf(w, "so don vi", "don vi tham gia", "doanh nghiep", "so dn", "don vi su dung lao dong", "co quan"); k != "" {
			return "counts employers (" + quote(k) + "), not people"
		}
		if k := firstOf(w, "thu", "so tien", "trieu dong", "ty dong", "nghin dong", "ngan dong", "trieu", "vnd"); k != "" {
			return "is money (" + quote(k) + "), not people"
		}
	}
	for _, t := range []string{header, group} {
		if strings.Contains(strings.ToLower(vntext.NFC(t)), "đồng") {
			return "is money (\"đồng\"), not people"
		}
	}
	return ""
}
