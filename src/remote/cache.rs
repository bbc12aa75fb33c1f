//! A bounded cache of endpoint answers for one session: the same query is
//! not asked twice, and memory stays within a budget however long the
//! session explores.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;

/// Answers by query text, oldest dropped first once the budget is spent.
#[derive(Debug)]
pub struct Cache {
    answers: HashMap<String, Arc<str>>,
    order: VecDeque<String>,
    bytes: usize,
    budget: usize,
}

impl Cache {
    /// A cache holding at most `budget` bytes of answers.
    pub fn new(budget: usize) -> Self {
        Cache {
            answers: HashMap::new(),
            order: VecDeque::new(),
            bytes: 0,
            budget,
        }
    }

    /// The answer to `query`, if it was kept.
    pub fn get(&self, query: &str) -> Option<Arc<str>> {
        self.answers.get(query).cloned()
    }

    /// Keeps an answer, dropping the oldest ones to stay within budget; an
    /// answer larger than the whole budget is not kept.
    pub fn put(&mut self, query: String, answer: Arc<str>) {
        let size = query.len() + answer.len();
        if size > self.budget || self.answers.contains_key(&query) {
            return;
        }
        while self.bytes + size > self.budget {
            let Some(oldest) = self.order.pop_front() else {
                break;
            };
            if let Some(dropped) = self.answers.remove(&oldest) {
                self.bytes -= oldest.len() + dropped.len();
            }
        }
        self.bytes += size;
        self.order.push_back(query.clone());
        self.answers.insert(query, answer);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_answers_within_its_budget_dropping_the_oldest() {
        let mut cache = Cache::new(10);
        cache.put("a".into(), Arc::from("1234"));
        cache.put("b".into(), Arc::from("1234"));
        assert!(cache.get("a").is_some());
        cache.put("c".into(), Arc::from("1234"));
        assert!(cache.get("a").is_none(), "the oldest went");
        assert!(cache.get("b").is_some() && cache.get("c").is_some());
        cache.put("d".into(), Arc::from("far too long to keep"));
        assert!(cache.get("d").is_none());
    }
}
