package sim

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Param describes one scenario parameter, read from the tags of Config.
type Param struct {
	Key     string   // dotted TOML key, e.g. "economy.lambda0", or "reforms[1].start"
	Section string   // TOML table, "" for top-level keys, "reforms" for a schedule entry's keys
	Name    string   // key within its section
	Kind    string   // "float", "int", "string" or "list" (of strings)
	Unit    string   // unit of measure
	Default string   // default, as written in TOML ("" when the key has none)
	Min     float64  // inclusive lower bound (numeric kinds)
	Max     float64  // inclusive upper bound (numeric kinds)
	Enum    []string // allowed values (string and list kinds with a fixed set)
	Doc     string   // one line of documentation
	Shape   string   // a string's shape: "color" (#rrggbb or empty), "" for any text
	// Required: the key has no default (a schedule entry's kind, start
	// and coverage) and must be given.
	Required bool

	// Class says what kind of claim the parameter carries: "reform" (a
	// reform acts through it), "behaviour", "calibration", "structure", or
	// "" for settings of the run.
	Class string
	// Source is the section of the Nanhai study or the cited figure the
	// default comes from, or "assumption".
	Source string
	// PlausLo and PlausHi bound the values a reviewer would still call
	// plausible (NaN when not given): robustness analyses sample them.
	PlausLo, PlausHi float64

	// Own marks the keys that describe one scenario file rather than the
	// model (its name, labels, description and colour): a file that
	// extends another never takes them from it, and Changes leaves them
	// out.
	Own bool

	// Entry is the schedule entry a reforms[i].key parameter sets (−1 for
	// every other parameter, and for the entry keys ReformSpecParams lists).
	Entry int

	index []int // field path within Config, or within ReformSpec
}

// Range renders the allowed values for messages and documentation.
func (p Param) Range() string {
	switch {
	case p.Kind == "list":
		return "a list of " + strings.Join(p.Enum, ", ")
	case len(p.Enum) > 0:
		return strings.Join(p.Enum, " | ")
	case p.Shape == "color":
		return "#rrggbb (six hexadecimal digits) or empty"
	case p.Kind == "string":
		return "any text"
	case p.Kind == "int":
		return fmt.Sprintf("integer in [%s, %s]", fmtNum(p.Min), fmtNum(p.Max))
	default:
		return fmt.Sprintf("[%s, %s]", fmtNum(p.Min), fmtNum(p.Max))
	}
}

// HasPlausible reports whether the parameter declares a plausible range.
func (p Param) HasPlausible() bool { return !math.IsNaN(p.PlausLo) && !math.IsNaN(p.PlausHi) }

// Uncertain reports whether the parameter is one a robustness analysis
// varies (govsim explore samples them): a behavioural parameter or one
// through which a reform acts, numeric and continuous (integer ones such as
// the election interval change the calendar, not a strength), with a
// plausible range to sample.
func (p Param) Uncertain() bool {
	return (p.Class == "reform" || p.Class == "behaviour") && p.Kind == "float" && p.HasPlausible()
}

// Plausible renders the plausible range ("" when there is none).
func (p Param) Plausible() string {
	if !p.HasPlausible() {
		return ""
	}
	return fmt.Sprintf("%s – %s", fmtNum(p.PlausLo), fmtNum(p.PlausHi))
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// Params lists every scalar parameter of Config in declaration order. The
// reform schedule ([[reforms]]) is described by ReformSpecParams, and its
// entries' keys (reforms[0].start) are found by Lookup. The table is built
// once from the struct tags (it cannot change while the program runs);
// callers get their own copy.
func Params() []Param {
	return append([]Param(nil), paramTable()...)
}

// paramTable reflects over Config once; Validate and every sweep point
// would otherwise pay for the reflection each time.
var paramTable = sync.OnceValue(buildParams)

// specTable is the same for the keys of one [[reforms]] entry.
var specTable = sync.OnceValue(buildSpecParams)

func buildParams() []Param {
	var out []Param
	t := reflect.TypeOf(Config{})
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		switch {
		case f.Type.Kind() == reflect.Struct:
			sec := f.Tag.Get("toml")
			for j := 0; j < f.Type.NumField(); j++ {
				out = append(out, paramOf(f.Type.Field(j), sec, []int{i, j}))
			}
		case f.Type.Kind() == reflect.Slice:
			// the reform schedule
		default:
			out = append(out, paramOf(f, "", []int{i}))
		}
	}
	return out
}

func buildSpecParams() []Param {
	var out []Param
	t := reflect.TypeOf(ReformSpec{})
	for i := 0; i < t.NumField(); i++ {
		out = append(out, paramOf(t.Field(i), "reforms", []int{i}))
	}
	return out
}

// ReformSpecParams describes the keys of one [[reforms]] entry.
func ReformSpecParams() []Param {
	return append([]Param(nil), specTable()...)
}

func paramOf(f reflect.StructField, section string, index []int) Param {
	p := Param{
		Section: section,
		Name:    f.Tag.Get("toml"),
		Unit:    f.Tag.Get("unit"),
		Default: f.Tag.Get("def"),
		Doc:     f.Tag.Get("doc"),
		Class:   f.Tag.Get("class"),
		Source:  f.Tag.Get("src"),
		Own:     f.Tag.Get("own") == "file",
		Shape:   f.Tag.Get("format"),
		index:   index,
		Min:     math.Inf(-1),
		Max:     math.Inf(1),
		PlausLo: math.NaN(),
		PlausHi: math.NaN(),
		Entry:   -1,
	}
	p.Key = p.Name
	if section != "" {
		p.Key = section + "." + p.Name
	}
	switch f.Type.Kind() {
	case reflect.Float64:
		p.Kind = "float"
	case reflect.Int:
		p.Kind = "int"
	case reflect.String:
		p.Kind = "string"
	case reflect.Slice:
		if f.Type.Elem().Kind() != reflect.String {
			panic("sim: unsupported parameter type " + f.Type.String())
		}
		p.Kind = "list"
	default:
		panic("sim: unsupported parameter type " + f.Type.String()) // a programming error, caught by tests
	}
	_, hasDefault := f.Tag.Lookup("def")
	p.Required = !hasDefault && p.Kind != "list"
	if s := f.Tag.Get("min"); s != "" {
		p.Min = mustFloat(s)
	}
	if s := f.Tag.Get("max"); s != "" {
		p.Max = mustFloat(s)
	}
	switch s := f.Tag.Get("enum"); s {
	case "":
	case "@kinds": // the reform kinds' table
		p.Enum = KindKeys()
	case "@separations":
		p.Enum = SeparationNames()
	default:
		p.Enum = strings.Split(s, "|")
	}
	if s := f.Tag.Get("plaus"); s != "" {
		lo, hi, ok := strings.Cut(s, ",")
		if !ok {
			panic("sim: bad plausible range " + s)
		}
		p.PlausLo, p.PlausHi = mustFloat(lo), mustFloat(hi)
	}
	if p.Unit == "" {
		p.Unit = "-"
	}
	return p
}

func mustFloat(s string) float64 {
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		panic("sim: bad number in parameter tag: " + s)
	}
	return x
}

// Lookup finds a parameter by its dotted key: a key of Params, or a key
// of one schedule entry written reforms[i].name (reforms[0].start,
// reforms[2].intensity). Whether entry i exists depends on the scenario,
// so Set checks it.
func Lookup(key string) (Param, bool) {
	if rest, ok := strings.CutPrefix(key, "reforms["); ok {
		idx, name, ok := strings.Cut(rest, "].")
		i, err := strconv.Atoi(idx)
		if !ok || err != nil || i < 0 || strconv.Itoa(i) != idx || i > maxEntries {
			return Param{}, false
		}
		for _, p := range specTable() {
			if p.Name == name {
				p.Entry = i
				p.Key = fmt.Sprintf("reforms[%d].%s", i, name)
				return p, true
			}
		}
		return Param{}, false
	}
	for _, p := range paramTable() {
		if p.Key == key {
			return p, true
		}
	}
	return Param{}, false
}

// maxEntries bounds the schedule entries a key may name.
const maxEntries = 999

// Default returns the configuration with every parameter at its default and
// no reform scheduled.
func Default() Config {
	var c Config
	for _, p := range Params() {
		if p.Default == "" && p.Kind != "string" {
			panic("sim: parameter without default: " + p.Key)
		}
		if err := p.SetString(&c, p.Default); err != nil {
			panic("sim: bad default: " + err.Error())
		}
	}
	return c
}

// field finds the parameter's field in c. For an entry key it copies the
// schedule first (copy on write): configurations copied by value share
// their schedule, and a sweep point must not change another's.
func (p Param) field(c *Config, write bool) (reflect.Value, error) {
	if p.Entry < 0 {
		if p.Section == "reforms" {
			return reflect.Value{}, fmt.Errorf("%s: name the entry, as in reforms[0].%s", p.Key, p.Name)
		}
		return reflect.ValueOf(c).Elem().FieldByIndex(p.index), nil
	}
	if p.Entry >= len(c.Reforms) {
		return reflect.Value{}, fmt.Errorf("%s: the scenario has %s; allowed %s", p.Key, entries(len(c.Reforms)), entryKeys(len(c.Reforms), p.Name))
	}
	if write {
		c.Reforms = slices.Clone(c.Reforms)
	}
	return reflect.ValueOf(&c.Reforms[p.Entry]).Elem().FieldByIndex(p.index), nil
}

func entries(n int) string {
	switch n {
	case 0:
		return "no [[reforms]] entry"
	case 1:
		return "1 [[reforms]] entry"
	}
	return fmt.Sprintf("%d [[reforms]] entries", n)
}

func entryKeys(n int, name string) string {
	switch n {
	case 0:
		return "no reforms[i] key (schedule a reform first)"
	case 1:
		return "reforms[0]." + name
	}
	return fmt.Sprintf("reforms[0].%s to reforms[%d].%s", name, n-1, name)
}

// Get returns the parameter's value in c as float64, int, string or
// []string; nil when the key names a schedule entry c does not have.
func (p Param) Get(c *Config) any {
	v, err := p.field(c, false)
	if err != nil {
		return nil
	}
	switch p.Kind {
	case "float":
		return v.Float()
	case "int":
		return int(v.Int())
	case "list":
		return slices.Clone(v.Interface().([]string))
	default:
		return v.String()
	}
}

// Format renders the parameter's value in c as TOML ("" when Get is nil).
func (p Param) Format(c *Config) string {
	switch x := p.Get(c).(type) {
	case float64:
		s := strconv.FormatFloat(x, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		return s
	case int:
		return strconv.Itoa(x)
	case []string:
		q := make([]string, len(x))
		for i, e := range x {
			q[i] = strconv.Quote(e)
		}
		return "[" + strings.Join(q, ", ") + "]"
	case string:
		return strconv.Quote(x)
	}
	return ""
}

// Set assigns v (float64, int64, int, string, []string or []any, as a
// TOML decoder gives them) after checking its type and range, and, for a
// schedule entry's key, that c has the entry.
func (p Param) Set(c *Config, v any) error {
	x, err := p.Check(v)
	if err != nil {
		return err
	}
	f, err := p.field(c, true)
	if err != nil {
		return err
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
	if p.Entry >= 0 && p.Name == "trigger" {
		c.Reforms[p.Entry].normalize() // a number in the trigger is its threshold
	}
	return nil
}

// Check checks v's type and range as Set would, without a configuration,
// and returns it converted to the parameter's kind (float64, int64, string
// or []string).
func (p Param) Check(v any) (any, error) {
	switch p.Kind {
	case "float":
		var x float64
		switch n := v.(type) {
		case float64:
			x = n
		case int64:
			x = float64(n)
		case int:
			x = float64(n)
		default:
			return nil, fmt.Errorf("%s: want a number, got %s", p.Key, TypeName(v))
		}
		if math.IsNaN(x) || x < p.Min || x > p.Max {
			return nil, fmt.Errorf("%s = %s is out of range: allowed %s", p.Key, fmtNum(x), p.Range())
		}
		return x, nil
	case "int":
		var x int64
		switch n := v.(type) {
		case int64:
			x = n
		case int:
			x = int64(n)
		case float64:
			if n != math.Trunc(n) || math.Abs(n) > 1<<53 {
				return nil, fmt.Errorf("%s: want an integer, got %s", p.Key, fmtNum(n))
			}
			x = int64(n)
		default:
			return nil, fmt.Errorf("%s: want an integer, got %s", p.Key, TypeName(v))
		}
		if float64(x) < p.Min || float64(x) > p.Max {
			return nil, fmt.Errorf("%s = %d is out of range: allowed %s", p.Key, x, p.Range())
		}
		return x, nil
	case "list":
		var items []string
		switch l := v.(type) {
		case []string:
			items = l
		case []any:
			for _, e := range l {
				s, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("%s: want a list of names, got %s in it; allowed %s", p.Key, TypeName(e), p.Range())
				}
				items = append(items, s)
			}
		default:
			return nil, fmt.Errorf("%s: want a list of names, got %s; allowed %s", p.Key, TypeName(v), p.Range())
		}
		out := make([]string, 0, len(items))
		for _, s := range items {
			if !slices.Contains(p.Enum, s) {
				return nil, fmt.Errorf("%s: %q is not allowed: allowed %s", p.Key, s, p.Range())
			}
			if slices.Contains(out, s) {
				return nil, fmt.Errorf("%s: %q is listed twice: allowed each once", p.Key, s)
			}
			out = append(out, s)
		}
		return out, nil
	default:
		s, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s: want a string, got %s", p.Key, TypeName(v))
		}
		if len(p.Enum) > 0 && !slices.Contains(p.Enum, s) || p.Shape == "color" && s != "" && !isColor(s) {
			return nil, fmt.Errorf("%s = %q is not allowed: allowed %s", p.Key, s, p.Range())
		}
		return s, nil
	}
}

// SetString parses s as the parameter's kind and assigns it.
func (p Param) SetString(c *Config, s string) error {
	switch p.Kind {
	case "float":
		x, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not a number", p.Key, s)
		}
		return p.Set(c, x)
	case "int":
		x, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fmt.Errorf("%s: %q is not an integer", p.Key, s)
		}
		return p.Set(c, x)
	case "list":
		var l []string
		if s != "" {
			l = strings.Split(s, ",")
		}
		return p.Set(c, l)
	default:
		return p.Set(c, s)
	}
}

// TypeName names the kind of a decoded TOML value for error messages
// ("want a number, got a string").
func TypeName(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64, int:
		return "an integer"
	case float64:
		return "a number"
	case []any, []map[string]any:
		return "an array"
	case map[string]any:
		return "a table"
	case time.Time:
		return "a date"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// Validate checks every parameter against its range and the relations
// between parameters that no single range can express.
func (c *Config) Validate() error {
	for _, p := range paramTable() {
		if err := p.Set(c, p.Get(c)); err != nil {
			return err
		}
	}
	d := c.District
	if d.GroupsMin > d.GroupsMax {
		return fmt.Errorf("district.groups_min = %d is above district.groups_max = %d", d.GroupsMin, d.GroupsMax)
	}
	if d.SeatsMin > d.SeatsMax {
		return fmt.Errorf("district.seats_min = %d is above district.seats_max = %d", d.SeatsMin, d.SeatsMax)
	}
	for i, r := range c.Reforms {
		if err := r.Validate(); err != nil {
			// Name the entry the way a sweep names its keys: reforms[1].end.
			if rest, ok := strings.CutPrefix(err.Error(), "reforms."); ok {
				return fmt.Errorf("reforms[%d].%s", i, rest)
			}
			return fmt.Errorf("reforms[%d]: %w", i, err)
		}
	}
	return nil
}

// Validate checks one scheduled reform: every key against its range, and
// the rules across keys. Messages start with the key they are about
// ("reforms.end ..."), so that a loader can point at its line.
func (r ReformSpec) Validate() error {
	for _, p := range specTable() {
		f := reflect.ValueOf(r).FieldByIndex(p.index)
		var v any
		switch p.Kind {
		case "float":
			v = f.Float()
		case "int":
			v = f.Int()
		case "list":
			v = f.Interface().([]string)
		default:
			v = f.String()
		}
		if _, err := p.Check(v); err != nil {
			return err
		}
	}
	if r.Coverage == "pilot" && r.Fraction == 0 {
		return fmt.Errorf("reforms.fraction must be above 0 when coverage = \"pilot\"")
	}
	if r.End != 0 && r.End <= r.Start {
		return fmt.Errorf("reforms.end = %d is not after start = %d: allowed 0 (never reversed) or a month above start", r.End, r.Start)
	}
	if r.Trigger != "" {
		if _, _, _, err := parseTrigger(r.Trigger); err != nil {
			return fmt.Errorf("reforms.trigger: %v", err)
		}
	}
	if k, _ := KindOf(r.Kind); !kindTable[k].AllowsSeparations && len(r.Separations) > 0 {
		return fmt.Errorf("reforms.separations: %s (%s) brings none of 政经分离's separations; allowed [] or no key (separations belong to %s entries)", kindTable[k].LabelZH, r.Kind, kindsWithSeparations())
	}
	return nil
}

// isColor reports whether s is #rrggbb.
func isColor(s string) bool {
	if len(s) != 7 || s[0] != '#' {
		return false
	}
	for _, r := range s[1:] {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}

// Setting is one parameter's key and value as a scenario file writes it.
type Setting struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Changes lists what c sets differently from the defaults — every
// parameter but those of the file's own (name, labels, description,
// colour), then each scheduled reform — so
// that a report can say what a scenario is without the whole file.
func (c *Config) Changes() []Setting {
	def := Default()
	var out []Setting
	for _, p := range paramTable() {
		if p.Own {
			continue
		}
		if v := p.Format(c); v != p.Format(&def) {
			out = append(out, Setting{Key: p.Key, Value: v})
		}
	}
	for _, r := range c.Reforms {
		v := fmt.Sprintf("from month %d, %s", r.Start, r.Coverage)
		if r.Coverage == "pilot" {
			v += fmt.Sprintf(" (%.0f%%)", 100*r.Fraction)
		}
		out = append(out, Setting{Key: "reform " + r.Kind, Value: v})
	}
	return out
}
