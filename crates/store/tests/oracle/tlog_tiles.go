// Command tlog_tiles checks a C2SP tlog-tiles directory written by merklab against
// Go's golang.org/x/mod/sumdb/tlog, an independent implementation of the same tree:
// it hashes the leaves itself, builds its own hash storage, produces every tile with
// tlog.ReadTileData and compares them byte for byte with the files, refuses any file
// that should not be there (an earlier partial tile must hold the right hashes), checks the checkpoint body with tlog.ParseTree, and
// proves leaves through tlog.TileHashReader over the files alone.
//
// Usage: tlog_tiles -leaves FILE -tiles DIR -origin ORIGIN
// FILE holds one hex leaf per line. Exit 0 and "ok" when everything agrees.
package main

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

const height = 8

// c2spPath is x/mod's tile path without its height element: tlog-tiles fixes the
// height at 8 and leaves it out of the URL.
func c2spPath(t tlog.Tile) string {
	return strings.Replace(t.Path(), fmt.Sprintf("tile/%d/", height), "tile/", 1)
}

type dirTiles struct{ dir string }

func (d dirTiles) Height() int { return height }

func (d dirTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		data, err := os.ReadFile(filepath.Join(d.dir, c2spPath(t)))
		if err != nil {
			return nil, err
		}
		out[i] = data
	}
	return out, nil
}

func (d dirTiles) SaveTiles([]tlog.Tile, [][]byte) {}

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "tlog oracle: "+format+"\n", args...)
	os.Exit(1)
}

func main() {
	leavesPath := flag.String("leaves", "", "hex leaves, one per line")
	dir := flag.String("tiles", "", "the tile directory")
	origin := flag.String("origin", "", "the checkpoint's origin line")
	flag.Parse()

	file, err := os.Open(*leavesPath)
	if err != nil {
		fail("%v", err)
	}
	var stored []tlog.Hash
	reader := tlog.HashReaderFunc(func(indexes []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(indexes))
		for i, x := range indexes {
			out[i] = stored[x]
		}
		return out, nil
	})
	var leafHashes []tlog.Hash
	scanner := bufio.NewScanner(file)
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if line == "" {
			continue
		}
		data, err := hex.DecodeString(line)
		if err != nil {
			fail("leaf %d: %v", len(leafHashes), err)
		}
		hashes, err := tlog.StoredHashes(int64(len(leafHashes)), data, reader)
		if err != nil {
			fail("%v", err)
		}
		stored = append(stored, hashes...)
		leafHashes = append(leafHashes, tlog.RecordHash(data))
	}
	n := int64(len(leafHashes))
	root, err := tlog.TreeHash(n, reader)
	if err != nil {
		fail("%v", err)
	}

	// Every tile of the tree, the widest of each position, byte for byte.
	want := map[string]bool{"checkpoint": true}
	widest := map[[2]int64]tlog.Tile{}
	for _, t := range tlog.NewTiles(height, 0, n) {
		key := [2]int64{int64(t.L), t.N}
		if w, ok := widest[key]; !ok || t.W > w.W {
			widest[key] = t
		}
	}
	for _, t := range widest {
		data, err := tlog.ReadTileData(t, reader)
		if err != nil {
			fail("%v", err)
		}
		path := c2spPath(t)
		got, err := os.ReadFile(filepath.Join(*dir, path))
		if err != nil {
			fail("%v", err)
		}
		if !bytes.Equal(got, data) {
			fail("%s differs from x/mod's tile", path)
		}
		want[path] = true
	}
	err = filepath.WalkDir(*dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(*dir, path)
		rel = filepath.ToSlash(rel)
		if want[rel] {
			return nil
		}
		// A partial tile of an earlier size stays valid: it must be a narrower
		// version of a tile the tree has, holding that tile's first hashes.
		t, err := tlog.ParseTilePath(strings.Replace(rel, "tile/", fmt.Sprintf("tile/%d/", height), 1))
		if err != nil {
			return fmt.Errorf("%s is not a tile path", rel)
		}
		if w, ok := widest[[2]int64{int64(t.L), t.N}]; !ok || w.W <= t.W {
			return fmt.Errorf("%s is not a tile of a tree of %d leaves", rel, n)
		}
		data, err := tlog.ReadTileData(t, reader)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, data) {
			return fmt.Errorf("%s differs from x/mod's tile", rel)
		}
		return nil
	})
	if err != nil {
		fail("%v", err)
	}

	// The checkpoint body: the origin line, then what x/mod's tree note parses.
	body, err := os.ReadFile(filepath.Join(*dir, "checkpoint"))
	if err != nil {
		fail("%v", err)
	}
	lines := strings.SplitN(string(body), "\n", 2)
	if len(lines) != 2 || lines[0] != *origin {
		fail("the checkpoint's first line is not the origin %q", *origin)
	}
	tree, err := tlog.ParseTree([]byte("go.sum database tree\n" + lines[1]))
	if err != nil {
		fail("checkpoint: %v", err)
	}
	if tree.N != n || tree.Hash != root {
		fail("checkpoint says %d leaves and %v; x/mod says %d and %v", tree.N, tree.Hash, n, root)
	}
	if !bytes.Equal(tlog.FormatTree(tree)[len("go.sum database tree\n"):], []byte(lines[1])) {
		fail("the checkpoint body is not in the canonical form")
	}

	// Inclusion of leaves spread over the tree, through the tiles alone: the tile
	// reader authenticates every tile it loads against the checkpoint's root.
	tiled := tlog.TileHashReader(tree, dirTiles{*dir})
	for _, i := range []int64{0, n / 3, n / 2, n - 1} {
		proof, err := tlog.ProveRecord(n, i, tiled)
		if err != nil {
			fail("leaf %d: %v", i, err)
		}
		if err := tlog.CheckRecord(proof, n, tree.Hash, i, leafHashes[i]); err != nil {
			fail("leaf %d: %v", i, err)
		}
	}
	fmt.Printf("ok %d leaves, %d tiles\n", n, len(widest))
}
