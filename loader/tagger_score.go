package loader

// The tagger's scoring path. Tagger.tag scores each token with
// scoreToken, which adds up the same weights in the same order as
// score(features(...)) does, so that every score is the same to the last
// bit, but reads the weights of the features whose values are few (the
// bias, the token's flags, its lexicon buckets, the rules' and the
// corpus's tags on it, the tags before it) from small tables made once
// per tagger, instead of hashing those features and probing the weight
// table for each. Training still goes through features, which also
// names each feature.

// fixedWeight is the weight of one feature of a fixed template and value,
// ok when the tagger has the feature.
type fixedWeight struct {
	w  [nTags]float32
	ok bool
}

// fixedWeights are the weights of the features whose values are few, by
// value. Their indices follow what features writes: see scoreToken.
type fixedWeights struct {
	bias, person, noncompany, gazstart, companynoun fixedWeight
	// flags by flagNames index, and 1 for a token that starts a line.
	flags [len(flagNames)][2]fixedWeight
	// lex by the lexBucketIndex of the lower-case and the capitalised
	// count.
	lex [len(lexBuckets)][len(lexBuckets)]fixedWeight
	// everyday and lowerhere by 0 for false, 1 for true.
	everyday, lowerhere [2]fixedWeight
	// caphere by lexBucketIndex.
	caphere [len(lexBuckets)]fixedWeight
	// rule by tagContext.rule value.
	rule []fixedWeight
	// corpus by corpusIndex.
	corpus [1 + 2*len(lexBuckets)]fixedWeight
	// prev by the previous tag + 1; prev2 by the tag before that + 1,
	// then the previous tag + 1.
	prev  [nTags + 1]fixedWeight
	prev2 [nTags + 1][nTags + 1]fixedWeight
	// name is the word feature of a word whose identity is no feature
	// ("w=<name>"), and prevName that word's "prev+w" by the previous
	// tag + 1.
	name     fixedWeight
	prevName [nTags + 1]fixedWeight
}

// nameStandIn stands in features for a word whose identity is no feature.
const nameStandIn = "<name>"

// index builds the look-up structures of tg from its weights: the weight
// table and the fixed weights.
func (tg *Tagger) index() {
	tg.table = newWeightTable(tg.weights)
	fx := new(fixedWeights)
	get := func(t tmpl, parts ...string) fixedWeight {
		w, ok := tg.table.get(t.hash(parts...))
		return fixedWeight{w, ok}
	}
	fx.bias = get(tBias)
	fx.person = get(tPerson)
	fx.noncompany = get(tNoncompany)
	fx.gazstart = get(tGazstart)
	fx.companynoun = get(tCompanynoun)
	for f, name := range flagNames {
		fx.flags[f][0] = get(tFlags, name)
		fx.flags[f][1] = get(tFlags, name, "n")
	}
	for i, a := range lexBuckets {
		for j, b := range lexBuckets {
			fx.lex[i][j] = get(tLex, a, "/", b)
		}
		fx.caphere[i] = get(tCaphere, a)
		fx.corpus[1+i] = get(tCorpus, "B", a)
		fx.corpus[1+len(lexBuckets)+i] = get(tCorpus, "I", a)
	}
	fx.corpus[0] = get(tCorpus, "none")
	for i, v := range [2]string{"false", "true"} {
		fx.everyday[i] = get(tEveryday, v)
		fx.lowerhere[i] = get(tLowerhere, v)
	}
	fx.rule = make([]fixedWeight, 1+2*len(ruleSources))
	fx.rule[0] = get(tRule, "none")
	for si, src := range ruleSources {
		fx.rule[1+2*si] = get(tRule, "B-", src)
		fx.rule[2+2*si] = get(tRule, "I-", src)
	}
	fx.name = get(tW, nameStandIn)
	for p := -1; p < nTags; p++ {
		fx.prevName[p+1] = get(tPrevPlusW, tagNameOf(p), "|", nameStandIn)
		fx.prev[p+1] = get(tPrev, tagNameOf(p))
		for p2 := -1; p2 < nTags; p2++ {
			fx.prev2[p2+1][p+1] = get(tPrev2, tagNameOf(p2), tagNameOf(p))
		}
	}
	tg.fixed = fx
}

// corpusIndex returns the index in fixedWeights.corpus of a value of
// tagContext.corpus: 0 for none, else by its position (B, I) and its
// lexBucket.
func corpusIndex(cp string) int {
	if cp == "" {
		return 0
	}
	i := 1 + int(cp[1]-'0')
	if cp[0] == 'I' {
		i += len(lexBuckets)
	}
	return i
}

// boolIndex returns 1 for true and 0 for false.
func boolIndex(b bool) int {
	if b {
		return 1
	}
	return 0
}

// tagScore adds up the weights of a token's features.
type tagScore struct {
	s     [nTags]float32
	table *weightTable
}

// fixed adds the weight of a feature of fixedWeights.
func (sc *tagScore) fixed(f *fixedWeight) {
	if f.ok {
		for t := range sc.s {
			sc.s[t] += f.w[t]
		}
	}
}

// hashed adds the weight of the feature of hash h.
func (sc *tagScore) hashed(h uint64) {
	if w, ok := sc.table.get(h); ok {
		for t := range sc.s {
			sc.s[t] += w[t]
		}
	}
}

// scoreToken returns tg.score(c.features(k, prev, prev2, nil)): the
// same weights of the same features, added in the same order.
func (c *tagContext) scoreToken(tg *Tagger, k, prev, prev2 int) [nTags]float32 {
	fx := tg.fixed
	sc := tagScore{table: &tg.table}
	tx, toks := c.tx, c.tx.toks
	t := &toks[k]
	w := tx.Src[t.s:t.e]
	lw := c.lowerOf(k)
	shape := c.shapeOf(k)
	sc.fixed(&fx.bias)
	wid := lw
	named := t.lex&fSuffix == 0 && t.first == nil && c.corpus[k] == "" && !everyday(c.countsOf(k))
	if named {
		wid = nameStandIn
		sc.fixed(&fx.name)
	} else {
		sc.hashed(tW.hash(wid))
	}
	sc.hashed(tShape.hash(shape))
	if len(lw) > 3 {
		sc.hashed(tSuf3.hash(lw[len(lw)-3:]))
		sc.hashed(tPre3.hash(lw[:3]))
	}
	f := 0
	for i, on := range []bool{t.sentStart, t.shout, t.titled, t.upper} {
		if on {
			f |= 1 << i
		}
	}
	sc.fixed(&fx.flags[f][boolIndex(t.nlBefore)])
	counts := c.countsOf(k)
	sc.fixed(&fx.lex[lexBucketIndex(counts[0])][lexBucketIndex(counts[1])])
	sc.fixed(&fx.everyday[boolIndex(everyday(counts))])
	sc.fixed(&fx.lowerhere[boolIndex(c.lowerSeen.countAt(c.lowerAt[k], lw) > 0)])
	sc.fixed(&fx.caphere[lexBucketIndex(c.capSeen.countAt(c.capAt[k], w))])
	if t.lex&fPersonName != 0 {
		sc.fixed(&fx.person)
	}
	if c.g.mayBeNonCompany(lw) && c.g.nonCompanies[lw] {
		sc.fixed(&fx.noncompany)
	}
	if t.lex&fSuffix != 0 {
		sc.hashed(tSuffix.hash(w))
	}
	if t.first != nil {
		sc.fixed(&fx.gazstart)
	}
	if t.lex&fNoun != 0 {
		sc.fixed(&fx.companynoun)
	}
	sc.fixed(&fx.rule[c.rule[k]])
	sc.fixed(&fx.corpus[corpusIndex(c.corpus[k])])
	for i, d := range [...]int{-2, -1, 1, 2} {
		sc.hashed(ctxTmpls[i].hash(c.contextWord(k + d)))
	}
	sc.hashed(tCtxMinus1Plus1.hash(c.contextWord(k-1), "|", c.contextWord(k+1)))
	sc.fixed(&fx.prev[prev+1])
	sc.fixed(&fx.prev2[prev2+1][prev+1])
	ptag := tagNameOf(prev)
	sc.hashed(tPrevPlusShape.hash(ptag, "|", shape))
	if named {
		sc.fixed(&fx.prevName[prev+1])
	} else {
		sc.hashed(tPrevPlusW.hash(ptag, "|", wid))
	}
	return sc.s
}
