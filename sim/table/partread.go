package table

// ReadPart reads the part of run id into p, reusing buf's memory and p's
// slices; it returns buf for the next call. A missing part is an error
// that wraps fs.ErrNotExist; a damaged one a *PartError naming it.
func (d *SweepDir) ReadPart(id int, buf []byte, p *Part) ([]byte, error) {
	path := d.PartPath(id)
	buf, err := d.readPart(buf, path)
	if err == nil {
		err = DecodePart(buf, d.File.ID, len(d.File.Spec.Metrics), p)
	}
	if err != nil {
		return buf, &PartError{Run: id, Path: path, Err: err}
	}
	if p.Run != id {
		return buf, &PartError{Run: id, Path: path, Err: errBadPart}
	}
	return buf, nil
}
