//go:build !windows

package report

import (
	"errors"
	"syscall"
)

func inUse(err error) bool { return errors.Is(err, syscall.EBUSY) || errors.Is(err, syscall.ETXTBSY) }
