package xlsxio

// Unit matching: the one way every command and file tells whether two rows
// name the same unit (a workbook's rows among themselves, a targets or
// parents file against a workbook, participant lists, trend months, joins,
// the 2025 crosswalk). Three steps, strictest first, and a stricter one
// always wins:
//
//  1. code: compared as digits, leading zeros restored by level (5 for a
//     commune, 3 for a district, 2 for a province), never as text: "04402",
//     4402 and " 4402" are one code. Two codes that differ are two units,
//     whatever their names.
//  2. name with its administrative type (MatchName): Xã ≠ Phường ≠ Thị xã ≠
//     Huyện ≠ Thị trấn ≠ Quận ≠ Thành phố ≠ Đặc khu; abbreviations spelled
//     out ("TP." = "Thành phố", "TX." = "Thị xã", "P." = "Phường"…); case,
//     NFC/NFD, spaces and punctuation, tone placement ("Hoà"/"Hòa",
//     "Thuỵ"/"Thụy"), syllable-final k/c ("Đắk"/"Đắc") and y/i ("Kỳ"/"Kì")
//     and leading zeros of numbers ("Phường 01") do not matter; tones do
//     ("Hòa" ≠ "Hóa"), except against a name typed without any diacritic
//     ("Xa Hoa An"), which is compared without them.
//  3. name without the type (MatchLoose), only when step 2 finds nothing and
//     exactly one unit remains: the caller reports Warning, which names both
//     spellings.

import (
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/bhxh/bhxh/msg"

	"golang.org/x/text/unicode/norm"

	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// UnitRef is how one row of a file names a unit.
type UnitRef struct {
	Code string // as read ("04402", "4402"); "" when the file gives none
	Name string // as read ("TP. Bình Lâm", "Xã Tân Phú")
	// Parent names the unit's parent (e.g. the old district of a --by
	// column) where names are unique only within their parent; "" when
	// names are unique in the file. Two refs whose parents are both given
	// and differ (by name with type) are different units.
	Parent string
}

// MatchLevel is how two refs were found to be the same unit; a larger
// level is a stricter match.
type MatchLevel int

const (
	MatchNone  MatchLevel = iota
	MatchLoose            // same name once the administrative type is dropped: warn
	MatchName             // same name with the same administrative type
	MatchCode             // same code
)

func (l MatchLevel) String() string {
	switch l {
	case MatchLoose:
		return "name without the administrative type"
	case MatchName:
		return "name"
	case MatchCode:
		return "code"
	}
	return "none"
}

// UnitMatch is the unit a ref was matched to.
type UnitMatch struct {
	Index int        // into the index or the right-hand side; -1 when none
	Level MatchLevel // MatchNone when Index is -1
	// Warning, for a MatchLoose, names both spellings; the caller reports
	// it (code WarnLooseUnitMatch) with its file and cell.
	Warning msg.Text
}

// WarnLooseUnitMatch is the issue code of a match by name without the
// administrative type.
const WarnLooseUnitMatch = "loose_unit_match"

// AmbiguousUnitError is a ref that matches several units at the same,
// best, level. It wraps ErrAmbiguousUnit.
type AmbiguousUnitError struct {
	At         int // the ref's index on the left of a join; -1 from Find
	Ref        UnitRef
	Level      MatchLevel
	Candidates []UnitRef
}

func (e *AmbiguousUnitError) Error() string { return e.In(msg.EN) }

func (e *AmbiguousUnitError) In(l msg.Lang) string {
	return refTextIn(e.Ref, l) + " " + e.detail(l)
}

// detail is the message without the ref, for a caller that names it.
func (e *AmbiguousUnitError) detail(l msg.Lang) string {
	names := make([]string, len(e.Candidates))
	for i, c := range e.Candidates {
		names[i] = refTextIn(c, l)
	}
	return msg.Sprintf("matches %d units by %s (%s): give codes, or names that tell them apart",
		"khớp với %d đơn vị theo %s (%s): hãy ghi mã, hoặc tên phân biệt được các đơn vị",
		len(e.Candidates), e.Level, strings.Join(names, ", ")).In(l)
}

func (e *AmbiguousUnitError) Unwrap() error { return ErrAmbiguousUnit }

// DuplicateUnitError is a unit given twice in one table, or two rows of
// one side of a join matching the same unit. It wraps ErrDuplicateUnit.
type DuplicateUnitError struct {
	First, Second int // indexes of the two refs (in the table, or on the left of a join)
	A, B          UnitRef
	Level         MatchLevel
	Unit          *UnitRef // for a join: the right-hand unit both matched
}

func (e *DuplicateUnitError) Error() string { return e.In(msg.EN) }

func (e *DuplicateUnitError) In(l msg.Lang) string {
	switch {
	case e.Unit != nil:
		return msg.Sprintf("%s and %s both match unit %s", "%s và %s đều khớp với đơn vị %s",
			refTextIn(e.A, l), refTextIn(e.B, l), refTextIn(*e.Unit, l)).In(l)
	case e.Level == MatchCode && !sameSpelling(e.A.Name, e.B.Name):
		return msg.Sprintf("code %s is given to two units, %q and %q", "mã %s được ghi cho hai đơn vị, %q và %q",
			UnitCode(e.A.Code, e.A.Name), e.A.Name, e.B.Name).In(l)
	}
	return msg.Render(ErrDuplicateUnit, l) + " " + refTextIn(e.B, l)
}

func (e *DuplicateUnitError) Unwrap() error { return ErrDuplicateUnit }

// refText is a ref as messages show it: "Xã Tân Phú" (04402).
func refText(r UnitRef) string { return refTextIn(r, msg.EN) }

// refTextIn is refText in language l.
func refTextIn(r UnitRef, l msg.Lang) string {
	s := fmt.Sprintf("%q", r.Name)
	if r.Name == "" {
		s = msg.Sprintf("unit", "đơn vị").In(l)
	}
	if strings.TrimSpace(r.Code) != "" {
		s += " (" + UnitCode(r.Code, r.Name) + ")"
	}
	if r.Parent != "" {
		s += msg.Sprintf(" in %q", " thuộc %q", r.Parent).In(l)
	}
	return s
}

func sameSpelling(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(vntext.NFC(a)), " "), strings.Join(strings.Fields(vntext.NFC(b)), " "))
}

// MatchUnit says whether a and b name the same unit, and how strictly:
// the pairwise rule every index and join applies. Two codes decide alone;
// otherwise parents (when both are given) must agree, then names are
// compared with, then without, the administrative type.
func MatchUnit(a, b UnitRef) MatchLevel {
	return matchKeys(unitKeyOf(a), unitKeyOf(b))
}

func matchKeys(a, b *refKey) MatchLevel {
	if a.code != "" && b.code != "" {
		if a.sameCode(b) {
			return MatchCode
		}
		return MatchNone
	}
	if a.hasParent && b.hasParent && !a.parent.sameFull(&b.parent) {
		return MatchNone
	}
	switch {
	case a.name.sameFull(&b.name):
		return MatchName
	case a.name.sameBare(&b.name):
		return MatchLoose
	}
	return MatchNone
}

// UnitNameBucket is a key every name MatchUnit can match by name (with or
// without the type) shares: the name without its administrative type,
// without marks or spaces. A caller with many candidates (the crosswalk's
// old units) groups them by it, then decides with MatchUnit.
func UnitNameBucket(name string) string { return parseName(name).plain }

// UnitCode returns a code as bhxh writes it: digits with the leading zeros
// its level gives back (4402 → "04402"; the level comes from name's
// administrative type, else from the code: one typed with leading zeros
// keeps its width, one of 4 or 5 digits is a commune's), a code of other
// characters trimmed. "" for none.
func UnitCode(code, name string) string {
	c := parseCode(code, unitTypeWidth(parseName(name).typ))
	return c.String()
}

// unitCode is a code taken apart: its digits without leading zeros and its
// width when known.
type unitCode struct {
	value  string // digits without leading zeros ("4402", "0"), or the trimmed text of a non-digit code
	width  int    // 5, 3, 2, or the written width; 0 when unknown
	digits bool
}

func (c unitCode) String() string {
	if c.digits && c.width > len(c.value) {
		return strings.Repeat("0", c.width-len(c.value)) + c.value
	}
	return c.value
}

func parseCode(code string, typeWidth int) unitCode {
	s := strings.TrimSpace(code)
	if s == "" {
		return unitCode{}
	}
	if !isDigits(s) {
		return unitCode{value: strings.ToUpper(strings.Join(strings.Fields(s), " "))}
	}
	v := strings.TrimLeft(s, "0")
	if v == "" {
		v = "0"
	}
	c := unitCode{value: v, digits: true}
	switch {
	case typeWidth > 0 && len(v) <= typeWidth:
		c.width = typeWidth
	case s[0] == '0':
		c.width = len(s)
	case len(v) == 4 || len(v) == 5:
		c.width = 5
	}
	return c
}

// unitTypeWidth is the code width of an administrative type's level: 5 for
// communes, 3 for (pre-2025) districts, 2 for provinces; 0 for "thanh pho"
// (a city is a district or a province) and for no type.
func unitTypeWidth(typ string) int {
	switch typ {
	case "xa", "phuong", "thi tran", "dac khu":
		return 5
	case "huyen", "quan", "thi xa":
		return 3
	case "tinh":
		return 2
	}
	return 0
}

// refKey is a ref taken apart once, for matching.
type refKey struct {
	code      string // unitCode.value; "" when none
	digits    bool
	width     int
	name      unitName
	parent    unitName
	hasParent bool
}

func (a *refKey) sameCode(b *refKey) bool {
	if a.code != b.code || a.digits != b.digits {
		return false
	}
	return a.width == 0 || b.width == 0 || a.width == b.width
}

func unitKeyOf(r UnitRef) *refKey {
	k := &refKey{name: parseName(r.Name)}
	c := parseCode(r.Code, unitTypeWidth(k.name.typ))
	k.code, k.digits, k.width = c.value, c.digits, c.width
	if strings.TrimSpace(r.Parent) != "" {
		k.parent, k.hasParent = parseName(r.Parent), true
	}
	return k
}

// unitName is a unit name taken apart: its administrative type and the
// rest, at two precisions.
type unitName struct {
	typ      string // "xa", "thi xa", "thanh pho"…; "" when none
	spelling string // the rest: marks kept, tone placement and k/c, y/i drift normalised, spaces dropped
	plain    string // spelling without any mark (đ → d)
	marked   bool   // the rest carries a Vietnamese mark: compare spellings, else plain
}

func (a *unitName) sameBare(b *unitName) bool {
	if a.plain != b.plain || a.plain == "" {
		return false
	}
	if a.marked && b.marked {
		return a.spelling == b.spelling
	}
	return true
}

func (a *unitName) sameFull(b *unitName) bool { return a.typ == b.typ && a.sameBare(b) }

// unitTypes are the administrative types a name may start with, longest
// first so "thi xa" is not read as "xa".
var unitTypes = [][]string{
	{"thanh", "pho"}, {"thi", "xa"}, {"thi", "tran"}, {"dac", "khu"},
	{"huyen"}, {"quan"}, {"phuong"}, {"xa"}, {"tinh"},
}

// unitTypeAbbrevs: "TP.", "TX.", "TT.", "H.", "Q.", "P.", "X." before a name.
var unitTypeAbbrevs = map[string]string{
	"tp": "thanh pho", "tx": "thi xa", "tt": "thi tran", "h": "huyen", "q": "quan", "p": "phuong", "x": "xa",
}

func parseName(name string) unitName {
	toks := nameTokens(name)
	var n unitName
	if len(toks) > 1 {
		if t, ok := unitTypeAbbrevs[toks[0].plain]; ok {
			n.typ, toks = t, toks[1:]
		} else {
			for _, words := range unitTypes {
				if len(toks) > len(words) && tokensAre(toks, words) {
					n.typ, toks = strings.Join(words, " "), toks[len(words):]
					break
				}
			}
		}
	}
	var sp, pl strings.Builder
	for _, t := range toks {
		sp.WriteString(t.spelling)
		pl.WriteString(t.plain)
		n.marked = n.marked || t.marked
	}
	n.spelling, n.plain = sp.String(), pl.String()
	return n
}

func tokensAre(toks []nameToken, words []string) bool {
	for i, w := range words {
		if toks[i].plain != w {
			return false
		}
	}
	return true
}

// nameToken is one word of a name.
type nameToken struct {
	spelling, plain string
	marked          bool
}

// nameTokens splits a name into words (letters, digits and their marks)
// and normalises each: lower case; a number without leading zeros; in a
// word, each run of vowels carries its tone mark after the run (so "hoà"
// and "hòa" agree, and "thuỵ" and "thụy"); a final k after a vowel is c
// ("đắk" = "đắc": no Vietnamese syllable ends in k, the k spellings render
// minority-language names whose Vietnamised spelling has c); a vowel run
// of a lone y after a consonant is i ("kỳ" = "kì", the i/y spelling
// reform; "thuỵ", "yên" keep theirs).
func nameTokens(name string) []nameToken {
	d := norm.NFD.String(name)
	var toks []nameToken
	var word []rune
	flush := func() {
		if len(word) > 0 {
			toks = append(toks, normaliseWord(word))
			word = word[:0]
		}
	}
	for _, r := range d {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = append(word, unicode.ToLower(r))
		case unicode.IsMark(r) && len(word) > 0:
			word = append(word, r)
		default:
			flush()
		}
	}
	flush()
	return toks
}

func isToneMark(r rune) bool {
	switch r {
	case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
		return true
	}
	return false
}

func isVowelBase(r rune) bool {
	switch r {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

func normaliseWord(w []rune) nameToken {
	allDigits := true
	for _, r := range w {
		if r < '0' || r > '9' {
			allDigits = false
			break
		}
	}
	if allDigits {
		s := strings.TrimLeft(string(w), "0")
		if s == "" {
			s = "0"
		}
		return nameToken{spelling: s, plain: s}
	}
	var out []rune
	var run []rune // a run of vowels with their quality marks
	var tone rune
	runStart := -1 // index in out where the run would start
	flush := func() {
		if len(run) == 0 {
			return
		}
		if len(run) == 1 && run[0] == 'y' && runStart > 0 {
			run[0] = 'i' // "kỳ" = "kì"
		}
		out = append(out, run...)
		if tone != 0 {
			out = append(out, tone)
		}
		run, tone = run[:0], 0
	}
	marked := false
	for i, r := range w {
		switch {
		case isVowelBase(r):
			if len(run) == 0 {
				runStart = len(out)
			}
			run = append(run, r)
		case unicode.IsMark(r):
			marked = true
			if isToneMark(r) {
				if tone == 0 {
					tone = r
				}
				continue
			}
			if len(run) > 0 {
				run = append(run, r)
			} else {
				out = append(out, r)
			}
		default:
			afterVowel := len(run) > 0
			flush()
			if r == 'đ' {
				marked = true
			}
			if r == 'k' && afterVowel && (i+1 == len(w) || !isVowelBase(w[i+1])) {
				r = 'c' // "đắk" = "đắc"
			}
			out = append(out, r)
		}
	}
	flush()
	spelling := string(out)
	plain := make([]rune, 0, len(out))
	for _, r := range out {
		switch {
		case unicode.IsMark(r):
		case r == 'đ':
			plain = append(plain, 'd')
		default:
			plain = append(plain, r)
		}
	}
	return nameToken{spelling: spelling, plain: string(plain), marked: marked}
}

// UnitIndex holds the units of one table (a workbook's rows, a targets
// file's rows, the units of participant lists) for matching refs against
// them. Build it with Add, which refuses a unit given twice.
type UnitIndex struct {
	refs   []UnitRef
	keys   []*refKey
	byCode map[string][]int // code value → units
	byBare map[string][]int // plain name without type → units
}

// NewUnitIndex returns an empty index.
func NewUnitIndex() *UnitIndex {
	return &UnitIndex{byCode: map[string][]int{}, byBare: map[string][]int{}}
}

// Len is the number of units in the index.
func (ix *UnitIndex) Len() int { return len(ix.refs) }

// Ref returns the i-th unit as it was added.
func (ix *UnitIndex) Ref(i int) UnitRef { return ix.refs[i] }

// Add adds a unit and returns its index. A unit already there — the same
// code, or the same name with the same type (and parent) where the codes
// do not tell the two apart — is a *DuplicateUnitError; names the same
// only without the type ("Xã Tân Lập", "Phường Tân Lập") are two units.
func (ix *UnitIndex) Add(r UnitRef) (int, error) {
	k := unitKeyOf(r)
	for _, i := range ix.candidates(k) {
		if lvl := matchKeys(ix.keys[i], k); lvl >= MatchName {
			return i, &DuplicateUnitError{First: i, Second: len(ix.refs), A: ix.refs[i], B: r, Level: lvl}
		}
	}
	return ix.add(r, k), nil
}

func (ix *UnitIndex) add(r UnitRef, k *refKey) int {
	i := len(ix.refs)
	ix.refs = append(ix.refs, r)
	ix.keys = append(ix.keys, k)
	if k.code != "" {
		ix.byCode[k.code] = append(ix.byCode[k.code], i)
	}
	ix.byBare[k.name.plain] = append(ix.byBare[k.name.plain], i)
	return i
}

// candidates lists the units that may match k at any level (same code
// value or same plain name), in index order, each once.
func (ix *UnitIndex) candidates(k *refKey) []int {
	a, b := ix.byCode[k.code], ix.byBare[k.name.plain]
	if k.code == "" {
		a = nil
	}
	if k.name.plain == "" {
		b = nil
	}
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || i < len(a) && a[i] < b[j]:
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// Find returns the unit r names: the best level any unit matches at, when
// exactly one unit matches there (an *AmbiguousUnitError when several do);
// Index -1 when none matches. A MatchLoose carries its Warning.
func (ix *UnitIndex) Find(r UnitRef) (UnitMatch, error) {
	return ix.find(r, unitKeyOf(r), nil)
}

// find is Find among the units skip does not exclude.
func (ix *UnitIndex) find(r UnitRef, k *refKey, skip func(int) bool) (UnitMatch, error) {
	best, found := MatchNone, []int(nil)
	for _, i := range ix.candidates(k) {
		if skip != nil && skip(i) {
			continue
		}
		lvl := matchKeys(ix.keys[i], k)
		switch {
		case lvl == MatchNone || lvl < best:
		case lvl > best:
			best, found = lvl, append(found[:0], i)
		default:
			found = append(found, i)
		}
	}
	switch len(found) {
	case 0:
		return UnitMatch{Index: -1}, nil
	case 1:
		m := UnitMatch{Index: found[0], Level: best}
		if best == MatchLoose {
			m.Warning = looseWarning(r, ix.refs[found[0]])
		}
		return m, nil
	}
	e := &AmbiguousUnitError{At: -1, Ref: r, Level: best}
	for _, i := range found {
		e.Candidates = append(e.Candidates, ix.refs[i])
	}
	return UnitMatch{Index: -1}, e
}

func looseWarning(a, b UnitRef) msg.Text {
	return msg.Sprintf("%q is taken as %q: the same name without the administrative type (give codes or the same type to make it exact)",
		"%q được hiểu là %q: cùng tên nhưng không có loại đơn vị hành chính (ghi mã hoặc cùng loại để khớp chính xác)",
		a.Name, b.Name)
}

// JoinUnits pairs each unit of left (e.g. a targets file's rows, a month's
// units) with at most one unit of right (a workbook's units, the units seen
// so far), one to one. Every pair by code or by name with type is made
// first, over all units; only then are the units left unpaired on both
// sides matched without the type (with a Warning), so a looser match never
// takes a unit an exact one claims: with "Huyện Kỳ Anh" and "Thị xã Kỳ Anh"
// on the left and only "Thị xã Kỳ Anh" on the right, the town pairs
// exactly and the district stays unpaired.
//
// A left unit matching several right ones at its best level is an
// *AmbiguousUnitError; two left units matching one right unit, a
// *DuplicateUnitError (with Unit set). out[i] is left[i]'s match.
func JoinUnits(left, right []UnitRef) ([]UnitMatch, error) {
	ix := NewUnitIndex()
	for _, r := range right {
		ix.add(r, unitKeyOf(r))
	}
	out := make([]UnitMatch, len(left))
	owner := make([]int, len(right)) // right index → left index + 1
	keys := make([]*refKey, len(left))
	claim := func(li int, m UnitMatch) error {
		if o := owner[m.Index]; o != 0 {
			u := right[m.Index]
			return &DuplicateUnitError{First: o - 1, Second: li, A: left[o-1], B: left[li], Level: m.Level, Unit: &u}
		}
		owner[m.Index] = li + 1
		out[li] = m
		return nil
	}
	for li, l := range left {
		keys[li] = unitKeyOf(l)
		m, err := ix.find(l, keys[li], nil)
		if err != nil {
			var amb *AmbiguousUnitError
			if errors.As(err, &amb) && amb.Level == MatchLoose {
				out[li] = UnitMatch{Index: -1} // settled in the loose pass
				continue
			}
			amb.At = li
			return nil, err
		}
		if m.Level < MatchName {
			out[li] = UnitMatch{Index: -1}
			continue
		}
		if err := claim(li, m); err != nil {
			return nil, err
		}
	}
	taken := func(i int) bool { return owner[i] != 0 }
	for li, l := range left {
		if out[li].Index >= 0 {
			continue
		}
		m, err := ix.find(l, keys[li], taken)
		if err != nil {
			err.(*AmbiguousUnitError).At = li
			return nil, err
		}
		if m.Index < 0 {
			continue
		}
		if err := claim(li, m); err != nil {
			return nil, err
		}
	}
	return out, nil
}
