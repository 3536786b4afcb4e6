package abc

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/exp/rand"
)

// twoParamConfig is the unidentified case, smaller: two dimensions, so the
// kernels are full matrices, and a boundary that forces redraws.
func twoParamConfig(seed uint64, kernel Kernel) Config {
	return Config{
		Prior:          Prior{{Name: "a", Low: -5, High: 5}, {Name: "b", Dist: LogUniform, Low: 0.1, High: 10}},
		N:              200,
		Kernel:         kernel,
		MaxGenerations: 6,
		MinAcceptance:  0.02,
		Seed:           seed,
	}
}

func twoParamDistance(t testing.TB) func(Candidate) (float64, error) {
	dist, err := NewDistance([]float64{knownYObs, 1}, []float64{1 / math.Sqrt(knownN), 1})
	if err != nil {
		t.Fatal(err)
	}
	return func(c Candidate) (float64, error) {
		// b enters weakly through a second, noisy summary.
		return dist.Of([]float64{meanOfNormals(c.Theta[0], c.Seed), math.Log(c.Theta[1]) / 4}), nil
	}
}

// drive runs a calibration the way a cluster would: candidates proposed in
// uneven batches, evaluated and told in shuffled chunks, some still out
// when a generation completes. When resumeAt ≥ 0, generation resumeAt is
// interrupted half way: its previous population and its evaluations so far
// go through text and the generation is rebuilt from them alone.
func drive(t *testing.T, cfg Config, distance func(Candidate) (float64, error), order uint64, resumeAt int) Result {
	t.Helper()
	rng := rand.New(rand.NewSource(order))
	var res Result
	gen, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for {
		var evals []Evaluation
		var out []Evaluation // evaluated by a worker, not yet told
		proposed, told := 0, 0
		interrupted := false
		for {
			st, err := gen.Status(evals)
			if err != nil {
				t.Fatal(err)
			}
			if st != Pending {
				if st == Abandoned {
					res.Stop = StopAcceptance
					return res
				}
				break
			}
			if gen.Number() == resumeAt && !interrupted && told >= cfg.N/2 {
				interrupted = true
				gen, evals = resume(t, cfg, gen, res, evals)
			}
			k, err := gen.More(proposed, evals)
			if err != nil {
				t.Fatal(err)
			}
			if k > 0 || len(out) == 0 {
				k = max(k+rng.Intn(40), 1) // a cluster rounds batches up
				for i := proposed; i < proposed+k; i++ {
					c, err := gen.Propose(i)
					if err != nil {
						t.Fatal(err)
					}
					d, err := distance(c)
					if err != nil {
						t.Fatal(err)
					}
					out = append(out, Evaluation{i, d})
				}
				proposed += k
				rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
			}
			m := 1 + rng.Intn(len(out))
			evals = append(evals, out[:m]...)
			out = out[m:]
			told += m
		}
		if gen.Number() == resumeAt && !interrupted {
			t.Fatalf("generation %d completed before the interruption", resumeAt)
		}
		pop, err := gen.Population(evals)
		if err != nil {
			t.Fatal(err)
		}
		res.Populations = append(res.Populations, pop)
		if res.Stop = cfg.Stop(pop); res.Stop != Continue {
			return res
		}
		if gen, err = Next(cfg, pop); err != nil {
			t.Fatal(err)
		}
	}
}

// resume throws gen away and rebuilds it from the previous population's
// rows and the evaluations, both written as text and read back.
func resume(t *testing.T, cfg Config, gen *Generation, res Result, evals []Evaluation) (*Generation, []Evaluation) {
	t.Helper()
	var text strings.Builder
	for _, e := range evals {
		fmt.Fprintf(&text, "%d,%s\n", e.Index, strconv.FormatFloat(e.Distance, 'g', -1, 64))
	}
	var back []Evaluation
	for line := range strings.Lines(text.String()) {
		var e Evaluation
		f := strings.Split(strings.TrimSpace(line), ",")
		e.Index, _ = strconv.Atoi(f[0])
		e.Distance, _ = strconv.ParseFloat(f[1], 64)
		back = append(back, e)
	}
	if gen.Number() == 0 {
		g, err := Start(cfg)
		if err != nil {
			t.Fatal(err)
		}
		return g, back
	}
	rows, err := parseRows(formatRows(res.Last().Rows()))
	if err != nil {
		t.Fatal(err)
	}
	prev, err := FromRows(rows)
	if err != nil {
		t.Fatal(err)
	}
	g, err := Next(cfg, prev)
	if err != nil {
		t.Fatal(err)
	}
	return g, back
}

// formatRows writes rows as CSV-like text, floats in the shortest form
// that reads back to the same bits, last row first (row order must not
// matter).
func formatRows(rows []Row) string {
	var b strings.Builder
	for i := len(rows) - 1; i >= 0; i-- {
		r := rows[i]
		f := []string{
			strconv.Itoa(r.Generation), strconv.FormatFloat(r.Epsilon, 'g', -1, 64),
			strconv.Itoa(r.Candidates), strconv.Itoa(r.Evaluated), strconv.Itoa(r.Redraws),
			strconv.Itoa(r.Index), strconv.FormatFloat(r.Weight, 'g', -1, 64), strconv.FormatFloat(r.Distance, 'g', -1, 64),
		}
		for _, x := range r.Theta {
			f = append(f, strconv.FormatFloat(x, 'g', -1, 64))
		}
		b.WriteString(strings.Join(f, ",") + "\n")
	}
	return b.String()
}

func parseRows(s string) ([]Row, error) {
	var rows []Row
	for line := range strings.Lines(s) {
		f := strings.Split(strings.TrimSpace(line), ",")
		if len(f) < 8 {
			return nil, fmt.Errorf("short row %q", line)
		}
		var ints [5]int
		for k, i := range []int{0, 2, 3, 4, 5} {
			v, err := strconv.Atoi(f[i])
			if err != nil {
				return nil, err
			}
			ints[k] = v
		}
		var fl []float64
		for _, i := range append([]int{1, 6, 7}, seq(8, len(f))...) {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return nil, err
			}
			fl = append(fl, v)
		}
		rows = append(rows, Row{
			Generation: ints[0], Candidates: ints[1], Evaluated: ints[2], Redraws: ints[3], Index: ints[4],
			Epsilon: fl[0], Weight: fl[1], Distance: fl[2], Theta: fl[3:],
		})
	}
	return rows, nil
}

func seq(a, b int) []int {
	var s []int
	for i := a; i < b; i++ {
		s = append(s, i)
	}
	return s
}

// sameRuns compares two calibrations bit for bit, except Evaluated, which
// counts a batch's overshoot and so depends on batching by design.
func sameRuns(t *testing.T, what string, want, got Result) {
	t.Helper()
	if want.Stop != got.Stop || len(want.Populations) != len(got.Populations) {
		t.Fatalf("%s: %d generations stopped by %q, want %d stopped by %q", what, len(got.Populations), got.Stop, len(want.Populations), want.Stop)
	}
	for g := range want.Populations {
		w, h := want.Populations[g], got.Populations[g]
		w.Evaluated, h.Evaluated = 0, 0
		if !reflect.DeepEqual(w, h) {
			t.Fatalf("%s: generation %d differs (ε %v vs %v, %d vs %d candidates)", what, g, h.Epsilon, w.Epsilon, h.Candidates, w.Candidates)
		}
	}
}

func TestSameInAnyOrderAndAfterResume(t *testing.T) {
	for _, kernel := range []Kernel{Global, Local} {
		cfg := twoParamConfig(42, kernel)
		dist := twoParamDistance(t)
		want, err := Run(context.Background(), cfg, dist)
		if err != nil {
			t.Fatal(err)
		}
		if len(want.Populations) < 4 {
			t.Fatalf("kernel %s: only %d generations; the test needs a few", kernel, len(want.Populations))
		}
		t.Logf("kernel %s: %d generations, stopped by %s, final ε %.3g, acceptance %.3f", kernel, len(want.Populations), want.Stop, want.Last().Epsilon, want.Last().Acceptance())
		for _, p := range want.Populations {
			checkWeights(t, p)
		}
		for order := uint64(1); order <= 3; order++ {
			sameRuns(t, fmt.Sprintf("kernel %s, shuffled order %d", kernel, order), want, drive(t, cfg, dist, order, -1))
		}
		for _, at := range []int{0, 1, 3} {
			sameRuns(t, fmt.Sprintf("kernel %s, resumed in generation %d", kernel, at), want, drive(t, cfg, dist, 9, at))
		}
		// A different seed is a different calibration.
		other, err := Run(context.Background(), twoParamConfig(43, kernel), dist)
		if err != nil {
			t.Fatal(err)
		}
		if reflect.DeepEqual(other.Populations[1].Particles, want.Populations[1].Particles) {
			t.Errorf("kernel %s: seeds 42 and 43 give the same generation 1", kernel)
		}
	}
}

// TestNextFromRows: a generation rebuilt from its predecessor's rows
// proposes the same candidates as one built from the population itself.
func TestNextFromRows(t *testing.T) {
	cfg := twoParamConfig(5, Global)
	cfg.MaxGenerations = 3
	res, err := Run(context.Background(), cfg, twoParamDistance(t))
	if err != nil {
		t.Fatal(err)
	}
	direct, err := Next(cfg, res.Last())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := parseRows(formatRows(res.Last().Rows()))
	if err != nil {
		t.Fatal(err)
	}
	pop, err := FromRows(rows)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(pop, res.Last()) {
		t.Fatal("population rebuilt from text rows differs")
	}
	rebuilt, err := Next(cfg, pop)
	if err != nil {
		t.Fatal(err)
	}
	if direct.Epsilon() != rebuilt.Epsilon() {
		t.Errorf("ε %v rebuilt, %v direct", rebuilt.Epsilon(), direct.Epsilon())
	}
	for i := range 500 {
		a, err1 := direct.Propose(i)
		b, err2 := rebuilt.Propose(i)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("candidate %d: %+v rebuilt, %+v direct", i, b, a)
		}
	}
}
