// Package emulator is a Microsoft Graph emulator: a fake Entra authority and a
// Graph v1.0 endpoint set, served over real TLS on 127.0.0.1 from a fixture
// tenant, in Microsoft's documented wire format and with Graph's known quirks.
// It is what the collector is tested against and what `audit --demo` signs in
// to. It never imports the Graph SDK.
//
// Fault injection (Fixture.Faults) and the cost model (Faults.Cost) are in the
// package `audit --demo` ships, not behind a test-only entry point. That is
// deliberate: the hooks sit inline in the one request path (handle, list,
// the batch loop), and splitting them out would need a second server or an
// interface that only tests use, so the collector's tests would run against
// a different server than the demo's. What the demo gets is the zero value:
// demo.Fixture sets no faults and no cost model, and
// TestDemoFixtureHasNoFaults holds it to that.
package emulator

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/m365ready/m365ready/internal/tenant"
)

// Server is a running emulator: three TLS listeners on 127.0.0.1 (the authority,
// Graph, and the report download origin that Graph redirects to).
type Server struct {
	fixture *Fixture
	pki     *PKI
	log     *slog.Logger

	// AuthorityHost is the fake Entra authority, e.g. https://127.0.0.1:PORT/
	AuthorityHost string
	// GraphURL is the Graph base including the version, e.g. https://127.0.0.1:PORT/v1.0
	GraphURL     string
	graphRoot    string
	downloadRoot string

	tokenKey []byte
	flight   inFlight

	mu        sync.Mutex
	requests  []Request
	counter   int
	downloads map[string]downloadEntry
	faultHits map[int]int
	encoded   map[string][]map[string]any
	indexOnce sync.Once
	userByKey map[string]*tenant.User
	regByUser map[string]*tenant.MFARegistration
	groupByID map[string]*tenant.Group
	// ownersByDevice are each device's registered owners' user ids.
	ownersByDevice map[string][]string
	// retryAfterGiven marks requests last answered with 429.
	retryAfterGiven map[string]bool
	limiter         *limiter // nil without a cost model

	servers []*http.Server
}

// Request is one logged request, as the emulator saw it on the wire.
type Request struct {
	Time          time.Time
	Origin        string // graph | authority | download
	Method        string
	Path          string
	Query         string
	Status        int
	InBatch       bool
	Authorization bool          // whether an Authorization header was present (never its value)
	Latency       time.Duration // what the cost model made the answer wait
}

// Options tune a running emulator.
type Options struct {
	// Logger receives one debug line per request; nil discards them.
	Logger *slog.Logger
}

// Start serves f until ctx is done or Close is called.
func Start(ctx context.Context, f *Fixture, opts Options) (*Server, error) {
	if f == nil || f.Data == nil {
		return nil, errors.New("emulator: fixture has no data")
	}
	pki, err := NewPKI()
	if err != nil {
		return nil, fmt.Errorf("emulator: %w", err)
	}
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, err
	}
	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{fixture: f, pki: pki, log: logger, tokenKey: key,
		downloads: map[string]downloadEntry{}, faultHits: map[int]int{}, retryAfterGiven: map[string]bool{}}
	if f.Faults.Cost != nil {
		people := 0
		if f.Data != nil {
			people = len(f.Data.Users.Items)
		}
		s.limiter = newLimiter(f.Faults.Cost, people)
	}
	authURL, err := s.listen(http.HandlerFunc(s.serveAuthority))
	if err != nil {
		return nil, err
	}
	graphURL, err := s.listen(http.HandlerFunc(s.serveGraph))
	if err != nil {
		s.Close()
		return nil, err
	}
	dlURL, err := s.listen(http.HandlerFunc(s.serveDownload))
	if err != nil {
		s.Close()
		return nil, err
	}
	s.AuthorityHost = authURL + "/"
	s.graphRoot = graphURL
	s.GraphURL = graphURL + "/v1.0"
	s.downloadRoot = dlURL
	go func() {
		<-ctx.Done()
		s.Close()
	}()
	return s, nil
}

func (s *Server) listen(h http.Handler) (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("emulator: listen: %w", err)
	}
	srv := &http.Server{Handler: h, TLSConfig: s.pki.serverTLS(), ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: slog.NewLogLogger(s.log.Handler(), slog.LevelDebug)}
	s.servers = append(s.servers, srv)
	go func() { _ = srv.ServeTLS(ln, "", "") }()
	return "https://" + ln.Addr().String(), nil
}

// Close stops all listeners.
func (s *Server) Close() {
	for _, srv := range s.servers {
		_ = srv.Close()
	}
}

// CAPEM is the PEM of the throwaway CA that signed the server certificate.
func (s *Server) CAPEM() []byte { return s.pki.CAPEM }

// PKI exposes the CA pool for clients in the same process.
func (s *Server) PKI() *PKI { return s.pki }

// Requests returns a copy of the request log.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

func (s *Server) record(r Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r)
	s.mu.Unlock()
	s.log.Debug("emulator request", "origin", r.Origin, "method", r.Method, "path", r.Path,
		"query", r.Query, "status", r.Status, "inBatch", r.InBatch)
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (w *statusRecorder) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusRecorder) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}
