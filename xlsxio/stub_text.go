package xlsxio

// Stubs of the text layer still being written (headers, labels, period,
// legacy fonts); text.go and number.go are done.

// DecodeLegacy converts text typed in a legacy Vietnamese font (TCVN3
// ".VnTime", VNI "VNI-Times") to Unicode; other fonts return s unchanged.
func DecodeLegacy(s, font string) string { return s }

// LooksLikeTCVN3 guesses whether s is TCVN3 text shown as Latin-1.
func LooksLikeTCVN3(s string) bool { return false }
