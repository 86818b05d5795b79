package xlsxio

// Stubs of the text layer still being written (headers, labels, period,
// legacy fonts); text.go and number.go are done.

// DecodeLegacy converts text typed in a legacy Vietnamese font (TCVN3
// ".VnTime", VNI "VNI-Times") to Unicode; other fonts return s unchanged.
func DecodeLegacy(s, font string) string { return s }

// LooksLikeTCVN3 guesses whether s is TCVN3 text shown as Latin-1.
func LooksLikeTCVN3(s string) bool { return false }

// MatchHeader maps a header (and the merged group cell above it) to a
// canonical key; key is "" when not recognised, why says how or why not.
func MatchHeader(group, header string) (key, why string) { return "", "" }

// UnitNameKey normalises a unit name for matching across files.
func UnitNameKey(name string) string { return name }

// IsTotalLabel: "Tổng cộng", "Toàn tỉnh", "Toàn thành phố", "Tổng số"…
func IsTotalLabel(s string) bool { return false }

// IsSubtotalLabel: "Cộng", "Cộng khu vực…".
func IsSubtotalLabel(s string) bool { return false }

// IsFooterLabel: "Người lập biểu", "Ghi chú:", "Thủ trưởng đơn vị"…
func IsFooterLabel(s string) bool { return false }

// IsSectionLabel: "I. Khu vực phường", "I", "II", "A"…
func IsSectionLabel(s string) bool { return false }

// IsNumberingRow: a row of column numbers "(1)", "(2)"… or "A", "B", "1", "2"….
func IsNumberingRow(cells []string) bool { return false }

// ParsePeriod reads "YYYY-MM" from a title ("Tháng 11 năm 2023",
// "Tính đến ngày 31/5/2020").
func ParsePeriod(title string) (string, bool) { return "", false }
