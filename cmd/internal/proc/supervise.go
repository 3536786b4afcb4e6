package proc

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"
)

// Exit statuses of govsim.
const (
	OK          = 0
	Failure     = 1   // a runtime or I/O failure
	BadInput    = 2   // bad input or a refused output directory
	Interrupted = 130 // stopped by SIGINT or SIGTERM
)

// The Go runtime ends a process with status 2 after a fatal error (out of
// memory, a stack overflow, a deadlock) or an unrecovered panic, which a
// process cannot catch in itself; 2 is govsim's bad input. So govsim runs
// its command in a child: the child says bad input with childBadInput, and
// the parent maps that to 2 and the runtime's 2, or a death by signal, to
// a failure (1), with a line saying so.

// childBadInput is the exit status of bad input in a supervised child.
const childBadInput = 3

// supervisorEnv holds the parent's pid in the child's environment: a child
// is supervised only by the process that started it.
const supervisorEnv = "GOVSIM_SUPERVISOR"

// Supervised reports whether this process is a child a parent supervises.
func Supervised() bool {
	return os.Getenv(supervisorEnv) == strconv.Itoa(os.Getppid())
}

// ExitCode is the status a command's outcome exits with: as given, except
// bad input in a supervised child (see Supervise).
func ExitCode(code int) int {
	if code == BadInput && Supervised() {
		return childBadInput
	}
	return code
}

// Supervise runs this program again, with the same arguments and streams,
// as a child, and returns the status to exit with; ok is false where it
// does not supervise (in a child, or where the child could not be started
// or outlive its parent — then the program runs on its own). The parent
// forwards SIGINT, SIGTERM and SIGQUIT to the child (SIGQUIT's goroutine
// dump and status 2 are the child's, which the parent reports as a
// failure, never as bad input); if the child has not ended limit after
// the first SIGINT or SIGTERM, the parent kills it and exits with
// Interrupted, so that the exit comes within limit whatever the child is
// doing. If the parent dies, the kernel kills the child (Linux), so a
// killed govsim leaves no orphan.
func Supervise(stderr io.Writer, limit time.Duration) (code int, ok bool) {
	if runtime.GOOS != "linux" || os.Getenv(supervisorEnv) != "" {
		return 0, false
	}
	exe, err := os.Executable()
	if err != nil {
		return 0, false
	}
	// The death signal follows the thread that started the child: keep
	// this goroutine on it until the child has ended.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	sig := make(chan os.Signal, 4)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM, syscall.SIGQUIT)
	defer signal.Stop(sig)
	c := exec.Command(exe, os.Args[1:]...)
	c.Args[0] = os.Args[0]
	c.Env = append(os.Environ(), supervisorEnv+"="+strconv.Itoa(os.Getpid()))
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, os.Stdout, os.Stderr
	c.SysProcAttr = deathSignal()
	if err := c.Start(); err != nil {
		return 0, false
	}
	done := make(chan error, 1)
	go func() { done <- c.Wait() }()
	var deadline <-chan time.Time
	for {
		select {
		case s := <-sig:
			c.Process.Signal(s)
			if deadline == nil && s != syscall.SIGQUIT {
				deadline = time.After(limit)
			}
		case <-deadline:
			c.Process.Kill()
			<-done
			fmt.Fprintln(stderr, "govsim: interrupted")
			return Interrupted, true
		case err := <-done:
			return childStatus(c.ProcessState, err, stderr), true
		}
	}
}

// childStatus maps how the child ended to govsim's exit status.
func childStatus(st *os.ProcessState, err error, stderr io.Writer) int {
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		fmt.Fprintf(stderr, "govsim: %v\n", err)
		return Failure
	}
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() && (ws.Signal() == syscall.SIGINT || ws.Signal() == syscall.SIGTERM) {
		// Ctrl-C before the child could catch it (it had only just
		// started): interrupted, as it would otherwise say itself.
		fmt.Fprintln(stderr, "govsim: interrupted")
		return Interrupted
	}
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		fmt.Fprintf(stderr, "govsim: stopped by %v%s; exit status %d\n", ws.Signal(), oomHint(ws.Signal()), Failure)
		return Failure
	}
	switch code := st.ExitCode(); code {
	case childBadInput:
		return BadInput
	case BadInput:
		fmt.Fprintf(stderr, "govsim: the Go runtime stopped govsim (fatal error or panic above): a failure, not bad input; exit status %d\n", Failure)
		return Failure
	default:
		return code
	}
}

func oomHint(s os.Signal) string {
	if s == syscall.SIGKILL {
		return " (the kernel's out-of-memory killer, or kill -9)"
	}
	return ""
}
