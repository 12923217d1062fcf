//! Events derived from successive Nodes polls, without asking any node more (issue 19 §1: the
//! heartbeat summaries carry each node's faults, reputation and Raft position): faults injected
//! and cleared, leader changes, Byzantine detections (a reputation drop), nodes going down and
//! coming back.

use super::state::{EventLine, NodeInfo};

/// Events kept from the Nodes polls: 200.
pub const MAX_NODE_EVENTS: usize = 200;

/// A reputation fall larger than this between two polls counts as a Byzantine detection: 0.05.
pub const REPUTATION_DROP: f64 = 0.05;

/// The leader a node list shows: the `leader` coordinator with the highest term.
pub fn leader(nodes: &[NodeInfo]) -> Option<(&str, u64)> {
    nodes
        .iter()
        .filter(|n| n.reachable)
        .filter_map(|n| {
            let c = n.consensus.as_ref()?;
            (c.state == "leader").then_some((n.id.as_str(), c.term))
        })
        .max_by_key(|(_, t)| *t)
}

/// What changed from `prev` (None: the first poll, when only the faults already active are
/// listed) to `cur`, stamped `at`.
pub fn node_events(prev: Option<&[NodeInfo]>, cur: &[NodeInfo], at: &str) -> Vec<EventLine> {
    let ev = |kind: &str, text: String| EventLine {
        at: at.to_string(),
        kind: kind.to_string(),
        text,
    };
    let mut out = Vec::new();
    let Some(prev) = prev else {
        for n in cur {
            for f in &n.active_faults {
                out.push(ev("fault", format!("{} {f} active", n.id)));
            }
        }
        return out;
    };
    let before: std::collections::HashMap<&str, &NodeInfo> =
        prev.iter().map(|n| (n.id.as_str(), n)).collect();
    for n in cur {
        let Some(p) = before.get(n.id.as_str()) else {
            out.push(ev("member", format!("{} joined", n.id)));
            continue;
        };
        if p.reachable && !n.reachable {
            out.push(ev("down", format!("{} down ({})", n.id, n.reason())));
        } else if !p.reachable && n.reachable {
            out.push(ev("up", format!("{} answers again", n.id)));
        }
        if !n.reachable {
            // Its faults and reputation are unknown now, not cleared.
            continue;
        }
        for f in n
            .active_faults
            .iter()
            .filter(|f| !p.active_faults.contains(f))
        {
            out.push(ev("fault", format!("{} {f} injected", n.id)));
        }
        if p.reachable {
            for f in p
                .active_faults
                .iter()
                .filter(|f| !n.active_faults.contains(f))
            {
                out.push(ev("fault", format!("{} {f} cleared", n.id)));
            }
        }
        if let (Some(a), Some(b)) = (p.reputation, n.reputation) {
            if a - b > REPUTATION_DROP {
                out.push(ev(
                    "byzantine",
                    format!("{} reputation {a:.2} → {b:.2} (outvoted)", n.id),
                ));
            }
        }
    }
    match (leader(prev), leader(cur)) {
        (Some(a), Some(b)) if a != b => out.push(ev(
            "leader",
            format!("{} leads (term {}), was {} (term {})", b.0, b.1, a.0, a.1),
        )),
        (None, Some(b)) => out.push(ev("leader", format!("{} leads (term {})", b.0, b.1))),
        (Some(a), None) => out.push(ev(
            "leader",
            format!("no leader seen (was {}, term {})", a.0, a.1),
        )),
        _ => {}
    }
    out
}

/// `HH:MM:SS` UTC of now (the Events view's time column).
pub fn now_hms() -> String {
    let t = time::OffsetDateTime::now_utc();
    format!("{:02}:{:02}:{:02}", t.hour(), t.minute(), t.second())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::top::state::RaftInfo;

    fn n(id: &str) -> NodeInfo {
        NodeInfo {
            id: id.into(),
            reachable: true,
            health: "healthy".into(),
            reputation: Some(1.0),
            ..Default::default()
        }
    }

    fn coord(id: &str, state: &str, term: u64) -> NodeInfo {
        NodeInfo {
            consensus: Some(RaftInfo {
                term,
                state: state.into(),
            }),
            ..n(id)
        }
    }

    #[test]
    fn faults_leaders_reputation_and_reachability_between_polls() {
        let mut c2 = n("compute-2");
        c2.active_faults = vec!["slow:300ms".into()];
        let first = vec![
            coord("coordinator-1", "leader", 3),
            n("compute-1"),
            c2.clone(),
        ];
        let ev = node_events(None, &first, "10:00:00");
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].text, "compute-2 slow:300ms active");

        let mut second = first.clone();
        second[0] = coord("coordinator-1", "follower", 4);
        second.push(coord("coordinator-2", "leader", 4));
        second[1].active_faults = vec!["byzantine:1.0".into()];
        second[1].reputation = Some(0.7);
        second[2].active_faults.clear();
        let ev = node_events(Some(&first), &second, "10:00:02");
        let texts: Vec<(&str, &str)> = ev
            .iter()
            .map(|e| (e.kind.as_str(), e.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("fault", "compute-1 byzantine:1.0 injected"),
                ("byzantine", "compute-1 reputation 1.00 → 0.70 (outvoted)"),
                ("fault", "compute-2 slow:300ms cleared"),
                ("member", "coordinator-2 joined"),
                (
                    "leader",
                    "coordinator-2 leads (term 4), was coordinator-1 (term 3)"
                ),
            ]
        );
        assert!(ev.iter().all(|e| e.at == "10:00:02"));

        // Down: no fault "cleared", no reputation event; back up: said once.
        let mut third = second.clone();
        third[1].reachable = false;
        third[1].active_faults.clear();
        third[1].error = Some("timed out".into());
        let ev = node_events(Some(&second), &third, "t");
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(ev[0].text, "compute-1 down (timed out)");
        let ev = node_events(Some(&third), &second, "t");
        assert_eq!(ev[0].text, "compute-1 answers again");
        assert_eq!(node_events(Some(&second), &second, "t"), vec![]);
    }
}
