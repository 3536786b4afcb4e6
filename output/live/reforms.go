package live

import (
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/govsim/govsim/sim"
)

// Reform entries cross the wire keyed by their TOML names (kind, start,
// coverage, fraction, …), the names scenario files use, and are read into
// sim.ReformSpec field by field through those tags. So a field the model
// adds to ReformSpec travels without a change here, and a key the model
// does not have is refused by name.

// reformField finds the field of sim.ReformSpec with a TOML key.
func reformField(r *sim.ReformSpec, key string) (reflect.Value, bool) {
	v := reflect.ValueOf(r).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if strings.Split(t.Field(i).Tag.Get("toml"), ",")[0] == key {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

func reformKeys() []string {
	var keys []string
	t := reflect.TypeOf(sim.ReformSpec{})
	for i := 0; i < t.NumField(); i++ {
		keys = append(keys, strings.Split(t.Field(i).Tag.Get("toml"), ",")[0])
	}
	return keys
}

// newReform is an entry with every key at its documented default (the
// zero value where the table gives none), so that a key the page does not
// send yet, such as a future intensity, means what a scenario file that
// leaves it out means.
func newReform() sim.ReformSpec {
	var r sim.ReformSpec
	for _, p := range sim.ReformSpecParams() {
		if p.Default == "" {
			continue
		}
		f, ok := reformField(&r, p.Name)
		if !ok {
			continue
		}
		switch f.Kind() {
		case reflect.Float64:
			if x, err := strconv.ParseFloat(p.Default, 64); err == nil {
				f.SetFloat(x)
			}
		case reflect.Int:
			if x, err := strconv.ParseInt(p.Default, 10, 64); err == nil {
				f.SetInt(x)
			}
		case reflect.String:
			f.SetString(p.Default)
		}
	}
	return r
}

// decodeReform reads one entry from its keys and checks it.
func decodeReform(raw map[string]json.RawMessage) (sim.ReformSpec, error) {
	r := newReform()
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	slices.Sort(keys) // the first bad key reported is the same every time
	for _, k := range keys {
		f, ok := reformField(&r, k)
		if !ok {
			return r, fmt.Errorf("unknown key %q; allowed %s", k, strings.Join(reformKeys(), ", "))
		}
		if err := json.Unmarshal(raw[k], f.Addr().Interface()); err != nil {
			return r, fmt.Errorf("%s: want %s", k, kindName(f.Kind()))
		}
	}
	if err := r.Validate(); err != nil {
		return r, err
	}
	return r, nil
}

func kindName(k reflect.Kind) string {
	switch k {
	case reflect.Int:
		return "an integer"
	case reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	}
	return k.String()
}

// encodeReform writes an entry keyed by TOML names, for the page.
func encodeReform(r sim.ReformSpec) map[string]any {
	out := map[string]any{}
	for _, k := range reformKeys() {
		f, _ := reformField(&r, k)
		out[k] = f.Interface()
	}
	return out
}
