package analysis

import (
	"math"
	"slices"
	"testing"

	"golang.org/x/exp/rand"
)

// R's built-in sleep data: extra hours of sleep under two drugs.
var (
	sleep1 = []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0}
	sleep2 = []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4}
)

func TestWelchSleep(t *testing.T) {
	// Published output of R's t.test(extra ~ group, data = sleep):
	//   t = -1.8608, df = 17.776, p-value = 0.07939
	//   95 percent confidence interval: -3.3654832  0.2054832
	//   mean in group 1 0.75, mean in group 2 2.33
	got := Welch(sleep1, sleep2, 0.95)

	// Independent hand computation of the same quantities.
	m1, m2 := 0.75, 2.33
	var ss1, ss2 float64
	for _, v := range sleep1 {
		ss1 += (v - m1) * (v - m1)
	}
	for _, v := range sleep2 {
		ss2 += (v - m2) * (v - m2)
	}
	v1, v2 := ss1/9, ss2/9
	e1, e2 := v1/10, v2/10
	se := math.Sqrt(e1 + e2)
	df := (e1 + e2) * (e1 + e2) / (e1*e1/9 + e2*e2/9)
	tStat := (m1 - m2) / se
	d := (m1 - m2) / math.Sqrt((9*v1+9*v2)/18)

	checks := []struct {
		name           string
		got, want, tol float64
	}{
		{"Diff", got.Diff, m1 - m2, 1e-12},
		{"DF vs formula", got.DF, df, 1e-9},
		{"DF vs R", got.DF, 17.776, 5e-4},
		{"t implied by the CI, vs R", got.Diff / ((got.High - got.Low) / 2 / tCritical(0.95, got.DF)), -1.8608, 5e-5},
		{"t vs formula", tStat, -1.8608, 5e-5},
		{"P vs R", got.P, 0.07939, 5e-6},
		{"Low vs R", got.Low, -3.3654832, 1e-6},
		{"High vs R", got.High, 0.2054832, 1e-6},
		{"D vs formula", got.D, d, 1e-12},
		{"D", got.D, -0.8321811, 1e-6},
	}
	for _, c := range checks {
		if !near(c.got, c.want, c.tol) {
			t.Errorf("%s = %.8g, want %.8g (±%g)", c.name, c.got, c.want, c.tol)
		}
	}
}

func TestWelchSymmetry(t *testing.T) {
	// Swapping the groups flips the sign of the difference and its interval
	// but leaves the test itself unchanged.
	a, b := Welch(sleep1, sleep2, 0.9), Welch(sleep2, sleep1, 0.9)
	if !near(a.Diff, -b.Diff, 1e-12) || !near(a.Low, -b.High, 1e-12) || !near(a.High, -b.Low, 1e-12) ||
		!near(a.P, b.P, 1e-12) || !near(a.DF, b.DF, 1e-12) || !near(a.D, -b.D, 1e-12) {
		t.Errorf("Welch not antisymmetric:\n%+v\n%+v", a, b)
	}
}

func TestWelchDegenerate(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name   string
		x, ref []float64
		level  float64
		want   Diff
	}{
		{
			name: "both constant, equal",
			x:    []float64{2, 2, 2}, ref: []float64{2, 2},
			level: 0.95,
			want:  Diff{Diff: 0, Low: 0, High: 0, P: 1, D: 0, DF: nan},
		},
		{
			name: "both constant, different",
			x:    []float64{3, 3, 3}, ref: []float64{2, 2},
			level: 0.95,
			want:  Diff{Diff: 1, Low: 1, High: 1, P: 0, D: inf, DF: nan},
		},
		{
			name: "both constant, different, negative",
			x:    []float64{1, 1}, ref: []float64{2, 2},
			level: 0.95,
			want:  Diff{Diff: -1, Low: -1, High: -1, P: 0, D: -inf, DF: nan},
		},
		{
			// Only ref varies: se² = 1/3, DF = n_ref − 1 = 2, t = −√3.
			// t_{0.975,2} = 4.3027; P = 2·(1 − T_2(√3)) = 0.2254 (t table:
			// T_2(t) = 1/2 + t/(2√(2+t²))).
			name: "one group constant",
			x:    []float64{1, 1, 1}, ref: []float64{1, 2, 3},
			level: 0.95,
			want: Diff{
				Diff: -1, DF: 2, P: 1 - math.Sqrt(3)/math.Sqrt(5),
				Low: -1 - 4.3027*math.Sqrt(1.0/3), High: -1 + 4.3027*math.Sqrt(1.0/3),
				D: -1 / math.Sqrt(0.5), // pooled variance (2·0 + 2·1)/4
			},
		},
		{
			name: "too few in x",
			x:    []float64{5}, ref: []float64{1, 2, 3},
			level: 0.95,
			want:  Diff{Diff: 3, Low: nan, High: nan, P: nan, D: nan, DF: nan},
		},
		{
			name: "empty ref",
			x:    []float64{1, 2}, ref: nil,
			level: 0.95,
			want:  Diff{Diff: nan, Low: nan, High: nan, P: nan, D: nan, DF: nan},
		},
		{
			name: "NaN in x",
			x:    []float64{1, nan, 3}, ref: []float64{1, 2, 3},
			level: 0.95,
			want:  Diff{Diff: nan, Low: nan, High: nan, P: nan, D: nan, DF: nan},
		},
		{
			name: "invalid level keeps the test",
			x:    []float64{1, 1, 1}, ref: []float64{1, 2, 3},
			level: 1.5,
			want: Diff{
				Diff: -1, DF: 2, P: 1 - math.Sqrt(3)/math.Sqrt(5),
				Low: nan, High: nan, D: -1 / math.Sqrt(0.5), // pooled variance (2·0 + 2·1)/4
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Welch(tt.x, tt.ref, tt.level)
			fields := []struct {
				name      string
				got, want float64
			}{
				{"Diff", got.Diff, tt.want.Diff},
				{"Low", got.Low, tt.want.Low},
				{"High", got.High, tt.want.High},
				{"P", got.P, tt.want.P},
				{"D", got.D, tt.want.D},
				{"DF", got.DF, tt.want.DF},
			}
			for _, f := range fields {
				if !near(f.got, f.want, 1e-4) {
					t.Errorf("%s = %v, want %v", f.name, f.got, f.want)
				}
			}
		})
	}
}

func TestHolm(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name    string
		p, want []float64
	}{
		{"textbook", []float64{0.01, 0.04, 0.03, 0.005}, []float64{0.03, 0.06, 0.06, 0.02}},
		{"single", []float64{0.2}, []float64{0.2}},
		{"empty", []float64{}, []float64{}},
		{"ties", []float64{0.01, 0.01, 0.5}, []float64{0.03, 0.03, 0.5}},
		{"capped at 1", []float64{0.5, 0.6}, []float64{1, 1}},
		{"monotone step-down", []float64{0.001, 0.02, 0.019}, []float64{0.003, 0.038, 0.038}},
		{"NaN ignored in count", []float64{0.01, nan, 0.04}, []float64{0.02, nan, 0.04}},
		{"out of range treated as NaN", []float64{-0.1, 0.02, 1.5}, []float64{nan, 0.02, nan}},
		{"all NaN", []float64{nan, nan}, []float64{nan, nan}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.p)
			got := Holm(tt.p)
			if len(got) != len(tt.want) {
				t.Fatalf("len = %d, want %d", len(got), len(tt.want))
			}
			for i := range got {
				if !near(got[i], tt.want[i], 1e-12) {
					t.Errorf("Holm(%v) = %v, want %v", in, got, tt.want)
					break
				}
			}
			for i := range in {
				if !near(tt.p[i], in[i], 0) {
					t.Errorf("Holm modified its input: %v → %v", in, tt.p)
					break
				}
			}
		})
	}
}

// TestHolmProperties checks, on many random families, what any correct
// Holm adjustment must satisfy: it never lowers a p-value, never exceeds 1
// or the Bonferroni value m·p, and preserves the order of the inputs.
func TestHolmProperties(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for trial := range 2000 {
		m := 1 + rng.Intn(12)
		p := make([]float64, m)
		for i := range p {
			switch u := rng.Float64(); {
			case u < 0.1:
				p[i] = math.NaN()
			case u < 0.2:
				p[i] = float64(rng.Intn(3)) * 0.01 // ties, including 0
			default:
				p[i] = rng.Float64() * rng.Float64() // skewed towards 0
			}
		}
		valid := 0
		for _, v := range p {
			if !math.IsNaN(v) {
				valid++
			}
		}
		adj := Holm(p)
		for i := range p {
			if math.IsNaN(p[i]) {
				if !math.IsNaN(adj[i]) {
					t.Fatalf("trial %d: NaN input %d gave %v", trial, i, adj[i])
				}
				continue
			}
			if adj[i] < p[i] || adj[i] > 1 || adj[i] > float64(valid)*p[i]+1e-15 {
				t.Fatalf("trial %d: p=%v adj=%v: adj[%d] outside [p, min(1, m·p)]", trial, p, adj, i)
			}
			for j := range p {
				if !math.IsNaN(p[j]) && p[i] <= p[j] && adj[i] > adj[j] {
					t.Fatalf("trial %d: p=%v adj=%v: order not preserved at %d, %d", trial, p, adj, i, j)
				}
			}
		}
	}
}

func TestCostEffectiveness(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		dComposite, dSpending, want float64
	}{
		{2, 5e8, 0.4},   // 2 points for 5 × 100 million yuan
		{0.3, 1e8, 0.3}, // exactly one unit
		{-1, 2e7, -5},   // worse and dearer
		{1, -1e8, -1},   // better and cheaper
		{1, 0, nan},     // free effect has no ratio
		{0, 0, nan},     //
		{nan, 1e8, nan}, //
		{1, nan, nan},   //
	}
	for _, tt := range tests {
		if got := CostEffectiveness(tt.dComposite, tt.dSpending); !near(got, tt.want, 1e-12) {
			t.Errorf("CostEffectiveness(%v, %v) = %v, want %v", tt.dComposite, tt.dSpending, got, tt.want)
		}
	}
}
