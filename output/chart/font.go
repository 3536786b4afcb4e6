package chart

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
)

// Font is the typeface charts are drawn in. The zero Font is Liberation
// Sans, which gonum/plot embeds: Latin script only, so labels are in pinyin
// and English. A Font with Chinese glyphs (FindCJKFont, LoadFont) draws
// Chinese labels too.
type Font struct {
	Family string // e.g. "Noto Sans CJK SC"; "" for Liberation Sans
	Path   string // the file it was read from
	Index  int    // the face within a font collection (.ttc)
	cjk    bool
	cache  *font.Cache // Liberation and this font; nil for Liberation alone
}

// CJK reports whether the font has Chinese glyphs.
func (f Font) CJK() bool { return f.cjk }

// String names the font and its file, for a report.
func (f Font) String() string {
	if f.Family == "" {
		return "Liberation Sans (embedded)"
	}
	return fmt.Sprintf("%s (%s)", f.Family, f.Path)
}

// typeface is the name charts look the font up by.
func (f Font) typeface() font.Typeface {
	if f.cache == nil {
		return "Liberation"
	}
	return font.Typeface(f.Family)
}

// probe is a character every Chinese font has and no Latin font does: 政
// as in 政经分离.
const probe = '政'

// LoadFont reads a TrueType or OpenType font, or a collection (.ttc, .otc)
// from which it takes the face for Simplified Chinese if there is one, the
// first face with Chinese glyphs otherwise, else the first.
func LoadFont(path string) (Font, error) {
	coll, err := openCollection(path)
	if err != nil {
		return Font{}, fmt.Errorf("font %s: %w", path, err)
	}
	best, bestScore := -1, -1
	var buf sfnt.Buffer
	for i := range coll.NumFonts() {
		f, err := coll.Font(i)
		if err != nil {
			continue
		}
		score := 0
		if g, err := f.GlyphIndex(&buf, probe); err == nil && g != 0 {
			score = 1
			if name, _ := f.Name(&buf, sfnt.NameIDFamily); strings.HasSuffix(name, " SC") {
				score = 2
			}
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return Font{}, fmt.Errorf("font %s: no readable face", path)
	}
	return fontFace(coll, path, best, bestScore > 0)
}

func fontFace(coll *sfnt.Collection, path string, index int, cjk bool) (Font, error) {
	f, err := coll.Font(index)
	if err != nil {
		return Font{}, fmt.Errorf("font %s: face %d: %w", path, index, err)
	}
	var buf sfnt.Buffer
	name, err := f.Name(&buf, sfnt.NameIDFamily)
	if err != nil || name == "" {
		name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	// Liberation stays the cache's default, for any text that asks for it.
	cache := font.NewCache(liberation.Collection())
	cache.Add(font.Collection{{Font: font.Font{Typeface: font.Typeface(name), Variant: "Sans"}, Face: f}})
	return Font{Family: name, Path: path, Index: index, cjk: cjk, cache: cache}, nil
}

// Runner runs a command and returns its standard output; exec's, unless a
// test stands in for it.
type Runner func(name string, args ...string) ([]byte, error)

// ExecRunner runs commands with os/exec.
func ExecRunner(name string, args ...string) ([]byte, error) {
	return exec.Command(name, args...).Output()
}

// FindCJKFont asks fontconfig (fc-match) for the sans-serif font it would
// use for Simplified Chinese, and loads it if it has Chinese glyphs:
// fontconfig answers with its best match even when no Chinese font is
// installed (DejaVu Sans, say), so its answer is checked, not trusted.
func FindCJKFont(run Runner) (Font, error) {
	out, err := run("fc-match", "-f", "%{file}\n%{index}\n", "sans-serif:lang=zh-cn")
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return Font{}, errors.New("fontconfig's fc-match is not installed")
		}
		return Font{}, fmt.Errorf("fc-match: %w", err)
	}
	lines := strings.Split(strings.TrimSpace(string(bytes.TrimSpace(out))), "\n")
	if len(lines) == 0 || lines[0] == "" {
		return Font{}, errors.New("fontconfig matched no font for Chinese")
	}
	path := lines[0]
	index := 0
	if len(lines) > 1 {
		index, _ = strconv.Atoi(strings.TrimSpace(lines[1]))
	}
	coll, err := openCollection(path)
	if err != nil {
		return Font{}, fmt.Errorf("fontconfig's match %s: %w", path, err)
	}
	if index < 0 || index >= coll.NumFonts() {
		index = 0
	}
	f, err := fontFace(coll, path, index, false)
	if err != nil {
		return Font{}, err
	}
	face, _ := coll.Font(index)
	var buf sfnt.Buffer
	if g, err := face.GlyphIndex(&buf, probe); err != nil || g == 0 {
		return Font{}, fmt.Errorf("no font with Chinese glyphs is installed (fontconfig's best match for Chinese is %s)", f.Family)
	}
	f.cjk = true
	return f, nil
}

// openCollection opens a font file for reading glyphs as they are needed:
// a Chinese font is some 20 MB, of which a chart uses a few hundred
// glyphs, so the file stays on disk (and open, for the life of the
// program) rather than in memory.
func openCollection(path string) (*sfnt.Collection, error) {
	// Without blocking, and a regular file only: a named pipe given as
	// -font would otherwise hold govsim for ever.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if errors.Is(err, syscall.ENXIO) {
		return nil, errors.New("not a regular file (a named pipe or socket); allowed a font file")
	}
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, errors.New("not a regular file; allowed a font file")
	}
	coll, err := opentype.ParseCollectionReaderAt(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("not a TrueType or OpenType font: %w", err)
	}
	return coll, nil
}
