package report

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"io/fs"
	"sync"

	"github.com/xuri/excelize/v2"
)

// Most parts of the xlsx reports of a batch are the same bytes from report
// to report: the theme, the styles, the workbook and its relationships,
// the content types, the charts and drawing of units with the same
// layout, the small sheets. Deflating each of them again was about a
// fifth of the deflate time of a batch (issue 17). reusingZip keeps the
// last deflated form of each such part, by name, and writes it again,
// raw, when the part comes back with the same content: the zip holds the
// same bytes as if it had been deflated again (deflate is deterministic,
// and the entry's header is the one zip.Writer.Create writes).

// maxReusedPart is the largest part kept: a sheet of rows (the sources,
// the summary) is seldom the same twice, and is not worth holding.
const maxReusedPart = 32 << 10

// deflatedPart is a part's content and its deflated form.
type deflatedPart struct {
	content, deflated []byte
	crc               uint32
}

// deflatedParts holds the last deflatedPart of each part name, or
// tooBig once the part was over maxReusedPart (it is then deflated
// straight into the zip, not held), shared by every worker of a batch
// (entries are never changed once stored).
var deflatedParts sync.Map // string → *deflatedPart or tooBig

var tooBig = &deflatedPart{}

// reusingZip is fastZip's writer: a part that may repeat is held until it
// is whole, then written from deflatedParts or deflated and kept there.
func reusingZip(zw *zip.Writer) excelize.ZipWriter {
	return &heldZip{
		ZipWriter: zw,
		hold: func(name string) bool {
			v, _ := deflatedParts.Load(name)
			return v != tooBig && reusableName(name)
		},
		put: func(name string, content []byte) error { return writeReused(zw, name, content) },
	}
}

// writeReused writes a held part: its kept deflated form when the content
// is the same, else deflated now (and kept when small enough).
func writeReused(zw *zip.Writer, name string, content []byte) error {
	var part *deflatedPart
	if v, ok := deflatedParts.Load(name); ok && bytes.Equal(v.(*deflatedPart).content, content) {
		part = v.(*deflatedPart)
	} else {
		var err error
		if part, err = deflatePart(content); err != nil {
			return err
		}
		if len(content) > maxReusedPart {
			deflatedParts.Store(name, tooBig)
		} else {
			part.content = bytes.Clone(content)
			deflatedParts.Store(name, part)
		}
	}
	// The header zip.Writer.Create gives a part of an ASCII name (the
	// sizes and checksum in the data descriptor after it).
	w, err := zw.CreateRaw(&zip.FileHeader{
		Name: name, Method: zip.Deflate, Flags: 0x8,
		CreatorVersion: 20, ReaderVersion: 20,
		CRC32: part.crc, CompressedSize64: uint64(len(part.deflated)), UncompressedSize64: uint64(len(part.content)),
	})
	if err != nil {
		return err
	}
	_, err = w.Write(part.deflated)
	return err
}

// heldZip is a zip writer that holds back each part hold picks until it
// is whole (the next Create, AddFS or Close), then gives it to put; other
// parts go straight to the zip writer it wraps. The kept deflated parts
// (reusingZip) and the edited worksheets (editPart) are written through it.
type heldZip struct {
	excelize.ZipWriter
	hold    func(name string) bool
	put     func(name string, content []byte) error
	name    string
	pending *bytes.Buffer // the held part's content, until the next part
}

func (z *heldZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	if !z.hold(name) {
		return z.ZipWriter.Create(name)
	}
	z.name, z.pending = name, &bytes.Buffer{}
	return z.pending, nil
}

func (z *heldZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.ZipWriter.AddFS(fsys)
}

func (z *heldZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.ZipWriter.Close()
}

// finish puts the held part, if any.
func (z *heldZip) finish() error {
	if z.pending == nil {
		return nil
	}
	content, name := z.pending.Bytes(), z.name
	z.pending, z.name = nil, ""
	return z.put(name, content)
}

// deflatePart deflates content as fastZip's writer does.
func deflatePart(content []byte) (*deflatedPart, error) {
	var out bytes.Buffer
	d, err := newPooledDeflater(&out)
	if err != nil {
		return nil, err
	}
	if _, err := d.Write(content); err != nil {
		return nil, err
	}
	if err := d.Close(); err != nil {
		return nil, err
	}
	return &deflatedPart{content: content, deflated: out.Bytes(), crc: crc32.ChecksumIEEE(content)}, nil
}

// reusableName reports whether a part of this name is written through
// deflatedParts: an XML part, not a folder, its name in printable ASCII
// without a backslash (zip.Writer sets no UTF-8 flag for it).
func reusableName(name string) bool {
	if name == "" || name[len(name)-1] == '/' {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 0x20 || c > 0x7d || c == '\\' {
			return false
		}
	}
	return true
}
