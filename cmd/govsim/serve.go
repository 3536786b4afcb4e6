package main

import (
	"context"
	"time"

	"github.com/govsim/govsim/cmd/internal/classroom"
	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/cmd/internal/intflag"
	"github.com/govsim/govsim/output/live"
	"github.com/govsim/govsim/scenarios"
)

func cmdServe(ctx context.Context, e env, args []string) error {
	fs := newFlags("serve")
	var l live.Listening
	fs.StringVar(&l.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.BoolVar(&l.Open, "open", false, "open the page in the default browser")
	fs.BoolVar(&l.Public, "public", false, "allow an address other machines can reach")
	maxSessions := intflag.New(fs, "max-sessions", live.DefaultMaxSessions, "browser sessions at once")
	idle := fs.Duration("idle", live.DefaultIdleTimeout, "free a session after this long without a page")
	pos, err := parse(fs, e, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("serve takes no arguments, got %q (see govsim serve -h)", pos[0])
	}
	if err := intRange("max-sessions", *maxSessions, 1, 1000); err != nil {
		return err
	}
	if *idle < time.Second || *idle > 24*time.Hour {
		return usagef("-idle = %s is out of range: allowed 1s to 24h", *idle)
	}
	srv, err := live.New(classroom.Backend{}, live.Options{MaxSessions: *maxSessions, IdleTimeout: *idle, Public: l.Public, Panes: scenarios.ClassroomPanes()})
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := live.ListenAndServe(ctx, srv, l, e.stdout, e.stderr); err != nil || ctx.Err() == nil {
		return err
	}
	return &drive.Interrupted{Msg: "interrupted: the classroom stopped"} // exit status 130, as every command's
}
