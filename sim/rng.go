package sim

// This file is the only one that imports a random number package, so the
// generator can be swapped without touching the model.

import (
	"math"
	"math/bits"

	"golang.org/x/exp/rand"
)

// Stream is one independent random stream. Every village owns one, and so
// does each run for its district-level draws; nothing reads a global source.
//
// The hot draws (Float64, Intn) step the PCG source directly: through
// rand.Rand each is a call on the Source interface, which the compiler
// cannot inline, and that call was a tenth of a run. They follow
// rand.Rand's algorithms exactly, on the same state, so every draw is the
// one rand.Rand would give (TestStreamMatchesRand).
type Stream struct {
	src rand.PCGSource
	r   *rand.Rand // the same source, for the rarer draws
}

// StreamKind separates the streams of one run so that adding draws to one
// phase never shifts the draws of another.
type StreamKind uint64

const (
	StreamVillage  StreamKind = 1 // per-village stream, phases 1–7
	StreamDistrict StreamKind = 2 // the run's own stream, phase 8 and set-up
	StreamInit     StreamKind = 3 // per-village stream for the initial state
	StreamPilot    StreamKind = 4 // per-reform stream choosing pilot villages
	StreamElection StreamKind = 5 // per-village stream, phase 7 (elections)
	StreamTrade    StreamKind = 6 // per-village stream, collective transactions (phase 2)
	StreamAudit    StreamKind = 7 // per-village stream, audits and the blame of economic disputes
)

// NewStream derives a stream from (master seed, replicate, kind, id) with the
// SplitMix64 finaliser, so nearby seeds and ids give unrelated streams.
func NewStream(seed uint64, replicate int, kind StreamKind, id int) *Stream {
	h := mix(seed ^ 0x9e3779b97f4a7c15)
	h = mix(h ^ uint64(replicate)*0xbf58476d1ce4e5b9)
	h = mix(h ^ uint64(kind)*0x94d049bb133111eb)
	h = mix(h ^ uint64(id+1)*0x2545f4914f6cdd1d)
	return seeded(h)
}

func seeded(h uint64) *Stream {
	s := &Stream{}
	s.src.Seed(h)
	s.r = rand.New(&s.src)
	return s
}

// Mix is the SplitMix64 finaliser, exported for deriving run seeds.
func Mix(x uint64) uint64 { return mix(x) }

func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Bound is a fixed upper bound for many Intn draws: the remainder that
// rand.Rand takes with a division is taken with a reciprocal instead
// (Barrett reduction): m = ⌊(2⁶⁴−1)/n⌋ is below 2⁶⁴/n by less than one,
// so the high word of v·m is ⌊v/n⌋ or one less, and one conditional
// subtraction corrects the remainder. Exact for every 64-bit draw and
// every bound (TestBoundMod). Powers of two, and a Bound made without
// NewBound, take rand.Rand's mask or division.
type Bound struct {
	n, m uint64
}

// NewBound prepares draws in [0, n); n must be positive.
func NewBound(n int) Bound {
	if n <= 0 {
		panic("sim: bound of a non-positive size")
	}
	b := Bound{n: uint64(n)}
	if b.n&(b.n-1) != 0 {
		b.m = math.MaxUint64 / b.n
	}
	return b
}

// mod is v mod n: two multiplications, no division.
func (b Bound) mod(v uint64) uint64 {
	if b.m == 0 {
		return v % b.n
	}
	q, _ := bits.Mul64(v, b.m)
	r := v - q*b.n
	if r >= b.n {
		r -= b.n
	}
	return r
}

// below is rand.Rand.Uint64n(b's n) on the concrete source: the same
// draws, rejected the same way, with the remainder taken through b.
func (s *Stream) below(b Bound) uint64 {
	n := b.n
	if n&(n-1) == 0 {
		return s.src.Uint64() & (n - 1)
	}
	v := s.src.Uint64()
	if v > math.MaxUint64-n {
		ceiling := math.MaxUint64 - math.MaxUint64%n
		for v >= ceiling {
			v = s.src.Uint64()
		}
	}
	return b.mod(v)
}

// Below is Intn(b's n), the same draw, faster.
func (s *Stream) Below(b Bound) int { return int(s.below(b)) }

// Float64 returns a uniform draw in [0, 1).
func (s *Stream) Float64() float64 {
	for {
		if f := float64(s.below(Bound{n: 1 << 53})) / (1 << 53); f != 1 {
			return f
		}
	}
}

// Float32 returns a uniform draw in [0, 1).
func (s *Stream) Float32() float32 { return s.r.Float32() }

// Intn returns a uniform integer in [0, n).
func (s *Stream) Intn(n int) int {
	if n <= 0 {
		panic("sim: Intn of a non-positive bound")
	}
	return int(s.below(Bound{n: uint64(n)})) // no reciprocal: one draw does not repay it
}

// Uniform returns a uniform draw in [a, b).
func (s *Stream) Uniform(a, b float64) float64 { return a + (b-a)*s.Float64() }

// Bernoulli returns true with probability p.
func (s *Stream) Bernoulli(p float64) bool { return s.Float64() < p }

// Norm returns a standard normal draw.
func (s *Stream) Norm() float64 { return s.r.NormFloat64() }

// LogNormal returns a draw with the given median and log standard deviation.
func (s *Stream) LogNormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*s.r.NormFloat64())
}

// Poisson returns a Poisson draw with mean lambda: Knuth's product method
// for small means, a rounded normal approximation above 30 where the
// product method gets slow and the approximation is within a percent.
func (s *Stream) Poisson(lambda float64) int {
	switch {
	case lambda <= 0 || math.IsNaN(lambda):
		return 0
	case lambda < 30:
		l := math.Exp(-lambda)
		k := 0
		p := s.Float64()
		for p > l {
			k++
			p *= s.Float64()
		}
		return k
	default:
		x := math.Round(lambda + math.Sqrt(lambda)*s.r.NormFloat64())
		if x < 0 {
			return 0
		}
		return int(x)
	}
}

// Binomial returns a Binomial(n, p) draw: direct for small n, Poisson or
// normal approximations for large n.
func (s *Stream) Binomial(n int, p float64) int {
	if n <= 0 || p <= 0 {
		return 0
	}
	if p >= 1 {
		return n
	}
	if n <= 40 {
		k := 0
		for i := 0; i < n; i++ {
			if s.Float64() < p {
				k++
			}
		}
		return k
	}
	mean := float64(n) * p
	if mean < 30 {
		k := s.Poisson(mean)
		if k > n {
			k = n
		}
		return k
	}
	x := math.Round(mean + math.Sqrt(mean*(1-p))*s.r.NormFloat64())
	if x < 0 {
		x = 0
	}
	if x > float64(n) {
		x = float64(n)
	}
	return int(x)
}

// Shuffle permutes n elements with swap.
func (s *Stream) Shuffle(n int, swap func(i, j int)) { s.r.Shuffle(n, swap) }
