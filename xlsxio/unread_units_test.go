package xlsxio

import (
	"strings"
	"testing"
)

// TestUnitRowsNeverVanish: each way a row holding a unit's name could be
// lost (the shapes FuzzCSVQuoting found, and their neighbours) is a unit,
// an issue naming the row and the name, or an error; the everyday rows
// that hold a unit's name and are no unit (a title, a note, a
// heading, a signature block) are not warned of.
func TestUnitRowsNeverVanish(t *testing.T) {
	const (
		title  = "BÁO CÁO SỐ NGƯỜI THAM GIA BHXH, BHYT;;;;;\r\nTháng 10 năm 2025;;;;;\r\n"
		header = "STT;Đơn vị;Lực lượng lao động trong độ tuổi;Số người tham gia BHXH bắt buộc;Số người tham gia BHYT;Ghi chú\r\n"
		units  = "1;Xã An Phú;12.345;2.345;9.876;\r\n2;Xã Tân Lập;12.345;2.345;9.876;\r\n"
		total  = ";Tổng cộng;24.690;4.690;19.752;\r\n"
		footer = "Người lập biểu;;;;;\r\n"
	)
	for _, tc := range []struct {
		name  string
		text  string
		units int    // units read (when no error)
		err   string // the error holds these words; "" for none
		code  string // an issue of this code names want; "" for no unit_row_not_read at all
		want  string // words of that issue's message
	}{
		{
			// the fuzz input fbf23edf9f10ff0f: "STT;" cut from the
			// header, "Đơn vị" over the row numbers, the names under "Lực"
			name: "header cut by line breaks",
			text: title + "STT;\r\nĐơn vị;Lực \r\n;;lượng lao động trong độ tuổi;Số người tham gia BHXH bắt buộc;Số người tham gia BHYT;Ghi chú\r\n" + units + total + footer,
			err:  `row 6: the unit column A "Đơn vị" holds "1", no name, while B6 in column B "Lực" holds the unit name "Xã An Phú"`,
		},
		{
			name:  "a name beside a blank unit cell, with figures",
			text:  title + header + units + "Xã Ea Kar;;12.345;2.345;9.876;\r\n" + total + footer,
			units: 2, code: "unnamed_row", want: "Xã Ea Kar",
		},
		{
			name:  "a name in the row-number column, no figures",
			text:  title + header + units + "Xã Ea Kar;;;;;\r\n" + total + footer,
			units: 2, code: warnUnitRowNotRead, want: `row 6 holds the unit name "Xã Ea Kar" (A6) but is not read as a unit: its unit cell B6 is blank`,
		},
		{
			name:  "a name right of the header's last column",
			text:  title + header + units + "3;;;;;;;Xã Ea Kar\r\n" + total + footer,
			units: 2, code: warnUnitRowNotRead, want: `"Xã Ea Kar" (H6) but is not read as a unit: H6 is right of the header's last column`,
		},
		{
			name:  "a unit row below the footer",
			text:  title + header + units + total + footer + "3;Xã Ea Kar;12.345;2.345;9.876;\r\n",
			units: 2, code: warnUnitRowNotRead, want: `row 8 holds the unit name "Xã Ea Kar" (B8) but is not read as a unit: the table ends on row 7`,
		},
		{
			name:  "a unit row above the header",
			text:  title + "0;Xã Ea Kar;12.345;2.345;9.876;\r\n" + header + units + total + footer,
			units: 2, code: warnUnitRowNotRead, want: `row 3 holds the unit name "Xã Ea Kar" (B3) but is not read as a unit: it is above the header`,
		},
		{
			// a header typed with Alt+Enter: rows and lines differ below it
			name:  "rows and lines differ below a quoted line break",
			text:  title + "STT;\"Đơn vị\n(xã, phường)\";Lực lượng lao động trong độ tuổi;Số người tham gia BHXH bắt buộc;Số người tham gia BHYT;Ghi chú\r\n" + units + "Xã Ea Kar;;;;;\r\n" + total + footer,
			units: 2, code: warnUnitRowNotRead, want: `row 6 (line 7) holds the unit name "Xã Ea Kar"`,
		},
		{
			name:  "a list-marked name is the unit's",
			text:  title + header + "1;- Xã An Phú;12.345;2.345;9.876;\r\n2;+ Xã Tân Lập;12.345;2.345;9.876;\r\n" + total + footer,
			units: 2,
		},
		{
			name:  "names in the notes column beside the units",
			text:  title + header + "1;Xã An Phú;12.345;2.345;9.876;Huyện Đông Sơn\r\n2;Xã Tân Lập;12.345;2.345;9.876;Xã Tân Lập cũ\r\n" + total + footer,
			units: 2,
		},
		{
			name:  "a title, a heading row and a signature block naming units",
			text:  "Huyện Đông Sơn;;;;;\r\n" + header + "I;Huyện Đông Sơn;;;;\r\n" + units + total + footer + "Nơi nhận:;;;;;\r\n- Xã An Phú;;;;;\r\n",
			units: 2,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab, err := readData([]byte(tc.text), "t.csv", Options{})
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want one holding %s", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(tab.Units) != tc.units {
				t.Errorf("units %v, want %d", unitNames(tab), tc.units)
			}
			found := false
			for _, is := range tab.Issues {
				if is.Code == warnUnitRowNotRead && tc.code != warnUnitRowNotRead {
					t.Errorf("unexpected %s: %s", is.Code, is.Message)
				}
				found = found || is.Code == tc.code && strings.Contains(is.Message.EN, tc.want)
			}
			if tc.code != "" && !found {
				t.Errorf("no %s issue holding %s: %+v", tc.code, tc.want, tab.Issues)
			}
		})
	}
}
