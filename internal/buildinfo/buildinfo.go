// Package buildinfo carries the version stamped in at build time.
package buildinfo

import "runtime/debug"

// Set with -ldflags "-X github.com/m365ready/m365ready/internal/buildinfo.Version=…".
var (
	Version = "dev"
	Commit  = ""
	Date    = ""
)

// String is "m365ready VERSION".
func String() string { return "m365ready " + Version }

// Full describes the build in one line.
func Full() string {
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
	out := String()
	if commit != "" {
		out += " (" + commit
		if Date != "" {
			out += ", " + Date
		}
		out += ")"
	}
	return out
}
