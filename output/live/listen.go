package live

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"syscall"
	"time"
)

// AddrError is an address that cannot be listened on: malformed, in use,
// or reachable from other machines without Public. It is bad input (exit
// status 2 on the command line).
type AddrError struct{ Msg string }

func (e *AddrError) Error() string { return e.Msg }

// BadInput marks the error as bad input for the command line.
func (e *AddrError) BadInput() bool { return true }

// Listening says where and how the classroom listens.
type Listening struct {
	Addr   string // host:port; port 0 picks a free one
	Public bool   // allow an address other machines can reach
	Open   bool   // open the page in the default browser
}

// ListenAndServe serves the classroom on l.Addr until ctx ends, printing
// the page's address on out and warnings on errs. Streams end with ctx;
// the rest gets a moment to finish.
func ListenAndServe(ctx context.Context, s *Server, l Listening, out, errs io.Writer) error {
	exposed, err := CheckAddr(l.Addr, l.Public)
	if err != nil {
		return &AddrError{err.Error()}
	}
	ln, err := net.Listen("tcp", l.Addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return &AddrError{fmt.Sprintf("-addr %s is in use (another govsim serve?); choose another port, such as -addr 127.0.0.1:8081", l.Addr)}
		}
		return &AddrError{fmt.Sprintf("-addr %s: %v", l.Addr, err)}
	}
	url := pageURL(ln.Addr().(*net.TCPAddr))
	if exposed {
		fmt.Fprintf(errs, "govsim serve: warning: %s is reachable from other machines on the network; anyone who can reach it can run simulations here (at most %d sessions)\n", ln.Addr(), s.opt.MaxSessions)
	}
	fmt.Fprintf(out, "govsim classroom: %s (Ctrl-C to stop)\n", url)
	if l.Open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(errs, "govsim serve: could not open a browser (%v); open %s yourself\n", err, url)
		}
	}
	hs := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = hs.Shutdown(sctx)
	fmt.Fprintln(out, "govsim classroom: stopped")
	return nil
}

// pageURL is the address to give a browser: the one listened on, or for
// all interfaces this machine's first non-loopback address.
func pageURL(a *net.TCPAddr) string {
	host := a.IP.String()
	if a.IP.IsUnspecified() {
		host = "127.0.0.1"
		if ip := firstAddr(); ip != "" {
			host = ip
		}
	}
	return fmt.Sprintf("http://%s/", net.JoinHostPort(host, fmt.Sprint(a.Port)))
}

func firstAddr() string {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		return ""
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && n.IP.To4() != nil {
			return n.IP.String()
		}
	}
	return ""
}

func openBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	return cmd.Start()
}
