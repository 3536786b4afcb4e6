package table

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
)

// Part is one finished run of a sweep: what the final tables need of it.
// Parts are binary, so values come back bit for bit, and end in a checksum,
// so a damaged file is recognised and redone instead of assembled.
type Part struct {
	Run, Point, Scenario, Replicate int
	Seed                            uint64
	Tail                            []float64 // per metric: mean over the window (NaN: never defined)
	Months                          int       // rows of Monthly; 0 without -monthly
	Monthly                         []float64 // Months × metrics, row-major; NaN where undefined
}

// partMagic starts every part file; the digit is the format's version.
var partMagic = [8]byte{'g', 'v', 's', 'p', 'a', 'r', 't', '1'}

// part layout: magic, sweep id (32 bytes), run, point, scenario,
// replicate, seed, metrics, months (8 bytes each), tail, monthly (8 bytes a
// value), CRC-32C of all before (4 bytes).
const partHeader = 8 + 32 + 7*8

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// partSize is the size of a part with m metrics and n months.
func partSize(m, n int) int { return partHeader + 8*m*(1+n) + 4 }

// AppendPart encodes p for the sweep with the given id (hex).
func AppendPart(b []byte, sweepID string, p *Part) []byte {
	id, err := hex.DecodeString(sweepID)
	if err != nil || len(id) != 32 {
		panic("output: sweep id is not 64 hex digits: " + sweepID)
	}
	start := len(b)
	b = append(b, partMagic[:]...)
	b = append(b, id...)
	for _, x := range []uint64{uint64(p.Run), uint64(p.Point), uint64(p.Scenario), uint64(p.Replicate), p.Seed, uint64(len(p.Tail)), uint64(p.Months)} {
		b = binary.LittleEndian.AppendUint64(b, x)
	}
	for _, x := range p.Tail {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	for _, x := range p.Monthly[:p.Months*len(p.Tail)] {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(x))
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b[start:], castagnoli))
}

// errBadPart says a part file is damaged or belongs to another sweep.
var errBadPart = errors.New("damaged part")

// DecodePart decodes a part of the sweep with the given id and metric
// count into p, reusing p's slices.
func DecodePart(b []byte, sweepID string, metrics int, p *Part) error {
	if len(b) < partHeader+4 || [8]byte(b[:8]) != partMagic {
		return fmt.Errorf("%w: not a govsim part file", errBadPart)
	}
	body, sum := b[:len(b)-4], binary.LittleEndian.Uint32(b[len(b)-4:])
	if crc32.Checksum(body, castagnoli) != sum {
		return fmt.Errorf("%w: checksum mismatch", errBadPart)
	}
	if hex.EncodeToString(b[8:40]) != sweepID {
		return fmt.Errorf("%w: the part belongs to sweep %s", errBadPart, hex.EncodeToString(b[8:14]))
	}
	var h [7]uint64
	for i := range h {
		h[i] = binary.LittleEndian.Uint64(b[40+8*i:])
	}
	if int(h[5]) != metrics || h[6] > 1200 || len(b) != partSize(metrics, int(h[6])) {
		return fmt.Errorf("%w: %d metrics and %d months do not fit its %d bytes", errBadPart, h[5], h[6], len(b))
	}
	p.Run, p.Point, p.Scenario, p.Replicate, p.Seed, p.Months = int(h[0]), int(h[1]), int(h[2]), int(h[3]), h[4], int(h[6])
	vals := b[partHeader : len(b)-4]
	p.Tail = resize(p.Tail, metrics)
	for i := range p.Tail {
		p.Tail[i] = math.Float64frombits(binary.LittleEndian.Uint64(vals[8*i:]))
	}
	vals = vals[8*metrics:]
	p.Monthly = resize(p.Monthly, p.Months*metrics)
	for i := range p.Monthly {
		p.Monthly[i] = math.Float64frombits(binary.LittleEndian.Uint64(vals[8*i:]))
	}
	// A recorder writes means of finite values or NaN (never defined);
	// anything else came from elsewhere.
	for _, xs := range [][]float64{p.Tail, p.Monthly} {
		for _, x := range xs {
			if math.IsInf(x, 0) {
				return fmt.Errorf("%w: an infinite value", errBadPart)
			}
		}
	}
	return nil
}

func resize(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// SweepRecorder observes one sweep run: the mean of every district metric
// over the final window months and, with monthly, every month's values. It
// holds one run's numbers only, so memory does not grow with the sweep.
type SweepRecorder struct {
	tailFrom int
	sum, n   []float64
	last     []float64
	monthly  []float64 // months × metrics, or nil
	metrics  int
}

// NewSweepRecorder prepares a run of months months with metrics district
// metrics; the window is the final window months.
func NewSweepRecorder(metrics, months, window int, monthly bool) *SweepRecorder {
	r := &SweepRecorder{tailFrom: months - window, metrics: metrics,
		sum: make([]float64, metrics), n: make([]float64, metrics), last: make([]float64, metrics)}
	for i := range r.last {
		r.last[i] = math.NaN()
	}
	if monthly {
		r.monthly = make([]float64, months*metrics)
		for i := range r.monthly {
			r.monthly[i] = math.NaN()
		}
	}
	return r
}

// District records one month.
func (r *SweepRecorder) District(month int, values []float64) error {
	if r.monthly != nil && month*r.metrics < len(r.monthly) {
		copy(r.monthly[month*r.metrics:], values)
	}
	for i, x := range values {
		if math.IsNaN(x) {
			continue
		}
		if month >= r.tailFrom {
			r.sum[i] += x
			r.n[i]++
		}
		r.last[i] = x
	}
	return nil
}

// Village ignores village metrics: sweeps summarise the district.
func (r *SweepRecorder) Village(int, int, []float64) error { return nil }

// Part returns the run's part. A metric never defined in the window (one
// measured at elections, say) takes its last value, NaN if it never had
// one, as in the final-years table of govsim run.
func (r *SweepRecorder) Part(run, point, scenario, replicate int, seed uint64) *Part {
	p := &Part{Run: run, Point: point, Scenario: scenario, Replicate: replicate, Seed: seed,
		Tail: make([]float64, r.metrics), Monthly: r.monthly}
	for i := range p.Tail {
		if r.n[i] > 0 {
			p.Tail[i] = r.sum[i] / r.n[i]
		} else {
			p.Tail[i] = r.last[i]
		}
	}
	if r.metrics > 0 {
		p.Months = len(r.monthly) / r.metrics
	}
	return p
}
