package proc

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Signals returns a context cancelled at the first SIGINT or SIGTERM. A
// command then stops cleanly, keeping what finished; if it has not ended
// after grace — a phase that does not watch the context, or a read that
// will not return — or at a second signal, the process exits with status
// 130. What such an exit leaves half-written is temporary, and the next
// command that claims the directory removes it. A second signal within a
// second of the first is the same one delivered twice (to the process
// group from a terminal, and forwarded by the supervising parent).
func Signals(grace time.Duration, stderr io.Writer) context.Context {
	ctx, cancel := context.WithCancel(context.Background())
	sig := make(chan os.Signal, 4)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sig
		first := time.Now()
		cancel()
		timeout := time.After(grace)
	wait:
		for {
			select {
			case <-sig:
				if time.Since(first) >= time.Second {
					break wait
				}
			case <-timeout:
				break wait
			}
		}
		fmt.Fprintln(stderr, "govsim: interrupted")
		os.Exit(ExitCode(Interrupted))
	}()
	return ctx
}
