package grid

// The workbook globals of a BIFF8 .xls that shakinm/xlsReader does not
// expose: each sheet's state (BOUNDSHEET's hsState: visible, hidden, very
// hidden), its name as stored (a name whose characters all fit in one
// byte is stored "compressed", as Latin-1, which the parser hands over as
// bytes: "Nháp T12" came out "Nh\xe1p T12") and the active tab (WINDOW1's
// itabCur). The records are read from the same compound-file stream the
// parser reads, through its cfb package.

import (
	"bytes"
	"encoding/binary"
	"io"
	"unicode/utf16"

	"github.com/shakinm/xlsReader/cfb"
)

type xlsGlobals struct {
	names  []string
	states []Visibility
	active int
}

const (
	biffBOF        = 0x0809
	biffEOF        = 0x000A
	biffBoundSheet = 0x0085
	biffWindow1    = 0x003D
	biff8          = 0x0600
)

// readXLSGlobals reads the globals of data; ok is false when the stream
// cannot be read (the caller keeps what the parser gave).
func readXLSGlobals(data []byte) (g xlsGlobals, ok bool) {
	defer func() {
		// cfb indexes slices from lengths it trusts, as the parser does
		if recover() != nil {
			g, ok = xlsGlobals{}, false
		}
	}()
	stream, ok := workbookStream(data)
	if !ok {
		return g, false
	}
	version, seenWindow := 0, false
	for pos := 0; pos+4 <= len(stream); {
		typ := binary.LittleEndian.Uint16(stream[pos:])
		n := int(binary.LittleEndian.Uint16(stream[pos+2:]))
		body := stream[pos+4 : min(pos+4+n, len(stream))]
		pos += 4 + n
		switch typ {
		case biffBOF:
			if len(body) >= 2 && version == 0 {
				version = int(binary.LittleEndian.Uint16(body))
			}
		case biffEOF:
			return g, version == biff8
		case biffWindow1:
			if len(body) >= 12 && !seenWindow {
				g.active, seenWindow = int(binary.LittleEndian.Uint16(body[10:])), true
			}
		case biffBoundSheet:
			if len(body) < 8 {
				return g, false
			}
			g.states = append(g.states, Visibility(min(body[4]&3, 2)))
			g.names = append(g.names, biff8ShortString(body[6:]))
		}
	}
	return g, false
}

// workbookStream is the "Workbook" stream of the compound file ("Book" in
// files from before Excel 97).
func workbookStream(data []byte) ([]byte, bool) {
	c, err := cfb.OpenReader(bytes.NewReader(data))
	if err != nil {
		return nil, false
	}
	var book, root *cfb.Directory
	for _, d := range c.GetDirs() {
		switch d.Name() {
		case "Workbook":
			if book == nil {
				book = d
			}
		case "Root Entry":
			root = d
		}
	}
	if book == nil || root == nil {
		return nil, false
	}
	size := book.GetStreamSize()
	if int64(size) > int64(len(data)) {
		return nil, false
	}
	rd, err := c.OpenObject(book, root)
	if err != nil {
		return nil, false
	}
	stream := make([]byte, size)
	if _, err := io.ReadFull(rd, stream); err != nil {
		return nil, false
	}
	return stream, true
}

// biff8ShortString reads a ShortXLUnicodeString: a character count, a
// flag byte (bit 0: two bytes per character), the characters.
func biff8ShortString(b []byte) string {
	if len(b) < 2 {
		return ""
	}
	n, wide := int(b[0]), b[1]&1 == 1
	b = b[2:]
	if wide {
		u := make([]uint16, 0, n)
		for i := 0; i < n && 2*i+1 < len(b); i++ {
			u = append(u, binary.LittleEndian.Uint16(b[2*i:]))
		}
		return string(utf16.Decode(u))
	}
	return latin1(string(b[:min(n, len(b))]))
}
