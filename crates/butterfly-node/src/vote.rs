//! The coordinator's majority vote over one layer's replica outputs: pure, so its rules are
//! tested on their own (`Engine::run` only gathers the answers and records the faults).

use std::collections::BTreeMap;

/// One replica's answer: its id, the hash of the tensor that arrived (computed by the
/// coordinator, never the sender's claim), and the tensor.
pub type Answer = (String, String, Vec<f32>);

/// The outcome of a vote with a strict majority.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// Hash of the majority's output.
    pub winner: String,
    /// Replicas that sent it, in hash-then-arrival order.
    pub agreed: Vec<String>,
    /// The majority's output tensor.
    pub output: Vec<f32>,
    /// Replicas that sent something else, with the hash of what they sent (hash order).
    pub disagreed: Vec<(String, String)>,
}

/// Why there is no majority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoMajority {
    /// No replica answered at all.
    NoAnswer,
    /// Answers came, but no output was sent by more than half of the `responded` replicas
    /// (a tie is no majority).
    Split {
        /// Replicas that answered.
        responded: usize,
    },
}

/// Strict majority over the replicas that answered: the output more than half of them sent.
pub fn majority_vote(answers: Vec<Answer>) -> Result<Tally, NoMajority> {
    let responded = answers.len();
    let mut by_hash: BTreeMap<String, (Vec<String>, Vec<f32>)> = BTreeMap::new();
    for (id, hash, output) in answers {
        by_hash
            .entry(hash)
            .or_insert_with(|| (Vec::new(), output))
            .0
            .push(id);
    }
    let winner = by_hash
        .iter()
        .max_by_key(|(_, (ids, _))| ids.len())
        .map(|(h, _)| h.clone())
        .ok_or(NoMajority::NoAnswer)?;
    let (agreed, output) = by_hash.remove(&winner).ok_or(NoMajority::NoAnswer)?;
    if agreed.len() * 2 <= responded {
        return Err(NoMajority::Split { responded });
    }
    let disagreed = by_hash
        .into_iter()
        .flat_map(|(hash, (ids, _))| ids.into_iter().map(move |id| (id, hash.clone())))
        .collect();
    Ok(Tally {
        winner,
        agreed,
        output,
        disagreed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(id: &str, hash: &str) -> Answer {
        (id.into(), hash.into(), vec![hash.len() as f32])
    }

    #[test]
    fn the_majority_wins_and_the_liar_is_named() {
        let t = majority_vote(vec![
            answer("compute-1", "aa"),
            answer("compute-2", "bbb"),
            answer("compute-3", "aa"),
        ])
        .expect("2 of 3 agree");
        assert_eq!(t.winner, "aa");
        assert_eq!(t.agreed, ["compute-1", "compute-3"]);
        assert_eq!(t.output, vec![2.0]);
        assert_eq!(t.disagreed, [("compute-2".to_string(), "bbb".to_string())]);
    }

    #[test]
    fn one_answer_is_its_own_majority() {
        let t = majority_vote(vec![answer("compute-1", "aa")]).expect("1 of 1");
        assert!(t.disagreed.is_empty());
    }

    #[test]
    fn a_tie_or_a_split_is_no_majority() {
        assert_eq!(
            majority_vote(vec![answer("a", "x"), answer("b", "y")]),
            Err(NoMajority::Split { responded: 2 })
        );
        assert_eq!(
            majority_vote(vec![answer("a", "x"), answer("b", "y"), answer("c", "z")]),
            Err(NoMajority::Split { responded: 3 })
        );
        assert_eq!(majority_vote(Vec::new()), Err(NoMajority::NoAnswer));
    }

    #[test]
    fn only_those_that_answered_vote() {
        // Two of five answered alike, three did not answer: 2 of 2 is a majority of answers.
        let t = majority_vote(vec![answer("a", "x"), answer("b", "x")]).expect("2 of 2");
        assert_eq!(t.agreed, ["a", "b"]);
    }
}
