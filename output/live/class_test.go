package live

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/govsim/govsim/sim"
)

// Go with "pause at month" stops both panes exactly when the clock shows
// that month, at any speed; a month the clock has passed is ignored.
func TestPauseAtMonth(t *testing.T) {
	_, ts := newTestServer(t, 40, Options{})
	for _, speed := range []int{10, 100} {
		t.Run(fmt.Sprint(speed), func(t *testing.T) {
			s := createSession(t, ts.URL, defaultPanes)
			st := openStream(t, s)
			post(t, s+"/control", fmt.Sprintf(`{"action":"speed","speed":%d}`, speed))
			for _, until := range []int{0, 7, 24} {
				if code, out := post(t, s+"/control", fmt.Sprintf(`{"action":"go","until":%d}`, until)); code != http.StatusNoContent {
					t.Fatalf("go: %d %s", code, out)
				}
				u := st.until(30*time.Second, "the pause", func(u wireUpdate) bool { return !u.Running && u.Month > until })
				if u.Month != until+1 {
					t.Fatalf("paused at month %d, clock %d; want the clock at %d", u.Month, u.Month-1, until)
				}
			}
			// The clock shows 24: pausing at 24 (or before) does not stop
			// Go, which runs on.
			post(t, s+"/control", `{"action":"go","until":24}`)
			u := st.until(30*time.Second, "running on", func(u wireUpdate) bool { return u.Month > 26 || u.Over })
			if u.Month <= 26 && !u.Over {
				t.Fatalf("stopped at %d", u.Month)
			}
			post(t, s+"/control", `{"action":"pause"}`)
		})
	}
}

// A Class shows what a page's session shows for the same presses: the
// same values month by month as a stream, the page's rule for a reform
// ticked, and the scenario menu's rule.
func TestClass(t *testing.T) {
	b := testBackend{months: 40}
	c, err := NewClass(b, Options{}, Settings{Seed: 1, Panes: []PaneSettings{{Scenario: "baseline"}, {Scenario: "baseline"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Clock() != -1 || c.Months() != 40 || c.Units(0) != 60 {
		t.Fatalf("clock %d, months %d, units %d", c.Clock(), c.Months(), c.Units(0))
	}
	if err := c.GoTo(11); err != nil {
		t.Fatal(err)
	}
	if c.Clock() != 11 {
		t.Fatalf("clock %d after GoTo(11)", c.Clock())
	}
	if err := c.GoTo(11); err == nil {
		t.Error("GoTo a month the clock shows: no error")
	}
	if err := c.SwitchOn(1, sim.KindZhengjing.Key()); err != nil {
		t.Fatal(err)
	}
	if r := c.Pane(1).Reforms; len(r) != 1 || r[0].Start != 12 || r[0].Coverage != "all" {
		t.Fatalf("a reform ticked at clock 11: %+v", r)
	}
	if err := c.GoTo(39); err != nil {
		t.Fatal(err)
	}
	if n := c.Villages(1, sim.KindZhengjing.Key()); n != 60 || c.Villages(0, sim.KindZhengjing.Key()) != 0 {
		t.Errorf("政经分离 reached %d villages on the right", n)
	}
	if !strings.Contains(c.Events(1)[1].EN, "Month 12: 政经分离 reaches 60 villages") {
		t.Errorf("right ticker: %v", c.Events(1))
	}
	vb := sim.VoteBuying.Name()
	if l, r := c.Value(0, vb, 36), c.Value(1, vb, 36); !(r < l) {
		t.Errorf("committee vote buying at month 36: right %g, left %g", r, l)
	}
	if !math.IsNaN(c.Value(0, vb, 35)) || !math.IsNaN(c.Value(0, vb, 40)) || !math.IsNaN(c.Value(0, "nothing", 3)) {
		t.Error("a value where there is none")
	}

	// The same run on the zhengjing scenario from month 12 is the same
	// district: Choose takes the scenario's reforms.
	if err := c.Choose(0, "zhengjing"); err != nil {
		t.Fatal(err)
	}
	for m := 0; m < 40; m++ {
		if a, b := c.Value(0, vb, m), c.Value(1, vb, m); a != b && !(math.IsNaN(a) && math.IsNaN(b)) {
			t.Fatalf("month %d: zhengjing %g, baseline with 政经分离 ticked at 12: %g", m, a, b)
		}
	}
	if err := c.SetStart(1, sim.KindZhengjing.Key(), 30); err != nil || c.Pane(1).Reforms[0].Start != 30 {
		t.Fatalf("SetStart: %v %+v", err, c.Pane(1).Reforms)
	}
	if err := c.SetStart(1, sim.KindZhengshe.Key(), 30); err == nil {
		t.Error("SetStart of a reform the pane does not have: no error")
	}
	if err := c.SetParam("election.price", 5000, 0, 1); err != nil || c.Param(0, "election.price") != 5000 || c.Param(1, "election.price") != 5000 {
		t.Fatalf("SetParam: %v", err)
	}
	if err := c.SetParam("economy.lambda0", 0.5, 0); err == nil || !strings.Contains(err.Error(), "cannot be set from the page") {
		t.Errorf("a parameter without a slider: %v", err)
	}
	if !math.IsNaN(c.Param(0, "economy.lambda0")) {
		t.Error("Param of a parameter without a slider")
	}
}

// A lesson's steps without a page: two baseline panes, 政经分离 ticked in
// the right one when the clock reads month 11, then on to the month-36
// election.
func ExampleClass() {
	c, err := NewClass(testBackend{months: 40}, Options{}, Settings{Seed: 1, Panes: []PaneSettings{{Scenario: "baseline"}, {Scenario: "baseline"}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
	_ = c.GoTo(11)
	_ = c.SwitchOn(1, sim.KindZhengjing.Key())
	_ = c.GoTo(36)
	fmt.Println(c.Clock(), c.Villages(1, sim.KindZhengjing.Key()), c.Value(1, sim.VoteBuying.Name(), 36) < c.Value(0, sim.VoteBuying.Name(), 36))
	// Output: 36 60 true
}

// TestClassTrigger: a reform entry with a trigger, as the page sends it
// (trigger and threshold beside start and coverage), reaches the villages
// where its signal passes the threshold, and the ticker says so as it
// fires: 政经分离 started by each village's own vote buying.
func TestClassTrigger(t *testing.T) {
	c, err := NewClass(testBackend{months: 40}, Options{}, Settings{Seed: 1, Panes: []PaneSettings{{Scenario: "baseline"}, {Scenario: "baseline"}}})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	r, problems := sim.DecodeReform(map[string]any{"kind": "zhengjing", "start": 0.0, "coverage": "all", "fraction": 0.0,
		"trigger": "vote_buying_total_rate >", "threshold": 0.04})
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	ps := c.Pane(1)
	ps.Reforms = []sim.ReformSpec{r}
	if err := c.SetPane(1, ps); err != nil {
		t.Fatal(err)
	}
	if err := c.GoTo(3); err != nil {
		t.Fatal(err)
	}
	n := c.Villages(1, "zhengjing")
	if n == 0 || n == c.Units(1) {
		t.Errorf("the trigger reached %d of %d units by month 3: it should pick the villages whose buying passed 4%%", n, c.Units(1))
	}
	fired := false
	for _, e := range c.Events(1) {
		if e.Month == 1 && strings.Contains(e.EN, "政经分离 reaches") {
			fired = true
		}
	}
	if !fired {
		t.Errorf("no ticker line when the trigger fired (month 1, after the month-0 election): %+v", c.Events(1))
	}
}
