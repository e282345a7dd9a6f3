package graph

import (
	"fmt"

	"github.com/microsoft/kiota-abstractions-go/serialization"
	msgraphcore "github.com/microsoftgraph/msgraph-sdk-go-core"
)

// decodeBatch turns a successful batch item into its typed response.
func decodeBatch[T serialization.Parsable](r batchResult, factory serialization.ParsableFactory) (T, error) {
	v, err := msgraphcore.GetBatchResponseById[T](r.resp, r.id, factory)
	if err != nil {
		var zero T
		return zero, fmt.Errorf("decode batch item: %w", err)
	}
	return v, nil
}
