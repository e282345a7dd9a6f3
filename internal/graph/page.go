package graph

import (
	"context"
	"errors"
	"fmt"
)

// errEnough stops paging early when a collector has all it needs.
var errEnough = errors.New("enough records")

// maxEmptyPages bounds consecutive empty pages that still carry a nextLink.
const maxEmptyPages = 25

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
	empty := 0
	p, err := first(ctx)
	for {
		if err != nil {
			return err
		}
		if p == nil {
			return errors.New("Graph returned an empty response where a page was expected")
		}
		items := p.GetValue()
		pageDone(ctx, len(items))
		for _, it := range items {
			if err := fn(it); err != nil {
				return err
			}
		}
		link := deref(p.GetOdataNextLink())
		if link == "" {
			return nil
		}
		// Graph may send empty pages, but not without end.
		if len(items) == 0 {
			empty++
			if empty >= maxEmptyPages {
				return fmt.Errorf("Graph returned %d empty pages in a row, each with a new nextLink; stopped paging", empty)
			}
		} else {
			empty = 0
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
