//go:build !windows

package report

import "syscall"

// errBusy is the error a refused rename carries in TestWriteFileAtomicInUse:
// on Unix a rename is refused as busy only over a busy mount point, but the
// test takes the same path as Windows' sharing violation.
const errBusy = syscall.EBUSY
