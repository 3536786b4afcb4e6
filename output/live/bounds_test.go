package live

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Every bound answers with its status and a message that says what is
// wrong, and the server goes on serving.
func TestBounds(t *testing.T) {
	_, ts := newTestServer(t, 24, Options{MaxBody: 2048})
	s := createSession(t, ts.URL, defaultPanes)
	pane := func(p string) string { return `{"seed":1,"panes":[` + p + `,{"scenario":"baseline"}]}` }
	for _, tc := range []struct {
		name, method, path, ctype, body string
		code                            int
		msg                             string
	}{
		{"oversize body", "POST", "/api/sessions", "application/json", `{"seed":1,"panes":[{"scenario":"` + strings.Repeat("x", 4000) + `"}]}`, 413, "too large"},
		{"not JSON", "POST", "/api/sessions", "text/plain", defaultPanes, 415, "must be JSON"},
		{"form", "POST", "/api/sessions", "application/x-www-form-urlencoded", "seed=1", 415, "must be JSON"},
		{"empty body", "POST", "/api/sessions", "application/json", ``, 400, "empty request body"},
		{"bad JSON", "POST", "/api/sessions", "application/json", `{"seed":`, 400, "bad JSON"},
		{"two values", "POST", "/api/sessions", "application/json", defaultPanes + `{}`, 400, "more after"},
		{"unknown field", "POST", "/api/sessions", "application/json", `{"seed":1,"panes":[],"x":1}`, 400, `unknown field "x"`},
		{"one pane", "POST", "/api/sessions", "application/json", `{"panes":[{"scenario":"baseline"}]}`, 400, "want 2 panes"},
		{"negative seed", "POST", "/api/sessions", "application/json", `{"seed":-1,"panes":[{"scenario":"baseline"},{"scenario":"baseline"}]}`, 400, "seed = -1"},
		{"fractional seed", "POST", "/api/sessions", "application/json", `{"seed":1.5,"panes":[{"scenario":"baseline"},{"scenario":"baseline"}]}`, 400, "seed = 1.5"},
		{"huge seed", "POST", "/api/sessions", "application/json", `{"seed":1e300,"panes":[{"scenario":"baseline"},{"scenario":"baseline"}]}`, 400, "seed = 1e+300"},
		{"no scenario", "POST", "/api/sessions", "application/json", pane(`{}`), 400, "scenario: missing"},
		{"unknown scenario", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baselin"}`), 400, `unknown scenario "baselin"; allowed baseline | zhengjing`},
		{"scenario file", "POST", "/api/sessions", "application/json", pane(`{"scenario":"/etc/passwd"}`), 400, "scenario files cannot be opened"},
		{"scenario toml", "POST", "/api/sessions", "application/json", pane(`{"scenario":"my.toml"}`), 400, "unknown scenario"},
		{"above teaching scale", "POST", "/api/sessions", "application/json", pane(`{"scenario":"huge"}`), 400, "teaching-scale districts of at most 100000"},
		{"scale by parameter", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","params":{"district.migrant_ratio":20}}`), 400, "at most 100000"},
		{"param out of range", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","params":{"election.price":-5}}`), 400, "election.price = -5 is out of range: allowed [0, 1e+06]"},
		{"param not integer", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","params":{"election.interval":36.5}}`), 400, "want an integer"},
		{"param a string", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","params":{"election.price":"cheap"}}`), 400, "bad JSON"},
		{"param not for class", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","params":{"months":1200}}`), 400, `parameter "months" cannot be set from the page`},
		{"param unknown", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","params":{"nope":1}}`), 400, "cannot be set"},
		{"reform kind", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","reforms":[{"kind":"revolution","start":1,"coverage":"all"}]}`), 400, `reforms[0].kind: "revolution" is not allowed; allowed cungaiju | zhengjing | zhengshe`},
		{"reform key", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","reforms":[{"kind":"zhengjing","start":1,"coverage":"all","speed":3}]}`), 400, `unknown key "speed"`},
		{"reform start", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","reforms":[{"kind":"zhengjing","start":-3,"coverage":"all"}]}`), 400, "reforms[0].start: -3 is out of range: allowed integer in [0, 1200]"},
		{"reform type", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","reforms":[{"kind":"zhengjing","start":"soon","coverage":"all"}]}`), 400, "start: want an integer"},
		{"pilot without fraction", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","reforms":[{"kind":"zhengjing","start":1,"coverage":"pilot"}]}`), 400, `reforms[0].fraction: must be above 0 when coverage = "pilot"`},
		{"too many reforms", "POST", "/api/sessions", "application/json", pane(`{"scenario":"baseline","reforms":[` + strings.Repeat(`{"kind":"zhengjing","start":1,"coverage":"all"},`, 8) + `{"kind":"zhengjing","start":1,"coverage":"all"}]}`), 400, "at most 8"},
		{"control action", "POST", "/control", "application/json", `{"action":"explode"}`, 400, `action = "explode" is not allowed`},
		{"speed zero", "POST", "/control", "application/json", `{"action":"speed","speed":0}`, 400, "speed = 0 is out of range"},
		{"speed high", "POST", "/control", "application/json", `{"action":"speed","speed":1000}`, 400, "allowed 1 to 100"},
		{"pause at a negative month", "POST", "/control", "application/json", `{"action":"go","until":-1}`, 400, "until = -1 is out of range: allowed 0 to 1200"},
		{"pause far away", "POST", "/control", "application/json", `{"action":"go","until":5000}`, 400, "until = 5000 is out of range"},
		{"pause with step", "POST", "/control", "application/json", `{"action":"step","until":3}`, 400, `until is for action go, not "step"`},
		{"pause not a number", "POST", "/control", "application/json", `{"action":"go","until":"soon"}`, 400, "bad JSON"},
		{"pane index", "POST", "/panes/2", "application/json", `{"scenario":"baseline"}`, 400, `pane "2"`},
		{"pane bad", "POST", "/panes/0", "application/json", `{"scenario":"baseline","params":{"election.detect":2}}`, 400, "election.detect = 2 is out of range"},
		{"setup bad", "POST", "/setup", "application/json", pane(`{"scenario":"nanhai-full"}`), 400, "unknown scenario"},
		{"toml pane", "GET", "/panes/x/scenario.toml", "", ``, 400, `pane "x"`},
		{"wrong method", "GET", "/control", "", ``, 405, ""},
		{"unknown session", "POST", "/api/sessions/feed/control", "application/json", `{"action":"go"}`, 404, `no session "feed"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			url := ts.URL + tc.path
			if !strings.HasPrefix(tc.path, "/api/") {
				url = s + tc.path
			}
			code, body := do(t, tc.method, url, tc.ctype, tc.body)
			if code != tc.code {
				t.Fatalf("status %d, want %d: %s", code, tc.code, body)
			}
			if tc.msg == "" {
				return
			}
			var e struct{ Error string }
			if err := json.Unmarshal([]byte(body), &e); err != nil || !strings.Contains(e.Error, tc.msg) {
				t.Fatalf("message %q, want it to say %q", body, tc.msg)
			}
			if strings.Contains(e.Error, "\n") {
				t.Errorf("message on several lines: %q", e.Error)
			}
		})
	}
	// Still serving, and the session untouched by the bad requests.
	st := openStream(t, s)
	u := st.until(5*time.Second, "an update", func(u wireUpdate) bool { return len(u.Panes) == 2 })
	if u.Month != 0 || u.Panes[1].Label["en"] != "zhengjing (politics/economy separated)" {
		t.Errorf("session after bad requests: %+v", u)
	}
}

func TestTooManySessions(t *testing.T) {
	srv, ts := newTestServer(t, 24, Options{MaxSessions: 2})
	a := createSession(t, ts.URL, defaultPanes)
	createSession(t, ts.URL, defaultPanes)
	code, body := post(t, ts.URL+"/api/sessions", defaultPanes)
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "the classroom is full: 2 sessions") {
		t.Fatalf("third session: %d %s", code, body)
	}
	if srv.Sessions() != 2 {
		t.Fatalf("%d sessions", srv.Sessions())
	}
	do(t, "DELETE", a, "", "")
	createSession(t, ts.URL, defaultPanes) // a place is free again
}

// Requests addressed to another host are refused unless the server is
// public (DNS rebinding); loopback names and addresses are served.
func TestHostCheck(t *testing.T) {
	for _, public := range []bool{false, true} {
		_, ts := newTestServer(t, 24, Options{Public: public})
		for host, local := range map[string]bool{"localhost:8080": true, "127.0.0.1:9": true, "[::1]:80": true, "LOCALHOST": true, "evil.example:8080": false, "192.168.1.20:8080": false} {
			req, _ := http.NewRequest("GET", ts.URL+"/api/meta", nil)
			req.Host = host
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			want := http.StatusOK
			if !local && !public {
				want = http.StatusForbidden
			}
			if resp.StatusCode != want {
				t.Errorf("public %v, host %s: %d, want %d", public, host, resp.StatusCode, want)
			}
		}
	}
}

// A session nobody looks at is freed after the idle timeout; one with a
// stream open is not.
func TestIdleTimeout(t *testing.T) {
	// Long enough that a loaded machine opens the stream in time, short
	// enough for a quick test.
	srv, ts := newTestServer(t, 24, Options{IdleTimeout: time.Second})
	watched := createSession(t, ts.URL, defaultPanes)
	st := openStream(t, watched)
	st.until(5*time.Second, "an update", func(u wireUpdate) bool { return len(u.Panes) == 2 })
	createSession(t, ts.URL, defaultPanes)
	deadline := time.Now().Add(10 * time.Second)
	for srv.Sessions() != 1 {
		if time.Now().After(deadline) {
			t.Fatalf("%d sessions after the idle timeout, want 1", srv.Sessions())
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond) // past the timeout, with the stream open
	if code, body := post(t, watched+"/control", `{"action":"step"}`); code != http.StatusNoContent {
		t.Fatalf("the watched session was freed: %d %s", code, body)
	}
	st.close()
	deadline = time.Now().Add(10 * time.Second)
	for srv.Sessions() != 0 {
		if time.Now().After(deadline) {
			t.Fatal("the session was not freed after its stream closed")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestCheckAddr(t *testing.T) {
	for _, tc := range []struct {
		addr            string
		public, exposed bool
		err             string
	}{
		{"127.0.0.1:8080", false, false, ""},
		{"localhost:0", false, false, ""},
		{"[::1]:80", false, false, ""},
		{"127.0.0.5:80", false, false, ""},
		{"0.0.0.0:8080", false, true, "add -public"},
		{":8080", false, true, "every interface"},
		{"192.168.1.10:8080", false, true, "add -public"},
		{"classroom.local:8080", false, true, "add -public"},
		{"0.0.0.0:8080", true, true, ""},
		{"[::]:8080", true, true, ""},
		{"127.0.0.1", false, false, "want host:port"},
		{"nonsense", false, false, "want host:port"},
		{"127.0.0.1:http", false, false, "is not a number"},
		{"127.0.0.1:70000", false, false, "is not a number"},
	} {
		exposed, err := CheckAddr(tc.addr, tc.public)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("%s: %v", tc.addr, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("%s: error %v, want %q", tc.addr, err, tc.err)
		case exposed != tc.exposed && tc.err == "":
			t.Errorf("%s: exposed %v", tc.addr, exposed)
		}
	}
}

// FuzzDecodeSettings: whatever a page or a person sends, the decoder and the
// resolution answer with a value or a bad-request error, never a panic.
func FuzzDecodeSettings(f *testing.F) {
	for _, s := range []string{
		defaultPanes,
		`{"seed":3,"panes":[{"scenario":"baseline","params":{"election.price":3000,"election.interval":60}},{"scenario":"zhengjing","reforms":[]}]}`,
		`{"panes":[{"scenario":"baseline","reforms":[{"kind":"zhengshe","start":5,"coverage":"pilot","fraction":0.3}]},{"scenario":"huge"}]}`,
		`{"seed":-0,"panes":[{"scenario":"","params":null,"reforms":null},{}]}`,
		`{}`, `[1,2,3]`, `"x"`, `{"panes":{}}`, `{"seed":1e999}`,
	} {
		f.Add([]byte(s))
	}
	srv, err := New(testBackend{months: 12}, Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(srv.Close)
	f.Fuzz(func(t *testing.T, b []byte) {
		st, err := DecodeSettings(bytes.NewReader(b))
		var br *badRequest
		if err != nil {
			if !errors.As(err, &br) || br.msg == "" {
				t.Fatalf("error %v is not a bad request", err)
			}
			return
		}
		// No panes means the server's defaults, which setupCmd fills in.
		if n := len(st.Panes); n != 2 && n != 0 {
			t.Fatalf("%d panes decoded", n)
		}
		c, err := srv.setupCmd(st)
		if err != nil && !errors.As(err, &br) {
			t.Fatalf("setup: %v is not a bad request", err)
		}
		for _, cfg := range c.cfg {
			if err != nil {
				break
			}
			if err := cfg.Validate(); err != nil {
				t.Fatalf("resolved an invalid configuration: %v", err)
			}
			if agents(&cfg) > DefaultMaxAgents {
				t.Fatalf("resolved %0.f agents", agents(&cfg))
			}
		}
		_, _ = DecodePane(bytes.NewReader(b))
		_, _ = DecodeControl(bytes.NewReader(b))
	})
}

// {} starts the default pair; a session takes a few streams, not more.
func TestDefaultsAndStreamCap(t *testing.T) {
	_, ts := newTestServer(t, 24, Options{})
	s := createSession(t, ts.URL, `{}`)
	var streams []*stream
	for i := 0; i < maxStreams; i++ {
		streams = append(streams, openStream(t, s))
	}
	u := streams[0].until(5*time.Second, "an update", func(u wireUpdate) bool { return len(u.Panes) == 2 })
	if u.Seed != 1 || u.Panes[0].Settings["scenario"] != "baseline" || u.Panes[1].Settings["scenario"] != "zhengjing" {
		t.Errorf("defaults: seed %d, %v | %v", u.Seed, u.Panes[0].Settings, u.Panes[1].Settings)
	}
	code, body := do(t, "GET", s+"/events", "", "")
	if code != http.StatusTooManyRequests || !strings.Contains(body, "streams open") {
		t.Errorf("one stream too many: %d %s", code, body)
	}
	streams[0].close()
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := http.Get(s + "/events")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a closed stream's place was not freed: %d", resp.StatusCode)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
