package experiment

import (
	"bytes"
	"fmt"
	"io"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress shows runs done of the total, their rate and the time left, on
// a terminal as one line rewritten in place, in a log (a batch job's
// stderr) as a line every few seconds. A nil *Progress shows nothing.
type Progress struct {
	bar *progressbar.ProgressBar
}

// NewProgress shows the progress of total runs on w; terminal says
// whether w is a terminal. label names the work ("runs", "sweep lhs").
func NewProgress(w io.Writer, terminal bool, label string, total int) *Progress {
	opts := []progressbar.Option{
		progressbar.OptionSetDescription(label),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("runs"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionShowElapsedTimeOnFinish(),
		progressbar.OptionSetWidth(20),
		progressbar.OptionUseANSICodes(false),
	}
	if terminal {
		opts = append(opts, progressbar.OptionSetWriter(w), progressbar.OptionThrottle(500*time.Millisecond),
			progressbar.OptionOnCompletion(func() { fmt.Fprintln(w) }))
	} else {
		opts = append(opts, progressbar.OptionSetWriter(&lines{w: w}), progressbar.OptionThrottle(5*time.Second))
	}
	return &Progress{bar: progressbar.NewOptions(total, opts...)}
}

// Add counts finished runs.
func (p *Progress) Add(n int) {
	if p != nil {
		p.bar.Add(n)
	}
}

// Finish shows the final line (runs done, rate, elapsed).
func (p *Progress) Finish() {
	if p != nil {
		p.bar.Exit()
	}
}

// lines turns a progress bar's in-place updates ("\r…") into one line each,
// for logs that do not interpret carriage returns.
type lines struct {
	w io.Writer
}

func (l *lines) Write(p []byte) (int, error) {
	for _, seg := range bytes.Split(p, []byte{'\r'}) {
		seg = bytes.TrimRight(seg, " \n")
		if len(seg) == 0 {
			continue
		}
		line := append(append([]byte(nil), seg...), '\n')
		if _, err := l.w.Write(line); err != nil {
			return 0, err
		}
	}
	return len(p), nil
}
