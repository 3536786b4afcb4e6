package sim

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// nanhaiPath is the staged schedule of the embedded nanhai scenario.
var nanhaiPath = []ReformSpec{
	{Kind: Cungaiju, Start: 12, Coverage: "eligible", Intensity: 1},
	{Kind: Zhengjing, Start: 24, Coverage: "all", Intensity: 1},
	{Kind: Zhengshe, Start: 36, Coverage: "all", Intensity: 1},
}

type nullObs struct{}

func (nullObs) District(int, []float64) error     { return nil }
func (nullObs) Village(int, int, []float64) error { return nil }

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

// BenchmarkStep measures one month of the teaching district (60 villages,
// 1 agent = 20 people) on one goroutine.
func BenchmarkStep(b *testing.B) {
	c := Default()
	c.Reforms = nanhaiPath
	bpa, m := heapPerAgent(func() *Model {
		m, err := New(c, 1, 0, nil)
		if err != nil {
			b.Fatal(err)
		}
		return m
	})
	for m.Month < 24 { // past the first election and the first reforms
		m.Step(1)
	}
	agents := m.Agents()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		if m.Month >= c.Months {
			m.Month = 24
		}
		m.Step(1)
	}
	el := time.Since(start).Seconds()
	b.ReportMetric(float64(agents)*float64(b.N)/el, "agent-steps/s")
	b.ReportMetric(bpa, "bytes/agent")
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
