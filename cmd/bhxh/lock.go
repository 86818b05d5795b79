package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/bhxh/bhxh/msg"
)

// lockName is the lock file a batch run holds in its output folder, so that
// two overlapping runs (cron firing while an analyst runs the same job by
// hand) never interleave their reports or remove each other's temp files.
const lockName = ".bhxh.lock"

// lockPoll is how often a waiting run looks at the lock again.
const lockPoll = 100 * time.Millisecond

// dirLock is a held lock file.
type dirLock struct {
	path    string
	content string
}

// lockHolder is what a lock file says about the run holding it.
type lockHolder struct {
	pid   int
	since string
}

func (h lockHolder) String() string {
	if h.pid == 0 {
		return "unknown pid"
	}
	if h.since == "" {
		return fmt.Sprintf("pid %d", h.pid)
	}
	return fmt.Sprintf("pid %d since %s", h.pid, h.since)
}

// errLockTimeout is returned when another run still holds the lock after
// the timeout; its message names the lock file and the holder.
type errLockTimeout struct {
	path   string
	holder lockHolder
}

func (e *errLockTimeout) Error() string { return e.In(msg.EN) }

func (e *errLockTimeout) In(l msg.Lang) string {
	return msg.Sprintf("another bhxh run holds %s (%s); try again later, or give a longer --lock-timeout",
		"một lần chạy bhxh khác đang giữ %s (%s); hãy thử lại sau, hoặc cho --lock-timeout dài hơn", e.path, e.holder).In(l)
}

// acquireLock takes dir/.bhxh.lock. The file is created with O_EXCL and
// holds our pid and the start time. A lock whose pid is no longer running
// (a run killed with SIGKILL, a reboot) is taken over. Otherwise it polls
// until timeout; waiting (if not nil) is called once when it starts to wait.
func acquireLock(ctx context.Context, dir string, timeout time.Duration, waiting func(path string, h lockHolder)) (*dirLock, error) {
	path := filepath.Join(dir, lockName)
	content := fmt.Sprintf("pid %d\nsince %s\n", os.Getpid(), time.Now().Format(time.RFC3339))
	deadline := time.Now().Add(timeout)
	announced := false
	for {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			_, werr := f.WriteString(content)
			cerr := f.Close()
			if werr == nil {
				werr = cerr
			}
			if werr != nil {
				os.Remove(path)
				return nil, werr
			}
			return &dirLock{path: path, content: content}, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, err
		}
		holder, stale := inspectLock(path)
		if stale {
			if err := takeOverLock(path); err != nil {
				return nil, err
			}
			continue
		}
		if !time.Now().Before(deadline) {
			return nil, &errLockTimeout{path: path, holder: holder}
		}
		if !announced && waiting != nil {
			waiting(path, holder)
			announced = true
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(lockPoll):
		}
	}
}

// inspectLock reads a lock file: who holds it, and whether that holder is
// gone. A lock that cannot be parsed is stale once it is a few seconds old
// (a run killed between creating and writing it).
func inspectLock(path string) (lockHolder, bool) {
	data, err := os.ReadFile(path)
	if err != nil {
		// Removed meanwhile: not stale, just try again.
		return lockHolder{}, false
	}
	h := parseLock(string(data))
	if h.pid <= 0 {
		st, err := os.Stat(path)
		return h, err == nil && time.Since(st.ModTime()) > 5*time.Second
	}
	return h, !processAlive(h.pid)
}

func parseLock(s string) lockHolder {
	var h lockHolder
	for _, line := range strings.Split(s, "\n") {
		k, v, _ := strings.Cut(strings.TrimSpace(line), " ")
		switch k {
		case "pid":
			h.pid, _ = strconv.Atoi(strings.TrimSpace(v))
		case "since":
			h.since = strings.TrimSpace(v)
		}
	}
	return h
}

// takeOverLock removes a stale lock. Two runs may find the same stale lock;
// a short-lived guard file makes sure only one removes it, so neither
// removes the fresh lock the other has just created.
func takeOverLock(path string) error {
	guard := path + ".takeover"
	g, err := os.OpenFile(guard, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		if !errors.Is(err, os.ErrExist) {
			return err
		}
		// Someone else is taking over; a guard left by a killed run is
		// removed once it is old.
		if st, err := os.Stat(guard); err == nil && time.Since(st.ModTime()) > 10*time.Second {
			os.Remove(guard)
		}
		time.Sleep(lockPoll / 2)
		return nil
	}
	g.Close()
	defer os.Remove(guard)
	if _, stale := inspectLock(path); stale {
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
	}
	return nil
}

// release removes the lock if it is still ours.
func (l *dirLock) release() error {
	if l == nil {
		return nil
	}
	data, err := os.ReadFile(l.path)
	if err != nil || string(data) != l.content {
		return nil
	}
	return os.Remove(l.path)
}

// processAlive reports whether pid names a running process. On Unix a
// signal 0 probes it (EPERM means it exists but is someone else's); on
// Windows FindProcess opens the process and fails when there is none.
func processAlive(pid int) bool {
	if pid == os.Getpid() {
		return true
	}
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	if runtime.GOOS == "windows" {
		p.Release()
		return true
	}
	err = p.Signal(syscall.Signal(0))
	return err == nil || errors.Is(err, syscall.EPERM)
}
