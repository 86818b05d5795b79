// Command floorscan is the floor of `make bench`: the least work any reader
// of a sheet must do after inflating it. It counts "<row" in its standard
// input (fed by `unzip -p`) and prints the count.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

func main() {
	tok := []byte("<row")
	buf := make([]byte, 1<<20)
	carry := 0
	n := 0
	for {
		m, err := os.Stdin.Read(buf[carry:])
		data := buf[:carry+m]
		n += bytes.Count(data, tok)
		// keep the last len(tok)-1 bytes: a token may straddle two reads
		carry = min(len(tok)-1, len(data))
		if i := bytes.LastIndexByte(data[len(data)-carry:], '<'); i >= 0 {
			copy(buf, data[len(data)-carry+i:])
			carry -= i
		} else {
			carry = 0
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
	}
	fmt.Println(n)
}
