package live

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// Options bound a classroom server. The zero value of a field means its
// default.
type Options struct {
	MaxSessions int           // browser sessions at once (default 40: a class)
	IdleTimeout time.Duration // a session no page has touched for this long is freed (default 10 min)
	MaxAgents   int           // resident agents a district may start with (default 100,000: teaching scale)
	MaxBody     int64         // bytes of a request body (default 64 KiB)
	// Panes are the scenarios a new page shows, left and right (default:
	// the first two the backend offers).
	Panes [2]string
	// Public allows requests addressed to any host name; otherwise only
	// localhost and loopback addresses are answered, so that a web page
	// elsewhere cannot reach a server on this machine by DNS rebinding.
	Public bool
}

// Defaults.
const (
	DefaultMaxSessions = 40
	DefaultIdleTimeout = 10 * time.Minute
	DefaultMaxAgents   = 100_000
	DefaultMaxBody     = 64 << 10
)

func (o Options) withDefaults() Options {
	if o.MaxSessions <= 0 {
		o.MaxSessions = DefaultMaxSessions
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = DefaultIdleTimeout
	}
	if o.MaxAgents <= 0 {
		o.MaxAgents = DefaultMaxAgents
	}
	if o.MaxBody <= 0 {
		o.MaxBody = DefaultMaxBody
	}
	return o
}

// Server is the classroom: an http.Handler for the page and its API, and
// the sessions behind it. Close ends every session.
type Server struct {
	backend Backend
	opt     Options
	mux     *http.ServeMux
	meta    []byte // the page's static description, built once
	about   []byte
	names   []string          // scenarios offered: the backend's at teaching scale
	tooBig  map[string]string // the backend's others, with why they are refused

	ctx    context.Context
	cancel context.CancelFunc
	reaped chan struct{}

	mu       sync.Mutex
	sessions map[string]*session
}

// New builds a classroom server on a backend.
func New(b Backend, opt Options) (*Server, error) {
	opt = opt.withDefaults()
	srv := &Server{backend: b, opt: opt, sessions: map[string]*session{}, reaped: make(chan struct{}), tooBig: map[string]string{}}
	for _, n := range b.Scenarios() {
		cfg, err := b.Scenario(n)
		if err != nil {
			return nil, fmt.Errorf("classroom: scenario %s: %w", n, err)
		}
		if a := agents(&cfg); a > float64(opt.MaxAgents) {
			srv.tooBig[n] = fmt.Sprintf("scenario %s has about %.0f resident agents; the classroom runs teaching-scale districts of at most %d (run it with govsim run)", n, a, opt.MaxAgents)
			continue
		}
		srv.names = append(srv.names, n)
	}
	var err error
	if srv.meta, err = buildMeta(b, srv.names, opt); err != nil {
		return nil, fmt.Errorf("classroom: %w", err)
	}
	if srv.about, err = json.Marshal(aboutSections()); err != nil {
		return nil, fmt.Errorf("classroom: about: %w", err)
	}
	srv.routes()
	srv.ctx, srv.cancel = context.WithCancel(context.Background())
	go srv.reap()
	return srv, nil
}

func (srv *Server) routes() {
	m := http.NewServeMux()
	static, err := fs.Sub(staticFiles, "static")
	if err != nil {
		panic("live: embedded page missing: " + err.Error()) // cannot happen with go:embed
	}
	files := http.StripPrefix("/static/", http.FileServerFS(static))
	m.HandleFunc("GET /static/", func(w http.ResponseWriter, r *http.Request) {
		// A name no file can have (not UTF-8, say) is not found, not the
		// server's error.
		if name := strings.TrimPrefix(r.URL.Path, "/static/"); !utf8.ValidString(name) || !fs.ValidPath(name) {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	})
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		http.ServeFileFS(w, r, static, "index.html")
	})
	m.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	m.HandleFunc("GET /api/meta", srv.blob(func() []byte { return srv.meta }))
	m.HandleFunc("GET /api/about", srv.blob(func() []byte { return srv.about }))
	m.HandleFunc("POST /api/sessions", srv.handleCreate)
	m.HandleFunc("GET /api/sessions/{id}/events", srv.handleEvents)
	m.HandleFunc("POST /api/sessions/{id}/setup", srv.handleSetup)
	m.HandleFunc("POST /api/sessions/{id}/panes/{pane}", srv.handlePane)
	m.HandleFunc("POST /api/sessions/{id}/control", srv.handleControl)
	m.HandleFunc("GET /api/sessions/{id}/panes/{pane}/scenario.toml", srv.handleTOML)
	m.HandleFunc("DELETE /api/sessions/{id}", srv.handleDelete)
	srv.mux = m
}

// ServeHTTP answers the page and its API.
func (srv *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !srv.opt.Public && !loopbackHost(r.Host) {
		writeError(w, http.StatusForbidden, fmt.Sprintf("host %q is not served: the classroom answers only requests to localhost (start it with -public for a classroom network)", r.Host))
		return
	}
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'")
	if strings.HasPrefix(r.URL.Path, "/api/") {
		h.Set("Cache-Control", "no-store")
	}
	srv.mux.ServeHTTP(w, r)
}

// Close ends every session and the reaper.
func (srv *Server) Close() {
	srv.cancel()
	<-srv.reaped
	srv.mu.Lock()
	all := srv.sessions
	srv.sessions = map[string]*session{}
	srv.mu.Unlock()
	for _, s := range all {
		s.stop()
	}
}

// Sessions is the number of sessions now.
func (srv *Server) Sessions() int {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	return len(srv.sessions)
}

// reap frees sessions idle for longer than the timeout: no stream
// connected and no request.
func (srv *Server) reap() {
	defer close(srv.reaped)
	t := time.NewTicker(max(srv.opt.IdleTimeout/4, 10*time.Millisecond))
	defer t.Stop()
	for {
		select {
		case <-srv.ctx.Done():
			return
		case now := <-t.C:
			var idle []*session
			srv.mu.Lock()
			for id, s := range srv.sessions {
				if s.idle(now, srv.opt.IdleTimeout) {
					idle = append(idle, s)
					delete(srv.sessions, id)
				}
			}
			srv.mu.Unlock()
			for _, s := range idle {
				s.stop()
			}
		}
	}
}

func (srv *Server) blob(b func() []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(b())
	}
}

// handleCreate starts a session with the settings in the body ({} gives
// seed 1 and the default panes).
func (srv *Server) handleCreate(w http.ResponseWriter, r *http.Request) {
	if !jsonBody(w, r) {
		return
	}
	st, err := readBody(w, r, srv.opt.MaxBody, DecodeSettings)
	if err != nil {
		writeErr(w, err)
		return
	}
	cmd, err := srv.setupCmd(st)
	if err != nil {
		writeErr(w, err)
		return
	}
	id, err := newID()
	if err != nil {
		writeError(w, http.StatusInternalServerError, err.Error())
		return
	}
	s := newSession(id, srv.backend)
	srv.mu.Lock()
	if srv.ctx.Err() != nil {
		srv.mu.Unlock()
		writeError(w, http.StatusServiceUnavailable, "the server is shutting down")
		return
	}
	if len(srv.sessions) >= srv.opt.MaxSessions {
		srv.mu.Unlock()
		w.Header().Set("Retry-After", strconv.Itoa(int(srv.opt.IdleTimeout.Seconds())))
		writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("the classroom is full: %d sessions, the most this server allows (-max-sessions); close a tab, or wait until an idle one is freed (after %s)", srv.opt.MaxSessions, srv.opt.IdleTimeout))
		return
	}
	srv.sessions[id] = s
	s.start(srv.ctx)
	srv.mu.Unlock()
	if err := s.send(r.Context(), command{setup: &cmd}); err != nil {
		srv.drop(id)
		writeErr(w, err)
		return
	}
	s.touch() // idle time counts from when the page has its session
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_, _ = w.Write(appendJSON(nil, map[string]string{"id": id}))
}

func (srv *Server) setupCmd(st Settings) (setupCmd, error) {
	c := setupCmd{seed: st.Seed}
	if len(st.Panes) == 0 {
		for _, n := range srv.defaults() {
			st.Panes = append(st.Panes, PaneSettings{Scenario: n})
		}
	}
	for i := range c.ps {
		cfg, err := srv.resolve(st.Panes[i])
		if err != nil {
			return c, &badRequest{http.StatusBadRequest, fmt.Sprintf("panes[%d]: %v", i, err)}
		}
		c.ps[i], c.cfg[i] = st.Panes[i], cfg
	}
	return c, nil
}

func (srv *Server) handleSetup(w http.ResponseWriter, r *http.Request) {
	s, ok := srv.session(w, r)
	if !ok || !jsonBody(w, r) {
		return
	}
	st, err := readBody(w, r, srv.opt.MaxBody, DecodeSettings)
	if err != nil {
		writeErr(w, err)
		return
	}
	cmd, err := srv.setupCmd(st)
	if err == nil {
		err = s.send(r.Context(), command{setup: &cmd})
	}
	writeResult(w, err)
}

func (srv *Server) handlePane(w http.ResponseWriter, r *http.Request) {
	s, ok := srv.session(w, r)
	if !ok || !jsonBody(w, r) {
		return
	}
	i, err := paneIndex(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	ps, err := readBody(w, r, srv.opt.MaxBody, DecodePane)
	if err != nil {
		writeErr(w, err)
		return
	}
	cfg, err := srv.resolve(ps)
	if err == nil {
		err = s.send(r.Context(), command{pane: &paneCmd{i: i, ps: ps, cfg: cfg}})
	}
	writeResult(w, err)
}

func (srv *Server) handleControl(w http.ResponseWriter, r *http.Request) {
	s, ok := srv.session(w, r)
	if !ok || !jsonBody(w, r) {
		return
	}
	c, err := readBody(w, r, srv.opt.MaxBody, DecodeControl)
	if err == nil {
		err = s.send(r.Context(), command{control: &c})
	}
	writeResult(w, err)
}

// handleTOML gives a pane's configuration as a scenario file, so that a
// class can rerun at home with govsim run exactly what it saw.
func (srv *Server) handleTOML(w http.ResponseWriter, r *http.Request) {
	s, ok := srv.session(w, r)
	if !ok {
		return
	}
	i, err := paneIndex(r)
	if err != nil {
		writeErr(w, err)
		return
	}
	s.mu.Lock()
	p := s.panes[i]
	seed := s.seed
	s.mu.Unlock()
	cfg := p.cfg
	if p.modified {
		cfg.Name = cfg.Name + "-classroom"
		cfg.Description = "made in govsim serve from " + p.settings.Scenario
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("inline", map[string]string{"filename": cfg.Name + ".toml"}))
	fmt.Fprintf(w, "# The %s pane of govsim serve. To rerun it:\n#   govsim run -seed %d -replicates 1 %s.toml\n", [2]string{"left", "right"}[i], seed, cfg.Name)
	_, _ = w.Write(srv.backend.Format(cfg))
}

func (srv *Server) handleDelete(w http.ResponseWriter, r *http.Request) {
	if _, ok := srv.session(w, r); !ok {
		return
	}
	srv.drop(r.PathValue("id"))
	w.WriteHeader(http.StatusNoContent)
}

func (srv *Server) drop(id string) {
	srv.mu.Lock()
	s := srv.sessions[id]
	delete(srv.sessions, id)
	srv.mu.Unlock()
	if s != nil {
		s.stop()
	}
}

// session finds the request's session, or answers 404.
func (srv *Server) session(w http.ResponseWriter, r *http.Request) (*session, bool) {
	id := r.PathValue("id")
	srv.mu.Lock()
	s := srv.sessions[id]
	srv.mu.Unlock()
	if s == nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no session %q: it ended or was freed after %s without a page; reload the page", id, srv.opt.IdleTimeout))
		return nil, false
	}
	s.touch()
	return s, true
}

func paneIndex(r *http.Request) (int, error) {
	switch r.PathValue("pane") {
	case "0":
		return 0, nil
	case "1":
		return 1, nil
	}
	return 0, bad("pane %q: want 0 (left) or 1 (right)", r.PathValue("pane"))
}

// jsonBody refuses bodies that are not declared JSON: a form on another
// site cannot send application/json without the browser asking first.
func jsonBody(w http.ResponseWriter, r *http.Request) bool {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		writeError(w, http.StatusUnsupportedMediaType, "the request body must be JSON (Content-Type: application/json)")
		return false
	}
	return true
}

func writeResult(w http.ResponseWriter, err error) {
	if err != nil {
		writeErr(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func writeErr(w http.ResponseWriter, err error) {
	var br *badRequest
	switch {
	case errors.As(err, &br):
		writeError(w, br.status, br.msg)
	case errors.Is(err, errGone):
		writeError(w, http.StatusNotFound, err.Error()+"; reload the page")
	case errors.Is(err, context.Canceled):
		writeError(w, http.StatusServiceUnavailable, "the request was cancelled")
	default:
		writeError(w, http.StatusInternalServerError, err.Error())
	}
}

// writeError answers with a JSON object {"error": msg}.
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(appendJSON(nil, map[string]string{"error": msg}))
	_, _ = io.WriteString(w, "\n")
}

func newID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("session id: %w", err)
	}
	return hex.EncodeToString(b[:]), nil
}

// loopbackHost reports whether a Host header names this machine.
func loopbackHost(host string) bool {
	h, _, err := net.SplitHostPort(host)
	if err != nil {
		h = strings.Trim(host, "[]")
	}
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// CheckAddr checks a listening address before anything listens: it must be
// host:port, and a host that other machines can reach needs public. It
// returns whether the address is reachable from other machines.
func CheckAddr(addr string, public bool) (exposed bool, err error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("-addr %q: want host:port, such as 127.0.0.1:8080", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return false, fmt.Errorf("-addr %q: port %q is not a number from 0 to 65535", addr, port)
	}
	exposed = !loopbackHost(host)
	if host != "" && !strings.EqualFold(host, "localhost") && net.ParseIP(host) == nil {
		exposed = true // a name: it may resolve to any interface
	}
	if exposed && !public {
		where := host
		if where == "" {
			where = "every interface"
		}
		return true, fmt.Errorf("-addr %q listens on %s, reachable from other machines; add -public to allow that (a classroom network), or use 127.0.0.1", addr, where)
	}
	return exposed, nil
}
