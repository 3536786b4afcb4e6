package chart

import (
	"strings"

	"gonum.org/v1/plot/font"
)

// Chinese labels for the built-in scenarios, with the English that
// ScenarioLabel gives after the pinyin.
func scenarioLabelsZH() map[string]string {
	return map[string]string{
		"baseline":  "无改革 (baseline)",
		"cungaiju":  "村改居 (village→community)",
		"zhengjing": "政经分离 (politics/economy separated)",
		"zhengshe":  "政社分离 (administration/services separated)",
		"nanhai":    "南海路径 (staged path)",
	}
}

// ScenarioLabelFor is a scenario's label in a chart drawn in f: Chinese and
// English where the font has Chinese glyphs, pinyin and English otherwise
// (ScenarioLabel).
func ScenarioLabelFor(name string, f Font) string {
	if zh, ok := scenarioLabelsZH()[name]; ok && f.CJK() {
		return zh
	}
	return ScenarioLabel(name)
}

// pinyin writes the reforms' Chinese names in a Latin script, for charts
// whose font has no Chinese glyphs (they would show as empty boxes).
func pinyin() *strings.Replacer {
	return strings.NewReplacer("村改居", "cungaiju", "政经分离", "zhengjing", "政社分离", "zhengshe", "南海", "Nanhai")
}

// latinOnly keeps text in the Latin script when the typeface is
// Liberation, which has no Chinese glyphs.
func latinOnly(tf font.Typeface, s string) string {
	if tf != "Liberation" {
		return s
	}
	return pinyin().Replace(s)
}
