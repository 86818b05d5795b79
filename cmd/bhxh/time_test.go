package main

import (
	"testing"
	"time"
)

// Reports are stamped in the reader's zone, with its offset: Vietnam's
// unless TZ names another, from a fixed clock or SOURCE_DATE_EPOCH.
func TestReportTime(t *testing.T) {
	clock := func() time.Time { return time.Date(2026, 11, 30, 4, 42, 50, 123, time.UTC) }
	for _, c := range []struct {
		env  []string
		want string
	}{
		{nil, "2026-11-30T11:42:50+07:00"},
		{[]string{"TZ=UTC"}, "2026-11-30T04:42:50Z"},
		{[]string{"TZ=:Asia/Tokyo"}, "2026-11-30T13:42:50+09:00"},
		{[]string{"TZ=Europe/Paris"}, "2026-11-30T05:42:50+01:00"},
		{[]string{"TZ=No/Such_Zone"}, "2026-11-30T11:42:50+07:00"},
		{[]string{"SOURCE_DATE_EPOCH=1700000000"}, "2023-11-15T05:13:20+07:00"},
		{[]string{"SOURCE_DATE_EPOCH=1700000000", "TZ=UTC"}, "2023-11-14T22:13:20Z"},
	} {
		if got := reportTime(clock, fakeEnv(c.env)).Format(time.RFC3339); got != c.want {
			t.Errorf("%v: %s, want %s", c.env, got, c.want)
		}
	}
}
