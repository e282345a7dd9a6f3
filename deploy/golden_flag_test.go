// The -update flag must exist in every test binary so that
// `go test ./... -update` works across the module.

package deploy

import _ "github.com/m365ready/m365ready/internal/golden"
