// Package buildinfo carries the version stamped in at build time.
package buildinfo

import (
	"runtime"
	"runtime/debug"
)

// Set with -ldflags "-X github.com/m365ready/m365ready/internal/buildinfo.Version=…".
var (
	Version = "dev"
	Commit  = ""
	Date    = ""
)

// Info describes the build, as `version -o json` prints it.
type Info struct {
	Version string `json:"version"`
	Commit  string `json:"commit,omitempty"` // the first 12 hex digits
	Date    string `json:"date,omitempty"`
	Go      string `json:"go"`
}

// Get describes this build; the commit comes from the Go toolchain's VCS
// stamp when the linker did not set it.
func Get() Info {
	commit := Commit
	if commit == "" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					commit = s.Value[:12]
				}
			}
		}
	}
	return Info{Version: Version, Commit: commit, Date: Date, Go: runtime.Version()}
}

// String is "m365ready VERSION".
func String() string { return "m365ready " + Version }

// Full describes the build in one line.
func Full() string {
	i := Get()
	out := String()
	if i.Commit != "" {
		out += " (" + i.Commit
		if i.Date != "" {
			out += ", " + i.Date
		}
		out += ")"
	}
	return out
}
