package table

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/version"
)

// Manifest records how an output directory was made: enough to reproduce it
// and to refuse mixing it with outputs of another version.
type Manifest struct {
	Kind          string             `json:"kind,omitempty"` // "" here; ManifestKindSweep in a sweep's
	Govsim        string             `json:"govsim_version"`
	Go            string             `json:"go_version"`
	Build         version.Info       `json:"build"`   // the binary: module version, commit, uncommitted changes
	Command       []string           `json:"command"` // "govsim" and its arguments
	Seed          uint64             `json:"seed"`
	Replicates    int                `json:"replicates"`
	Workers       int                `json:"workers"`
	VillageDetail bool               `json:"village_detail"`
	Scenarios     []ManifestScenario `json:"scenarios"`
	Start         time.Time          `json:"start"`
	End           time.Time          `json:"end"`
	WallSeconds   float64            `json:"wall_seconds"`
	Complete      bool               `json:"complete"`
	RunsDone      int                `json:"runs_done"`
	Runs          []ManifestRun      `json:"runs"`
	// Checksum is a SHA-256 of every other field (Sum): an edited or
	// damaged manifest, or one without it, is refused rather than rerun
	// or reported on.
	Checksum string `json:"checksum,omitempty"`

	// Format is the data tables' format: csv, or parquet (monthly.parquet
	// and villages.parquet). Manifests written before it was recorded
	// hold CSV.
	Format string `json:"format,omitempty"`
	// Set lists the -set key=value overrides of the command line, in
	// order; every scenario's config_toml already holds them.
	Set []string `json:"set,omitempty"`
	// Precision records how adaptive replication (compare -precision)
	// ended; nil without it.
	Precision *Precision `json:"precision,omitempty"`
	// Posterior records the posterior draws the replicates ran at
	// (compare -posterior); nil without it.
	Posterior *PosteriorDraws `json:"posterior,omitempty"`
}

// PosteriorDraws are the parameter values each replicate ran at: replicate
// r of every scenario at Points[r], a draw from the final population of
// the calibration in Dir (identity ID), in the order of Keys.
type PosteriorDraws struct {
	Dir    string      `json:"dir"`
	ID     string      `json:"calibration_id"`
	Seed   uint64      `json:"seed"`
	Keys   []string    `json:"keys"`
	Points [][]float64 `json:"points"`
}

// Precision is the outcome of adaptive replication: the relative
// half-width asked for, whether every headline interval reached it, at how
// many replicates per scenario, and the widest interval at the end.
type Precision struct {
	Target     float64 `json:"target"`
	Met        bool    `json:"met"`
	Replicates int     `json:"replicates"`
	Max        int     `json:"max_replicates"`
	Widest     string  `json:"widest"`
	// Metrics is each headline metric at the end: its widest relative
	// half-width over the scenarios, where, and whether it reached Target.
	Metrics []PrecisionMetric `json:"metrics,omitempty"`
}

// PrecisionMetric is one headline metric at the end of adaptive
// replication.
type PrecisionMetric struct {
	Metric   string    `json:"metric"`
	Scenario string    `json:"widest_in"`
	Rel      NullFloat `json:"relative_half_width"` // null: no interval (too few values)
	Met      bool      `json:"met"`
}

// ManifestScenario is one scenario's fully resolved configuration.
type ManifestScenario struct {
	Name   string `json:"name"`
	Source string `json:"source"`
	Config string `json:"config_toml"`
	// Description and Settings (what differs from the defaults) let a
	// report say what the scenario is; sweeps leave them out of their
	// identity.
	Description string        `json:"description,omitempty"`
	Settings    []sim.Setting `json:"settings,omitempty"`
	// How the scenario is shown, as its file declares it (label,
	// label_zh, color): a report draws it as the classroom does, from the
	// manifest alone. Empty for a scenario that declares none.
	Label   string `json:"label,omitempty"`
	LabelZH string `json:"label_zh,omitempty"`
	Color   string `json:"color,omitempty"`
	// VillagesSHA256 is a SHA-256 of the village file the configuration
	// names (district.village_csv), as read: a rerun refuses a file that
	// changed since, and a sweep's identity includes it.
	VillagesSHA256 string `json:"village_csv_sha256,omitempty"`
}

// ManifestRun identifies one run, and pins its rows: a reader tells a
// table with a month, a metric or a village left out from a whole one.
type ManifestRun struct {
	Scenario    string `json:"scenario"`
	Replicate   int    `json:"replicate"`
	Seed        uint64 `json:"seed"`
	MonthlyRows int64  `json:"monthly_rows"` // the run's rows in monthly.csv or .parquet
	VillageRows int64  `json:"village_rows"` // and in villages.csv or .parquet
}

// is reports whether r is the run of scenario, replicate and seed.
func (r *ManifestRun) is(scenario string, replicate int, seed uint64) bool {
	return r.Replicate == replicate && r.Seed == seed && r.Scenario == scenario
}

// Sum is the manifest's checksum: a SHA-256 of every field but the
// checksum itself, so that no field a reader acts on (the format, which
// names the tables; a scenario's configuration, which names a village
// file; the runs and their rows) can be edited unnoticed. The runs are
// hashed one at a time, so that a manifest of a million runs costs no
// second copy of them.
func (m *Manifest) Sum() string {
	c := *m
	c.Checksum, c.Runs = "", nil
	b, err := json.Marshal(&c)
	if err != nil {
		panic("table: manifest does not marshal: " + err.Error()) // plain data; cannot happen
	}
	h := sha256.New()
	h.Write(b)
	index := map[string]int{}
	for i, s := range m.Scenarios {
		index[s.Name] = i
	}
	buf := make([]byte, 0, 96)
	for _, r := range m.Runs {
		k, ok := index[r.Scenario]
		if !ok {
			k = -1
		}
		buf = strconv.AppendInt(append(buf[:0], '\n'), int64(k), 10)
		buf = strconv.AppendInt(append(buf, ' '), int64(r.Replicate), 10)
		buf = strconv.AppendUint(append(buf, ' '), r.Seed, 10)
		buf = strconv.AppendInt(append(buf, ' '), r.MonthlyRows, 10)
		buf = strconv.AppendInt(append(buf, ' '), r.VillageRows, 10)
		h.Write(buf)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// legacySum is the checksum of manifests written before it covered every
// field and the runs' rows, to tell such a manifest from an edited one:
// a SHA-256 of the JSON of the seed, the village detail, the scenarios'
// names and configurations, the runs (scenario, replicate, seed) and
// their count, written here a run at a time as encoding/json would.
func (m *Manifest) legacySum() string {
	type sc struct{ Name, Config string }
	head := struct {
		Seed          uint64
		VillageDetail bool
		Scenarios     []sc
	}{m.Seed, m.VillageDetail, nil}
	for _, s := range m.Scenarios {
		head.Scenarios = append(head.Scenarios, sc{s.Name, s.Config})
	}
	b, err := json.Marshal(head)
	if err != nil {
		return ""
	}
	h := sha256.New()
	h.Write(b[:len(b)-1]) // without its closing brace
	h.Write([]byte(`,"Runs":`))
	if m.Runs == nil {
		h.Write([]byte("null"))
	} else {
		quoted := map[string][]byte{}
		buf := []byte{'['}
		for i, r := range m.Runs {
			if i > 0 {
				buf = append(buf, ',')
			}
			q, ok := quoted[r.Scenario]
			if !ok {
				q, _ = json.Marshal(r.Scenario)
				quoted[r.Scenario] = q
			}
			buf = append(append(append(buf, `{"scenario":`...), q...), `,"replicate":`...)
			buf = strconv.AppendInt(buf, int64(r.Replicate), 10)
			buf = strconv.AppendUint(append(buf, `,"seed":`...), r.Seed, 10)
			buf = append(buf, '}')
			h.Write(buf)
			buf = buf[:0]
		}
		h.Write([]byte{']'})
	}
	h.Write([]byte(`,"RunsDone":` + strconv.Itoa(m.RunsDone) + "}"))
	return hex.EncodeToString(h.Sum(nil))
}

// MaxManifestRuns bounds the runs a manifest of govsim run or compare may
// list: a reader stops at the next one, so that a manifest listing
// millions more costs no more than this many to refuse. (A run directory
// of this many runs of the smallest district holds billions of rows.)
const MaxManifestRuns = 1_000_000

// ReadManifest reads dir/manifest.json and checks it whole: its checksum,
// and counts that fit what govsim writes, so that nothing sized by it can
// exhaust memory or index out of range.
func ReadManifest(dir string) (Manifest, error) {
	m, err := ReadManifestFile(filepath.Join(dir, "manifest.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return m, fmt.Errorf("%s is not govsim output: %w", dir, err)
	}
	return m, err
}

// LegacyError is a manifest an earlier govsim wrote, whose checksum covers
// less than this one's does and which records no rows per run: it can be
// rerun (govsim rerun), not reported on. Bad input (exit status 2).
type LegacyError struct{ Path string }

func (e *LegacyError) Error() string {
	return fmt.Sprintf("%s was written by an earlier govsim, whose manifests do not record each run's rows, so its tables cannot be checked whole; make it again with govsim rerun %s -out NEW", e.Path, filepath.Dir(e.Path))
}

// BadInput marks the error as bad input for the command line.
func (e *LegacyError) BadInput() bool { return true }

// ReadManifestFile reads and checks a manifest of govsim run or compare
// at path (see ReadManifest). It is read as a stream, the runs one at a
// time, so that a manifest of MaxManifestRuns runs is checked in about a
// second and its runs' own size in memory. A manifest an earlier govsim
// wrote is returned with a *LegacyError, for callers (govsim rerun) that
// can use it.
func ReadManifestFile(path string) (Manifest, error) {
	var m Manifest
	f, st, err := OpenInput(path)
	if err != nil {
		return m, err
	}
	defer f.Close()
	if st.Size() > MaxManifestBytes {
		return m, tooLarge(path, st.Size(), MaxManifestBytes)
	}
	m, err = decodeManifest(io.LimitReader(f, MaxManifestBytes))
	if err != nil {
		return m, &TableError{fmt.Sprintf("%s: not a govsim manifest: %v", path, err)}
	}
	legacy, err := m.check()
	if err != nil {
		return m, &TableError{fmt.Sprintf("%s: %v", path, err)}
	}
	if legacy {
		return m, &LegacyError{path}
	}
	return m, nil
}

// decodeManifest decodes a manifest's fields, and its runs one by one
// (scanRuns): a manifest holding more than MaxManifestRuns is refused at
// the next.
func decodeManifest(r io.Reader) (Manifest, error) {
	var m Manifest
	br := bufio.NewReaderSize(r, 1<<16)
	dec := json.NewDecoder(br)
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return m, fmt.Errorf("not a JSON object")
	}
	rest := []byte{'{'}
	var runs []ManifestRun
	seen := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return m, err
		}
		key, _ := t.(string)
		if key == "runs" && !seen {
			seen = true
			// The runs go to their own scanner, from what the decoder
			// has buffered on; the decoder then goes on from after them,
			// as in an object of the fields left.
			var n struct {
				RunsDone int `json:"runs_done"`
			}
			_ = json.Unmarshal(append(rest, '}'), &n)
			in := bufio.NewReaderSize(io.MultiReader(dec.Buffered(), br), 1<<16)
			if c, err := skipColon(in); err != nil || c != ':' {
				return m, fmt.Errorf("runs: no value")
			}
			if runs, err = scanRuns(in, n.RunsDone); err != nil {
				return m, err
			}
			dec = json.NewDecoder(io.MultiReader(strings.NewReader(`{"runs": null`), in))
			dec.Token() // {
			dec.Token() // "runs"
			dec.Token() // null
			continue
		}
		if key == "runs" {
			return m, fmt.Errorf("runs given twice")
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return m, err
		}
		if len(rest) > 1 {
			rest = append(rest, ',')
		}
		k, _ := json.Marshal(key)
		rest = append(append(append(rest, k...), ':'), raw...)
	}
	if _, err := dec.Token(); err != nil {
		return m, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return m, fmt.Errorf("more after the manifest's object")
	}
	d := json.NewDecoder(bytes.NewReader(append(rest, '}')))
	d.DisallowUnknownFields()
	if err := d.Decode(&m); err != nil {
		return m, err
	}
	m.Runs = runs
	return m, nil
}

// skipColon reads past white space to the next byte (the ':' after a key,
// which the decoder leaves unread when it hands out the key).
func skipColon(r *bufio.Reader) (byte, error) {
	for {
		c, err := r.ReadByte()
		if err != nil {
			return 0, err
		}
		if c != ' ' && c != '\n' && c != '\t' && c != '\r' {
			return c, nil
		}
	}
}

// check checks the manifest whole; legacy is a manifest an earlier govsim
// wrote, whose checksum is the older one.
func (m *Manifest) check() (legacy bool, err error) {
	if m.Govsim == "" {
		return false, fmt.Errorf("no govsim_version: not govsim output")
	}
	if m.Kind != "" {
		return false, fmt.Errorf("the manifest of a %s, not of govsim run or compare", m.Kind)
	}
	if m.Checksum == "" {
		return false, fmt.Errorf("no checksum: govsim writes one into every manifest, so this one was edited or not written by govsim")
	}
	if sum := m.Sum(); m.Checksum != sum {
		if m.Checksum != m.legacySum() {
			return false, fmt.Errorf("checksum %s does not match its content (%s): the file was edited or damaged", short(m.Checksum), short(sum))
		}
		legacy = true
	}
	if m.Format != "" && m.Format != FormatCSV && m.Format != FormatParquet {
		return false, fmt.Errorf("format %q: allowed %s or %s", clip(m.Format), FormatCSV, FormatParquet)
	}
	if len(m.Runs) > MaxManifestRuns || m.RunsDone != len(m.Runs) || m.Replicates < 0 || m.Replicates > 100000 {
		return false, fmt.Errorf("runs_done %d, %d runs listed and replicates %d do not fit: allowed runs_done = the runs listed, at most %d, and replicates from 0 to 100000",
			m.RunsDone, len(m.Runs), m.Replicates, MaxManifestRuns)
	}
	if p := m.Posterior; p != nil {
		for i, pt := range p.Points {
			if len(pt) != len(p.Keys) {
				return false, fmt.Errorf("posterior draw %d has %d values for %d keys", i, len(pt), len(p.Keys))
			}
		}
		for _, r := range m.Runs {
			if r.Replicate >= len(p.Points) {
				return false, fmt.Errorf("replicate %d has no posterior draw (%d recorded)", r.Replicate, len(p.Points))
			}
		}
	}
	names := map[string]bool{}
	for _, s := range m.Scenarios {
		if why := NameProblem(s.Name); why != "" {
			return false, fmt.Errorf("scenario name %q: %s", clip(s.Name), why)
		}
		if names[s.Name] {
			return false, fmt.Errorf("scenario %s listed twice", s.Name)
		}
		names[s.Name] = true
	}
	for i, r := range m.Runs {
		if !names[r.Scenario] || r.Replicate < 0 || r.Replicate >= 100000 || r.MonthlyRows < 0 || r.VillageRows < 0 {
			return false, fmt.Errorf("run %d (scenario %q, replicate %d, rows %d and %d) is not a run of the manifest's scenarios with a replicate from 0 to 99999 and rows from 0", i, clip(r.Scenario), r.Replicate, r.MonthlyRows, r.VillageRows)
		}
	}
	return legacy, nil
}

// clip shortens a value quoted in a message: a field of a hostile file
// may be megabytes long.
func clip(s string) string {
	const n = 60
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// NameProblem says what is wrong with a scenario name, or "" if nothing
// is. A name goes unquoted into every CSV govsim writes and reads back,
// into chart file names and into HTML, so it holds only letters (Chinese
// too), digits, - _ and ., 1 to 100 characters: no comma, quote, space,
// newline or path separator.
func NameProblem(name string) string {
	switch n := utf8.RuneCountInString(name); {
	case name == "":
		return "empty"
	case n > 100:
		return fmt.Sprintf("%d characters long", n)
	case !utf8.ValidString(name):
		return "not valid UTF-8"
	}
	i := strings.IndexFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '_' && r != '.'
	})
	if i < 0 {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(name[i:])
	return fmt.Sprintf("it holds %q", r)
}
