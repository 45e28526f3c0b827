//! A labelled dependency parser: greedy arc-hybrid transitions (Kuhlmann,
//! Gómez-Rodríguez and Satta 2011) scored by two averaged perceptrons over
//! word and tag features, trained with a dynamic oracle (Goldberg and Nivre
//! 2013; see `parse_train`).
//!
//! A configuration is a stack, a buffer and the arcs built so far; the
//! buffer ends in an artificial root. Three moves:
//! SHIFT (buffer front onto the stack), LEFT (the stack top becomes a
//! dependent of the buffer front and is popped) and RIGHT (the stack top
//! becomes a dependent of the word under it and is popped). The root can
//! take a dependent only when the stack holds one word, so every parse is one
//! projective tree with one root, whatever the scores say. Choosing the move
//! (3 scores per feature) and its label (scored only when an arc is built) are
//! two models, which keeps parsing fast: the label model runs once per word.
//!
//! Parses are over the tagger's Penn tags ([`Pos`]) and words as given;
//! call it one sentence at a time. It never panics: empty input gives an
//! empty parse; a sentence longer than [`MAX_WORDS`] is parsed in pieces of
//! that length (each piece its own tree).
//!
//! # Attribution over the parse (the design for the quote stage)
//!
//! [`super::parse_roles::roles`] turns a predicate into source and content
//! spans; its table lists the relations ("X said that …": `nsubj` +
//! `ccomp`; "…, X told reporters": the predicate is a `parataxis` of the
//! quote's head; "X's claim that …": `nmod:poss` + `acl`; "according to X":
//! the case marker's head and that head's clause; passives: `obl:agent`;
//! coordination: a subjectless `conj` borrows its first conjunct's subject;
//! relative clauses: the modified noun). The quote stage is meant to use it so:
//!
//! 1. **Which sentences**: only those with a cue candidate (a lexicon
//!    reporting verb or noun, "according") or a quotation mark; the others
//!    are never parsed, which keeps the pipeline's throughput.
//! 2. **Tokens**: the core keeps contractions whole ("won't", "it's") where
//!    the treebanks split them; split them into the treebank's pieces ("wo"
//!    "n't", "it" "'s") before parsing and map each piece's arc back to its
//!    token (the piece whose head lies outside the token gives the token's
//!    head). Possessive "'s" is already split, as `nmod:poss` needs.
//! 3. **Predicates**: a lexicon cue word, or any verb the parse gives both a
//!    subject and a `ccomp` or `parataxis` (a speech-act verb the lexicon
//!    lacks); belief verbs ("believes", "thinks") stay out of the export, as
//!    the lexicon marks them.
//! 4. **Content**: the `roles` content span is the indirect quote; when a
//!    quotation mark span overlaps it, the marked span is the direct quote and
//!    `roles` only names its source. A cue between two halves of a quote
//!    ("“As a result,” he said, “it failed.”") stays inside the content span,
//!    as the export wants one quote from the first mark to the last.
//! 5. **Source**: [`super::parse_roles::Roles::source_head`] is the word the
//!    existing resolution starts from (a pronoun, a description such as "the
//!    minister", a name; an appositive "X, the minister" is in the span).
//! 6. **Fallback**: without a parser (the browser before `parse.swm` loads) or
//!    when `roles` finds neither a source nor a content, the surface rules
//!    decide as today; where both decide, measure on PolNeAR dev which wins,
//!    construction by construction.

use super::model_file::{Kind, Model, ModelError};
use super::parse_features::{self as pf, Slots};
use super::perceptron::Weights;
use super::pos::Pos;

macro_rules! deps {
    ($($v:ident = $s:literal),* $(,)?) => {
        /// A Universal Dependencies relation (English, with the subtypes
        /// English-EWT and GUM use).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(u8)]
        pub enum Dep { $($v),* }

        impl Dep {
            /// Every relation, in discriminant order.
            pub const ALL: &'static [Dep] = &[$(Dep::$v),*];

            /// The UD spelling: "nsubj:pass", "root".
            pub fn as_str(self) -> &'static str {
                match self { $(Dep::$v => $s),* }
            }

            pub fn from_ud(s: &str) -> Option<Dep> {
                match s { $($s => Some(Dep::$v),)* _ => None }
            }
        }
    };
}

deps! {
    Acl = "acl", AclRelcl = "acl:relcl", Advcl = "advcl", AdvclRelcl = "advcl:relcl", Advmod = "advmod",
    Amod = "amod", Appos = "appos", Aux = "aux", AuxPass = "aux:pass", Case = "case", Cc = "cc",
    CcPreconj = "cc:preconj", Ccomp = "ccomp", Compound = "compound", CompoundPrt = "compound:prt",
    Conj = "conj", Cop = "cop", Csubj = "csubj", CsubjOuter = "csubj:outer", CsubjPass = "csubj:pass",
    Dep = "dep", Det = "det", DetPredet = "det:predet", Discourse = "discourse", Dislocated = "dislocated",
    Expl = "expl", Fixed = "fixed", Flat = "flat", Goeswith = "goeswith", Iobj = "iobj", List = "list",
    Mark = "mark", Nmod = "nmod", NmodDesc = "nmod:desc", NmodPoss = "nmod:poss", NmodUnmarked = "nmod:unmarked",
    Nsubj = "nsubj", NsubjOuter = "nsubj:outer", NsubjPass = "nsubj:pass", Nummod = "nummod", Obj = "obj",
    Obl = "obl", OblAgent = "obl:agent", OblUnmarked = "obl:unmarked", Orphan = "orphan", Parataxis = "parataxis",
    Punct = "punct", Reparandum = "reparandum", Root = "root", Vocative = "vocative", Xcomp = "xcomp",
}

impl Dep {
    /// The relation without its subtype: `nsubj:pass` → `nsubj`.
    pub fn base(self) -> Dep {
        let s = self.as_str();
        s.split_once(':').and_then(|(b, _)| Dep::from_ud(b)).unwrap_or(self)
    }
}

/// One word's attachment: its head (a word index in the sentence; None for
/// the root) and the relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arc {
    pub head: Option<usize>,
    pub label: Dep,
}

/// Identifies the feature sets in model files; bump on any template change.
pub const FEATURE_SET: u32 = 0x5041_5203;
pub const LABEL_FEATURE_SET: u32 = 0x5041_4c02;

/// Longest sentence parsed as one tree (longer input is cut into pieces).
pub const MAX_WORDS: usize = 400;

/// The moves; the transition model's labels are these three in this order.
pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;
pub const MOVES: [&str; 3] = ["SHIFT", "LEFT", "RIGHT"];

/// No word (an empty slot, or no head yet).
pub const NONE: u32 = u32::MAX;

/// A parser configuration over `n` words; word `n` is the root.
#[derive(Debug, Clone)]
pub struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    /// The buffer front (`n`: only the root is left).
    pub b: usize,
    pub heads: Vec<u32>,
    /// Label index (into the parser's labels) of each attached word.
    pub labels: Vec<u8>,
    /// The two leftmost and two rightmost dependents of each word (and the root).
    pub left: Vec<[u32; 2]>,
    pub right: Vec<[u32; 2]>,
    pub n_left: Vec<u8>,
    pub n_right: Vec<u8>,
}

impl State {
    pub fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            heads: vec![NONE; n + 1],
            labels: vec![0; n + 1],
            left: vec![[NONE; 2]; n + 1],
            right: vec![[NONE; 2]; n + 1],
            n_left: vec![0; n + 1],
            n_right: vec![0; n + 1],
        }
    }

    pub fn done(&self) -> bool {
        self.b == self.n && self.stack.is_empty()
    }

    pub fn s(&self, k: usize) -> u32 {
        let l = self.stack.len();
        if k < l {
            self.stack[l - 1 - k]
        } else {
            NONE
        }
    }

    /// Whether `mv` can be taken: SHIFT needs a word in the buffer, LEFT a
    /// stack word (onto the root only as the last one), RIGHT two stack words.
    pub fn valid(&self, mv: usize) -> bool {
        match mv {
            SHIFT => self.b < self.n,
            LEFT => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            _ => self.stack.len() >= 2,
        }
    }

    /// The (head, dependent) an arc move would build.
    pub fn arc_of(&self, mv: usize) -> (u32, u32) {
        match mv {
            LEFT => (self.b as u32, self.s(0)),
            _ => (self.s(1), self.s(0)),
        }
    }

    /// Takes a valid move; `label` is used by arc moves.
    pub fn apply(&mut self, mv: usize, label: u8) {
        if mv == SHIFT {
            self.stack.push(self.b as u32);
            self.b += 1;
            return;
        }
        let (h, d) = self.arc_of(mv);
        self.stack.pop();
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        self.labels[du] = label;
        if d < h {
            // Left dependents arrive right to left: the newest is leftmost.
            let l = &mut self.left[hu];
            l[1] = l[0];
            l[0] = d;
            self.n_left[hu] = self.n_left[hu].saturating_add(1);
        } else {
            // Right dependents arrive left to right: the newest is rightmost.
            let r = &mut self.right[hu];
            r[1] = r[0];
            r[0] = d;
            self.n_right[hu] = self.n_right[hu].saturating_add(1);
        }
    }
}

/// A loaded parser.
pub struct Parser {
    moves: Weights,
    /// The move weights as one row of three per bucket (8-bit models): one
    /// memory access per feature instead of two, which is most of the
    /// parsing time.
    dense: Option<Vec<[i8; 3]>>,
    label_weights: Weights,
    /// The relations, by label index (the model's labels after the three moves).
    deps: Vec<Dep>,
}

/// The parse model's labels are the three moves followed by the relations;
/// the label model scores only the relations (indices offset by 3).
pub const LABEL_OFFSET: usize = 3;

impl Parser {
    pub fn from_model(m: Model) -> Result<Parser, ModelError> {
        if m.kind != Kind::Parse {
            return Err(ModelError::Invalid("not a parser model".into()));
        }
        if m.feature_set != FEATURE_SET {
            return Err(ModelError::Invalid(format!("feature set {:#x}, this build computes {FEATURE_SET:#x}", m.feature_set)));
        }
        let Some(stage) = m.stage2 else { return Err(ModelError::Invalid("parser model without its label model".into())) };
        if stage.feature_set != LABEL_FEATURE_SET {
            return Err(ModelError::Invalid(format!("label feature set {:#x}, this build computes {LABEL_FEATURE_SET:#x}", stage.feature_set)));
        }
        if m.labels.len() <= LABEL_OFFSET || m.labels[..LABEL_OFFSET].iter().zip(MOVES).any(|(a, b)| a != b) || m.labels.len() > LABEL_OFFSET + 255 {
            return Err(ModelError::Invalid("parser labels must be SHIFT, LEFT, RIGHT and the relations".into()));
        }
        let deps = m.labels[LABEL_OFFSET..]
            .iter()
            .map(|l| Dep::from_ud(l).ok_or_else(|| ModelError::Invalid(format!("unknown relation {l:?}"))))
            .collect::<Result<Vec<_>, _>>()?;
        let dense = (m.weights.value_bits == 8).then(|| {
            let mut rows = vec![[0i8; 3]; m.weights.offsets.len().saturating_sub(1)];
            for (b, row) in rows.iter_mut().enumerate() {
                for e in &m.weights.entries[m.weights.offsets[b] as usize..m.weights.offsets[b + 1] as usize] {
                    if let Some(x) = row.get_mut(e.label as usize) {
                        *x = e.w.clamp(-127, 127) as i8;
                    }
                }
            }
            rows
        });
        Ok(Parser { moves: m.weights, dense, label_weights: stage.weights, deps })
    }

    /// The relations this model assigns.
    pub fn relations(&self) -> &[Dep] {
        &self.deps
    }

    /// One arc per word of a sentence (`tags` one per word; missing tags
    /// count as [`Pos::XX`]). Always a tree: exactly one word has no head
    /// (per piece of [`MAX_WORDS`] words) and following heads never loops.
    pub fn parse(&self, words: &[&str], tags: &[Pos]) -> Vec<Arc> {
        let mut out = Vec::with_capacity(words.len());
        let mut start = 0;
        while start < words.len() {
            let end = (start + MAX_WORDS).min(words.len());
            let t: Vec<Pos> = (start..end).map(|i| tags.get(i).copied().unwrap_or(Pos::XX)).collect();
            let st = self.parse_state(&words[start..end], &t);
            out.extend((0..end - start).map(|i| {
                let h = st.heads[i] as usize;
                Arc { head: (h < end - start).then_some(h + start), label: self.deps.get(st.labels[i] as usize).copied().unwrap_or(Dep::Dep) }
            }));
            start = end;
        }
        out
    }

    /// The final configuration of a greedy parse (at most [`MAX_WORDS`] words).
    pub fn parse_state(&self, words: &[&str], tags: &[Pos]) -> State {
        let slots = Slots::new(words, tags);
        let mut st = State::new(words.len());
        let mut f = [0u32; pf::N_MOVE];
        let mut lf = [0u32; pf::N_LABEL];
        let mut lscores = vec![0i32; self.label_weights.n_labels];
        while !st.done() {
            pf::move_features(&slots, &st, &mut f);
            let mut scores = [0i32; 3];
            match &self.dense {
                Some(rows) => {
                    for &x in &f {
                        let r = rows[super::features::bucket(x, self.moves.bits)];
                        scores[0] += r[0] as i32;
                        scores[1] += r[1] as i32;
                        scores[2] += r[2] as i32;
                    }
                }
                None => {
                    for &x in &f {
                        add3(&self.moves, x, &mut scores);
                    }
                }
            }
            let mv = best_move(&st, &scores);
            let label = if mv == SHIFT {
                0
            } else {
                let (h, d) = st.arc_of(mv);
                pf::label_features(&slots, &st, h, d, &mut lf);
                self.label_weights.score(&lf, &mut lscores);
                best_label(&lscores, self.deps.len())
            };
            st.apply(mv, label as u8);
        }
        st
    }
}

/// Adds feature `f`'s move weights (labels 0..3 of the table) to `scores`.
#[inline]
pub fn add3(w: &Weights, f: u32, scores: &mut [i32; 3]) {
    let b = super::features::bucket(f, w.bits);
    let (s, e) = (w.offsets[b] as usize, w.offsets[b + 1] as usize);
    for en in &w.entries[s..e] {
        if let Some(x) = scores.get_mut(en.label as usize) {
            *x += en.w as i32;
        }
    }
}

/// The best valid move (ties: SHIFT, LEFT, RIGHT).
#[inline]
pub fn best_move(st: &State, scores: &[i32; 3]) -> usize {
    let mut best = usize::MAX;
    for mv in [SHIFT, LEFT, RIGHT] {
        if st.valid(mv) && (best == usize::MAX || scores[mv] > scores[best]) {
            best = mv;
        }
    }
    best
}

/// The best relation among the first `n` label-model scores, offset past the moves.
#[inline]
pub fn best_label(scores: &[i32], n: usize) -> usize {
    let s = &scores[LABEL_OFFSET.min(scores.len())..];
    super::perceptron::argmax(&s[..n.min(s.len())], |_| true)
}

/// Whether `heads` (None: root) form a projective forest: no two arcs cross
/// and no arc spans its head's ancestors. Heads out of range count as roots.
pub fn is_projective(heads: &[Option<usize>]) -> bool {
    let n = heads.len();
    let h = |i: usize| heads[i].filter(|&x| x < n);
    for d in 0..n {
        let Some(hd) = h(d) else { continue };
        let (a, b) = if hd < d { (hd, d) } else { (d, hd) };
        // Every word strictly between must descend from the head.
        for k in a + 1..b {
            let mut x = k;
            let mut steps = 0;
            while x != hd {
                match h(x) {
                    Some(p) if steps <= n => {
                        x = p;
                        steps += 1;
                    }
                    _ => return false,
                }
            }
        }
    }
    true
}

/// Whether `arcs` form one tree: one root, every head in range, no cycle.
pub fn is_tree(arcs: &[Arc]) -> bool {
    let n = arcs.len();
    if n == 0 {
        return true;
    }
    if arcs.iter().filter(|a| a.head.is_none()).count() != 1 || arcs.iter().any(|a| a.head.is_some_and(|h| h >= n)) {
        return false;
    }
    (0..n).all(|i| {
        let mut x = i;
        for _ in 0..=n {
            match arcs[x].head {
                None => return true,
                Some(h) => x = h,
            }
        }
        false
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_names_round_trip() {
        for &d in Dep::ALL {
            assert_eq!(Dep::from_ud(d.as_str()), Some(d));
        }
        assert_eq!(Dep::NsubjPass.base(), Dep::Nsubj);
        assert_eq!(Dep::AclRelcl.base(), Dep::Acl);
        assert_eq!(Dep::Obj.base(), Dep::Obj);
        assert_eq!(Dep::from_ud("nsubj:xsubj"), None);
    }

    fn check_projective(heads: &[Option<usize>], want: bool) {
        assert_eq!(is_projective(heads), want, "{heads:?}");
    }

    #[test]
    fn projectivity() {
        check_projective(&[], true);
        check_projective(&[None], true);
        // "the dog barks": the → dog → barks.
        check_projective(&[Some(1), Some(2), None], true);
        // Crossing arcs: 0 → 2 and 1 → 3.
        check_projective(&[None, Some(3), Some(0), Some(0)], false);
        // An arc over the head's own ancestor: 1 → 3, and 2 is 1's head.
        check_projective(&[Some(2), Some(2), None, Some(1)], false);
    }

    #[test]
    fn states_only_allow_moves_that_end_in_one_tree() {
        let mut st = State::new(2);
        assert!(st.valid(SHIFT) && !st.valid(LEFT) && !st.valid(RIGHT));
        st.apply(SHIFT, 0);
        st.apply(SHIFT, 0);
        assert!(!st.valid(SHIFT) && !st.valid(LEFT) && st.valid(RIGHT));
        st.apply(RIGHT, 1);
        assert!(st.valid(LEFT));
        st.apply(LEFT, 2);
        assert!(st.done());
        assert_eq!(st.heads[..2], [2, 0]);
        assert_eq!(st.right[0][0], 1);
        assert_eq!(State::new(0).done(), true);
    }

    #[test]
    fn trees() {
        let a = |h: Option<usize>| Arc { head: h, label: Dep::Dep };
        assert!(is_tree(&[]));
        assert!(is_tree(&[a(Some(1)), a(None)]));
        assert!(!is_tree(&[a(None), a(None)]));
        assert!(!is_tree(&[a(Some(1)), a(Some(0)), a(None)]));
        assert!(!is_tree(&[a(Some(5)), a(None)]));
    }
}
