// Command m365ready audits a Microsoft 365 tenant's readiness for Microsoft
// 365 sign-in. main only wires the real streams, clock and Graph collector.
package main

import (
	"os"
	"time"

	"github.com/m365ready/m365ready/internal/cli"
	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/graph"
	"github.com/m365ready/m365ready/internal/iostreams"
)

func main() {
	f := &cli.Factory{
		IOStreams: iostreams.System(),
		Collector: func() collect.Collector { return graph.New() },
		Now:       time.Now,
		Getenv:    os.Getenv,
	}
	os.Exit(cli.Main(f, os.Args[1:]))
}
