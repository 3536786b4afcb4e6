package scenarios

import (
	"fmt"
	"strings"

	"github.com/govsim/govsim/sim"
)

// Override is one -set KEY=VALUE of the command line: a parameter and the
// value every scenario of the command runs with, on top of its file.
type Override struct {
	Key, Value string // as given
	param      sim.Param
	v          any // the value as a scenario file's decoder would give it
}

// String renders the override as it is given and recorded.
func (o Override) String() string { return o.Key + "=" + o.Value }

// overrideFlag names the flag in errors.
const overrideFlag = "-set"

// notOverridable says why a key may not be changed on the command line: a
// scenario's name and description identify it in tables and reports, and
// a village file is read when the scenario file is loaded.
func notOverridable(key string) (string, bool) {
	switch key {
	case "name":
		return "a scenario's name identifies its rows; write a scenario file that extends it", true
	case "description":
		return "write a scenario file that extends the scenario", true
	case "district.village_csv":
		return "a village file is read with its scenario file; set it there", true
	}
	return "", false
}

// ParseOverrides checks -set arguments as a scenario file's keys are
// checked: each KEY=VALUE names a parameter (an unknown key gets the
// nearest known one) and a value of its kind within its allowed range.
// Keys are looked up with sim.Lookup and values checked with Param.Set, so
// every key a scenario file may set can be given, with the same messages.
func ParseOverrides(args []string) ([]Override, error) {
	var out []Override
	sch := newSchema()
	for _, a := range args {
		key, val, ok := strings.Cut(a, "=")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		if !ok || key == "" {
			return nil, &InputError{File: overrideFlag, Msg: fmt.Sprintf("%q is not KEY=VALUE (for example -set economy.lambda0=0.4; govsim params lists the keys)", clip(a))}
		}
		if len(key) > maxKeyBytes {
			// Not echoed whole: a message must stay a line, whatever
			// was given.
			return nil, &InputError{File: overrideFlag, Key: clip(key), Msg: fmt.Sprintf("a key of %d bytes is no parameter's; allowed the keys govsim params lists", len(key))}
		}
		fail := func(msg string) error { return &InputError{File: overrideFlag, Key: key, Msg: msg} }
		if len(val) > maxValueBytes {
			return nil, fail(fmt.Sprintf("a value of %d bytes (%s); allowed at most %d", len(val), clip(val), maxValueBytes))
		}
		p, ok := sim.Lookup(key)
		if !ok {
			return nil, fail(sch.unknownKey(key))
		}
		if why, no := notOverridable(key); no {
			return nil, fail("cannot be set on the command line: " + why)
		}
		v, err := parseValue(p, val)
		if err != nil {
			return nil, fail(withAllowed(err.Error(), p))
		}
		// A key into the reform schedule (reforms[1].start) names an entry
		// the defaults do not have: ApplyOverrides checks it against each
		// scenario's own schedule instead.
		if scratch := sch.def; !strings.Contains(key, "[") {
			if err := p.Set(&scratch, v); err != nil {
				return nil, fail(withAllowed(trimKey(err.Error(), key), p))
			}
		}
		out = append(out, Override{Key: key, Value: val, param: p, v: v})
	}
	return out, nil
}

// maxKeyBytes bounds a -set key: the longest parameter key is some forty
// bytes, a reform entry's a few more.
const maxKeyBytes = 100

// maxValueBytes bounds a -set value: the longest is a list of a reform's
// separations, or a label.
const maxValueBytes = 4096

// clip shortens a text quoted in a message to a line.
func clip(s string) string {
	const n = 60
	if len(s) <= n {
		return s
	}
	return strings.ToValidUTF8(s[:n], "") + fmt.Sprintf("… (%d bytes)", len(s))
}

// parseValue reads a command-line value as the parameter's kind, the way
// the TOML decoder would deliver it from a file (Param.Parse: strings may
// be quoted or not, lists written ["a", "b"], [a, b] or a,b).
func parseValue(p sim.Param, s string) (any, error) { return p.Parse(s) }

// ApplyOverrides sets the overrides, in order, on every scenario (after
// its file and -months), then checks each whole configuration again, for
// the rules that relate parameters (district.groups_min ≤ groups_max).
func ApplyOverrides(scs []Scenario, ovs []Override) error {
	for i := range scs {
		sc := &scs[i]
		for _, o := range ovs {
			if strings.HasPrefix(o.Key, "reforms[") && len(sc.Config.Reforms) == 0 {
				return &InputError{File: overrideFlag, Key: o.Key, Msg: fmt.Sprintf("scenario %s schedules no reform, so there is no entry to set; give -set %s only with scenarios that schedule one (for example zhengjing, cungaiju, nanhai)", sc.Name, o.Key)}
			}
			if err := o.param.Set(&sc.Config, o.v); err != nil {
				return &InputError{File: overrideFlag, Key: o.Key, Msg: fmt.Sprintf("scenario %s: %s", sc.Name, withAllowed(trimKey(err.Error(), o.Key), o.param))}
			}
		}
		if len(ovs) == 0 {
			continue
		}
		if err := sc.Config.Validate(); err != nil {
			return &InputError{File: overrideFlag, Msg: fmt.Sprintf("scenario %s with %s: %v", sc.Name, joinOverrides(ovs), err)}
		}
	}
	return nil
}

// LoadWithOverrides loads the scenarios a command line names, as LoadAll,
// and applies the -set arguments to each.
func LoadWithOverrides(args []string, months int, sets []string) ([]Scenario, error) {
	ovs, err := ParseOverrides(sets)
	if err != nil {
		return nil, err
	}
	scs, err := LoadAll(args, months)
	if err != nil {
		return nil, err
	}
	return scs, ApplyOverrides(scs, ovs)
}

func joinOverrides(ovs []Override) string {
	s := make([]string, len(ovs))
	for i, o := range ovs {
		s[i] = overrideFlag + " " + o.String()
	}
	return strings.Join(s, " ")
}
