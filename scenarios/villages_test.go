package scenarios

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
)

func TestReadVillagesGood(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		want []sim.VillageData
	}{
		{"header order", goodCSV, []sim.VillageData{
			{ID: 1, Distance: 0.1, Farmland: 100, Population: 3000, Migrants: 4000, Assets: 1e7},
			{ID: 2, Distance: 0.9, Farmland: 2000, Population: 2500, Migrants: 500, Assets: 2e6},
			{ID: 3, Distance: 0.5, Farmland: 800, Population: 4000, Migrants: 3000, Assets: 5e6},
		}},
		{"any column order, spaces, comments, BOM, CRLF, bounds",
			"\ufeffassets, ID ,population,migrants,farmland,distance\r\n# a comment\r\n0,0,1,0,0,0\r\n5, 7, 2.5, 0, 0, 1\r\n",
			[]sim.VillageData{
				{ID: 0, Distance: 0, Farmland: 0, Population: 1, Migrants: 0, Assets: 0},
				{ID: 7, Distance: 1, Farmland: 0, Population: 2.5, Migrants: 0, Assets: 5},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadVillages("v.csv", strings.NewReader(tt.csv))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadVillagesBad(t *testing.T) {
	const h = "id,distance,farmland,population,migrants,assets\n"
	tests := []struct {
		name string
		csv  string
		line int
		key  string
		msg  []string
	}{
		{"empty", "", 0, "", []string{"empty file", "id,distance,farmland,population,migrants,assets"}},
		{"unknown column", "id,distance,farmland,populaton,migrants,assets\n", 1, "populaton", []string{`did you mean "population"`, "column 4"}},
		{"missing column", "id,distance,farmland,population,migrants\n1,0,0,1,0\n", 1, "assets", []string{"missing column", "any order"}},
		{"duplicate column", "id,distance,farmland,population,migrants,assets,id\n", 1, "id", []string{"twice", "column 7"}},
		{"too few rows", h + "1,0.5,1,1,1,1\n", 0, "", []string{"1 villages", "at least 2"}},
		{"distance above 1", h + "1,0.5,1,1,1,1\n2,1.5,1,1,1,1\n", 3, "distance", []string{"1.5 is out of range", "column 2", "[0, 1]"}},
		{"negative farmland", h + "1,0.5,-1,1,1,1\n2,0.5,1,1,1,1\n", 2, "farmland", []string{"-1 is out of range", ">= 0"}},
		{"zero population", h + "1,0.5,1,1,1,1\n2,0.5,1,0,1,1\n", 3, "population", []string{"0 is out of range", "> 0"}},
		{"infinite assets", h + "1,0.5,1,1,1,Inf\n2,0.5,1,1,1,1\n", 2, "assets", []string{"out of range", ">= 0"}},
		{"huge migrants", h + "1,0.5,1,1,1e999,1\n2,0.5,1,1,1,1\n", 2, "migrants", []string{"out of range"}},
		{"NaN", h + "1,NaN,1,1,1,1\n2,0.5,1,1,1,1\n", 2, "distance", []string{"out of range"}},
		{"not a number", h + "1,0.5,lots,1,1,1\n2,0.5,1,1,1,1\n", 2, "farmland", []string{`"lots" is not a number`, "column 3"}},
		{"negative id", h + "-1,0.5,1,1,1,1\n2,0.5,1,1,1,1\n", 2, "id", []string{"non-negative integer"}},
		{"fractional id", h + "1.5,0.5,1,1,1,1\n2,0.5,1,1,1,1\n", 2, "id", []string{"non-negative integer"}},
		{"duplicate id", h + "4,0.5,1,1,1,1\n# gap\n4,0.5,1,1,1,1\n", 4, "id", []string{"id 4 is used already on line 2", "unique"}},
		{"short row", h + "1,0.5,1,1,1,1\n2,0.5,1\n", 3, "", []string{"wrong number of fields", "as many fields as the header"}},
		{"bad quoting", h + "1,0.5,1,1,1,1\n2,0.5,\"1,1,1,1\n", 3, "", []string{"CSV"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadVillages("v.csv", strings.NewReader(tt.csv))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("error %v (%T) is not an *InputError", err, err)
			}
			if ie.File != "v.csv" || ie.Line != tt.line || ie.Key != tt.key {
				t.Errorf("got file %q line %d key %q, want v.csv %d %q (%v)", ie.File, ie.Line, ie.Key, tt.line, tt.key, err)
			}
			for _, s := range tt.msg {
				if !strings.Contains(ie.Msg, s) {
					t.Errorf("message %q does not mention %q", ie.Msg, s)
				}
			}
		})
	}
}
