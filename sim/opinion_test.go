package sim

import (
	"bytes"
	"context"
	"math"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// randomResidents fills n residents with values that reach every branch
// of the update: migrants and locals, months of residence at and next to
// the cap, disputes enough to saturate the party weight, integration and
// the persistent uniform across their ranges.
func randomResidents(rng *Stream, n int) *Residents {
	r := &Residents{}
	for i := 0; i < n; i++ {
		var fl uint8
		if rng.Bernoulli(0.5) {
			fl |= FlagMigrant
		}
		fl |= uint8(rng.Intn(16)) &^ FlagMigrant // other flags must not matter
		resid := uint16(rng.Intn(200))
		switch rng.Intn(8) {
		case 0:
			resid = 0xffff
		case 1:
			resid = 0xfffe
		}
		r.Append(Agent{
			Flags:  fl,
			U:      uint8(rng.Intn(256)),
			Bin:    uint8(rng.Intn(numBins)),
			Resid:  resid,
			Party:  uint16(rng.Intn(4)),
			Access: rng.Float32(),
			S:      share(rng),
			T:      share(rng),
			G:      share(rng),
			Iota:   share(rng),
		})
	}
	return r
}

// share is a uniform share, or one time in four a value at an edge of
// clamp32: zero, subnormals, the smallest normal and its neighbours, one.
func share(rng *Stream) float32 {
	edges := []float32{0, 0x1p-149, 1e-40, 0x1p-127, 0x1p-126, 0x1.000002p-126, 1e-30, 1}
	if rng.Intn(4) == 0 {
		return edges[rng.Intn(len(edges))]
	}
	return rng.Float32()
}

// randomK draws the month's constants from ranges wide enough that reach
// falls below zero, quality above one and below zero (noise above two),
// trust is pushed under zero by the penalty and integration over one.
func randomK(rng *Stream) *opinionK {
	var k opinionK
	set := func(l *lanes, lo, hi float64) {
		x := float32(rng.Uniform(lo, hi))
		for i := range l {
			l[i] = x
		}
	}
	set(&k.ac, 0, 2)
	set(&k.public, 0, 1)
	set(&k.centre, 0, 1)
	set(&k.coll, 0, 1)
	set(&k.collM, 0, 0.5)
	set(&k.invD, 0, 3)
	set(&k.noise, 0, 3)
	set(&k.half, 0.5, 0.5)
	set(&k.gap, 0, 1)
	set(&k.alpha, 0, 1)
	set(&k.partyW, 0, 0.8)
	set(&k.migInsec, 0, 0.5)
	set(&k.inv256, 1.0/256, 1.0/256)
	set(&k.iLevel, 0, 1)
	set(&k.insecIdent, 0, 0.6)
	set(&k.alphaG, 0, 1)
	set(&k.beta, 0, 1)
	set(&k.gt, 0, 1)
	set(&k.penalty, 0, 0.5)
	set(&k.settleMonths, 1, 120)
	set(&k.settled0, 0, 1)
	set(&k.voice, 0, 0.5)
	set(&k.tension, -0.5, 0.5)
	set(&k.irate, 0, 1)
	return &k
}

func sameBits32(a, b []float32) int {
	for i := range a {
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return i
		}
	}
	return -1
}

// The kernel is an implementation of opinionGo, not a model of its own:
// on every input both must leave the same bits.
func TestOpinionKernelMatchesGo(t *testing.T) {
	if !haveAVX2() {
		t.Skip("no AVX2 here: opinionGo does all the work")
	}
	rng := NewStream(11, 0, StreamVillage, 0)
	for trial := 0; trial < 200; trial++ {
		n := 8 * (1 + rng.Intn(64))
		k := randomK(rng)
		seed := uint64(trial)
		a := randomResidents(NewStream(seed, 0, StreamInit, 1), n)
		b := randomResidents(NewStream(seed, 0, StreamInit, 1), n)
		sa := opinionSums{0.25, 0.5, 0.75, 1}
		sb := sa
		opinionGo(k, a, 0, n, &sa)
		opinionAVX2(k, &b.Flags[0], &b.U[0], &b.Party[0], &b.Resid[0],
			&b.Access[0], &b.S[0], &b.T[0], &b.G[0], &b.Iota[0], n, &sb)
		for name, pair := range map[string][2][]float32{
			"S": {a.S, b.S}, "T": {a.T, b.T}, "G": {a.G, b.G}, "Iota": {a.Iota, b.Iota},
		} {
			if i := sameBits32(pair[0], pair[1]); i >= 0 {
				t.Fatalf("trial %d: %s[%d] Go %v, kernel %v (migrant %v)", trial, name, i,
					pair[0][i], pair[1][i], a.Has(i, FlagMigrant))
			}
		}
		for i := range a.Resid {
			if a.Resid[i] != b.Resid[i] {
				t.Fatalf("trial %d: Resid[%d] Go %d, kernel %d", trial, i, a.Resid[i], b.Resid[i])
			}
		}
		if sa != sb {
			t.Fatalf("trial %d: sums Go %+v, kernel %+v", trial, sa, sb)
		}
	}
}

// Whole runs with and without the kernel give the same bytes.
func TestOpinionVectorSameRun(t *testing.T) {
	if !haveAVX2() {
		t.Skip("no AVX2 here: opinionGo does all the work")
	}
	c := small(10, 40)
	c.Months = 60
	c.Reforms = nanhaiPath
	run := func(vector bool) []byte {
		m, err := New(c, 3, 0, nil)
		if err != nil {
			t.Fatal(err)
		}
		m.vector = vector
		var o textObs
		if err := m.Run(context.Background(), Options{Workers: 2, VillageDetail: true}, &o); err != nil {
			t.Fatal(err)
		}
		return o.b.Bytes()
	}
	if !bytes.Equal(run(true), run(false)) {
		t.Fatal("a run with the AVX2 kernel differs from one without")
	}
}

// The kernel reads opinionK's fields at the offsets opinion_amd64.s
// defines: the same names, in the same order, 32 bytes apart.
func TestOpinionKOffsets(t *testing.T) {
	src, err := os.ReadFile("opinion_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	defs := regexp.MustCompile(`(?m)^#define ([A-Z0-9]+) ([0-9]+)$`).FindAllStringSubmatch(string(src), -1)
	ty := reflect.TypeOf(opinionK{})
	if len(defs) != ty.NumField() {
		t.Fatalf("opinion_amd64.s defines %d offsets, opinionK has %d fields", len(defs), ty.NumField())
	}
	for i, d := range defs {
		f := ty.Field(i)
		if strings.ToUpper(f.Name) != d[1] || strconv.Itoa(int(f.Offset)) != d[2] {
			t.Errorf("field %d: opinionK.%s at %d, the kernel's %s at %s", i, f.Name, f.Offset, d[1], d[2])
		}
	}
	if ty.Size() != uintptr(32*ty.NumField()) {
		t.Errorf("opinionK is %d bytes, not 32 per field", ty.Size())
	}
}

// clamp32 keeps shares in [0, 1] and never subnormal, so a share decaying
// geometrically reaches 0 instead of resting on the smallest subnormal.
func TestClamp32(t *testing.T) {
	for _, c := range []struct{ in, want float32 }{
		{-1, 0}, {float32(math.Copysign(0, -1)), 0}, {0x1p-149, 0}, {0x1p-127, 0},
		{0x1p-126, 0x1p-126}, {0.5, 0.5}, {1, 1}, {1.5, 1},
	} {
		if got := clamp32(c.in); math.Float32bits(got) != math.Float32bits(c.want) {
			t.Errorf("clamp32(%g) = %g, want %g", c.in, got, c.want)
		}
	}
	if nan := float32(math.NaN()); clamp32(nan) == clamp32(nan) {
		t.Error("clamp32(NaN) is not NaN")
	}
	g, months := float32(0.5), 0
	for ; g != 0 && months < 10000; months++ {
		g = clamp32(g + 0.1*(0-g))
	}
	if g != 0 {
		t.Fatalf("a grievance decaying by 10%% a month is %g after %d months", g, months)
	}
}

// BenchmarkOpinionUpdate times the resident update alone on a village of
// 2,048 residents, by the kernel and by opinionGo.
func BenchmarkOpinionUpdate(b *testing.B) {
	const n = 2048
	rng := NewStream(1, 0, StreamVillage, 0)
	k := randomK(rng)
	r := randomResidents(rng, n)
	var sums opinionSums
	run := map[string]func(){
		"go": func() { opinionGo(k, r, 0, n, &sums) },
		"avx2": func() {
			opinionAVX2(k, &r.Flags[0], &r.U[0], &r.Party[0], &r.Resid[0],
				&r.Access[0], &r.S[0], &r.T[0], &r.G[0], &r.Iota[0], n, &sums)
		},
	}
	for _, name := range []string{"go", "avx2"} {
		b.Run(name, func(b *testing.B) {
			if name == "avx2" && !haveAVX2() {
				b.Skip("no AVX2 here")
			}
			for b.Loop() {
				run[name]()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n*b.N), "ns/agent")
		})
	}
}
