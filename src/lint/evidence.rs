//! Checks that every fact is traced to a source: relations cite something,
//! sources are cited, quotes are in their sources, and a hedged quote is
//! not stored as plain fact.

use hashbrown::{HashMap, HashSet};

use super::text::{hedge_in, nearest_passage, normalise};
use super::{Finding, Record, Runs, SourceTexts, relation_name};
use crate::graph::KnowledgeGraph;
use crate::load::validate::Step;
use crate::model::Status;

/// Below this similarity the nearest passage is not worth showing.
const SHOW_NEAREST: f64 = 0.5;

pub fn check(graph: &KnowledgeGraph, texts: &SourceTexts, runs: &Runs<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let (hedges, no_evidence) = (runs("hedge-as-fact"), runs("no-evidence"));
    let mut cited: HashSet<&str> = HashSet::new();
    let normalised: HashMap<&str, String> = texts
        .iter()
        .filter_map(|(id, text)| Some((id.as_str(), normalise(text.as_ref().ok()?))))
        .collect();
    // One buffer for every quote's lower case, not an allocation each.
    let mut lower = String::new();
    for (edge, relation) in graph.relations() {
        let record = Record::Relation(edge.index());
        let evidence = relation.evidence();
        if evidence.is_empty() && no_evidence {
            findings.push(
                Finding::new(
                    "no-evidence",
                    record,
                    &[],
                    format!("the relation {} cites no source", relation_name(&relation)),
                )
                .label("no evidence")
                .help("add `evidence: [(source: \"…\", quote: \"…\")]` with the passage that states it"),
            );
        }
        let hedged = hedges && matches!(relation.status(), Status::Reported | Status::Confirmed);
        for (evidence_index, evidence) in evidence.iter().enumerate() {
            cited.insert(evidence.source());
            let quote_path = [
                Step::Field("evidence"),
                Step::Index(evidence_index),
                Step::Field("quote"),
            ];
            if let Some(text) = normalised.get(evidence.source()) {
                let quote = normalise(evidence.quote());
                if !text.contains(&quote) {
                    let finding = Finding::new(
                        "quote-not-in-source",
                        record,
                        &quote_path,
                        format!(
                            "the quote is not in the text of source \"{}\"",
                            evidence.source()
                        ),
                    )
                    .label("not verbatim");
                    findings.push(match nearest_passage(text, &quote) {
                        Some((passage, score)) if score >= SHOW_NEAREST => {
                            finding.help(format!("the nearest passage reads: \"{passage}\""))
                        }
                        _ => finding.help("no passage of the source is close to it"),
                    });
                }
            }
            if hedged && evidence.attributed_to().is_none() {
                lower.clear();
                lower.extend(evidence.quote().chars().flat_map(char::to_lowercase));
                if let Some(hedge) = hedge_in(&lower) {
                    findings.push(
                        Finding::new(
                            "hedge-as-fact",
                            record,
                            &quote_path,
                            format!(
                                "the quote says \"{hedge}\" but the relation is {} with no attributed_to",
                                relation.status()
                            ),
                        )
                        .label("hedged")
                        .help("name who says so with `attributed_to: \"…\"`, or, when no one is named (\"reportedly\"), make the status Claimed"),
                    );
                }
            }
        }
    }
    for (index, source) in graph.sources().iter().enumerate() {
        let record = Record::Source(index);
        if !cited.contains(source.id.as_str()) && runs("unused-source") {
            findings.push(
                Finding::new(
                    "unused-source",
                    record,
                    &[Step::Field("id")],
                    format!("no evidence cites the source \"{}\"", source.id),
                )
                .label("never cited")
                .help("cite it in a relation's evidence, or remove it"),
            );
        }
        let text_path = if source.text_file.is_some() {
            [Step::Field("text_file")]
        } else {
            [Step::Field("text")]
        };
        if source.text.is_some() && source.text_file.is_some() && runs("source-text") {
            findings.push(
                Finding::new(
                    "source-text",
                    record,
                    &text_path,
                    format!("the source \"{}\" gives both text and text_file", source.id),
                )
                .label("one of the two")
                .help("keep the inline text or the file, not both"),
            );
        }
        if let Some(Err(reason)) = texts.get(&source.id)
            && runs("source-text")
        {
            findings.push(
                Finding::new("source-text", record, &text_path, reason.clone())
                    .label("unreadable")
                    .help("text_file is a path relative to the data file's folder"),
            );
        }
    }
    findings
}
