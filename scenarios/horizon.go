package scenarios

// Horizon returns the shortest run length of the scenarios, in months, and
// whether they all run that long (summary windows must fit every run).
func Horizon(scs []Scenario) (months int, same bool) {
	same = true
	for i, sc := range scs {
		m := sc.Config.Months
		if i == 0 || m < months {
			months = m
		}
		if i > 0 && m != scs[0].Config.Months {
			same = false
		}
	}
	return months, same
}
