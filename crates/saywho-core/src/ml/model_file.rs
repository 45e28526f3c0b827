//! The model file format (version 3), little-endian throughout:
//!
//! ```text
//! magic      8 bytes  "SAYWHOML"
//! version    u16      1
//! kind       u8       1 = POS tagger, 2 = NER, 3 = parser
//! features   u32      feature-set id the weights were trained with
//! about      u32 len + UTF-8: training data and licences
//! bits       u8       log2 of the feature-table size
//! scale      f32      quantisation step of the weights
//! vbits      u8       8 or 16: width of each stored weight
//! labels     u16 count, then per label u8 len + UTF-8
//! entries    u32 total non-zero weights
//! buckets    u32 count of non-empty buckets, then per bucket:
//!            varint bucket delta, u16 count, count × (u16 label, i8|i16 value)
//! dictionary u32 count, then per word u8 len + UTF-8 + u16 label
//!            (words the model tags without scoring; empty for NER)
//! stages     u8       0 or 1 (version 2): a second, stacked pass follows
//!            (the entity model's document-level pass, `ml::stack`):
//!            u32 feature-set id, then bits, scale, vbits, entries and
//!            buckets as above, over the same labels
//! namelike   u8       0 or 1 (version 3): the entity model's character
//!            name-likeness model (`ml::namelike`) follows: u8 bits,
//!            f32 scale, u32 count, count × i8 weights
//! checksum   u32      FNV-1a of every byte before it
//! ```
//!
//! Decoding checks every length, index and the checksum, and returns an error
//! (never panics) on anything unexpected. Version 1 files (no `stages` byte)
//! still decode, with no second stage; version 2 files (no `namelike` byte)
//! with no name-likeness model.

use super::features::fnv;
use super::namelike::NameLike;
use super::perceptron::{Entry, Weights};
use std::fmt;

pub const MAGIC: &[u8; 8] = b"SAYWHOML";
pub const VERSION: u16 = 3;
const MAX_BITS: u8 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Pos = 1,
    Ner = 2,
    /// The dependency parser (`ml::parse`): move weights, then the relation
    /// weights as the second stage.
    Parse = 3,
}

/// A decoded model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub kind: Kind,
    pub feature_set: u32,
    /// Training data and licences, as printed by the trainer.
    pub about: String,
    pub labels: Vec<String>,
    pub weights: Weights,
    /// Frequent unambiguous words and their label.
    pub dict: Vec<(String, u16)>,
    /// A second, stacked pass over the same labels (the entity model's
    /// document-level pass), if any.
    pub stage2: Option<Stage>,
    /// The entity model's character name-likeness model, if any.
    pub namelike: Option<NameLike>,
}

/// The weights of a stacked pass and the feature set they were trained with.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    pub feature_set: u32,
    pub weights: Weights,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    BadMagic,
    UnsupportedVersion(u16),
    Truncated(&'static str),
    Invalid(String),
    Checksum,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::BadMagic => write!(f, "not a saywho model file (bad magic)"),
            ModelError::UnsupportedVersion(v) => write!(f, "unsupported model file version {v} (this build reads {VERSION})"),
            ModelError::Truncated(what) => write!(f, "model file truncated while reading {what}"),
            ModelError::Invalid(why) => write!(f, "invalid model file: {why}"),
            ModelError::Checksum => write!(f, "model file checksum mismatch (corrupt file)"),
        }
    }
}

impl std::error::Error for ModelError {}

fn varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

impl Model {
    pub fn encode(&self) -> Vec<u8> {
        let w = &self.weights;
        let mut o = Vec::with_capacity(w.entries.len() * 3 + 1024);
        o.extend_from_slice(MAGIC);
        o.extend_from_slice(&VERSION.to_le_bytes());
        o.push(self.kind as u8);
        o.extend_from_slice(&self.feature_set.to_le_bytes());
        o.extend_from_slice(&(self.about.len() as u32).to_le_bytes());
        o.extend_from_slice(self.about.as_bytes());
        put_head(&mut o, w);
        o.extend_from_slice(&(self.labels.len() as u16).to_le_bytes());
        for l in &self.labels {
            o.push(l.len() as u8);
            o.extend_from_slice(l.as_bytes());
        }
        put_entries(&mut o, w);
        o.extend_from_slice(&(self.dict.len() as u32).to_le_bytes());
        for (w, l) in &self.dict {
            o.push(w.len() as u8);
            o.extend_from_slice(w.as_bytes());
            o.extend_from_slice(&l.to_le_bytes());
        }
        o.push(self.stage2.is_some() as u8);
        if let Some(st) = &self.stage2 {
            o.extend_from_slice(&st.feature_set.to_le_bytes());
            put_head(&mut o, &st.weights);
            put_entries(&mut o, &st.weights);
        }
        o.push(self.namelike.is_some() as u8);
        if let Some(nl) = &self.namelike {
            o.push(nl.bits);
            o.extend_from_slice(&nl.scale.to_le_bytes());
            o.extend_from_slice(&(nl.weights.len() as u32).to_le_bytes());
            o.extend(nl.weights.iter().map(|&w| w as u8));
        }
        let sum = fnv(0x811c_9dc5, &o);
        o.extend_from_slice(&sum.to_le_bytes());
        o
    }

    pub fn decode(bytes: &[u8]) -> Result<Model, ModelError> {
        if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let mut r = Reader { b: bytes, p: MAGIC.len() };
        let version = r.u16("version")?;
        if !(1..=VERSION).contains(&version) {
            return Err(ModelError::UnsupportedVersion(version));
        }
        if bytes.len() < 4 {
            return Err(ModelError::Truncated("checksum"));
        }
        let (body, tail) = bytes.split_at(bytes.len() - 4);
        if fnv(0x811c_9dc5, body).to_le_bytes() != tail {
            return Err(ModelError::Checksum);
        }
        let mut r = Reader { b: body, p: r.p };
        let kind = match r.u8("kind")? {
            1 => Kind::Pos,
            2 => Kind::Ner,
            3 => Kind::Parse,
            k => return Err(ModelError::Invalid(format!("unknown model kind {k}"))),
        };
        let feature_set = r.u32("feature set")?;
        let about_len = r.u32("about length")? as usize;
        let about = std::str::from_utf8(r.take(about_len, "about")?)
            .map_err(|_| ModelError::Invalid("header text is not UTF-8".into()))?
            .to_string();
        let head = get_head(&mut r)?;
        let n_labels = r.u16("label count")? as usize;
        if n_labels == 0 {
            return Err(ModelError::Invalid("no labels".into()));
        }
        let mut labels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            let len = r.u8("label")? as usize;
            let s = std::str::from_utf8(r.take(len, "label")?).map_err(|_| ModelError::Invalid("label is not UTF-8".into()))?;
            labels.push(s.to_string());
        }
        let weights = get_entries(&mut r, head, n_labels)?;
        let n_dict = r.u32("dictionary size")? as usize;
        if n_dict > r.remaining() / 3 {
            return Err(ModelError::Truncated("dictionary"));
        }
        let mut dict = Vec::with_capacity(n_dict);
        for _ in 0..n_dict {
            let len = r.u8("dictionary")? as usize;
            let w = std::str::from_utf8(r.take(len, "dictionary")?).map_err(|_| ModelError::Invalid("dictionary word is not UTF-8".into()))?;
            let l = r.u16("dictionary")?;
            if l as usize >= n_labels {
                return Err(ModelError::Invalid(format!("dictionary label {l} of {n_labels}")));
            }
            dict.push((w.to_string(), l));
        }
        let stage2 = match if version >= 2 { r.u8("stages")? } else { 0 } {
            0 => None,
            1 => {
                let feature_set = r.u32("stage feature set")?;
                let head = get_head(&mut r)?;
                Some(Stage { feature_set, weights: get_entries(&mut r, head, n_labels)? })
            }
            n => return Err(ModelError::Invalid(format!("{n} stages"))),
        };
        let namelike = match if version >= 3 { r.u8("name-likeness")? } else { 0 } {
            0 => None,
            1 => {
                let (bits, scale) = get_bits_scale(&mut r, "name-likeness")?;
                let n = r.u32("name-likeness weights")? as usize;
                if n != (2usize << bits) {
                    return Err(ModelError::Invalid(format!("{n} name-likeness weights for 2^{bits} buckets")));
                }
                let weights = r.take(n, "name-likeness weights")?.iter().map(|&b| b as i8).collect();
                Some(NameLike { bits, scale, weights })
            }
            n => return Err(ModelError::Invalid(format!("{n} name-likeness models"))),
        };
        if r.remaining() != 0 {
            return Err(ModelError::Invalid("trailing bytes".into()));
        }
        Ok(Model { kind, feature_set, about, labels, weights, dict, stage2, namelike })
    }
}

/// Table size, scale and value width of `w`.
fn put_head(o: &mut Vec<u8>, w: &Weights) {
    o.push(w.bits);
    o.extend_from_slice(&w.scale.to_le_bytes());
    o.push(w.value_bits);
}

/// The sparse weights of `w`: entry count, bucket count, buckets.
fn put_entries(o: &mut Vec<u8>, w: &Weights) {
    o.extend_from_slice(&(w.entries.len() as u32).to_le_bytes());
    let non_empty = w.offsets.windows(2).filter(|p| p[1] > p[0]).count() as u32;
    o.extend_from_slice(&non_empty.to_le_bytes());
    let mut prev = 0u32;
    for b in 0..w.offsets.len().saturating_sub(1) {
        let (s, e) = (w.offsets[b] as usize, w.offsets[b + 1] as usize);
        if e == s {
            continue;
        }
        varint(o, b as u32 - prev);
        prev = b as u32;
        o.extend_from_slice(&((e - s) as u16).to_le_bytes());
        for en in &w.entries[s..e] {
            o.extend_from_slice(&en.label.to_le_bytes());
            if w.value_bits == 8 {
                o.push(en.w as i8 as u8);
            } else {
                o.extend_from_slice(&en.w.to_le_bytes());
            }
        }
    }
}

/// A table size (2^bits buckets) and a quantisation scale, checked; `what`
/// names the table in errors ("feature", "name-likeness").
fn get_bits_scale(r: &mut Reader, what: &'static str) -> Result<(u8, f32), ModelError> {
    let bits = r.u8("table size")?;
    if bits == 0 || bits > MAX_BITS {
        return Err(ModelError::Invalid(format!("{what} table of 2^{bits} buckets")));
    }
    let scale = f32::from_le_bytes(r.take(4, "scale")?.try_into().map_err(|_| ModelError::Truncated("scale"))?);
    if !scale.is_finite() || scale <= 0.0 {
        return Err(ModelError::Invalid(format!("{what} scale {scale}")));
    }
    Ok((bits, scale))
}

/// Reads what [`put_head`] wrote: (bits, scale, value bits).
fn get_head(r: &mut Reader) -> Result<(u8, f32, u8), ModelError> {
    let (bits, scale) = get_bits_scale(r, "feature")?;
    let value_bits = r.u8("value width")?;
    if value_bits != 8 && value_bits != 16 {
        return Err(ModelError::Invalid(format!("weights of {value_bits} bits")));
    }
    Ok((bits, scale, value_bits))
}

/// Reads what [`put_entries`] wrote, for a table of `2^bits` buckets over `n_labels` labels.
fn get_entries(r: &mut Reader, (bits, scale, value_bits): (u8, f32, u8), n_labels: usize) -> Result<Weights, ModelError> {
    let n_entries = r.u32("entry count")? as usize;
    let n_buckets = 1usize << bits;
    let per_entry = 2 + value_bits as usize / 8;
    if n_entries > r.remaining() / per_entry {
        return Err(ModelError::Truncated("weights"));
    }
    let non_empty = r.u32("bucket count")? as usize;
    if non_empty > n_buckets || non_empty > r.remaining() / 3 {
        return Err(ModelError::Invalid(format!("{non_empty} non-empty buckets")));
    }
    let mut offsets = Vec::with_capacity(n_buckets + 1);
    let mut entries = Vec::with_capacity(n_entries);
    offsets.push(0u32);
    let mut bucket = 0usize;
    for k in 0..non_empty {
        let delta = r.varint()? as usize;
        if k > 0 && delta == 0 {
            return Err(ModelError::Invalid("buckets out of order".into()));
        }
        bucket = bucket.checked_add(delta).filter(|&b| b < n_buckets).ok_or_else(|| ModelError::Invalid("bucket out of range".into()))?;
        while offsets.len() <= bucket {
            offsets.push(entries.len() as u32);
        }
        let count = r.u16("bucket")? as usize;
        if count == 0 || entries.len() + count > n_entries {
            return Err(ModelError::Invalid("bucket sizes do not add up".into()));
        }
        for _ in 0..count {
            let label = r.u16("weight")?;
            if label as usize >= n_labels {
                return Err(ModelError::Invalid(format!("label index {label} of {n_labels}")));
            }
            let w = if value_bits == 8 { r.u8("weight")? as i8 as i16 } else { r.u16("weight")? as i16 };
            entries.push(Entry { label, w });
        }
    }
    if entries.len() != n_entries {
        return Err(ModelError::Invalid("entry count does not match".into()));
    }
    while offsets.len() <= n_buckets {
        offsets.push(entries.len() as u32);
    }
    Ok(Weights { bits, n_labels, scale, value_bits, offsets, entries })
}

struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Reader<'a> {
    fn remaining(&self) -> usize {
        self.b.len() - self.p
    }

    fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], ModelError> {
        if n > self.remaining() {
            return Err(ModelError::Truncated(what));
        }
        let s = &self.b[self.p..self.p + n];
        self.p += n;
        Ok(s)
    }

    fn u8(&mut self, what: &'static str) -> Result<u8, ModelError> {
        Ok(self.take(1, what)?[0])
    }

    fn u16(&mut self, what: &'static str) -> Result<u16, ModelError> {
        let s = self.take(2, what)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }

    fn u32(&mut self, what: &'static str) -> Result<u32, ModelError> {
        let s = self.take(4, what)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }

    fn varint(&mut self) -> Result<u32, ModelError> {
        let mut v = 0u32;
        for shift in [0, 7, 14, 21, 28] {
            let b = self.u8("bucket index")?;
            v |= ((b & 0x7f) as u32).checked_shl(shift).unwrap_or(0);
            if b & 0x80 == 0 {
                if shift == 28 && b > 0x0f {
                    break;
                }
                return Ok(v);
            }
        }
        Err(ModelError::Invalid("bucket index too long".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ml::features::feat;
    use crate::ml::perceptron::Trainer;

    fn sample(value_bits: u8) -> Model {
        let mut t = Trainer::new(8, 3);
        for i in 0..30u32 {
            let f = [feat(1, i % 3), feat(2, i % 7)];
            t.update(&f, (i % 3) as usize, ((i + 1) % 3) as usize);
            t.tick();
        }
        Model {
            kind: Kind::Ner,
            feature_set: 77,
            about: "test data, CC BY 4.0".into(),
            labels: vec!["O".into(), "U-PERSON".into(), "B-ORG".into()],
            weights: t.finish(value_bits),
            dict: vec![("the".into(), 0), ("Mr.".into(), 2)],
            stage2: None,
            namelike: None,
        }
    }

    /// [`sample`] with a second stage (its own table size and width).
    fn stacked(value_bits: u8) -> Model {
        let mut t = Trainer::new(6, 3);
        for i in 0..20u32 {
            t.update(&[feat(5, i % 4)], (i % 3) as usize, ((i + 2) % 3) as usize);
            t.tick();
        }
        Model { stage2: Some(Stage { feature_set: 0x5354_4b01, weights: t.finish(16) }), ..sample(value_bits) }
    }

    /// [`stacked`] with a name-likeness model.
    fn with_namelike(value_bits: u8) -> Model {
        let nl = crate::ml::namelike::train(&["Anna", "Aoife"], &["Oslo", "Xiamen"], &["building", "table"], 4, 3, 1);
        Model { namelike: Some(nl), ..stacked(value_bits) }
    }

    #[test]
    fn round_trip() {
        for bits in [8, 16] {
            for m in [sample(bits), stacked(bits), with_namelike(bits)] {
                assert!(!m.weights.entries.is_empty());
                let bytes = m.encode();
                assert_eq!(Model::decode(&bytes), Ok(m));
            }
        }
    }

    /// Version 1 files (no stage byte) still decode, with no second stage;
    /// version 2 files (no name-likeness byte) with no name-likeness model.
    #[test]
    fn older_versions_decode() {
        let m = stacked(16);
        let mut b = m.encode();
        b.truncate(b.len() - 5);
        b[8] = 2;
        let s = fnv(0x811c_9dc5, &b);
        b.extend_from_slice(&s.to_le_bytes());
        assert_eq!(Model::decode(&b), Ok(m));
        let m = sample(16);
        let mut b = m.encode();
        b.truncate(b.len() - 6);
        b[8] = 1;
        let s = fnv(0x811c_9dc5, &b);
        b.extend_from_slice(&s.to_le_bytes());
        assert_eq!(Model::decode(&b), Ok(m));
    }

    #[test]
    fn corruption_is_an_error_not_a_panic() {
        let bytes = with_namelike(8).encode();
        assert_eq!(Model::decode(b""), Err(ModelError::BadMagic));
        assert_eq!(Model::decode(b"SAYWHOMX\x01\x00"), Err(ModelError::BadMagic));
        let mut v4 = bytes.clone();
        v4[8] = 4;
        assert_eq!(Model::decode(&v4), Err(ModelError::UnsupportedVersion(4)));
        // Every truncation and every single flipped byte is rejected.
        for n in 0..bytes.len() {
            assert!(Model::decode(&bytes[..n]).is_err(), "truncated at {n}");
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x5a;
            assert!(Model::decode(&b).is_err(), "flipped byte {i}");
        }
    }

    /// Structurally bad files with a valid checksum: the checks behind it hold too.
    #[test]
    fn invalid_structure_with_valid_checksum() {
        let reseal = |mut b: Vec<u8>| {
            b.truncate(b.len() - 4);
            let s = fnv(0x811c_9dc5, &b);
            b.extend_from_slice(&s.to_le_bytes());
            b
        };
        let good = sample(16).encode();
        let kind_at = 8 + 2;
        let mut b = good.clone();
        b[kind_at] = 9;
        assert!(matches!(Model::decode(&reseal(b)), Err(ModelError::Invalid(_))));
        let bits_at = kind_at + 1 + 4 + 4 + "test data, CC BY 4.0".len();
        for bad in [0u8, 31] {
            let mut b = good.clone();
            b[bits_at] = bad;
            assert!(matches!(Model::decode(&reseal(b)), Err(ModelError::Invalid(_))));
        }
        // A label index past the label list.
        let mut m = sample(16);
        m.weights.entries[0].label = 3;
        assert!(matches!(Model::decode(&m.encode()), Err(ModelError::Invalid(_))));
        let mut m = sample(8);
        m.dict[1].1 = 3;
        assert!(matches!(Model::decode(&m.encode()), Err(ModelError::Invalid(_))));
    }
}
