package main

import (
	"os"

	// The zone data in the binary: reports are stamped in
	// Asia/Ho_Chi_Minh (reportZone) on Windows too, which has no zoneinfo.
	_ "time/tzdata"
)

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
