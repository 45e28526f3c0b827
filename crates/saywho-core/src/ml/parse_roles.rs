//! Who said what, read off a dependency parse: given a reporting predicate
//! (a verb such as "said", a noun such as "claim", or "according"), the
//! word spans of its source and its content, by the relations that carry
//! them in Universal Dependencies. A pure function of the parse, so the
//! quote stage decides which words are predicates (its lexicon, or a verb
//! the parse shows with a clausal complement and a subject) and what to do
//! with the spans (resolve a pronoun source, join the content to a quote).
//!
//! The relations, in the order they are tried:
//!
//! | construction | predicate | source | content |
//! |---|---|---|---|
//! | X said (that) …; … said X | verb | `nsubj` | `ccomp` (else `xcomp`: "X promised to …"; else an `advcl` with a subject and no subordinator) |
//! | “…,” X told reporters | verb, `parataxis` of the quote's head (or a `conj` without a coordinator) | `nsubj` | the head's clause without the predicate's |
//! | … was announced by X | passive verb | `obl:agent` | `ccomp`, else the `nsubj:pass` clause (`csubj:pass`) |
//! | X arrived and said … | `conj` verb without a subject | the first conjunct's `nsubj` | as above |
//! | the official who said … | `acl:relcl` verb whose subject is a relative pronoun | the modified noun (without the clause) | as above |
//! | X's claim that …; the claim by X | noun | `nmod:poss` (else an `nmod` with "by") | `acl` / `ccomp` clause |
//! | according to X, … | "according" (`case` of X) | X's phrase without "according to" | the clause X modifies, without X's phrase |
//!
//! Appositives and coordination come for free: a subject's subtree holds
//! "X, the minister," and "X and Y"; [`Roles::source_head`] is the head word
//! ("X") the resolution stage starts from. Spans are word ranges (end
//! exclusive) over the sentence, trimmed of punctuation at both ends and
//! (content) of a leading complementizer ("that", "whether").

use super::parse::{Arc, Dep};

/// The source and content of one predicate; any part may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Roles {
    pub source: Option<(usize, usize)>,
    pub source_head: Option<usize>,
    pub content: Option<(usize, usize)>,
    pub content_head: Option<usize>,
}

/// The dependents of `w` with relation `d` (in order).
fn kids(arcs: &[Arc], w: usize, d: Dep) -> impl Iterator<Item = usize> + '_ {
    arcs.iter().enumerate().filter(move |(_, a)| a.head == Some(w) && a.label == d).map(|(i, _)| i)
}

fn kid(arcs: &[Arc], w: usize, d: Dep) -> Option<usize> {
    kids(arcs, w, d).next()
}

/// Whether `x` descends from (or is) `top`; a step bound keeps a malformed
/// input from looping.
fn under(arcs: &[Arc], mut x: usize, top: usize) -> bool {
    for _ in 0..=arcs.len() {
        if x == top {
            return true;
        }
        match arcs.get(x).and_then(|a| a.head) {
            Some(h) => x = h,
            None => return false,
        }
    }
    false
}

/// The span of `top`'s subtree without the subtrees of `cut` at its edges,
/// trimmed of punctuation (and a leading complementizer if `content`). A
/// projective parse keeps a subtree contiguous; a cut subtree inside the
/// span (a cue between two halves of a quote) stays in it.
fn span(arcs: &[Arc], top: usize, cut: &[usize], content: bool) -> Option<(usize, usize)> {
    let mut s = (0..arcs.len()).find(|&i| under(arcs, i, top))?;
    let mut e = (0..arcs.len()).rev().find(|&i| under(arcs, i, top))? + 1;
    let edge = |i: usize, first: bool| {
        arcs[i].label == Dep::Punct || cut.iter().any(|&c| under(arcs, i, c)) || (first && content && arcs[i].label == Dep::Mark && arcs[i].head == Some(top))
    };
    while s < e && edge(s, true) {
        s += 1;
    }
    while e > s && edge(e - 1, false) {
        e -= 1;
    }
    (s < e).then_some((s, e))
}

/// Whether a word is a relative pronoun subject ("who", "which", "that").
fn relative(words: &[&str], i: usize) -> bool {
    words.get(i).is_some_and(|w| matches!(w.to_lowercase().as_str(), "who" | "which" | "that" | "whom"))
}

/// The source and content of predicate `pred` in a parsed sentence
/// (`words` and `arcs` of equal length; anything else gives no roles).
pub fn roles(words: &[&str], arcs: &[Arc], pred: usize) -> Roles {
    let mut r = Roles::default();
    if pred >= arcs.len() || words.len() != arcs.len() {
        return r;
    }
    let a = arcs[pred];
    // "according to X, …": the predicate is a case marker of X.
    if words[pred].eq_ignore_ascii_case("according") {
        let Some(x) = a.head else { return r };
        r.source_head = Some(x);
        r.source = span(arcs, x, &[pred], false);
        if let Some(clause) = arcs[x].head {
            r.content_head = Some(clause);
            r.content = span(arcs, clause, &[x], true);
        }
        return r;
    }
    // Source: the subject, the passive agent, a possessor, a "by" phrase.
    let by = |pred: usize| kids(arcs, pred, Dep::Nmod).find(|&k| kids(arcs, k, Dep::Case).any(|c| words[c].eq_ignore_ascii_case("by")));
    let case_of = |x: usize| kids(arcs, x, Dep::Case).collect::<Vec<_>>();
    let mut source = kid(arcs, pred, Dep::Nsubj).map(|s| (s, vec![])).or_else(|| kid(arcs, pred, Dep::OblAgent).map(|s| (s, case_of(s))));
    if source.is_none() {
        source = kid(arcs, pred, Dep::NmodPoss).map(|s| (s, case_of(s))).or_else(|| by(pred).map(|s| (s, case_of(s))));
    }
    if source.is_none() {
        match a.label {
            // "X arrived and said …": the first conjunct's subject.
            Dep::Conj => {
                if let Some(h) = a.head {
                    source = kid(arcs, h, Dep::Nsubj).or_else(|| kid(arcs, h, Dep::NsubjPass)).map(|s| (s, vec![]));
                }
            }
            _ => {}
        }
    }
    // "the official who said …": the noun the relative clause modifies.
    if let (Some((s, _)), Dep::AclRelcl, Some(noun)) = (&source, a.label, a.head) {
        if relative(words, *s) {
            source = Some((noun, vec![pred]));
        }
    }
    if let Some((s, cut)) = source {
        r.source_head = Some(s);
        r.source = span(arcs, s, &cut, false);
    }
    // Content: a clausal complement, or the clause the predicate interrupts.
    let clause = kid(arcs, pred, Dep::Ccomp)
        .or_else(|| kid(arcs, pred, Dep::Xcomp))
        .or_else(|| kid(arcs, pred, Dep::Acl).filter(|_| kid(arcs, pred, Dep::NmodPoss).is_some() || by(pred).is_some() || kid(arcs, pred, Dep::Det).is_some()))
        .or_else(|| kid(arcs, pred, Dep::CsubjPass))
        .or_else(|| kid(arcs, pred, Dep::Parataxis))
        // "“We will win,” she told reporters" read as an adverbial clause: one
        // with its own subject and no subordinator ("when", "because") is the
        // quote; "When he arrived, he said" and "Speaking to reporters, he
        // said" are not.
        .or_else(|| kids(arcs, pred, Dep::Advcl).find(|&k| kid(arcs, k, Dep::Mark).is_none() && kid(arcs, k, Dep::Nsubj).is_some()));
    if let Some(c) = clause {
        r.content_head = Some(c);
        r.content = span(arcs, c, &[], true);
    } else if a.label == Dep::Parataxis || (a.label == Dep::Conj && kid(arcs, pred, Dep::Cc).is_none()) {
        // A conjunct without a coordinator ("Prices will fall, the company
        // said") is the parser's other reading of a parataxis.
        if let Some(h) = a.head {
            r.content_head = Some(h);
            r.content = span(arcs, h, &[pred], true);
        }
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sentence in a compact notation: `word/head/relation` per word,
    /// heads 1-based (0: root), as in CoNLL-U.
    fn tree(s: &str) -> (Vec<&str>, Vec<Arc>) {
        let mut words = Vec::new();
        let mut arcs = Vec::new();
        for t in s.split(' ') {
            let mut p = t.rsplitn(3, '/');
            let (label, head, word) = (p.next().unwrap(), p.next().unwrap(), p.next().unwrap());
            let head: usize = head.parse().unwrap();
            words.push(word);
            arcs.push(Arc { head: head.checked_sub(1), label: Dep::from_ud(label).unwrap_or_else(|| panic!("{label}")) });
        }
        (words, arcs)
    }

    /// Checks the source and content text of the predicate `pred` (a word).
    fn check(sentence: &str, pred: &str, source: Option<&str>, content: Option<&str>) {
        let (words, arcs) = tree(sentence);
        let p = words.iter().position(|w| *w == pred).expect("the predicate is in the sentence");
        let r = roles(&words, &arcs, p);
        let text = |s: Option<(usize, usize)>| s.map(|(a, b)| words[a..b].join(" "));
        assert_eq!((text(r.source).as_deref(), text(r.content).as_deref()), (source, content), "{sentence}");
    }

    #[test]
    fn sources_and_contents() {
        // X said that …
        check("Obama/2/nsubj said/0/root that/6/mark the/5/det deal/6/nsubj failed/2/ccomp ./2/punct", "said", Some("Obama"), Some("the deal failed"));
        // … , X told reporters.
        check(
            "“/3/punct We/3/nsubj won/0/root ,/3/punct ”/3/punct she/7/nsubj told/3/parataxis reporters/7/obj ./3/punct",
            "told",
            Some("she"),
            Some("We won"),
        );
        // Inverted: …, said X.
        check("Prices/2/nsubj rose/0/root ,/4/punct said/2/parataxis the/6/det minister/4/nsubj ./2/punct", "said", Some("the minister"), Some("Prices rose"));
        // An appositive stays in the source; its head is the name.
        check(
            "Khan/6/nsubj ,/4/punct the/4/det minister/1/appos ,/4/punct said/0/root taxes/8/nsubj rise/6/ccomp",
            "said",
            Some("Khan , the minister"),
            Some("taxes rise"),
        );
        // Coordinated sources, coordinated content.
        check(
            "Ann/4/nsubj and/3/cc Bob/1/conj said/0/root prices/6/nsubj rose/4/ccomp and/8/cc wages/9/nsubj fell/6/conj",
            "said",
            Some("Ann and Bob"),
            Some("prices rose and wages fell"),
        );
        // X's claim that …
        check(
            "Trump/3/nmod:poss 's/1/case claim/8/nsubj that/6/mark he/6/nsubj won/3/acl was/8/cop false/0/root",
            "claim",
            Some("Trump"),
            Some("he won"),
        );
        // According to X, …
        check(
            "According/3/case to/1/fixed police/6/obl ,/3/punct two/6/nsubj died/0/root ./6/punct",
            "According",
            Some("police"),
            Some("two died"),
        );
        // Passive with an agent.
        check(
            "It/3/nsubj:pass was/3/aux:pass announced/0/root by/5/case NASA/3/obl:agent that/8/mark Juno/8/nsubj failed/3/ccomp",
            "announced",
            Some("NASA"),
            Some("Juno failed"),
        );
        // A subordinator-less adverbial clause with a subject is the quote.
        check("“/4/punct We/4/nsubj will/4/aux win/8/advcl ,/4/punct ”/4/punct she/8/nsubj told/0/root reporters/8/obj ./8/punct", "told", Some("she"), Some("We will win"));
        check("When/3/mark he/3/nsubj arrived/6/advcl ,/3/punct he/6/nsubj said/0/root", "said", Some("he"), None);
        check("Speaking/6/advcl to/3/case reporters/1/obl ,/1/punct he/6/nsubj said/0/root", "said", Some("he"), None);
        // A conjunct with no coordinator reads as a parataxis.
        check("Prices/3/nsubj will/3/aux fall/0/root ,/7/punct the/6/det company/7/nsubj said/3/conj ./3/punct", "said", Some("the company"), Some("Prices will fall"));
        // A second conjunct borrows the first one's subject.
        check("She/2/nsubj arrived/0/root and/4/cc said/2/conj she/6/nsubj won/4/ccomp", "said", Some("She"), Some("she won"));
        // A relative clause: the modified noun is the source.
        check(
            "the/2/det official/5/nsubj who/4/nsubj spoke/2/acl:relcl left/0/root",
            "spoke",
            Some("the official"),
            None,
        );
        // X promised to …
        check("He/2/nsubj promised/0/root to/4/mark resign/2/xcomp", "promised", Some("He"), Some("resign"));
        // No subject and no complement: nothing.
        check("Stop/0/root ./1/punct", "Stop", None, None);
    }

    #[test]
    fn malformed_input_gives_no_roles_and_never_loops() {
        let (words, mut arcs) = tree("a/2/nsubj b/0/root");
        assert_eq!(roles(&words, &arcs, 9), Roles::default());
        assert_eq!(roles(&words[..1], &arcs, 0), Roles::default());
        // A cycle (no parser output has one) must still terminate.
        arcs[1].head = Some(0);
        let _ = roles(&words, &arcs, 1);
    }
}
