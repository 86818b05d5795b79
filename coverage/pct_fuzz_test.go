package coverage

import (
	"math/big"
	"testing"

	"github.com/shopspring/decimal"
)

// FuzzRoundRatIntMatchesBig checks the machine-integer rounding of rates
// against the math/big one, and Format (and AppendFormat, after what is
// already in the buffer) against decimal's StringFixed, for any fraction
// and places.
func FuzzRoundRatIntMatchesBig(f *testing.F) {
	f.Add(int64(1), int64(3), uint8(2))
	f.Add(int64(-5), int64(1000), uint8(2))
	f.Add(int64(-1), int64(300), uint8(2)) // rounds to 0: never "-0.00"
	f.Add(int64(9223372036854775807), int64(3), uint8(18))
	f.Fuzz(func(t *testing.T, num, den int64, places uint8) {
		if den == 0 {
			return
		}
		r := big.NewRat(num, den)
		p := int(places % 20)
		want := roundRatBig(r, p)
		if q, ok := roundRatInt(r, p); ok {
			if got := decimal.New(q, -int32(p)); !got.Equal(want) {
				t.Fatalf("%s to %d places: integer path %s, big path %s", r.RatString(), p, got, want)
			}
		}
		pct := Pct{r}
		if got, want := pct.Format(p), want.StringFixed(int32(p)); got != want {
			t.Fatalf("%s to %d places: Format %q, StringFixed %q", r.RatString(), p, got, want)
		}
		if got, want := string(pct.AppendFormat([]byte(`"`), p)), `"`+want.StringFixed(int32(p)); got != want {
			t.Fatalf("%s to %d places: AppendFormat %q, want %q", r.RatString(), p, got, want)
		}
	})
}
