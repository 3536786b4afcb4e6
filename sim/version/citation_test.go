package version

import (
	"os"
	"strings"
	"testing"
)

// TestCitation keeps CITATION.cff in step with the release: a citation
// naming another version than the code's would send readers to the wrong
// code. (The file was checked against the CFF 1.2.0 JSON schema when it was
// written; this test checks what can drift.)
func TestCitation(t *testing.T) {
	b, err := os.ReadFile("../../CITATION.cff")
	if err != nil {
		t.Fatal(err)
	}
	top := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if line == "" || line[0] == ' ' || line[0] == '#' || line[0] == '-' {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			t.Fatalf("CITATION.cff: not a key: %q", line)
		}
		top[k] = strings.TrimSpace(v)
	}
	for _, k := range []string{"cff-version", "message", "title", "authors", "type", "version", "license"} {
		if _, ok := top[k]; !ok {
			t.Errorf("CITATION.cff lacks %s", k)
		}
	}
	if top["cff-version"] != "1.2.0" || top["type"] != "software" || top["license"] != "BSD-3-Clause" {
		t.Errorf("CITATION.cff: cff-version %q, type %q, license %q", top["cff-version"], top["type"], top["license"])
	}
	if top["version"] != Release {
		t.Errorf("CITATION.cff version %q, the code's release %q", top["version"], Release)
	}
	lic, err := os.ReadFile("../../LICENSE")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(lic), "The govsim authors") || !strings.Contains(string(lic), "Neither the name of the copyright holder") {
		t.Error("LICENSE is not the BSD 3-clause licence of the govsim authors")
	}
}
