//! Tile coordinates: which tiles a tree of `n` leaves has, and their paths.

/// Levels of the tree one tile spans (C2SP tlog-tiles fixes it at 8).
pub const TILE_HEIGHT: u32 = 8;
/// Hashes in a full tile.
pub const TILE_WIDTH: u64 = 1 << TILE_HEIGHT;

/// One tile: its tile level, its index within the level, and how many hashes it holds
/// (a full tile [`TILE_WIDTH`], the partial one at the right edge fewer).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tile {
    /// The tile level `L`: its hashes are nodes at tree level `8L`.
    pub level: u32,
    /// The tile's index `N`: its first hash is node `N * 256` of its tree level.
    pub index: u64,
    /// Hashes in the tile, 1 to [`TILE_WIDTH`].
    pub width: u64,
}

impl Tile {
    /// Whether the tile holds all [`TILE_WIDTH`] hashes (and so never changes again).
    pub fn is_full(&self) -> bool {
        self.width == TILE_WIDTH
    }

    /// The tree level of the tile's hashes.
    pub fn tree_level(&self) -> usize {
        (self.level * TILE_HEIGHT) as usize
    }

    /// The node indices, at [`Tile::tree_level`], of the tile's hashes.
    pub fn nodes(&self) -> std::ops::Range<u64> {
        let start = self.index.saturating_mul(TILE_WIDTH);
        start..start.saturating_add(self.width)
    }

    /// The tile's URL path, `tile/<L>/<N>[.p/<W>]`, with `N` written three digits per
    /// path element, all but the last prefixed by `x` (`1234067` is `x001/x234/067`), so
    /// no directory holds more than a thousand names of each kind.
    pub fn path(&self) -> String {
        let mut n = self.index;
        let mut elements = vec![format!("{:03}", n % 1000)];
        while n >= 1000 {
            n /= 1000;
            elements.push(format!("x{:03}", n % 1000));
        }
        elements.reverse();
        let partial = if self.is_full() {
            String::new()
        } else {
            format!(".p/{}", self.width)
        };
        format!("tile/{}/{}{partial}", self.level, elements.join("/"))
    }
}

/// The tiles of a tree of `size` leaves, level by level, left to right; an iterator,
/// since a tree of 2^32 leaves has 2^24 tiles at level 0.
pub fn tiles(size: u64) -> Tiles {
    Tiles {
        size,
        level: 0,
        index: 0,
    }
}

/// Iterator over the tiles of one tree size, made by [`tiles`].
#[derive(Clone, Debug)]
pub struct Tiles {
    size: u64,
    level: u32,
    index: u64,
}

impl Tiles {
    /// Complete subtrees of `2^(8 level)` leaves: the hashes of tile level `level`.
    fn hashes_at(&self, level: u32) -> u64 {
        let shift = level * TILE_HEIGHT;
        if shift >= 64 {
            0
        } else {
            self.size >> shift
        }
    }
}

impl Iterator for Tiles {
    type Item = Tile;

    fn next(&mut self) -> Option<Tile> {
        loop {
            let hashes = self.hashes_at(self.level);
            if hashes == 0 {
                return None;
            }
            let start = self.index.saturating_mul(TILE_WIDTH);
            if start < hashes {
                let tile = Tile {
                    level: self.level,
                    index: self.index,
                    width: (hashes - start).min(TILE_WIDTH),
                };
                self.index += 1;
                return Some(tile);
            }
            self.level += 1;
            self.index = 0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_follow_the_spec_examples() {
        // The examples of c2sp.org/tlog-tiles and of x/mod's Tile.Path.
        let t = |level, index, width| {
            Tile {
                level,
                index,
                width,
            }
            .path()
        };
        assert_eq!(t(0, 1_234_067, 256), "tile/0/x001/x234/067");
        assert_eq!(t(4, 1_234_067, 1), "tile/4/x001/x234/067.p/1");
        assert_eq!(t(0, 0, 256), "tile/0/000");
        assert_eq!(t(1, 1000, 255), "tile/1/x001/000.p/255");
    }

    #[test]
    fn a_tree_has_full_tiles_then_one_partial_per_level() {
        let all: Vec<Tile> = tiles(65_536 + 300).collect();
        let level0: Vec<&Tile> = all.iter().filter(|t| t.level == 0).collect();
        // 65,836 = 257 * 256 + 44.
        assert_eq!(level0.len(), 258);
        assert!(level0[..257].iter().all(|t| t.is_full()));
        assert_eq!(level0[257].width, 44);
        let level1: Vec<&Tile> = all.iter().filter(|t| t.level == 1).collect();
        assert_eq!(level1.len(), 2);
        assert_eq!(level1[1].width, 1);
        let level2: Vec<&Tile> = all.iter().filter(|t| t.level == 2).collect();
        assert_eq!(level2.len(), 1);
        assert_eq!(level2[0].width, 1);
        assert_eq!(all.len(), 261);
        assert_eq!(tiles(0).count(), 0);
        assert_eq!(tiles(255).collect::<Vec<_>>().len(), 1);
    }
}
