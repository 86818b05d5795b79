// Package targets says what each unit should reach: built-in national
// roadmaps (presets), --target flags and targets files (including the output
// of `bhxh allocate`), and which of them applies to which unit.
//
// targets never computes coverage (that is package coverage) and parses no
// workbook itself: ReadFile hands a targets file to xlsxio's reader, the
// same one unit workbooks go through, and works on the units it returns.
package targets
