package partnergraph

//go:generate go tool gqlgen generate
