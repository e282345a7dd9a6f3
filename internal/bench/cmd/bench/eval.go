package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/m365ready/m365ready/internal/cli"
	"github.com/m365ready/m365ready/internal/pipeline"
	"github.com/m365ready/m365ready/internal/tenant"
	"github.com/m365ready/m365ready/reports"
)

// evalCPU loads a snapshot, then prints the CPU time (ns) this process spends
// evaluating it and rendering the JSON and HTML reports: the work after
// collection, without reading the file, under the memory limit and with the
// data released as `audit` does.
func evalCPU(path string) {
	debug.SetMemoryLimit(cli.MemoryLimit)
	snap, err := tenant.LoadFile(path)
	check(err)
	runtime.GC()
	before := cpuTime()
	rep := pipeline.Evaluate(snap, pipeline.Options{Source: pipeline.Source{From: path}, ReleaseData: true})
	for _, format := range []string{"json", "html"} {
		r, err := reports.New(format, reports.Options{})
		check(err)
		check(r.Render(io.Discard, rep))
	}
	fmt.Println(int64(cpuTime() - before))
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	check(syscall.Getrusage(syscall.RUSAGE_SELF, &ru))
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
