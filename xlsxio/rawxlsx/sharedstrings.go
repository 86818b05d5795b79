package rawxlsx

import (
	"archive/zip"
	"fmt"
	"strconv"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// SharedStrings is the shared-strings table as one byte slice and offsets:
// each string's text (runs joined, phonetic runs left out, entities
// decoded; _xHHHH_ escapes kept, see DecodeEscapes).
type SharedStrings struct {
	data []byte
	offs []uint32 // len = n+1
}

// Len is the number of strings.
func (s *SharedStrings) Len() int { return len(s.offs) - 1 }

// Get is string i; ok is false when there is none. The slice is the
// table's own: do not modify it.
func (s *SharedStrings) Get(i int) ([]byte, bool) {
	if i < 0 || i+1 >= len(s.offs) {
		return nil, false
	}
	return s.data[s.offs[i]:s.offs[i+1]:s.offs[i+1]], true
}

// wholeBelow: parts smaller than this are inflated whole and tokenized in
// memory; larger ones are streamed (inflate ‖ tokenize).
const wholeBelow = 1 << 20

// ReadSharedStrings reads the table of the part named (an empty table when
// there is no such part).
func (p *Package) ReadSharedStrings(name string) (*SharedStrings, error) {
	zf := p.PartFold(name)
	if zf == nil {
		return &SharedStrings{offs: []uint32{0}}, nil
	}
	if zf.UncompressedSize64 < wholeBelow {
		data, err := p.ReadPart(zf)
		if err != nil {
			// worded as the streamed read words it
			return nil, &readerr.FileError{File: p.name, Err: fmt.Errorf("%s: %w", zf.Name, err)}
		}
		return p.parseSharedStrings(newTokenizer(data), zf)
	}
	inf, err := p.startInflate(zf, 0)
	if err != nil {
		return nil, err
	}
	defer inf.stop()
	t := &tokenizer{inf: inf}
	defer t.release()
	return p.parseSharedStrings(t, zf)
}

// parseSharedStrings reads the table from t (streamed from zf, or over
// zf's whole inflated text).
func (p *Package) parseSharedStrings(t *tokenizer, zf *zip.File) (*SharedStrings, error) {
	hint := min(int64(zf.UncompressedSize64)/2, p.lim.MaxSharedBytes)
	sst := &SharedStrings{data: make([]byte, 0, hint), offs: make([]uint32, 1, 1024)}
	inSI, inT, rph := false, false, 0
	fail := func(err error) error {
		return &readerr.FileError{File: p.name, Err: fmt.Errorf("%s: %w", zf.Name, err)}
	}
	for {
		if !inSI && !p.general {
			// the fast path of the commonest entry, <si><t>TEXT</t></si>,
			// read as the general path would, with its state after it
			if text, n, ok := plainBetween(t.buf[t.pos:], "<si><t>", "</t></si>", p.NormalizeCR); ok {
				t.pos += n
				inT, rph = false, 0
				sst.data = append(sst.data, text...)
				if int64(len(sst.data)) > p.lim.MaxSharedBytes {
					return nil, fail(errSharedBytes(p.lim))
				}
				if err := sst.push(p.lim); err != nil {
					return nil, fail(err)
				}
				continue
			}
		}
		k, err := t.next()
		if err != nil {
			return nil, fail(err)
		}
		switch k {
		case tokEOF:
			if inSI {
				return nil, fail(msg.Errorf("%w: unterminated <si>", "%w: thẻ <si> không được đóng", readerr.ErrBadXML))
			}
			return sst, nil
		case tokStart:
			switch string(t.name) {
			case "sst":
				if cnt := attr(t.attrs, "uniqueCount"); cnt != nil {
					if n, err := strconv.Atoi(string(cnt)); err == nil && n > 0 {
						sst.offs = make([]uint32, 1, min(n, 1<<22, p.lim.MaxSharedStrings)+1)
					}
				}
			case "si":
				inSI, rph = true, 0
				if t.selfClose {
					inSI = false
					if err := sst.push(p.lim); err != nil {
						return nil, fail(err)
					}
				}
			case "t":
				inT = inSI && rph == 0 && !t.selfClose
			case "rPh":
				if !t.selfClose {
					rph++
				}
			}
		case tokEnd:
			switch string(t.name) {
			case "si":
				if inSI {
					inSI = false
					if err := sst.push(p.lim); err != nil {
						return nil, fail(err)
					}
				}
			case "t":
				inT = false
			case "rPh":
				rph--
			}
		case tokText, tokCDATA:
			if inT {
				text := t.text
				if p.NormalizeCR {
					text = normalizeCR(text)
				}
				if k == tokCDATA {
					sst.data = append(sst.data, text...)
				} else if sst.data, err = appendText(sst.data, text); err != nil {
					return nil, fail(err)
				}
				if int64(len(sst.data)) > p.lim.MaxSharedBytes {
					return nil, fail(errSharedBytes(p.lim))
				}
			}
		}
	}
}

func errSharedBytes(lim Limits) error {
	return msg.Errorf("shared strings: more than %d bytes of text %w", "chuỗi dùng chung: hơn %d byte văn bản, %w", lim.MaxSharedBytes, readerr.ErrTooBig)
}

func (s *SharedStrings) push(lim Limits) error {
	if len(s.offs) > lim.MaxSharedStrings {
		return msg.Errorf("shared strings: more than %d entries %w", "chuỗi dùng chung: hơn %d mục, %w", lim.MaxSharedStrings, readerr.ErrTooBig)
	}
	s.offs = append(s.offs, uint32(len(s.data)))
	return nil
}
