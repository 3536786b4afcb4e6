// Package live is the classroom: the page that `govsim serve` shows and the
// HTTP server behind it.
//
// # The page
//
// A teacher picks a scenario for each of two panes (the same seed in
// both), switches reforms on and off, moves a few parameters, and presses
// Setup, Go, Pause and Step; both districts step a month at a time on the
// server and stream to the page, which draws a village map, time series
// and an event ticker, in English or Chinese. The page (HTML, CSS and
// JavaScript embedded with go:embed; no network, no CDN) builds its
// controls from /api/meta: the reform kinds from sim's kinds' table, the
// scenarios' labels and colours from their files, units and axes from the
// metric table.
//
// # The server
//
// [New] makes the [Server] over a [Backend] with [Options]; it owns the
// HTTP handlers, sessions and their stepping loops, the stream of months
// (Server-Sent Events), the request decoders ([DecodeSettings],
// [DecodePane], [DecodeControl]; reform entries through
// sim.DecodeReform) and every bound a server on a classroom network
// needs: sessions, request size and time, district size, idle time.
// [ListenAndServe] runs it. A [Class] is a session driven from Go with the
// page's rules, which the lesson plans are followed on (output/live/lesson).
//
// It reaches the model only through [Backend], an interface the command
// implements with the scenarios and experiment packages. So it imports sim,
// output/chart (the report's colours) and docs (the About panel), and must
// not import scenarios or sim/experiment: data flows one way.
package live
