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
	Key     string   // dotted TOML key, e.g. "economy.lambda0"
	Section string   // TOML table, "" for top-level keys
	Name    string   // key within its section
	Kind    string   // "float", "int" or "string"
	Unit    string   // unit of measure
	Default string   // default, as written in TOML
	Min     float64  // inclusive lower bound (numeric kinds)
	Max     float64  // inclusive upper bound (numeric kinds)
	Enum    []string // allowed values (string kinds with a fixed set)
	Doc     string   // one line of documentation

	index []int // field path within Config
}

// Range renders the allowed values for messages and documentation.
func (p Param) Range() string {
	switch {
	case len(p.Enum) > 0:
		return strings.Join(p.Enum, " | ")
	case p.Kind == "string":
		return "any text"
	case p.Kind == "int":
		return fmt.Sprintf("integer in [%s, %s]", fmtNum(p.Min), fmtNum(p.Max))
	default:
		return fmt.Sprintf("[%s, %s]", fmtNum(p.Min), fmtNum(p.Max))
	}
}

func fmtNum(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// Params lists every scalar parameter of Config in declaration order. The
// reform schedule ([[reforms]]) is not a scalar parameter and is described by
// ReformSpecParams. The table is built once from the struct tags (it cannot
// change while the program runs); callers get their own copy.
func Params() []Param {
	return append([]Param(nil), paramTable()...)
}

// paramTable reflects over Config once; Validate and every sweep point
// would otherwise pay for the reflection each time.
var paramTable = sync.OnceValue(buildParams)

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

// ReformSpecParams describes the keys of one [[reforms]] entry.
func ReformSpecParams() []Param {
	var out []Param
	t := reflect.TypeOf(ReformSpec{})
	for i := 0; i < t.NumField(); i++ {
		out = append(out, paramOf(t.Field(i), "reforms", []int{i}))
	}
	return out
}

func paramOf(f reflect.StructField, section string, index []int) Param {
	p := Param{
		Section: section,
		Name:    f.Tag.Get("toml"),
		Unit:    f.Tag.Get("unit"),
		Default: f.Tag.Get("def"),
		Doc:     f.Tag.Get("doc"),
		index:   index,
		Min:     math.Inf(-1),
		Max:     math.Inf(1),
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
	default:
		panic("sim: unsupported parameter type " + f.Type.String()) // a programming error, caught by tests
	}
	if s := f.Tag.Get("min"); s != "" {
		p.Min = mustFloat(s)
	}
	if s := f.Tag.Get("max"); s != "" {
		p.Max = mustFloat(s)
	}
	if s := f.Tag.Get("enum"); s != "" {
		p.Enum = strings.Split(s, "|")
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

// Lookup finds a parameter by its dotted key.
func Lookup(key string) (Param, bool) {
	for _, p := range paramTable() {
		if p.Key == key {
			return p, true
		}
	}
	return Param{}, false
}

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

func (p Param) field(c *Config) reflect.Value {
	return reflect.ValueOf(c).Elem().FieldByIndex(p.index)
}

// Get returns the parameter's value in c as float64, int or string.
func (p Param) Get(c *Config) any {
	v := p.field(c)
	switch p.Kind {
	case "float":
		return v.Float()
	case "int":
		return int(v.Int())
	default:
		return v.String()
	}
}

// Format renders the parameter's value in c as TOML.
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
	default:
		return strconv.Quote(x.(string))
	}
}

// Set assigns v (float64, int64, int or string, as a TOML decoder gives
// them) after checking its type and range.
func (p Param) Set(c *Config, v any) error {
	f := p.field(c)
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
			return fmt.Errorf("%s: want a number, got %s", p.Key, TypeName(v))
		}
		if math.IsNaN(x) || x < p.Min || x > p.Max {
			return fmt.Errorf("%s = %s is out of range: allowed %s", p.Key, fmtNum(x), p.Range())
		}
		f.SetFloat(x)
	case "int":
		var x int64
		switch n := v.(type) {
		case int64:
			x = n
		case int:
			x = int64(n)
		case float64:
			if n != math.Trunc(n) || math.Abs(n) > 1<<53 {
				return fmt.Errorf("%s: want an integer, got %s", p.Key, fmtNum(n))
			}
			x = int64(n)
		default:
			return fmt.Errorf("%s: want an integer, got %s", p.Key, TypeName(v))
		}
		if float64(x) < p.Min || float64(x) > p.Max {
			return fmt.Errorf("%s = %d is out of range: allowed %s", p.Key, x, p.Range())
		}
		f.SetInt(x)
	default:
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: want a string, got %s", p.Key, TypeName(v))
		}
		if len(p.Enum) > 0 && !slices.Contains(p.Enum, s) {
			return fmt.Errorf("%s = %q is not allowed: allowed %s", p.Key, s, p.Range())
		}
		f.SetString(s)
	}
	return nil
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
			return fmt.Errorf("reforms[%d]: %w", i, err)
		}
	}
	return nil
}

// Validate checks one scheduled reform.
func (r ReformSpec) Validate() error {
	for _, p := range ReformSpecParams() {
		switch p.Name {
		case "kind":
			if !slices.Contains(p.Enum, r.Kind) {
				return fmt.Errorf("reforms.kind = %q is not allowed: allowed %s", r.Kind, p.Range())
			}
		case "coverage":
			if !slices.Contains(p.Enum, r.Coverage) {
				return fmt.Errorf("reforms.coverage = %q is not allowed: allowed %s", r.Coverage, p.Range())
			}
		case "start":
			if float64(r.Start) < p.Min || float64(r.Start) > p.Max {
				return fmt.Errorf("reforms.start = %d is out of range: allowed %s", r.Start, "integer in ["+fmtNum(p.Min)+", "+fmtNum(p.Max)+"]")
			}
		case "fraction":
			if math.IsNaN(r.Fraction) || r.Fraction < p.Min || r.Fraction > p.Max {
				return fmt.Errorf("reforms.fraction = %s is out of range: allowed [0, 1]", fmtNum(r.Fraction))
			}
		}
	}
	if r.Coverage == "pilot" && r.Fraction == 0 {
		return fmt.Errorf("reforms.fraction must be above 0 when coverage = \"pilot\"")
	}
	return nil
}

// Setting is one parameter's key and value as a scenario file writes it.
type Setting struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Changes lists what c sets differently from the defaults — every
// parameter but the name and description, then each scheduled reform — so
// that a report can say what a scenario is without the whole file.
func (c *Config) Changes() []Setting {
	def := Default()
	var out []Setting
	for _, p := range paramTable() {
		if p.Key == "name" || p.Key == "description" {
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
