package scenarios

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/govsim/govsim/sim"
)

// layer is what one file says, checked on its own: the values it sets, the
// schedule if it sets one, and what it extends.
type layer struct {
	lines      keyLines
	sets       []assignment
	reforms    []sim.ReformSpec
	hasReforms bool // even an empty `reforms = []` replaces the parent's schedule
	extends    string
}

// sets reports whether the file sets a key itself.
func (l *layer) setsKey(key string) bool {
	for _, a := range l.sets {
		if a.p.Key == key {
			return true
		}
	}
	return false
}

type assignment struct {
	p sim.Param
	v any
}

// decodeLayer checks every key of one file. All problems are collected and
// the first in file order is returned, so that fixing errors top to bottom
// works.
func decodeLayer(sch *schema, src source, data []byte) (*layer, error) {
	if err := checkNesting(src.name, data); err != nil {
		return nil, err
	}
	var raw map[string]any
	if _, err := toml.Decode(string(data), &raw); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &InputError{File: src.name, Line: pe.Position.Line, Key: pe.LastKey, Msg: "TOML syntax: " + pe.Message}
		}
		return nil, &InputError{File: src.name, Msg: "TOML: " + err.Error()}
	}
	d := &decoder{file: src.name, lines: findLines(data), lay: &layer{}, schema: sch}
	d.lay.lines = d.lines
	scratch := sch.def
	for _, k := range sortedKeys(raw) {
		v := raw[k]
		switch {
		case k == "extends":
			s, ok := v.(string)
			if !ok || s == "" {
				got := "an empty string"
				if !ok {
					got = sim.TypeName(v)
				}
				d.fail(k, fmt.Sprintf("want the name of a scenario, got %s; allowed %s, or a path to a .toml file", got, strings.Join(Embedded(), " | ")))
				continue
			}
			d.lay.extends = s
		case k == "reforms":
			d.reforms(v)
		case d.sections[k]:
			m, ok := v.(map[string]any)
			if !ok {
				d.fail(k, fmt.Sprintf("want a table [%s], got %s", k, sim.TypeName(v)))
				continue
			}
			for _, name := range sortedKeys(m) {
				d.set(k+"."+name, m[name], &scratch)
			}
		default:
			d.set(k, v, &scratch)
		}
	}
	if len(d.errs) > 0 {
		// Line 0 (not found) sorts last.
		at := func(i int) int {
			if d.errs[i].Line == 0 {
				return math.MaxInt
			}
			return d.errs[i].Line
		}
		sort.SliceStable(d.errs, func(i, j int) bool { return at(i) < at(j) })
		return nil, problems(d.errs)
	}
	return d.lay, nil
}

type decoder struct {
	*schema
	file  string
	lines keyLines
	lay   *layer
	errs  []*InputError
}

// schema is what a file may hold, read from sim once per file: sim.Params
// reflects over Config on every call.
type schema struct {
	params   []sim.Param
	byKey    map[string]sim.Param
	sections map[string]bool // the tables of Config ([district], [economy], ...)
	specs    []sim.Param     // keys of a [[reforms]] entry
	def      sim.Config      // sim.Default()
}

func newSchema() *schema {
	s := &schema{params: sim.Params(), byKey: map[string]sim.Param{}, sections: map[string]bool{}, specs: sim.ReformSpecParams(), def: sim.Default()}
	for _, p := range s.params {
		s.byKey[p.Key] = p
		if p.Section != "" {
			s.sections[p.Section] = true
		}
	}
	return s
}

// fail records a problem at path ("economy.lambda0", "reforms[1].kind").
func (d *decoder) fail(path, msg string) {
	d.errs = append(d.errs, &InputError{File: d.file, Line: d.lines.line(path), Key: path, Msg: msg})
}

// set checks one scalar parameter through Param.Set, so that messages read
// the same as everywhere else in govsim.
func (d *decoder) set(key string, v any, scratch *sim.Config) {
	p, ok := d.byKey[key]
	if !ok {
		d.fail(key, d.unknownKey(key))
		return
	}
	if err := p.Set(scratch, v); err != nil {
		d.fail(key, withAllowed(trimKey(err.Error(), key), p))
		return
	}
	d.lay.sets = append(d.lay.sets, assignment{p, v})
}

// reforms checks the schedule: [[reforms]] tables or an inline array.
// Keys with a default may be left out; separations left out take the
// kind's default, written into the configuration so that govsim show
// prints what the entry brings.
func (d *decoder) reforms(v any) {
	entries, ok := tableEntries(v)
	if !ok {
		d.fail("reforms", fmt.Sprintf("want [[reforms]] entries (an array of tables), got %s", sim.TypeName(v)))
		return
	}
	d.lay.hasReforms = true
	for i, e := range entries {
		at := "reforms[" + strconv.Itoa(i) + "]"
		m, ok := e.(map[string]any)
		if !ok {
			d.fail(at, fmt.Sprintf("want a table with the keys %s, got %s", reformKeys(d.specs), sim.TypeName(e)))
			continue
		}
		r, problems := sim.DecodeReform(m)
		for _, p := range problems {
			key := at
			if p.Key != "" {
				key += "." + p.Key
			}
			d.fail(key, p.Msg)
		}
		if len(problems) == 0 {
			d.lay.reforms = append(d.lay.reforms, r)
		}
	}
}

// withAllowed adds the allowed values to a message that lacks them (sim's
// type errors), so that every message says what would be accepted.
func withAllowed(msg string, p sim.Param) string {
	if strings.Contains(msg, "allowed") {
		return msg
	}
	return msg + "; allowed " + p.Range()
}

func reformKeys(params []sim.Param) string {
	var names []string
	for _, p := range params {
		names = append(names, p.Name)
	}
	return strings.Join(names, ", ")
}

// tableEntries returns the entries of an array of tables, however the
// decoder delivered it ([[x]] tables or an inline array).
func tableEntries(v any) ([]any, bool) {
	switch t := v.(type) {
	case []map[string]any:
		entries := make([]any, len(t))
		for i, e := range t {
			entries[i] = e
		}
		return entries, true
	case []any:
		return t, true
	}
	return nil, false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// knownKeys are all keys a scenario file may set, as dotted paths, plus the
// table names, for suggestions.
func (s *schema) knownKeys() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range s.params {
		if p.Section != "" && !seen[p.Section] {
			seen[p.Section] = true
			out = append(out, p.Section)
		}
		out = append(out, p.Key)
	}
	return append(out, "extends", "reforms")
}

// unknownKey explains an unknown key: the nearest known key if one is close,
// else what the file may hold at that place.
func (s *schema) unknownKey(key string) string {
	msg := fmt.Sprintf("unknown key %q", key)
	if sug := s.suggest(key); sug != "" {
		return msg + fmt.Sprintf(" (did you mean %q?)", sug)
	}
	section, _, dotted := strings.Cut(key, ".")
	if dotted && s.sections[section] {
		var names []string
		for _, p := range s.params {
			if p.Section == section {
				names = append(names, p.Name)
			}
		}
		return msg + fmt.Sprintf("; allowed in [%s]: %s", section, strings.Join(names, ", "))
	}
	var top, tables []string
	for _, p := range s.params {
		switch {
		case p.Section == "":
			top = append(top, p.Name)
		case len(tables) == 0 || tables[len(tables)-1] != "["+p.Section+"]":
			tables = append(tables, "["+p.Section+"]")
		}
	}
	top = append(append(append(top, "extends"), tables...), "[[reforms]]")
	return msg + "; allowed at the top level: " + strings.Join(top, ", ")
}

// suggest finds the known key nearest to key: within two edits, or the same
// name in another (or no) table.
func (s *schema) suggest(key string) string {
	if c := closest(key, s.knownKeys()); c != "" {
		return c
	}
	name := key
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		name = key[i+1:]
	}
	var found []string
	for _, p := range s.params {
		if p.Name == name && p.Key != key {
			found = append(found, p.Key)
		}
	}
	if len(found) == 1 {
		return found[0]
	}
	return ""
}

// closest is the "did you mean" of messages (sim.Closest).
func closest(s string, candidates []string) string { return sim.Closest(s, candidates) }
