//! Checks that every fact is traced to a source: relations cite something,
//! sources are cited, quotes are in their sources, and a hedged quote is
//! not stored as plain fact.

use hashbrown::{HashMap, HashSet};

use super::text::{hedge_in, nearest_passage, normalise};
use super::{Finding, Record, Runs, Said, SourceTexts, relation_name};
use crate::graph::{EvidenceRef, KnowledgeGraph};
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
            findings.push(Finding::new("no-evidence", record, &[], |graph, finding| {
                Said::new(
                    format!(
                        "the relation {} cites no source",
                        relation_name(&graph.relation(finding.edge()))
                    ),
                    "no evidence",
                    "add `evidence: [(source: \"…\", quote: \"…\")]` with the passage that states it",
                )
            }));
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
                    let finding =
                        Finding::new("quote-not-in-source", record, &quote_path, not_verbatim);
                    findings.push(match nearest_passage(text, &quote) {
                        Some((passage, score)) if score >= SHOW_NEAREST => finding.note(passage),
                        _ => finding,
                    });
                }
            }
            if hedged && evidence.attributed_to().is_none() {
                lower.clear();
                lower.extend(evidence.quote().chars().flat_map(char::to_lowercase));
                if hedge_in(&lower).is_some() {
                    findings.push(Finding::new(
                        "hedge-as-fact",
                        record,
                        &quote_path,
                        hedged_as_fact,
                    ));
                }
            }
        }
    }
    for (index, source) in graph.sources().iter().enumerate() {
        let record = Record::Source(index);
        if !cited.contains(source.id.as_str()) && runs("unused-source") {
            findings.push(Finding::new(
                "unused-source",
                record,
                &[Step::Field("id")],
                |graph, finding| {
                    Said::new(
                        format!(
                            "no evidence cites the source \"{}\"",
                            source_id(graph, finding)
                        ),
                        "never cited",
                        "cite it in a relation's evidence, or remove it",
                    )
                },
            ));
        }
        let text_path = if source.text_file.is_some() {
            [Step::Field("text_file")]
        } else {
            [Step::Field("text")]
        };
        if source.text.is_some() && source.text_file.is_some() && runs("source-text") {
            findings.push(Finding::new(
                "source-text",
                record,
                &text_path,
                |graph, finding| {
                    Said::new(
                        format!(
                            "the source \"{}\" gives both text and text_file",
                            source_id(graph, finding)
                        ),
                        "one of the two",
                        "keep the inline text or the file, not both",
                    )
                },
            ));
        }
        if let Some(Err(reason)) = texts.get(&source.id)
            && runs("source-text")
        {
            findings.push(
                Finding::new("source-text", record, &text_path, |_, finding| {
                    Said::new(
                        finding.noted().unwrap_or_default().to_owned(),
                        "unreadable",
                        "text_file is a path relative to the data file's folder",
                    )
                })
                .note(reason.as_str()),
            );
        }
    }
    findings
}

/// The id of the source a finding is about.
fn source_id<'g>(graph: &'g KnowledgeGraph, finding: &Finding) -> &'g str {
    match finding.record {
        Record::Source(index) => graph.sources().get(index).map_or("", |s| s.id.as_str()),
        _ => "",
    }
}

/// The evidence of the relation a finding is about, at its place.
fn evidence_of<'g>(graph: &'g KnowledgeGraph, finding: &Finding) -> Option<EvidenceRef<'g>> {
    graph
        .relation(finding.edge())
        .evidence()
        .get(finding.item())
}

fn not_verbatim(graph: &KnowledgeGraph, finding: &Finding) -> Said {
    let source = evidence_of(graph, finding).map_or("", |e| e.source());
    Said {
        message: format!("the quote is not in the text of source \"{source}\""),
        label: Some("not verbatim".into()),
        help: Some(match finding.noted() {
            Some(passage) => format!("the nearest passage reads: \"{passage}\"").into(),
            None => "no passage of the source is close to it".into(),
        }),
    }
}

fn hedged_as_fact(graph: &KnowledgeGraph, finding: &Finding) -> Said {
    let relation = graph.relation(finding.edge());
    let lower: String = evidence_of(graph, finding)
        .map(|e| e.quote().chars().flat_map(char::to_lowercase).collect())
        .unwrap_or_default();
    Said::new(
        format!(
            "the quote says \"{}\" but the relation is {} with no attributed_to",
            hedge_in(&lower).unwrap_or_default(),
            relation.status()
        ),
        "hedged",
        "name who says so with `attributed_to: \"…\"`, or, when no one is named (\"reportedly\"), make the status Claimed",
    )
}
