//! The averaged perceptron's weights: [`AveragedWeights`] while training, [`FeatureWeights`]
//! in a trained model.
//!
//! Both trained models are perceptrons over a fixed number of classes `N`: the tagger's
//! structured one (classes are BILOU tags, decoded with Viterbi) and the relation classifier's
//! multi-class one. Each row holds one feature's weight for every class. Training adds and
//! subtracts 1 on a row's class and keeps running sums weighted by the step, so that the
//! average over all steps comes out at the end without summing every step (Daumé's trick:
//! `average = w − u / c`).
//!
//! ```
//! use newsgraph::learn::perceptron::AveragedWeights;
//! let mut table = AveragedWeights::<3>::new(2);
//! table.reward(0, 2, 1); // row 0: class 2 up, class 1 down
//! table.tick();
//! assert_eq!(table.scores([0, 1]), [0.0, -1.0, 1.0]);
//! // the update counted for one step of two
//! assert_eq!(table.averaged()[0], [0.0, -0.5, 0.5]);
//! ```

use rustc_hash::FxHashMap;

/// Adds a row of class weights to the scores, class by class.
fn add_row<const N: usize>(scores: &mut [f32; N], row: &[f32; N]) {
    for (a, b) in scores.iter_mut().zip(row) {
        *a += b;
    }
}

/// Weights and their running sums for averaging, one row of `N` classes per feature.
#[derive(Debug, Clone)]
pub struct AveragedWeights<const N: usize> {
    /// Current weights.
    w: Vec<[f32; N]>,
    /// Running sums `c · Δw`, in f64: with hundreds of thousands of steps f32 loses the low bits.
    u: Vec<[f64; N]>,
    /// The step, from 1.
    c: f64,
}

impl<const N: usize> AveragedWeights<N> {
    /// `rows` rows of zeros, at step 1.
    pub fn new(rows: usize) -> Self {
        AveragedWeights { w: vec![[0.0; N]; rows], u: vec![[0.0; N]; rows], c: 1.0 }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.w.len()
    }

    /// Adds a row of zeros and returns its index.
    pub fn push_row(&mut self) -> usize {
        self.w.push([0.0; N]);
        self.u.push([0.0; N]);
        self.w.len() - 1
    }

    /// The current weights, row by row.
    pub fn weights(&self) -> &[[f32; N]] {
        &self.w
    }

    /// The sum of the current weights of these rows, per class.
    pub fn scores(&self, rows: impl IntoIterator<Item = usize>) -> [f32; N] {
        let mut s = [0f32; N];
        for r in rows {
            add_row(&mut s, &self.w[r]);
        }
        s
    }

    /// Adds 1 to the weight of `class` in `row`.
    pub fn promote(&mut self, row: usize, class: usize) {
        self.w[row][class] += 1.0;
        self.u[row][class] += self.c;
    }

    /// Subtracts 1 from the weight of `class` in `row`.
    pub fn demote(&mut self, row: usize, class: usize) {
        self.w[row][class] -= 1.0;
        self.u[row][class] -= self.c;
    }

    /// The perceptron update of one feature: the right class up, the wrong guess down.
    pub fn reward(&mut self, row: usize, right: usize, wrong: usize) {
        self.promote(row, right);
        self.demote(row, wrong);
    }

    /// Ends a step (one example seen).
    pub fn tick(&mut self) {
        self.c += 1.0;
    }

    /// The weights averaged over every step so far, row by row.
    pub fn averaged(&self) -> Vec<[f32; N]> {
        self.w
            .iter()
            .zip(&self.u)
            .map(|(w, u)| {
                let mut out = [0f32; N];
                for ((o, &w), &u) in out.iter_mut().zip(w).zip(u) {
                    *o = (f64::from(w) - u / self.c) as f32;
                }
                out
            })
            .collect()
    }
}

/// A trained model's weights: a row of `N` class weights for each feature hash that has one.
#[derive(Debug, Clone, Default)]
pub struct FeatureWeights<const N: usize> {
    /// For each feature hash, its row in `rows`.
    index: FxHashMap<u64, u32>,
    rows: Vec<[f32; N]>,
}

impl<const N: usize> FeatureWeights<N> {
    /// No weights, with room for `features` of them.
    pub fn with_capacity(features: usize) -> Self {
        FeatureWeights { index: FxHashMap::with_capacity_and_hasher(features, Default::default()), rows: Vec::new() }
    }

    /// Sets the weights of feature `key`.
    pub fn insert(&mut self, key: u64, row: [f32; N]) {
        match self.index.get(&key) {
            Some(&r) => self.rows[r as usize] = row,
            None => {
                self.index.insert(key, self.rows.len() as u32);
                self.rows.push(row);
            }
        }
    }

    /// Number of features with a row.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// True when no feature has a row.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// The weights of feature `key`.
    pub fn get(&self, key: u64) -> Option<&[f32; N]> {
        self.index.get(&key).map(|&r| &self.rows[r as usize])
    }

    /// The feature hashes, sorted (the order model files are written in).
    pub fn sorted_keys(&self) -> Vec<u64> {
        let mut keys: Vec<u64> = self.index.keys().copied().collect();
        keys.sort_unstable();
        keys
    }

    /// Every weight, in no particular order.
    pub fn values(&self) -> impl Iterator<Item = f32> + '_ {
        self.rows.iter().flatten().copied()
    }

    /// The score of every class for these features: the sum of their weights (features
    /// without a row count 0).
    pub fn scores(&self, features: &[u64]) -> [f32; N] {
        let mut s = [0f32; N];
        for h in features {
            if let Some(&r) = self.index.get(h) {
                add_row(&mut s, &self.rows[r as usize]);
            }
        }
        s
    }
}

impl<const N: usize> FromIterator<(u64, [f32; N])> for FeatureWeights<N> {
    fn from_iter<I: IntoIterator<Item = (u64, [f32; N])>>(iter: I) -> Self {
        let mut out = FeatureWeights::default();
        for (key, row) in iter {
            out.insert(key, row);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averaging_weights_each_update_by_the_steps_it_stood() {
        let mut t = AveragedWeights::<2>::new(1);
        // three steps: an update before the first, nothing, then one undoing it before the third
        t.reward(0, 1, 0);
        t.tick();
        t.tick();
        t.reward(0, 0, 1);
        t.tick();
        assert_eq!(t.weights()[0], [0.0, 0.0]);
        // class 1 was +1 for 2 of 4 steps
        assert_eq!(t.averaged()[0], [-0.5, 0.5]);
        let r = t.push_row();
        assert_eq!((r, t.rows()), (1, 2));
        assert_eq!(t.scores([0, 1, 0]), [0.0, 0.0]);
    }

    #[test]
    fn feature_weights_sum_known_features_only() {
        let mut w: FeatureWeights<2> = [(7, [1.0, 2.0]), (3, [0.5, 0.0])].into_iter().collect();
        assert_eq!(w.scores(&[7, 9, 3, 7]), [2.5, 4.0]);
        w.insert(7, [0.0, 1.0]);
        assert_eq!((w.len(), w.sorted_keys()), (2, vec![3, 7]));
        assert_eq!(w.get(7), Some(&[0.0, 1.0]));
        assert_eq!(w.get(9), None);
    }
}
