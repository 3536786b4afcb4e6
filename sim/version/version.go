package version

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"strings"
)

// Release is the version of this source tree. Outputs record it, and
// commands refuse to mix outputs of different releases (a report of runs
// made by another release, a sweep resumed by another release).
const Release = "0.1.0"

// Info identifies a govsim binary.
type Info struct {
	Version string `json:"version"` // Release
	// Module is the module version the go command stamped: a release tag
	// (go install …@v0.1.0), a pseudo-version naming the commit (go build
	// in a clone, Go 1.24 and later) or "(devel)".
	Module   string `json:"module,omitempty"`
	Revision string `json:"revision,omitempty"` // vcs.revision: the commit built from
	Time     string `json:"time,omitempty"`     // vcs.time: the commit's time
	Modified bool   `json:"modified,omitempty"` // vcs.modified: uncommitted changes were built in
	Go       string `json:"go"`                 // the Go toolchain
}

// Read reads the binary's build information. The go command stamps the VCS
// revision when it builds or installs a main package inside a Git clone
// (not under go run, not with -buildvcs=false, not in a git worktree), so
// Revision may be empty; String says so.
func Read() Info {
	info := Info{Version: Release, Go: runtime.Version()}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return info
	}
	return fromBuildInfo(info, bi)
}

func fromBuildInfo(info Info, bi *debug.BuildInfo) Info {
	if v := bi.Main.Version; v != "" {
		info.Module = v
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			info.Revision = s.Value
		case "vcs.time":
			info.Time = s.Value
		case "vcs.modified":
			info.Modified = s.Value == "true"
		}
	}
	return info
}

// Short is the revision's first 12 hex digits, or "".
func (i Info) Short() string {
	if len(i.Revision) > 12 {
		return i.Revision[:12]
	}
	return i.Revision
}

// String renders the version for people: "0.1.0 (commit 0123456789ab)",
// "0.1.0 (commit 0123456789ab, with uncommitted changes)", "0.1.0 (module
// v0.1.0)" or "0.1.0 (commit unknown: built without VCS stamping)".
func (i Info) String() string {
	v := i.Version
	if v == "" {
		v = Release
	}
	switch {
	case i.Revision != "" && i.Modified:
		return fmt.Sprintf("%s (commit %s, with uncommitted changes)", v, i.Short())
	case i.Revision != "":
		return fmt.Sprintf("%s (commit %s)", v, i.Short())
	case i.Module != "" && i.Module != "(devel)":
		return fmt.Sprintf("%s (module %s)", v, i.Module)
	}
	return v + " (commit unknown: built without VCS stamping)"
}

// Long renders every field, one per line, for govsim version.
func (i Info) Long() string {
	var b strings.Builder
	fmt.Fprintf(&b, "govsim %s\n", i)
	row := func(k, v string) {
		if v != "" {
			fmt.Fprintf(&b, "  %-9s %s\n", k, v)
		}
	}
	row("release", i.Version)
	row("module", i.Module)
	row("commit", i.Revision)
	row("time", i.Time)
	if i.Revision != "" {
		row("modified", fmt.Sprint(i.Modified))
	}
	row("go", i.Go)
	if i.Revision == "" {
		b.WriteString("  (the commit is stamped by go build and go install in a Git clone;\n   go run stamps it with -buildvcs=true)\n")
	}
	return b.String()
}
