//! An RFC 6962 store served as C2SP tlog-tiles (<https://c2sp.org/tlog-tiles>): the
//! static files a tlog client fetches, hash tiles of height 8 and a checkpoint body.
//!
//! A tile at level `L` holds, in order, the hashes of up to 256 consecutive complete
//! subtrees of `2^(8L)` leaves: exactly the store's nodes at tree level `8L` whose
//! block is full, so a tile is a run of one level file and nothing is hashed again
//! unless `keep_every` dropped that level.

mod checkpoint;
mod durable;
mod tile;
mod write;

pub use checkpoint::{check_origin, checkpoint_body};
pub use tile::{tiles, Tile, Tiles, TILE_HEIGHT, TILE_WIDTH};
pub use write::{tile_data, write_tiles, TilesWritten, CHECKPOINT, HASH_BYTES};
