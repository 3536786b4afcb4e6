//go:build !race

// Whole runs through the classroom: they check numbers, not concurrency
// (the output/live tests do that under the race detector), so they stay out
// of the slow race pass, as the documentation examples do.

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
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/govsim/govsim/cmd/internal/classroom"
	"github.com/govsim/govsim/output/live"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
)

// TestServeMatchesRun: a pane run to its last month shows bit for bit the
// values govsim run writes for the same scenario and seed, and those of a
// whole run on two workers.
func TestServeMatchesRun(t *testing.T) {
	if testing.Short() {
		t.Skip("two 240-month runs and a stream")
	}
	const seed = 3
	srv, err := live.New(classroom.Backend{}, classroom.Options())
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
