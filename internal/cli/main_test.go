package cli

import (
	"os"
	"testing"

	"github.com/m365ready/m365ready/internal/pgtest"
)

// TestMain stops the PostgreSQL server the store tests start, if one was.
func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}
