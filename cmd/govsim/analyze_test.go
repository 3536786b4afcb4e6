package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSweep writes a small two-factor sweep file of the given design.
func writeSweep(t *testing.T, dir, design string, samples int) string {
	t.Helper()
	text := "name = \"tiny\"\nscenarios = [\"baseline\"]\ndesign = \"" + design + "\"\nsamples = " + itoa(samples) +
		"\nreplicates = 1\nseed = 3\nmonths = 36\nwindow = 12\n"
	if design == "morris" {
		text += "levels = 4\n"
	}
	text += "\n[[factor]]\nkey = \"economy.lambda0\"\nmin = 0.2\nmax = 0.7\n\n[[factor]]\nkey = \"services.rural_budget\"\nmin = 100.0\nmax = 600.0\n"
	path := filepath.Join(dir, design+".toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAnalyze(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		design  string
		samples int
		want    []string
	}{
		{"morris", 4, []string{"μ*", "economy.lambda0", "services.rural_budget", "warning: only r = 4 trajectories"}},
		{"saltelli", 8, []string{"S1", "ST", "economy.lambda0", "warning:", "base rows are too few"}},
		{"lhs", 12, []string{"SRC", "PRCC", "R² of the linear fit", "economy.lambda0", "warning: only 12 points for 2 parameters"}},
	} {
		t.Run(tc.design, func(t *testing.T) {
			out := filepath.Join(dir, "sw-"+tc.design)
			file := writeSweep(t, dir, tc.design, tc.samples)
			if code, _, errs := govsim(t, context.Background(), "sweep", "-out", out, file); code != 0 {
				t.Fatalf("sweep: exit %d: %s", code, errs)
			}
			code, stdout, errs := govsim(t, context.Background(), "analyze", "-metrics", "leakage_share,satisfaction_local", "-bootstrap", "200", out)
			if code != 0 {
				t.Fatalf("analyze: exit %d: %s", code, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(stdout, w) {
					t.Errorf("output lacks %q:\n%s", w, stdout)
				}
			}
			csv, err := os.ReadFile(filepath.Join(out, "sensitivity.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(csv), "scenario,metric,parameter,method,index,value,low,high\n") {
				t.Errorf("sensitivity.csv header")
			}
			// Leakage depends on λ0, not on the rural service budget: the
			// indices must say so.
			if tc.design == "morris" && !strings.Contains(string(csv), "baseline,leakage_share,economy.lambda0,morris,mu_star,") {
				t.Errorf("no μ* row for λ0:\n%s", csv)
			}
			if tc.design == "lhs" {
				// Leakage rises with λ0: a clearly positive PRCC.
				var prcc float64
				for _, line := range strings.Split(string(csv), "\n") {
					if strings.HasPrefix(line, "baseline,leakage_share,economy.lambda0,regression,PRCC,") {
						fmt.Sscan(strings.Split(line, ",")[5], &prcc)
					}
				}
				if prcc < 0.5 {
					t.Errorf("PRCC of leakage on λ0 = %g, want clearly positive:\n%s", prcc, csv)
				}
			}
			html, _ := os.ReadFile(filepath.Join(out, "sensitivity.html"))
			if !strings.Contains(string(html), "govsim analyze -metrics leakage_share,satisfaction_local -bootstrap 200 "+out) {
				t.Error("sensitivity.html lacks the analyze command")
			}
			// A page of its own: its own header, the design's warning at the
			// top, what was simulated, metrics named with their units.
			w, chart := strings.Index(string(html), `<p class="warning"`), strings.Index(string(html), `<figure class="chart">`)
			if w < 0 || chart < 0 || w > chart {
				t.Error("sensitivity.html does not warn at the top")
			}
			for _, want := range []string{"govsim · sensitivity analysis", "<dt>District</dt>", "<dt>Seeds</dt>", "Leakage of collective income (share of income)"} {
				if !strings.Contains(string(html), want) {
					t.Errorf("sensitivity.html lacks %q", want)
				}
			}
			for _, f := range []string{"sensitivity.html"} {
				if _, err := os.Stat(filepath.Join(out, f)); err != nil {
					t.Error(err)
				}
			}
			pngs, _ := filepath.Glob(filepath.Join(out, "charts", "*.png"))
			if len(pngs) != 2 {
				t.Errorf("%d charts, want 2", len(pngs))
			}
		})
	}
	// Bad input: a grid sweep, an unknown metric, a directory that is not a sweep.
	grid := filepath.Join(dir, "sw-grid")
	text := "name = \"g\"\nscenarios = [\"baseline\"]\ndesign = \"grid\"\nreplicates = 1\nmonths = 24\nwindow = 12\n\n[[factor]]\nkey = \"economy.lambda0\"\nvalues = [0.3, 0.5]\n"
	if err := os.WriteFile(filepath.Join(dir, "grid.toml"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, errs := govsim(t, context.Background(), "sweep", "-out", grid, filepath.Join(dir, "grid.toml")); code != 0 {
		t.Fatalf("grid sweep: %s", errs)
	}
	for _, args := range [][]string{
		{"analyze", grid},
		{"analyze", "-metrics", "nosuch", filepath.Join(dir, "sw-morris")},
		{"analyze", dir},
	} {
		if code, _, errs := govsim(t, context.Background(), args...); code != 2 {
			t.Errorf("%v: exit %d, want 2: %s", args, code, errs)
		}
	}
}

// TestAnalyzeParquet: analyze reads a sweep written as Parquet, with the
// same indices as from CSV.
func TestAnalyzeParquet(t *testing.T) {
	dir := t.TempDir()
	file := writeSweep(t, dir, "lhs", 12)
	var csvs [2][]byte
	for i, format := range []string{"csv", "parquet"} {
		out := filepath.Join(dir, "sw-"+format)
		if code, _, errs := govsim(t, context.Background(), "sweep", "-format", format, "-out", out, file); code != 0 {
			t.Fatalf("sweep: exit %d: %s", code, errs)
		}
		if code, _, errs := govsim(t, context.Background(), "analyze", "-metrics", "leakage_share", "-bootstrap", "50", out); code != 0 {
			t.Fatalf("analyze -format %s: exit %d: %s", format, code, errs)
		}
		csvs[i], _ = os.ReadFile(filepath.Join(out, "sensitivity.csv"))
	}
	if len(csvs[0]) == 0 || string(csvs[0]) != string(csvs[1]) {
		t.Errorf("indices from Parquet differ from those from CSV:\n%s\n%s", csvs[0], csvs[1])
	}
}
