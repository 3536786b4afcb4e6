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
			S:      rng.Float32(),
			T:      rng.Float32(),
			G:      rng.Float32(),
			Iota:   rng.Float32(),
		})
	}
	return r
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
