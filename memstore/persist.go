package memstore

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"strings"

	pg "github.com/partnergraph/partnergraph"
	"github.com/partnergraph/partnergraph/internal/storekit"
	bolt "go.etcd.io/bbolt"
)

// The bbolt buckets. Values are JSON; keys are IDs, "deal\x00article" for
// evidence, "article\x00kind\x00entity" for mentions (empty value) and a
// big-endian sequence number for curations.
var (
	bucketMeta      = []byte("meta")
	bucketCompanies = []byte("companies")
	bucketPlatforms = []byte("platforms")
	bucketDeals     = []byte("deals")
	bucketArticles  = []byte("articles")
	bucketEvidence  = []byte("evidence")
	bucketMentions  = []byte("mentions")
	bucketCurations = []byte("curations")
	allBuckets      = [][]byte{bucketMeta, bucketCompanies, bucketPlatforms, bucketDeals, bucketArticles, bucketEvidence, bucketMentions, bucketCurations}
)

// formatVersion is stored under meta/format; Open refuses other versions.
const formatVersion = "1"

const sep = "\x00"

func mentionKey(m pg.Mention) []byte {
	return []byte(m.ArticleID + sep + string(m.Kind) + sep + m.EntityID)
}

// persist writes d to the file in one transaction. The caller holds wmu.
func (s *Store) persist(d *delta) error {
	if s.closed {
		return fmt.Errorf("memstore: %s is closed: %w", s.path, pg.ErrUnavailable)
	}
	if s.db == nil {
		return nil
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		if err := putAll(tx.Bucket(bucketCompanies), d.Companies); err != nil {
			return err
		}
		if err := putAll(tx.Bucket(bucketPlatforms), d.Platforms); err != nil {
			return err
		}
		if err := putAll(tx.Bucket(bucketDeals), d.Deals); err != nil {
			return err
		}
		if err := putAll(tx.Bucket(bucketArticles), d.Articles); err != nil {
			return err
		}
		eb := tx.Bucket(bucketEvidence)
		for k, e := range d.Evidence {
			if err := putJSON(eb, []byte(k.DealID+sep+k.ArticleID), e); err != nil {
				return err
			}
		}
		mb := tx.Bucket(bucketMentions)
		for m, put := range d.Mentions {
			var err error
			if put {
				err = mb.Put(mentionKey(m), nil)
			} else {
				err = mb.Delete(mentionKey(m))
			}
			if err != nil {
				return err
			}
		}
		cb := tx.Bucket(bucketCurations)
		for _, c := range d.curations {
			n, err := cb.NextSequence()
			if err != nil {
				return err
			}
			if err := putJSON(cb, binary.BigEndian.AppendUint64(nil, n), &c); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("memstore: save to %s: %w", s.path, err)
	}
	return nil
}

func putAll[T any](b *bolt.Bucket, m map[string]*T) error {
	for id, v := range m {
		if err := putJSON(b, []byte(id), v); err != nil {
			return err
		}
	}
	return nil
}

// putJSON stores v under k, or deletes k when v is nil.
func putJSON[T any](b *bolt.Bucket, k []byte, v *T) error {
	if v == nil {
		return b.Delete(k)
	}
	buf, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %q: %w", k, err)
	}
	return b.Put(k, buf)
}

// load creates missing buckets and reads the whole file into a delta that
// builds the in-memory state.
func (s *Store) load() (*delta, error) {
	err := s.db.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		switch v := string(meta.Get([]byte("format"))); v {
		case "":
			return meta.Put([]byte("format"), []byte(formatVersion))
		case formatVersion:
			return nil
		default:
			return fmt.Errorf("unsupported file format %q (want %q)", v, formatVersion)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("memstore: open %s: %w", s.path, err)
	}
	d := newDelta()
	err = s.db.View(func(tx *bolt.Tx) error {
		if err := getAll(tx.Bucket(bucketCompanies), d.Companies); err != nil {
			return err
		}
		if err := getAll(tx.Bucket(bucketPlatforms), d.Platforms); err != nil {
			return err
		}
		if err := getAll(tx.Bucket(bucketDeals), d.Deals); err != nil {
			return err
		}
		if err := getAll(tx.Bucket(bucketArticles), d.Articles); err != nil {
			return err
		}
		err := tx.Bucket(bucketEvidence).ForEach(func(k, v []byte) error {
			var e pg.Evidence
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("decode evidence %q: %w", k, err)
			}
			d.Evidence[storekit.EvidenceKey{DealID: e.DealID, ArticleID: e.ArticleID}] = &e
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketMentions).ForEach(func(k, _ []byte) error {
			parts := strings.Split(string(k), sep)
			if len(parts) != 3 {
				return fmt.Errorf("bad mention key %q", k)
			}
			d.Mentions[pg.Mention{ArticleID: parts[0], Kind: pg.MentionKind(parts[1]), EntityID: parts[2]}] = true
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketCurations).ForEach(func(k, v []byte) error {
			var c pg.Curation
			if err := json.Unmarshal(v, &c); err != nil {
				return fmt.Errorf("decode curation %x: %w", k, err)
			}
			d.curations = append(d.curations, c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("memstore: load %s: %w", s.path, err)
	}
	return d, nil
}

func getAll[T any](b *bolt.Bucket, into map[string]*T) error {
	return b.ForEach(func(k, v []byte) error {
		x := new(T)
		if err := json.Unmarshal(v, x); err != nil {
			return fmt.Errorf("decode %q: %w", k, err)
		}
		into[string(k)] = x
		return nil
	})
}
