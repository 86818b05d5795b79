package rawxlsx

// The XML tokenizer for parts that are not an xlsx's: an OpenDocument
// spreadsheet's content.xml and settings.xml (package grid's .ods source)
// are read by the same tokenizer as a sheet, within the same limits, with
// the same refusals (no DTD, only the predefined and numeric entities).

import (
	"archive/zip"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// XMLToken is what XMLReader.Next read.
type XMLToken uint8

const (
	XMLEOF   XMLToken = iota
	XMLStart          // a start tag (SelfClosing says whether it also ends)
	XMLEnd            // an end tag
	XMLText           // character data (a CDATA section included)
)

// XMLReader reads an XML part token by token. Names are as written, prefix
// included ("table:table-cell"): the OpenDocument producers all use the
// specification's prefixes, and a reader that does not resolve namespaces
// tells office:value-type from calcext:value-type only so. Slices it
// returns are valid until the next call of Next.
type XMLReader struct {
	t     *tokenizer
	qname []byte
	text  []byte // decoded character data of the last XMLText
	lim   Limits
}

// NewXMLReader reads a part held in memory (see Package.ReadXMLPart).
func NewXMLReader(data []byte) *XMLReader {
	return &XMLReader{t: newTokenizer(data), lim: DefaultLimits}
}

// ReadXMLPart inflates a part whole within the package's part limit and
// returns a reader over it; a part not declared as UTF-8 is refused.
func (p *Package) ReadXMLPart(zf *zip.File) (*XMLReader, error) {
	data, err := p.ReadPart(zf)
	if err != nil {
		return nil, err
	}
	if !UTF8Declared(data) {
		return nil, p.errf("%s is not UTF-8", "%s không phải UTF-8", zf.Name)
	}
	x := NewXMLReader(data)
	x.lim = p.lim
	return x, nil
}

// Next reads the next token; XMLEOF at the end of the part.
func (x *XMLReader) Next() (XMLToken, error) {
	k, err := x.t.next()
	if err != nil {
		return XMLEOF, err
	}
	switch k {
	case tokStart, tokEnd:
		x.qname = x.t.qname
		if k == tokEnd {
			return XMLEnd, nil
		}
		return XMLStart, nil
	case tokText, tokCDATA:
		x.text = x.text[:0]
		text := normalizeCR(x.t.text)
		if k == tokCDATA {
			x.text = append(x.text, text...)
		} else if x.text, err = appendText(x.text, text); err != nil {
			return XMLEOF, err
		}
		if len(x.text) > x.lim.MaxCellBytes {
			return XMLEOF, msg.Errorf("%w: a text of more than %d bytes", "%w: một đoạn văn bản dài hơn %d byte", readerr.ErrTooBig, x.lim.MaxCellBytes)
		}
		return XMLText, nil
	}
	return XMLEOF, nil
}

// Name is the qualified name of the tag just read ("table:table-row").
func (x *XMLReader) Name() []byte { return x.qname }

// Is reports whether the tag just read is named qname.
func (x *XMLReader) Is(qname string) bool { return string(x.qname) == qname }

// SelfClosing reports whether the start tag just read also ends ("<a/>").
func (x *XMLReader) SelfClosing() bool { return x.t.selfClose }

// Text is the character data just read, entities decoded, CR and CRLF as
// LF.
func (x *XMLReader) Text() []byte { return x.text }

// Attr returns the value of the start tag's attribute named qname (as
// written, prefix included), entities decoded; ok is false when the tag
// has no such attribute. Malformed attributes are an error.
func (x *XMLReader) Attr(qname string) (val string, ok bool, err error) {
	raw := x.t.attrs
	for i := 0; ; {
		name, v, next, done, bad := nextAttr(raw, i)
		if bad {
			return "", false, msg.Errorf("%w: malformed attributes in <%s>", "%w: thuộc tính hỏng trong <%s>", readerr.ErrBadXML, x.qname)
		}
		if done {
			return "", false, nil
		}
		i = next
		if string(name) != qname {
			continue
		}
		if !hasAmp(v) {
			return string(v), true, nil
		}
		d, err := appendText(nil, v)
		if err != nil {
			return "", false, err
		}
		return string(d), true, nil
	}
}
