package xlsxio

import (
	"strings"

	"github.com/bhxh/bhxh/xlsxio/vntext"
)

// Reading a participant list's kind cell ("Loại hình", "Đối tượng") as
// phrases: a scheme word with the words that qualify it. "BHYT tự nguyện",
// "BHYT hộ gia đình", "BHYT HSSV" are BHYT; "tự nguyện" and "bắt buộc"
// (or TN, BB) make BHXH voluntary or mandatory only after BHXH or on their
// own ("Tự nguyện"; "BB, BHTN, BHYT"). A cell may name several schemes,
// separated by commas, semicolons, "+" or "/", or one after another
// ("BHXH BB BHYT").

// scheme bits, as ParticipantSchemes
const (
	kindMandatory uint8 = 1 << iota
	kindVoluntary
	kindBHTN
	kindBHYT
)

// kindWords are the words of a kind cell, folded; a scheme word opens a
// phrase, a qualifier belongs to the phrase it is in.
var kindWords = []struct {
	words []string
	kind  uint8 // a scheme word: its scheme; 0 for BHXH (which one, the qualifier says)
	qual  uint8 // a qualifier: the BHXH scheme it selects
	bhxh  bool
}{
	{words: []string{"bao", "hiem", "xa", "hoi"}, bhxh: true},
	{words: []string{"bao", "hiem", "y", "te"}, kind: kindBHYT},
	{words: []string{"bao", "hiem", "that", "nghiep"}, kind: kindBHTN},
	{words: []string{"bhxh"}, bhxh: true},
	{words: []string{"bhyt"}, kind: kindBHYT},
	{words: []string{"bhtn"}, kind: kindBHTN},
	{words: []string{"y", "te"}, kind: kindBHYT},
	{words: []string{"that", "nghiep"}, kind: kindBHTN},
	{words: []string{"bat", "buoc"}, qual: kindMandatory},
	{words: []string{"bb"}, qual: kindMandatory},
	{words: []string{"tu", "nguyen"}, qual: kindVoluntary},
	{words: []string{"tn"}, qual: kindVoluntary},
}

// kindMask tells which schemes a kind cell names (bit i =
// ParticipantSchemes[i]); 0 when it names none, ErrAmbiguousKind when it
// names BHXH without bắt buộc or tự nguyện, or with both.
func kindMask(v string) (uint8, error) {
	var mask uint8
	for _, seg := range strings.FieldsFunc(v, func(r rune) bool { return strings.ContainsRune(",;+/&\n", r) }) {
		m, err := kindPhrases(strings.Fields(vntext.Fold(seg)))
		if err != nil {
			return 0, err
		}
		mask |= m
	}
	return mask, nil
}

// kindPhrases reads one segment: phrases, each a scheme word and its
// qualifiers; qualifiers before any scheme word stand for BHXH.
func kindPhrases(words []string) (uint8, error) {
	var mask uint8
	open := false  // a phrase is open
	isBHXH := true // the open phrase is BHXH's (also before any scheme word)
	var qual uint8 // qualifiers of the open BHXH phrase
	closePhrase := func() error {
		if !open || !isBHXH {
			return nil
		}
		switch qual {
		case kindMandatory, kindVoluntary:
			mask |= qual
			return nil
		}
		return ErrAmbiguousKind
	}
	for i := 0; i < len(words); {
		matched := false
		for _, w := range kindWords {
			if !hasWords(words[i:], w.words) {
				continue
			}
			matched = true
			i += len(w.words)
			switch {
			case w.qual != 0:
				if isBHXH {
					open = true
					qual |= w.qual
				}
			default:
				if err := closePhrase(); err != nil {
					return 0, err
				}
				open, isBHXH, qual = true, w.bhxh, 0
				mask |= w.kind
			}
			break
		}
		if !matched {
			i++ // a word that names nothing: "hộ gia đình", "HSSV", "và"
		}
	}
	if err := closePhrase(); err != nil {
		return 0, err
	}
	return mask, nil
}

func hasWords(words, want []string) bool {
	if len(words) < len(want) {
		return false
	}
	for i, w := range want {
		if words[i] != w {
			return false
		}
	}
	return true
}
