package memstore

import (
	"context"
	"fmt"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// Curate implements [pg.Curator] with [storekit.Overlay.Curate], whose
// errors it returns: beyond the documented ones, a curation of unknown kind
// or with an empty alias returns ErrInvalid, splitting an alias the company
// does not have returns ErrNotFound, and splitting off an alias whose
// company ID (its slug) is taken returns ErrConflict.
func (s *Store) Curate(ctx context.Context, c pg.Curation) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore: curate: %w", err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()

	s.mu.RLock()
	o := storekit.NewOverlay(s.st)
	err := o.Curate(c, s.st.curations)
	s.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("memstore: curate %s: %w", c.Kind, err)
	}
	return s.commit(&delta{Changes: o.Changes(), curations: []pg.Curation{c}})
}
