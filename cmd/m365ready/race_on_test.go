//go:build race

package main

// raceEnabled: this test binary runs under the race detector, so the
// binary it builds does too, and shares the race-built packages in the
// build cache instead of compiling the Graph SDK a second time.
const raceEnabled = true
