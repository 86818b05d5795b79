package xlsxio

import (
	"fmt"
	"github.com/bhxh/bhxh/xlsxio/vntext"
	"path/filepath"
	"strconv"
	"strings"
)

// PeriodFromFileName reads the report month from a file name, for
// workbooks whose title does not say it: "bao-cao-2023-11.xlsx",
// "2023_11.xlsx", "202311.xlsx", "thang-11-2023.xlsx", "Tháng 11 năm
// 2023.xlsx", "T11-2023.xlsx", "BC 30.11.2023.xlsx". ok is false when the
// name holds no month, or two different ones.
func PeriodFromFileName(name string) (period string, ok bool) {
	base := filepath.Base(name)
	return periodFromName(strings.TrimSuffix(base, filepath.Ext(base)))
}

// periodFromName reads the month from a name as PeriodFromFileName does,
// with no extension to drop: a sheet's name ("T11-2023", "TH 11.2025").
func periodFromName(base string) (period string, ok bool) {
	toks := strings.Fields(vntext.Fold(base))
	found := ""
	add := func(y, m int) bool {
		if y < 1990 || y > 2100 || m < 1 || m > 12 {
			return false
		}
		p := fmt.Sprintf("%04d-%02d", y, m)
		if found != "" && found != p {
			found = "ambiguous"
		} else if found == "" {
			found = p
		}
		return true
	}
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		next := func(k int) string {
			if i+k < len(toks) {
				return toks[i+k]
			}
			return ""
		}
		// "thang 11 nam 2023", "thang 11 2023", "t 11 2023", "t11 2023", "thang11 2023"
		if m, ok := monthWord(tok); ok {
			k := 1
			if next(k) == "nam" {
				k++
			}
			if y, ok := yearTok(next(k)); ok && add(y, m) {
				i += k
			}
			continue
		}
		if tok == "thang" || tok == "t" {
			if m, ok := monthTok(next(1)); ok {
				k := 2
				if next(k) == "nam" {
					k++
				}
				if y, ok := yearTok(next(k)); ok && add(y, m) {
					i += k
				}
			}
			continue
		}
		// "2023 11" (from 2023-11, 2023_11, 2023.11, 2023-11-30)
		if y, ok := yearTok(tok); ok {
			if m, ok := monthTok(next(1)); ok && add(y, m) {
				i++
			}
			continue
		}
		// "11 2023" (from 11-2023, 30.11.2023)
		if m, ok := monthTok(tok); ok {
			if y, ok := yearTok(next(1)); ok && add(y, m) {
				i++
			}
			continue
		}
		// "202311"
		if len(tok) == 6 && isDigits(tok) {
			y, _ := strconv.Atoi(tok[:4])
			m, _ := strconv.Atoi(tok[4:])
			add(y, m)
		}
	}
	if found == "" || found == "ambiguous" {
		return "", false
	}
	return found, true
}

// monthWord reads "t11" or "thang11".
func monthWord(tok string) (int, bool) {
	for _, p := range []string{"thang", "t"} {
		if rest, ok := strings.CutPrefix(tok, p); ok && rest != "" {
			return monthTok(rest)
		}
	}
	return 0, false
}

func monthTok(s string) (int, bool) {
	if len(s) < 1 || len(s) > 2 || !isDigits(s) {
		return 0, false
	}
	m, _ := strconv.Atoi(s)
	return m, m >= 1 && m <= 12
}

func yearTok(s string) (int, bool) {
	if len(s) != 4 || !isDigits(s) {
		return 0, false
	}
	y, _ := strconv.Atoi(s)
	return y, y >= 1990 && y <= 2100
}
