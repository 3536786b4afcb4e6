package sim

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// nanhaiPath is the staged schedule of the embedded nanhai scenario.
var nanhaiPath = []ReformSpec{
	{Kind: KindCungaiju.Key(), Start: 12, Coverage: "eligible", Intensity: 1},
	{Kind: KindZhengjing.Key(), Start: 24, Coverage: "all", Intensity: 1},
	{Kind: KindZhengshe.Key(), Start: 36, Coverage: "all", Intensity: 1},
}

// heapPerAgent measures the live heap of a model per agent.
func heapPerAgent(build func() *Model) (float64, *Model) {
	runtime.GC()
	var a, b runtime.MemStats
	runtime.ReadMemStats(&a)
	m := build()
	runtime.GC()
	runtime.ReadMemStats(&b)
	return float64(b.HeapAlloc-a.HeapAlloc) / float64(m.Agents()), m
}

// warmRunner is the teaching district with the nanhai schedule, run through
// four times, winding back to month 24: every reused buffer (residents,
// elections, disputes, movers) has reached the size the run needs. Four,
// because each pass starts from the last one's larger villages; after two
// a village still outgrows its arrays now and then.
func warmRunner(tb testing.TB) (*Model, *Runner) {
	c := Default()
	c.Reforms = nanhaiPath
	m, err := New(c, 1, 0, nil)
	if err != nil {
		tb.Fatal(err)
	}
	r := m.Start(Options{Workers: 1})
	for pass := 0; pass < 4; pass++ {
		for !r.Done() {
			if err := r.Step(Discard{}); err != nil {
				tb.Fatal(err)
			}
		}
		m.Month = 24
	}
	return m, r
}

// step runs one month, winding back to month 24 at the end of the run.
func step(tb testing.TB, m *Model, r *Runner) {
	if r.Done() {
		m.Month = 24
	}
	if err := r.Step(Discard{}); err != nil {
		tb.Fatal(err)
	}
}

// BenchmarkStep measures one month of the teaching district (60 villages,
// 1 agent = 20 people) on one worker, as govsim run steps it, after warm-up.
func BenchmarkStep(b *testing.B) {
	c := Default()
	c.Reforms = nanhaiPath
	bpa, _ := heapPerAgent(func() *Model {
		m, err := New(c, 1, 0, nil)
		if err != nil {
			b.Fatal(err)
		}
		return m
	})
	m, r := warmRunner(b)
	defer r.Close()
	agents := m.Agents()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		step(b, m, r)
	}
	el := time.Since(start).Seconds()
	b.ReportMetric(float64(agents)*float64(b.N)/el, "agent-steps/s")
	b.ReportMetric(bpa, "bytes/agent")
}

// After warm-up a month allocates nothing: the hot loops reuse their
// buffers, so the garbage collector has no work while a run goes.
func TestStepAllocatesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the teaching district twice")
	}
	m, r := warmRunner(t)
	defer r.Close()
	if a := testing.AllocsPerRun(216, func() { step(t, m, r) }); a != 0 {
		t.Errorf("a month allocates %.2f times after warm-up, want 0", a)
	}
}

func benchRun(b *testing.B, c Config, workers int) {
	var steps float64
	var bpa float64
	b.ReportAllocs()
	var el time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		var m *Model
		bpa, m = heapPerAgent(func() *Model {
			m, err := New(c, uint64(i+1), 0, nil)
			if err != nil {
				b.Fatal(err)
			}
			return m
		})
		b.StartTimer()
		start := time.Now()
		o := &agentCounter{m: m}
		if err := m.Run(context.Background(), Options{Workers: workers}, o); err != nil {
			b.Fatal(err)
		}
		el += time.Since(start)
		steps += o.steps
	}
	b.ReportMetric(steps/el.Seconds(), "agent-steps/s")
	b.ReportMetric(bpa, "bytes/agent")
}

// agentCounter counts agent-steps as the run goes.
type agentCounter struct {
	m     *Model
	steps float64
}

func (o *agentCounter) District(month int, v []float64) error {
	o.steps += float64(o.m.Agents())
	return nil
}
func (o *agentCounter) Village(int, int, []float64) error { return nil }

// BenchmarkRunTeaching runs the teaching nanhai scenario for 240 months on
// one goroutine (govsim run puts replicates on the other cores).
func BenchmarkRunTeaching(b *testing.B) {
	c := Default()
	c.Reforms = nanhaiPath
	benchRun(b, c, 1)
}

// BenchmarkRunNanhaiFull runs the district at 1:1 scale (282 villages,
// about 2.5 million residents) for 240 months on all cores.
func BenchmarkRunNanhaiFull(b *testing.B) {
	c := Default()
	c.Reforms = nanhaiPath
	c.District.Villages = 282
	c.District.Scale = 1
	benchRun(b, c, 0)
}
