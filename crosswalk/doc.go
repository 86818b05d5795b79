// Package crosswalk moves figures of units across the 1 July 2025
// reorganisation (10,035 communes into 3,321, 63 provinces into 34) with the
// statistics office's official conversion table, built in (DefaultName,
// "vn-2025") or a user's own file of the same columns.
//
// It does no I/O but reading its embedded table: callers read workbooks
// (xlsxio) and files and hand the bytes and units in. It never guesses: an
// old unit divided between new units needs shares, an old unit given twice
// or a new unit missing some of its old units is an error naming them.
//
// Where things are:
//
//	table.go    Table, Row, OldUnit, NewUnit; Parse (a crosswalk CSV, checked)
//	builtin.go  the embedded tables (data/, the CSV gzipped byte for byte,
//	            with its README) and their sha256, source and date
//	resolve.go  Resolve: a workbook row → its old unit (code, else name within
//	            the old district of its column or its title: ScopeOf)
//	shares.go   ParseShares (old_code,new_code,share), checked against a table
//	convert.go  Convert: whole rows move every count, area rows none, part
//	            rows by shares in whole people (coverage.SplitWhole)
package crosswalk
