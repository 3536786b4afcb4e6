package scenarios

import "fmt"

// SweepFlags are the command line's overrides of a sweep file: a field
// given (its Has… true, or Months above 0) replaces the file's value, and
// Set applies -set KEY=VALUE to every scenario of the sweep.
type SweepFlags struct {
	Samples, Replicates, Months, Window           int
	Seed                                          uint64
	HasSamples, HasReplicates, HasSeed, HasWindow bool
	Set                                           []string
}

// Override applies the flags to the sweep, before Build.
func (s *Sweep) Override(f SweepFlags) error {
	ovs, err := ParseOverrides(f.Set)
	if err != nil {
		return err
	}
	if err := ApplyOverrides(s.Scenarios, ovs); err != nil {
		return err
	}
	if f.HasSamples {
		if !s.Design.Sampled() {
			return &InputError{File: "-samples", Msg: fmt.Sprintf("%s (design = %q) takes no samples; a grid's size is set by its levels, a csv design's by its file", s.File, s.Design)}
		}
		s.Samples = f.Samples
	}
	if f.HasReplicates {
		s.Replicates = f.Replicates
	}
	if f.HasSeed {
		s.Seed = f.Seed
	}
	if f.Months > 0 {
		s.Months = f.Months
	}
	if f.HasWindow {
		s.Window = f.Window
	}
	return nil
}
