//go:build ignore

// Prints the README's permission table from collect.Specs:
//
//	go run ./internal/collect/gentable
package main

import (
	"fmt"

	"github.com/m365ready/m365ready/internal/collect"
)

func main() {
	fmt.Println("| Dataset | Graph request | Application permission | Delegated permission | Directory role (delegated) | Licence | Why |")
	fmt.Println("|---|---|---|---|---|---|---|")
	for _, s := range collect.Specs() {
		l, r := s.Licence, s.Roles
		if l == "" {
			l = "—"
		}
		if r == "" {
			r = "—"
		}
		fmt.Printf("| `%s` | %s | `%s` | `%s` | %s | %s | %s |\n", s.Dataset, s.Endpoint, s.Application, s.Delegated, r, l, s.Why)
	}
}
