package report

import (
	"strings"
	"testing"
)

func TestFitWindow(t *testing.T) {
	if w, note := FitWindow(60, 240); w != 60 || note != "" {
		t.Errorf("60 of 240: %d %q", w, note)
	}
	w, note := FitWindow(60, 12)
	if w != 12 || !strings.Contains(note, "60-month window") || !strings.Contains(note, "months 0–11") {
		t.Errorf("60 of 12: %d %q", w, note)
	}
}

func TestWindowText(t *testing.T) {
	for _, tc := range []struct {
		from, to int
		want     string
	}{
		{180, 240, "months 180–239 (the final 5 years)"},
		{228, 240, "months 228–239 (the final year)"},
		{24, 48, "months 24–47 (the final 2 years)"},
		{0, 12, "months 0–11 (the whole run)"},
		{10, 17, "months 10–16 (the final 7 months)"},
	} {
		if got := WindowText(tc.from, tc.to); got != tc.want {
			t.Errorf("%d, %d: %q, want %q", tc.from, tc.to, got, tc.want)
		}
	}
}

func TestWrap(t *testing.T) {
	s := wrap(strings.Repeat("word ", 50), 30)
	for _, line := range strings.Split(s, "\n") {
		if len(line) > 30 {
			t.Errorf("line of %d: %q", len(line), line)
		}
	}
	if strings.Count(s, "word") != 50 {
		t.Error("words lost")
	}
}
