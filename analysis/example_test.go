package analysis_test

import (
	"fmt"

	"github.com/govsim/govsim/analysis"
)

func ExampleSummarize() {
	// Eight replicates of one scenario's output.
	x := []float64{5.1, 4.9, 5.6, 5.8, 6.0, 5.4, 5.3, 5.9}
	s := analysis.Summarize(x, 0.95)
	fmt.Printf("n=%d mean=%.3f sd=%.3f\n", s.N, s.Mean, s.SD)
	fmt.Printf("median=%.3f IQR=[%.3f, %.3f]\n", s.Median, s.Q1, s.Q3)
	fmt.Printf("95%% CI [%.3f, %.3f] (±%.3f)\n", s.CILow, s.CIHigh, s.HalfWidth)
	// Output:
	// n=8 mean=5.500 sd=0.393
	// median=5.500 IQR=[5.250, 5.825]
	// 95% CI [5.172, 5.828] (±0.328)
}

func ExampleWelch() {
	// R's sleep data; compare with t.test(extra ~ group, data = sleep).
	drug1 := []float64{0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0}
	drug2 := []float64{1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4}
	d := analysis.Welch(drug1, drug2, 0.95)
	fmt.Printf("diff=%.2f 95%% CI [%.4f, %.4f]\n", d.Diff, d.Low, d.High)
	fmt.Printf("df=%.3f p=%.5f d=%.3f\n", d.DF, d.P, d.D)
	// Output:
	// diff=-1.58 95% CI [-3.3655, 0.2055]
	// df=17.776 p=0.07939 d=-0.832
}

func ExampleHolm() {
	// Four scenarios each compared with the baseline.
	p := []float64{0.01, 0.04, 0.03, 0.005}
	fmt.Printf("%.3f\n", analysis.Holm(p))
	// Output:
	// [0.030 0.060 0.060 0.020]
}

func ExampleCostEffectiveness() {
	// The composite rose 1.2 points for 300 million yuan more spending.
	fmt.Printf("%.2f points per 100 million yuan\n", analysis.CostEffectiveness(1.2, 3e8))
	// Output:
	// 0.40 points per 100 million yuan
}

func ExampleMorris() {
	// One trajectory over two parameters for y = 2·x0 + x1².
	points := [][]float64{{0, 0}, {0.5, 0}, {0.5, 1}}
	y := make([]float64, len(points))
	for i, x := range points {
		y[i] = 2*x[0] + x[1]*x[1]
	}
	idx, err := analysis.Morris(points, y, 2, 0, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range idx {
		fmt.Printf("x%d: mu*=%.2f mu=%.2f\n", m.Param, m.MuStar, m.Mu)
	}
	// Output:
	// x0: mu*=2.00 mu=2.00
	// x1: mu*=1.00 mu=1.00
}

func ExampleSplitSaltelli() {
	// Outputs of a Saltelli design with k = 2 and two base rows, in run
	// order: A, B, AB_0, AB_1 for row 0, then the same for row 1.
	y := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	yA, yB, yAB, err := analysis.SplitSaltelli(y, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("runs per row:", analysis.SaltelliLayout(2))
	fmt.Println("yA:", yA, "yB:", yB, "yAB:", yAB)
	// Output:
	// runs per row: 4
	// yA: [1 5] yB: [2 6] yAB: [[3 7] [4 8]]
}

func ExampleRobustnessAcross() {
	// A metric where higher is better, at five design points, for the
	// reference package (0) and two reform packages run with the same seeds.
	values := [][]float64{
		{0.50, 0.40, 0.60, 0.55, 0.45},
		{0.58, 0.41, 0.59, 0.65, 0.52},
		{0.52, 0.40, 0.70, 0.50, 0.44},
	}
	rows, err := analysis.RobustnessAcross(values, 0, true, 0.95)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range rows {
		fmt.Printf("package %d: better at %.0f%% of %d points [%.2f, %.2f]; mean diff %+.3f; regret max %.2f\n",
			r.Package, 100*r.PBetter, r.Points, r.PBetterLow, r.PBetterHigh, r.MeanDiff, r.RegretMax)
	}
	// Output:
	// package 1: better at 80% of 5 points [0.38, 0.96]; mean diff +0.050; regret max 0.11
	// package 2: better at 40% of 5 points [0.12, 0.77]; mean diff +0.012; regret max 0.15
}

func ExampleWilson() {
	low, high := analysis.Wilson(7, 20, 0.95)
	fmt.Printf("7 of 20: [%.4f, %.4f]\n", low, high)
	low, high = analysis.Wilson(0, 10, 0.95)
	fmt.Printf("0 of 10: [%.4f, %.4f]\n", low, high)
	// Output:
	// 7 of 20: [0.1812, 0.5671]
	// 0 of 10: [0.0000, 0.2775]
}

func ExampleKS() {
	// A parameter's values where a package succeeded and where it failed.
	succeeded := []float64{0.61, 0.72, 0.55, 0.80, 0.93, 0.67}
	failed := []float64{0.12, 0.35, 0.58, 0.21, 0.44}
	d, p := analysis.KS(succeeded, failed)
	fmt.Printf("d=%.3f p=%.4f\n", d, p)
	// Output:
	// d=0.833 p=0.0183
}
