//go:build !linux

package outdir

// exchange has no atomic form here; replaceDir falls back to two renames.
func exchange(a, b string) (bool, error) { return false, nil }
