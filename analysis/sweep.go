package analysis

import (
	"fmt"
	"io"
	"math"
	"strconv"
)

// PointMeans holds, for each scenario and metric, the mean over replicates
// of a sweep's per-run results at each design point.
type PointMeans map[string]map[string][]float64

// ReadResults reads a sweep's results.csv (run_id,point,scenario,replicate,
// seed,metric,value) and averages each metric over replicates per point.
// Points with no result are NaN.
func ReadResults(r io.Reader, name string, points int) (PointMeans, error) {
	sum := map[string]map[string][]float64{}
	cnt := map[string]map[string][]float64{}
	err := eachRow(r, name, resultsHeader, "", func(line int, f []string) error {
		p, e1 := strconv.Atoi(f[1])
		v, e2 := strconv.ParseFloat(f[6], 64)
		if e1 != nil || e2 != nil || p < 0 || p >= points {
			return fmt.Errorf("%s:%d: bad point or value", name, line)
		}
		sc, m := f[2], f[5]
		if sum[sc] == nil {
			sum[sc], cnt[sc] = map[string][]float64{}, map[string][]float64{}
		}
		if sum[sc][m] == nil {
			sum[sc][m], cnt[sc][m] = make([]float64, points), make([]float64, points)
		}
		if !math.IsNaN(v) {
			sum[sc][m][p] += v
			cnt[sc][m][p]++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	out := PointMeans{}
	for sc, ms := range sum {
		out[sc] = map[string][]float64{}
		for m, xs := range ms {
			y := make([]float64, points)
			for i := range y {
				y[i] = math.NaN()
				if c := cnt[sc][m][i]; c > 0 {
					y[i] = xs[i] / c
				}
			}
			out[sc][m] = y
		}
	}
	return out, nil
}
