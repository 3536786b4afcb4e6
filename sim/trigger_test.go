package sim

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

// TestTriggerNeverFired: an entry whose trigger never fires is no reform:
// the run is the same bytes as the run without the entry.
func TestTriggerNeverFired(t *testing.T) {
	c := small(10, 100)
	c.Months = 72
	none := runText(t, c, 7, 0, 1, true)
	r := Reform(KindZhengjing, 0, "all")
	r.Trigger, r.Threshold = "distance > 5", 0 // distances lie in [0, 1]
	r.normalize()
	c.Reforms = []ReformSpec{r}
	if got := runText(t, c, 7, 0, 1, true); !bytes.Equal(got, none) {
		t.Error("a trigger that never fires changed the run")
	}
}

// TestTriggerAtMonthZero: an entry whose trigger holds from the start is
// the entry with start = 0.
func TestTriggerAtMonthZero(t *testing.T) {
	c := small(10, 100)
	c.Months = 72
	c.Reforms = []ReformSpec{Reform(KindZhengjing, 0, "all")}
	plain := runText(t, c, 7, 0, 1, true)
	r := Reform(KindZhengjing, 0, "all")
	r.Trigger = "distance >= 0"
	c.Reforms = []ReformSpec{r}
	if got := runText(t, c, 7, 0, 1, true); !bytes.Equal(got, plain) {
		t.Error("a trigger that holds from month 0 differs from start = 0")
	}
}

// TestTriggerFires: 政经分离 triggered by a unit's own vote buying reaches
// the units where buying passes the threshold, after their first
// election, and not the others.
func TestTriggerFires(t *testing.T) {
	c := small(20, 100)
	c.Months = 48
	r := Reform(KindZhengjing, 0, "all")
	r.Trigger = "vote_buying_total_rate > 0.05"
	r.normalize()
	if r.Trigger != "vote_buying_total_rate >" || r.Threshold != 0.05 {
		t.Fatalf("normalized to %q, %v", r.Trigger, r.Threshold)
	}
	c.Reforms = []ReformSpec{r}
	m, err := New(c, 3, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	run := m.Start(Options{Workers: 1})
	defer run.Close()
	var reached, bought int
	seen := make([]float64, len(m.Villages)) // what phase 1 of month 1 compares
	for month := 0; month < 2; month++ {
		if err := run.Step(Discard{}); err != nil {
			t.Fatal(err)
		}
		for i, v := range m.Villages {
			switch month {
			case 0:
				if v.Under(KindZhengjing) {
					t.Errorf("unit %d reformed in month 0, before any election", v.ID)
				}
				seen[i] = v.signals[0].value()
			case 1:
				if v.Under(KindZhengjing) != (seen[i] > 0.05) {
					t.Errorf("unit %d: vote buying %v at month 0, reformed %v", v.ID, seen[i], v.Under(KindZhengjing))
				}
				if v.Under(KindZhengjing) {
					reached++
				}
				if seen[i] > 0 {
					bought++
				}
			}
		}
	}
	if reached == 0 || reached == len(m.Villages) {
		t.Errorf("the trigger reached %d of %d units (%d with any buying): it should pick some", reached, len(m.Villages), bought)
	}
}

// TestTriggerKeys: the trigger and its threshold are keys like any other:
// checked with file-like messages, and the threshold sweepable.
func TestTriggerKeys(t *testing.T) {
	for _, tc := range []struct{ trigger, msg string }{
		{"vote_buyng_total_rate > 0.1", `unknown village metric "vote_buyng_total_rate" (did you mean "vote_buying_total_rate"?)`},
		{"vote_buying_total_rate => 0.1", `"=>" is not a comparison: allowed >= <= > <`},
		{"vote_buying_total_rate > lots", `"lots" is not a threshold`},
		{"vote_buying_total_rate", "is not a trigger"},
	} {
		_, probs := DecodeReform(map[string]any{"kind": "zhengjing", "start": int64(0), "coverage": "all", "trigger": tc.trigger})
		if len(probs) != 1 || probs[0].Key != "trigger" || !strings.Contains(probs[0].Msg, tc.msg) {
			t.Errorf("%q: %v, want trigger: ...%s", tc.trigger, probs, tc.msg)
		}
	}
	r, probs := DecodeReform(map[string]any{"kind": "zhengjing", "start": int64(0), "coverage": "all", "trigger": "trust_committee<0.3", "threshold": 0.25})
	if len(probs) > 0 || r.Trigger != "trust_committee <" || r.Threshold != 0.25 {
		t.Errorf("the threshold key over the trigger's number: %+v %v", r, probs)
	}
	c := Default()
	c.Reforms = []ReformSpec{r}
	p, _ := Lookup("reforms[0].threshold")
	if err := p.Set(&c, 0.4); err != nil || c.Reforms[0].triggerOf().thresh != 0.4 {
		t.Errorf("reforms[0].threshold: %v, %+v", err, c.Reforms[0])
	}
	p, _ = Lookup("reforms[0].trigger")
	if err := p.Set(&c, "grievance >= 0.2"); err != nil || c.Reforms[0].Trigger != "grievance >=" || c.Reforms[0].Threshold != 0.2 {
		t.Errorf("reforms[0].trigger with a number: %v, %+v", err, c.Reforms[0])
	}
	if s := newSignal(3); !math.IsNaN(s.value()) {
		t.Error("a signal with nothing seen has a value")
	}
}
