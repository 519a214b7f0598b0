//! Graph analytics over the entities and their statement edges: degree, weighted degree,
//! PageRank, connected components and communities (Louvain).
//!
//! Each statement edge counts once (a statement with an object and two targets gives three
//! edges). Every figure is deterministic: nodes are visited in key order and ties are broken by
//! key, so the same graph always gives the same numbers.
//!
//! ```
//! let pipeline = newsgraph::Pipeline::new();
//! let mut graph = newsgraph::graph::KnowledgeGraph::new();
//! graph.add(&pipeline.run_text("Estonia accused Russia of jamming flights. Latvia criticised Russia."));
//! let analytics = graph.analytics();
//! let russia = analytics.get("country:RUS").unwrap();
//! assert_eq!(russia.degree, 2);
//! assert_eq!(analytics.ranked()[0].0, "country:RUS");
//! assert_eq!(analytics.component_count(), 1);
//! ```

use std::collections::{BTreeMap, BTreeSet};

use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

use super::KnowledgeGraph;

/// PageRank's damping factor (the probability of following an edge), as networkx and Gephi use.
pub const DAMPING: f64 = 0.85;
/// PageRank stops when the ranks change by less than this in total (L1), ...
const TOLERANCE: f64 = 1e-12;
/// ... or after this many iterations.
const MAX_ITERATIONS: usize = 1000;
/// Louvain's local moving stops after this many passes even if nodes still move.
const MAX_ROUNDS: usize = 100;

/// The figures of one entity.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityMetrics {
    /// Distinct entities linked to it by a statement, either way.
    pub degree: usize,
    /// Statement edges that start or end at it (a statement about itself counts twice).
    pub weighted_degree: usize,
    /// PageRank over the directed statement edges (subject to object and targets), each edge of
    /// weight 1, damping [`DAMPING`]; the ranks of all entities add up to 1. Rounded to 8
    /// decimals, so that ties are real ties (broken by key) and every output shows the same
    /// figure.
    pub page_rank: f64,
    /// Its connected component: 0 is the largest (ties: the one with the first key).
    pub component: usize,
    /// Its community by the Louvain method over the undirected, weighted statement edges: 0 is
    /// the largest (ties: the one with the first key).
    /// An entity without edges is a community of its own.
    pub community: usize,
}

/// The figures of every entity of a graph.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Analytics {
    metrics: BTreeMap<String, EntityMetrics>,
    components: usize,
    communities: usize,
}

impl Analytics {
    /// The figures of an entity, by key.
    pub fn get(&self, key: &str) -> Option<&EntityMetrics> {
        self.metrics.get(key)
    }

    /// Every entity's figures, by key.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &EntityMetrics)> {
        self.metrics.iter().map(|(k, m)| (k.as_str(), m))
    }

    /// Entities by PageRank, highest first; ties by key.
    pub fn ranked(&self) -> Vec<(&str, &EntityMetrics)> {
        let mut out: Vec<(&str, &EntityMetrics)> = self.iter().collect();
        out.sort_by(|a, b| b.1.page_rank.total_cmp(&a.1.page_rank).then_with(|| a.0.cmp(b.0)));
        out
    }

    /// Number of connected components (an entity without edges is one).
    pub fn component_count(&self) -> usize {
        self.components
    }

    /// Number of communities.
    pub fn community_count(&self) -> usize {
        self.communities
    }
}

/// Numbers groups by size (largest first), ties by their first member; `labels[i]` is any
/// label of node `i` (nodes in key order).
fn renumber(labels: &[usize]) -> (Vec<usize>, usize) {
    let mut groups: BTreeMap<usize, (usize, usize)> = BTreeMap::new(); // label -> (size, first)
    for (i, &l) in labels.iter().enumerate() {
        let g = groups.entry(l).or_insert((0, i));
        g.0 += 1;
    }
    let mut order: Vec<(usize, usize, usize)> = groups.iter().map(|(&l, &(size, first))| (size, first, l)).collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let id: BTreeMap<usize, usize> = order.iter().enumerate().map(|(n, &(_, _, l))| (l, n)).collect();
    (labels.iter().map(|l| id[l]).collect(), order.len())
}

/// PageRank by power iteration over weighted edges `(from, to, weight)`: a dangling node's rank
/// goes to every node alike (as in networkx's `pagerank`).
fn page_rank(n: usize, edges: &[(usize, usize, f64)]) -> Vec<f64> {
    if n == 0 {
        return Vec::new();
    }
    let mut out_weight = vec![0.0; n];
    for &(from, _, w) in edges {
        out_weight[from] += w;
    }
    let uniform = 1.0 / n as f64;
    let mut rank = vec![uniform; n];
    for _ in 0..MAX_ITERATIONS {
        let dangling: f64 = (0..n).filter(|&i| out_weight[i] == 0.0).map(|i| rank[i]).sum();
        let mut next = vec![(1.0 - DAMPING) * uniform + DAMPING * dangling * uniform; n];
        for &(from, to, w) in edges {
            next[to] += DAMPING * rank[from] * w / out_weight[from];
        }
        let change: f64 = next.iter().zip(&rank).map(|(a, b)| (a - b).abs()).sum();
        rank = next;
        if change < TOLERANCE {
            break;
        }
    }
    rank
}

/// An undirected weighted graph for Louvain: `adjacency[i]` lists `(j, w)`, a self-loop once.
struct Undirected {
    adjacency: Vec<Vec<(usize, f64)>>,
}

impl Undirected {
    /// From edges `(a, b, w)` with `a <= b`, each pair once.
    fn new(n: usize, edges: &BTreeMap<(usize, usize), f64>) -> Self {
        let mut adjacency = vec![Vec::new(); n];
        for (&(a, b), &w) in edges {
            adjacency[a].push((b, w));
            if a != b {
                adjacency[b].push((a, w));
            }
        }
        Undirected { adjacency }
    }

    /// The weighted degree of each node, a self-loop counted twice.
    fn degrees(&self) -> Vec<f64> {
        (self.adjacency.iter().enumerate())
            .map(|(i, list)| list.iter().map(|&(j, w)| if j == i { 2.0 * w } else { w }).sum())
            .collect()
    }

    /// One level of Louvain's local moving: each node, in order, joins the neighbouring
    /// community that raises modularity most (strictly; ties go to the community first met in
    /// ascending order, staying put wins a tie), until a pass moves nothing. Returns the
    /// community of each node, numbered from 0 in order of first node, and whether any moved.
    fn local_moving(&self) -> (Vec<usize>, bool) {
        let n = self.adjacency.len();
        let k = self.degrees();
        let m2: f64 = k.iter().sum();
        let mut community: Vec<usize> = (0..n).collect();
        let mut total = k.clone();
        let mut moved_any = false;
        if m2 == 0.0 {
            return (community, false);
        }
        for _ in 0..MAX_ROUNDS {
            let mut moved = false;
            for i in 0..n {
                let own = community[i];
                total[own] -= k[i];
                let mut links: BTreeMap<usize, f64> = BTreeMap::new();
                links.insert(own, 0.0);
                for &(j, w) in &self.adjacency[i] {
                    if j != i {
                        *links.entry(community[j]).or_default() += w;
                    }
                }
                let gain = |c: usize, w: f64| w - total[c] * k[i] / m2;
                let mut best = (own, gain(own, links[&own]));
                for (&c, &w) in &links {
                    let g = gain(c, w);
                    if g > best.1 + 1e-12 {
                        best = (c, g);
                    }
                }
                total[best.0] += k[i];
                if best.0 != own {
                    community[i] = best.0;
                    moved = true;
                    moved_any = true;
                }
            }
            if !moved {
                break;
            }
        }
        let mut id: BTreeMap<usize, usize> = BTreeMap::new();
        let labels = community
            .iter()
            .map(|c| {
                let next = id.len();
                *id.entry(*c).or_insert(next)
            })
            .collect();
        (labels, moved_any)
    }
}

/// Communities by the Louvain method (Blondel et al. 2008): local moving, then each community
/// becomes one node, until nothing moves. Deterministic: nodes in order, ties kept.
fn louvain(n: usize, edges: &BTreeMap<(usize, usize), f64>) -> Vec<usize> {
    let mut membership: Vec<usize> = (0..n).collect();
    let mut edges = edges.clone();
    let mut size = n;
    loop {
        let (community, moved) = Undirected::new(size, &edges).local_moving();
        if !moved {
            return membership;
        }
        for m in &mut membership {
            *m = community[*m];
        }
        let mut next: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for (&(a, b), &w) in &edges {
            let (x, y) = (community[a], community[b]);
            *next.entry((x.min(y), x.max(y))).or_default() += w;
        }
        size = community.iter().max().map_or(0, |m| m + 1);
        edges = next;
    }
}

impl KnowledgeGraph {
    /// Degree, weighted degree, PageRank, component and community of every entity.
    pub fn analytics(&self) -> Analytics {
        let nodes: Vec<petgraph::graph::NodeIndex> = self.index.values().copied().collect();
        let n = nodes.len();
        let mut position = vec![0; self.graph.node_count()];
        for (i, node) in nodes.iter().enumerate() {
            position[node.index()] = i;
        }
        // edges in key order of their ends, parallel edges summed
        let mut directed: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for e in self.graph.edge_references() {
            *directed.entry((position[e.source().index()], position[e.target().index()])).or_default() += 1.0;
        }
        let edges: Vec<(usize, usize, f64)> = directed.iter().map(|(&(a, b), &w)| (a, b, w)).collect();

        let mut weighted_degree = vec![0usize; n];
        let mut neighbours: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); n];
        let mut undirected: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        let mut union = UnionFind::<usize>::new(n);
        for &(a, b, w) in &edges {
            weighted_degree[a] += w as usize;
            weighted_degree[b] += w as usize;
            union.union(a, b);
            if a != b {
                neighbours[a].insert(b);
                neighbours[b].insert(a);
            }
            *undirected.entry((a.min(b), a.max(b))).or_default() += w;
        }
        let ranks = page_rank(n, &edges);
        let (component, components) = renumber(&union.into_labeling());
        let (community, communities) = renumber(&louvain(n, &undirected));
        let metrics = self
            .index
            .keys()
            .enumerate()
            .map(|(i, key)| {
                let m = EntityMetrics {
                    degree: neighbours[i].len(),
                    weighted_degree: weighted_degree[i],
                    page_rank: (ranks[i] * 1e8).round() / 1e8,
                    component: component[i],
                    community: community[i],
                };
                (key.clone(), m)
            })
            .collect();
        Analytics { metrics, components, communities }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn analytics_page_rank_matches_a_hand_computed_chain() {
        // a -> b -> c, c dangling: the closed form of the stationary distribution
        let r = page_rank(3, &[(0, 1, 1.0), (1, 2, 1.0)]);
        assert!((r.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert!(r[0] < r[1] && r[1] < r[2]);
        // networkx.pagerank(nx.DiGraph([(0, 1), (1, 2)])) gives these
        for (x, y) in r.iter().zip([0.184416, 0.341171, 0.474412]) {
            assert!((x - y).abs() < 1e-6, "{r:?}");
        }
    }

    #[test]
    fn analytics_page_rank_weighs_parallel_edges() {
        let r = page_rank(3, &[(0, 1, 2.0), (0, 2, 1.0)]);
        assert!(r[1] > r[2]);
    }

    #[test]
    fn analytics_louvain_splits_two_triangles_joined_by_one_edge() {
        let edges = [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)].map(|e| (e, 1.0)).into_iter().collect();
        let (community, count) = renumber(&louvain(7, &edges));
        assert_eq!(count, 3, "node 6 has no edge: a community of its own");
        assert_eq!(community, [0, 0, 0, 1, 1, 1, 2]);
    }

    #[test]
    fn analytics_louvain_joins_two_cliques_only_through_many_edges() {
        // two 4-cliques: apart when one edge joins them
        let mut edges: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for base in [0, 4] {
            for a in base..base + 4 {
                for b in a + 1..base + 4 {
                    edges.insert((a, b), 1.0);
                }
            }
        }
        edges.insert((3, 4), 1.0);
        let (community, _) = renumber(&louvain(8, &edges));
        assert_eq!(community, [0, 0, 0, 0, 1, 1, 1, 1]);
    }

    #[test]
    fn analytics_groups_are_numbered_by_size_then_first_member() {
        assert_eq!(renumber(&[7, 3, 3, 9, 7, 3]), (vec![1, 0, 0, 2, 1, 0], 3));
        assert_eq!(renumber(&[]), (vec![], 0));
    }
}
