package live

import (
	"fmt"
	"net/http"
	"time"
)

// Stream timing: a stream gathers what happened in a short window into one
// message, so a fast run costs a few messages a second rather than one per
// month, and says something at least every keepAlive so that proxies and
// the browser keep the connection.
const (
	coalesce   = 20 * time.Millisecond
	keepAlive  = 15 * time.Second
	maxStreams = 4 // per session: a page has one; a few for reloads and a projector
	writeWait  = 30 * time.Second
)

// handleEvents streams a session as Server-Sent Events: one "update"
// message with everything at once, then one whenever something changed.
// The browser's EventSource reconnects by itself after a break, and the
// first message of a new stream carries everything again.
func (srv *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	s, ok := srv.session(w, r)
	if !ok {
		return
	}
	if n := s.streams.Add(1); n > maxStreams {
		s.streams.Add(-1)
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf("this session has %d streams open, the most it allows; close another tab of it", maxStreams))
		return
	}
	defer func() {
		s.touch()
		s.streams.Add(-1)
	}()
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)

	var sent [2]sentPane
	for i := range sent {
		sent[i].gen = -1
	}
	ping := time.NewTicker(keepAlive)
	defer ping.Stop()
	var buf []byte
	var changed <-chan struct{}
	send := func() bool {
		var u update
		var ok bool
		u, changed, ok = s.snapshot(&sent)
		if !ok {
			return true
		}
		buf = append(buf[:0], "event: update\ndata: "...)
		buf = u.encode(buf)
		buf = append(buf, "\n\n"...)
		// A page that stops reading (a laptop asleep) must not hold the
		// stream, and with it the session, for ever.
		_ = rc.SetWriteDeadline(time.Now().Add(writeWait))
		if _, err := w.Write(buf); err != nil {
			return false
		}
		s.touch()
		return rc.Flush() == nil
	}
	if !send() {
		return
	}
	for {
		select {
		case <-r.Context().Done():
			return
		case <-s.done:
			_, _ = w.Write([]byte("event: ended\ndata: {}\n\n"))
			_ = rc.Flush()
			return
		case <-ping.C:
			_ = rc.SetWriteDeadline(time.Now().Add(writeWait))
			if _, err := w.Write([]byte(": keep-alive\n\n")); err != nil || rc.Flush() != nil {
				return
			}
			continue
		case <-changed:
		}
		select {
		case <-r.Context().Done():
			return
		case <-time.After(coalesce):
		}
		if !send() {
			return
		}
	}
}
