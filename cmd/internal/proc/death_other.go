//go:build !linux

package proc

import "syscall"

// deathSignal is nil where Supervise does not run.
func deathSignal() *syscall.SysProcAttr { return nil }
