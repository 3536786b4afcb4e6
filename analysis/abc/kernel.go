package abc

import (
	"fmt"
	"math"

	"golang.org/x/exp/rand"
	"gonum.org/v1/gonum/mat"
)

// Kernel chooses the perturbation kernel that moves a resampled parent.
type Kernel string

const (
	// Global is a multivariate normal centred on the parent whose
	// covariance is twice the weighted covariance of the previous
	// population, the same for every parent (Beaumont, Cornuet, Marin &
	// Robert 2009). The default ("").
	//
	// Both kernels perturb parameters on their natural scale, log-uniform
	// ones too, as pyABC does; the prior density in the weights accounts
	// for the prior whatever the scale of the perturbation.
	Global Kernel = "global"
	// Local is the optimal local covariance matrix kernel (OLCM) of
	// Filippi, Barnes, Cornebise & Stumpf (2013): parent j gets the
	// covariance Σ_j = Σ_k ω_k (θ_k − θ_j)(θ_k − θ_j)ᵀ over the previous
	// particles k whose distance is already within the new tolerance,
	// weighted by their renormalised weights ω_k. Near the posterior's
	// bulk it proposes more narrowly than Global, so more candidates are
	// accepted once the tolerance is small, at the cost of one Cholesky
	// factor per parent. The narrower proposal has lighter tails, so a
	// rare accepted candidate far out can take a large weight: in the
	// package's normal-mean test over 40 seeds, the posterior SD's error
	// had an RMS of 4.8% with Local (one seed +20%, from one particle of
	// weight 0.027, the generation's ESS falling from about 900 to 542)
	// against 3.1% (at most 8.5%) with Global, which needed 17% more
	// simulations (36 655 against 31 438 a calibration; the package's
	// TestKernelSpread regenerates these figures). A drop in
	// [Population.ESS] flags such a generation.
	Local Kernel = "local"
)

// mvn is a zero-mean multivariate normal given by the lower Cholesky factor
// of its covariance, stored row-major.
type mvn struct {
	d       int
	l       []float64
	logNorm float64 // −(d/2) log 2π − log det L
}

// newMVN factorises the d×d row-major covariance cov. When cov is not
// positive definite (a population collapsed onto a point or a line), it
// loads the diagonal by the first of a few steps, in units of each
// parameter's squared prior range, that makes it so; the first step is
// none, so a well-conditioned covariance is used as it is.
func newMVN(cov []float64, prior Prior) (mvn, error) {
	ridgeSteps := [...]float64{0, 1e-12, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2}
	d := len(prior)
	for _, step := range ridgeSteps {
		s := mat.NewSymDense(d, nil)
		for i := range d {
			for j := i; j < d; j++ {
				s.SetSym(i, j, cov[i*d+j])
			}
			w := prior[i].High - prior[i].Low
			s.SetSym(i, i, cov[i*d+i]+step*w*w)
		}
		var ch mat.Cholesky
		if !ch.Factorize(s) {
			continue
		}
		var lt mat.TriDense
		ch.LTo(&lt)
		k := mvn{d: d, l: make([]float64, d*d)}
		for i := range d {
			for j := 0; j <= i; j++ {
				k.l[i*d+j] = lt.At(i, j)
			}
		}
		k.logNorm = -0.5*float64(d)*math.Log(2*math.Pi) - 0.5*ch.LogDet()
		if isFinite(k.logNorm) {
			return k, nil
		}
	}
	return mvn{}, fmt.Errorf("kernel covariance is not positive definite even with a diagonal load of %g of each squared range", ridgeSteps[len(ridgeSteps)-1])
}

// draw sets out = mean + L z with z standard normal from r; z is scratch of
// length d.
func (k *mvn) draw(r *rand.Rand, mean, out, z []float64) {
	for i := range k.d {
		z[i] = r.NormFloat64()
	}
	for i := range k.d {
		s := mean[i]
		row := k.l[i*k.d : i*k.d+i+1]
		for j, v := range row {
			s += v * z[j]
		}
		out[i] = s
	}
}

// logPDF is the log density at x of the normal centred at mean; y is scratch
// of length d. It solves L y = x − mean by forward substitution.
func (k *mvn) logPDF(x, mean, y []float64) float64 {
	q := 0.0
	for i := range k.d {
		s := x[i] - mean[i]
		row := k.l[i*k.d : i*k.d+i]
		for j, v := range row {
			s -= v * y[j]
		}
		y[i] = s / k.l[i*k.d+i]
		q += y[i] * y[i]
	}
	return k.logNorm - 0.5*q
}

// weightedCov returns the weighted mean and the row-major weighted
// covariance Σ_k w_k (θ_k − m)(θ_k − m)ᵀ of the particles, with weights
// normalised to sum to 1 over the particles given (the self-normalised
// importance-sampling estimate, without a small-sample correction).
func weightedCov(ps []Particle, d int) (mean, cov []float64) {
	mean = make([]float64, d)
	cov = make([]float64, d*d)
	total := 0.0
	for _, p := range ps {
		total += p.Weight
	}
	weight := func(p Particle) float64 {
		if total > 0 {
			return p.Weight / total
		}
		return 1 / float64(len(ps)) // every weight underflowed to 0
	}
	for _, p := range ps {
		for i := range d {
			mean[i] += weight(p) * p.Theta[i]
		}
	}
	for _, p := range ps {
		w := weight(p)
		for i := range d {
			di := p.Theta[i] - mean[i]
			for j := range d {
				cov[i*d+j] += w * di * (p.Theta[j] - mean[j])
			}
		}
	}
	return mean, cov
}

// kernels builds the perturbation kernel of each parent in prev for a
// generation with tolerance eps: one shared kernel for Global, one per
// parent for Local.
func kernels(kind Kernel, prev []Particle, prior Prior, eps float64) ([]mvn, error) {
	d := len(prior)
	if kind == Local {
		var near []Particle
		for _, p := range prev {
			if p.Distance <= eps {
				near = append(near, p)
			}
		}
		m, c := weightedCov(near, d)
		out := make([]mvn, len(prev))
		cj := make([]float64, d*d)
		for j, p := range prev {
			// Σ_j = C + (m − θ_j)(m − θ_j)ᵀ: the spread of the near
			// particles about θ_j rather than about their mean.
			for a := range d {
				for b := range d {
					cj[a*d+b] = c[a*d+b] + (m[a]-p.Theta[a])*(m[b]-p.Theta[b])
				}
			}
			k, err := newMVN(cj, prior)
			if err != nil {
				return nil, fmt.Errorf("local kernel of particle %d: %w", j, err)
			}
			out[j] = k
		}
		return out, nil
	}
	_, c := weightedCov(prev, d)
	for i := range c {
		c[i] *= 2
	}
	k, err := newMVN(c, prior)
	if err != nil {
		return nil, fmt.Errorf("global kernel: %w", err)
	}
	return []mvn{k}, nil
}
