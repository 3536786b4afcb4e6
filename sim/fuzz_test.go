package sim

import (
	"math"
	"strings"
	"testing"
)

// FuzzParseTrigger: any text either parses into a village metric, a
// comparison and a threshold that say the text again, or is refused with a
// message; nothing panics.
func FuzzParseTrigger(f *testing.F) {
	for _, s := range []string{"vote_buying_total_rate > 0.08", "trust_committee<0.3", "grievance >= 1e9", "x > 1", ">", "distance <= -0", "a b c d", "vote_buying_total_rate > NaN"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		metric, op, number, err := parseTrigger(s)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty message")
			}
			return
		}
		if int(metric) < 0 || int(metric) >= int(NumVillageMetrics) || !strings.Contains(s, VillageMetrics()[metric]) || !strings.Contains(s, op) {
			t.Fatalf("%q parsed as %d %q", s, metric, op)
		}
		if math.IsInf(number, 0) {
			t.Fatalf("%q: infinite threshold", s)
		}
		r := ReformSpec{Kind: "zhengjing", Coverage: "all", Intensity: 1, Trigger: s}
		r.normalize()
		if r.triggerOf() == nil {
			t.Fatalf("%q: normalized to %q, which does not parse", s, r.Trigger)
		}
	})
}

// FuzzDecodeReform: an entry of any keys and values read as a decoder
// would deliver them is either refused with problems naming keys, or is an
// entry Validate accepts; nothing panics.
func FuzzDecodeReform(f *testing.F) {
	f.Add("zhengjing", "all", "start", "12", "separations", "assets,finance")
	f.Add("cungaiju", "eligible", "trigger", "vote_buying_total_rate > 0.1", "threshold", "0.2")
	f.Add("zhengshe", "pilot", "fraction", "0.5", "intensity", "2")
	f.Fuzz(func(t *testing.T, kind, coverage, k1, v1, k2, v2 string) {
		m := map[string]any{"kind": kind, "coverage": coverage, "start": int64(0)}
		for _, kv := range [][2]string{{k1, v1}, {k2, v2}} {
			p, ok := specParam(kv[0])
			if !ok {
				m[kv[0]] = kv[1]
				continue
			}
			if x, err := p.Parse(kv[1]); err == nil {
				m[kv[0]] = x
			} else {
				m[kv[0]] = kv[1]
			}
		}
		r, probs := DecodeReform(m)
		for _, p := range probs {
			if p.Msg == "" {
				t.Fatalf("%v: a problem without a message", m)
			}
		}
		if len(probs) == 0 {
			if err := r.Validate(); err != nil {
				t.Fatalf("%v decoded to %+v, which Validate refuses: %v", m, r, err)
			}
		}
	})
}
