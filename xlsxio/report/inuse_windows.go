package report

import (
	"errors"
	"syscall"
)

// Windows refuses to replace a file another program holds open with one of
// these (Excel: a sharing violation, sometimes access denied).
const (
	errorAccessDenied     syscall.Errno = 5
	errorSharingViolation syscall.Errno = 32
	errorLockViolation    syscall.Errno = 33
)

func inUse(err error) bool {
	return errors.Is(err, errorSharingViolation) || errors.Is(err, errorLockViolation) || errors.Is(err, errorAccessDenied)
}
