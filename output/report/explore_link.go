package report

import (
	"fmt"
	"path/filepath"
	"slices"
)

// exploreLink puts in a comparison report what an exploratory design
// (Comparison.Explore) says of the patterns: for each of P1–P7, the share
// of its points where the pattern held, or why it was not explored, and a
// link to its page. Without one, the pattern section keeps the model's own
// robustness record. An exploratory design whose analysis is not whole is
// bad input.
func (c *Comparison) exploreLink(d *Data) error {
	if c.Explore == "" {
		return nil
	}
	rec, err := ReadExploreRecord(c.Explore)
	if err != nil {
		return badInput(fmt.Errorf("-explore %s: not the finished analysis of govsim explore: %w", c.Explore, err))
	}
	href := filepath.Join(c.Explore, exploreHTML)
	if from, err := filepath.Abs(c.Dir); err == nil {
		if to, err := filepath.Abs(href); err == nil {
			if rel, err := filepath.Rel(from, to); err == nil {
				href = rel
			}
		}
	}
	d.Explore = &Link{Text: fmt.Sprintf("the shares below come from the exploratory design in %s (%s, against %s);", c.Explore, rec.Design, rec.Reference), Href: filepath.ToSlash(href)}
	for i := range d.Patterns {
		p := &d.Patterns[i]
		j := slices.IndexFunc(rec.Patterns, func(e ExplorePattern) bool { return e.ID == p.ID })
		switch {
		case j < 0:
			p.Robustness = "not explored (checked at the defaults only)"
		case rec.Patterns[j].Skipped != "":
			p.Robustness = "not explored: " + rec.Patterns[j].Skipped
		default:
			e := rec.Patterns[j]
			p.Robustness = fmt.Sprintf("pointed the claimed way at %s of the plausible space (%d of %d points) and held clearly at %d, in %s",
				percent(float64(e.Right)/float64(e.Points)), e.Right, e.Points, e.Held, filepath.Base(c.Explore))
		}
	}
	return nil
}

// CheckExplore says, before a comparison runs, whether dir holds a
// finished exploratory design for -explore: bad input otherwise.
func CheckExplore(dir string) error {
	if _, err := ReadExploreRecord(dir); err != nil {
		return badInput(fmt.Errorf("-explore %s: not the finished analysis of govsim explore: %w", dir, err))
	}
	return nil
}
