package emulator

import (
	"fmt"
	"net/http"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/internal/graphmeta"
)

// Which query options Graph accepts on a path is read from Microsoft's v1.0
// metadata (the capability annotations in internal/graphmeta), not from a
// list kept here. Where a Microsoft Learn API page says otherwise for a
// path, the page is the more specific statement and wins; every such case
// is below with the page it comes from, and TestLearnOverridesDisagree-
// WithTheMetadata fails if one stops disagreeing (then it is not needed).
type learnNote struct {
	supported bool
	url       string
}

var learnSays = map[string]map[graphmeta.Option]learnNote{
	// The annotations on microsoft.graph.subscribedSku deny $select; the
	// List page: "This method supports only the $select query parameter".
	"/subscribedSkus": {graphmeta.Select: {true, "https://learn.microsoft.com/graph/api/subscribedsku-list"}},
	// microsoft.graph.directoryObject is annotated SelectSupport=false; the
	// List pages of a group's owners and transitive members document $select.
	"/groups/{id}/owners":            {graphmeta.Select: {true, "https://learn.microsoft.com/graph/api/group-list-owners"}},
	"/groups/{id}/transitiveMembers": {graphmeta.Select: {true, "https://learn.microsoft.com/graph/api/group-list-transitivemembers"}},
	// Nothing in the metadata forbids $skip on users; the List users page
	// documents every other option and says $skip is not supported.
	"/users": {graphmeta.Skip: {false, "https://learn.microsoft.com/graph/api/user-list"}},
}

// systemOptions are the OData system query options the annotations speak
// about, by the name in the query string.
var systemOptions = map[string]graphmeta.Option{
	"$top": graphmeta.Top, "$skip": graphmeta.Skip, "$filter": graphmeta.Filter, "$select": graphmeta.Select,
	"$count": graphmeta.Count, "$expand": graphmeta.Expand, "$orderby": graphmeta.Sort, "$search": graphmeta.Search,
}

// collectionOptions page, count or filter a collection: a single object
// (a singleton, an entity by key) has nothing for them to act on.
var collectionOptions = map[graphmeta.Option]bool{graphmeta.Top: true, graphmeta.Skip: true, graphmeta.Count: true, graphmeta.Filter: true}

// modelled are the options the emulator implements (list and entity);
// one Graph supports but the emulator does not is a 501, never ignored.
var modelled = map[graphmeta.Option]bool{graphmeta.Top: true, graphmeta.Skip: true, graphmeta.Filter: true,
	graphmeta.Select: true, graphmeta.Count: true, graphmeta.Expand: true}

// supports says whether Graph accepts option o on the documented path.
func supports(docPath string, o graphmeta.Option) bool {
	if n, ok := learnSays[docPath][o]; ok {
		return n.supported
	}
	p, ok := graphmeta.V1().Paths[docPath]
	if !ok {
		return false
	}
	yes, _ := graphmeta.V1().Supported(p, o)
	return yes
}

// checkOptions answers 400 for what Graph refuses on the route's path, and
// 501 for what Graph accepts and the emulator does not model, so the
// collector can never send an option that is silently ignored here.
func checkOptions(rt *route, q *query) *apiError {
	keys := make([]string, 0, len(q.values))
	for k := range q.values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	p, known := graphmeta.V1().Paths[rt.doc]
	for _, k := range keys {
		if k == "$skiptoken" {
			continue // server-driven paging: the token came from us
		}
		o, isSystem := systemOptions[k]
		switch {
		case !isSystem && strings.HasPrefix(k, "$"):
			return badRequest(fmt.Sprintf("Query option '%s' is not supported.", k))
		case !isSystem:
			if !containsFold(rt.params, k) {
				return badRequest(fmt.Sprintf("Unrecognized query parameter '%s'.", k))
			}
		case !known:
			return notModelled(fmt.Sprintf("%s: the path is not in the metadata subset, so the emulator accepts no query options on it", rt.doc))
		case !p.Collection && collectionOptions[o]:
			return badRequest(fmt.Sprintf("Query option '%s' applies to collections; %s is a single object.", k, rt.doc))
		case !supports(rt.doc, o):
			return badRequest(fmt.Sprintf("Query option '%s' is not allowed for the resource %s.", k, p.Type))
		case !modelled[o]:
			return notModelled(fmt.Sprintf("Graph supports %s on %s, but the emulator does not model it.", k, rt.doc))
		}
	}
	return nil
}

// notModelled is the emulator's own answer, distinct from any Graph error:
// a test that sees it has found a gap in the emulator, not in the client.
func notModelled(msg string) *apiError {
	return &apiError{status: http.StatusNotImplemented, code: "EmulatorNotModelled", message: msg}
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// maxPageSize is the largest $top the emulator takes anywhere. Microsoft
// documents 999 for directory objects (https://learn.microsoft.com/graph/api/user-list,
// https://learn.microsoft.com/graph/api/group-list: "between 1 and 999");
// where a path's maximum is not documented (the registration report) the
// emulator takes the same.
const maxPageSize = 999

// intunePage is Intune's default page (see serveManagedDevices).
const intunePage = 1000

// unexpandable answers an $expand the emulator cannot serve: Graph's 400
// when the metadata forbids it or names no such navigation property, the
// emulator's 501 when Graph would expand it and the emulator does not.
func unexpandable(doc, typ, nav string) *apiError {
	m := graphmeta.V1()
	p, known := m.Paths[doc]
	switch _, isNav := m.Navigation(typ, nav); {
	case !isNav:
		return badRequest(fmt.Sprintf("Could not find a property named '%s' on type '%s'.", nav, typ))
	case known && m.NonExpandable(p, nav):
		return badRequest(fmt.Sprintf("'%s' cannot be expanded on %s.", nav, doc))
	}
	return notModelled(fmt.Sprintf("Graph can expand %s on %s, but the emulator does not model it.", nav, doc))
}

// directoryExpandPage is the most objects a directory collection's page
// holds when $expand is used (see listSpec.directory).
const directoryExpandPage = 100

// parseExpand splits "nav" or "nav($select=a,b)" into the navigation
// property and its nested $select. Other nested options are Graph's but
// not the emulator's: a 501, never silently ignored.
func parseExpand(exp string) (nav, sel string, e *apiError) {
	open := strings.IndexByte(exp, '(')
	if open < 0 {
		return strings.TrimSpace(exp), "", nil
	}
	if !strings.HasSuffix(exp, ")") {
		return "", "", badRequest(fmt.Sprintf("Syntax error in $expand: '%s'.", exp))
	}
	nav, inner := strings.TrimSpace(exp[:open]), exp[open+1:len(exp)-1]
	name, value, ok := strings.Cut(inner, "=")
	if !ok || strings.TrimSpace(name) != "$select" || strings.Contains(value, ";") {
		return "", "", notModelled(fmt.Sprintf("the emulator models only $select inside $expand, not '%s'", inner))
	}
	return nav, value, nil
}

// selectExpanded applies a nested $select to an expanded object or list,
// checking the names against the navigation property's target type.
func selectExpanded(v any, sel, typ, nav, doc string) (any, *apiError) {
	if sel == "" {
		return v, nil
	}
	p, _ := graphmeta.V1().Navigation(typ, nav)
	target := p.Type
	pick := func(items []map[string]any) ([]map[string]any, *apiError) {
		known := map[string]bool{}
		for _, f := range strings.Split(sel, ",") {
			known[strings.TrimSpace(f)] = true // what the fixture lacks is null, as Graph answers
		}
		return selectFields(items, sel, known, target, doc)
	}
	switch x := v.(type) {
	case map[string]any:
		out, e := pick([]map[string]any{x})
		if e != nil {
			return nil, e
		}
		return out[0], nil
	case []map[string]any:
		return pick(x)
	}
	return v, nil
}
