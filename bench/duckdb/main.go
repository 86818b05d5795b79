// Command duckdb-count is the count job as a DuckDB user would write it:
// one SQL query over the CSV lists, through DuckDB's Go bindings (cgo). It
// lives in a module of its own so that the product stays pure Go and CI
// never builds it; make bench does.
//
//	duckdb-count OUT.tsv LIST.csv…
//	duckdb-count -version
//
// It writes one line per unit and scheme: code, scheme, persons (sorted),
// like the other peers. Persons are distinct (id, scheme) pairs per unit:
// bhxh counts a repeat where it was first seen, which is the same figure
// when a repeat keeps its unit (as in the generated lists).
package main

import (
	"bufio"
	"database/sql"
	"fmt"
	"log"
	"os"
	"strings"

	_ "github.com/duckdb/duckdb-go/v2"
)

// The query as a DuckDB user writes it for these lists: the kind labels
// mapped by a CASE (cheaper than folding every row's text), persons as
// distinct ids per unit and scheme.
const query = `
SELECT "Mã xã" AS code,
       CASE "Loại hình" WHEN 'BHXH bắt buộc' THEN 'bhxh_mandatory' WHEN 'BHXH tự nguyện' THEN 'bhxh_voluntary'
                        WHEN 'BHTN' THEN 'bhtn' WHEN 'BHYT' THEN 'bhyt' END AS scheme,
       count(DISTINCT "Mã số BHXH") AS persons
FROM read_csv(%s, header = true, all_varchar = true)
GROUP BY ALL
ORDER BY ALL`

func main() {
	if len(os.Args) == 2 && os.Args[1] == "-version" {
		db, err := sql.Open("duckdb", "")
		if err != nil {
			log.Fatal(err)
		}
		var v string
		if err := db.QueryRow("SELECT version()").Scan(&v); err != nil {
			log.Fatal(err)
		}
		fmt.Println(v)
		return
	}
	if len(os.Args) < 3 {
		log.Fatal("usage: duckdb-count OUT.tsv LIST.csv… | duckdb-count -version")
	}
	files := make([]string, len(os.Args)-2)
	for i, f := range os.Args[2:] {
		files[i] = "'" + strings.ReplaceAll(f, "'", "''") + "'"
	}
	db, err := sql.Open("duckdb", "")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(strings.Replace(query, "%s", "["+strings.Join(files, ", ")+"]", 1))
	if err != nil {
		log.Fatal(err)
	}
	defer rows.Close()
	out, err := os.Create(os.Args[1])
	if err != nil {
		log.Fatal(err)
	}
	w := bufio.NewWriter(out)
	for rows.Next() {
		var code, scheme string
		var n int64
		if err := rows.Scan(&code, &scheme, &n); err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(w, "%s\t%s\t%d\n", code, scheme, n)
	}
	if err := rows.Err(); err != nil {
		log.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		log.Fatal(err)
	}
	if err := out.Close(); err != nil {
		log.Fatal(err)
	}
}
