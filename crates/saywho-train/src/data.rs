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
    /// Gold Penn tags of each EWT UNER dev document, from UD English-EWT dev
    /// (same sentences, matched by document id; None if the words differ).
    pub ewt_dev_tags: Vec<Option<Vec<Pos>>>,
    /// UD English-EWT train (Penn tags, trees): the tagger's and the parser's data.
    pub ewt_train_ud: Vec<Doc>,
    /// Its Universal NER layer (empty when the file is absent).
    pub ewt_train: Vec<IobDoc>,
    /// For each `ewt_train` document, the index of the UD train document
    /// with its id (jackknife folds follow it; the position if none has it).
    pub ewt_train_ud_index: Vec<usize>,
    /// Wikigold (IOB1, PER/ORG/LOC/MISC).
    pub wikigold: Vec<IobDoc>,
}

/// Which extra training data the entity model reads, and how often it sees
/// each part (set once from the trainer's arguments; the defaults are the
/// committed models').
#[derive(Clone, Debug)]
pub struct DataCfg {
    /// Times each EWT UNER train document is shown per epoch (0: unused).
    pub ewt_train: usize,
    /// Times each Wikigold document is shown per epoch (0: unused).
    pub wikigold: usize,
    /// EWT dev shown this many times.
    pub ewt_dev: usize,
    /// GUM train shown this many times.
    pub gum: usize,
    /// UNER's OTH (other names) trained as MISC (else O).
    pub oth_as_misc: bool,
    /// Wikigold's MISC trained as MISC (else O).
    pub wikigold_misc: bool,
    /// Every how many sentences one is added again in lower case.
    pub lower_every: usize,
    /// The tagger also learns UD English-EWT train.
    pub pos_ewt_train: bool,
}

impl Default for DataCfg {
    fn default() -> DataCfg {
        DataCfg { ewt_train: 1, wikigold: 1, ewt_dev: 1, gum: 1, oth_as_misc: true, wikigold_misc: true, lower_every: LOWER_EVERY, pos_ewt_train: true }
    }
}

pub static CFG: std::sync::OnceLock<DataCfg> = std::sync::OnceLock::new();

pub fn cfg() -> DataCfg {
    CFG.get().cloned().unwrap_or_default()
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
        let ewt_dev: Vec<IobDoc> = conllu::parse_iob2(&read(&data.join("ewt/uner-en_ewt-dev.iob2"))?);
        let ud_dev = conllu::parse_conllu(&read(&data.join("ewt/ud-en_ewt-dev.conllu"))?);
        let ewt_dev_tags = ewt_dev
            .iter()
            .map(|d| {
                let u = ud_dev.iter().find(|u| u.id == d.id)?;
                let same = u.words.len() == d.words.len() && u.words.iter().zip(&d.words).all(|(a, b)| a.form == *b);
                same.then(|| gold_tags(u))
            })
            .collect();
        let ewt_train_ud = conllu::parse_conllu(&read(&data.join("ewt/ud-en_ewt-train.conllu"))?);
        let uner_train = data.join("ewt/uner-en_ewt-train.iob2");
        let ewt_train = if uner_train.exists() { conllu::parse_iob2(&read(&uner_train)?) } else { Vec::new() };
        let ids: std::collections::HashMap<&str, usize> = ewt_train_ud.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
        let ewt_train_ud_index = ewt_train.iter().enumerate().map(|(j, d)| ids.get(d.id.as_str()).copied().unwrap_or(j)).collect();
        let wikigold = conllu::parse_iob1(&read(&data.join("wikigold/wikigold.conll.txt"))?, "wikigold");
        Ok(Corpora {
            ewt_train_ud_index,
            ewt_train,
            wikigold,
            ewt_dev_tags,
            gum_train: gum_dir(&data.join("gum/train"))?,
            gum_dev: gum_dir(&data.join("gum/dev"))?,
            gum_test: gum_dir(&data.join("gum/test"))?,
            ewt_dev,
            ewt_test: conllu::parse_iob2(&read(&data.join("ewt/uner-en_ewt-test.iob2"))?),
            ewt_test_ud: conllu::parse_conllu(&read(&data.join("ewt/ud-en_ewt-test.conllu"))?),
            ewt_train_ud,
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

/// POS training sequences from EWT UNER dev documents with gold tags
/// (`keep(j)` selects documents by index).
pub fn ewt_pos_sequences<'a>(c: &'a Corpora, keep: impl Fn(usize) -> bool) -> Vec<Tagged<'a>> {
    c.ewt_dev
        .iter()
        .zip(&c.ewt_dev_tags)
        .enumerate()
        .filter(|(j, (_, t))| keep(*j) && t.is_some())
        .map(|(_, (d, t))| Tagged { words: d.words.iter().map(String::as_str).collect(), tags: t.clone().unwrap_or_default(), sentences: d.sentences.clone() })
        .collect()
}

/// An owned NER training sequence.
pub struct NerSeq {
    pub words: Vec<String>,
    pub gaz: Vec<u8>,
    pub sentences: Vec<(usize, usize)>,
    pub pos: Vec<Pos>,
    pub labels: Vec<usize>,
    /// The EWT dev document it comes from (None: from GUM).
    pub ewt_doc: Option<usize>,
    /// The source document (GUM train index, then EWT dev after them):
    /// copies of one document share it, so jackknife folds keep them together.
    pub origin: usize,
}

impl NerSeq {
    /// As a training document; with `domains`, marked as web text (EWT) or
    /// edited text (GUM) for the recognizer's domain copies of features.
    pub fn as_doc(&self, domains: bool) -> NerDoc<'_> {
        let domain = match (domains, self.ewt_doc) {
            (false, _) => ner::Domain::Shared,
            (true, Some(_)) => ner::Domain::Web,
            (true, None) => ner::Domain::Edited,
        };
        NerDoc { words: self.words.iter().map(String::as_str).collect(), pos: self.pos.clone(), labels: self.labels.clone(), sentences: self.sentences.clone(), gaz: self.gaz.clone(), domain }
    }
}

/// Every how many sentences one is added again in lower case: web text
/// often writes names so ("tampa bay", "google"); on cross-validated EWT dev
/// this gained 2 points F1 (every 2nd and every sentence: the same on EWT,
/// worse on GUM dev; upper-cased copies lost on both).
pub const LOWER_EVERY: usize = 3;

/// Sentences picked from a document, re-cased, with their spans.
pub struct Recased {
    pub words: Vec<String>,
    pub spans: Vec<(usize, usize, usize)>,
    pub sentences: Vec<(usize, usize)>,
}

/// The lower-cased copy of every [`LOWER_EVERY`]-th sentence (counting on
/// from `counter` across documents), as one sequence; None if none is picked.
pub fn lowercased(words: &[String], spans: &[(usize, usize, usize)], sentences: &[(usize, usize)], counter: &mut usize) -> Option<Recased> {
    let mut r = Recased { words: Vec::new(), spans: Vec::new(), sentences: Vec::new() };
    for &(s, e) in sentences {
        *counter += 1;
        if !counter.is_multiple_of(cfg().lower_every.max(1)) || e > words.len() {
            continue;
        }
        let base = r.words.len();
        r.words.extend(words[s..e].iter().map(|w| w.to_lowercase()));
        r.sentences.push((base, r.words.len()));
        r.spans.extend(spans.iter().filter(|x| x.0 >= s && x.1 <= e).map(|&(a, b, t)| (a - s + base, b - s + base, t)));
    }
    (!r.words.is_empty()).then_some(r)
}

/// Whether the recognizer also learns from GUM train with its gold tokens
/// (besides saywho's tokens). No: that counted the out-of-domain text twice
/// against the web text (cross-validated EWT dev / GUM dev F1, both copies
/// 0.666 / 0.705, saywho's tokens alone 0.672 / 0.698, gold tokens alone
/// 0.667 / 0.700; with the margin updates both copies 0.666 / 0.709, saywho's
/// tokens alone 0.679 / 0.710). The lower-cased copies still come from the gold tokens.
pub const GUM_GOLD_TOKENS_TOO: bool = false;

/// An IOB-labelled corpus for the recognizer: its documents, the tagger of
/// each (by index), how many times each is shown, whether it is EWT dev (the
/// cross-validated part), and the type mapped to O (MISC when not kept).
pub struct IobSource<'a, 't> {
    pub docs: &'a [IobDoc],
    pub tagger: Box<dyn Fn(usize) -> &'t pos::Tagger + 't>,
    pub times: usize,
    pub is_ewt_dev: bool,
    pub keep_misc: bool,
}

/// NER training sequences: GUM train (saywho's tokens, see [`GUM_GOLD_TOKENS_TOO`]) and the
/// IOB corpora (EWT UNER dev and train, Wikigold), each tagged by its
/// jackknifed tagger, with predicted tags, as at run time.
///
/// `gum_tagger(i)` tags GUM document `i`: a tagger that has not seen it
/// (jackknifing), so the tags are as noisy as at run time. Then the
/// [`lowercased`] copies.
pub fn ner_sequences<'t>(gum: &[Doc], gum_tagger: impl Fn(usize) -> &'t pos::Tagger, sources: &[IobSource<'_, 't>], lists: Option<&NameLists>) -> Vec<NerSeq> {
    let cfg = cfg();
    let mut out = Vec::new();
    let mut push = |tagger: &pos::Tagger, words: Vec<String>, spans: &[(usize, usize, usize)], sentences: Vec<(usize, usize)>, ewt_doc: Option<usize>, origin: usize| {
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let pos = tagger.tag_sentences(&refs, &sentences);
        let labels = ner::labels_of(words.len(), spans);
        let gaz = lists.map_or(Vec::new(), |l| l.bits(&refs));
        out.push(NerSeq { words, gaz, sentences, pos, labels, ewt_doc, origin });
    };
    let kept = |spans: &[(usize, usize, usize)], keep_misc: bool| -> Vec<(usize, usize, usize)> { spans.iter().copied().filter(|s| keep_misc || s.2 < 3).collect() };
    // Lower-cased copies of every lower_every-th sentence (GUM, then each source).
    let mut counter = 0usize;
    let mut extra = Vec::new();
    if cfg.gum > 0 {
        for (i, d) in gum.iter().enumerate() {
            let words: Vec<String> = d.words.iter().map(|w| w.form.clone()).collect();
            extra.extend(lowercased(&words, &entities(d), &d.sentence_ranges(), &mut counter).map(|x| (None, i, x)));
        }
    }
    for (k, src) in sources.iter().enumerate().filter(|(_, s)| s.times > 0) {
        for (j, d) in src.docs.iter().enumerate() {
            extra.extend(lowercased(&d.words, &kept(&d.spans, src.keep_misc), &d.sentences, &mut counter).map(|x| (Some(k), j, x)));
        }
    }
    // Origins: GUM documents, then each source's documents, in order.
    let mut base = vec![gum.len()];
    for s in sources {
        base.push(base[base.len() - 1] + s.docs.len());
    }
    for _ in 0..cfg.gum {
        for (i, d) in gum.iter().enumerate() {
            let t = gum_tagger(i);
            if GUM_GOLD_TOKENS_TOO {
                push(t, d.words.iter().map(|w| w.form.clone()).collect(), &entities(d), d.sentence_ranges(), None, i);
            }
            let r = retokenise(d);
            push(t, r.words().into_iter().map(String::from).collect(), &r.spans, r.sentences.clone(), None, i);
        }
    }
    for (k, src) in sources.iter().enumerate() {
        for _ in 0..src.times {
            for (j, d) in src.docs.iter().enumerate() {
                push((src.tagger)(j), d.words.clone(), &kept(&d.spans, src.keep_misc), d.sentences.clone(), src.is_ewt_dev.then_some(j), base[k] + j);
            }
        }
    }
    for (k, i, Recased { words: w, spans: sp, sentences: se }) in extra {
        match k {
            None => push(gum_tagger(i), w, &sp, se, None, i),
            Some(k) => push((sources[k].tagger)(i), w, &sp, se, sources[k].is_ewt_dev.then_some(i), base[k] + i),
        }
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

/// Names for the character name-likeness model (`ml::namelike`): every
/// given name of the SSA list, and the words of every place name (cities of
/// 15,000 people or more, countries, capitals, continents, US states), sorted.
pub fn namelike_sources(data: &Path) -> Result<(Vec<String>, Vec<String>), String> {
    let dir = data.join("gazetteers");
    let f = |n: &str| read(&dir.join(n));
    let col = |src: &str, name: &str| -> Vec<String> {
        let mut lines = src.lines().filter(|l| !l.is_empty());
        let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
        let Some(k) = header.iter().position(|h| *h == name) else { return Vec::new() };
        lines.filter_map(|l| l.split('\t').nth(k)).filter(|x| !x.trim().is_empty()).map(String::from).collect()
    };
    let mut given = col(&f("given-names-us-ssa.tsv")?, "name");
    given.sort();
    given.dedup();
    let mut names = col(&f("cities15000.tsv")?, "name");
    let countries = f("countries.tsv")?;
    names.extend(col(&countries, "name"));
    names.extend(col(&countries, "capital"));
    names.extend(col(&f("continents.tsv")?, "name"));
    names.extend(col(&f("us-states.tsv")?, "name"));
    let places = saywho_core::ml::namelike::place_words(names.iter().map(String::as_str)).into_iter().map(String::from).collect();
    Ok((given, places))
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
    fn lowercased_copies_every_third_sentence_with_its_spans() {
        let words: Vec<String> = "Anna left . Bob came . Carl Dunn ran . Eve sat .".split(' ').map(String::from).collect();
        let spans = [(0, 1, 0), (3, 4, 0), (6, 8, 0), (10, 11, 0)];
        let sentences = [(0, 3), (3, 6), (6, 10), (10, 13)];
        let mut counter = 0;
        let r = lowercased(&words, &spans, &sentences, &mut counter).expect("one sentence picked");
        assert_eq!(r.words, ["carl", "dunn", "ran", "."]);
        assert_eq!(r.spans, vec![(0, 2, 0)]);
        assert_eq!(r.sentences, vec![(0, 4)]);
        assert_eq!(counter, 4);
        // The count goes on across documents: sentence 6 is the next one.
        assert!(lowercased(&words[..3], &spans[..1], &sentences[..1], &mut counter).is_none());
        assert_eq!(lowercased(&words[..3], &spans[..1], &sentences[..1], &mut counter).expect("picked").words, ["anna", "left", "."]);
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
