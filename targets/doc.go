// Package targets says what each unit should reach: built-in national
// roadmaps (presets), --target flags and targets files (including the output
// of `bhxh allocate`), and which of them applies to which unit.
//
// targets never computes coverage (that is package coverage) and reads no
// workbook itself: the reader turns a targets file into coverage.Units.
package targets
