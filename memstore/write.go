package memstore

import (
	"context"
	"fmt"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// Write implements [pg.Writer]. The changes are built by a
// [storekit.Overlay] on the state under a read lock, then persisted and
// applied.
func (s *Store) Write(ctx context.Context, b pg.Batch) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore: write: %w", err)
	}
	if err := storekit.Validate(b); err != nil {
		return fmt.Errorf("memstore: write: %w", err)
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()

	s.mu.RLock()
	o := storekit.NewOverlay(s.st)
	err := o.Write(b, s.st.curations)
	s.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("memstore: write: %w", err)
	}
	return s.commit(&delta{Changes: o.Changes()})
}

// commit persists d and then applies it in memory, so a failed persist
// leaves memory as it was, consistent with the file. The caller holds wmu.
func (s *Store) commit(d *delta) error {
	if err := s.persist(d); err != nil {
		return err
	}
	s.mu.Lock()
	s.st.apply(d)
	s.mu.Unlock()
	return nil
}
