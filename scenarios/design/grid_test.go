package design

import (
	"math"
	"testing"
)

func TestGridSizes(t *testing.T) {
	cases := []struct {
		name string
		f    []Factor
		want int
	}{
		{"one default", []Factor{{Key: "a", Min: 0, Max: 1}}, 5},
		{"2x3", []Factor{{Key: "a", Min: 0, Max: 1, Levels: 2}, {Key: "b", Min: 0, Max: 1, Levels: 3}}, 6},
		{"list x default", []Factor{{Key: "a", Values: []float64{1, 2, 3, 4}}, {Key: "b", Min: 0, Max: 1}}, 20},
		{"int default caps at integers", []Factor{{Key: "a", Dist: "int", Min: 0, Max: 2}}, 3},
		{"int default", []Factor{{Key: "a", Dist: "int", Min: 0, Max: 100}}, 5},
		{"three", []Factor{{Key: "a", Min: 0, Max: 1, Levels: 2}, {Key: "b", Values: []float64{7}}, {Key: "c", Dist: "loguniform", Min: 1, Max: 8, Levels: 4}}, 8},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d, err := Grid(c.f)
			if err != nil {
				t.Fatal(err)
			}
			if d.Runs() != c.want || d.Kind != KindGrid || d.Groups != 0 {
				t.Fatalf("Runs()=%d Kind=%q Groups=%d, want %d grid 0", d.Runs(), d.Kind, d.Groups, c.want)
			}
			for i, p := range d.Points {
				if p.Index != i || len(p.Unit) != len(c.f) || len(p.Values) != len(c.f) {
					t.Fatalf("point %d malformed: %+v", i, p)
				}
			}
		})
	}
}

func TestGridOrder(t *testing.T) {
	d, err := Grid([]Factor{
		{Key: "a", Values: []float64{10, 20}},
		{Key: "b", Min: 0, Max: 1, Levels: 3},
		{Key: "c", Values: []float64{-1, 1}},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{
		{10, 0, -1}, {10, 0, 1}, {10, 0.5, -1}, {10, 0.5, 1}, {10, 1, -1}, {10, 1, 1},
		{20, 0, -1}, {20, 0, 1}, {20, 0.5, -1}, {20, 0.5, 1}, {20, 1, -1}, {20, 1, 1},
	}
	if d.Runs() != len(want) {
		t.Fatalf("Runs()=%d, want %d", d.Runs(), len(want))
	}
	for i, w := range want {
		p := d.Points[i]
		for j := range w {
			if p.Values[j] != w[j] {
				t.Fatalf("point %d = %v, want %v", i, p.Values, w)
			}
		}
		if !math.IsNaN(p.Unit[0]) || !math.IsNaN(p.Unit[2]) || p.Unit[1] != w[1] {
			t.Fatalf("point %d unit = %v, want [NaN %v NaN]", i, p.Unit, w[1])
		}
	}
}

func TestGridEndsExact(t *testing.T) {
	cases := []Factor{
		{Key: "uniform", Min: 0.1, Max: 0.3, Levels: 7},
		{Key: "uniform-neg", Min: -1.7, Max: 1e-9},
		{Key: "loguniform", Dist: "loguniform", Min: 1e-3, Max: 7.3},
		{Key: "normal", Dist: "normal", Min: 0.15, Max: 0.95, Mean: 0.4, SD: 0.3, Levels: 9},
		{Key: "normal-tail", Dist: "normal", Min: 9, Max: 12, Mean: 0, SD: 1},
		{Key: "int", Dist: "int", Min: 3, Max: 17, Levels: 4},
	}
	for _, f := range cases {
		t.Run(f.Key, func(t *testing.T) {
			d, err := Grid([]Factor{f})
			if err != nil {
				t.Fatal(err)
			}
			L := d.Factors[0].Levels
			first, last := d.Points[0], d.Points[d.Runs()-1]
			if first.Values[0] != f.Min || last.Values[0] != f.Max {
				t.Errorf("ends %v, %v; want exactly %v, %v", first.Values[0], last.Values[0], f.Min, f.Max)
			}
			if first.Unit[0] != 0 || last.Unit[0] != 1 {
				t.Errorf("unit ends %v, %v; want 0, 1", first.Unit[0], last.Unit[0])
			}
			for i, p := range d.Points {
				if want := float64(i) / float64(L-1); math.Abs(p.Unit[0]-want) > 1e-15 {
					t.Errorf("level %d unit %v, want %v", i, p.Unit[0], want)
				}
				if i > 0 && !(p.Values[0] > d.Points[i-1].Values[0]) {
					t.Errorf("levels not increasing: %v then %v", d.Points[i-1].Values[0], p.Values[0])
				}
			}
		})
	}
}

func TestGridUniformLevels(t *testing.T) {
	d, err := Grid([]Factor{{Key: "a", Min: 0, Max: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for i, w := range []float64{0, 0.25, 0.5, 0.75, 1} {
		if d.Points[i].Values[0] != w {
			t.Errorf("level %d = %v, want %v", i, d.Points[i].Values[0], w)
		}
	}
	// Every integer when Levels equals their count.
	d, err = Grid([]Factor{{Key: "n", Dist: "int", Min: 0, Max: 48, Levels: 49}})
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range d.Points {
		if p.Values[0] != float64(i) {
			t.Fatalf("int level %d = %v", i, p.Values[0])
		}
	}
}
