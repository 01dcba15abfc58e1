package partnergraph

import "errors"

// Sentinel errors returned (wrapped) by stores, the loader and the API. The
// GraphQL error presenter maps each to an extensions.code.
var (
	// ErrNotFound means the requested company, platform, deal or article
	// does not exist.
	ErrNotFound = errors.New("not found")
	// ErrInvalid means an argument or an input record is malformed.
	ErrInvalid = errors.New("invalid input")
	// ErrConflict means the request contradicts the stored state, e.g.
	// merging a company into itself.
	ErrConflict = errors.New("conflict")
	// ErrUnauthorized means a curation request lacked a valid API key.
	ErrUnauthorized = errors.New("unauthorized")
	// ErrUnavailable means the backing store cannot be reached.
	ErrUnavailable = errors.New("store unavailable")
)
