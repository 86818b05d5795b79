package main

import (
	"cmp"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"golang.org/x/text/unicode/norm"

	"github.com/bhxh/bhxh/msg"
)

// inputExts are the files a folder argument contributes.
var inputExts = map[string]bool{".xlsx": true, ".xls": true, ".ods": true, ".csv": true}

// expandInputs turns the arguments of every command that reads workbooks or
// lists (compute, trend, allocate, count, inspect) into the files to read,
// in order: a folder gives its .xlsx/.xls/.ods/.csv files (not recursive, sorted
// by name); a glob (expanded here too, since Windows shells don't) gives its
// matches. Excel's "~$" owner files, hidden files and our own temp files
// are skipped in both; a file named as it is is read whatever its name. A
// file named twice is read once.
//
// An empty folder and a glob matching nothing exit 1 like a missing file
// (the inputs are not there: a data problem, not a wrong command line); a
// malformed glob is a usage error.
func expandInputs(args []string) ([]string, error) { return expandFiles(args, false) }

// expandLists is expandInputs for count's participant lists: a folder also
// gives its gzipped CSV lists (.csv.gz), as a national extract comes split
// in several.
func expandLists(args []string) ([]string, error) { return expandFiles(args, true) }

// isInputName: a folder contributes the file of this name (gz: .csv.gz
// too).
func isInputName(name string, gz bool) bool {
	low := strings.ToLower(name)
	return inputExts[filepath.Ext(low)] || gz && strings.HasSuffix(low, ".csv.gz")
}

func expandFiles(args []string, gz bool) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	add := func(p string) {
		key := p
		if abs, err := filepath.Abs(p); err == nil {
			key = abs
		}
		if !seen[key] {
			seen[key] = true
			out = append(out, p)
		}
	}
	for _, arg := range args {
		st, err := os.Stat(arg)
		switch {
		case err == nil && st.IsDir():
			entries, err := os.ReadDir(arg)
			if err != nil {
				return nil, err
			}
			var names []string
			for _, e := range entries {
				if e.IsDir() || skipInputName(e.Name()) || !isInputName(e.Name(), gz) {
					continue
				}
				names = append(names, e.Name())
			}
			if len(names) == 0 {
				return nil, msg.Errorf("%s: the folder holds no .xlsx, .xls, .ods or .csv file", "%s: thư mục không có tệp .xlsx, .xls, .ods hay .csv nào", arg)
			}
			sort.Strings(names)
			for _, n := range names {
				add(filepath.Join(arg, n))
			}
		case err == nil:
			add(arg)
		case strings.ContainsAny(arg, "*?["):
			matches, gerr := filepath.Glob(arg)
			if gerr != nil {
				return nil, usagef("%s: %v", "%s: %v", arg, gerr)
			}
			n := 0
			for _, m := range matches {
				if skipInputName(filepath.Base(m)) {
					continue
				}
				if st, err := os.Stat(m); err != nil || st.IsDir() {
					continue
				}
				add(m)
				n++
			}
			if n == 0 {
				return nil, msg.Errorf("%s: no file matches", "%s: không có tệp nào khớp", arg)
			}
		default:
			// A missing file: the reader names it in its error. A name
			// typed in NFC for a file saved in NFD (macOS), or the other
			// way round, is the same name.
			add(sameNameNormalised(arg))
		}
	}
	return out, nil
}

// skipInputName is true for names a folder or glob never contributes:
// Excel's owner files ("~$Huyện A.xlsx"), hidden files, our temp files.
func skipInputName(name string) bool {
	return strings.HasPrefix(name, "~$") || strings.HasPrefix(name, ".")
}

// expandOneInput expands the argument of a command that reads one file
// (allocate's baseline): a folder or glob must give exactly one.
func expandOneInput(arg string) (string, error) {
	files, err := expandInputs([]string{arg})
	if err != nil {
		return "", err
	}
	if len(files) != 1 {
		return "", usagef("%s gives %d files (%s, …): give one", "%s cho ra %d tệp (%s, …): chỉ cho một tệp", arg, len(files), files[0])
	}
	return files[0], nil
}

// sameNameNormalised is path, or the entry of its folder whose name is
// equal to path's under Unicode NFC ("Huyện" typed precomposed, saved
// decomposed by macOS), when path itself does not exist.
func sameNameNormalised(path string) string {
	if _, err := os.Lstat(path); err == nil {
		return path
	}
	dir, base := filepath.Split(path)
	want := norm.NFC.String(base)
	entries, err := os.ReadDir(cmp.Or(dir, "."))
	if err != nil {
		return path
	}
	for _, e := range entries {
		if e.Name() != base && norm.NFC.String(e.Name()) == want {
			return filepath.Join(dir, e.Name())
		}
	}
	return path
}

// markInputFiles marks cmd's flags that name a file bhxh reads (--targets,
// --prior, --units, --columns…), for normaliseInputFlags.
func markInputFiles(cmd *cobra.Command, names ...string) {
	for _, n := range names {
		if err := cobra.MarkFlagFilename(cmd.Flags(), n); err != nil {
			panic(err) // a flag not bound: a programming error
		}
	}
}

// normaliseInputFlags gives every input-file flag set on cmd's command line
// the name of the file in its folder that is the same under NFC
// (sameNameNormalised), as the input arguments get: the root command runs
// it before any command's work.
func normaliseInputFlags(cmd *cobra.Command) error {
	var err error
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if _, ok := f.Annotations[cobra.BashCompFilenameExt]; !ok || err != nil {
			return
		}
		if p := f.Value.String(); p != "" {
			if n := sameNameNormalised(p); n != p {
				err = f.Value.Set(n)
			}
		}
	})
	return err
}
