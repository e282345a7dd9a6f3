package result

// FindingCode names what a finding says, for automation: stable, never
// reused for another meaning once released. Each check lists its codes
// (checks explain prints them; the schema enumerates them).
type FindingCode string

// CodeInfo documents one finding code.
type CodeInfo struct {
	Code    FindingCode `json:"code"`
	Meaning string      `json:"meaning"`
	// Attrs names the FindingAttrs fields the code sets.
	Attrs []string `json:"attrs,omitempty"`
}
