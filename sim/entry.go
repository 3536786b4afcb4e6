package sim

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// EntryProblem is one thing wrong with a [[reforms]] entry: the key it is
// about ("" for the entry as a whole) and what is wrong, with what would
// be accepted.
type EntryProblem struct {
	Key string
	Msg string
}

func (p EntryProblem) Error() string {
	if p.Key == "" {
		return p.Msg
	}
	return p.Key + ": " + p.Msg
}

// DecodeReform builds one schedule entry from its keys, as a decoder
// delivers them (TOML: float64, int64, string, []any; encoding/json:
// float64, string, []any). It is the one reader of [[reforms]] entries:
// scenario files, -set and the classroom all come through it, so an entry
// means the same and is refused with the same words everywhere.
//
// Keys left out take their defaults (separations: the kind's); keys
// without a default must be given. Each key is checked as Param.Check
// checks it, and, when every key is good, the rules across keys
// (ReformSpec.Validate). Problems come in key order; none means r is good.
func DecodeReform(m map[string]any) (r ReformSpec, problems []EntryProblem) {
	specs := specTable()
	for _, p := range specs {
		if _, given := m[p.Name]; given || p.Required || p.Default == "" && p.Kind != "string" {
			continue
		}
		x, err := p.Parse(p.Default)
		if err == nil {
			err = p.setEntry(&r, x)
		}
		if err != nil {
			panic("sim: bad default of " + p.Key + ": " + err.Error()) // the tags disagree with themselves
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		p, ok := specParam(k)
		if !ok {
			msg := fmt.Sprintf("unknown key %q in [[reforms]]", k)
			if s := Closest(k, specNames()); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			problems = append(problems, EntryProblem{k, msg + "; allowed " + strings.Join(specNames(), ", ")})
			continue
		}
		if err := p.setEntry(&r, m[k]); err != nil {
			problems = append(problems, EntryProblem{k, err.Error()})
		}
	}
	for _, p := range specs {
		if _, ok := m[p.Name]; !ok && p.Required {
			problems = append(problems, EntryProblem{p.Name, "missing; allowed " + p.Range()})
		}
	}
	if len(problems) > 0 {
		return r, problems
	}
	if _, ok := m["separations"]; !ok {
		r.Separations = DefaultSeparations(r.Kind)
	}
	if _, given := m["threshold"]; given && r.Trigger != "" {
		// The threshold key wins over a number written in the trigger.
		t := r.Threshold
		r.normalize()
		r.Threshold = t
	} else {
		r.normalize()
	}
	if err := r.Validate(); err != nil {
		// Validate's messages start with the key: reforms.fraction must ...
		msg := err.Error()
		key, _, _ := strings.Cut(msg, " ")
		key = strings.TrimSuffix(key, ":")
		if name, ok := strings.CutPrefix(key, "reforms."); ok {
			if _, ok := specParam(name); ok {
				return r, []EntryProblem{{name, trimKeyOf(msg, key)}}
			}
		}
		return r, []EntryProblem{{"", msg}}
	}
	return r, nil
}

// Value returns the value of one key of the entry (float64, int, string or
// []string), and whether the entry has such a key.
func (r *ReformSpec) Value(name string) (any, bool) {
	p, ok := specParam(name)
	if !ok {
		return nil, false
	}
	f := reflect.ValueOf(r).Elem().FieldByIndex(p.index)
	switch p.Kind {
	case "float":
		return f.Float(), true
	case "int":
		return int(f.Int()), true
	case "list":
		return slices.Clone(f.Interface().([]string)), true
	}
	return f.String(), true
}

func specParam(name string) (Param, bool) {
	for _, p := range specTable() {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

func specNames() []string {
	var out []string
	for _, p := range specTable() {
		out = append(out, p.Name)
	}
	return out
}

// setEntry is Param.Set for a key of an entry: the same checks, with
// messages that leave out the key (the caller names the entry and key),
// and a suggestion for a name that is nearly allowed.
func (p Param) setEntry(r *ReformSpec, v any) error {
	if items, ok := v.([]any); ok && p.Kind == "list" {
		for _, e := range items {
			if name, ok := e.(string); ok && !slices.Contains(p.Enum, name) {
				return errors.New(notAllowed(name, p))
			}
		}
	}
	x, err := p.Check(v)
	if err != nil {
		msg := trimKeyOf(err.Error(), p.Key)
		if s, ok := v.(string); ok && p.Kind == "string" && len(p.Enum) > 0 {
			msg = notAllowed(s, p)
		}
		if !strings.Contains(msg, "allowed") {
			msg += "; allowed " + p.Range() // every message says what would do
		}
		return errors.New(msg)
	}
	f := reflect.ValueOf(r).Elem().FieldByIndex(p.index)
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

// notAllowed says that a name is not one of the allowed ones, with the
// nearest if there is one.
func notAllowed(name string, p Param) string {
	msg := fmt.Sprintf("%q is not allowed", name)
	if c := Closest(name, p.Enum); c != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", c)
	}
	return msg + "; allowed " + p.Range()
}

// Parse reads a value written as text (a command-line -set, a sweep's
// level, a default) as the decoder of a file would deliver it: a number, an
// integer, a string (quoted or not), or a list of names, written
// ["a", "b"], [a, b] or a,b (an empty list: [] or nothing).
func (p Param) Parse(s string) (any, error) {
	switch p.Kind {
	case "float":
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return nil, fmt.Errorf("want a number, got %q", s)
		}
		return x, nil
	case "int":
		if x, err := strconv.ParseInt(s, 10, 64); err == nil {
			return x, nil
		}
		if x, err := strconv.ParseFloat(s, 64); err == nil {
			return x, nil // Check accepts 24.0, refuses 24.5
		}
		return nil, fmt.Errorf("want an integer, got %q", s)
	case "list":
		body := strings.TrimSpace(s)
		if inner, ok := strings.CutPrefix(body, "["); ok {
			var closed bool
			if body, closed = strings.CutSuffix(inner, "]"); !closed {
				return nil, fmt.Errorf("want a list such as [\"a\", \"b\"], got %q", s)
			}
		}
		items := []any{}
		if strings.TrimSpace(body) == "" {
			return items, nil
		}
		for _, e := range strings.Split(body, ",") {
			e = strings.TrimSpace(e)
			if u, err := strconv.Unquote(e); err == nil {
				e = u
			}
			items = append(items, e)
		}
		return items, nil
	default:
		if u, err := strconv.Unquote(s); err == nil {
			return u, nil
		}
		return s, nil
	}
}

// trimKeyOf drops the key a message starts with ("reforms.start = 3 is
// ...": "3 is ..."), for a caller that names the key itself.
func trimKeyOf(msg, key string) string {
	for _, sep := range []string{": ", " = ", " "} {
		if rest, ok := strings.CutPrefix(msg, key+sep); ok {
			return rest
		}
	}
	return msg
}

// Closest is the candidate nearest to s by edit distance, if one is
// within two edits: the "did you mean" of messages.
func Closest(s string, candidates []string) string {
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
