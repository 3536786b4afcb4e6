//go:build !race

// Following the lessons runs whole districts; it checks the lessons, not
// concurrency, so it stays out of the slow race pass, as the classroom's
// whole-run tests do.

package main

import (
	"strings"
	"testing"

	"github.com/govsim/govsim/cmd/internal/classroom"
	"github.com/govsim/govsim/output/live/lesson"
)

// TestLessonsShowTheirPoint follows every lesson plan on the classroom and
// fails when one of the effects a plan's point rests on is too small for
// a class to see (or, for a point that something hardly moves, when it
// moves): after a change to the model, `make docs` rewrites the numbers,
// and this test says which lesson needs another experiment.
func TestLessonsShowTheirPoint(t *testing.T) {
	if testing.Short() {
		t.Skip("follows every lesson plan on the classroom: several seconds")
	}
	for _, p := range lesson.Plans() {
		r, err := lesson.Follow(classroom.Backend{}, classroom.Options(), p)
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range r.Unseen() {
			t.Errorf("lesson %s: %s", p.Name, u)
		}
		if len(r.Blocks) == 0 || len(r.Steps) == 0 {
			t.Errorf("lesson %s wrote nothing", p.Name)
		}
		for name, text := range r.Blocks {
			if p.DocZH != "" && strings.TrimSpace(r.BlocksZH[name]) == "" {
				t.Errorf("lesson %s: block %s has no Chinese", p.Name, name)
			}
			if strings.Contains(text, "%!") || strings.Contains(r.BlocksZH[name], "%!") {
				t.Errorf("lesson %s: block %s has a formatting error:\n%s\n%s", p.Name, name, text, r.BlocksZH[name])
			}
		}
	}
}
