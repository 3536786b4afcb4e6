// Command scaling measures how a run's time and memory grow with the number
// of agents (about 10 thousand to 5 million) and with the workers (1 and
// 2), and writes docs/scaling.md, docs/scaling.csv and two charts. Each
// point is a separate process running nanhai-full's reform schedule for a
// fixed number of months, so its peak memory is the operating system's
// count for that run alone. `make scaling` runs it (a few minutes).
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"

	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/table"
)

// size is one district size: units at a scale (people per agent).
type size struct {
	villages int
	scale    float64
}

// sizes run from the 1:1 district seen from far (250 people an agent) to
// twice the district at 1:1.
var sizes = []size{{282, 250}, {282, 50}, {282, 12.5}, {282, 2.5}, {282, 1}, {564, 1}}

// point is one measured run.
type point struct {
	Villages int     `json:"villages"`
	Scale    float64 `json:"scale"`
	Workers  int     `json:"workers"`
	Months   int     `json:"months"`
	Agents   int     `json:"agents"`  // at month 0
	Seconds  float64 `json:"seconds"` // the months stepped, set-up excluded
	PeakMiB  float64 `json:"peak_mib"`
}

func main() {
	child := flag.Bool("child", false, "run one point and print it as JSON (internal)")
	villages := flag.Int("villages", 282, "units (child)")
	scale := flag.Float64("scale", 1, "people per agent (child)")
	workers := flag.Int("workers", 1, "workers (child)")
	months := flag.Int("months", 60, "months each point runs")
	dir := flag.String("out", "docs", "directory for scaling.md, scaling.csv and the charts")
	flag.Parse()
	if *child {
		if err := runChild(*villages, *scale, *workers, *months); err != nil {
			fmt.Fprintln(os.Stderr, "scaling:", err)
			os.Exit(1)
		}
		return
	}
	if err := run(sizes, *months, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "scaling:", err)
		os.Exit(1)
	}
}

func runChild(villages int, scale float64, workers, months int) error {
	sc, err := scenarios.Load("nanhai-full")
	if err != nil {
		return err
	}
	c := sc.Config
	c.District.Villages, c.District.Scale, c.Months = villages, scale, months
	m, err := sim.New(c, 1, 0, nil)
	if err != nil {
		return err
	}
	agents := m.Agents()
	start := time.Now()
	if err := m.Run(context.Background(), sim.Options{Workers: workers}, sim.Discard{}); err != nil {
		return err
	}
	return json.NewEncoder(os.Stdout).Encode(point{Villages: villages, Scale: scale, Workers: workers, Months: months,
		Agents: agents, Seconds: time.Since(start).Seconds()})
}

func run(sizes []size, months int, dir string) error {
	self, err := os.Executable()
	if err != nil {
		return err
	}
	var pts []point
	for _, s := range sizes {
		for w := 1; w <= min(2, runtime.NumCPU()); w++ {
			cmd := exec.Command(self, "-child", "-villages", fmt.Sprint(s.villages), "-scale", fmt.Sprint(s.scale),
				"-workers", fmt.Sprint(w), "-months", fmt.Sprint(months))
			cmd.Stderr = os.Stderr
			out, err := cmd.Output()
			if err != nil {
				return fmt.Errorf("%d units at scale %g, %d workers: %w", s.villages, s.scale, w, err)
			}
			var p point
			if err := json.Unmarshal(out, &p); err != nil {
				return fmt.Errorf("%d units at scale %g: %w", s.villages, s.scale, err)
			}
			if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
				p.PeakMiB = float64(ru.Maxrss) / 1024 // kilobytes on Linux
			}
			fmt.Fprintf(os.Stderr, "%9d agents, %d worker(s): %6.2f s for %d months, %6.1f MiB peak\n",
				p.Agents, w, p.Seconds, months, p.PeakMiB)
			pts = append(pts, p)
		}
	}
	return write(pts, months, dir)
}

func write(pts []point, months int, dir string) error {
	var csv, md bytes.Buffer
	fmt.Fprintln(&csv, "villages,scale,workers,months,agents,seconds,agent_steps_per_second,peak_mib,bytes_per_agent")
	fmt.Fprintf(&md, "# Scaling\n\nWritten by `make scaling` (cmd/scaling) on %s, %s/%s, %d cores: nanhai-full's reform schedule for %d months at each size, one process per point; time is the months stepped (set-up excluded), memory the process's peak resident set.\n\n",
		time.Now().UTC().Format("2006-01-02"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), months)
	fmt.Fprintln(&md, "| units | people/agent | agents | workers | seconds | agent-steps/s | peak MiB | bytes/agent at peak |")
	fmt.Fprintln(&md, "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
	for _, p := range pts {
		rate := float64(p.Agents) * float64(p.Months) / p.Seconds
		bpa := p.PeakMiB * (1 << 20) / float64(p.Agents)
		fmt.Fprintf(&csv, "%d,%g,%d,%d,%d,%.3f,%.0f,%.1f,%.0f\n", p.Villages, p.Scale, p.Workers, p.Months, p.Agents, p.Seconds, rate, p.PeakMiB, bpa)
		fmt.Fprintf(&md, "| %d | %g | %d | %d | %.2f | %.1f M | %.0f | %.0f |\n", p.Villages, p.Scale, p.Agents, p.Workers, p.Seconds, rate/1e6, p.PeakMiB, bpa)
	}
	fmt.Fprintln(&md, "\n![time against agents](scaling-time.png)\n\n![memory against agents](scaling-memory.png)")
	for name, b := range map[string][]byte{"scaling.csv": csv.Bytes(), "scaling.md": md.Bytes()} {
		if err := table.WriteFileAtomic(filepath.Join(dir, name), b); err != nil {
			return err
		}
	}
	if err := chart(pts, dir, "scaling-time.png", "Time against agents", "seconds for the months run",
		func(p point) float64 { return p.Seconds }, true); err != nil {
		return err
	}
	return chart(pts, dir, "scaling-memory.png", "Peak memory against agents", "peak resident memory (MiB)",
		func(p point) float64 { return p.PeakMiB }, false)
}

// chart draws y against agents on log axes, one line per worker count
// (memory does not depend on the workers, so it draws the first only).
func chart(pts []point, dir, name, title, ylabel string, y func(point) float64, perWorker bool) error {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "agents"
	p.Y.Label.Text = ylabel
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = siLogTicks{}, siLogTicks{}
	var lines []any
	for w := 1; w <= 2; w++ {
		var xy plotter.XYs
		for _, q := range pts {
			if q.Workers == w {
				xy = append(xy, plotter.XY{X: float64(q.Agents), Y: y(q)})
			}
		}
		if len(xy) == 0 || (!perWorker && w > 1) {
			continue
		}
		label := fmt.Sprintf("%d worker", w)
		if w > 1 {
			label += "s"
		}
		lines = append(lines, label, xy)
	}
	if err := plotutil.AddLinePoints(p, lines...); err != nil {
		return err
	}
	p.Legend.Top, p.Legend.Left = true, true
	var buf bytes.Buffer
	wt, err := p.WriterTo(16*vg.Centimeter, 10*vg.Centimeter, "png")
	if err != nil {
		return err
	}
	if _, err := wt.WriteTo(&buf); err != nil {
		return err
	}
	return table.WriteFileAtomic(filepath.Join(dir, name), buf.Bytes())
}

// siLogTicks are log ticks labelled 10k, 1M, 0.1 rather than 1e+06.
type siLogTicks struct{}

func (siLogTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.LogTicks{Prec: -1}.Ticks(lo, hi)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = si(ts[i].Value)
		}
	}
	return ts
}

func si(x float64) string {
	switch {
	case x >= 1e6:
		return strconv.FormatFloat(x/1e6, 'f', -1, 64) + "M"
	case x >= 1e3:
		return strconv.FormatFloat(x/1e3, 'f', -1, 64) + "k"
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}
