package live

import (
	"testing"
	"time"
)

// BenchmarkPaneStream measures the classroom's hot path at teaching scale
// (60 units, 1 agent = 20 people, 240 months): stepping a month, turning
// it into map layers and ticker lines, and encoding what a stream sends.
// "pane" is one pane on one goroutine; "session" is a whole session, both
// panes stepped at once as the server does. months/s is simulated months
// per second of each pane; the page needs 20.
func BenchmarkPaneStream(b *testing.B) {
	be := testBackend{months: 240}
	b.Run("pane", func(b *testing.B) {
		cfg, _ := be.Scenario("zhengjing")
		var p *pane
		fresh := func() {
			if p != nil {
				p.run.Close()
			}
			run, err := be.Start(cfg, 1)
			if err != nil {
				b.Fatal(err)
			}
			p = newPane(PaneSettings{Scenario: "zhengjing"}, cfg, run, 1)
		}
		fresh()
		defer func() { p.run.Close() }()
		var buf []byte
		var elapsed time.Duration
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if p.run.Done() {
				b.StopTimer()
				fresh()
				b.StartTimer()
			}
			t0 := time.Now()
			r, err := p.step()
			if err != nil {
				b.Fatal(err)
			}
			p.apply(r)
			u := paneUpdate{p: p, from: len(p.rows) - 1, rows: p.rows[len(p.rows)-1:], layers: p.layers, events: r.events}
			buf = u.encode(buf[:0])
			elapsed += time.Since(t0)
		}
		b.ReportMetric(float64(b.N)/elapsed.Seconds(), "months/s")
		b.ReportMetric(float64(len(buf)), "bytes/month")
	})
	b.Run("session", func(b *testing.B) {
		s := newSession("bench", be)
		cmd := setupCmd{seed: 1}
		for i, n := range []string{"baseline", "zhengjing"} {
			cmd.ps[i] = PaneSettings{Scenario: n}
			cmd.cfg[i], _ = be.Scenario(n)
		}
		if err := s.setup(&cmd); err != nil {
			b.Fatal(err)
		}
		defer s.closeRuns()
		var sent [2]sentPane
		for i := range sent {
			sent[i].gen = -1
		}
		var buf []byte
		var elapsed time.Duration
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if s.over {
				b.StopTimer()
				if err := s.setup(&cmd); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
			}
			t0 := time.Now()
			s.stepAll()
			u, _, _ := s.snapshot(&sent)
			buf = u.encode(buf[:0])
			elapsed += time.Since(t0)
		}
		b.ReportMetric(float64(b.N)/elapsed.Seconds(), "months/s")
	})
}
