//! The order a trainer visits its examples in: shuffled before every pass by ChaCha8 from a
//! seed, which gives the same sequence on every platform and rand version of one major line.
//!
//! ```
//! use newsgraph::learn::shuffle::SeededOrder;
//! let mut a = SeededOrder::new(5, 7);
//! let mut b = SeededOrder::new(5, 7);
//! let first = a.next_pass().to_vec();
//! assert_eq!(first, b.next_pass());
//! let mut sorted = first.clone();
//! sorted.sort_unstable();
//! assert_eq!(sorted, [0, 1, 2, 3, 4]);
//! ```

use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The indexes `0..len`, reshuffled for each pass over the data.
#[derive(Debug, Clone)]
pub struct SeededOrder {
    rng: ChaCha8Rng,
    order: Vec<usize>,
}

impl SeededOrder {
    /// An order over `len` examples, seeded by `seed`.
    pub fn new(len: usize, seed: u64) -> Self {
        SeededOrder { rng: ChaCha8Rng::seed_from_u64(seed), order: (0..len).collect() }
    }

    /// Shuffles the order again (it goes on from the last pass) and returns it.
    pub fn next_pass(&mut self) -> &[usize] {
        self.order.shuffle(&mut self.rng);
        &self.order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seeded_order_is_pinned() {
        // a change here (rand, rand_chacha, the shuffle) changes every trained model's bytes
        let mut o = SeededOrder::new(8, 7);
        assert_eq!(o.next_pass(), [0, 7, 5, 2, 4, 1, 6, 3]);
        assert_eq!(o.next_pass(), [7, 5, 4, 1, 3, 0, 6, 2]);
    }
}
