package scenarios

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"sort"
	"strings"

	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/badinput"
	"github.com/govsim/govsim/sim/experiment"
	"github.com/govsim/govsim/sim/table"
)

// embedded holds the scenarios shipped with govsim.
//
//go:embed embed/*.toml
var embedded embed.FS

// Scenario is one loaded, fully resolved scenario.
type Scenario struct {
	// Name (from the file's name key, or its file name), Config (fully
	// resolved: defaults, then the extends chain, then this file) and
	// Villages (from district.village_csv if set, else nil): what an
	// experiment runs.
	experiment.Scenario
	Source string // "embedded:baseline.toml" or the file path
	// VillagesSHA256 is a SHA-256 of the village file as read ("" for a
	// synthetic district): manifests record it, so that a rerun refuses a
	// file that changed and a sweep's identity includes the villages.
	VillagesSHA256 string
}

// Resolved is the scenario as a complete TOML file that loads to exactly
// its configuration: what manifests keep to reproduce a run.
func (s *Scenario) Resolved() string { return string(Format(s.Config)) }

// InputError is bad input in a scenario or sweep file, a village or
// points CSV or a -set override: [badinput.Error], the one bad-input type
// of govsim, under the name this package's errors have always had. It
// names file, line and key and says what is allowed.
type InputError = badinput.Error

// Embedded lists the names of the embedded scenarios, sorted.
func Embedded() []string {
	entries, err := fs.ReadDir(embedded, "embed")
	if err != nil {
		panic("scenarios: embedded files missing: " + err.Error()) // cannot happen with go:embed
	}
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".toml"); ok {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names
}

// The defaults that name embedded scenarios: everything else (charts,
// reports, the classroom) reads a scenario's labels and colour from its
// file, and takes the reference and the panes from here.

// Reference is the scenario the others are compared with: no reform.
const Reference = "baseline"

// Teaching is the default set for `govsim run`: the baseline, each reform
// alone, and the staged path, in the order a class would discuss them.
func Teaching() []string {
	return []string{Reference, "cungaiju", "zhengjing", "zhengshe", "nanhai"}
}

// ClassroomPanes are the scenarios a new classroom page shows: no reform
// against 政经分离, the comparison a first lesson makes.
func ClassroomPanes() [2]string { return [2]string{Reference, "zhengjing"} }

// Describe returns the description line of an embedded scenario.
func Describe(name string) (string, error) {
	if !isEmbeddedName(name) {
		return "", unknownScenario("", 0, "", name)
	}
	sc, err := Load(name)
	if err != nil {
		return "", err
	}
	return sc.Config.Description, nil
}

// Load loads an embedded scenario by name (no ".toml", no path separator)
// or a scenario file by path.
func Load(arg string) (Scenario, error) {
	return osLoader().load(arg)
}

// Parse loads a scenario from data. name stands for the file in errors and
// as the Source; dir resolves relative extends and village_csv paths ("" for
// embedded scenarios, or the working directory).
func Parse(name string, data []byte, dir string) (Scenario, error) {
	return osLoader().parse(fileSource(name, dir), data)
}

// loader carries how files are read, so that tests (and fuzzing) can keep
// the loader away from the real file system.
type loader struct {
	// readFile reads a whole input file of at most limit bytes.
	readFile func(path string, limit int64) ([]byte, error)
	schema   *schema // built once per Load or Parse and only read after
}

func osLoader() loader { return loader{readFile: table.ReadInput, schema: newSchema()} }

// source identifies one scenario file.
type source struct {
	name     string // as shown in errors
	id       string // identity for cycle detection: "embedded:x.toml" or an absolute path
	dir      string // resolves relative paths in the file
	embedded bool
}

func embeddedSource(name string) source {
	n := "embedded:" + name + ".toml"
	return source{name: n, id: n, embedded: true}
}

func fileSource(name, dir string) source {
	p := name
	if dir != "" && !filepath.IsAbs(p) {
		p = filepath.Join(dir, filepath.Base(p))
	}
	id, err := filepath.Abs(p)
	if err != nil {
		id = filepath.Clean(p)
	}
	return source{name: name, id: id, dir: dir}
}

// isEmbeddedName tells an embedded scenario's name from a path, the same way
// for the command line and for extends.
func isEmbeddedName(arg string) bool {
	return arg != "" && !strings.HasSuffix(arg, ".toml") && !strings.ContainsAny(arg, `/\`)
}

func unknownScenario(file string, line int, key, name string) *InputError {
	msg := fmt.Sprintf("unknown scenario %q", name)
	if s := closest(name, Embedded()); s != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", s)
	}
	msg += "; allowed " + strings.Join(Embedded(), " | ") + ", or a path to a .toml file"
	return &InputError{File: file, Line: line, Key: key, Msg: msg}
}

func (l loader) load(arg string) (Scenario, error) {
	if isEmbeddedName(arg) {
		data, err := embedded.ReadFile("embed/" + arg + ".toml")
		if err != nil {
			return Scenario{}, unknownScenario("", 0, "", arg)
		}
		return l.parse(embeddedSource(arg), data)
	}
	data, err := l.readFile(arg, table.MaxTOMLBytes)
	if err != nil {
		msg := "cannot read the file: " + reason(err)
		if n := strings.TrimSuffix(filepath.Base(arg), ".toml"); isEmbeddedName(n) && isEmbedded(n) && errors.Is(err, fs.ErrNotExist) {
			msg += fmt.Sprintf(" (for the embedded scenario, write %q)", n)
		}
		return Scenario{}, &InputError{File: arg, Msg: msg}
	}
	return l.parse(fileSource(arg, filepath.Dir(arg)), data)
}

func isEmbedded(name string) bool {
	_, err := fs.Stat(embedded, "embed/"+name+".toml")
	return err == nil
}

// reason drops the path an *fs.PathError repeats, since the InputError names
// the file already.
func reason(err error) string {
	var pe *fs.PathError
	var fe *table.FileError
	switch {
	case errors.As(err, &fe):
		return fe.Msg
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}

func (l loader) parse(src source, data []byte) (Scenario, error) {
	res, err := l.resolve(src, data, nil)
	if err != nil {
		return Scenario{}, err
	}
	if err := checkName(res.cfg.Name, res.nameFile, res.nameLine); err != nil {
		return Scenario{}, err
	}
	sc := Scenario{Scenario: experiment.Scenario{Name: res.cfg.Name, Config: res.cfg}, Source: src.name}
	if path := res.cfg.District.VillageCSV; path != "" {
		csv, err := l.readFile(path, table.MaxCSVInputBytes)
		if err != nil {
			return Scenario{}, &InputError{File: res.csvFile, Line: res.csvLine, Key: "district.village_csv",
				Msg: fmt.Sprintf("cannot read %q: %s; allowed a path to a CSV file, relative to the scenario file", path, reason(err))}
		}
		vs, err := ReadVillages(path, bytes.NewReader(csv))
		if err != nil {
			return Scenario{}, err
		}
		// The CSV fixes the number of villages; keeping the config in step
		// makes Format show what will run.
		p, _ := sim.Lookup("district.villages")
		if err := p.Set(&sc.Config, len(vs)); err != nil {
			return Scenario{}, &InputError{File: path, Key: "district.villages",
				Msg: fmt.Sprintf("the file has %d villages; allowed %s", len(vs), p.Range())}
		}
		sc.Villages = vs
		sum := sha256.Sum256(csv)
		sc.VillagesSHA256 = hex.EncodeToString(sum[:])
	}
	return sc, nil
}

// resolved is a configuration with the extends chain applied.
type resolved struct {
	cfg      sim.Config
	csvFile  string // file and line that set district.village_csv, for errors
	csvLine  int
	nameFile string // file and line that named it (line 0: the file's name)
	nameLine int
}

// resolve applies src over the defaults or over the scenario it extends.
// chain holds the files that led here, to detect cycles.
func (l loader) resolve(src source, data []byte, chain []source) (resolved, error) {
	lay, err := decodeLayer(l.schema, src, data)
	if err != nil {
		return resolved{}, err
	}
	res := resolved{cfg: l.schema.def}
	if lay.extends != "" {
		psrc, pdata, err := l.open(lay, src)
		if err != nil {
			return resolved{}, err
		}
		path := append(append([]source(nil), chain...), src)
		for i, s := range path {
			if s.id == psrc.id {
				var names []string
				for _, s := range path[i:] {
					names = append(names, s.name)
				}
				names = append(names, psrc.name)
				return resolved{}, &InputError{File: src.name, Line: lay.lines.line("extends"), Key: "extends",
					Msg: "extends cycle: " + strings.Join(names, " -> ") + "; allowed a chain that ends in a scenario without extends"}
			}
		}
		if res, err = l.resolve(psrc, pdata, path); err != nil {
			return resolved{}, err
		}
	}
	cfg := res.cfg
	// A file's own keys (name, labels, description, colour) describe that
	// file, not the model, so a child never shows its parent's.
	for _, p := range l.schema.params {
		if p.Own && !lay.setsKey(p.Key) {
			if err := p.SetString(&cfg, p.Default); err != nil {
				panic("scenarios: bad default of " + p.Key + ": " + err.Error()) // sim's tags disagree with themselves
			}
		}
	}
	if !lay.setsKey("name") {
		cfg.Name = strings.TrimSuffix(filepath.Base(strings.TrimPrefix(src.name, "embedded:")), ".toml")
	}
	res.nameFile, res.nameLine = src.name, lay.lines.line("name")
	for _, a := range lay.sets {
		if err := a.p.Set(&cfg, a.v); err != nil {
			return resolved{}, fmt.Errorf("scenarios: %s: value accepted once and refused now: %w", src.name, err)
		}
		if a.p.Key == "district.village_csv" {
			// Relative to the file that names it, wherever the chain ends.
			if p := cfg.District.VillageCSV; p != "" && src.dir != "" && !filepath.IsAbs(p) {
				cfg.District.VillageCSV = filepath.Join(src.dir, p)
			}
			res.csvFile, res.csvLine = src.name, lay.lines.line(a.p.Key)
		}
	}
	if lay.hasReforms {
		cfg.Reforms = lay.reforms
	}
	if err := cfg.Validate(); err != nil {
		return resolved{}, validationError(src.name, lay.lines, err)
	}
	res.cfg = cfg
	return res, nil
}

// open finds the scenario a layer extends.
func (l loader) open(lay *layer, from source) (source, []byte, error) {
	ext, line := lay.extends, lay.lines.line("extends")
	if isEmbeddedName(ext) {
		data, err := embedded.ReadFile("embed/" + ext + ".toml")
		if err != nil {
			return source{}, nil, unknownScenario(from.name, line, "extends", ext)
		}
		return embeddedSource(ext), data, nil
	}
	if from.embedded {
		// An embedded file has no directory to resolve a path against.
		return source{}, nil, &InputError{File: from.name, Line: line, Key: "extends",
			Msg: fmt.Sprintf("%q: an embedded scenario can extend only embedded scenarios; allowed %s", ext, strings.Join(Embedded(), " | "))}
	}
	path := ext
	if from.dir != "" && !filepath.IsAbs(path) {
		path = filepath.Join(from.dir, path)
	}
	data, err := l.readFile(path, table.MaxTOMLBytes)
	if err != nil {
		return source{}, nil, &InputError{File: from.name, Line: line, Key: "extends",
			Msg: fmt.Sprintf("cannot read %q: %s; allowed %s, or a path to a .toml file relative to this one", path, reason(err), strings.Join(Embedded(), " | "))}
	}
	return fileSource(path, filepath.Dir(path)), data, nil
}

// validationError places an error of Config.Validate: its message starts
// with the key it is about.
func validationError(file string, lines keyLines, err error) *InputError {
	msg := err.Error()
	key, _, _ := strings.Cut(msg, " ")
	key = strings.TrimSuffix(key, ":")
	if _, ok := sim.Lookup(key); !ok {
		return &InputError{File: file, Msg: msg}
	}
	return &InputError{File: file, Line: lines.line(key), Key: key, Msg: trimKey(msg, key)}
}

// trimKey drops the key that sim's messages start with, since InputError
// prints it before the message already.
func trimKey(msg, key string) string {
	if rest, ok := strings.CutPrefix(msg, key+": "); ok {
		return rest
	}
	if rest, ok := strings.CutPrefix(msg, key+" = "); ok {
		return rest
	}
	if rest, ok := strings.CutPrefix(msg, key+" "); ok {
		return rest
	}
	return msg
}

// LoadAll loads the scenarios a command line names — embedded names or
// files; none means the teaching set — with months, when above 0, as every
// scenario's horizon. Two scenarios may not share a name: their rows could
// not be told apart.
func LoadAll(args []string, months int) ([]Scenario, error) {
	if len(args) == 0 {
		args = Teaching()
	}
	seen := map[string]string{}
	var out []Scenario
	for _, a := range args {
		sc, err := Load(a)
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[sc.Name]; dup {
			return nil, &InputError{Msg: fmt.Sprintf("scenario name %q is given twice (%s and %s); names must differ", sc.Name, prev, sc.Source)}
		}
		seen[sc.Name] = sc.Source
		if months > 0 {
			sc.Config.Months = months
		}
		out = append(out, sc)
	}
	return out, nil
}

// Names lists the scenarios' names, comma-separated, for messages.
func Names(scs []Scenario) string {
	names := make([]string, len(scs))
	for i, sc := range scs {
		names[i] = sc.Name
	}
	return strings.Join(names, ", ")
}
