//! Turns a bag of spans from many nodes into one tree: duplicates dropped, missing parents and
//! cycles survived with a warning, clock skew between nodes corrected (a child is never placed
//! before its parent), and the critical path found.

use super::Span;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One span placed in the tree, in display order (depth-first, children by start time).
#[derive(Debug, Clone)]
pub struct Row {
    /// The span as recorded.
    pub span: Span,
    /// Depth in the tree; roots are 0.
    pub depth: usize,
    /// Start after skew correction, nanoseconds from the trace's start.
    pub offset_ns: u64,
    /// Whether the span is on the critical path.
    pub critical: bool,
    /// Whether this is the last child of its parent (for tree glyphs).
    pub last_child: bool,
    /// Index of the parent row, if any.
    pub parent: Option<usize>,
}

/// A correction applied to one node's clock, relative to its caller's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize, schemars::JsonSchema)]
pub struct SkewAdjustment {
    /// Node whose spans were moved.
    pub node_id: String,
    /// Node whose clock it was aligned to.
    pub relative_to: String,
    /// Shift applied, nanoseconds (positive = later).
    pub shift_ns: i64,
}

/// An assembled trace.
#[derive(Debug, Clone, Default)]
pub struct Assembled {
    /// Rows in display order.
    pub rows: Vec<Row>,
    /// Span ids on the critical path, in time order.
    pub critical_path: Vec<String>,
    /// Wall time from the first start to the last end after correction, nanoseconds.
    pub total_ns: u64,
    /// Start of the trace (earliest corrected start), nanoseconds since the Unix epoch.
    pub start_unix_nano: u64,
    /// Clock corrections made.
    pub skew: Vec<SkewAdjustment>,
    /// Everything odd found on the way (duplicates, missing parents, cycles).
    pub warnings: Vec<String>,
}

/// Assembles `spans` (any order, any source) into a tree. Never fails: damaged traces are drawn
/// as well as they can be, with warnings.
pub fn assemble(spans: Vec<Span>) -> Assembled {
    let mut warnings = Vec::new();
    // 1. Drop duplicates (the same span reported twice, e.g. by two sources).
    let mut seen = HashSet::with_capacity(spans.len());
    let mut list: Vec<Span> = Vec::with_capacity(spans.len());
    let mut duplicates = 0usize;
    for mut s in spans {
        s.span_id.make_ascii_lowercase();
        if let Some(p) = s.parent_span_id.as_mut() {
            p.make_ascii_lowercase();
        }
        if s.parent_span_id.as_deref().is_some_and(str::is_empty) {
            s.parent_span_id = None;
        }
        if seen.insert(s.span_id.clone()) {
            list.push(s);
        } else {
            duplicates += 1;
        }
    }
    if duplicates > 0 {
        warnings.push(format!("{duplicates} duplicate span(s) ignored"));
    }
    let n = list.len();
    if n == 0 {
        return Assembled {
            warnings,
            ..Assembled::default()
        };
    }
    let index: HashMap<&str, usize> = list
        .iter()
        .enumerate()
        .map(|(i, s)| (s.span_id.as_str(), i))
        .collect();

    // 2. Parent links; a missing parent makes a root.
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut missing: Vec<usize> = Vec::new();
    for (i, s) in list.iter().enumerate() {
        if let Some(p) = &s.parent_span_id {
            match index.get(p.as_str()) {
                Some(&pi) if pi != i => parent[i] = Some(pi),
                Some(_) => warnings.push(format!("span {} is its own parent", s.span_id)),
                None => missing.push(i),
            }
        }
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            children[*p].push(i);
        }
    }
    for c in &mut children {
        c.sort_by_key(|&i| (list[i].start_unix_nano, i));
    }

    // 3. Depth-first order from the roots; spans left unvisited sit on a cycle, which is cut at
    //    its earliest span.
    let mut roots: Vec<usize> = (0..n).filter(|&i| parent[i].is_none()).collect();
    roots.sort_by_key(|&i| {
        (
            list[i].start_unix_nano,
            std::cmp::Reverse(list[i].duration_ns),
        )
    });
    // The main root may continue a caller's trace (its `traceparent` names a span outside the
    // cluster); any other span whose parent is missing means lost data.
    let lost = missing
        .iter()
        .filter(|&&i| roots.first() != Some(&i))
        .count();
    if lost > 0 {
        warnings.push(format!(
            "{lost} span(s) have a parent that was not found (not recorded, evicted, or on a node that did not answer); drawn as roots"
        ));
    }
    let mut visited = vec![false; n];
    let mut order: Vec<(usize, usize)> = Vec::with_capacity(n); // (span, depth)
    let walk = |root: usize, visited: &mut Vec<bool>, order: &mut Vec<(usize, usize)>| {
        let mut stack = vec![(root, 0usize)];
        while let Some((i, d)) = stack.pop() {
            if visited[i] {
                continue;
            }
            visited[i] = true;
            order.push((i, d));
            for &c in children[i].iter().rev() {
                if !visited[c] {
                    stack.push((c, d + 1));
                }
            }
        }
    };
    for &r in &roots {
        walk(r, &mut visited, &mut order);
    }
    while let Some(cut) = (0..n)
        .filter(|&i| !visited[i])
        .min_by_key(|&i| (list[i].start_unix_nano, i))
    {
        warnings.push(format!(
            "span cycle broken at {} ({})",
            list[cut].span_id, list[cut].name
        ));
        parent[cut] = None;
        roots.push(cut);
        walk(cut, &mut visited, &mut order);
    }

    // 4. Clock skew: a span from another node than its parent's is moved (with its subtree) to
    //    fit inside the parent; spans from the parent's node are trusted as they are.
    let mut shift: Vec<i128> = vec![0; n];
    let mut adj_start: Vec<i128> = vec![0; n];
    let mut skew: BTreeMap<(String, String), i64> = BTreeMap::new();
    for &(i, _) in &order {
        let raw = i128::from(list[i].start_unix_nano);
        let Some(p) = parent[i] else {
            adj_start[i] = raw;
            continue;
        };
        let (ps, pd) = (adj_start[p], i128::from(list[p].duration_ns));
        let dur = i128::from(list[i].duration_ns);
        let mut s = shift[p];
        let candidate = raw + s;
        if list[i].node_id != list[p].node_id {
            let delta = if candidate < ps {
                ps - candidate
            } else if candidate + dur > ps + pd && dur <= pd {
                (ps + pd) - (candidate + dur)
            } else {
                0
            };
            if delta != 0 {
                s += delta;
                let key = (list[i].node_id.clone(), list[p].node_id.clone());
                let d = i64::try_from(delta).unwrap_or(i64::MAX);
                let e = skew.entry(key).or_insert(d);
                if d.abs() > e.abs() {
                    *e = d;
                }
            }
        }
        shift[i] = s;
        // Whatever the clocks say, a child is never drawn before its parent.
        adj_start[i] = (raw + s).max(ps);
    }
    let start = order.iter().map(|&(i, _)| adj_start[i]).min().unwrap_or(0);
    let end = order
        .iter()
        .map(|&(i, _)| adj_start[i] + i128::from(list[i].duration_ns))
        .max()
        .unwrap_or(start);
    let adj_end = |i: usize| adj_start[i] + i128::from(list[i].duration_ns);

    // 5. Critical path from the main root (the earliest, longest one): at each span, walk back
    //    from its end taking the last-finishing child that ends before the cursor.
    let mut on_path = vec![false; n];
    if let Some(&main) = roots.first() {
        let mut work = vec![main];
        while let Some(i) = work.pop() {
            if on_path[i] {
                continue;
            }
            on_path[i] = true;
            let mut kids = children[i].clone();
            kids.retain(|&c| parent[c] == Some(i));
            kids.sort_by_key(|&c| std::cmp::Reverse((adj_end(c), adj_start[c])));
            let mut cursor = adj_end(i);
            let mut picked = false;
            for c in kids {
                if adj_start[c] >= cursor && picked {
                    continue;
                }
                if adj_end(c) > cursor && picked {
                    continue;
                }
                work.push(c);
                picked = true;
                cursor = adj_start[c];
            }
        }
    }

    // 6. Rows in display order.
    let last_of: Vec<Option<usize>> = (0..n)
        .map(|p| {
            children[p]
                .iter()
                .rev()
                .copied()
                .find(|&c| parent[c] == Some(p))
        })
        .collect();
    let mut row_of = vec![usize::MAX; n];
    let mut rows = Vec::with_capacity(n);
    for (pos, &(i, depth)) in order.iter().enumerate() {
        row_of[i] = pos;
        let last_child = parent[i].is_none_or(|p| last_of[p] == Some(i));
        rows.push(Row {
            span: Span::default(),
            depth,
            offset_ns: u64::try_from(adj_start[i] - start).unwrap_or(0),
            critical: on_path[i],
            last_child,
            parent: parent[i].map(|p| row_of[p]),
        });
    }
    let mut critical: Vec<usize> = (0..n).filter(|&i| on_path[i]).collect();
    critical.sort_by_key(|&i| (adj_start[i], row_of[i]));
    let critical_path = critical.iter().map(|&i| list[i].span_id.clone()).collect();
    // Move the spans into their rows rather than copying them.
    let mut slots: Vec<Option<Span>> = list.into_iter().map(Some).collect();
    for (row, &(i, _)) in rows.iter_mut().zip(&order) {
        if let Some(span) = slots[i].take() {
            row.span = span;
        }
    }
    Assembled {
        critical_path,
        rows,
        total_ns: u64::try_from(end - start).unwrap_or(u64::MAX),
        start_unix_nano: u64::try_from(start).unwrap_or(0),
        skew: skew
            .into_iter()
            .map(|((node_id, relative_to), shift_ns)| SkewAdjustment {
                node_id,
                relative_to,
                shift_ns,
            })
            .collect(),
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trace::test_span as span;

    fn ids(a: &Assembled) -> Vec<&str> {
        a.rows.iter().map(|r| r.span.span_id.as_str()).collect()
    }

    #[test]
    fn tree_order_depth_and_critical_path_through_the_slow_replica() {
        // root -> layer0 (3 replicas in parallel, r2 slowest) -> layer1 (one replica)
        let spans = vec![
            span("b", Some("a"), "c1", 100, 50),
            span("a", None, "c1", 0, 1000),
            span("c", Some("a"), "c1", 100, 400),
            span("d", Some("a"), "c1", 100, 60),
            span("e", Some("a"), "c1", 600, 300),
            span("f", Some("c"), "w2", 120, 350),
        ];
        let a = assemble(spans);
        assert_eq!(ids(&a), ["a", "b", "c", "f", "d", "e"]);
        assert_eq!(a.rows[3].depth, 2);
        assert_eq!(a.critical_path, ["a", "c", "f", "e"]);
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        assert_eq!(a.total_ns, 1000);
    }

    #[test]
    fn skewed_child_is_moved_inside_its_parent_with_its_subtree() {
        // compute's clock runs 5 ms behind the coordinator's.
        let spans = vec![
            span("a", None, "coord", 10_000_000, 2_000_000),
            span("b", Some("a"), "compute", 5_100_000, 1_000_000),
            span("c", Some("b"), "compute", 5_200_000, 500_000),
        ];
        let a = assemble(spans);
        let off: Vec<u64> = a.rows.iter().map(|r| r.offset_ns).collect();
        assert_eq!(off, [0, 0, 100_000]);
        assert_eq!(
            a.skew,
            [SkewAdjustment {
                node_id: "compute".into(),
                relative_to: "coord".into(),
                shift_ns: 4_900_000
            }]
        );
    }

    #[test]
    fn cycles_missing_parents_and_duplicates_are_survived() {
        let spans = vec![
            span("r", None, "n", 0, 100),
            span("a", Some("b"), "n", 0, 10),
            span("b", Some("a"), "n", 5, 10),
            span("c", Some("zz"), "n", 20, 10),
            span("c", Some("zz"), "n", 20, 10),
            span("d", Some("d"), "n", 30, 1),
        ];
        let a = assemble(spans);
        assert_eq!(a.rows.len(), 5);
        assert!(a.warnings.iter().any(|w| w.contains("duplicate")));
        assert!(a.warnings.iter().any(|w| w.contains("cycle broken at a")));
        assert!(a
            .warnings
            .iter()
            .any(|w| w.contains("parent that was not found")));
        assert!(a.warnings.iter().any(|w| w.contains("its own parent")));
    }

    #[test]
    fn a_deep_chain_does_not_overflow_the_stack() {
        let mut spans = vec![span("0", None, "n", 0, 1_000_000)];
        for i in 1..100_000u64 {
            spans.push(span(&i.to_string(), Some(&(i - 1).to_string()), "n", i, 10));
        }
        let a = assemble(spans);
        assert_eq!(a.rows.len(), 100_000);
        assert_eq!(a.rows[99_999].depth, 99_999);
    }

    #[test]
    fn a_root_continuing_a_remote_caller_is_not_damage() {
        let a = assemble(vec![
            span("a", Some("remote"), "c1", 0, 100),
            span("b", Some("a"), "c1", 10, 10),
        ]);
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        assert_eq!(a.critical_path, ["a", "b"]);
    }

    #[test]
    fn empty_input_is_an_empty_trace() {
        let a = assemble(Vec::new());
        assert!(a.rows.is_empty() && a.critical_path.is_empty());
    }
}
