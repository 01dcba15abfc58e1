package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
)

// recordCurationQuery stores a curation as a (:Curation) node numbered after
// the last one.
const recordCurationQuery = "OPTIONAL MATCH (last:Curation) WITH coalesce(max(last.seq), 0) + 1 AS seq " +
	"CREATE (c:Curation {seq: seq}) SET c += $row, c.at = datetime()"

// Curate implements [pg.Curator] with [storekit.Overlay.Curate], as
// memstore does, and returns its errors: beyond the documented ones, a
// curation of unknown kind or with an empty alias returns ErrInvalid,
// splitting an alias the company does not have returns ErrNotFound, and
// splitting off an alias whose company ID (its slug) is taken returns
// ErrConflict.
func (s *Store) Curate(ctx context.Context, c pg.Curation) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("neo4jstore: curate: %w", err)
	}
	return s.write(ctx, "curate "+string(c.Kind), func(ctx context.Context, tx neo4j.ManagedTransaction) error {
		bs := newBase(ctx, tx)
		o := storekit.NewOverlay(bs)
		err := o.Curate(c, bs.lock())
		if bs.err != nil { // a failed read makes every later answer unreliable
			return bs.err
		}
		if err != nil {
			return err
		}
		if err := flush(bs, o.Changes()); err != nil {
			return err
		}
		bs.run(recordCurationQuery, map[string]any{"row": curationRow(c)})
		return bs.err
	})
}

// Curations implements [pg.Curator].
func (s *Store) Curations(ctx context.Context) ([]pg.Curation, error) {
	recs, err := s.read(ctx, "curations", "MATCH (c:Curation) RETURN c {.*} AS n ORDER BY c.seq", nil)
	if err != nil {
		return nil, err
	}
	out := make([]pg.Curation, 0, len(recs))
	for _, rec := range recs {
		out = append(out, decodeCuration(column(rec, "n")))
	}
	return out, nil
}
