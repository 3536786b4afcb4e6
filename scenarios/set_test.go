package scenarios

import (
	"errors"
	"strings"
	"testing"

	"github.com/govsim/govsim/sim"
)

func TestOverridesApply(t *testing.T) {
	scs, err := LoadWithOverrides([]string{"baseline", "zhengjing"}, 24, []string{"economy.lambda0=0.4", "months=36", "district.villages=12"})
	if err != nil {
		t.Fatal(err)
	}
	lambda, _ := sim.Lookup("economy.lambda0")
	for _, sc := range scs {
		if got := lambda.Get(&sc.Config); got != 0.4 {
			t.Errorf("%s: economy.lambda0 = %v, want 0.4", sc.Name, got)
		}
		// -set is applied after -months.
		if sc.Config.Months != 36 || sc.Config.District.Villages != 12 {
			t.Errorf("%s: months %d, villages %d", sc.Name, sc.Config.Months, sc.Config.District.Villages)
		}
		// The resolved file a manifest keeps holds the override, so a
		// rerun reproduces it.
		if !strings.Contains(sc.Resolved(), "lambda0 = 0.4") {
			t.Errorf("%s: resolved TOML lacks the override", sc.Name)
		}
	}
	// Without -set the scenarios are as their files say.
	plain, err := LoadWithOverrides([]string{"baseline"}, 0, nil)
	if err != nil || lambda.Get(&plain[0].Config) != 0.45 {
		t.Fatalf("no overrides: %v %v", err, lambda.Get(&plain[0].Config))
	}
}

func TestOverridesBadInput(t *testing.T) {
	for _, tc := range []struct {
		sets []string
		want []string
	}{
		{[]string{"economy.lamda0=0.4"}, []string{"-set", "economy.lamda0", `did you mean "economy.lambda0"`}},
		{[]string{"economy.lambda0=1.5"}, []string{"-set: economy.lambda0", "1.5 is out of range", "allowed [0, 1]"}},
		{[]string{"economy.lambda0=lots"}, []string{"economy.lambda0", `want a number, got "lots"`, "allowed [0, 1]"}},
		{[]string{"months=2.5"}, []string{"months", "want an integer", "allowed integer in [1, 1200]"}},
		{[]string{"economy.lambda0"}, []string{"-set", "is not KEY=VALUE"}},
		{[]string{"=3"}, []string{"is not KEY=VALUE"}},
		{[]string{"name=x"}, []string{"name", "cannot be set on the command line"}},
		{[]string{"reform.layout=many-two"}, []string{"reform.layout", "allowed one-one | many-one | one-many"}},
		// Each key is in range, but together they break a rule across keys.
		{[]string{"district.groups_min=20", "district.groups_max=10"}, []string{"scenario baseline", "groups_min = 20 is above district.groups_max = 10"}},
	} {
		_, err := LoadWithOverrides([]string{"baseline"}, 0, tc.sets)
		var ie *InputError
		if !errors.As(err, &ie) {
			t.Errorf("%v: %v, want an InputError", tc.sets, err)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%v: %q lacks %q", tc.sets, err, w)
			}
		}
		if strings.Contains(err.Error(), "\n") {
			t.Errorf("%v: message of several lines: %q", tc.sets, err)
		}
	}
}

func TestOverrideStringValues(t *testing.T) {
	for _, v := range []string{"many-one", `"many-one"`} {
		ovs, err := ParseOverrides([]string{"reform.layout=" + v})
		if err != nil {
			t.Fatal(err)
		}
		if ovs[0].v != "many-one" {
			t.Errorf("%s: %v", v, ovs[0].v)
		}
	}
}
