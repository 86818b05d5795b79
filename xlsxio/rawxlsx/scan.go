package rawxlsx

// The streaming list scanner: one worksheet of an xlsx read in one pass, for
// the one job excelize's row iterator does badly: participant lists of up to
// Excel's 1,048,576 rows. excelize's Rows spills the sheet XML to $TMPDIR
// and decodes it with encoding/xml; this scanner inflates the sheet with
// archive/zip and walks it with the sheet tokenizer, in three goroutines:
// inflate ‖ tokenize ‖ the caller's callback. It never writes a file and
// never expands DTD entities (a DOCTYPE is refused).

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/bhxh/bhxh/msg"
	"github.com/bhxh/bhxh/xlsxio/readerr"
)

// Cell is one non-empty cell as ScanSheet hands it over.
type Cell struct {
	Col int // 0-based column index (A = 0)
	// Type is the cell's t attribute reduced to one byte (see CellInfo.Type).
	Type byte
	// Value is the text: shared strings resolved, entities decoded, a number
	// as written ("1.5E+3"). Valid only during the callback.
	Value []byte
}

// Row is one row that holds at least one non-empty cell.
type Row struct {
	Num   int    // 1-based
	Cells []Cell // in the order of the sheet (ascending columns in any sane file)
}

// SheetInfo says what ScanSheet read.
type SheetInfo struct {
	File  string // base name
	Sheet string
	Rows  int // rows handed to the callback
}

// ScanSheet reads one worksheet of the xlsx at path (sheet: name, 1-based
// index, or "" for the first) and calls fn for each non-empty row, in order.
// fn's error stops the scan and is returned as is.
func ScanSheet(file, sheet string, lim Limits, fn func(*Row) error) (SheetInfo, error) {
	return ScanSheetPicking(file, sheet, lim, nil, fn)
}

// ScanSheetPicking is ScanSheet for a reader that needs some columns only
// (a list's columns, once its header is read). pick is called on the
// scanning goroutine with each row handed over, until it returns the
// columns wanted (cols[c] for column c; nil: not known yet); every later
// row holds the cells of those columns only, and one without any is not
// handed over. The other cells are still read far enough to fail where
// they would (a bad reference or type, too long), but their text is
// neither copied nor looked up in the shared strings. pick sees the same
// rows as fn, before fn does; fn sees every row pick saw. A nil pick reads
// every column.
func ScanSheetPicking(file, sheet string, lim Limits, pick func(*Row) []bool, fn func(*Row) error) (SheetInfo, error) {
	f, err := os.Open(file)
	if err != nil {
		return SheetInfo{File: filepath.Base(file)}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return SheetInfo{File: filepath.Base(file)}, err
	}
	return scanSheetReader(f, st.Size(), filepath.Base(file), sheet, lim, pick, fn)
}

// VisibleSheets lists the names of the sheets of the xlsx at path that are
// not hidden, in workbook order (what a reader of every sheet goes over).
func VisibleSheets(file string, lim Limits) ([]string, error) {
	name := filepath.Base(file)
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		return nil, notXLSX(f, name, err)
	}
	wb, err := NewPackage(zr, name, lim).ReadWorkbook()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, s := range wb.Sheets {
		if s.State == "" || s.State == "visible" {
			out = append(out, s.Name)
		}
	}
	return out, nil
}

// notXLSX says why a file that is not a zip cannot be read here.
func notXLSX(r io.ReaderAt, name string, err error) error {
	var head [8]byte
	if n, _ := r.ReadAt(head[:], 0); n == len(head) && !bytes.HasPrefix(head[:], []byte("PK")) {
		// Not a zip at all: a CSV or an old .xls, which this reader does not take.
		return &readerr.FileError{File: name, Err: msg.Errorf("%w: not an .xlsx file (a CSV or .xls list is not read here): open it in Excel and save it as .xlsx",
			"%w: không phải tệp .xlsx (ở đây không đọc danh sách CSV hay .xls): hãy mở tệp trong Excel và lưu lại dạng .xlsx", readerr.ErrNotWorkbook)}
	}
	return &readerr.FileError{File: name, Err: msg.Errorf("%w: %v", "%w: %v", readerr.ErrNotWorkbook, zipProblem(err))}
}

// ScanSheetReader is ScanSheet over an already open file; name is used in
// messages.
func ScanSheetReader(r io.ReaderAt, size int64, name, sheet string, lim Limits, fn func(*Row) error) (SheetInfo, error) {
	return scanSheetReader(r, size, name, sheet, lim, nil, fn)
}

func scanSheetReader(r io.ReaderAt, size int64, name, sheet string, lim Limits, pick func(*Row) []bool, fn func(*Row) error) (SheetInfo, error) {
	info := SheetInfo{File: name}
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return info, notXLSX(r, name, err)
	}
	p := NewPackage(zr, name, lim)
	wb, err := p.ReadWorkbook()
	if err != nil {
		return info, err
	}
	sh, err := p.Locate(wb, sheet)
	if err != nil {
		return info, err
	}
	info.Sheet = sh.Name
	// The sheet is inflated while its shared strings are read (the scan
	// cannot start without them): on the core their reading leaves, up to
	// sheetAhead blocks ahead. Errors come in the order they did when it
	// waited: the shared strings', then the sheet part's.
	zf := p.PartFold(sh.Part)
	var inf *inflater
	var infErr error
	if zf != nil {
		inf, infErr = p.startInflate(zf, sheetAhead)
	}
	if inf != nil {
		defer inf.stop()
	}
	sstPath := wb.SharedStrings
	if sstPath == "" && p.PartFold("xl/sharedStrings.xml") != nil {
		sstPath = "xl/sharedStrings.xml"
	}
	var sst *SharedStrings
	if sstPath != "" {
		if sst, err = p.ReadSharedStrings(sstPath); err != nil {
			return info, err
		}
	}
	if zf == nil {
		return info, &readerr.FileError{File: name, Err: msg.Errorf("%w: sheet %q has no part %s", "%w: trang tính %q không có phần %s", readerr.ErrNotWorkbook, sh.Name, sh.Part)}
	}
	if infErr != nil {
		return info, infErr
	}
	n, err := p.scanWorksheet(inf, sh.Name, sst, pick, fn)
	info.Rows = n
	return info, err
}

// sheetAhead is how many blocks (256 KiB) a sheet's inflate may run ahead
// of its scan: while the shared strings of a million-row list are read
// (~0.1 s), its sheet inflates ~40 MB on the other core.
const sheetAhead = 96

// rowBatch carries rows from the scan goroutine to the caller's.
type rowBatch struct {
	rows  []Row
	cells []Cell
	arena []byte
}

const (
	batchRows  = 2048
	batchArena = 512 << 10
	nBatches   = 4
)

// newBatches makes the channels of the batches between the scan goroutine
// and the caller's: full ones, free ones (all of them, at first).
func newBatches() (full, free chan *rowBatch) {
	full = make(chan *rowBatch, nBatches)
	free = make(chan *rowBatch, nBatches)
	for range nBatches {
		free <- &rowBatch{
			rows:  make([]Row, 0, batchRows),
			cells: make([]Cell, 0, batchRows*8),
			arena: make([]byte, 0, batchArena),
		}
	}
	return full, free
}

// scanWorksheet scans the sheet inf inflates; the caller stops inf.
func (p *Package) scanWorksheet(inf *inflater, sheet string, sst *SharedStrings, pick func(*Row) []bool, fn func(*Row) error) (int, error) {
	full, free := newBatches()
	var scanErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer close(full)
		t := &tokenizer{inf: inf}
		defer t.release()
		scanErr = p.scanRows(t, inf.done, sheet, sst, pick, full, free)
	}()
	stop := func() {
		inf.stop() // closes done: the scan goroutine's sends give up too
		for range full {
		}
		wg.Wait()
	}
	rows := 0
	for b := range full {
		for i := range b.rows {
			if err := fn(&b.rows[i]); err != nil {
				stop()
				return rows, err
			}
			rows++
		}
		free <- b
	}
	wg.Wait()
	inf.stop()
	return rows, scanErr
}

// add appends a cell of the row being read, of type typ and text val, to
// the batch: a shared string's text looked up, another text copied into
// the arena; an empty text is left out. false: val names no shared string.
func (b *rowBatch) add(col int, typ byte, val []byte, sst *SharedStrings) bool {
	if len(val) == 0 {
		return true
	}
	cell := Cell{Col: col, Type: typ}
	if typ == 's' {
		i, ok := Index(val)
		if !ok || sst == nil {
			return false
		}
		if cell.Value, ok = sst.Get(i); !ok {
			return false
		}
		if len(cell.Value) == 0 {
			return true
		}
	} else {
		if len(b.arena)+len(val) > cap(b.arena) {
			// grow: earlier rows keep the old array alive
			b.arena = make([]byte, 0, max(2*cap(b.arena), len(val)+batchArena))
		}
		s := len(b.arena)
		b.arena = append(b.arena, val...)
		cell.Value = b.arena[s:len(b.arena):len(b.arena)]
	}
	b.cells = append(b.cells, cell)
	return true
}

var errNoSharedString = msg.New("refers to a shared string that does not exist", "trỏ tới một chuỗi dùng chung không tồn tại")

// scanRows is the scan stage: the sheet tokenizer's rows and cells →
// batches of non-empty rows (of the columns pick chose, once it has). It
// gives up when done is closed.
func (p *Package) scanRows(t *tokenizer, done <-chan struct{}, sheet string, sst *SharedStrings, pick func(*Row) []bool, full chan<- *rowBatch, free <-chan *rowBatch) error {
	sr := p.sheetReader(t, sheet)
	var b *rowBatch
	select {
	case b = <-free:
	case <-done:
		return nil
	}
	b.rows, b.cells, b.arena = b.rows[:0], b.cells[:0], b.arena[:0]
	send := func() bool {
		if len(b.rows) == 0 {
			return true
		}
		select {
		case full <- b:
		case <-done:
			return false
		}
		select {
		case b = <-free:
		case <-done:
			return false
		}
		b.rows, b.cells, b.arena = b.rows[:0], b.cells[:0], b.arena[:0]
		return true
	}
	rowStart := 0
	for {
		if sr.pick != nil && sr.inRow && !sr.inCell && !sr.general {
			col, typ, val, ok, err := sr.pickedCell()
			if err != nil {
				return err
			}
			if ok {
				if !b.add(col, typ, val, sst) {
					return sr.cellErr(col, sr.Row.Num, val, errNoSharedString)
				}
				continue
			}
		}
		it, err := sr.Next()
		if err != nil {
			return err
		}
		switch it {
		case RowStart:
			rowStart = len(b.cells)
		case CellItem:
			c := &sr.Cell
			if sr.pick != nil && (c.Col >= len(sr.pick) || !sr.pick[c.Col]) {
				continue // read by the general path, which hands every cell over
			}
			if !b.add(c.Col, c.Type, c.Text(), sst) {
				return sr.cellErr(c.Col, c.Row, c.Text(), errNoSharedString)
			}
		case RowEnd:
			if len(b.cells) > rowStart {
				b.rows = append(b.rows, Row{Num: sr.Row.Num, Cells: b.cells[rowStart:len(b.cells):len(b.cells)]})
				if pick != nil && sr.pick == nil {
					sr.pick = pick(&b.rows[len(b.rows)-1])
				}
				if len(b.rows) >= batchRows || len(b.arena) > batchArena-batchArena/8 || len(b.cells) >= cap(b.cells)-64 {
					if !send() {
						return nil
					}
				}
			}
		case RowsEnd, Done:
			send()
			return nil
		}
	}
}
