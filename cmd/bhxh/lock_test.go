package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestLockExclusive(t *testing.T) {
	dir := t.TempDir()
	l, err := acquireLock(context.Background(), dir, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join(dir, lockName))
	if !strings.HasPrefix(string(data), fmt.Sprintf("pid %d\nsince ", os.Getpid())) {
		t.Errorf("lock content %q", data)
	}
	_, err = acquireLock(context.Background(), dir, 150*time.Millisecond, nil)
	var lt *errLockTimeout
	if !errors.As(err, &lt) {
		t.Fatalf("second lock: %v, want a timeout", err)
	}
	want := fmt.Sprintf("another bhxh run holds %s (pid %d since ", filepath.Join(dir, lockName), os.Getpid())
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("message %q, want prefix %q", err, want)
	}
	if err := l.release(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, lockName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock left after release: %v", err)
	}
}

func TestLockWaitsForRelease(t *testing.T) {
	dir := t.TempDir()
	l, err := acquireLock(context.Background(), dir, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		l.release()
	}()
	waited := false
	start := time.Now()
	l2, err := acquireLock(context.Background(), dir, 5*time.Second, func(string, lockHolder) { waited = true })
	if err != nil {
		t.Fatal(err)
	}
	defer l2.release()
	if !waited || time.Since(start) < 250*time.Millisecond {
		t.Errorf("waited=%v after %v", waited, time.Since(start))
	}
}

// deadPid returns the pid of a process that has exited and been reaped.
func deadPid(t *testing.T) int {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

func TestLockTakesOverStale(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("pid probing differs on Windows")
	}
	dir := t.TempDir()
	pid := deadPid(t)
	stale := fmt.Sprintf("pid %d\nsince 2025-10-26T06:15:00+07:00\n", pid)
	if err := os.WriteFile(filepath.Join(dir, lockName), []byte(stale), 0o644); err != nil {
		t.Fatal(err)
	}
	// Several runs find the same stale lock at once: exactly one gets it at
	// a time, none removes another's fresh lock.
	var (
		mu      sync.Mutex
		holders int
		maxHeld int
		wg      sync.WaitGroup
	)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			l, err := acquireLock(context.Background(), dir, 10*time.Second, nil)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			holders++
			maxHeld = max(maxHeld, holders)
			mu.Unlock()
			time.Sleep(50 * time.Millisecond)
			mu.Lock()
			holders--
			mu.Unlock()
			l.release()
		}()
	}
	wg.Wait()
	// All four goroutines share this process's pid, so a lock they hold is
	// "alive" for each other: the test shows the stale one was taken over and
	// that they then took turns.
	if maxHeld != 1 {
		t.Errorf("%d held the lock at once", maxHeld)
	}
	if _, err := os.Stat(filepath.Join(dir, lockName)); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("lock left: %v", err)
	}
}

func TestLockUnreadable(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, lockName)
	os.WriteFile(path, nil, 0o644)
	// A fresh empty lock may be a run between creating and writing it: wait.
	if _, err := acquireLock(context.Background(), dir, 50*time.Millisecond, nil); err == nil {
		t.Fatal("took a fresh unreadable lock")
	}
	old := time.Now().Add(-time.Minute)
	os.Chtimes(path, old, old)
	l, err := acquireLock(context.Background(), dir, 50*time.Millisecond, nil)
	if err != nil {
		t.Fatalf("an old unreadable lock is stale: %v", err)
	}
	l.release()
}

func TestLockReleaseKeepsOthers(t *testing.T) {
	dir := t.TempDir()
	l, err := acquireLock(context.Background(), dir, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Someone took the lock over meanwhile: releasing must not remove theirs.
	other := "pid 1\nsince 2025-11-26T06:15:00+07:00\n"
	os.WriteFile(filepath.Join(dir, lockName), []byte(other), 0o644)
	l.release()
	if data, _ := os.ReadFile(filepath.Join(dir, lockName)); string(data) != other {
		t.Errorf("release removed another run's lock")
	}
}

func TestProcessAlive(t *testing.T) {
	if !processAlive(os.Getpid()) {
		t.Error("this process is not alive")
	}
	if runtime.GOOS != "windows" && processAlive(deadPid(t)) {
		t.Error("a reaped process is alive")
	}
}
