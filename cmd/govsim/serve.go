package main

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/govsim/govsim/cmd/internal/drive"
	"github.com/govsim/govsim/output/live"
	"github.com/govsim/govsim/scenarios"
	"github.com/govsim/govsim/sim"
	"github.com/govsim/govsim/sim/experiment"
)

func cmdServe(ctx context.Context, e env, args []string) error {
	fs := newFlags("serve")
	var l live.Listening
	fs.StringVar(&l.Addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.BoolVar(&l.Open, "open", false, "open the page in the default browser")
	fs.BoolVar(&l.Public, "public", false, "allow an address other machines can reach")
	maxSessions := intFlag(fs, "max-sessions", live.DefaultMaxSessions, "browser sessions at once")
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
	srv, err := live.New(classroom{}, live.Options{MaxSessions: *maxSessions, IdleTimeout: *idle, Public: l.Public, Panes: scenarios.ClassroomPanes()})
	if err != nil {
		return err
	}
	defer srv.Close()
	if err := live.ListenAndServe(ctx, srv, l, e.stdout, e.stderr); err != nil || ctx.Err() == nil {
		return err
	}
	return &drive.Interrupted{Msg: "interrupted: the classroom stopped"} // exit status 130, as every command's
}

// classroom is the classroom's backend: the embedded scenarios, stepped
// through the experiment API like every other run.
type classroom struct{}

// Scenarios offers the teaching set first, then the other embedded
// scenarios; the classroom itself refuses those above teaching scale.
func (classroom) Scenarios() []string {
	names := scenarios.Teaching()
	for _, n := range scenarios.Embedded() {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

func (classroom) Scenario(name string) (sim.Config, error) {
	if !slices.Contains(scenarios.Embedded(), name) {
		return sim.Config{}, fmt.Errorf("no embedded scenario %q", name)
	}
	sc, err := scenarios.Load(name)
	if err != nil {
		return sim.Config{}, err
	}
	return sc.Config, nil
}

// Start runs replicate 0 with the seed, one goroutine per pane: a class of
// forty shares the machine.
func (classroom) Start(cfg sim.Config, seed uint64) (live.Run, error) {
	return experiment.NewLive(experiment.Spec{Scenario: cfg.Name, Seed: seed, Point: -1, Config: cfg}, 1)
}

func (classroom) Format(cfg sim.Config) []byte { return scenarios.Format(cfg) }
