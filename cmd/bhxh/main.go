// Command bhxh computes social- and health-insurance coverage from the
// workbooks Vietnamese districts and communes exchange.
package main

import "os"

func main() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
