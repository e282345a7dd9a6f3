package pipeline

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/m365ready/m365ready/internal/tenant"
)

// MaxSnapshotBytes bounds what LoadSnapshot reads: a file of at most this
// many bytes is read (a 300,000-person tenant is about 1 GB).
var MaxSnapshotBytes int64 = 2 << 30

// SnapshotError is a snapshot file that cannot be read: missing, too large
// or not a snapshot. The user fixes it by naming another file.
type SnapshotError struct {
	Path string
	Err  error
}

func (e *SnapshotError) Error() string { return e.Err.Error() }
func (e *SnapshotError) Unwrap() error { return e.Err }

// LoadSnapshot reads a snapshot saved by collect.
func LoadSnapshot(path string) (*tenant.Snapshot, error) {
	fail := func(format string, args ...any) error {
		return &SnapshotError{Path: path, Err: fmt.Errorf(format, args...)}
	}
	fh, err := os.Open(path)
	if err != nil {
		return nil, fail("cannot open snapshot: %w", err)
	}
	defer fh.Close()
	tooLarge := func(size string) error {
		return fail("snapshot %s is %s, more than the %d bytes this build reads", path, size, MaxSnapshotBytes)
	}
	// The size first, before a byte is read; a pipe or device has none, so
	// the reader also stops one byte past the limit.
	if st, err := fh.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > MaxSnapshotBytes {
		return nil, tooLarge(fmt.Sprintf("%d bytes", st.Size()))
	}
	guard := &sizeGuard{r: fh, left: MaxSnapshotBytes}
	snap, err := tenant.Load(guard)
	if guard.over {
		return nil, tooLarge("longer")
	}
	if err != nil {
		return nil, fail("snapshot %s: %w", path, err)
	}
	return snap, nil
}

// sizeGuard reads at most left bytes and notes any attempt to read past.
type sizeGuard struct {
	r    io.Reader
	left int64
	over bool
}

var errTooLarge = errors.New("snapshot too large")

func (g *sizeGuard) Read(p []byte) (int, error) {
	if g.left <= 0 {
		// One more byte tells a file of exactly the limit from a longer one.
		var one [1]byte
		if n, _ := g.r.Read(one[:]); n > 0 {
			g.over = true
			return 0, errTooLarge
		}
		return 0, io.EOF
	}
	if int64(len(p)) > g.left {
		p = p[:g.left]
	}
	n, err := g.r.Read(p)
	g.left -= int64(n)
	return n, err
}
