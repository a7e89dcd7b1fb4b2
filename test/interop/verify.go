// Command verify checks a running Veche server's public record with nothing but Go's own
// golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog (Debian's golang-golang-x-mod-dev, x/mod v0.7.0):
// the signed checkpoint, the hash tiles against its root, inclusion proofs of records it reads from the entry
// bundles itself, and a consistency proof from an earlier checkpoint.
//
// Build: GO111MODULE=off GOPATH=/usr/share/gocode go build -o verify test/interop/verify.go
// Run:   verify -url http://127.0.0.1:3000 -key 'name+keyid+base64' [-old earlier-checkpoint.txt] [-records 0,5,299]
//
// It prints one line per check and exits 1 on the first failure.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// tileHeight is the height of C2SP tlog-tiles: 256 hashes a tile.
const tileHeight = 8

var client = &http.Client{Timeout: 30 * time.Second}

func main() {
	url := flag.String("url", "", "the Veche server, e.g. http://127.0.0.1:3000")
	key := flag.String("key", "", "the log's verifier key, name+keyid+base64")
	old := flag.String("old", "", "a file holding an earlier signed checkpoint of the same log")
	records := flag.String("records", "0", "comma-separated leaf indexes to prove inclusion of")
	flag.Parse()
	if *url == "" || *key == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := verify(strings.TrimRight(*url, "/"), *key, *old, *records); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		os.Exit(1)
	}
	fmt.Println("all checks passed")
}

func verify(url, key, oldFile, records string) error {
	verifier, err := note.NewVerifier(key)
	if err != nil {
		return fmt.Errorf("verifier key: %v", err)
	}
	verifiers := note.VerifierList(verifier)

	// The checkpoint: a signed note (c2sp.org/signed-note) whose text is a C2SP checkpoint.
	msg, err := get(url + "/log/checkpoint")
	if err != nil {
		return err
	}
	n, err := note.Open(msg, verifiers)
	if err != nil {
		return fmt.Errorf("note.Open: %v", err)
	}
	origin, tree, err := parseCheckpoint(n.Text)
	if err != nil {
		return err
	}
	if origin != verifier.Name() {
		return fmt.Errorf("checkpoint origin %q, key name %q", origin, verifier.Name())
	}
	fmt.Printf("checkpoint signed by %s: %d records, root %s\n", verifier.Name(), tree.N, tree.Hash)

	// The tiles give the root. TileHashReader checks every tile it reads against the tree it is given.
	reader := tlog.TileHashReader(tree, &tileReader{url: url})
	th, err := tlog.TreeHash(tree.N, reader)
	if err != nil {
		return fmt.Errorf("tlog.TreeHash(%d): %v", tree.N, err)
	}
	if th != tree.Hash {
		return fmt.Errorf("tlog.TreeHash(%d) = %s, checkpoint says %s", tree.N, th, tree.Hash)
	}
	fmt.Printf("tree hash from tiles matches the checkpoint\n")

	// Inclusion: each record read from its entry bundle, hashed by tlog, proved in the tree.
	for _, field := range strings.Split(records, ",") {
		index, err := strconv.ParseInt(strings.TrimSpace(field), 10, 64)
		if err != nil || index < 0 || index >= tree.N {
			return fmt.Errorf("record %q is not in a tree of %d", field, tree.N)
		}
		data, err := readRecord(url, tree.N, index)
		if err != nil {
			return err
		}
		proof, err := tlog.ProveRecord(tree.N, index, reader)
		if err != nil {
			return fmt.Errorf("tlog.ProveRecord(%d, %d): %v", tree.N, index, err)
		}
		if err := tlog.CheckRecord(proof, tree.N, tree.Hash, index, tlog.RecordHash(data)); err != nil {
			return fmt.Errorf("tlog.CheckRecord(record %d): %v", index, err)
		}
		fmt.Printf("record %d is in the tree (%d-hash proof): %s\n", index, len(proof), data)
	}

	// Consistency: an earlier checkpoint of the same log is a prefix of this one.
	if oldFile != "" {
		oldMsg, err := os.ReadFile(oldFile)
		if err != nil {
			return err
		}
		oldNote, err := note.Open(oldMsg, verifiers)
		if err != nil {
			return fmt.Errorf("note.Open(earlier checkpoint): %v", err)
		}
		oldOrigin, oldTree, err := parseCheckpoint(oldNote.Text)
		if err != nil {
			return err
		}
		if oldOrigin != origin || oldTree.N < 1 || oldTree.N > tree.N {
			return fmt.Errorf("the earlier checkpoint (%s, %d) cannot be a prefix of (%s, %d)", oldOrigin, oldTree.N, origin, tree.N)
		}
		proof, err := tlog.ProveTree(tree.N, oldTree.N, reader)
		if err != nil {
			return fmt.Errorf("tlog.ProveTree(%d, %d): %v", tree.N, oldTree.N, err)
		}
		if err := tlog.CheckTree(proof, tree.N, tree.Hash, oldTree.N, oldTree.Hash); err != nil {
			return fmt.Errorf("tlog.CheckTree(%d → %d): %v", oldTree.N, tree.N, err)
		}
		fmt.Printf("checkpoint of %d records is consistent with the earlier one of %d (%d-hash proof)\n", tree.N, oldTree.N, len(proof))
	}
	return nil
}

// parseCheckpoint reads a C2SP checkpoint body (c2sp.org/tlog-checkpoint): origin, size, base64 root, extensions.
// tlog.ParseTree wants the Go checksum database's own first line, so it cannot read these.
func parseCheckpoint(text string) (string, tlog.Tree, error) {
	lines := strings.SplitN(text, "\n", 4)
	if len(lines) < 4 {
		return "", tlog.Tree{}, errors.New("checkpoint: fewer than three lines")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return "", tlog.Tree{}, fmt.Errorf("checkpoint: bad size %q", lines[1])
	}
	hash, err := tlog.ParseHash(lines[2])
	if err != nil {
		return "", tlog.Tree{}, fmt.Errorf("checkpoint: bad root %q", lines[2])
	}
	return lines[0], tlog.Tree{N: size, Hash: hash}, nil
}

// tileReader serves tlog's tiles from the server. x/mod v0.7.0 names them tile/8/<L>/<N> and tile/8/data/<N>; a
// C2SP log serves tile/<L>/<N> and tile/entries/<N> (the same N encoding, and .p/<W> for partial tiles).
type tileReader struct {
	url string
}

func (r *tileReader) Height() int { return tileHeight }

func (r *tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, t := range tiles {
		body, err := get(r.url + "/log/" + c2spPath(t))
		if err != nil {
			return nil, err
		}
		data[i] = body
	}
	return data, nil
}

func (r *tileReader) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func c2spPath(t tlog.Tile) string {
	path := strings.TrimPrefix(t.Path(), fmt.Sprintf("tile/%d/", tileHeight))
	if strings.HasPrefix(path, "data/") {
		return "tile/entries/" + strings.TrimPrefix(path, "data/")
	}
	return "tile/" + path
}

// readRecord reads record `index` from its entry bundle: a C2SP bundle is a sequence of big-endian uint16
// length-prefixed entries, not Go's newline-separated records, so tlog cannot split it.
func readRecord(url string, size, index int64) ([]byte, error) {
	n := index / (1 << tileHeight)
	width := size - n*(1<<tileHeight)
	if width > 1<<tileHeight {
		width = 1 << tileHeight
	}
	bundle, err := get(url + "/log/" + c2spPath(tlog.Tile{H: tileHeight, L: -1, N: n, W: int(width)}))
	if err != nil {
		return nil, err
	}
	for i := int64(0); len(bundle) > 0; i++ {
		if len(bundle) < 2 {
			return nil, errors.New("bundle: truncated length")
		}
		length := int(bundle[0])<<8 | int(bundle[1])
		if len(bundle) < 2+length {
			return nil, errors.New("bundle: truncated entry")
		}
		if n*(1<<tileHeight)+i == index {
			return bundle[2 : 2+length], nil
		}
		bundle = bundle[2+length:]
	}
	return nil, fmt.Errorf("bundle %d has no record %d", n, index)
}

func get(url string) ([]byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 32<<20))
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return body, nil
}
