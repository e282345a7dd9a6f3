// Command gen writes the subset of Microsoft's Graph v1.0 metadata (CSDL)
// that m365ready's requests touch: for every path in the permission table,
// the type it answers with, the query-option annotations that apply to it,
// and every type, complex type and enum reachable from those types'
// properties. The output is committed; the product never reads the CSDL.
//
//	go run ./internal/graphmeta/gen -csdl ../shared/reference/graph-schema/v1.0-Prod.csdl
package main

import (
	"encoding/json"
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/m365ready/m365ready/internal/collect"
	"github.com/m365ready/m365ready/internal/graphmeta"
)

// source names the CSDL the committed subset was generated from.
const source = "microsoftgraph/msgraph-metadata schemas/v1.0-Prod.csdl, commit f54f11b (2026-08-20), MIT licence"

// expanded lists the navigation properties m365ready asks Graph to expand;
// their target types join the subset so expanded objects can be validated.
var expanded = map[string]bool{"microsoft.graph.unifiedRoleAssignment/principal": true,
	"microsoft.graph.unifiedRoleEligibilityScheduleInstance/principal": true,
	// Contained in the policy and answered with it, unasked.
	"microsoft.graph.authenticationMethodsPolicy/authenticationMethodConfigurations": true,
	"*/includeTargets": true,
	// Answered inline in a policy's grant controls.
	"microsoft.graph.conditionalAccessGrantControls/authenticationStrength": true}

func main() {
	in := flag.String("csdl", "../shared/reference/graph-schema/v1.0-Prod.csdl", "Microsoft's Graph v1.0 CSDL")
	out := flag.String("out", "internal/graphmeta/v1.0-subset.json", "where to write the subset")
	flag.Parse()
	f, err := os.Open(*in)
	if err != nil {
		fail(err)
	}
	defer f.Close()
	doc, err := parse(f)
	if err != nil {
		fail(fmt.Errorf("%s: %w", *in, err))
	}
	var paths []string
	for _, e := range collect.Endpoints() {
		paths = append(paths, e.Path)
	}
	sub, err := doc.subset(paths)
	if err != nil {
		fail(err)
	}
	b, err := json.MarshalIndent(sub, "", " ")
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(*out, append(b, '\n'), 0o644); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "gen:", err)
	os.Exit(1)
}

// The CSDL as encoding/xml reads it; only what the subset needs.
type edmx struct {
	Schemas []xmlSchema `xml:"DataServices>Schema"`
}

type xmlSchema struct {
	Namespace   string           `xml:"Namespace,attr"`
	Alias       string           `xml:"Alias,attr"`
	Entities    []xmlType        `xml:"EntityType"`
	Complex     []xmlType        `xml:"ComplexType"`
	Enums       []xmlEnum        `xml:"EnumType"`
	Functions   []xmlFunction    `xml:"Function"`
	Containers  []xmlContainer   `xml:"EntityContainer"`
	Annotations []xmlAnnotations `xml:"Annotations"`
}

type xmlType struct {
	Name     string    `xml:"Name,attr"`
	BaseType string    `xml:"BaseType,attr"`
	Abstract bool      `xml:"Abstract,attr"`
	Open     bool      `xml:"OpenType,attr"`
	Props    []xmlProp `xml:"Property"`
	Navs     []xmlProp `xml:"NavigationProperty"`
}

type xmlProp struct {
	Name     string `xml:"Name,attr"`
	Type     string `xml:"Type,attr"`
	Nullable string `xml:"Nullable,attr"`
}

type xmlEnum struct {
	Name    string `xml:"Name,attr"`
	Flags   bool   `xml:"IsFlags,attr"`
	Members []struct {
		Name string `xml:"Name,attr"`
	} `xml:"Member"`
}

type xmlFunction struct {
	Name   string `xml:"Name,attr"`
	Bound  bool   `xml:"IsBound,attr"`
	Params []struct {
		Name string `xml:"Name,attr"`
		Type string `xml:"Type,attr"`
	} `xml:"Parameter"`
	Return struct {
		Type string `xml:"Type,attr"`
	} `xml:"ReturnType"`
}

type xmlContainer struct {
	Name       string   `xml:"Name,attr"`
	Sets       []xmlSet `xml:"EntitySet"`
	Singletons []xmlSet `xml:"Singleton"`
}

type xmlSet struct {
	Name       string `xml:"Name,attr"`
	EntityType string `xml:"EntityType,attr"`
	Type       string `xml:"Type,attr"`
}

type xmlAnnotations struct {
	Target      string          `xml:"Target,attr"`
	Annotations []xmlAnnotation `xml:"Annotation"`
}

type xmlAnnotation struct {
	Term    string `xml:"Term,attr"`
	Bool    string `xml:"Bool,attr"`
	Records []struct {
		Values []struct {
			Property string   `xml:"Property,attr"`
			Bool     string   `xml:"Bool,attr"`
			Paths    []string `xml:"Collection>NavigationPropertyPath"`
			Props    []string `xml:"Collection>PropertyPath"`
		} `xml:"PropertyValue"`
	} `xml:"Record"`
}

// doc is the CSDL indexed by qualified name.
type doc struct {
	types     map[string]*xmlType
	complex   map[string]bool
	enums     map[string]*xmlEnum
	functions map[string][]xmlFunction
	sets      map[string]string // entity set name -> qualified type
	single    map[string]string // singleton name -> qualified type
	container string
	annots    map[string][]xmlAnnotation
	derived   map[string][]string
}

func parse(r io.Reader) (*doc, error) {
	var x edmx
	if err := xml.NewDecoder(r).Decode(&x); err != nil {
		return nil, err
	}
	d := &doc{types: map[string]*xmlType{}, complex: map[string]bool{}, enums: map[string]*xmlEnum{},
		functions: map[string][]xmlFunction{}, sets: map[string]string{}, single: map[string]string{},
		annots: map[string][]xmlAnnotation{}, derived: map[string][]string{}}
	aliases := map[string]string{}
	for _, s := range x.Schemas {
		if s.Alias != "" {
			aliases[s.Alias] = s.Namespace
		}
	}
	qual := func(name string) string {
		name, coll := elemType(name)
		if ns, rest, ok := strings.Cut(name, "."); ok {
			if full, ok := aliases[ns]; ok {
				name = full + "." + rest
			}
		}
		if coll {
			return "Collection(" + name + ")"
		}
		return name
	}
	for _, s := range x.Schemas {
		for _, list := range [][]xmlType{s.Entities, s.Complex} {
			for i := range list {
				t := list[i]
				t.BaseType = qual(t.BaseType)
				for j := range t.Props {
					t.Props[j].Type = qual(t.Props[j].Type)
				}
				for j := range t.Navs {
					t.Navs[j].Type = qual(t.Navs[j].Type)
				}
				name := s.Namespace + "." + t.Name
				d.types[name] = &t
				if t.BaseType != "" {
					d.derived[t.BaseType] = append(d.derived[t.BaseType], name)
				}
			}
		}
		for _, t := range s.Complex {
			d.complex[s.Namespace+"."+t.Name] = true
		}
		for i := range s.Enums {
			d.enums[s.Namespace+"."+s.Enums[i].Name] = &s.Enums[i]
		}
		for _, fn := range s.Functions {
			for i := range fn.Params {
				fn.Params[i].Type = qual(fn.Params[i].Type)
			}
			fn.Return.Type = qual(fn.Return.Type)
			d.functions[fn.Name] = append(d.functions[fn.Name], fn)
		}
		for _, c := range s.Containers {
			d.container = s.Namespace + "." + c.Name
			for _, e := range c.Sets {
				d.sets[e.Name] = qual(e.EntityType)
			}
			for _, e := range c.Singletons {
				d.single[e.Name] = qual(e.Type)
			}
		}
		for _, a := range s.Annotations {
			d.annots[a.Target] = append(d.annots[a.Target], a.Annotations...)
		}
	}
	return d, nil
}

// nav finds a navigation property on t or its base types.
func (d *doc) nav(t, name string) (owner string, p xmlProp, ok bool) {
	for cur := t; cur != ""; {
		xt := d.types[cur]
		if xt == nil {
			break
		}
		for _, n := range xt.Navs {
			if n.Name == name {
				return cur, n, true
			}
		}
		cur = xt.BaseType
	}
	return "", xmlProp{}, false
}

// resolve walks a documented path ("/users/{id}/authentication/methods")
// through the entity container and navigation properties.
func (d *doc) resolve(path string) (graphmeta.Path, error) {
	segs := strings.Split(strings.Trim(path, "/"), "/")
	var typ, target string
	coll := false
	for i, sg := range segs {
		name, _, isCall := strings.Cut(sg, "(")
		switch {
		case i == 0:
			if t, ok := d.sets[sg]; ok {
				typ, coll, target = t, true, d.container+"/"+sg
			} else if t, ok := d.single[sg]; ok {
				typ, target = t, d.container+"/"+sg
			} else {
				return graphmeta.Path{}, fmt.Errorf("%s: no entity set or singleton %q", path, sg)
			}
		case sg == "{id}" && coll:
			coll, target = false, ""
		// Graph documents "root" as the key of a group's or the tenant's root
		// site (https://learn.microsoft.com/graph/api/site-get); it is not a
		// navigation property.
		case sg == "root" && coll && typ == "microsoft.graph.site":
			coll, target = false, ""
		default:
			if fn, ok := d.boundFunction(name, typ, coll); ok {
				typ, coll = elemType(fn.Return.Type)
				target = ""
				continue
			}
			if isCall {
				return graphmeta.Path{}, fmt.Errorf("%s: no function %q bound to %s", path, name, typ)
			}
			owner, n, ok := d.nav(typ, sg)
			if !ok || coll {
				return graphmeta.Path{}, fmt.Errorf("%s: %s has no navigation property %q", path, typ, sg)
			}
			typ, coll = elemType(n.Type)
			target = owner + "/" + sg
		}
	}
	p := graphmeta.Path{Type: typ, Collection: coll}
	if target != "" {
		p.Targets = append(p.Targets, target)
	}
	p.Targets = append(p.Targets, typ)
	return p, nil
}

// elemType reads "Collection(T)" as T and true, and T as T and false.
func elemType(t string) (string, bool) {
	if inner, ok := strings.CutPrefix(t, "Collection("); ok {
		return strings.TrimSuffix(inner, ")"), true
	}
	return t, false
}

func (d *doc) boundFunction(name, typ string, coll bool) (xmlFunction, bool) {
	want := typ
	if coll {
		want = "Collection(" + typ + ")"
	}
	for _, fn := range d.functions[name] {
		if fn.Bound && len(fn.Params) > 0 && fn.Params[0].Type == want {
			return fn, true
		}
	}
	return xmlFunction{}, false
}

// capabilities reads the query-option annotations on one target, keeping
// every value Microsoft wrote: some targets carry the same term twice with
// opposite values, and the reader decides what that means.
func (d *doc) capabilities(target string) *graphmeta.Capabilities {
	var c graphmeta.Capabilities
	found := false
	add := func(dst *[]bool, v string) {
		if v == "" {
			return
		}
		*dst = append(*dst, v == "true")
		found = true
	}
	for _, a := range d.annots[target] {
		term := strings.TrimPrefix(a.Term, "Org.OData.Capabilities.V1.")
		switch term {
		case "TopSupported":
			add(&c.Top, a.Bool)
		case "SkipSupported":
			add(&c.Skip, a.Bool)
		}
		for _, r := range a.Records {
			for _, v := range r.Values {
				switch term + "." + v.Property {
				case "FilterRestrictions.Filterable":
					add(&c.Filter, v.Bool)
				case "SelectSupport.Supported":
					add(&c.Select, v.Bool)
				case "CountRestrictions.Countable":
					add(&c.Count, v.Bool)
				case "ExpandRestrictions.Expandable":
					add(&c.Expand, v.Bool)
				case "ExpandRestrictions.NonExpandableProperties":
					c.NonExpandable = append(c.NonExpandable, v.Paths...)
					found = found || len(v.Paths) > 0
				case "SortRestrictions.Sortable":
					add(&c.Sort, v.Bool)
				case "SearchRestrictions.Searchable":
					add(&c.Search, v.Bool)
				case "FilterRestrictions.NonFilterableProperties":
					c.NonFilterable = append(c.NonFilterable, v.Props...)
					found = found || len(v.Props) > 0
				}
			}
		}
	}
	if !found {
		return nil
	}
	return &c
}

// subset collects what the paths need.
func (d *doc) subset(paths []string) (*graphmeta.Schema, error) {
	out := &graphmeta.Schema{Source: source, Paths: map[string]graphmeta.Path{}, Types: map[string]graphmeta.Type{},
		Enums: map[string]graphmeta.Enum{}, Capabilities: map[string]graphmeta.Capabilities{}}
	// A type reached as a declared type brings its derived types (an
	// answer may hold any of them); one reached only as a base type does
	// not, or "entity" would bring the whole schema.
	type item struct {
		name    string
		derived bool
	}
	var queue []item
	seen := map[string]bool{}
	seenDerived := map[string]bool{}
	enqueue := func(t string, derived bool) {
		t, _ = elemType(t)
		if strings.HasPrefix(t, "Edm.") || (seen[t] && (!derived || seenDerived[t])) {
			return
		}
		seen[t] = true
		seenDerived[t] = seenDerived[t] || derived
		queue = append(queue, item{t, derived})
	}
	want := func(t string) { enqueue(t, true) }
	for _, p := range paths {
		if _, done := out.Paths[p]; done {
			continue
		}
		r, err := d.resolve(p)
		if err != nil {
			return nil, err
		}
		out.Paths[p] = r
		for _, t := range r.Targets {
			if c := d.capabilities(t); c != nil {
				out.Capabilities[t] = *c
			}
		}
		want(r.Type)
	}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		name := it.name
		if e, ok := d.enums[name]; ok {
			en := graphmeta.Enum{Flags: e.Flags}
			for _, m := range e.Members {
				en.Members = append(en.Members, m.Name)
			}
			out.Enums[name] = en
			continue
		}
		xt := d.types[name]
		if xt == nil {
			return nil, fmt.Errorf("type %s is referenced but not defined", name)
		}
		t := graphmeta.Type{Base: xt.BaseType, Abstract: xt.Abstract, Open: xt.Open, Complex: d.complex[name],
			Properties: map[string]graphmeta.Property{}}
		for _, p := range xt.Props {
			pt, coll := elemType(p.Type)
			t.Properties[p.Name] = graphmeta.Property{Type: pt, Collection: coll, NotNull: p.Nullable == "false"}
			want(pt)
		}
		for _, n := range xt.Navs {
			if t.Navigation == nil {
				t.Navigation = map[string]graphmeta.Property{}
			}
			nt, coll := elemType(n.Type)
			t.Navigation[n.Name] = graphmeta.Property{Type: nt, Collection: coll}
			if expanded[name+"/"+n.Name] || expanded["*/"+n.Name] {
				want(nt)
			}
		}
		t.Derived = append(t.Derived, d.derived[name]...)
		sort.Strings(t.Derived)
		out.Types[name] = t
		if xt.BaseType != "" {
			enqueue(xt.BaseType, false)
		}
		if it.derived {
			for _, sub := range d.derived[name] {
				want(sub)
			}
		}
	}
	return out, nil
}
