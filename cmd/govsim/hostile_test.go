package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/govsim/govsim/sim/table"
)

// The hostile suite: the cases of adversarial passes over govsim (issue
// 23's seven classes), as a table of inputs and faults a hostile or a
// careless user brings — files, links, signals, full disks, HTTP — each
// run against the govsim binary as a user runs it, so that the next pass
// starts from them. Set GOVSIM_HOSTILE_BIN to run the table against
// another build (an earlier commit's, to see which cases it fails).

// hostileCase is one case: the class (1 links followed, 2
// directories govsim did not make, 3 Ctrl-C and exchange, 4 manifests, 5
// resources, 6 hangs, 7 exit statuses and messages), what it attacks with,
// and the attack and its checks.
type hostileCase struct {
	class int
	kind  string // files, links, signals, disks, http
	name  string
	try   func(h *harness)
}

// harness runs one case: the binary, a directory of its own, and the
// fixtures every case may copy.
type harness struct {
	*testing.T
	bin, dir, fix string
}

// govsim runs the binary in the case's directory and returns its exit
// status and output; it fails the case if the command outlives limit.
func (h *harness) govsim(limit time.Duration, env []string, args ...string) (int, string, string) {
	h.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	c := exec.CommandContext(ctx, h.bin, args...)
	c.Dir = h.dir
	c.Env = append(append(os.Environ(), "SLURM_ARRAY_TASK_ID=", "JOB_COMPLETION_INDEX=", "GOVSIM_SHARDS="), env...)
	var out, errs bytes.Buffer
	c.Stdout, c.Stderr = &out, &errs
	err := c.Run()
	if ctx.Err() != nil {
		h.Errorf("govsim %s still ran after %s: killed", clipArgs(args), limit)
		return -1, out.String(), errs.String()
	}
	if err != nil && c.ProcessState == nil {
		h.Fatalf("govsim %s: %v", clipArgs(args), err)
	}
	return c.ProcessState.ExitCode(), out.String(), errs.String()
}

// must runs govsim and fails the case unless it exits with code and its
// stderr holds every want.
func (h *harness) must(code int, want []string, args ...string) string {
	h.Helper()
	got, _, errs := h.govsim(2*time.Minute, nil, args...)
	if got != code {
		h.Errorf("govsim %s: exit %d, want %d: %.400s", clipArgs(args), got, code, errs)
	}
	for _, w := range want {
		if !strings.Contains(errs, w) {
			h.Errorf("govsim %s: stderr %.400q lacks %q", clipArgs(args), errs, w)
		}
	}
	return errs
}

// start starts govsim in the case's directory, for a signal.
func (h *harness) start(args ...string) (*exec.Cmd, *bytes.Buffer) {
	h.Helper()
	c := exec.Command(h.bin, args...)
	c.Dir = h.dir
	c.Env = append(os.Environ(), "SLURM_ARRAY_TASK_ID=", "JOB_COMPLETION_INDEX=", "GOVSIM_SHARDS=")
	var errs bytes.Buffer
	c.Stdout, c.Stderr = io.Discard, &errs
	if err := c.Start(); err != nil {
		h.Fatal(err)
	}
	return c, &errs
}

// wait waits for a started govsim, at most limit, and returns its exit
// status and how long it took.
func (h *harness) wait(c *exec.Cmd, limit time.Duration) (int, time.Duration) {
	h.Helper()
	start := time.Now()
	done := make(chan struct{})
	go func() { c.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(limit):
		c.Process.Kill()
		<-done
		h.Errorf("govsim %s still ran %s after the signal: killed", clipArgs(c.Args[1:]), limit)
	}
	return c.ProcessState.ExitCode(), time.Since(start)
}

// copy copies a fixture into the case's directory under name.
func (h *harness) copy(fixture, name string) string {
	h.Helper()
	dst := filepath.Join(h.dir, name)
	if out, err := exec.Command("cp", "-a", filepath.Join(h.fix, fixture), dst).CombinedOutput(); err != nil {
		h.Fatalf("cp: %v: %s", err, out)
	}
	return dst
}

// path is name in the case's directory.
func (h *harness) path(name string) string { return filepath.Join(h.dir, name) }

// write writes a file in the case's directory.
func (h *harness) write(name, text string) string {
	h.Helper()
	p := h.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		h.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		h.Fatal(err)
	}
	return p
}

// read reads a file of the case's directory ("" if there is none).
func (h *harness) read(name string) string {
	b, _ := os.ReadFile(h.path(name))
	return string(b)
}

// sums is treeSums without the lock files, whose notes say who last held
// the directory and are no part of a result.
func (h *harness) sums(name string) map[string]string {
	h.Helper()
	s := treeSums(h.T, h.path(name))
	for k := range s {
		if strings.HasPrefix(filepath.Base(k), ".govsim-lock") {
			delete(s, k)
		}
	}
	return s
}

// besides lists what is beside name in its directory, hidden entries
// too: what a command left there.
func (h *harness) besides(name string) []string {
	ents, _ := os.ReadDir(filepath.Dir(h.path(name)))
	var out []string
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), "."+filepath.Base(name)+".") {
			out = append(out, e.Name())
		}
	}
	return out
}

// scen are the fixtures' scenario files, cut to 6 villages.
func (h *harness) scen() []string {
	return []string{filepath.Join(h.fix, "small-baseline.toml"), filepath.Join(h.fix, "small-zhengjing.toml")}
}

// runArgs is a quick run into out.
func (h *harness) runArgs(out string, extra ...string) []string {
	return append(append([]string{"run", "-months", "12", "-replicates", "2", "-out", out}, extra...), h.scen()...)
}

func clipArgs(args []string) string {
	s := strings.Join(args, " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

// editManifest rewrites the manifest of a run directory through edit (on
// its JSON as a map).
func (h *harness) editManifest(dir string, edit func(m map[string]any)) {
	h.Helper()
	p := filepath.Join(h.path(dir), "manifest.json")
	var m map[string]any
	if err := json.Unmarshal([]byte(h.read(filepath.Join(dir, "manifest.json"))), &m); err != nil {
		h.Fatal(err)
	}
	edit(m)
	b, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		h.Fatal(err)
	}
}

// dropLines removes the lines of a table that match re.
func (h *harness) dropLines(name string, re string) {
	h.Helper()
	r := regexp.MustCompile(re)
	var keep []string
	n := 0
	for _, l := range strings.SplitAfter(h.read(name), "\n") {
		if l != "" && r.MatchString(l) {
			n++
			continue
		}
		keep = append(keep, l)
	}
	if n == 0 {
		h.Fatalf("no line of %s matches %s", name, re)
	}
	h.write(name, strings.Join(keep, ""))
}

// serve starts govsim serve on a free port and returns its URL.
func (h *harness) serve() (string, *exec.Cmd, *bytes.Buffer) {
	h.Helper()
	c := exec.Command(h.bin, "serve", "-addr", "127.0.0.1:0")
	c.Dir = h.dir
	out, err := c.StdoutPipe()
	if err != nil {
		h.Fatal(err)
	}
	var errs bytes.Buffer
	c.Stderr = &errs
	if err := c.Start(); err != nil {
		h.Fatal(err)
	}
	h.Cleanup(func() { c.Process.Kill(); c.Wait() })
	line := make([]byte, 256)
	n, _ := io.ReadAtLeast(out, line, 20)
	m := regexp.MustCompile(`(http://\S+)/`).FindSubmatch(line[:n])
	if m == nil {
		h.Fatalf("serve printed %q", line[:n])
	}
	go io.Copy(io.Discard, out)
	return string(m[1]), c, &errs
}

// hostileCases is the table. Each case says what a user did and what
// govsim must do.
func hostileCases() []hostileCase {
	return []hostileCase{
		// 1. Links followed where they must not be.
		{1, "links", "a link planted as the lock file is refused, its target untouched", func(h *harness) {
			target := h.write("victim.txt", "precious\n")
			os.Mkdir(h.path("S"), 0o755)
			if err := os.Symlink(target, h.path("S/.govsim-lock")); err != nil {
				h.Skip(err)
			}
			h.must(2, []string{".govsim-lock", "symbolic link"}, h.runArgs("S")...)
			if got := h.read("victim.txt"); got != "precious\n" {
				h.Errorf("the link's target now holds %q", got)
			}
		}},
		{1, "links", "a link planted as a shard's lock file is refused, its target untouched", func(h *harness) {
			target := h.write("victim.txt", "precious\n")
			h.copy("sweep.toml", "s.toml")
			os.Mkdir(h.path("S"), 0o755)
			if err := os.Symlink(target, h.path("S/.govsim-lock-shard-0-of-2")); err != nil {
				h.Skip(err)
			}
			h.must(2, []string{"symbolic link"}, "sweep", filepath.Join(h.fix, "sweep.toml"), "-shard", "0/2", "-out", "S")
			if got := h.read("victim.txt"); got != "precious\n" {
				h.Errorf("the link's target now holds %q", got)
			}
		}},
		{1, "links", "rerun -force -out a link to the original is refused, the original untouched", func(h *harness) {
			h.copy("cmp", "K")
			before := h.sums("K")
			if err := os.Symlink("K", h.path("KL")); err != nil {
				h.Skip(err)
			}
			h.must(2, []string{"KL"}, "rerun", "-force", "-out", "KL", "K")
			sameTree(h.T, "the original", before, h.sums("K"))
		}},
		{1, "links", "a sweep's parts/ made a link is refused, its target untouched", func(h *harness) {
			sw := filepath.Join(h.fix, "sweep.toml")
			h.must(0, nil, "sweep", sw, "-shard", "0/2", "-out", "S")
			if err := os.Rename(h.path("S/parts"), h.path("elsewhere")); err != nil {
				h.Fatal(err)
			}
			if err := os.Symlink(h.path("elsewhere"), h.path("S/parts")); err != nil {
				h.Skip(err)
			}
			before := h.sums("elsewhere")
			h.must(2, []string{"parts", "symbolic link"}, "sweep", sw, "-shard", "1/2", "-out", "S")
			sameTree(h.T, "the link's target", before, h.sums("elsewhere"))
		}},
		{1, "links", "a marker that is a link makes a directory no one's: -force refused, the user's file kept", func(h *harness) {
			h.copy("run", "R")
			os.Mkdir(h.path("U"), 0o755)
			h.write("U/thesis.txt", "mine\n")
			if err := os.Symlink(h.path("R/.govsim-dir"), h.path("U/.govsim-dir")); err != nil {
				h.Skip(err)
			}
			h.must(2, []string{"thesis.txt"}, h.runArgs("U", "-force")...)
			if h.read("U/thesis.txt") != "mine\n" {
				h.Error("thesis.txt was deleted")
			}
		}},

		// 2. Directories govsim did not make, replaced.
		{2, "files", "a directory with an empty sweep.json and a thesis is not govsim's, even with -force", func(h *harness) {
			h.write("D/sweep.json", "{}\n")
			h.write("D/thesis.txt", "mine\n")
			h.must(2, []string{"thesis.txt"}, h.runArgs("D", "-force")...)
			if h.read("D/thesis.txt") != "mine\n" {
				h.Error("thesis.txt was deleted")
			}
		}},
		{2, "files", "a result inside another is refused: it would be lost when the outer one is replaced", func(h *harness) {
			h.must(0, nil, h.runArgs("A")...)
			if code, _, _ := h.govsim(time.Minute, nil, h.runArgs("A/B", "-seed", "2")...); code == 0 {
				h.must(0, nil, h.runArgs("A")...)
				if _, err := os.Stat(h.path("A/B/manifest.json")); err != nil {
					h.Error("-out A/B was accepted, and lost when A was written again")
				}
				return
			}
			if _, err := os.Stat(h.path("A/B")); err == nil {
				h.Error("a refused -out A/B was made")
			}
		}},
		{2, "files", "rerun into a directory inside its original is refused", func(h *harness) {
			h.copy("run", "src")
			before := h.sums("src")
			h.must(2, []string{"inside"}, "rerun", "-out", "src/again", "src")
			sameTree(h.T, "the original", before, h.sums("src"))
		}},
		{2, "files", "a user's file named like a temporary file makes -out not empty, and is kept", func(h *harness) {
			h.write("E/.x.tmp-1", "mine\n")
			h.must(2, []string{".x.tmp-1"}, h.runArgs("E")...)
			if h.read("E/.x.tmp-1") != "mine\n" {
				h.Error(".x.tmp-1 was deleted")
			}
		}},
		{2, "files", "a user's directory named like a set-aside result is not renamed into place", func(h *harness) {
			h.write(".out.govsim-old-x/notes.txt", "mine\n")
			h.must(0, nil, h.runArgs("out")...)
			if h.read(".out.govsim-old-x/notes.txt") != "mine\n" {
				h.Error("the user's directory was moved")
			}
			if _, err := os.Stat(h.path("out/notes.txt")); err == nil {
				h.Error("the user's directory became -out")
			}
		}},
		{2, "files", "the same command again refuses to delete a file the user put in the result", func(h *harness) {
			h.must(0, nil, h.runArgs("R")...)
			h.write("R/notes.txt", "mine\n")
			h.must(2, []string{"notes.txt", "-force"}, h.runArgs("R")...)
			if h.read("R/notes.txt") != "mine\n" {
				h.Error("notes.txt was deleted")
			}
		}},

		// 3. Ctrl-C and faults keep the old result, everywhere.
		{3, "signals", "sweep -force over a finished sweep, interrupted, keeps the finished sweep", func(h *harness) {
			h.copy("sweep", "S")
			before := h.sums("S")
			c, errs := h.start("sweep", filepath.Join(h.fix, "slow.toml"), "-force", "-workers", "1", "-out", "S")
			time.Sleep(600 * time.Millisecond)
			c.Process.Signal(os.Interrupt)
			if code, _ := h.wait(c, 10*time.Second); code != 130 {
				h.Errorf("exit %d, want 130: %s", code, errs)
			}
			sameTree(h.T, "the finished sweep", before, h.sums("S"))
			if b := h.besides("S"); len(b) > 0 {
				h.Errorf("left beside it: %v", b)
			}
		}},
		{3, "signals", "rerun -force onto a comparison, interrupted, keeps the comparison", func(h *harness) {
			h.copy("cmp", "C")
			before := h.sums("C")
			c, errs := h.start("rerun", "-force", "-workers", "1", "-out", "C", filepath.Join(h.fix, "slow"))
			time.Sleep(600 * time.Millisecond)
			c.Process.Signal(os.Interrupt)
			if code, _ := h.wait(c, 10*time.Second); code != 130 {
				h.Errorf("exit %d, want 130: %s", code, errs)
			}
			sameTree(h.T, "the comparison", before, h.sums("C"))
		}},
		{3, "signals", "report killed half-way leaves the old report whole, and nothing after the next", func(h *harness) {
			h.copy("cmp", "C")
			before := h.sums("C")
			c, _ := h.start("report", "-window", "12", "-font", "none", "C")
			time.Sleep(150 * time.Millisecond)
			c.Process.Signal(syscall.SIGKILL)
			h.wait(c, 10*time.Second)
			sameTree(h.T, "the comparison after a killed report", before, h.sums("C"))
			h.must(0, nil, "report", "-window", "12", "-font", "none", "C")
			if b := h.besides("C"); len(b) > 0 {
				h.Errorf("left beside it after the next report: %v", b)
			}
			tmp, _ := filepath.Glob(h.path("C/charts/.*"))
			if len(tmp) > 0 {
				h.Errorf("temporary files in charts/: %v", tmp)
			}
		}},
		{3, "signals", "Ctrl-C during report exits 130 and keeps the old report", func(h *harness) {
			h.copy("cmp", "C")
			before := h.sums("C")
			c, errs := h.start("report", "-window", "12", "-font", "none", "C")
			time.Sleep(50 * time.Millisecond)
			c.Process.Signal(os.Interrupt)
			if code, _ := h.wait(c, 10*time.Second); code != 130 {
				h.Errorf("exit %d after Ctrl-C, want 130: %s", code, errs)
			}
			sameTree(h.T, "the comparison", before, h.sums("C"))
		}},
		{3, "files", "analyze -metrics X after -metrics Y leaves none of Y's charts", func(h *harness) {
			h.copy("slow", "S")
			h.must(0, nil, "analyze", "-font", "none", "-bootstrap", "20", "-metrics", "composite_index", "S")
			h.must(0, nil, "analyze", "-font", "none", "-bootstrap", "20", "-metrics", "disputes_opened_per_1000", "S")
			charts, _ := filepath.Glob(h.path("S/charts/*composite_index*"))
			if len(charts) > 0 {
				h.Errorf("charts of the earlier analysis are left: %v", charts)
			}
		}},
		{3, "disks", "report on a full disk fails and leaves the old report and summary", func(h *harness) {
			disk := h.path("disk")
			os.Mkdir(disk, 0o755)
			// Room for the comparison and a little more: a new summary
			// fits, the new charts do not.
			size := dirBytes(h.T, filepath.Join(h.fix, "cmp")) + 32<<10
			if out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%d", size), "tmpfs", disk).CombinedOutput(); err != nil {
				h.Skipf("cannot mount a small tmpfs (needs root): %v %s", err, out)
			}
			defer exec.Command("umount", disk).Run()
			h.copy("cmp", "disk/C")
			before := h.sums("disk/C")
			// Another window: a summary that differs from the old.
			code, _, errs := h.govsim(time.Minute, nil, "report", "-window", "6", "-font", "none", "disk/C")
			if code != 1 {
				h.Errorf("exit %d on a full disk, want 1: %.300s", code, errs)
			}
			sameTree(h.T, "the comparison on a full disk", before, h.sums("disk/C"))
		}},

		{3, "disks", "report on a read-only disk is refused as bad input, nothing changed", func(h *harness) {
			disk := h.path("disk")
			os.Mkdir(disk, 0o755)
			if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk).CombinedOutput(); err != nil {
				h.Skipf("cannot mount a tmpfs (needs root): %v %s", err, out)
			}
			defer exec.Command("umount", disk).Run()
			h.copy("cmp", "disk/C")
			before := h.sums("disk/C")
			if out, err := exec.Command("mount", "-o", "remount,ro", disk).CombinedOutput(); err != nil {
				h.Skipf("cannot make it read-only: %v %s", err, out)
			}
			h.must(2, []string{"read-only"}, "report", "-window", "6", "-font", "none", "disk/C")
			h.must(2, []string{"read-only"}, h.runArgs("disk/new")...)
			sameTree(h.T, "the comparison on a read-only disk", before, h.sums("disk/C"))
		}},

		// 4. Inputs silently incomplete, or not what the manifest says.
		{4, "files", "a month's rows deleted from a run's table are refused", func(h *harness) {
			h.copy("run", "R")
			h.dropLines("R/monthly.csv", `^baseline,1,1,5,`)
			h.must(2, []string{"monthly.csv"}, "report", "-window", "12", "-font", "none", "R")
		}},
		{4, "files", "one metric's row deleted is refused", func(h *harness) {
			h.copy("run", "R")
			h.dropLines("R/monthly.csv", `^baseline,0,1,3,composite_index,`)
			h.must(2, []string{"rows"}, "report", "-window", "12", "-font", "none", "R")
		}},
		{4, "files", "one village's rows deleted are refused", func(h *harness) {
			h.copy("run", "R")
			h.dropLines("R/villages.csv", `^baseline,0,1,11,2,`)
			h.must(2, []string{"villages.csv"}, "report", "-window", "12", "-font", "none", "R")
		}},
		{4, "files", "a rerun of a run whose tables were deleted fails, not 'not compared'", func(h *harness) {
			h.copy("run", "R")
			os.Remove(h.path("R/monthly.csv"))
			code, out, errs := h.govsim(time.Minute, nil, "rerun", "-out", "again", "R")
			if code == 0 || strings.Contains(out, "not compared") {
				h.Errorf("exit %d: %s%s", code, out, errs)
			}
		}},
		{4, "files", "a manifest without its checksum is refused", func(h *harness) {
			h.copy("run", "R")
			h.editManifest("R", func(m map[string]any) { delete(m, "checksum") })
			h.must(2, []string{"checksum"}, "report", "-window", "12", "-font", "none", "R")
			h.must(2, []string{"checksum"}, "rerun", "-out", "again", "R")
		}},
		{4, "files", "a format naming another file is refused, and nothing of it printed", func(h *harness) {
			h.copy("run", "R")
			h.editManifest("R", func(m map[string]any) { delete(m, "checksum"); m["format"] = "/../../../../etc/passwd" })
			for _, args := range [][]string{{"report", "-font", "none", "R"}, {"rerun", "-out", "again", "R"}} {
				code, out, errs := h.govsim(time.Minute, nil, args...)
				if code != 2 || strings.Contains(out+errs, "root:") {
					h.Errorf("govsim %s: exit %d: %.300s", clipArgs(args), code, out+errs)
				}
			}
		}},
		{4, "files", "an edited village_csv in a manifest is refused", func(h *harness) {
			h.copy("run", "R")
			h.editManifest("R", func(m map[string]any) {
				delete(m, "checksum")
				sc := m["scenarios"].([]any)[0].(map[string]any)
				sc["config_toml"] = strings.Replace(sc["config_toml"].(string), `village_csv = ""`, `village_csv = "/etc/passwd"`, 1)
			})
			code, out, errs := h.govsim(time.Minute, nil, "rerun", "-out", "again", "R")
			if code != 2 || strings.Contains(out+errs, "root:") {
				h.Errorf("exit %d: %.300s", code, out+errs)
			}
		}},
		{4, "files", "a village CSV changed since the run is refused by rerun", func(h *harness) {
			csv := h.write("villages.csv", "id,distance,farmland,population,migrants,assets\n0,0.2,100,1000,200,1e6\n1,0.5,200,1500,100,2e6\n2,0.8,300,800,50,5e5\n")
			sc := h.write("v.toml", fmt.Sprintf("extends = \"baseline\"\nname = \"v\"\n[district]\nvillage_csv = %q\n", csv))
			h.must(0, nil, "run", "-months", "12", "-replicates", "1", "-out", "R", sc)
			h.write("villages.csv", strings.Replace(h.read("villages.csv"), "1000", "1001", 1))
			h.must(2, []string{"changed since the manifest"}, "rerun", "-out", "again", "R")
		}},

		// 5. Resources the estimate did not see.
		{5, "files", "migrant growth is in the memory estimate: a run that would outgrow the limit is refused at once", func(h *harness) {
			code, _, errs := h.govsim(20*time.Second, []string{"GOVSIM_MEMORY=200MB"},
				"run", "-replicates", "1", "-workers", "1", "-set", "migration.growth=0.5", "-set", "migration.growth_years=20", "-out", "R", "baseline")
			if code != 2 || !strings.Contains(errs, "memory") {
				h.Errorf("exit %d: %.300s", code, errs)
			}
		}},
		{5, "files", "a manifest listing more runs than allowed is refused in seconds", func(h *harness) {
			h.copy("run", "R")
			h.editManifest("R", func(m map[string]any) {
				run := m["runs"].([]any)[0]
				runs := make([]any, table.MaxManifestRuns+1)
				for i := range runs {
					runs[i] = run
				}
				m["runs"], m["runs_done"] = runs, len(runs)
			})
			start := time.Now()
			h.must(2, []string{"more than"}, "report", "-font", "none", "R")
			if d := time.Since(start); d > 10*time.Second {
				h.Errorf("refused after %s", d)
			}
		}},
		{5, "files", "a marker grown past a megabyte leaves the directory usable, and stops growing", func(h *harness) {
			h.copy("cmp", "C")
			var m map[string]any
			json.Unmarshal([]byte(h.read("C/.govsim-dir")), &m)
			var analyses []any
			for i := 0; i < 2000; i++ {
				analyses = append(analyses, []string{"govsim", "report", strings.Repeat("x", 1000)})
			}
			m["analyses"] = analyses
			b, _ := json.Marshal(m)
			h.write("C/.govsim-dir", string(b))
			h.must(0, nil, "report", "-window", "12", "-font", "none", "C")
			if n := len(h.read("C/.govsim-dir")); n > 64<<10 {
				h.Errorf("the marker is %d bytes after a report", n)
			}
			h.must(0, nil, h.runArgs("C", "-force")...)
		}},
		{5, "http", "a classroom pane whose migrants would outgrow teaching scale is refused", func(h *harness) {
			url, _, _ := h.serve()
			body := `{"seed": 1, "panes": [{"scenario": "baseline", "params": {"migration.growth": 0.5}}, {"scenario": "baseline"}]}`
			resp, err := http.Post(url+"/api/sessions", "application/json", strings.NewReader(body))
			if err != nil {
				h.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(b), "agents") {
				h.Errorf("status %d: %s", resp.StatusCode, b)
			}
		}},

		// 6. Hangs.
		{6, "files", "-font naming a named pipe is refused at once", func(h *harness) {
			h.copy("cmp", "C")
			if err := syscall.Mkfifo(h.path("font.ttf"), 0o644); err != nil {
				h.Skip(err)
			}
			for _, args := range [][]string{{"report", "-font", "font.ttf", "C"}, {"analyze", "-font", "font.ttf", "C"}, append([]string{"compare", "-font", "font.ttf", "-out", "X"}, h.scen()...)} {
				code, _, errs := h.govsim(10*time.Second, nil, args...)
				if code != 2 {
					h.Errorf("govsim %s: exit %d: %.300s", clipArgs(args), code, errs)
				}
			}
		}},
		{6, "http", "a request body sent a byte at a time is cut off", func(h *harness) {
			url, _, _ := h.serve()
			conn, err := net.Dial("tcp", strings.TrimPrefix(url, "http://"))
			if err != nil {
				h.Fatal(err)
			}
			defer conn.Close()
			fmt.Fprintf(conn, "POST /api/sessions HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n", strings.TrimPrefix(url, "http://"))
			start := time.Now()
			closed := make(chan time.Duration, 1)
			go func() {
				io.Copy(io.Discard, conn)
				closed <- time.Since(start)
			}()
			for {
				select {
				case d := <-closed:
					if d > 15*time.Second {
						h.Errorf("held for %s", d)
					}
					return
				case <-time.After(2 * time.Second):
				}
				if time.Since(start) > 30*time.Second {
					h.Error("a slow body still holds the connection after 30 s")
					return
				}
				conn.Write([]byte(" "))
			}
		}},

		// 7. Exit statuses and messages.
		{7, "files", "an -out inside a file is bad input, with a sentence", func(h *harness) {
			h.write("F", "x")
			h.must(2, []string{"-out F/sub", "a file, not a directory"}, h.runArgs("F/sub")...)
		}},
		{7, "links", "an -out that is a dangling link is bad input", func(h *harness) {
			if err := os.Symlink(h.path("nowhere/deeper"), h.path("L")); err != nil {
				h.Skip(err)
			}
			os.WriteFile(h.path("nowhere"), []byte("x"), 0o644)
			h.must(2, []string{"-out L"}, h.runArgs("L")...)
		}},
		{7, "links", "an -out in a loop of links is bad input", func(h *harness) {
			os.Symlink("L2", h.path("L1"))
			if err := os.Symlink("L1", h.path("L2")); err != nil {
				h.Skip(err)
			}
			h.must(2, []string{"loop"}, h.runArgs("L1/sub")...)
		}},
		{7, "files", "an -out with an over-long name is bad input", func(h *harness) {
			h.must(2, []string{"too long"}, h.runArgs(strings.Repeat("n", 300))...)
		}},
		{7, "signals", "SIGQUIT to govsim is a failure, not bad input", func(h *harness) {
			c, errs := h.start("sweep", filepath.Join(h.fix, "big.toml"), "-dry-run")
			time.Sleep(time.Second)
			c.Process.Signal(syscall.SIGQUIT)
			if code, _ := h.wait(c, 30*time.Second); code != 1 {
				h.Errorf("exit %d after SIGQUIT, want 1: %.300s", code, errs)
			}
		}},
		{7, "signals", "serve exits 130 on SIGINT and on SIGTERM", func(h *harness) {
			for _, s := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
				_, c, errs := h.serve()
				c.Process.Signal(s)
				if code, _ := h.wait(c, 10*time.Second); code != 130 {
					h.Errorf("exit %d after %v, want 130: %s", code, s, errs)
				}
			}
		}},
		{7, "signals", "Ctrl-C ends govsim within 5 s, whatever it is doing", func(h *harness) {
			c, errs := h.start("sweep", filepath.Join(h.fix, "big.toml"), "-dry-run")
			time.Sleep(500 * time.Millisecond)
			c.Process.Signal(os.Interrupt)
			code, took := h.wait(c, 20*time.Second)
			if code != 130 || took >= 5*time.Second {
				h.Errorf("exit %d after %s, want 130 within 5 s: %.200s", code, took, errs)
			}
		}},
		{7, "files", "a 100 KB -set key is not echoed whole", func(h *harness) {
			errs := h.must(2, nil, "run", "-set", strings.Repeat("k", 100<<10)+"=1", "-out", "R", "baseline")
			if len(errs) > 1000 {
				h.Errorf("a message of %d bytes", len(errs))
			}
		}},
		{7, "files", "-months 010 is ten months, not octal eight", func(h *harness) {
			h.must(0, nil, append([]string{"run", "-months", "010", "-replicates", "1", "-out", "R"}, h.scen()[0])...)
			if !strings.Contains(h.read("R/monthly.csv"), ",9,composite_index,") {
				h.Error("month 9 is missing: the months were not read as 10")
			}
		}},
		{7, "files", "a points CSV with a byte-order mark is read, as a village CSV is", func(h *harness) {
			h.write("p.csv", "\ufeffeconomy.lambda0\n0.3\n0.4\n")
			h.write("s.toml", "name = \"p\"\nscenarios = [\"baseline\"]\ndesign = \"csv\"\npoints = \"p.csv\"\nreplicates = 1\nmonths = 12\n\n[[factor]]\nkey = \"economy.lambda0\"\nmin = 0.1\nmax = 0.9\n")
			h.must(0, nil, "sweep", "s.toml", "-dry-run")
		}},
		{7, "files", "reforms[0].separations can be set in every list syntax", func(h *harness) {
			for _, v := range []string{`["finance","assets"]`, `[finance, assets]`, `finance,assets`} {
				h.must(0, nil, "run", "-months", "1", "-replicates", "1", "-force", "-out", "R", "-set", "reforms[0].separations="+v, "zhengjing")
			}
		}},
		{7, "http", "an overlong UTF-8 path under /static/ is not found, not a server error", func(h *harness) {
			url, _, _ := h.serve()
			resp, err := http.Get(url + "/static/%C0%AF")
			if err != nil {
				h.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusNotFound {
				h.Errorf("status %d", resp.StatusCode)
			}
		}},
	}
}

// dirBytes is the room the files below dir take on a tmpfs, in pages of
// 4 KiB.
func dirBytes(t *testing.T, dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n += (info.Size() + 4095) / 4096 * 4096
		}
		return nil
	})
	return n
}

// TestHostile runs the hostile suite against the govsim binary.
func TestHostile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	if raceOn {
		t.Skip("race pass: the attacks run the govsim binary in processes of their own, which the race detector does not see")
	}
	noShardEnv(t)
	root := t.TempDir()
	bin := os.Getenv("GOVSIM_HOSTILE_BIN")
	if bin == "" {
		bin = filepath.Join(root, "govsim")
		if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			t.Fatalf("go build: %v\n%s", err, out)
		}
	}
	fix := filepath.Join(root, "fix")
	f := &harness{T: t, bin: bin, dir: fix, fix: fix}
	os.Mkdir(fix, 0o755)
	fastSweep(t, filepath.Join(fix, "sweep.toml"), smallSweep)
	f.write("big.toml", strings.Replace(smallSweep, "samples = 3", "samples = 1000000", 1))
	f.must(0, nil, f.runArgs("run")...)
	f.must(0, nil, append([]string{"compare", "-months", "12", "-window", "12", "-replicates", "2", "-font", "none", "-out", "cmp"}, f.scen()...)...)
	f.must(0, nil, "sweep", "sweep.toml", "-out", "sweep")
	// A sweep of the same factors, another seed, 12 points and 240
	// months: slow enough to interrupt on one worker, large enough to
	// analyse.
	slow := strings.NewReplacer("months = 12", "months = 240", "seed = 3", "seed = 4", "samples = 3", "samples = 12", "replicates = 2", "replicates = 4")
	f.write("slow.toml", slow.Replace(f.read("sweep.toml")))
	f.must(0, nil, "sweep", "slow.toml", "-out", "slow")
	for _, c := range hostileCases() {
		t.Run(fmt.Sprintf("%d-%s/%s", c.class, c.kind, c.name), func(t *testing.T) {
			dir := filepath.Join(root, "case")
			os.RemoveAll(dir)
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			c.try(&harness{T: t, bin: bin, dir: dir, fix: fix})
		})
	}
}
