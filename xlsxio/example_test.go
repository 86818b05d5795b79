package xlsxio_test

import (
	"fmt"
	"log"

	"github.com/bhxh/bhxh/xlsxio"
)

// A provincial workbook as districts send it (title rows, a two-row header
// with merged groups, a total row): ReadFile finds the table, maps each
// column to a canonical key and returns the units with whole-people counts
// (the fixture's figures: testdata/fixtures/tinh-mau-2023-11.expected.json).
func ExampleReadFile() {
	t, err := xlsxio.ReadFile("../testdata/fixtures/tinh-mau-2023-11.xlsx", xlsxio.Options{})
	if err != nil {
		log.Fatal(err) // names the file, sheet and cell: "…: T11-2023!H12: "29.O24" is not a whole number of people"
	}
	fmt.Printf("sheet %q, header rows %v, period %s\n", t.Sheet, t.HeaderRows, t.Period)
	for _, c := range t.Columns[1:4] {
		fmt.Printf("column %s %q → %s\n", c.Letter, c.Header, c.Key)
	}
	u := t.Units[0]
	fmt.Printf("%d units; %s: labour force %d, BHXH bắt buộc %d\n", len(t.Units), u.Name, u.Counts["labour_force"], u.Counts["bhxh_mandatory"])
	fmt.Printf("total row %d: %s\n", t.Total.Row, t.Total.Name)
	// Output:
	// sheet "T11-2023", header rows [6 7], period 2023-11
	// column B "Đơn vị" → unit
	// column C "Lực lượng lao động trong độ tuổi" → labour_force
	// column D "Dân số" → population
	// 9 units; Thành phố Bình Lâm: labour force 63427, BHXH bắt buộc 25125
	// total row 18: Toàn tỉnh
}
