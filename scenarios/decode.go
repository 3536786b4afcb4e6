package scenarios

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
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
	hasName    bool
	hasDesc    bool
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
	_, d.lay.hasName = raw["name"]
	_, d.lay.hasDesc = raw["description"]
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
	params := d.specs
	for i, e := range entries {
		at := "reforms[" + strconv.Itoa(i) + "]"
		m, ok := e.(map[string]any)
		if !ok {
			d.fail(at, fmt.Sprintf("want a table with the keys %s, got %s", reformKeys(params), sim.TypeName(e)))
			continue
		}
		var r sim.ReformSpec
		bad := false
		for _, p := range params {
			if _, ok := m[p.Name]; ok || p.Default == "" {
				continue
			}
			if err := setReform(&r, p, p.Default); err != nil {
				panic("scenarios: bad default of " + p.Key + ": " + err.Error()) // sim's tags disagree with themselves
			}
		}
		for _, k := range sortedKeys(m) {
			p, ok := reformParam(params, k)
			if !ok {
				msg := fmt.Sprintf("unknown key %q in [[reforms]]", k)
				if s := closest(k, paramNames(params)); s != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", s)
				}
				d.fail(at+"."+k, msg+"; allowed "+reformKeys(params))
				bad = true
				continue
			}
			if err := setReform(&r, p, m[k]); err != nil {
				d.fail(at+"."+k, withAllowed(err.Error(), p))
				bad = true
			}
		}
		for _, p := range params {
			if _, ok := m[p.Name]; !ok && p.Default == "" && p.Kind != "list" {
				d.fail(at+"."+p.Name, "missing; allowed "+p.Range())
				bad = true
			}
		}
		if bad {
			continue
		}
		if _, ok := m["separations"]; !ok {
			r.Separations = sim.DefaultSeparations(r.Kind)
		}
		// Rules across keys, such as a pilot's fraction or end after start.
		if err := r.Validate(); err != nil {
			msg := err.Error()
			key, _, _ := strings.Cut(msg, " ")
			key = strings.TrimSuffix(key, ":")
			if name, ok := strings.CutPrefix(key, "reforms."); ok {
				if p, ok := reformParam(params, name); ok {
					d.fail(at+"."+p.Name, trimKey(msg, key))
					continue
				}
			}
			d.fail(at, msg)
			continue
		}
		d.lay.reforms = append(d.lay.reforms, r)
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

func reformParam(params []sim.Param, name string) (sim.Param, bool) {
	for _, p := range params {
		if p.Name == name {
			return p, true
		}
	}
	return sim.Param{}, false
}

func paramNames(params []sim.Param) []string {
	var out []string
	for _, p := range params {
		out = append(out, p.Name)
	}
	return out
}

func reformKeys(params []sim.Param) string {
	return strings.Join(paramNames(params), ", ")
}

// reformField finds the field of ReformSpec that carries a key, so that a
// key added to ReformSpec needs no change here.
func reformField(r *sim.ReformSpec, name string) (reflect.Value, bool) {
	v := reflect.ValueOf(r).Elem()
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		if t.Field(i).Tag.Get("toml") == name {
			return v.Field(i), true
		}
	}
	return reflect.Value{}, false
}

// setReform is Param.Set for a [[reforms]] key: the same checks and
// wording (Param.Check), without the key (the InputError gives it with the
// entry's index). A string stands for the key's default as the tag writes
// it.
func setReform(r *sim.ReformSpec, p sim.Param, v any) error {
	f, ok := reformField(r, p.Name)
	if !ok {
		return fmt.Errorf("scenarios: no ReformSpec field for %q", p.Name) // sim and this package disagree
	}
	if s, isDefault := v.(string); isDefault && p.Kind != "string" {
		var err error
		switch p.Kind {
		case "float":
			v, err = strconv.ParseFloat(s, 64)
		case "int":
			v, err = strconv.ParseInt(s, 10, 64)
		}
		if err != nil {
			return err
		}
	}
	if items, ok := v.([]any); ok && p.Kind == "list" {
		for _, e := range items {
			if name, ok := e.(string); ok && !slices.Contains(p.Enum, name) {
				msg := fmt.Sprintf("%q is not allowed", name)
				if c := closest(name, p.Enum); c != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", c)
				}
				return errors.New(msg + "; allowed " + p.Range())
			}
		}
	}
	x, err := p.Check(v)
	if err != nil {
		msg := trimKey(err.Error(), p.Key)
		if p.Kind == "string" && len(p.Enum) > 0 {
			if s, ok := v.(string); ok {
				msg = fmt.Sprintf("%q is not allowed", s)
				if c := closest(s, p.Enum); c != "" {
					msg += fmt.Sprintf(" (did you mean %q?)", c)
				}
				msg += "; allowed " + p.Range()
			}
		}
		return errors.New(msg)
	}
	switch p.Kind {
	case "float":
		f.SetFloat(x.(float64))
	case "int":
		f.SetInt(x.(int64))
	case "list":
		f.Set(reflect.ValueOf(x))
	default:
		f.SetString(x.(string))
	}
	return nil
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

// closest returns the candidate within edit distance 2 of s (the first of
// the nearest), or "".
func closest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if c == s {
			continue
		}
		if d := editDistance(s, c, bestD); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b in runes, or
// limit when it is at least limit (long fuzzed keys stay cheap).
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d >= limit || -d >= limit {
		return limit
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit)
}
