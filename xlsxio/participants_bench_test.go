package xlsxio

import "testing"

func BenchmarkParticipantRole(b *testing.B) {
	for b.Loop() {
		participantRole("Mã số sổ BHXH (10 chữ số)")
	}
}

func BenchmarkKindMask(b *testing.B) {
	for b.Loop() {
		kindMask("BHXH bắt buộc, BHTN, BHYT")
	}
}
