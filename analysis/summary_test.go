package analysis

import (
	"math"
	"slices"
	"testing"
)

// near reports whether got is within tol of want, treating NaN as equal to
// NaN so expected-NaN cases can share the table.
func near(got, want, tol float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	if math.IsInf(want, 0) {
		return got == want
	}
	return math.Abs(got-want) <= tol
}

func TestTCritical(t *testing.T) {
	tests := []struct {
		level, df, want float64
	}{
		{0.95, 7, 2.3646},  // textbook t table
		{0.95, 1, 12.7062}, // textbook t table
		{0.99, 10, 3.1693}, // textbook t table
		{0.90, 30, 1.6973}, // textbook t table
		{0, 7, math.NaN()},
		{1, 7, math.NaN()},
		{0.95, 0, math.NaN()},
	}
	for _, tt := range tests {
		if got := tCritical(tt.level, tt.df); !near(got, tt.want, 1e-4) {
			t.Errorf("tCritical(%v, %v) = %v, want %v", tt.level, tt.df, got, tt.want)
		}
	}
}

func TestSummarize(t *testing.T) {
	nan := math.NaN()
	// Textbook case: mean 5.5, Σ(x−x̄)² = 1.08, so SD = √(1.08/7), and the
	// 95% interval uses t_{0.975,7} = 2.3646 from a t table.
	textbookSD := math.Sqrt(1.08 / 7)
	textbookHW := 2.3646 * textbookSD / math.Sqrt(8)

	tests := []struct {
		name  string
		x     []float64
		level float64
		want  Summary
	}{
		{
			name:  "textbook t interval",
			x:     []float64{5.1, 4.9, 5.6, 5.8, 6.0, 5.4, 5.3, 5.9},
			level: 0.95,
			// Quartiles as R's quantile(x) gives them: 5.25, 5.5, 5.825.
			want: Summary{
				N: 8, Mean: 5.5, SD: textbookSD, Median: 5.5, Q1: 5.25, Q3: 5.825, IQR: 0.575,
				CILow: 5.5 - textbookHW, CIHigh: 5.5 + textbookHW, HalfWidth: textbookHW,
			},
		},
		{
			name:  "odd n median is the middle value",
			x:     []float64{3, 1, 2},
			level: 0.95,
			// t_{0.975,2} = 4.3027; SD = 1. R: quantile(1:3) = 1.5 2 2.5.
			want: Summary{
				N: 3, Mean: 2, SD: 1, Median: 2, Q1: 1.5, Q3: 2.5, IQR: 1,
				CILow: 2 - 4.3027/math.Sqrt(3), CIHigh: 2 + 4.3027/math.Sqrt(3), HalfWidth: 4.3027 / math.Sqrt(3),
			},
		},
		{
			name:  "single replicate has no interval",
			x:     []float64{3},
			level: 0.95,
			want:  Summary{N: 1, Mean: 3, SD: nan, Median: 3, Q1: 3, Q3: 3, IQR: 0, CILow: nan, CIHigh: nan, HalfWidth: nan},
		},
		{
			name:  "empty",
			x:     nil,
			level: 0.95,
			want:  Summary{N: 0, Mean: nan, SD: nan, Median: nan, Q1: nan, Q3: nan, IQR: nan, CILow: nan, CIHigh: nan, HalfWidth: nan},
		},
		{
			name:  "failed run poisons the summary",
			x:     []float64{1, nan, 3},
			level: 0.95,
			want:  Summary{N: 3, Mean: nan, SD: nan, Median: nan, Q1: nan, Q3: nan, IQR: nan, CILow: nan, CIHigh: nan, HalfWidth: nan},
		},
		{
			name:  "invalid level",
			x:     []float64{1, 2, 3},
			level: 95,
			want:  Summary{N: 3, Mean: 2, SD: 1, Median: 2, Q1: 1.5, Q3: 2.5, IQR: 1, CILow: nan, CIHigh: nan, HalfWidth: nan},
		},
		{
			name:  "even n median averages the middle pair",
			x:     []float64{4, 3, 2, 1},
			level: 0.95,
			// R: quantile(1:4) = 1.75 2.5 3.25; SD = √(5/3); t_{0.975,3} = 3.1824.
			want: Summary{
				N: 4, Mean: 2.5, SD: math.Sqrt(5.0 / 3), Median: 2.5, Q1: 1.75, Q3: 3.25, IQR: 1.5,
				CILow:     2.5 - 3.1824*math.Sqrt(5.0/3)/2,
				CIHigh:    2.5 + 3.1824*math.Sqrt(5.0/3)/2,
				HalfWidth: 3.1824 * math.Sqrt(5.0/3) / 2,
			},
		},
		{
			name:  "constant sample has zero-width interval",
			x:     []float64{4, 4, 4, 4},
			level: 0.95,
			want:  Summary{N: 4, Mean: 4, SD: 0, Median: 4, Q1: 4, Q3: 4, IQR: 0, CILow: 4, CIHigh: 4, HalfWidth: 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.x)
			got := Summarize(tt.x, tt.level)
			if !slices.Equal(in, tt.x) && !slices.ContainsFunc(in, math.IsNaN) {
				t.Errorf("Summarize modified its input: %v → %v", in, tt.x)
			}
			if got.N != tt.want.N {
				t.Errorf("N = %d, want %d", got.N, tt.want.N)
			}
			fields := []struct {
				name      string
				got, want float64
			}{
				{"Mean", got.Mean, tt.want.Mean},
				{"SD", got.SD, tt.want.SD},
				{"Median", got.Median, tt.want.Median},
				{"Q1", got.Q1, tt.want.Q1},
				{"Q3", got.Q3, tt.want.Q3},
				{"IQR", got.IQR, tt.want.IQR},
				{"CILow", got.CILow, tt.want.CILow},
				{"CIHigh", got.CIHigh, tt.want.CIHigh},
				{"HalfWidth", got.HalfWidth, tt.want.HalfWidth},
			}
			for _, f := range fields {
				if !near(f.got, f.want, 1e-3) {
					t.Errorf("%s = %v, want %v", f.name, f.got, f.want)
				}
			}
		})
	}
}
