package report

import (
	"errors"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/badinput"
)

// explore.html and calibration.html take the comparison report's
// stylesheet whole.
func TestPageStyle(t *testing.T) {
	s := pageStyle()
	if strings.Contains(s, "<style>") || strings.Contains(s, "</style>") || !strings.Contains(s, "--good:") {
		t.Errorf("style %.60q…", s)
	}
}

func TestParseDiscover(t *testing.T) {
	got, err := ParseDiscover([]string{"composite_index<0.5,satisfaction_migrant>0.6", "composite_index<0.5"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].String() != "composite_index<0.5" || got[1].String() != "satisfaction_migrant>0.6" {
		t.Errorf("%v", got)
	}
	for _, bad := range []string{"composite_indx<0.5", "composite_index", "residents<abc", ""} {
		_, err := ParseDiscover([]string{bad})
		var be *badinput.Error
		if !errors.As(err, &be) || be.File != "-discover" {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

// Packages are judged on the headline metrics, the composite first, each
// with its direction.
func TestExploreMetrics(t *testing.T) {
	ms := ExploreMetrics()
	head := sim.HeadlineOf(sim.Metrics())
	if len(ms) != len(head) || ms[0].Name != sim.CompositeIndex.Name() || !ms[0].HigherBetter {
		t.Fatalf("%v", ms)
	}
	for i, m := range ms {
		if m.Name != head[i].Name || m.HigherBetter != (head[i].Better == sim.HigherIsBetter) {
			t.Errorf("%d: %+v, want %s", i, m, head[i].Name)
		}
	}
}

func TestReadExploreRecordMissing(t *testing.T) {
	if _, err := ReadExploreRecord(t.TempDir()); err == nil {
		t.Error("a directory without explore.json was read")
	}
	if err := CheckExplore(t.TempDir()); err == nil || !strings.Contains(err.Error(), "not the finished analysis of govsim explore") {
		t.Errorf("CheckExplore: %v", err)
	}
}
