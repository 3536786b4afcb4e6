package chart

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/sfnt"
)

// latinFont writes Liberation Sans (no Chinese glyphs) to a file.
func latinFont(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "LiberationSans-Regular.ttf")
	if err := os.WriteFile(path, liberationsansregular.TTF, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFindCJKFontFallback: fontconfig missing, or matching only a Latin
// font, is no CJK font, and the error says which.
func TestFindCJKFontFallback(t *testing.T) {
	missing := func(string, ...string) ([]byte, error) {
		return nil, &exec.Error{Name: "fc-match", Err: exec.ErrNotFound}
	}
	if _, err := FindCJKFont(missing); err == nil || !strings.Contains(err.Error(), "fc-match is not installed") {
		t.Errorf("no fontconfig: %v", err)
	}
	latin := latinFont(t)
	onlyLatin := func(string, ...string) ([]byte, error) { return []byte(latin + "\n0\n"), nil }
	if _, err := FindCJKFont(onlyLatin); err == nil || !strings.Contains(err.Error(), "no font with Chinese glyphs") || !strings.Contains(err.Error(), "Liberation Sans") {
		t.Errorf("only a Latin font: %v", err)
	}
	f, err := LoadFont(latin)
	if err != nil || f.CJK() || f.Family != "Liberation Sans" {
		t.Errorf("LoadFont(Liberation): %+v, %v", f, err)
	}
	if _, err := LoadFont(filepath.Join(t.TempDir(), "nosuch.ttf")); err == nil {
		t.Error("a missing font file loaded")
	}
	junk := filepath.Join(t.TempDir(), "junk.ttf")
	os.WriteFile(junk, []byte("not a font"), 0o644)
	if _, err := LoadFont(junk); err == nil || !strings.Contains(err.Error(), "not a TrueType or OpenType font") {
		t.Errorf("junk: %v", err)
	}
}

// TestLatinLabels: without a Chinese font, the Chinese terms WithLatin
// spells (the reforms' names) in titles, axis labels and legends are
// written in pinyin, never as empty boxes; scenario labels are pinyin and
// English.
func TestLatinLabels(t *testing.T) {
	s := []Series{{Name: look("zhengjing").TextIn(Font{}), X: []float64{0, 1}, Mean: []float64{1, 2}}}
	p, err := TimeSeries("Units under 政经分离", "year", "share of 村改居", s, false, WithLatin("政经分离", "zhengjing", "村改居", "cungaiju"))
	if err != nil {
		t.Fatal(err)
	}
	svg, err := SVG(p, 16, 9)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Units under zhengjing", "share of cungaiju", "zhengjing (politics/economy separated)"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	if bytes.ContainsAny(svg, "政经村") {
		t.Error("Chinese text in a chart drawn with a Latin font")
	}
}

// TestCJKFontInstalled draws Chinese with the font fontconfig finds. CI
// installs fonts-noto-cjk (.ci/run) and sets GOVSIM_REQUIRE_CJK, so there
// the test must run; elsewhere it is skipped when no such font is
// installed.
func TestCJKFontInstalled(t *testing.T) {
	f, err := FindCJKFont(ExecRunner)
	if err != nil {
		if os.Getenv("GOVSIM_REQUIRE_CJK") != "" {
			t.Fatalf("GOVSIM_REQUIRE_CJK is set and no CJK font is found: %v", err)
		}
		t.Skipf("no CJK font: %v (install fonts-noto-cjk)", err)
	}
	if !f.CJK() || f.Path == "" {
		t.Fatalf("%+v", f)
	}
	var buf sfnt.Buffer
	face := f.cache.Lookup(fontOf(f.typeface(), 10, false), 10)
	if g, err := face.Face.GlyphIndex(&buf, '政'); err != nil || g == 0 {
		t.Fatalf("the chart font %s has no glyph for 政", f)
	}
	s := []Series{{Name: look("zhengjing").TextIn(f), X: []float64{0, 1}, Mean: []float64{1, 2}}}
	p, err := TimeSeries("区财政支出 District fiscal spending", "年 year", "M yuan/year", s, false, WithFont(f))
	if err != nil {
		t.Fatal(err)
	}
	svg, err := SVG(p, 16, 9)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"区财政支出 District fiscal spending", "政经分离 (politics/economy separated)", "font-family:" + f.Family + ",Noto Sans CJK SC"} {
		if !bytes.Contains(svg, []byte(want)) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	// The PNG differs from the same chart in Liberation, whose missing
	// glyphs would be boxes.
	cjk, err := PNG(p, 16, 9)
	if err != nil {
		t.Fatal(err)
	}
	q, _ := TimeSeries("区财政支出 District fiscal spending", "年 year", "M yuan/year", s, false)
	latin, _ := PNG(q, 16, 9)
	if bytes.Equal(cjk, latin) {
		t.Error("the chart drawn in the CJK font is the Liberation one")
	}
}
