// Package vntext handles Vietnamese text as workbooks carry it: Unicode
// normal forms (NFC), folding for comparison (Fold: case, diacritics and
// punctuation dropped), and the legacy 8-bit font encodings still found in
// old templates (TCVN3 ".VnTime", VNI "VNI-Times"), decoded by font name or
// recognised by their look.
//
// It works on strings only: it never reads a file and never decides what a
// text means (a header, a unit name, a total row).
package vntext
