package live

import (
	"encoding/json"
	"fmt"

	"github.com/govsim/govsim/sim"
)

// Reform entries cross the wire keyed by their TOML names (kind, start,
// coverage, fraction, …), the names scenario files use, and are read by
// sim.DecodeReform, the reader scenario files and -set use too: a key the
// model adds travels without a change here, and an entry is refused with
// the same words as in a file.

// decodeReform reads one entry from its keys and checks it.
func decodeReform(raw map[string]json.RawMessage) (sim.ReformSpec, error) {
	m := make(map[string]any, len(raw))
	for k, v := range raw {
		var x any
		if err := json.Unmarshal(v, &x); err != nil {
			return sim.ReformSpec{}, fmt.Errorf("%s: %v", k, err)
		}
		m[k] = x
	}
	r, problems := sim.DecodeReform(m)
	if len(problems) > 0 {
		return r, problems[0] // the first in key order: the same every time
	}
	return r, nil
}

// encodeReform writes an entry keyed by TOML names, for the page.
func encodeReform(r sim.ReformSpec) map[string]any {
	out := map[string]any{}
	for _, p := range sim.ReformSpecParams() {
		if v, ok := r.Value(p.Name); ok {
			out[p.Name] = v
		}
	}
	return out
}
