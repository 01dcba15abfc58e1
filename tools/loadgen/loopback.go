package main

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
	"syscall"
)

// errNotLoopback is returned for any target that is not on this machine's
// loopback interface.
var errNotLoopback = errors.New("target is not a loopback address")

// checkLoopbackURL accepts only http and https URLs whose host is
// "localhost" or a loopback IP literal (127.0.0.0/8, ::1).
func checkLoopbackURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("target %q: %w", raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return fmt.Errorf("target %q: scheme must be http or https", raw)
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.Unmap().IsLoopback() {
		return fmt.Errorf("target %q: %w (only localhost, 127.0.0.0/8 and ::1 are allowed)", raw, errNotLoopback)
	}
	return nil
}

// loopbackOnly is a net.Dialer Control function that refuses to connect to
// any address that is not loopback. It guards the resolved address, so
// "localhost" pointing elsewhere is refused as well.
func loopbackOnly(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("dial %s: %w", address, err)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.Unmap().IsLoopback() {
		return fmt.Errorf("dial %s: %w", address, errNotLoopback)
	}
	return nil
}
