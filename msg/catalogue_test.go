package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// maxEnglishOnly is how many product messages are still built in English
// only (fmt.Errorf, errors.New with words in them): it may only go down.
// A new message must be built with this package (Errorf, New, Sprintf) or
// the command's usagef, with its Vietnamese text.
const maxEnglishOnly = 6

// productDirs are the module's folders of product code, from this one.
var productDirs = []string{"../cmd/bhxh", "../coverage", "../targets", "../crosswalk", "../xlsxio"}

var (
	verb  = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[a-zA-Z%]`)
	flag  = regexp.MustCompile(`--?[a-z][a-z0-9-]*`)
	words = regexp.MustCompile(`\pL{3,}`)
)

// hasWords reports whether a format says something in a language: words
// left once its verbs and flag names are taken out (not "%s: %w").
func hasWords(format string) bool {
	return words.MatchString(flag.ReplaceAllString(verb.ReplaceAllString(format, ""), ""))
}

// verbs lists a format's verbs, %% left out, in order.
func verbs(format string) []string {
	var out []string
	for _, v := range verb.FindAllString(format, -1) {
		if v != "%%" {
			out = append(out, v)
		}
	}
	return out
}

type call struct {
	pos    string
	fn     string
	en, vi string
	hasVI  bool
}

// messageCalls lists the calls building a message in the product code:
// English-only ones (fmt.Errorf, errors.New) and bilingual ones (msg.*,
// usagef), with their literal texts.
func messageCalls(t *testing.T) []call {
	t.Helper()
	var out []call
	fset := token.NewFileSet()
	for _, dir := range productDirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() && d.Name() == "testdata" {
				return filepath.SkipDir
			}
			if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return nil
			}
			f, err := parser.ParseFile(fset, path, nil, 0)
			if err != nil {
				return err
			}
			// an Error method's own text counts as a message built
			// there (fmt.Sprintf, fmt.Fprintf): a type with an In(Lang)
			// method gives Error() from it, in English
			var inError bool
			var errorEnd token.Pos
			ast.Inspect(f, func(n ast.Node) bool {
				if fd, ok := n.(*ast.FuncDecl); ok {
					inError = fd.Recv != nil && fd.Name.Name == "Error"
					errorEnd = fd.End()
				}
				ce, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				name := ""
				switch fn := ce.Fun.(type) {
				case *ast.SelectorExpr:
					if x, ok := fn.X.(*ast.Ident); ok {
						name = x.Name + "." + fn.Sel.Name
					}
				case *ast.Ident:
					name = fn.Name
				}
				lit := func(i int) (string, bool) {
					if i >= len(ce.Args) {
						return "", false
					}
					bl, ok := ce.Args[i].(*ast.BasicLit)
					if !ok || bl.Kind != token.STRING {
						return "", false
					}
					s, err := strconv.Unquote(bl.Value)
					return s, err == nil
				}
				c := call{pos: fset.Position(ce.Pos()).String(), fn: name}
				switch name {
				case "fmt.Errorf", "errors.New":
					c.en, _ = lit(0)
				case "fmt.Sprintf", "fmt.Fprintf":
					if !inError || ce.Pos() > errorEnd {
						return true
					}
					c.fn = "fmt.Errorf"
					c.en, _ = lit(0)
					if name == "fmt.Fprintf" {
						c.en, _ = lit(1)
					}
				case "msg.Errorf", "msg.New", "msg.Sprintf", "usagef":
					c.en, _ = lit(0)
					c.vi, c.hasVI = lit(1)
				default:
					return true
				}
				out = append(out, c)
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestEveryMessageHasVietnamese fails when a message is built in English
// only beyond the ones still left (maxEnglishOnly), or a bilingual one
// lacks its Vietnamese text or formats other arguments in it.
func TestEveryMessageHasVietnamese(t *testing.T) {
	calls := messageCalls(t)
	if len(calls) < 100 {
		t.Fatalf("only %d message calls found: is the scan reading the product code?", len(calls))
	}
	var englishOnly []string
	for _, c := range calls {
		switch c.fn {
		case "fmt.Errorf", "errors.New":
			if hasWords(c.en) {
				englishOnly = append(englishOnly, c.pos+": "+c.en)
			}
		default:
			if c.hasVI && hasWords(c.en) && strings.TrimSpace(c.vi) == "" {
				t.Errorf("%s: %s %q has no Vietnamese text", c.pos, c.fn, c.en)
			}
			if c.hasVI && len(verbs(c.en)) != len(verbs(c.vi)) {
				t.Errorf("%s: %s: the texts format different arguments: %q %v, %q %v", c.pos, c.fn, c.en, verbs(c.en), c.vi, verbs(c.vi))
			}
		}
	}
	if len(englishOnly) > maxEnglishOnly {
		t.Errorf("%d messages in English only, at most %d: build new ones with msg.Errorf/New/Sprintf or usagef, with their Vietnamese:\n%s",
			len(englishOnly), maxEnglishOnly, strings.Join(englishOnly, "\n"))
	}
	t.Logf("%d messages still in English only (ceiling %d)", len(englishOnly), maxEnglishOnly)
}

func TestHasWords(t *testing.T) {
	for f, want := range map[string]bool{
		"%s: %w":                   false,
		"%s: --col %q: %w":         false,
		"%s:%d: %v":                false,
		"is not a number":          true,
		"%q không phải là số":      true,
		"--rate %s: want 0 to 100": true,
	} {
		if got := hasWords(f); got != want {
			t.Errorf("hasWords(%q) = %v", f, got)
		}
	}
}
