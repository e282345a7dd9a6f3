// Package conformance holds the emulator to Microsoft's Graph v1.0 metadata
// from outside: every object it serves for the demo tenant and synthetic
// tenants is validated against internal/graphmeta over real HTTPS. It is a
// package of its own because the tenants it serves (internal/demo,
// internal/synth) import the emulator.
package conformance
