package graph

import (
	"context"
	"errors"
	"fmt"
)

// page is what every typed collection response offers.
type page[T any] interface {
	GetValue() []T
	GetOdataNextLink() *string
}

// forEachPage follows @odata.nextLink verbatim until there is none, handing
// each item to fn as its page arrives so SDK objects never pile up. A
// nextLink seen before is a loop and an error, never a hang.
func forEachPage[T any](ctx context.Context, first func(context.Context) (page[T], error),
	next func(ctx context.Context, link string) (page[T], error), fn func(T) error) error {
	seen := map[string]bool{}
	p, err := first(ctx)
	for {
		if err != nil {
			return err
		}
		if p == nil {
			return errors.New("Graph returned an empty response where a page was expected")
		}
		for _, it := range p.GetValue() {
			if err := fn(it); err != nil {
				return err
			}
		}
		link := deref(p.GetOdataNextLink())
		if link == "" {
			return nil
		}
		if seen[link] {
			return fmt.Errorf("%w (%d pages read)", ErrPagingLoop, len(seen)+1)
		}
		seen[link] = true
		if err := ctx.Err(); err != nil {
			return err
		}
		p, err = next(ctx, link)
	}
}
