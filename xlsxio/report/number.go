package report

import (
	"strings"

	"github.com/bhxh/bhxh/msg"
)

// Numbers reach the writers canonical ("-1234.50": '.' as the decimal
// point, no grouping) and are shown in the reader's language here.

// localNumber renders a canonical number in lang's style: "-1.234,50" in
// Vietnamese, "-1,234.50" in English; "" stays "".
func localNumber(s, lang string) string {
	if s == "" {
		return ""
	}
	if lang == "en" {
		return formatEN(s)
	}
	return formatVI(s)
}

// localPoint renders a canonical number with lang's decimal mark and no
// grouping ("24,79" in Vietnamese): the trend table's rates and changes.
func localPoint(s, lang string) string {
	if lang == "en" {
		return s
	}
	return strings.Replace(s, ".", ",", 1)
}

// formatVI renders a decimal string the Vietnamese way: '.' groups
// thousands and ',' is the decimal mark ("1.234,50").
func formatVI(s string) string { return msg.Grouped(s, '.', ',') }

// formatEN renders a decimal string the English way: ',' groups thousands
// and '.' is the decimal mark ("1,234.50").
func formatEN(s string) string { return msg.Grouped(s, ',', '.') }
