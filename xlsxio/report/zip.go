package report

import (
	"archive/zip"
	"bytes"
	"io"
	"slices"
	"sync"

	kflate "github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"

	"github.com/bhxh/bhxh/msg"
)

// newWorkbook is an empty workbook that deflates its parts with
// klauspost/compress (already what rawxlsx inflates with) at level
// deflateLevel instead of compress/flate's default: the standard deflater
// was a quarter of the time of a batch of xlsx reports (issue 17) for a
// file ~12 % smaller. The output is still deterministic: one thread, no
// dictionary carried from part to part.
func newWorkbook() *excelize.File {
	f := excelize.NewFile()
	f.SetZipWriter(fastZip)
	return f
}

// deflateLevel is klauspost's level for xlsx parts (1 fastest … 9 smallest).
const deflateLevel = 1

// fastZip is the zip writer of newWorkbook.
func fastZip(w io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, newPooledDeflater)
	return reusingZip(zw)
}

var errDeflaterClosed = msg.New("write to a closed part of the xlsx", "ghi vào một phần đã đóng của tệp xlsx")

var deflaters sync.Pool // *kflate.Writer, reset for each part

// pooledDeflater returns its flate writer to the pool once closed: its
// state (~1 MB) is allocated once per worker, not once per part.
type pooledDeflater struct{ fw *kflate.Writer }

func newPooledDeflater(w io.Writer) (io.WriteCloser, error) {
	fw, ok := deflaters.Get().(*kflate.Writer)
	if ok {
		fw.Reset(w)
	} else {
		var err error
		if fw, err = kflate.NewWriter(w, deflateLevel); err != nil {
			return nil, err
		}
	}
	return &pooledDeflater{fw: fw}, nil
}

func (d *pooledDeflater) Write(p []byte) (int, error) {
	if d.fw == nil {
		return 0, errDeflaterClosed
	}
	return d.fw.Write(p)
}

func (d *pooledDeflater) Close() error {
	if d.fw == nil {
		return nil
	}
	err := d.fw.Close()
	deflaters.Put(d.fw)
	d.fw = nil
	return err
}

// newComputeWorkbook is newWorkbook for the compute report, opened from
// a template of excelize's new workbook without its theme: NewFile parses
// the theme's 7 KB of XML for every workbook (half of NewFile, 4 % of a
// batch of xlsx reports, issue 17), and marshals it back as it writes. The
// theme is put in as the bytes excelize writes for a new workbook's, made
// once; excelize keeps no parsed theme then (f.Theme is nil), which only
// its readers of theme colours (GetStyle) use. The workbook is the same
// bytes as from newWorkbook (TestComputeXLSXSameAsReference).
func newComputeWorkbook() (*excelize.File, error) {
	t, err := noThemeTemplate()
	if err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(t.zip))
	if err != nil {
		return nil, err
	}
	f.Pkg.Store(themePart, bytes.Clone(t.theme)) // its own: excelize may edit a part in place
	// Its sheet read in, as NewFile does (OpenReader reads it when used).
	if _, err := f.GetSheetProps("Sheet1"); err != nil {
		return nil, err
	}
	f.SetZipWriter(fastZip)
	return f, nil
}

const themePart = "xl/theme/theme1.xml"

// workbookTemplate is a new workbook's parts but its theme, zipped
// uncompressed, and its theme as excelize writes it.
type workbookTemplate struct{ zip, theme []byte }

var noThemeTemplate = sync.OnceValues(func() (*workbookTemplate, error) {
	f := excelize.NewFile()
	defer f.Close()
	var t workbookTemplate
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	var names []string
	f.Pkg.Range(func(k, _ any) bool { names = append(names, k.(string)); return true })
	slices.Sort(names)
	for _, name := range names {
		if name == themePart {
			continue
		}
		part, _ := f.Pkg.Load(name)
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(part.([]byte)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	t.zip = out.Bytes()
	if _, err := f.WriteTo(io.Discard); err != nil { // the theme as written
		return nil, err
	}
	theme, ok := f.Pkg.Load(themePart)
	if !ok {
		return nil, msg.New("a new workbook without a theme", "tệp mới không có theme")
	}
	t.theme = theme.([]byte)
	return &t, nil
})
