package chart

import (
	"errors"
	"html"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot"
)

func exploreCases() []struct {
	name, title string
	labels      []string
	build       func() (*plot.Plot, error)
} {
	zj := Scenario{Name: "zhengjing", Label: "zhengjing (politics/economy separated)", Color: "#56b4e9"}
	zs := Scenario{Name: "zhengshe", Label: "zhengshe (administration/services separated)", Color: "#009e73"}
	mine := Scenario{Name: "mine"}
	return []struct {
		name, title string
		labels      []string
		build       func() (*plot.Plot, error)
	}{
		{"regret", "Regret on the composite index", []string{"90% of points within", "largest", "zhengjing", "(politics/economy separated)"},
			func() (*plot.Plot, error) {
				return RegretBars("Regret on the composite index", "shortfall from the best package (0–1)",
					[]RegretBar{{zj, 0.01, 0.03}, {zs, 0, 0.002}, {mine, math.NaN(), 0.1}})
			}},
		{"trajectory", "Where zhengshe fails: peeling trajectory", []string{"coverage: share of all cases inside the box", "chosen on the trajectory", "reported (pruned, pasted)", "2 parameters", "4+ parameters"},
			func() (*plot.Plot, error) {
				var boxes []TrajectoryBox
				for i := range 12 {
					boxes = append(boxes, TrajectoryBox{Coverage: 1 - 0.07*float64(i), Density: 0.12 + 0.07*float64(i), Restricted: min(i, 6)})
				}
				return Trajectory("Where zhengshe fails: peeling trajectory", boxes, 7, TrajectoryBox{Coverage: 0.6, Density: 0.7})
			}},
		{"boxes", "Where each package fails", []string{"range sampled", "reform.sigma_shift", "mine"},
			func() (*plot.Plot, error) {
				nan := math.NaN()
				return Boxes("Where each package fails", []string{"reform.sigma_shift", "behaviour.competence_gap", "reform.audit_rate"},
					[]BoxLimits{{zj, []float64{0, nan, 0.1}, []float64{0.3, nan, 0.1}}, {mine, []float64{nan, 0.5, nan}, []float64{nan, 1, nan}}})
			}},
	}
}

func TestExploreChartsRender(t *testing.T) {
	for _, tc := range exploreCases() {
		t.Run(tc.name, func(t *testing.T) {
			p, err := tc.build()
			if err != nil {
				t.Fatal(err)
			}
			svg, err := SVG(p, testW, testH)
			if err != nil {
				t.Fatal(err)
			}
			checkXML(t, svg)
			s := string(svg)
			for _, l := range append([]string{tc.title}, tc.labels...) {
				if !strings.Contains(s, html.EscapeString(l)) {
					t.Errorf("SVG lacks %q", l)
				}
			}
			again, _ := tc.build()
			b, err := SVG(again, testW, testH)
			if err != nil || string(b) != s {
				t.Error("the same chart drawn twice differs")
			}
			if *writeDir != "" {
				if err := Save(p, *writeDir, tc.name, testW, testH); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

func TestExploreChartsRefuse(t *testing.T) {
	for name, build := range map[string]func() (*plot.Plot, error){
		"no regret":     func() (*plot.Plot, error) { return RegretBars("t", "x", nil) },
		"no trajectory": func() (*plot.Plot, error) { return Trajectory("t", nil, -1, TrajectoryBox{}) },
		"NaN trajectory": func() (*plot.Plot, error) {
			return Trajectory("t", []TrajectoryBox{{math.NaN(), 1, 0}}, 0, TrajectoryBox{})
		},
		"no boxes": func() (*plot.Plot, error) { return Boxes("t", []string{"a"}, nil) },
		"ragged box limits": func() (*plot.Plot, error) {
			return Boxes("t", []string{"a", "b"}, []BoxLimits{{Low: []float64{0}, High: []float64{1}}})
		},
	} {
		if _, err := build(); err == nil {
			t.Errorf("%s: no error", name)
		} else if name != "ragged box limits" && name != "NaN trajectory" && !errors.Is(err, ErrNoData) {
			t.Errorf("%s: %v does not wrap ErrNoData", name, err)
		}
	}
}
