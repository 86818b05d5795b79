package report

import (
	"bytes"
	"encoding/xml"
	"regexp"
	"slices"
	"sync"

	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/msg"
)

// A part that excelize marshals the same way every time but for some
// text (a chart's title and ranges, the document's title and dates) is
// made once by excelize with a placeholder in each place of that text,
// "@@T@@", and cut there: a partTemplate. Each workbook's part is then
// the template with its text, escaped as encoding/xml escapes it (issue
// 17: marshalling these parts anew was a tenth of the time of a batch of
// xlsx reports).

// partTemplate is a part cut at its text: the literal pieces, and between
// piece i and i+1 the text of slots[i].
type partTemplate struct {
	pieces []string
	slots  []string
}

// slot is the placeholder of the slot named name.
func slot(name string) string { return "@@" + name + "@@" }

var slotMark = regexp.MustCompile(`@@[A-Z][0-9]*@@`)

// cutTemplate cuts f's part name at its placeholders, which must be
// slots, each once.
func cutTemplate(f *excelize.File, name string, slots []string) (*partTemplate, error) {
	part, ok := f.Pkg.Load(name)
	if !ok {
		return nil, msg.Errorf("excelize wrote no %s", "excelize không ghi %s", name)
	}
	text := string(part.([]byte))
	t := &partTemplate{}
	at := 0
	for _, m := range slotMark.FindAllStringIndex(text, -1) {
		t.pieces = append(t.pieces, text[at:m[0]])
		t.slots = append(t.slots, text[m[0]+2:m[1]-2])
		at = m[1]
	}
	t.pieces = append(t.pieces, text[at:])
	if got, want := slices.Sorted(slices.Values(t.slots)), slices.Sorted(slices.Values(slots)); !slices.Equal(got, want) {
		return nil, msg.Errorf("%s template has slots %v, want %v", "mẫu %s có các chỗ %v, cần %v", name, t.slots, slots)
	}
	return t, nil
}

// write writes the part with the text of each slot.
func (t *partTemplate) write(b *bytes.Buffer, text func(slot string) string) {
	for i, p := range t.pieces {
		b.WriteString(p)
		if i < len(t.slots) {
			xmlEscape(b, text(t.slots[i]))
		}
	}
}

// xmlEscape writes s as encoding/xml writes text and attribute values.
func xmlEscape(b *bytes.Buffer, s string) {
	_ = xml.EscapeText(b, []byte(s)) // a bytes.Buffer does not fail
}

// coreTemplate is a new workbook's docProps/core.xml after SetDocProps of
// a title (slot T), creator (C), last modifier (L), language (G), times
// created (A) and modified (M).
var coreTemplate = sync.OnceValues(func() (*partTemplate, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetDocProps(&excelize.DocProperties{Title: slot("T"), Creator: slot("C"), LastModifiedBy: slot("L"),
		Language: slot("G"), Created: slot("A"), Modified: slot("M")}); err != nil {
		return nil, err
	}
	return cutTemplate(f, corePart, []string{"T", "C", "L", "G", "A", "M"})
})

const corePart = "docProps/core.xml"

// setDocProps is f.SetDocProps(p) for a workbook whose core properties
// are a new workbook's, from coreTemplate when p sets just its slots.
func setDocProps(f *excelize.File, p *excelize.DocProperties) error {
	slots := map[string]string{"T": p.Title, "C": p.Creator, "L": p.LastModifiedBy, "G": p.Language, "A": p.Created, "M": p.Modified}
	rest := *p
	rest.Title, rest.Creator, rest.LastModifiedBy, rest.Language, rest.Created, rest.Modified = "", "", "", "", "", ""
	for _, v := range slots {
		if v == "" { // excelize keeps the template's value then
			return f.SetDocProps(p)
		}
	}
	if rest != (excelize.DocProperties{}) {
		return f.SetDocProps(p)
	}
	t, err := coreTemplate()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	t.write(&b, func(s string) string { return slots[s] })
	f.Pkg.Store(corePart, b.Bytes())
	return nil
}
