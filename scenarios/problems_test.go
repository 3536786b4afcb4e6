package scenarios

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestAllProblems(t *testing.T) {
	data := "name = \"x\"\n[economy]\nlamda0 = 0.4\nlambda0 = 1.5\n[district]\nvillages = \"many\"\n"
	_, err := Parse("three.toml", []byte(data), "")
	if err == nil {
		t.Fatal("no error")
	}
	var ie *InputError
	if !errors.As(err, &ie) || ie.Line != 3 {
		t.Fatalf("first problem: %v", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "three.toml:3: economy.lamda0") || !strings.HasSuffix(msg, "(and 2 more in the file: govsim validate lists them)") || strings.Contains(msg, "\n") {
		t.Errorf("message: %q", msg)
	}
	list, omitted := All(err)
	if len(list) != 3 || omitted != 0 {
		t.Fatalf("All: %d problems, %d omitted", len(list), omitted)
	}
	for i, want := range []string{"three.toml:3: economy.lamda0", "three.toml:4: economy.lambda0: 1.5 is out of range", "three.toml:6: district.villages: want an integer"} {
		if !strings.HasPrefix(list[i].Error(), want) {
			t.Errorf("problem %d: %q, want %q…", i, list[i], want)
		}
	}

	// Many problems: the first MaxProblems, and how many more.
	var b strings.Builder
	b.WriteString("[economy]\n")
	for i := range 25 {
		fmt.Fprintf(&b, "nokey%d = 1\n", i)
	}
	_, err = Parse("many.toml", []byte(b.String()), "")
	list, omitted = All(err)
	if len(list) != MaxProblems || omitted != 25-MaxProblems {
		t.Errorf("25 problems: %d listed, %d omitted", len(list), omitted)
	}

	// One problem is a plain *InputError, as before.
	_, err = Parse("one.toml", []byte("months = \"long\"\n"), "")
	if _, ok := err.(*InputError); !ok {
		t.Errorf("one problem: %T", err)
	}
	if list, _ := All(err); len(list) != 1 {
		t.Errorf("one problem: All gives %d", len(list))
	}
}
