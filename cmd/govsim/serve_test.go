package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/govsim/govsim/output/live"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
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
	if code != exitBadInput || !strings.Contains(errs, "is in use") || strings.Count(errs, "\n") != 1 {
		t.Errorf("address in use: exit %d, %q", code, errs)
	}
	if c := stop(); c != exitOK {
		t.Errorf("Ctrl-C: exit %d", c)
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
		if code != exitBadInput || !strings.Contains(errs, tc.msg) || strings.Count(errs, "\n") != 1 {
			t.Errorf("%v: exit %d, %q; want 2 and %q on one line", tc.args, code, errs, tc.msg)
		}
	}
}

// TestServeMatchesRun: a pane run to its last month shows bit for bit the
// values govsim run writes for the same scenario and seed, and those of a
// whole run on two workers.
func TestServeMatchesRun(t *testing.T) {
	if testing.Short() {
		t.Skip("two 240-month runs and a stream")
	}
	const seed = 3
	srv, err := live.New(classroom{}, live.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer func() {
		ts.Close()
		srv.Close()
	}()
	panes := fmt.Sprintf(`{"seed":%d,"panes":[{"scenario":"baseline"},{"scenario":"nanhai"}]}`, seed)
	resp, err := http.Post(ts.URL+"/api/sessions", "application/json", strings.NewReader(panes))
	if err != nil {
		t.Fatal(err)
	}
	var created struct{ ID string }
	_ = json.NewDecoder(resp.Body).Decode(&created)
	resp.Body.Close()
	prefix := ts.URL + "/api/sessions/" + created.ID
	events, err := http.Get(prefix + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer events.Body.Close()
	for _, c := range []string{`{"action":"speed","speed":100}`, `{"action":"go"}`} {
		r, err := http.Post(prefix+"/control", "application/json", strings.NewReader(c))
		if err != nil || r.StatusCode != http.StatusNoContent {
			t.Fatalf("%s: %v %v", c, err, r.Status)
		}
		r.Body.Close()
	}
	streamed := readStream(t, events.Body)

	out := filepath.Join(t.TempDir(), "out")
	if code, _, errs := govsim(t, context.Background(), "run", "-replicates", "1", "-seed", strconv.Itoa(seed), "-out", out, "baseline", "nanhai"); code != 0 {
		t.Fatalf("govsim run: %s", errs)
	}
	written := readMonthly(t, filepath.Join(out, "monthly.csv"))
	names := sim.DistrictMetrics()
	for i, sc := range []string{"baseline", "nanhai"} {
		rows := streamed[i]
		if len(rows) != 240 {
			t.Fatalf("%s: %d months streamed", sc, len(rows))
		}
		n := 0
		for m, row := range rows {
			for k, x := range row {
				w, ok := written[key{sc, m, names[k]}]
				switch {
				case math.IsNaN(x) && !ok:
				case !ok || math.Float64bits(w) != math.Float64bits(x):
					t.Fatalf("%s month %d %s: page %v, govsim run %v (written %v)", sc, m, names[k], x, w, ok)
				default:
					n++
				}
			}
		}
		if n != countScenario(written, sc) {
			t.Errorf("%s: %d values on the page, %d in monthly.csv", sc, n, countScenario(written, sc))
		}
		loaded, err := scenarios.Load(sc)
		if err != nil {
			t.Fatal(err)
		}
		m, err := sim.New(loaded.Config, seed, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		var rec districtRows
		if err := m.Run(context.Background(), sim.Options{Workers: 2}, &rec); err != nil {
			t.Fatal(err)
		}
		for mo := range rec {
			for k := range rec[mo] {
				a, b := rec[mo][k], rows[mo][k]
				if math.Float64bits(a) != math.Float64bits(b) && !(math.IsNaN(a) && math.IsNaN(b)) {
					t.Fatalf("%s month %d %s: page %v, run on 2 workers %v", sc, mo, names[k], b, a)
				}
			}
		}
	}
}

type districtRows [][]float64

func (d *districtRows) District(_ int, v []float64) error {
	*d = append(*d, append([]float64(nil), v...))
	return nil
}
func (d *districtRows) Village(int, int, []float64) error { return nil }

// readStream reads update messages until the session is over and returns
// each pane's district rows.
func readStream(t *testing.T, body io.Reader) [2][][]float64 {
	t.Helper()
	var rows [2][][]float64
	sc := bufio.NewScanner(body)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	deadline := time.Now().Add(2 * time.Minute)
	for sc.Scan() {
		line, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		var u struct {
			Over  bool
			Panes []struct {
				Full bool
				From int
				Rows [][]*float64
			}
		}
		if err := json.Unmarshal([]byte(line), &u); err != nil {
			t.Fatal(err)
		}
		for i, p := range u.Panes {
			if p.Full {
				rows[i] = nil
			}
			if p.From != len(rows[i]) {
				t.Fatalf("pane %d: from %d, have %d", i, p.From, len(rows[i]))
			}
			for _, r := range p.Rows {
				row := make([]float64, len(r))
				for k, x := range r {
					row[k] = math.NaN()
					if x != nil {
						row[k] = *x
					}
				}
				rows[i] = append(rows[i], row)
			}
		}
		if u.Over {
			return rows
		}
		if time.Now().After(deadline) {
			break
		}
	}
	t.Fatalf("the stream ended before the runs did: %v", sc.Err())
	return rows
}

type key struct {
	scenario string
	month    int
	metric   string
}

func readMonthly(t *testing.T, path string) map[key]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	out := map[key]float64{}
	for _, r := range recs[1:] {
		m, _ := strconv.Atoi(r[3])
		v, err := strconv.ParseFloat(r[5], 64)
		if err != nil {
			t.Fatal(err)
		}
		out[key{r[0], m, r[4]}] = v
	}
	return out
}

func countScenario(m map[key]float64, sc string) int {
	n := 0
	for k := range m {
		if k.scenario == sc {
			n++
		}
	}
	return n
}

func TestServeHelp(t *testing.T) {
	for _, args := range [][]string{{"serve", "-h"}, {"help", "serve"}} {
		code, out, _ := govsim(t, context.Background(), args...)
		if code != 0 || out != serveHelp {
			t.Errorf("%v: exit %d, %q", args, code, out)
		}
	}
	code, out, _ := govsim(t, context.Background(), "help")
	if code != 0 || !strings.Contains(out, "  serve      the classroom") {
		t.Errorf("the command list lacks serve:\n%s", out)
	}
}
