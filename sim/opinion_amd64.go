//go:build amd64 && !purego

package sim

import "golang.org/x/sys/cpu"

// haveAVX2 reports whether this processor and its operating system run
// the AVX2 opinion kernel.
func haveAVX2() bool { return cpu.X86.HasAVX2 }

// opinionAVX2 is opinionGo on residents [0, n), n a multiple of eight,
// eight residents at a time (opinion_amd64.s). Every value goes through
// the same IEEE operations in the same order as in opinionGo; the sums add
// lane by lane in resident order.
//
//go:noescape
func opinionAVX2(k *opinionK, flags, u *uint8, party, resid *uint16, access, sat, trust, griev, integ *float32, n int, sums *opinionSums)

// The kernel takes the migrant flag from bit 0 of a resident's flags.
var _ [1]struct{} = [FlagMigrant]struct{}{}
