package report

import "fmt"

// Every view names the months it summarises the same way, "months 180–239
// (the final 5 years)", so that a number in the terminal, the report and a
// chart's caption can be matched at a glance.

// FitWindow shortens a summary window to the runs' length: a window longer
// than the runs summarises the whole run, and the note says so (a short
// trial run, compare -months 12, should not fail on the 60-month default).
func FitWindow(window, months int) (int, string) {
	if months <= 0 || window <= months {
		return window, ""
	}
	return months, fmt.Sprintf("note: the %d-month window is longer than the runs' %d months; summarised the whole run, months 0–%d", window, months, months-1)
}

// WindowText names the months [from, to) of runs that end at month to−1.
func WindowText(from, to int) string {
	n := to - from
	var final string
	switch {
	case from == 0:
		final = "the whole run"
	case n%12 == 0 && n/12 == 1:
		final = "the final year"
	case n%12 == 0:
		final = fmt.Sprintf("the final %d years", n/12)
	case n == 1:
		final = "the final month"
	default:
		final = fmt.Sprintf("the final %d months", n)
	}
	return fmt.Sprintf("months %d–%d (%s)", from, to-1, final)
}
