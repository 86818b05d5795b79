package xlsxio

import (
	"bytes"
	"strconv"
	"testing"
)

func TestPersonNumber(t *testing.T) {
	for _, tc := range []struct {
		id   string
		want uint64
		ok   bool
	}{
		{"0000000000", 0, true},
		{"0000000001", 1, true},
		{"1000000000", 1000000000, true},
		{"3200020264", 3200020264, true},
		{"9999999999", 9999999999, true},
		{"0123456789", 123456789, true},
		{"9876543210", 9876543210, true},
		{"12345678", 0, false},    // short
		{"12345678901", 0, false}, // long
		{"", 0, false},
		{"12345/7890", 0, false}, // '/' is '0'-1
		{"1234567:90", 0, false}, // ':' is '9'+1
		{"123456789:", 0, false}, // in the last two
		{"12345678/0", 0, false},
		{"?234567890", 0, false}, // 0x3F: high nibble 3, not a digit
		{"1234567 90", 0, false},
		{"123456789\x00", 0, false},
		{"1234567\xB990", 0, false},
		{"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 0, false},
		{"１23456789", 0, false}, // a full-width digit: more bytes
		{"12345678a0", 0, false},
		{"a234567890", 0, false},
	} {
		got, ok := personNumber([]byte(tc.id))
		if got != tc.want || ok != tc.ok {
			t.Errorf("personNumber(%q) = %d, %v, want %d, %v", tc.id, got, ok, tc.want, tc.ok)
		}
	}
}

// personNumber agrees with a digit-at-a-time reading on every 10-byte text
// differing from a valid id in one byte.
func TestPersonNumberEveryByte(t *testing.T) {
	base := []byte("4817350926")
	for pos := range base {
		for c := range 256 {
			id := bytes.Clone(base)
			id[pos] = byte(c)
			want, err := strconv.ParseUint(string(id), 10, 64)
			wantOK := err == nil && id[0] != '+' && id[0] != '-'
			got, ok := personNumber(id)
			if ok != wantOK || ok && got != want {
				t.Fatalf("personNumber(%q) = %d, %v, want %d, %v", id, got, ok, want, wantOK)
			}
		}
	}
}

func TestVisibleEnds(t *testing.T) {
	for _, tc := range []struct {
		cell string
		want bool
	}{
		{"", false},
		{"a", true},
		{"!", true},
		{"~", true},
		{"\x7f", true}, // DEL: TrimSpace keeps it
		{" a", false},
		{"a ", false},
		{"\ta", false},
		{"a\r", false},
		{"Phường 1", true},
		{"Đội 1", false}, // a non-ASCII start: TrimSpace decides
		{"BHXH bắt buộc", true},
		{"Xã Yên Hoà", false}, // a non-ASCII end
		{"\u00a0x", false},
	} {
		if got := visibleEnds([]byte(tc.cell)); got != tc.want {
			t.Errorf("visibleEnds(%q) = %v, want %v", tc.cell, got, tc.want)
		}
		// where it says so, TrimSpace changes nothing
		if visibleEnds([]byte(tc.cell)) && string(bytes.TrimSpace([]byte(tc.cell))) != tc.cell {
			t.Errorf("visibleEnds(%q) but TrimSpace trims it", tc.cell)
		}
	}
}
