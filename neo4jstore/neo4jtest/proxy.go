package neo4jtest

import (
	"net"
	"strings"
	"sync"
	"testing"
)

// Proxy forwards TCP connections to a Neo4j server and can act out its
// outages without touching the server, which other tests share: Freeze
// holds every byte, as a stopped (SIGSTOP) or hung server does, while new
// connections are still accepted; Drop closes every connection and refuses
// new ones, as a server that was killed or is restarting does; Restore
// ends either.
type Proxy struct {
	ln     net.Listener
	target string

	mu     sync.Mutex
	gate   chan struct{} // closed while bytes flow; open while frozen
	drop   bool
	conns  map[net.Conn]bool
	closed bool
}

// NewProxy starts a proxy to the bolt URI target on a free local port; it
// stops at the end of the test.
func NewProxy(t testing.TB, target string) *Proxy {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("neo4jtest: proxy: %v", err)
	}
	open := make(chan struct{})
	close(open)
	p := &Proxy{ln: ln, target: strings.TrimPrefix(target, "bolt://"), gate: open, conns: map[net.Conn]bool{}}
	go p.accept()
	t.Cleanup(p.close)
	return p
}

// URI is the bolt URI that reaches the server through the proxy.
func (p *Proxy) URI() string { return "bolt://" + p.ln.Addr().String() }

func (p *Proxy) accept() {
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.drop || p.closed {
			p.mu.Unlock()
			c.Close()
			continue
		}
		p.mu.Unlock()
		u, err := net.Dial("tcp", p.target)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		p.conns[c], p.conns[u] = true, true
		p.mu.Unlock()
		go p.pump(u, c)
		go p.pump(c, u)
	}
}

// pump copies src to dst, holding each chunk while the proxy is frozen.
func (p *Proxy) pump(dst, src net.Conn) {
	defer dst.Close()
	defer src.Close()
	buf := make([]byte, 32<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			p.mu.Lock()
			gate := p.gate
			p.mu.Unlock()
			<-gate
			if _, werr := dst.Write(buf[:n]); werr != nil {
				return
			}
		}
		if err != nil { // io.EOF or a closed connection
			return
		}
	}
}

// Freeze holds every byte in both directions until Restore.
func (p *Proxy) Freeze() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.gate = make(chan struct{})
}

// Drop closes every connection and refuses new ones until Restore.
func (p *Proxy) Drop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.drop = true
	for c := range p.conns {
		c.Close()
	}
	p.conns = map[net.Conn]bool{}
}

// Restore lets bytes and connections through again.
func (p *Proxy) Restore() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.drop = false
	select {
	case <-p.gate:
	default:
		close(p.gate)
	}
}

func (p *Proxy) close() {
	p.Restore()
	p.mu.Lock()
	p.closed = true
	for c := range p.conns {
		c.Close()
	}
	p.mu.Unlock()
	p.ln.Close()
}
