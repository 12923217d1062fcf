//! `demo up --detach` returns a formed cluster: every coordinator a voter that knows the one
//! leader, every node joined. Killing the leader right then gets a new leader within seconds.

mod common;

use common::{kill_pid, Env};
use serde_json::Value;
use std::collections::BTreeSet;
use std::time::{Duration, Instant};

/// (leader named by every reachable coordinator, coordinators that answered), from one
/// `cluster status`.
fn leaders(env: &Env) -> (BTreeSet<String>, usize, Value) {
    let s = env.run(&["-o", "json", "cluster", "status"]).json();
    let coords: Vec<&Value> = s["nodes"]
        .as_array()
        .map(|a| a.iter().filter(|n| n["role"] == "coordinator").collect())
        .unwrap_or_default();
    let named: BTreeSet<String> = coords
        .iter()
        .filter_map(|n| n["consensus"]["leader"].as_str())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let answered = coords
        .iter()
        .filter(|n| n["consensus"]["leader"].is_string())
        .count();
    (named, answered, s)
}

#[test]
fn killing_the_leader_right_after_demo_up_elects_a_new_one() {
    let mut env = Env::new();
    let demo = env.demo(3, 2, 1, 0);
    // Formed at once: no waiting here. Every coordinator answers with one leader and is a
    // voter (leader or follower, not learner).
    let (named, answered, s) = leaders(&env);
    assert_eq!(answered, 3, "{s}");
    assert_eq!(named.len(), 1, "one leader: {s}");
    for n in s["nodes"].as_array().unwrap() {
        if n["role"] == "coordinator" {
            let state = n["consensus"]["state"].as_str().unwrap_or_default();
            assert!(
                state == "leader" || state == "follower",
                "{} is {state}: {s}",
                n["id"]
            );
        }
    }
    assert_eq!(
        s["nodes"].as_array().unwrap().len(),
        6,
        "every node joined: {s}"
    );
    let old = named.into_iter().next().unwrap();
    let pid = env.node(&demo, &old)["pid"].as_u64().unwrap();
    let killed = Instant::now();
    kill_pid(pid);
    let deadline = killed + Duration::from_secs(10);
    let new = loop {
        let (named, answered, s) = leaders(&env);
        if answered == 2 && named.len() == 1 && !named.contains(&old) {
            break named.into_iter().next().unwrap();
        }
        assert!(
            Instant::now() < deadline,
            "no new leader 10 s after {old} was killed: {s}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_ne!(new, old);
    eprintln!("new leader {new} after {:?}", killed.elapsed());
}
