package live

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/govsim/govsim/sim"
)

// Settings is what Setup sends: one seed for both panes, and each pane's
// scenario, reforms and parameters. No panes means the default pair.
type Settings struct {
	Seed  uint64         `json:"seed"`
	Panes []PaneSettings `json:"panes"`
}

// PaneSettings is one pane: an embedded scenario, optionally with its
// reform schedule replaced and some class parameters set.
type PaneSettings struct {
	Scenario string
	// Reforms replaces the scenario's schedule when HasReforms; an empty
	// list switches every reform off.
	Reforms    []sim.ReformSpec
	HasReforms bool
	// Params sets class parameters by key; the others keep the scenario's.
	Params map[string]float64
}

// wirePane is PaneSettings as JSON: reforms keyed by TOML names.
type wirePane struct {
	Scenario string                        `json:"scenario"`
	Reforms  *[]map[string]json.RawMessage `json:"reforms"`
	Params   map[string]float64            `json:"params"`
}

// Control is a button press: go, pause, step, or a new speed. Go may
// carry Until, the month at which both panes pause: they stop when the
// clock shows it, so a class can stop exactly before a reform's start.
type Control struct {
	Action string `json:"action"`
	Speed  int    `json:"speed"`
	Until  *int   `json:"until,omitempty"`
}

// Limits of a request, beyond the parameter table's ranges.
const (
	maxSeed    = 1<<53 - 1 // the page holds numbers as doubles
	maxReforms = 8
	maxSpeed   = 100 // months per second
	maxMonth   = 1200
)

// badRequest is bad input from the page or from whoever sent the request:
// answered with its status and message, never a crash.
type badRequest struct {
	status int
	msg    string
}

func (e *badRequest) Error() string { return e.msg }

func bad(format string, a ...any) error {
	return &badRequest{http.StatusBadRequest, fmt.Sprintf(format, a...)}
}

// decodeJSON reads exactly one JSON value into v, refusing unknown fields.
func decodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if errors.Is(err, io.EOF) {
			return bad("empty request body: want a JSON object")
		}
		return bad("bad JSON: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return bad("bad JSON: more after the first value")
	}
	return nil
}

// DecodeSettings reads the body of a setup request. It checks the shape
// and the seed; the panes are checked against the scenarios by resolve.
func DecodeSettings(r io.Reader) (Settings, error) {
	var w struct {
		Seed  *float64   `json:"seed"`
		Panes []wirePane `json:"panes"`
	}
	if err := decodeJSON(r, &w); err != nil {
		return Settings{}, err
	}
	var s Settings
	if w.Seed != nil {
		seed, err := checkSeed(*w.Seed)
		if err != nil {
			return Settings{}, err
		}
		s.Seed = seed
	} else {
		s.Seed = 1
	}
	if len(w.Panes) != 2 && len(w.Panes) != 0 {
		return Settings{}, bad("panes: want 2 panes (left and right), or none for the defaults; got %d", len(w.Panes))
	}
	for i, p := range w.Panes {
		ps, err := paneFromWire(p)
		if err != nil {
			return Settings{}, bad("panes[%d]: %v", i, err)
		}
		s.Panes = append(s.Panes, ps)
	}
	return s, nil
}

// DecodePane reads the body of a request that changes one pane.
func DecodePane(r io.Reader) (PaneSettings, error) {
	var w wirePane
	if err := decodeJSON(r, &w); err != nil {
		return PaneSettings{}, err
	}
	ps, err := paneFromWire(w)
	if err != nil {
		return PaneSettings{}, bad("%v", err)
	}
	return ps, nil
}

// DecodeControl reads a button press.
func DecodeControl(r io.Reader) (Control, error) {
	var c Control
	if err := decodeJSON(r, &c); err != nil {
		return c, err
	}
	if c.Until != nil && (c.Action != "go" || *c.Until < 0 || *c.Until > maxMonth) {
		if c.Action != "go" {
			return c, bad("until is for action go, not %q", c.Action)
		}
		return c, bad("until = %d is out of range: allowed 0 to %d (the month to pause at)", *c.Until, maxMonth)
	}
	switch c.Action {
	case "go", "pause", "step":
	case "speed":
		if c.Speed < 1 || c.Speed > maxSpeed {
			return c, bad("speed = %d is out of range: allowed 1 to %d months per second", c.Speed, maxSpeed)
		}
	default:
		return c, bad("action = %q is not allowed: allowed go | pause | step | speed", c.Action)
	}
	return c, nil
}

func checkSeed(x float64) (uint64, error) {
	if x < 0 || x > maxSeed || x != math.Trunc(x) {
		return 0, bad("seed = %v is not allowed: want an integer from 0 to %d", x, uint64(maxSeed))
	}
	return uint64(x), nil
}

func paneFromWire(w wirePane) (PaneSettings, error) {
	ps := PaneSettings{Scenario: w.Scenario, Params: w.Params}
	if w.Scenario == "" {
		return ps, errors.New("scenario: missing")
	}
	if len(w.Params) > len(classParams()) {
		return ps, fmt.Errorf("params: %d given, at most %d can be set", len(w.Params), len(classParams()))
	}
	if w.Reforms != nil {
		ps.HasReforms = true
		if len(*w.Reforms) > maxReforms {
			return ps, fmt.Errorf("reforms: %d entries, at most %d", len(*w.Reforms), maxReforms)
		}
		ps.Reforms = []sim.ReformSpec{}
		for i, raw := range *w.Reforms {
			r, err := decodeReform(raw)
			if err != nil {
				if p, ok := err.(sim.EntryProblem); ok && p.Key != "" {
					return ps, fmt.Errorf("reforms[%d].%s: %s", i, p.Key, p.Msg) // as a scenario file's key
				}
				return ps, fmt.Errorf("reforms[%d]: %v", i, err)
			}
			ps.Reforms = append(ps.Reforms, r)
		}
	}
	return ps, nil
}

// resolve turns a pane's settings into the configuration it runs: the
// scenario (only names the backend offers: no files), the class
// parameters, the reform schedule; then the whole is validated and held to
// teaching scale.
func (s *Server) resolve(p PaneSettings) (sim.Config, error) {
	if msg, ok := s.tooBig[p.Scenario]; ok {
		return sim.Config{}, bad("%s", msg)
	}
	if !slices.Contains(s.names, p.Scenario) {
		return sim.Config{}, bad("unknown scenario %q; allowed %s (scenario files cannot be opened from the page)", p.Scenario, strings.Join(s.names, " | "))
	}
	cfg, err := s.backend.Scenario(p.Scenario)
	if err != nil {
		return sim.Config{}, bad("scenario %s: %v", p.Scenario, err)
	}
	growth := cfg.MigrantGrowth() // the scenario's own, which New admitted
	keys := make([]string, 0, len(p.Params))
	for k := range p.Params {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !isClassParam(k) {
			return sim.Config{}, bad("parameter %q cannot be set from the page; allowed %s", k, strings.Join(classParamKeys(), ", "))
		}
		par, ok := sim.Lookup(k)
		if !ok {
			return sim.Config{}, bad("unknown parameter %q", k)
		}
		if err := par.Set(&cfg, p.Params[k]); err != nil {
			return sim.Config{}, bad("%v", err)
		}
	}
	if p.HasReforms {
		cfg.Reforms = slices.Clone(p.Reforms)
	}
	if err := cfg.Validate(); err != nil {
		return sim.Config{}, bad("%v", err)
	}
	if cfg.District.VillageCSV != "" {
		return sim.Config{}, bad("scenario %s reads a village file; the classroom runs synthetic districts only", p.Scenario)
	}
	// The migrants follow their target: a faster or longer growth than the
	// scenario's adds as many times its starting migrants as the target
	// grows more (forty tabs with growth 0.5 once held 9.5 GiB).
	n := agents(&cfg) + migrants(&cfg)*max(0, cfg.MigrantGrowth()-growth)
	if n > float64(s.opt.MaxAgents) {
		return sim.Config{}, bad("these settings give about %.0f resident agents as the population grows; the classroom runs teaching-scale districts of at most %d", n, s.opt.MaxAgents)
	}
	return cfg, nil
}

// migrants estimates the migrant agents a configuration starts with.
func migrants(c *sim.Config) float64 {
	d := &c.District
	return float64(d.Villages) * d.RegisteredPerUnit * d.MigrantRatio / d.Scale
}

// agents estimates the resident agents a configuration starts with:
// registered villagers and migrants over the people one agent stands for.
func agents(c *sim.Config) float64 {
	d := &c.District
	return float64(d.Villages) * d.RegisteredPerUnit * (1 + d.MigrantRatio) / d.Scale
}

func isClassParam(key string) bool { return slices.Contains(classParamKeys(), key) }

func classParamKeys() []string {
	var out []string
	for _, p := range classParams() {
		out = append(out, p.Key)
	}
	return out
}

// wireOf writes pane settings back in the shape the page sends.
func wireOf(p PaneSettings) map[string]any {
	out := map[string]any{"scenario": p.Scenario}
	params := map[string]float64{}
	for k, v := range p.Params {
		params[k] = v
	}
	out["params"] = params
	if p.HasReforms {
		rs := []map[string]any{}
		for _, r := range p.Reforms {
			rs = append(rs, encodeReform(r))
		}
		out["reforms"] = rs
	}
	return out
}

// readBody caps a request body and decodes it with dec.
func readBody[T any](w http.ResponseWriter, r *http.Request, limit int64, dec func(io.Reader) (T, error)) (T, error) {
	// A body must arrive within BodyTimeout: a client sending a byte now
	// and then must not hold a connection for ever. (The server's own
	// ReadTimeout would also end the streams, which read no body.)
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Now().Add(BodyTimeout))
	defer rc.SetReadDeadline(time.Time{})
	body := http.MaxBytesReader(w, r.Body, limit)
	defer body.Close()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(body); err != nil {
		var zero T
		var tooBig *http.MaxBytesError
		var ne net.Error
		switch {
		case errors.As(err, &tooBig):
			return zero, &badRequest{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body too large: the limit is %d bytes", tooBig.Limit)}
		case errors.As(err, &ne) && ne.Timeout():
			return zero, &badRequest{http.StatusRequestTimeout, fmt.Sprintf("the request body did not arrive within %s", BodyTimeout)}
		}
		return zero, bad("reading the request: %v", err)
	}
	return dec(&buf)
}

// BodyTimeout is how long a request body may take to arrive.
const BodyTimeout = 10 * time.Second
