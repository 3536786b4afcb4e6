package report

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansregular"

	"github.com/govsim/govsim/sim/badinput"
)

func TestChooseFont(t *testing.T) {
	none, err := ChooseFont("none")
	if err != nil || none.Font.CJK() || !strings.Contains(none.Note, "pinyin and English (-font none)") {
		t.Errorf("none: %+v %v", none, err)
	}
	// A font file without Chinese glyphs is accepted, and the note says
	// the labels stay in pinyin.
	path := filepath.Join(t.TempDir(), "latin.ttf")
	os.WriteFile(path, liberationsansregular.TTF, 0o644)
	latin, err := ChooseFont(path)
	if err != nil || latin.Font.CJK() || !strings.Contains(latin.Note, "has no Chinese glyphs") {
		t.Errorf("latin: %+v %v", latin, err)
	}
	// A missing file is bad input naming the flag.
	_, err = ChooseFont(filepath.Join(t.TempDir(), "nosuch.ttc"))
	var ie *badinput.Error
	if err == nil || !strings.HasPrefix(err.Error(), "-font: ") || !errors.As(err, &ie) {
		t.Errorf("missing: %v", err)
	}
	// Without fontconfig on PATH, the default falls back to pinyin and
	// says why.
	t.Setenv("PATH", t.TempDir())
	def, err := ChooseFont("")
	if err != nil || def.Font.CJK() || !strings.Contains(def.Note, "fc-match is not installed") || !strings.Contains(def.Note, "fonts-noto-cjk") {
		t.Errorf("no fontconfig: %+v %v", def, err)
	}
}
