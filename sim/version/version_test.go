package version

import (
	"runtime/debug"
	"strings"
	"testing"
)

func TestFromBuildInfo(t *testing.T) {
	bi := &debug.BuildInfo{Main: debug.Module{Path: "github.com/govsim/govsim", Version: "v0.0.0-20261128202200-aafa64e1234a+dirty"},
		Settings: []debug.BuildSetting{
			{Key: "vcs", Value: "git"},
			{Key: "vcs.revision", Value: "aafa64e1234a5678aafa64e1234a5678aafa64e1"},
			{Key: "vcs.time", Value: "2026-11-28T20:22:00Z"},
			{Key: "vcs.modified", Value: "true"},
		}}
	i := fromBuildInfo(Info{Version: Release, Go: "go1.26"}, bi)
	if i.Revision != "aafa64e1234a5678aafa64e1234a5678aafa64e1" || !i.Modified || i.Time != "2026-11-28T20:22:00Z" || i.Module != bi.Main.Version {
		t.Fatalf("%+v", i)
	}
	if got, want := i.String(), Release+" (commit aafa64e1234a, with uncommitted changes)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	i.Modified = false
	if got, want := i.String(), Release+" (commit aafa64e1234a)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestStringWithoutVCS(t *testing.T) {
	for _, tc := range []struct {
		i    Info
		want string
	}{
		{Info{Version: "0.1.0", Module: "v0.1.0"}, "0.1.0 (module v0.1.0)"},
		{Info{Version: "0.1.0", Module: "(devel)"}, "0.1.0 (commit unknown: built without VCS stamping)"},
		{Info{}, Release + " (commit unknown: built without VCS stamping)"},
	} {
		if got := tc.i.String(); got != tc.want {
			t.Errorf("%+v: %q, want %q", tc.i, got, tc.want)
		}
	}
}

func TestReadHasReleaseAndGo(t *testing.T) {
	i := Read()
	if i.Version != Release || !strings.HasPrefix(i.Go, "go") {
		t.Fatalf("Read() = %+v", i)
	}
	if !strings.HasPrefix(i.Long(), "govsim "+Release) {
		t.Errorf("Long() = %q", i.Long())
	}
}
