//go:build !amd64 || purego

package sim

// haveAVX2 is false where the kernel is not built: opinionGo does all.
func haveAVX2() bool { return false }

func opinionAVX2(k *opinionK, flags, u *uint8, party, resid *uint16, access, sat, trust, griev, integ *float32, n int, sums *opinionSums) {
	panic("sim: the AVX2 opinion kernel is not built on this platform")
}
