package scenarios

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/govsim/govsim/sim"
)

// Format writes c as a complete scenario file: every parameter, grouped by
// table, each under a comment with its meaning, unit and allowed values,
// then the reform schedule. It has no extends, so it stands alone (a run's
// manifest keeps it to reproduce the run), and Parse gives back exactly c.
func Format(c sim.Config) []byte {
	var b bytes.Buffer
	b.WriteString("# govsim scenario, fully resolved: every parameter, defaults included.\n")
	b.WriteString("# Each comment gives what the key means — its unit, allowed values.\n\n")
	params := sim.Params()
	// TOML puts top-level keys before the first table.
	for _, p := range params {
		if p.Section == "" {
			writeParam(&b, p, &c)
		}
	}
	section := ""
	for _, p := range params {
		if p.Section == "" {
			continue
		}
		if p.Section != section {
			section = p.Section
			fmt.Fprintf(&b, "\n[%s]\n", section)
		}
		writeParam(&b, p, &c)
	}

	specs := sim.ReformSpecParams()
	b.WriteString("\n# Reform schedule: one [[reforms]] entry per reform.\n")
	for _, p := range specs {
		fmt.Fprintf(&b, "#   %s: %s\n", p.Name, comment(p))
	}
	if len(c.Reforms) == 0 {
		b.WriteString("# (none: no reform is scheduled)\n")
	}
	for i := range c.Reforms {
		r := &c.Reforms[i]
		b.WriteString("\n[[reforms]]\n")
		for _, p := range specs {
			v, ok := r.Value(p.Name)
			if !ok {
				continue
			}
			if r.Trigger == "" && (p.Name == "trigger" || p.Name == "threshold" || strings.HasPrefix(p.Name, "trigger_")) {
				continue // an entry without a trigger starts at start: its trigger keys would only be noise
			}
			switch x := v.(type) {
			case float64:
				// Optional keys at zero (fraction outside pilots) would
				// only be noise.
				if x == 0 && p.Name == "fraction" {
					continue
				}
				fmt.Fprintf(&b, "%s = %s\n", p.Name, formatFloat(x))
			case int:
				fmt.Fprintf(&b, "%s = %d\n", p.Name, x)
			case []string:
				q := make([]string, len(x))
				for j, e := range x {
					q[j] = quote(e)
				}
				fmt.Fprintf(&b, "%s = [%s]\n", p.Name, strings.Join(q, ", "))
			case string:
				fmt.Fprintf(&b, "%s = %s\n", p.Name, quote(x))
			}
		}
	}
	return b.Bytes()
}

func writeParam(b *bytes.Buffer, p sim.Param, c *sim.Config) {
	fmt.Fprintf(b, "# %s\n", comment(p))
	v := p.Format(c)
	if p.Kind == "string" {
		// Param.Format quotes the Go way (\x escapes), which older TOML
		// readers refuse.
		v = quote(p.Get(c).(string))
	}
	fmt.Fprintf(b, "%s = %s\n", p.Name, v)
}

// comment is "doc — unit, allowed values" on one line.
func comment(p sim.Param) string {
	meta := "allowed " + p.Range()
	if p.Unit != "" && p.Unit != "-" {
		meta = p.Unit + ", " + meta
	}
	doc := strings.Join(strings.Fields(p.Doc), " ")
	if doc == "" {
		return meta
	}
	return doc + " — " + meta
}

// formatFloat writes the shortest form that reads back to x, always as a
// TOML float.
func formatFloat(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") {
		s += ".0"
	}
	return s
}

// quote writes s as a TOML basic string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			// Invalid UTF-8 cannot come from a TOML file; it is written as
			// U+FFFD, which is what a decoder would make of it anyway.
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
