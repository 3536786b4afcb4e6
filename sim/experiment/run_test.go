package experiment

import (
	"context"
	"errors"
	"math"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/govsim/govsim/sim"
)

func TestSplit(t *testing.T) {
	for _, tc := range []struct{ workers, n, par, per int }{
		{2, 50, 2, 1}, {2, 1, 1, 2}, {7, 3, 3, 2}, {1, 10, 1, 1}, {8, 0, 1, 8},
	} {
		p, q := Split(tc.workers, tc.n)
		if p != tc.par || q != tc.per {
			t.Errorf("Split(%d, %d) = %d, %d; want %d, %d", tc.workers, tc.n, p, q, tc.par, tc.per)
		}
	}
}

// tiny is a district small and short enough to run hundreds of times.
func tiny(months int) Scenario {
	c := sim.Default()
	c.Name = "tiny"
	c.Months = months
	c.District.Villages = 4
	c.District.Scale = 200
	return Scenario{Name: "tiny", Config: c}
}

// lastComposite records the composite index of a run's last month.
type lastComposite struct{ x float64 }

func (o *lastComposite) District(_ int, v []float64) error { o.x = v[sim.CompositeIndex]; return nil }
func (o *lastComposite) Village(int, int, []float64) error { return nil }

// collect runs specs and returns each run's last composite by id, and the
// order Done saw the ids in.
func collect(t *testing.T, ctx context.Context, specs Specs, opt Options) (map[int]float64, []int, error) {
	t.Helper()
	var mu sync.Mutex
	got := map[int]float64{}
	var order []int
	_, err := Run(ctx, specs, opt, Recorder{
		New: func(*Spec) sim.Observer { return &lastComposite{} },
		Done: func(s *Spec, o sim.Observer) error {
			mu.Lock()
			defer mu.Unlock()
			got[s.ID] = o.(*lastComposite).x
			order = append(order, s.ID)
			return nil
		},
	})
	return got, order, err
}

// TestRunSameForAnyWorkers: every run gives the same numbers whatever the
// workers and whether runs are handed over in order; Ordered hands them in
// spec order.
func TestRunSameForAnyWorkers(t *testing.T) {
	specs := Ensemble([]Scenario{tiny(6), tiny(8)}, 0, 5, 7)
	base, order, err := collect(t, context.Background(), specs, Options{Workers: 1, Ordered: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, id := range order {
		if id != i {
			t.Fatalf("ordered runs came as %v", order)
		}
	}
	for _, w := range []int{2, 3, 8} {
		for _, ordered := range []bool{true, false} {
			got, _, err := collect(t, context.Background(), specs, Options{Workers: w, Ordered: ordered})
			if err != nil {
				t.Fatal(err)
			}
			for id, x := range base {
				if math.Float64bits(got[id]) != math.Float64bits(x) {
					t.Fatalf("workers %d ordered %v: run %d gives %v, want %v", w, ordered, id, got[id], x)
				}
			}
		}
	}
}

// TestRunSkips: skipped runs are not run and are counted.
func TestRunSkips(t *testing.T) {
	specs := Ensemble([]Scenario{tiny(3)}, 0, 6, 1)
	var ran atomic.Int64
	st, err := Run(context.Background(), specs, Options{Workers: 2, Skip: func(id int) bool { return id%3 == 0 }},
		Recorder{New: func(*Spec) sim.Observer { return &lastComposite{} }, Done: func(s *Spec, _ sim.Observer) error {
			if s.ID%3 == 0 {
				t.Errorf("run %d was skipped yet ran", s.ID)
			}
			ran.Add(1)
			return nil
		}})
	if err != nil || st.Runs != 4 || st.Skipped != 2 || ran.Load() != 4 {
		t.Fatalf("stats %+v, ran %d, err %v", st, ran.Load(), err)
	}
}

// TestRunCancelKeepsPrefix cancels mid-way: with Ordered, Done has seen a
// prefix of the runs and Run reports the cancellation.
func TestRunCancelKeepsPrefix(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	specs := Ensemble([]Scenario{tiny(24)}, 0, 40, 1)
	var seen atomic.Int64
	var order []int
	_, err := Run(ctx, specs, Options{Workers: 2, Ordered: true}, Recorder{
		New: func(*Spec) sim.Observer {
			if seen.Add(1) == 10 {
				cancel()
			}
			return &lastComposite{}
		},
		Done: func(s *Spec, _ sim.Observer) error { order = append(order, s.ID); return nil },
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(order) >= 40 {
		t.Fatalf("kept all %d runs after cancelling", len(order))
	}
	for i, id := range order {
		if id != i {
			t.Fatalf("kept runs are not a prefix: %v", order)
		}
	}
}

// TestRunErrorStops: a failing Done stops the experiment with its error.
func TestRunErrorStops(t *testing.T) {
	boom := errors.New("boom")
	specs := Ensemble([]Scenario{tiny(2)}, 0, 20, 1)
	st, err := Run(context.Background(), specs, Options{Workers: 1, Ordered: true}, Recorder{
		New: func(*Spec) sim.Observer { return &lastComposite{} },
		Done: func(s *Spec, _ sim.Observer) error {
			if s.ID == 3 {
				return boom
			}
			return nil
		},
	})
	if !errors.Is(err, boom) || st.Runs != 3 {
		t.Fatalf("stats %+v err %v; want 3 runs and boom", st, err)
	}
}

// TestRunBadPoint: a design point its scenario refuses fails as a
// RunError naming the run, before anything runs for it.
func TestRunBadPoint(t *testing.T) {
	p, _ := sim.Lookup("economy.lambda0")
	specs := Sweep([]Scenario{tiny(2)}, []sim.Param{p}, [][]float64{{0.3}, {7}}, 1, 1, SeedsCommon)
	_, _, err := collect(t, context.Background(), specs, Options{Workers: 1})
	var re *RunError
	if !errors.As(err, &re) || re.Spec.ID != 1 || re.Spec.Point != 1 {
		t.Fatalf("err %v, want a RunError for run 1 at point 1", err)
	}
}

// TestSweepLayout: ids are point-major and specs carry their point's
// values and the seed of their mode.
func TestSweepLayout(t *testing.T) {
	p, _ := sim.Lookup("economy.lambda0")
	scs := []Scenario{tiny(2), tiny(3)}
	specs := Sweep(scs, []sim.Param{p}, [][]float64{{0.1}, {0.2}, {0.3}}, 2, 42, SeedsPerPoint)
	if specs.Len() != 12 {
		t.Fatalf("%d runs, want 3 × 2 × 2", specs.Len())
	}
	l := SweepLayout{Points: 3, Scenarios: 2, Replicates: 2}
	for id := 0; id < specs.Len(); id++ {
		s, err := specs.At(id)
		if err != nil {
			t.Fatal(err)
		}
		pt, sc, rep := l.Key(id)
		if s.ID != id || s.Point != pt || s.Index != sc || s.Replicate != rep || s.Config.Economy.Lambda0 != float64(pt+1)/10 || s.Seed != RunSeed(SeedsPerPoint, 42, pt) {
			t.Fatalf("run %d: %+v", id, s)
		}
	}
	if RunSeed(SeedsCommon, 42, 7) != 42 || RunSeed(SeedsPerPoint, 42, 0) == RunSeed(SeedsPerPoint, 42, 1) || RunSeed(SeedsPerPoint, 43, 0) == RunSeed(SeedsPerPoint, 42, 0) {
		t.Fatal("run seeds")
	}
}

// TestPrecisionDoubles: batches double until the check is satisfied or the
// cap is reached.
func TestPrecisionDoubles(t *testing.T) {
	var batches [][2]int
	p := Precision{Target: 0.1, First: 3, Max: 20}
	out, err := p.Replicate(context.Background(), func(_ context.Context, from, to int) error {
		batches = append(batches, [2]int{from, to})
		return nil
	}, func(reps int) (string, bool) { return "x", reps >= 12 }, nil)
	if err != nil || !out.Met || out.Replicates != 12 || len(batches) != 3 || batches[2] != [2]int{6, 12} {
		t.Fatalf("outcome %+v batches %v err %v", out, batches, err)
	}
	out, _ = p.Replicate(context.Background(), func(context.Context, int, int) error { return nil },
		func(int) (string, bool) { return "widest", false }, nil)
	if out.Met || out.Replicates != 20 {
		t.Fatalf("capped outcome %+v", out)
	}
}

// TestLiveMatchesRun: a run stepped live gives, month by month, the
// numbers a whole run gives.
func TestLiveMatchesRun(t *testing.T) {
	s, _ := Ensemble([]Scenario{tiny(30)}, 3, 4, 9).At(0)
	whole := &monthly{}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Run(context.Background(), sim.Options{Workers: 1}, whole); err != nil {
		t.Fatal(err)
	}
	l, err := NewLive(s, 2)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	live := &monthly{}
	for !l.Done() {
		if err := l.Step(live); err != nil {
			t.Fatal(err)
		}
	}
	if l.Month() != 30 || len(live.rows) != len(whole.rows) {
		t.Fatalf("live %d months, %d rows; whole %d rows", l.Month(), len(live.rows), len(whole.rows))
	}
	for i := range whole.rows {
		for j, x := range whole.rows[i] {
			if math.Float64bits(x) != math.Float64bits(live.rows[i][j]) {
				t.Fatalf("month %d, %s: live %v, whole %v", i, sim.MetricID(j), live.rows[i][j], x)
			}
		}
	}
}

type monthly struct{ rows [][]float64 }

func (o *monthly) District(_ int, v []float64) error {
	o.rows = append(o.rows, append([]float64(nil), v...))
	return nil
}
func (o *monthly) Village(int, int, []float64) error { return nil }

// TestProgressLines: off a terminal, progress comes as whole lines.
func TestProgressLines(t *testing.T) {
	var b lockedBuffer
	p := NewProgress(&b, false, "runs", 3)
	p.Add(1)
	time.Sleep(10 * time.Millisecond)
	p.Add(2)
	p.Finish()
	s := b.String()
	if s == "" || s[len(s)-1] != '\n' {
		t.Fatalf("progress %q", s)
	}
	for _, c := range s {
		if c == '\r' {
			t.Fatalf("carriage return in a log: %q", s)
		}
	}
	var nilp *Progress
	nilp.Add(1) // a nil Progress shows nothing
	nilp.Finish()
}

type lockedBuffer struct {
	mu sync.Mutex
	b  []byte
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b = append(l.b, p...)
	return len(p), nil
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.b)
}
