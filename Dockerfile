# partnergraph server image: `docker compose up` builds it (see
# docker-compose.yml); `docker build -t partnergraph .` works alone too.

# Build stage: the Go version matches go.mod's `go` line.
FROM golang:1.26 AS build
WORKDIR /src
ENV CGO_ENABLED=0 GOFLAGS=-buildvcs=false
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -trimpath -ldflags="-s -w" -o /out/partnergraph ./cmd/partnergraph

# Run stage: a static binary and the sample articles, running as non-root.
FROM gcr.io/distroless/static-debian12:nonroot
WORKDIR /app
COPY --from=build /out/partnergraph /usr/local/bin/partnergraph
COPY examples/articles /app/examples/articles
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/partnergraph"]
CMD ["serve", "--addr", "0.0.0.0:8080", "--load", "examples/articles"]
