package main

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govsim/govsim/cmd/internal/proc"
)

// lockedBuffer is an io.Writer that a running command and a test can share.
type lockedBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startServe runs govsim serve in the background and returns its URL, a
// stop function and the exit status channel.
func startServe(t *testing.T, args ...string) (url string, stop func() int, stderr *lockedBuffer) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var out lockedBuffer
	stderr = &lockedBuffer{}
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, env{stdout: &out, stderr: stderr}, append([]string{"serve"}, args...))
	}()
	re := regexp.MustCompile(`govsim classroom: (http://\S+) `)
	deadline := time.Now().Add(20 * time.Second)
	for {
		if m := re.FindStringSubmatch(out.String()); m != nil {
			url = m[1]
			break
		}
		select {
		case c := <-code:
			cancel()
			t.Fatalf("serve exited %d: %s%s", c, out.String(), stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("serve printed no URL: %q", out.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	stopped := false
	stop = func() int {
		if stopped {
			return 0
		}
		stopped = true
		cancel()
		select {
		case c := <-code:
			if !strings.Contains(out.String(), "stopped") {
				t.Errorf("no goodbye: %q", out.String())
			}
			return c
		case <-time.After(20 * time.Second):
			t.Fatal("serve did not stop")
			return -1
		}
	}
	t.Cleanup(func() { stop() })
	return url, stop, stderr
}

func TestServeCommand(t *testing.T) {
	url, stop, _ := startServe(t, "-addr", "127.0.0.1:0", "-max-sessions", "3")
	resp, err := http.Get(url + "api/meta")
	if err != nil {
		t.Fatal(err)
	}
	var md struct{ Scenarios []struct{ Name string } }
	if err := json.NewDecoder(resp.Body).Decode(&md); err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var names []string
	for _, s := range md.Scenarios {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ","); got != "baseline,cungaiju,zhengjing,zhengshe,nanhai" {
		t.Errorf("scenarios offered: %s (nanhai-full must not be)", got)
	}
	// The address is now in use: a second server says so, exit 2.
	host := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	code, _, errs := govsim(t, context.Background(), "serve", "-addr", host)
	if code != proc.BadInput || !strings.Contains(errs, "is in use") || strings.Count(errs, "\n") != 1 {
		t.Errorf("address in use: exit %d, %q", code, errs)
	}
	if c := stop(); c != proc.Interrupted {
		t.Errorf("Ctrl-C: exit %d, want %d as the README promises", c, proc.Interrupted)
	}
}

func TestServePublic(t *testing.T) {
	url, stop, errs := startServe(t, "-public", "-addr", "0.0.0.0:0")
	if !strings.Contains(errs.String(), "warning:") || !strings.Contains(errs.String(), "reachable from other machines") {
		t.Errorf("no warning for a public address: %q", errs.String())
	}
	if strings.Contains(url, "0.0.0.0") {
		t.Errorf("URL %s is not one a browser can open", url)
	}
	stop()
}

func TestServeBadInput(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"-addr", "0.0.0.0:8080"}, "add -public"},
		{[]string{"-addr", ":8080"}, "every interface"},
		{[]string{"-addr", "nonsense"}, "want host:port"},
		{[]string{"-addr", "127.0.0.1:99999"}, "is not a number"},
		{[]string{"-addr", "256.1.1.1:80", "-public"}, "-addr 256.1.1.1:80"},
		{[]string{"-max-sessions", "0"}, "-max-sessions = 0 is out of range"},
		{[]string{"-idle", "1ms"}, "-idle = 1ms is out of range"},
		{[]string{"-nope"}, "flag provided but not defined"},
		{[]string{"baseline"}, "serve takes no arguments"},
	} {
		code, _, errs := govsim(t, context.Background(), append([]string{"serve"}, tc.args...)...)
		if code != proc.BadInput || !strings.Contains(errs, tc.msg) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, %q; want 2 and %q on one line", tc.args, code, errs, tc.msg)
		}
	}
}

func TestServeHelp(t *testing.T) {
	for _, args := range [][]string{{"serve", "-h"}, {"help", "serve"}} {
		code, out, _ := govsim(t, context.Background(), args...)
		if code != 0 || out != helpText("serve") {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
	code, out, _ := govsim(t, context.Background(), "help")
	if code != 0 || !strings.Contains(out, "  serve      the classroom") {
		t.Errorf("the command list lacks serve:\n%s", out)
	}
}
