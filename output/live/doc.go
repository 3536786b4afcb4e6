// Package live is the classroom: the page that `govsim serve` shows and the
// HTTP server behind it. A teacher picks a scenario for each of two panes
// (the same seed in both), switches reforms on and off, moves a few
// parameters, and presses Setup, Go, Pause and Step; both districts step a
// month at a time on the server and stream to the page, which draws a
// village map, time series and an event ticker, in English or Chinese.
//
// It owns the page (HTML, CSS and JavaScript embedded with go:embed; no
// network, no CDN), the HTTP handlers, sessions and their stepping loops,
// the stream of months (Server-Sent Events), the request decoder and every
// bound a server on a classroom network needs: sessions, request size,
// district size, idle time.
//
// It reaches the model only through Backend, an interface the command
// implements with the scenarios and experiment packages. So it imports sim
// (the metric and parameter tables), output/chart (the report's colours)
// and docs (the About panel), and must not import scenarios or
// sim/experiment: data flows one way, and output knows rows, not runs.
package live
