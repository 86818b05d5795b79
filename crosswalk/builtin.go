package crosswalk

import (
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"sort"
	"sync"

	"github.com/bhxh/bhxh/msg"
)

// The built-in tables: the files under data/ are the statistics office's
// tables exactly as ../shared/data/crosswalk holds them (the CSV gzipped,
// never edited; its README beside it). A later reorganisation adds an entry
// here under a new name; old names keep their table.

//go:embed data/vn-2025-07-01.csv.gz data/vn-2025-07-01.README.md
var data embed.FS

// DefaultName is the table used when none is named.
const DefaultName = "vn-2025"

type builtin struct {
	file      string // under data/, gzipped
	readme    string
	sha256    string // of the CSV after gunzip: the table's identity
	effective string
	source    string
}

var builtins = map[string]builtin{
	"vn-2025": {
		file:      "data/vn-2025-07-01.csv.gz",
		readme:    "data/vn-2025-07-01.README.md",
		sha256:    "6459a531f82812c15c2de9a85902e4fb22b3354f811c69f0f5b28fab1884c711",
		effective: "2025-07-01",
		source: "Cục Thống kê, bảng chuyển đổi đơn vị hành chính (BangChuyendoiĐVHCmoi_cu_final.xlsx, " +
			"sheet \"Tổng hợp_không merge\") theo các Nghị quyết 1654–1687/NQ-UBTVQH15 (16/6/2025) và " +
			"Quyết định 19/2025/QĐ-TTg (30/6/2025), với 4 đính chính; hiệu lực 01/7/2025",
	},
}

var (
	loadOnce = map[string]*sync.Once{}
	loaded   = map[string]*Table{}
	loadErr  = map[string]error{}
)

func init() {
	for name := range builtins {
		loadOnce[name] = new(sync.Once)
	}
}

// Names lists the built-in tables.
func Names() []string {
	var out []string
	for n := range builtins {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Builtin returns the built-in table called name, parsed and checked once.
// It fails only if the embedded file is not the table it was recorded as.
func Builtin(name string) (*Table, error) {
	b, ok := builtins[name]
	if !ok {
		return nil, msg.Errorf("no built-in crosswalk %q (built in: %v)", "không có bảng chuyển đổi có sẵn %q (có sẵn: %v)", name, Names())
	}
	loadOnce[name].Do(func() {
		csv, err := builtinCSV(b)
		if err != nil {
			loadErr[name] = err
			return
		}
		t, err := Parse(csv, name)
		if err != nil {
			loadErr[name] = err
			return
		}
		if t.SHA256 != b.sha256 {
			loadErr[name] = fmt.Errorf("built-in crosswalk %s: sha256 %s, recorded %s", name, t.SHA256, b.sha256)
			return
		}
		t.Name, t.Effective, t.Source = name, b.effective, b.source
		loaded[name] = t
	})
	return loaded[name], loadErr[name]
}

func builtinCSV(b builtin) ([]byte, error) {
	gz, err := data.ReadFile(b.file)
	if err != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// Readme returns the README shipped with the built-in table called name.
func Readme(name string) (string, error) {
	b, ok := builtins[name]
	if !ok {
		return "", msg.Errorf("no built-in crosswalk %q", "không có bảng chuyển đổi có sẵn %q", name)
	}
	s, err := data.ReadFile(b.readme)
	return string(s), err
}
