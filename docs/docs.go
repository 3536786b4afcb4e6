// Package docs carries the model's documentation into programs, so that
// what a program shows is the text in this directory and cannot drift from
// it: ODD.md (the model description), teaching.md (lesson plans) and
// teaching.zh.md (the same lessons and a short account of the model, in
// Chinese). The classroom page's "About this model" panel shows sections
// of them.
//
// It imports nothing of the project.
package docs

import "embed"

//go:embed ODD.md teaching.md teaching.zh.md
var files embed.FS

// ODD returns docs/ODD.md, the model description in the ODD protocol.
func ODD() string { return read("ODD.md") }

// Teaching returns docs/teaching.md, the lesson plans for govsim serve.
func Teaching() string { return read("teaching.md") }

// TeachingZH returns docs/teaching.zh.md, the lesson plans and a short
// account of the model in Chinese.
func TeachingZH() string { return read("teaching.zh.md") }

func read(name string) string {
	b, err := files.ReadFile(name)
	if err != nil {
		panic("docs: embedded file missing: " + err.Error()) // cannot happen with go:embed
	}
	return string(b)
}
