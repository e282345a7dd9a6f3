package fleet

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// Shard is one of Count processes that split a fleet between them.
type Shard struct{ Index, Count int }

// ParseShard reads INDEX/COUNT, the index counted from 0 as a Kubernetes
// Indexed Job's completion index is.
func ParseShard(v string) (Shard, error) {
	i, n, ok := strings.Cut(v, "/")
	index, err1 := strconv.Atoi(strings.TrimSpace(i))
	count, err2 := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err1 != nil || err2 != nil || count < 1 || count > 1000 || index < 0 || index >= count {
		return Shard{}, fmt.Errorf("--shard %q: give INDEX/COUNT with 0 <= INDEX < COUNT <= 1000, e.g. 0/4 … 3/4 (the index counts from 0, like a Kubernetes completion index)", v)
	}
	return Shard{index, count}, nil
}

// Owns says whether the tenant (its id or domain as tenants.yaml gives it)
// is this shard's. The assignment hashes the tenant alone, so it is the
// same in every process and on every run, and the shards of one Count
// cover every tenant exactly once.
func (s Shard) Owns(tenant string) bool {
	return s.Count <= 1 || ShardOf(tenant, s.Count) == s.Index
}

// ShardOf is the index of the shard, of count, that a tenant belongs to.
func ShardOf(tenant string, count int) int {
	h := fnv.New32a()
	h.Write([]byte(strings.ToLower(strings.TrimSpace(tenant))))
	return int(h.Sum32() % uint32(count))
}
