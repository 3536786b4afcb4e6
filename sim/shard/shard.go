package shard

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/govsim/govsim/sim/badinput"
)

// Shard is the share of an experiment one process runs: the runs whose id
// % Count == Index. The zero value, like Count 1, is the whole experiment.
type Shard struct {
	Index int    `json:"index"`
	Count int    `json:"count"`
	From  string `json:"from,omitempty"` // "-shard", "SLURM_ARRAY_TASK_ID", ...
}

// Mine says whether run id belongs to the shard.
func (s Shard) Mine(id int) bool { return s.Count <= 1 || id%s.Count == s.Index }

// Runs counts the shard's runs among n.
func (s Shard) Runs(n int) int {
	if s.Count <= 1 {
		return n
	}
	r := n / s.Count
	if s.Index < n%s.Count {
		r++
	}
	return r
}

// MaxCount bounds the shard count.
const MaxCount = 100000

// inputf is a shard that cannot be: bad input from the command line or
// the environment.
func inputf(format string, a ...any) error { return badinput.Errorf(format, a...) }

// Resolve reads the shard from -shard, or from a Slurm job array or a
// Kubernetes Indexed Job; with none of them the sweep runs whole. The
// shard count, when given (-shards or GOVSIM_SHARDS), makes the array task
// id the shard index as it is, so that resubmitting some tasks of an array
// (--array=5,17) runs exactly those shards. A shard that cannot be is a
// [badinput.Error].
func Resolve(flagSpec string, count int, countSet bool, getenv func(string) string) (Shard, error) {
	if flagSpec != "" {
		i, n, ok := parseFlag(flagSpec)
		if !ok {
			return Shard{}, inputf("-shard %q: want I/N with 0 <= I < N <= 100000, such as -shard 0/4", flagSpec)
		}
		return Shard{Index: i, Count: n, From: "-shard"}, nil
	}
	countFrom := "-shards"
	if !countSet {
		if s := getenv("GOVSIM_SHARDS"); s != "" {
			n, err := readCount("GOVSIM_SHARDS", s)
			if err != nil {
				return Shard{}, err
			}
			count, countSet, countFrom = n, true, "GOVSIM_SHARDS"
		}
	}
	indexed := func(name string) (Shard, error) {
		i, err := envInt(name, getenv(name))
		if err != nil {
			return Shard{}, err
		}
		if i >= count {
			return Shard{}, inputf("%s = %d is out of range for %d shards (%s): allowed 0 to %d", name, i, count, countFrom, count-1)
		}
		return Shard{Index: i, Count: count, From: name}, nil
	}
	switch {
	case getenv("SLURM_ARRAY_TASK_ID") != "" && countSet:
		return indexed("SLURM_ARRAY_TASK_ID")
	case getenv("SLURM_ARRAY_TASK_ID") != "":
		return slurm(getenv)
	case getenv("JOB_COMPLETION_INDEX") != "" && countSet:
		return indexed("JOB_COMPLETION_INDEX")
	case getenv("JOB_COMPLETION_INDEX") != "":
		return Shard{}, inputf("JOB_COMPLETION_INDEX = %s is set but not the number of shards: give -shards N or GOVSIM_SHARDS = N (the Job's completions), or -shard I/N", getenv("JOB_COMPLETION_INDEX"))
	case countSet:
		given := fmt.Sprintf("-shards %d", count)
		if countFrom != "-shards" {
			given = fmt.Sprintf("%s = %d", countFrom, count)
		}
		return Shard{}, inputf("%s: no shard index (neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set): a shard count needs one; use -shard I/N, or drop the count to run the whole sweep", given)
	}
	for _, k := range []string{"SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN", "SLURM_ARRAY_TASK_MAX", "SLURM_ARRAY_TASK_STEP"} {
		if v := getenv(k); v != "" {
			return Shard{}, inputf("%s = %s is set without SLURM_ARRAY_TASK_ID: not a Slurm array task; use -shard I/N, or unset it to run the whole sweep", k, v)
		}
	}
	return Shard{Index: 0, Count: 1}, nil
}

func parseFlag(s string) (int, int, bool) {
	a, b, ok := strings.Cut(s, "/")
	if !ok {
		return 0, 0, false
	}
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || n < 1 || n > MaxCount || i < 0 || i >= n {
		return 0, 0, false
	}
	return i, n, true
}

// readCount reads a count of tasks or shards from the environment: 1 to
// MaxCount, as -shard allows.
func readCount(name, v string) (int, error) {
	n, err := envInt(name, v)
	if err != nil || n < 1 || n > MaxCount {
		return 0, inputf("%s = %q: want a number of shards from 1 to %d", name, v, MaxCount)
	}
	return n, nil
}

func envInt(name, v string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0, inputf("%s = %q is not a non-negative integer", name, v)
	}
	return n, nil
}

// slurm maps a Slurm array task to a shard by its position in the
// array: an array 0-3 or 1-4 (any step) gives shards 0/4 to 3/4. An array
// with gaps (--array=0,3,7), or of one task other than 0 (--array=5), is
// a resubmission of some shards whose count the environment cannot tell:
// it is refused, pointing to -shards N.
func slurm(getenv func(string) string) (Shard, error) {
	id, err := envInt("SLURM_ARRAY_TASK_ID", getenv("SLURM_ARRAY_TASK_ID"))
	if err != nil {
		return Shard{}, err
	}
	from := "SLURM_ARRAY_TASK_ID"
	minS, maxS, countS := getenv("SLURM_ARRAY_TASK_MIN"), getenv("SLURM_ARRAY_TASK_MAX"), getenv("SLURM_ARRAY_TASK_COUNT")
	if minS != "" && maxS != "" {
		lo, err := envInt("SLURM_ARRAY_TASK_MIN", minS)
		if err != nil {
			return Shard{}, err
		}
		hi, err := envInt("SLURM_ARRAY_TASK_MAX", maxS)
		if err != nil {
			return Shard{}, err
		}
		step := 1
		if s := getenv("SLURM_ARRAY_TASK_STEP"); s != "" {
			if step, err = envInt("SLURM_ARRAY_TASK_STEP", s); err != nil || step < 1 {
				return Shard{}, inputf("SLURM_ARRAY_TASK_STEP = %q is not a positive integer", s)
			}
		}
		if hi < lo || id < lo || id > hi || (id-lo)%step != 0 {
			return Shard{}, inputf("SLURM_ARRAY_TASK_ID = %d is out of range: the array is %d-%d:%d", id, lo, hi, step)
		}
		n := (hi-lo)/step + 1
		if n > MaxCount {
			return Shard{}, inputf("the array %d-%d:%d has %d tasks, more than the %d shards allowed", lo, hi, step, n, MaxCount)
		}
		if n == 1 && lo > 0 {
			return Shard{}, inputf("SLURM_ARRAY_TASK_ID = %d is the only task of its array: to run one shard of a larger array give the shard count, -shards N (or GOVSIM_SHARDS), or -shard %d/N", id, id)
		}
		if countS != "" {
			c, err := readCount("SLURM_ARRAY_TASK_COUNT", countS)
			if err != nil {
				return Shard{}, err
			}
			if c != n {
				return Shard{}, inputf("SLURM_ARRAY_TASK_COUNT = %d but the array %d-%d:%d spans %d tasks: an array with gaps cannot be mapped to shards by position; give the shard count with -shards N (or GOVSIM_SHARDS) so that the task id is the shard", c, lo, hi, step, n)
			}
		}
		return Shard{Index: (id - lo) / step, Count: n, From: from}, nil
	}
	if countS == "" {
		return Shard{}, inputf("SLURM_ARRAY_TASK_ID = %d is set without SLURM_ARRAY_TASK_COUNT or SLURM_ARRAY_TASK_MIN and _MAX; use -shard I/N", id)
	}
	n, err := readCount("SLURM_ARRAY_TASK_COUNT", countS)
	if err != nil {
		return Shard{}, err
	}
	if id >= n {
		return Shard{}, inputf("SLURM_ARRAY_TASK_ID = %d is out of range for SLURM_ARRAY_TASK_COUNT = %d: allowed 0 to %d", id, n, n-1)
	}
	return Shard{Index: id, Count: n, From: from}, nil
}
