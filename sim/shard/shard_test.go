package shard

import (
	"strings"
	"testing"
)

func TestResolve(t *testing.T) {
	env := func(kv ...string) func(string) string {
		m := map[string]string{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return func(k string) string { return m[k] }
	}
	for _, tc := range []struct {
		flag      string
		count     int
		countSet  bool
		getenv    func(string) string
		want      Shard
		wantError string
	}{
		{"", 0, false, env(), Shard{Index: 0, Count: 1}, ""},
		{"2/4", 0, false, env("SLURM_ARRAY_TASK_ID", "1", "SLURM_ARRAY_TASK_COUNT", "8"), Shard{Index: 2, Count: 4, From: "-shard"}, ""},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_COUNT", "4"), Shard{Index: 3, Count: 4, From: "SLURM_ARRAY_TASK_ID"}, ""},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "4", "SLURM_ARRAY_TASK_MIN", "1", "SLURM_ARRAY_TASK_MAX", "4", "SLURM_ARRAY_TASK_COUNT", "4"), Shard{Index: 3, Count: 4, From: "SLURM_ARRAY_TASK_ID"}, ""},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "6", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "8", "SLURM_ARRAY_TASK_STEP", "2"), Shard{Index: 3, Count: 5, From: "SLURM_ARRAY_TASK_ID"}, ""},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "3", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "7", "SLURM_ARRAY_TASK_COUNT", "3"), Shard{}, "gaps"},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "x", "SLURM_ARRAY_TASK_COUNT", "4"), Shard{}, "not a non-negative integer"},
		{"", 0, false, env("JOB_COMPLETION_INDEX", "2", "GOVSIM_SHARDS", "3"), Shard{Index: 2, Count: 3, From: "JOB_COMPLETION_INDEX"}, ""},
		{"", 5, true, env("JOB_COMPLETION_INDEX", "4", "GOVSIM_SHARDS", "3"), Shard{Index: 4, Count: 5, From: "JOB_COMPLETION_INDEX"}, ""},
		// A resubmission of some tasks of --array=0-31 with the count given.
		{"", 32, true, env("SLURM_ARRAY_TASK_ID", "17", "SLURM_ARRAY_TASK_MIN", "5", "SLURM_ARRAY_TASK_MAX", "17", "SLURM_ARRAY_TASK_COUNT", "2"), Shard{Index: 17, Count: 32, From: "SLURM_ARRAY_TASK_ID"}, ""},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "5", "SLURM_ARRAY_TASK_MAX", "5", "SLURM_ARRAY_TASK_COUNT", "1", "GOVSIM_SHARDS", "32"), Shard{Index: 5, Count: 32, From: "SLURM_ARRAY_TASK_ID"}, ""},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "5", "SLURM_ARRAY_TASK_MIN", "5", "SLURM_ARRAY_TASK_MAX", "5", "SLURM_ARRAY_TASK_COUNT", "1"), Shard{}, "-shards N"},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "0", "SLURM_ARRAY_TASK_COUNT", "1"), Shard{Index: 0, Count: 1, From: "SLURM_ARRAY_TASK_ID"}, ""},
		{"", 4, true, env("SLURM_ARRAY_TASK_ID", "4"), Shard{}, "out of range for 4 shards"},
		// The environment is checked like -shard (issue 9): a count of 0 or
		// above the cap, and a count without an index, are refused.
		{"", 0, false, env("GOVSIM_SHARDS", "4"), Shard{}, "no shard index"},
		{"", 4, true, env(), Shard{}, "no shard index"},
		{"", 0, false, env("SLURM_ARRAY_TASK_COUNT", "4"), Shard{}, "without SLURM_ARRAY_TASK_ID"},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "0"), Shard{}, "SLURM_ARRAY_TASK_COUNT = \"0\": want a number of shards from 1 to 100000"},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "3", "SLURM_ARRAY_TASK_COUNT", "0"), Shard{}, "want a number of shards from 1"},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_COUNT", "100001"), Shard{}, "from 1 to 100000"},
		{"", 0, false, env("SLURM_ARRAY_TASK_ID", "0", "SLURM_ARRAY_TASK_MIN", "0", "SLURM_ARRAY_TASK_MAX", "200000"), Shard{}, "more than the 100000 shards"},
		{"", 0, false, env("GOVSIM_SHARDS", "0", "SLURM_ARRAY_TASK_ID", "0"), Shard{}, "GOVSIM_SHARDS"},
		{"-1/4", 0, false, env(), Shard{}, "-shard"},
		{"1/0", 0, false, env(), Shard{}, "-shard"},
	} {
		got, err := Resolve(tc.flag, tc.count, tc.countSet, tc.getenv)
		switch {
		case tc.wantError != "":
			if err == nil || !strings.Contains(err.Error(), tc.wantError) {
				t.Errorf("%q: error %v, want %q", tc.flag, err, tc.wantError)
			}
		case err != nil || got != tc.want:
			t.Errorf("%q: %+v %v, want %+v", tc.flag, got, err, tc.want)
		}
	}
}

// TestShardsCoverRuns: the shards of a count hold every run exactly once,
// and Runs counts what Mine claims.
func TestShardsCoverRuns(t *testing.T) {
	for _, count := range []int{1, 2, 3, 7} {
		for _, n := range []int{0, 1, 5, 10, 23} {
			seen := make([]int, n)
			for i := 0; i < count; i++ {
				s := Shard{Index: i, Count: count}
				mine := 0
				for id := 0; id < n; id++ {
					if s.Mine(id) {
						seen[id]++
						mine++
					}
				}
				if mine != s.Runs(n) {
					t.Errorf("shard %d/%d of %d runs: Mine claims %d, Runs says %d", i, count, n, mine, s.Runs(n))
				}
			}
			for id, k := range seen {
				if k != 1 {
					t.Errorf("%d shards of %d runs: run %d is in %d shards", count, n, id, k)
				}
			}
		}
	}
	if !(Shard{}).Mine(5) || (Shard{}).Runs(10) != 10 {
		t.Error("the zero Shard is not the whole experiment")
	}
}
