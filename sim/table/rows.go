package table

import (
	"math"
	"strconv"
)

// RunRows collects one run's rows as CSV text in memory, so that runs can
// finish in any order and still be written in run order.
type RunRows struct {
	Scenario     string
	Replicate    int
	Seed         uint64
	DistrictRows []byte // rows of monthly.csv
	VillageRows  []byte // rows of villages.csv
	// Rows counts the rows of each table, monthly and villages, that the
	// manifest pins (ManifestRun.MonthlyRows, VillageRows).
	Rows [2]int64

	prefix   []byte     // "scenario,replicate,seed,"
	typed    *typedRows // Parquet output: rows kept as values, not CSV text
	dNames   []string
	vNames   []string
	tailFrom int
	tailSum  []float64
	tailN    []float64
	last     []float64
}

// NewRunRows prepares the rows of one run. Metric values arrive indexed like
// districtNames and villageNames; the means of district metrics over months
// ≥ tailFrom are kept for the final-years table (Tail).
func NewRunRows(scenario string, replicate int, seed uint64, districtNames, villageNames []string, tailFrom int) *RunRows {
	p := appendField(nil, scenario)
	p = append(p, ',')
	p = strconv.AppendInt(p, int64(replicate), 10)
	p = append(p, ',')
	p = strconv.AppendUint(p, seed, 10)
	p = append(p, ',')
	last := make([]float64, len(districtNames))
	for i := range last {
		last[i] = math.NaN()
	}
	return &RunRows{Scenario: scenario, Replicate: replicate, Seed: seed, prefix: p, dNames: districtNames, vNames: villageNames, tailFrom: tailFrom,
		tailSum: make([]float64, len(districtNames)), tailN: make([]float64, len(districtNames)),
		last: last}
}

// District records one month of district metrics; NaN values are skipped.
func (r *RunRows) District(month int, values []float64) error {
	for i, x := range values {
		if math.IsNaN(x) {
			continue
		}
		r.Rows[0]++
		if r.typed != nil {
			r.typed.district = append(r.typed.district, typedRow{month: int32(month), metric: uint16(i), value: x})
			r.tail(i, month, x)
			continue
		}
		b := append(r.DistrictRows, r.prefix...)
		b = strconv.AppendInt(b, int64(month), 10)
		b = append(b, ',')
		b = append(b, r.dNames[i]...)
		b = append(b, ',')
		b = AppendValue(b, x)
		r.DistrictRows = append(b, '\n')
		r.tail(i, month, x)
	}
	return nil
}

// tail accumulates the final-window mean of district metric i.
func (r *RunRows) tail(i, month int, x float64) {
	if month >= r.tailFrom {
		r.tailSum[i] += x
		r.tailN[i]++
	}
	r.last[i] = x
}

// Village records one village's metrics; NaN values are skipped.
func (r *RunRows) Village(month, village int, values []float64) error {
	for i, x := range values {
		if math.IsNaN(x) {
			continue
		}
		r.Rows[1]++
		if r.typed != nil {
			r.typed.villages = append(r.typed.villages, typedRow{month: int32(month), village: int32(village), metric: uint16(i), value: x})
			continue
		}
		b := append(r.VillageRows, r.prefix...)
		b = strconv.AppendInt(b, int64(month), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(village), 10)
		b = append(b, ',')
		b = append(b, r.vNames[i]...)
		b = append(b, ',')
		b = AppendValue(b, x)
		r.VillageRows = append(b, '\n')
	}
	return nil
}

// Tail returns the mean of each district metric over the final months; a
// metric not defined there (one measured at elections, say) gives its last
// value instead, and NaN if it was never defined.
func (r *RunRows) Tail() []float64 {
	out := make([]float64, len(r.tailSum))
	for i := range out {
		switch {
		case r.tailN[i] > 0:
			out[i] = r.tailSum[i] / r.tailN[i]
		default:
			out[i] = r.last[i]
		}
	}
	return out
}

// AppendValue formats a value with the fewest digits that read back to the
// same float64, so files are exact and byte-identical across runs.
func AppendValue(b []byte, x float64) []byte {
	return strconv.AppendFloat(b, x, 'g', -1, 64)
}

// appendField quotes a CSV field when it needs it.
func appendField(b []byte, s string) []byte {
	need := false
	for _, c := range s {
		if c == ',' || c == '"' || c == '\n' || c == '\r' {
			need = true
			break
		}
	}
	if !need {
		return append(b, s...)
	}
	b = append(b, '"')
	for _, c := range s {
		if c == '"' {
			b = append(b, '"')
		}
		b = append(b, string(c)...)
	}
	return append(b, '"')
}
