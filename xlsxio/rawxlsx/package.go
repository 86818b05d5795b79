package rawxlsx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// Limits bound what is inflated and held of one package. A zero field takes
// its default (DefaultLimits).
type Limits struct {
	MaxPartBytes     int64 // uncompressed XML of one part (sheet, shared strings)
	MaxRatio         int64 // uncompressed/compressed, checked once a part passes 16 MiB
	MaxMetaBytes     int64 // workbook.xml, styles.xml and .rels parts
	MaxSharedStrings int   // entries of the shared-strings table
	MaxSharedBytes   int64 // text held by the shared-strings table
	MaxCellBytes     int   // text of one cell (Excel's own limit is 32,767 characters)
}

// DefaultLimits: generous for real files (a full 1,048,576-row list of 7
// columns is ~450 MB of sheet XML, compressed ~10:1), tight against bombs.
var DefaultLimits = Limits{
	MaxPartBytes:     4 << 30,
	MaxRatio:         200,
	MaxMetaBytes:     16 << 20,
	MaxSharedStrings: 1 << 24,
	MaxSharedBytes:   256 << 20,
	MaxCellBytes:     128 << 10,
}

const ratioCheckFrom = 16 << 20 // small parts may compress better than any ratio

func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	if l.MaxPartBytes > 0 {
		d.MaxPartBytes = l.MaxPartBytes
	}
	if l.MaxRatio > 0 {
		d.MaxRatio = l.MaxRatio
	}
	if l.MaxMetaBytes > 0 {
		d.MaxMetaBytes = l.MaxMetaBytes
	}
	if l.MaxSharedStrings > 0 {
		d.MaxSharedStrings = l.MaxSharedStrings
	}
	if l.MaxSharedBytes > 0 {
		d.MaxSharedBytes = l.MaxSharedBytes
	}
	if l.MaxCellBytes > 0 {
		d.MaxCellBytes = l.MaxCellBytes
	}
	return d
}

// Limits of a workbook read whole into memory (compute, inspect, trend…):
// a unit workbook is a few hundred kilobytes; these leave room for a
// hundredfold. CheckZip holds a zip's directory against them before
// anything is inflated.
const (
	MaxUnzippedBytes = 512 << 20 // all parts, uncompressed
	MaxPartBytes     = 256 << 20 // one sheet or the shared strings, uncompressed
	MaxZipRatio      = 1000      // uncompressed/compressed of a part over 1 MB
)

// WholeLimits are the Limits of a package read whole (MaxPartBytes for
// every part); see CheckZip.
var WholeLimits = Limits{MaxPartBytes: MaxPartBytes, MaxSharedBytes: MaxPartBytes, MaxMetaBytes: MaxPartBytes}.withDefaults()

// CheckZip opens the zip directory of data and refuses one that promises
// more than the limits: too much in all, one part too large, or a part
// compressed beyond any real spreadsheet's ratio (a zip bomb). archive/zip
// itself fails a part that inflates to more than its directory says, so
// the promise holds.
func CheckZip(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, msg.Errorf("%w: %v", "%w: %v", readerr.ErrNotWorkbook, zipProblem(err))
	}
	var total uint64
	for _, f := range zr.File {
		total += f.UncompressedSize64
		if f.UncompressedSize64 > MaxPartBytes {
			return nil, msg.Errorf("%w: part %s inflates to %d bytes", "%w: phần %s giải nén ra %d byte", readerr.ErrTooBig, f.Name, f.UncompressedSize64)
		}
		if f.UncompressedSize64 > 1<<20 && f.CompressedSize64 > 0 && f.UncompressedSize64/f.CompressedSize64 > MaxZipRatio {
			return nil, msg.Errorf("%w: part %s is compressed %d:1, like a zip bomb", "%w: phần %s được nén %d:1, giống một bom zip", readerr.ErrTooBig, f.Name, f.UncompressedSize64/f.CompressedSize64)
		}
	}
	if total > MaxUnzippedBytes {
		return nil, msg.Errorf("%w: inflates to %d bytes", "%w: giải nén ra %d byte", readerr.ErrTooBig, total)
	}
	return zr, nil
}

// Package is an opened xlsx package: its parts by name, and the limits
// they are read within.
type Package struct {
	name      string
	lim       Limits
	files     map[string]*zip.File // by lower-cased name, no leading "/"
	exact     map[string]*zip.File // by name as stored
	caseClash bool
	// NormalizeCR turns raw CR and CRLF in cell and shared-string text into
	// LF, as encoding/xml (and so excelize) does; bhxh count keeps them.
	NormalizeCR bool
	// general: the shared strings and the sheets without their fast paths
	// (the tests read them both ways and compare).
	general bool
}

// NewPackage indexes the parts of zr; name is the file's base name, used in
// messages.
func NewPackage(zr *zip.Reader, name string, lim Limits) *Package {
	registerFlate(zr)
	p := &Package{name: name, lim: lim.withDefaults(), files: map[string]*zip.File{}, exact: map[string]*zip.File{}}
	for _, zf := range zr.File {
		low := strings.ToLower(strings.TrimPrefix(zf.Name, "/"))
		if p.files[low] != nil {
			p.caseClash = true
		}
		p.files[low] = zf
		p.exact[zf.Name] = zf
	}
	return p
}

// Part is the part stored under exactly this name, nil when none.
func (p *Package) Part(name string) *zip.File { return p.exact[name] }

// PartFold is the part of this name in any case, nil when none.
func (p *Package) PartFold(name string) *zip.File {
	return p.files[strings.ToLower(strings.TrimPrefix(name, "/"))]
}

// CaseClash reports two part names that differ only in case (Excel never
// writes them; readers disagree on which one counts).
func (p *Package) CaseClash() bool { return p.caseClash }

// errf is a FileError of this package: not a workbook, because of what
// en and vi say (built only when the error is returned).
func (p *Package) errf(en, vi string, a ...any) error {
	for i, x := range a {
		if err, ok := x.(error); ok {
			a[i] = zipProblem(err)
		}
	}
	return &readerr.FileError{File: p.name, Err: msg.Errorf("%w: "+en, "%w: "+vi, append([]any{readerr.ErrNotWorkbook}, a...)...)}
}

// readMeta reads a small XML part into v with encoding/xml (not the hot path;
// encoding/xml knows only the predefined entities and never reads a DTD).
func (p *Package) readMeta(name string, v any) (bool, error) {
	zf := p.PartFold(name)
	if zf == nil {
		return false, nil
	}
	if zf.UncompressedSize64 > uint64(p.lim.MaxMetaBytes) {
		return true, &readerr.FileError{File: p.name, Err: fmt.Errorf("%s %w", name, readerr.ErrTooBig)}
	}
	rc, err := zf.Open()
	if err != nil {
		return true, p.errf("%s: %v", "%s: %v", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, p.lim.MaxMetaBytes+1))
	if err != nil {
		return true, p.errf("%s: %v", "%s: %v", name, err)
	}
	if int64(len(data)) > p.lim.MaxMetaBytes {
		return true, &readerr.FileError{File: p.name, Err: fmt.Errorf("%s %w", name, readerr.ErrTooBig)}
	}
	if bytes.Contains(data, []byte("<!DOCTYPE")) {
		return true, p.errf("%s declares a DTD", "%s có khai báo DTD", name)
	}
	if err := xml.Unmarshal(data, v); err != nil {
		return true, p.errf("%s: %v", "%s: %v", name, err)
	}
	return true, nil
}

// ReadPart inflates a part whole, within the part limit.
func (p *Package) ReadPart(zf *zip.File) ([]byte, error) {
	if zf.UncompressedSize64 > uint64(p.lim.MaxPartBytes) {
		return nil, &readerr.FileError{File: p.name, Err: msg.Errorf("%s: %d bytes uncompressed %w", "%s: %d byte khi giải nén, %w", zf.Name, zf.UncompressedSize64, readerr.ErrTooBig)}
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, p.errf("%s: %v", "%s: %v", zf.Name, err)
	}
	defer rc.Close()
	data := make([]byte, 0, zf.UncompressedSize64+1)
	for {
		n, err := rc.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return nil, p.errf("%s: %v", "%s: %v", zf.Name, err)
		}
		if int64(len(data)) > p.lim.MaxPartBytes {
			return nil, &readerr.FileError{File: p.name, Err: msg.Errorf("%s: more than %d bytes uncompressed %w", "%s: hơn %d byte khi giải nén, %w", zf.Name, p.lim.MaxPartBytes, readerr.ErrTooBig)}
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
}

// UTF8Declared: the XML declaration of a part names no encoding other
// than UTF-8 (the tokenizers read UTF-8 only).
func UTF8Declared(data []byte) bool {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return !bytes.HasPrefix(data, []byte("\xef\xbb\xbf<?xml")) || UTF8Declared(data[3:])
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 {
		return false
	}
	decl := data[:end]
	k := bytes.Index(decl, []byte("encoding"))
	if k < 0 {
		return true
	}
	rest := bytes.TrimLeft(decl[k+len("encoding"):], " \t\r\n=")
	if len(rest) == 0 {
		return false
	}
	rest = bytes.Trim(rest[1:], " \t\r\n")
	q := bytes.IndexAny(rest, `"'`)
	if q < 0 {
		return false
	}
	enc := strings.ToLower(string(rest[:q]))
	return enc == "utf-8" || enc == "utf8"
}
