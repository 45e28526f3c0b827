//! Loading the corpora and turning them into training sequences, both with
//! the corpora's gold tokens and re-tokenised by saywho's own tokenizer (the
//! tokens the models see at run time: "don't" is one token there).

use saywho_core::ml::conllu::{self, Doc, IobDoc};
use saywho_core::ml::gazetteer::{countries_as_places, NameLists, SharedTsv};
use saywho_core::ml::ner::{self, NerDoc};
use saywho_core::ml::pos::{self, Pos, Tagged};
use saywho_core::text;
use std::path::Path;

pub struct Corpora {
    pub gum_train: Vec<Doc>,
    pub gum_dev: Vec<Doc>,
    pub gum_test: Vec<Doc>,
    pub ewt_dev: Vec<IobDoc>,
    pub ewt_test: Vec<IobDoc>,
    /// UD English-EWT test (Penn tags): the tagger's out-of-domain score.
    pub ewt_test_ud: Vec<Doc>,
}

fn read(p: &Path) -> Result<String, String> {
    std::fs::read_to_string(p).map_err(|e| format!("cannot read {}: {e} (is ../shared/data there? pass --data DIR)", p.display()))
}

fn gum_dir(dir: &Path) -> Result<Vec<Doc>, String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e} (is ../shared/data there? pass --data DIR)", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .collect();
    files.sort();
    let mut docs = Vec::new();
    for f in files {
        docs.extend(conllu::parse_conllu(&read(&f)?));
    }
    if docs.is_empty() {
        return Err(format!("no CoNLL-U documents in {}", dir.display()));
    }
    Ok(docs)
}

static LISTS: std::sync::OnceLock<NameLists> = std::sync::OnceLock::new();

/// GUM's named entities as the models learn them: [`Doc::gum_entities`]
/// with countries acting as organizations turned into places
/// ([`countries_as_places`], using the shared gazetteer).
pub fn entities(d: &Doc) -> Vec<(usize, usize, usize)> {
    let mut spans = d.gum_entities();
    if let Some(lists) = LISTS.get() {
        let words: Vec<&str> = d.words.iter().map(|w| w.form.as_str()).collect();
        countries_as_places(&words, &mut spans, lists);
    }
    spans
}

impl Corpora {
    pub fn load(data: &Path) -> Result<Corpora, String> {
        let _ = LISTS.set(shared_gazetteer(data)?);
        Ok(Corpora {
            gum_train: gum_dir(&data.join("gum/train"))?,
            gum_dev: gum_dir(&data.join("gum/dev"))?,
            gum_test: gum_dir(&data.join("gum/test"))?,
            ewt_dev: conllu::parse_iob2(&read(&data.join("ewt/uner-en_ewt-dev.iob2"))?),
            ewt_test: conllu::parse_iob2(&read(&data.join("ewt/uner-en_ewt-test.iob2"))?),
            ewt_test_ud: conllu::parse_conllu(&read(&data.join("ewt/ud-en_ewt-test.conllu"))?),
        })
    }
}

/// Gold tags of a GUM document (words without a Penn tag get XX).
pub fn gold_tags(d: &Doc) -> Vec<Pos> {
    d.words.iter().map(|w| Pos::from_penn(&w.xpos).unwrap_or(Pos::XX)).collect()
}

/// A document re-tokenised by saywho: token strings, projected tags (None
/// where no gold word has exactly the token's bytes), projected entity spans
/// (those whose edges fall on token edges) and how many gold spans were lost.
pub struct Retokenised {
    pub text: String,
    pub tokens: Vec<(usize, usize)>,
    pub tags: Vec<Option<Pos>>,
    /// Tags for training: like `tags` but filled in from the gold word the
    /// token lies in or starts.
    pub train_tags: Vec<Pos>,
    pub spans: Vec<(usize, usize, usize)>,
    /// saywho's sentences (token ranges).
    pub sentences: Vec<(usize, usize)>,
    /// Types of the gold spans whose edges are not token edges.
    pub lost_spans: Vec<usize>,
}

impl Retokenised {
    pub fn words(&self) -> Vec<&str> {
        self.tokens.iter().map(|&(s, e)| &self.text[s..e]).collect()
    }
}

pub fn retokenise(d: &Doc) -> Retokenised {
    let (text, ranges) = d.raw_text();
    let gold = gold_tags(d);
    let core = text::Text::new(&text);
    let toks: Vec<(usize, usize)> = core.tokens.iter().map(|t| (t.start, t.end)).collect();
    let sentences = core.sentences.iter().map(|s| (s.start, s.end)).collect();
    let mut tags = Vec::with_capacity(toks.len());
    let mut train_tags = Vec::with_capacity(toks.len());
    let mut g = 0usize;
    for &(s, e) in &toks {
        while g < ranges.len() && ranges[g].1 <= s {
            g += 1;
        }
        // The first gold word overlapping the token.
        let exact = g < ranges.len() && ranges[g] == (s, e);
        tags.push(exact.then(|| gold[g]));
        let t = if g < ranges.len() && ranges[g].0 < e {
            if text[s..e].chars().all(|c| c == '-') && !exact {
                Pos::HYPH
            } else {
                gold[g]
            }
        } else {
            Pos::XX
        };
        train_tags.push(t);
    }
    let mut spans = Vec::new();
    let mut lost = Vec::new();
    for (a, b, t) in entities(d) {
        let (s0, e0) = (ranges[a].0, ranges[b - 1].1);
        let first = toks.iter().position(|&(s, _)| s == s0);
        let last = toks.iter().position(|&(_, e)| e == e0);
        match (first, last) {
            (Some(x), Some(y)) if y >= x => spans.push((x, y + 1, t)),
            _ => lost.push(t),
        }
    }
    drop(core);
    Retokenised { text, tokens: toks, tags, train_tags, spans, sentences, lost_spans: lost }
}

/// POS training sequences: every GUM document with its gold tokens, and
/// (if `with_core_tokens`) once more as saywho tokenises its raw text.
pub fn pos_sequences(docs: &[Doc], with_core_tokens: bool) -> Vec<Tagged<'_>> {
    let mut out: Vec<Tagged> = docs
        .iter()
        .map(|d| Tagged { words: d.words.iter().map(|w| w.form.as_str()).collect(), tags: gold_tags(d), sentences: d.sentence_ranges() })
        .collect();
    if with_core_tokens {
        for d in docs {
            let r = retokenise(d);
            let text: &'static str = Box::leak(r.text.clone().into_boxed_str());
            let words = r.tokens.iter().map(|&(s, e)| &text[s..e]).collect();
            out.push(Tagged { words, tags: r.train_tags, sentences: r.sentences });
        }
    }
    out
}

/// An owned NER training sequence.
pub struct NerSeq {
    pub words: Vec<String>,
    pub gaz: Vec<u8>,
    pub sentences: Vec<(usize, usize)>,
    pub pos: Vec<Pos>,
    pub labels: Vec<usize>,
}

impl NerSeq {
    pub fn as_doc(&self) -> NerDoc<'_> {
        NerDoc { words: self.words.iter().map(String::as_str).collect(), pos: self.pos.clone(), labels: self.labels.clone(), sentences: self.sentences.clone(), gaz: self.gaz.clone() }
    }
}

/// NER training sequences: GUM train (gold tokens and saywho tokens) and EWT
/// UNER dev (tagged by `tagger`), with predicted tags, as at run time.
///
/// `gum_tagger(i)` tags GUM document `i`: a tagger that has not seen it
/// (jackknifing), so the tags are as noisy as at run time.
pub fn ner_sequences<'t>(
    gum: &[Doc],
    ewt: &[IobDoc],
    gum_tagger: impl Fn(usize) -> &'t pos::Tagger,
    tagger: &pos::Tagger,
    lists: Option<&NameLists>,
) -> Vec<NerSeq> {
    let mut out = Vec::new();
    let mut push = |tagger: &pos::Tagger, words: Vec<String>, spans: &[(usize, usize, usize)], sentences: Vec<(usize, usize)>| {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let pos = tagger.tag_sentences(&refs, &sentences);
        let labels = ner::labels_of(words.len(), spans);
        let gaz = lists.map_or(Vec::new(), |l| l.bits(&refs));
        out.push(NerSeq { words, gaz, sentences, pos, labels });
    };
    for (i, d) in gum.iter().enumerate() {
        let t = gum_tagger(i);
        push(t, d.words.iter().map(|w| w.form.clone()).collect(), &entities(d), d.sentence_ranges());
        let r = retokenise(d);
        push(t, r.words().into_iter().map(String::from).collect(), &r.spans, r.sentences.clone());
    }
    for d in ewt {
        push(tagger, d.words.clone(), &d.spans, d.sentences.clone());
    }
    out
}

/// The gazetteer lists from `../shared/data/gazetteers` (see
/// [`NameLists::from_shared`] for the thresholds).
pub fn shared_gazetteer(data: &Path) -> Result<NameLists, String> {
    let dir = data.join("gazetteers");
    let f = |n: &str| read(&dir.join(n));
    let (countries, continents, us_states, cities, given_names) =
        (f("countries.tsv")?, f("continents.tsv")?, f("us-states.tsv")?, f("cities15000.tsv")?, f("given-names-us-ssa.tsv")?);
    Ok(NameLists::from_shared(&SharedTsv { countries: &countries, continents: &continents, us_states: &us_states, cities: &cities, given_names: &given_names }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(rows: &[(&str, &str, &str)]) -> Doc {
        let mut src = String::from("# newdoc id = t\n");
        for (i, (form, xpos, misc)) in rows.iter().enumerate() {
            src.push_str(&format!("{}\t{form}\t_\t_\t{xpos}\t_\t0\tdep\t_\t{misc}\n", i + 1));
        }
        conllu::parse_conllu(&(src + "\n")).remove(0)
    }

    #[test]
    fn retokenising_projects_tags_and_spans() {
        // GUM splits "don't" and joins nothing else here; saywho keeps "don't" whole.
        let d = doc(&[
            ("I", "PRP", "_"),
            ("do", "VBP", "SpaceAfter=No"),
            ("n't", "RB", "_"),
            ("know", "VB", "_"),
            ("Anna", "NNP", "Entity=(1-person-new-x-cf1-1,2-sgl"),
            ("Smith", "NNP", "Entity=1)|SpaceAfter=No"),
            (".", ".", "_"),
        ]);
        let r = retokenise(&d);
        assert_eq!(r.text, "I don't know Anna Smith.");
        assert_eq!(r.words(), ["I", "don't", "know", "Anna", "Smith", "."]);
        assert_eq!(r.tags, [Some(Pos::PRP), None, Some(Pos::VB), Some(Pos::NNP), Some(Pos::NNP), Some(Pos::Period)]);
        assert_eq!(r.train_tags[1], Pos::VBP);
        assert_eq!(r.spans, vec![(3, 5, 0)]);
        assert!(r.lost_spans.is_empty());
        assert_eq!(r.sentences, vec![(0, 6)]);
    }

    #[test]
    fn pos_sequences_add_the_retokenised_copy() {
        let d = vec![doc(&[("Hi", "UH", "SpaceAfter=No"), ("!", ".", "_")])];
        let seqs = pos_sequences(&d, true);
        assert_eq!(seqs.len(), 2);
        assert_eq!(seqs[1].words, ["Hi", "!"]);
        assert_eq!(pos_sequences(&d, false).len(), 1);
    }
}
