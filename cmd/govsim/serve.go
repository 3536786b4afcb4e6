package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"runtime"
	"slices"
	"syscall"
	"time"

	"github.com/govsim/govsim/output/live"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
)

func cmdServe(ctx context.Context, e env, args []string) error {
	fs := newFlags("serve", serveHelp, e)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	open := fs.Bool("open", false, "open the page in the default browser")
	public := fs.Bool("public", false, "allow an address other machines can reach")
	maxSessions := fs.Int("max-sessions", live.DefaultMaxSessions, "browser sessions at once")
	idle := fs.Duration("idle", live.DefaultIdleTimeout, "free a session after this long without a page")
	pos, err := parse(fs, serveHelp, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments, got %q (see govsim serve -h)", pos[0])
	}
	if err := intRange("max-sessions", *maxSessions, 1, 1000); err != nil {
		return err
	}
	if *idle < time.Second || *idle > 24*time.Hour {
		return usagef("-idle = %s is out of range: allowed 1s to 24h", *idle)
	}
	exposed, err := live.CheckAddr(*addr, *public)
	if err != nil {
		return usagef("%v", err)
	}
	srv, err := live.New(classroom{}, live.Options{MaxSessions: *maxSessions, IdleTimeout: *idle, Public: *public})
	if err != nil {
		return err
	}
	defer srv.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return usagef("-addr %s is in use (another govsim serve?); choose another port, such as -addr 127.0.0.1:8081", *addr)
		}
		return usagef("-addr %s: %v", *addr, err)
	}
	url := pageURL(ln.Addr().(*net.TCPAddr))
	if exposed {
		fmt.Fprintf(e.stderr, "govsim serve: warning: %s is reachable from other machines on the network; anyone who can reach it can run simulations here (at most %d sessions)\n", ln.Addr(), *maxSessions)
	}
	fmt.Fprintf(e.stdout, "govsim classroom: %s (Ctrl-C to stop)\n", url)
	if *open {
		if err := openBrowser(url); err != nil {
			fmt.Fprintf(e.stderr, "govsim serve: could not open a browser (%v); open %s yourself\n", err, url)
		}
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute, BaseContext: func(net.Listener) context.Context { return ctx }}
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serving: %w", err)
	case <-ctx.Done():
	}
	// Streams end with ctx (their base context); the rest gets a moment.
	sctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = hs.Shutdown(sctx)
	fmt.Fprintln(e.stdout, "govsim classroom: stopped")
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

// classroom is the classroom's backend: the embedded scenarios, stepped
// through the experiment API like every other run.
type classroom struct{}

// Scenarios offers the teaching set first, then the other embedded
// scenarios; the classroom itself refuses those above teaching scale.
func (classroom) Scenarios() []string {
	names := scenarios.Teaching()
	for _, n := range scenarios.Embedded() {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

func (classroom) Scenario(name string) (sim.Config, error) {
	if !slices.Contains(scenarios.Embedded(), name) {
		return sim.Config{}, fmt.Errorf("no embedded scenario %q", name)
	}
	sc, err := scenarios.Load(name)
	if err != nil {
		return sim.Config{}, err
	}
	return sc.Config, nil
}

// Start runs replicate 0 with the seed, one goroutine per pane: a class of
// forty shares the machine.
func (classroom) Start(cfg sim.Config, seed uint64) (live.Run, error) {
	return experiment.NewLive(experiment.Spec{Scenario: cfg.Name, Seed: seed, Point: -1, Config: cfg}, 1)
}

func (classroom) Format(cfg sim.Config) []byte { return scenarios.Format(cfg) }
