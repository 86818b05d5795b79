package rawxlsx

// The XML tokenizer: tags and text pieces of a part, from a streamed
// inflate (blocks handed over by an inflater) or from a whole part in
// memory. It knows XML only as far as the parts of an xlsx need: no DTD
// (refused), no namespaces (prefixes dropped), the predefined and numeric
// entities. The sheet tokenizer (sheet.go) and the shared strings
// (sharedstrings.go) are built on it.

import (
	"bytes"
	"strconv"
	"unicode/utf8"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokText
	tokCDATA
)

// tokenizer splits the inflated XML into tags and text pieces. Text can
// come in several pieces; an entity is never split between two. Slices it
// returns are valid until the next call.
type tokenizer struct {
	inf    *inflater
	cur    []byte // the block buf points into (returned to the free list when done)
	buf    []byte
	pos    int
	big    []byte // carries a tail longer than headroom
	srcEnd bool

	kind      tokKind
	name      []byte // local name (prefix stripped)
	qname     []byte // name as written, prefix included
	attrs     []byte
	selfClose bool
	text      []byte
}

// newTokenizer reads a whole part held in memory.
func newTokenizer(data []byte) *tokenizer { return &tokenizer{buf: data, srcEnd: true} }

var errTokenTooLong = msg.Errorf("%w: a token longer than %d bytes", "%w: một thẻ dài hơn %d byte", readerr.ErrBadXML, maxTail)

// refill appends the next block after tail (the unconsumed bytes). It
// returns false at the end of the stream.
func (t *tokenizer) refill(tail []byte) (bool, error) {
	if t.srcEnd {
		return false, nil
	}
	nb, ok := <-t.inf.out
	if !ok {
		t.srcEnd = true
		if t.inf.err != nil {
			return false, t.inf.err
		}
		return false, nil
	}
	if len(tail) > maxTail {
		return false, errTokenTooLong
	}
	if len(tail) <= headroom {
		start := headroom - len(tail)
		copy(nb[start:headroom], tail)
		t.release()
		t.cur, t.buf = nb, nb[start:]
	} else {
		nbig := make([]byte, 0, len(tail)+len(nb)-headroom)
		nbig = append(nbig, tail...)
		nbig = append(nbig, nb[headroom:]...)
		t.release()
		t.inf.free <- nb[:cap(nb)]
		t.big, t.buf = nbig, nbig
	}
	t.pos = 0
	return true, nil
}

func (t *tokenizer) release() {
	if t.cur != nil {
		t.inf.free <- t.cur[:cap(t.cur)]
		t.cur = nil
	}
	t.big = nil
}

var (
	pfxComment = []byte("<!--")
	pfxCDATA   = []byte("<![CDATA[")
	endComment = []byte("-->")
	endCDATA   = []byte("]]>")
	endPI      = []byte("?>")
)

func (t *tokenizer) next() (tokKind, error) {
	for {
		b := t.buf[t.pos:]
		if len(b) == 0 {
			ok, err := t.refill(nil)
			if err != nil {
				return tokEOF, err
			}
			if !ok {
				return tokEOF, nil
			}
			continue
		}
		if b[0] != '<' {
			j := bytes.IndexByte(b, '<')
			if j < 0 {
				j = len(b)
				if amp := bytes.LastIndexByte(b, '&'); amp >= 0 && len(b)-amp < maxTextCut && bytes.IndexByte(b[amp:], ';') < 0 {
					j = amp
				}
				if j == 0 {
					ok, err := t.refill(b)
					if err != nil {
						return tokEOF, err
					}
					if !ok {
						return tokEOF, msg.Errorf("%w: unexpected end in %q", "%w: kết thúc đột ngột trong %q", readerr.ErrBadXML, b)
					}
					continue
				}
			}
			t.text = b[:j]
			t.pos += j
			t.kind = tokText
			return tokText, nil
		}
		if len(b) < 2 {
			if err := t.more(b); err != nil {
				return tokEOF, err
			}
			continue
		}
		switch b[1] {
		case '!':
			var term []byte
			switch {
			case bytes.HasPrefix(b, pfxComment):
				term = endComment
			case len(b) < len(pfxCDATA) && (bytes.HasPrefix(pfxCDATA, b) || bytes.HasPrefix(pfxComment, b)):
				if err := t.more(b); err != nil {
					return tokEOF, err
				}
				continue
			case bytes.HasPrefix(b, pfxCDATA):
				term = endCDATA
			default:
				return tokEOF, msg.Errorf("%w: DTD declarations are refused", "%w: không chấp nhận khai báo DTD", readerr.ErrBadXML)
			}
			k := bytes.Index(b[2:], term)
			if k < 0 {
				if err := t.more(b); err != nil {
					return tokEOF, err
				}
				continue
			}
			end := 2 + k + len(term)
			t.pos += end
			if term[0] == ']' {
				t.text = b[len(pfxCDATA) : end-len(term)]
				t.kind = tokCDATA
				return tokCDATA, nil
			}
			continue // a comment
		case '?':
			k := bytes.Index(b[2:], endPI)
			if k < 0 {
				if err := t.more(b); err != nil {
					return tokEOF, err
				}
				continue
			}
			t.pos += 2 + k + len(endPI)
			continue
		}
		end := tagEnd(b)
		if end < 0 {
			if err := t.more(b); err != nil {
				return tokEOF, err
			}
			continue
		}
		t.pos += end + 1
		tag := b[1:end]
		if len(tag) == 0 {
			return tokEOF, msg.Errorf("%w: empty tag <>", "%w: thẻ rỗng <>", readerr.ErrBadXML)
		}
		t.kind = tokStart
		if tag[0] == '/' {
			t.kind = tokEnd
			tag = tag[1:]
		}
		t.selfClose = false
		if len(tag) > 0 && tag[len(tag)-1] == '/' {
			t.selfClose = true
			tag = tag[:len(tag)-1]
		}
		n := 0
		for n < len(tag) && tag[n] != ' ' && tag[n] != '\t' && tag[n] != '\n' && tag[n] != '\r' {
			n++
		}
		name := tag[:n]
		t.qname = name
		if c := bytes.IndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		if len(name) == 0 {
			return tokEOF, msg.Errorf("%w: empty tag name", "%w: thẻ không có tên", readerr.ErrBadXML)
		}
		t.name, t.attrs = name, tag[n:]
		return t.kind, nil
	}
}

// more carries the unfinished token b into the next block; the stream
// ending there is malformed XML.
func (t *tokenizer) more(b []byte) error {
	ok, err := t.refill(b)
	if err != nil {
		return err
	}
	if !ok {
		if len(b) > 40 {
			b = b[:40]
		}
		return msg.Errorf("%w: unexpected end in %q", "%w: kết thúc đột ngột trong %q", readerr.ErrBadXML, b)
	}
	return nil
}

// tagEnd finds the '>' closing the tag at b[0] == '<', skipping quoted
// attribute values; -1 when the tag is not complete in b. Tags are short:
// one plain loop beats setting up vector searches.
func tagEnd(b []byte) int {
	for i := 1; i < len(b); i++ {
		switch b[i] {
		case '>':
			return i
		case '"', '\'':
			k := bytes.IndexByte(b[i+1:], b[i])
			if k < 0 {
				return -1
			}
			i += k + 1
		}
	}
	return -1
}

// nextAttr reads the attribute starting at raw[i:] (after any spaces):
// its name as written (prefix included) and its value. done: no attribute
// is left; bad: the text is not well-formed.
func nextAttr(raw []byte, i int) (name, val []byte, next int, done, bad bool) {
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	if i >= len(raw) {
		return nil, nil, i, true, false
	}
	ns := i
	for i < len(raw) && raw[i] != '=' && raw[i] != ' ' && raw[i] != '\t' && raw[i] != '\n' && raw[i] != '\r' {
		i++
	}
	name = raw[ns:i]
	for i < len(raw) && raw[i] != '=' {
		i++
	}
	i++
	for i < len(raw) && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r') {
		i++
	}
	if i >= len(raw) || (raw[i] != '"' && raw[i] != '\'') {
		return nil, nil, i, false, true
	}
	q := raw[i]
	k := bytes.IndexByte(raw[i+1:], q)
	if k < 0 {
		return nil, nil, i, false, true
	}
	return name, raw[i+1 : i+1+k], i + k + 2, false, false
}

// appendText appends XML character data with the predefined and numeric
// entities decoded; any other entity is an error (DTDs are never read).
func appendText(dst, src []byte) ([]byte, error) {
	for {
		i := bytes.IndexByte(src, '&')
		if i < 0 {
			return append(dst, src...), nil
		}
		dst = append(dst, src[:i]...)
		src = src[i:]
		j := bytes.IndexByte(src, ';')
		if j < 0 || j > 12 {
			return dst, msg.Errorf("%w: bare '&' in text", "%w: ký tự '&' đứng riêng trong văn bản", readerr.ErrBadXML)
		}
		ent := src[1:j]
		src = src[j+1:]
		switch string(ent) {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			if len(ent) < 2 || ent[0] != '#' {
				return dst, msg.Errorf("%w: undefined entity &%s;", "%w: thực thể chưa định nghĩa &%s;", readerr.ErrBadXML, ent)
			}
			var r uint64
			var err error
			if ent[1] == 'x' {
				r, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else {
				r, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			if err != nil || !isXMLChar(rune(r)) {
				return dst, msg.Errorf("%w: bad character reference &%s;", "%w: tham chiếu ký tự sai &%s;", readerr.ErrBadXML, ent)
			}
			dst = utf8.AppendRune(dst, rune(r))
		}
	}
}

func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

// normalizeCR turns CRLF and lone CR into LF, as encoding/xml does with
// character data.
func normalizeCR(b []byte) []byte {
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// DecodeEscapes undoes the _xHHHH_ escapes of OOXML strings as excelize
// does ("_x005F_" is "_"; an escape of no valid character is dropped).
func DecodeEscapes(v []byte) string {
	if !bytes.Contains(v, []byte("_x")) {
		return string(v)
	}
	out := make([]byte, 0, len(v))
	for i := 0; i < len(v); {
		if EscapeAt(v, i) {
			h := string(v[i+2 : i+6])
			if h == "005F" {
				out = append(out, '_')
			} else if r, err := strconv.ParseUint(h, 16, 32); err == nil && utf8.ValidRune(rune(r)) {
				out = utf8.AppendRune(out, rune(r))
			}
			i += 7
			continue
		}
		out = append(out, v[i])
		i++
	}
	return string(out)
}

// EscapeAt reports whether v[i:] begins with an OOXML escape "_xHHHH_"
// (H a hex digit): what DecodeEscapes undoes, and what a writer must
// escape ("_x005F_xHHHH_") when the text holds it literally.
func EscapeAt[T ~string | ~[]byte](v T, i int) bool {
	if i+7 > len(v) || v[i] != '_' || v[i+1] != 'x' || v[i+6] != '_' {
		return false
	}
	for j := i + 2; j < i+6; j++ {
		c := v[j]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
