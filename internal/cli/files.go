package cli

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// pendingFile is written in full under a temporary name in its directory,
// and only then renamed into place: a crash, Ctrl-C or a failed sibling
// never leaves half a file, and tenant data is private (mode 0600).
type pendingFile struct {
	tmp, path string
	// device is set for a target that exists and is no regular file (a
	// FIFO, /dev/null, a terminal): renaming over it would replace it, so
	// the output is held in memory and written to it on commit.
	device   []byte
	isDevice bool
}

// ctxWriter stops a long write when the run is interrupted.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// writeTemp writes the content fill produces to a temporary file beside path.
func writeTemp(ctx context.Context, path string, fill func(io.Writer) error) (*pendingFile, error) {
	if st, err := os.Stat(path); err == nil && !st.Mode().IsRegular() {
		if st.IsDir() {
			return nil, fmt.Errorf("%s is a directory: name a file to write", path)
		}
		var buf bytes.Buffer
		if err := fill(ctxWriter{ctx, &buf}); err != nil {
			return nil, wrapWrite(path, err)
		}
		return &pendingFile{path: path, device: buf.Bytes(), isDevice: true}, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	p := &pendingFile{tmp: tmp.Name(), path: path}
	fail := func(e error) (*pendingFile, error) {
		_ = tmp.Close()
		p.discard()
		return nil, e
	}
	if err := tmp.Chmod(0o600); err != nil {
		return fail(fmt.Errorf("chmod %s: %w", p.tmp, err))
	}
	bw := bufio.NewWriterSize(ctxWriter{ctx, tmp}, 1<<20)
	if err := fill(bw); err != nil {
		return fail(wrapWrite(path, err))
	}
	if err := bw.Flush(); err != nil {
		return fail(wrapWrite(path, err))
	}
	if err := tmp.Sync(); err != nil {
		return fail(fmt.Errorf("sync %s: %w", path, err))
	}
	if err := tmp.Close(); err != nil {
		return fail(fmt.Errorf("close %s: %w", path, err))
	}
	return p, nil
}

func wrapWrite(path string, err error) error {
	if errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("write %s: %w", path, err)
}

func (p *pendingFile) commit() error {
	if p.isDevice {
		f, err := os.OpenFile(p.path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("open %s: %w", p.path, err)
		}
		if _, err := f.Write(p.device); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", p.path, err)
		}
		return f.Close()
	}
	if err := os.Rename(p.tmp, p.path); err != nil {
		p.discard()
		return fmt.Errorf("rename to %s: %w", p.path, err)
	}
	return nil
}

func (p *pendingFile) discard() {
	if p.tmp != "" {
		_ = os.Remove(p.tmp)
	}
}

// writeAtomic writes path in full or not at all.
func writeAtomic(ctx context.Context, path string, fill func(io.Writer) error) error {
	p, err := writeTemp(ctx, path, fill)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		p.discard()
		return err
	}
	return p.commit()
}

// checkWritable fails fast, before any sign-in, when path cannot be written:
// its directory is missing or read-only, or path is a directory. flag is
// how the user gave the path ("-o html=").
func checkWritable(flag, path string) error {
	dir := filepath.Dir(path)
	st, err := os.Stat(dir)
	switch {
	case err != nil:
		return usageErrorf("%s%s: the directory %s does not exist; create it or choose another path", flag, path, dir)
	case !st.IsDir():
		return usageErrorf("%s%s: %s is not a directory", flag, path, dir)
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return usageErrorf("%s%s: is a directory; give a file name", flag, path)
	}
	probe, err := os.CreateTemp(dir, ".m365ready-probe-*")
	if err != nil {
		return usageErrorf("%s%s: cannot write in %s (%v)", flag, path, dir, errors.Unwrap(err))
	}
	probe.Close()
	_ = os.Remove(probe.Name())
	return nil
}
