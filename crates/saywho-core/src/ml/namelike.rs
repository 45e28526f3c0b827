//! Character-level name-likeness: how much a word looks like a person's
//! given name, a place name or an ordinary lower-case English word, from a
//! small multinomial logistic model over hashed character 2- to 5-grams of
//! its lower case (with word-boundary marks: "^kasna$").
//!
//! Trained (in [`train`]) on gazetteer names as positives (given names,
//! the words of place names) and on the ordinary words of the recognizer's
//! training text; the recognizer sees its verdict as a small code
//! ([`NameLike::code`]: the likeliest class and a confidence bucket) so that
//! unseen names ("Caoimhe", "Phunnarungsi") look like names. The weights are
//! quantised to 8 bits and stored in the entity model file.

use super::features::{bucket, fnv, fnv_u32};
use super::perceptron::Rng;

/// Classes, in score order; the last is the reference (its logit is 0).
pub const CLASSES: [&str; 3] = ["given", "place", "word"];
pub const GIVEN: usize = 0;
pub const PLACE: usize = 1;
pub const WORD: usize = 2;
/// Stored weights per bucket (the reference class has none).
const PER_BUCKET: usize = CLASSES.len() - 1;
/// Characters looked at (longer words: their first ones).
const MAX_CHARS: usize = 30;
const MIN_N: usize = 2;
const MAX_N: usize = 5;
/// Confidence buckets of [`NameLike::code`]: probability of the likeliest
/// class below each of these.
const CONFIDENCE: [f32; 3] = [0.6, 0.8, 0.95];
/// [`NameLike::code`] of a word the model says nothing about.
pub const NONE: u8 = 0;

/// A trained name-likeness model: `2^bits` buckets of [`PER_BUCKET`]
/// quantised weights (given vs word, place vs word).
#[derive(Debug, Clone, PartialEq)]
pub struct NameLike {
    pub bits: u8,
    /// Multiply a weight by this to get a logit.
    pub scale: f32,
    pub weights: Vec<i8>,
}

/// Calls `f` with the bucket-independent hash of every character n-gram of
/// `word`'s normalised lower case (digits as 0) between boundary marks, and
/// of a bias feature.
fn grams(word: &str, mut f: impl FnMut(u32)) {
    let mut cs = ['\0'; MAX_CHARS + 2];
    cs[0] = '^';
    let mut n = 1;
    'outer: for c in word.chars() {
        for d in c.to_lowercase() {
            if n > MAX_CHARS {
                break 'outer;
            }
            cs[n] = if d.is_ascii_digit() { '0' } else { d };
            n += 1;
        }
    }
    cs[n] = '$';
    n += 1;
    f(0x6269_6173);
    let mut buf = [0u8; 4];
    for len in MIN_N..=MAX_N {
        for s in 0..n.saturating_sub(len - 1) {
            let mut h = fnv_u32(0x811c_9dc5, len as u32);
            for &c in &cs[s..s + len] {
                h = fnv(h, c.encode_utf8(&mut buf).as_bytes());
            }
            f(h);
        }
    }
}

impl NameLike {
    /// Logits of [`CLASSES`] (the last is 0).
    pub fn logits(&self, word: &str) -> [f32; 3] {
        let mut z = [0i32; PER_BUCKET];
        grams(word, |h| {
            let b = bucket(h, self.bits) * PER_BUCKET;
            for (k, z) in z.iter_mut().enumerate() {
                *z += self.weights[b + k] as i32;
            }
        });
        [z[0] as f32 * self.scale, z[1] as f32 * self.scale, 0.0]
    }

    /// Class probabilities of [`CLASSES`].
    pub fn probs(&self, word: &str) -> [f32; 3] {
        softmax(self.logits(word))
    }

    /// The verdict as a small code for the recognizer's features: 1 +
    /// 4 × the likeliest class + its confidence bucket (0: below 0.6, ...,
    /// 3: 0.95 and above). Never [`NONE`].
    pub fn code(&self, word: &str) -> u8 {
        let p = self.probs(word);
        let c = (0..3).fold(0, |b, k| if p[k] > p[b] { k } else { b });
        let conf = CONFIDENCE.iter().filter(|&&t| p[c] >= t).count();
        1 + 4 * c as u8 + conf as u8
    }
}

fn softmax(z: [f32; 3]) -> [f32; 3] {
    let m = z.iter().copied().fold(f32::MIN, f32::max);
    let e = z.map(|x| (x - m).exp());
    let s: f32 = e.iter().sum();
    e.map(|x| x / s)
}

/// Trains the model: multinomial logistic regression by SGD over shuffled
/// (fixed `seed`) examples, each class weighted so that the three count
/// alike, then 8-bit quantisation. `given`, `places`, `words`: examples of
/// each class (a word in two lists counts in both).
pub fn train(given: &[&str], places: &[&str], words: &[&str], bits: u8, epochs: usize, seed: u64) -> NameLike {
    let mut data: Vec<(&str, usize)> = Vec::new();
    for (list, c) in [(given, GIVEN), (places, PLACE), (words, WORD)] {
        data.extend(list.iter().map(|&w| (w, c)));
    }
    let total = data.len().max(1) as f32;
    let class_weight: Vec<f32> = [given.len(), places.len(), words.len()].iter().map(|&n| if n == 0 { 0.0 } else { total / (3.0 * n as f32) }).collect();
    let n_buckets = 1usize << bits;
    let mut w = vec![0f32; n_buckets * PER_BUCKET];
    let mut rng = Rng::new(seed);
    let mut feats = Vec::with_capacity(128);
    for epoch in 0..epochs {
        rng.shuffle(&mut data);
        let lr = 0.1 / (1.0 + epoch as f32);
        for &(word, c) in &data {
            feats.clear();
            grams(word, |h| feats.push(bucket(h, bits) * PER_BUCKET));
            let mut z = [0f32, 0.0, 0.0];
            for &b in &feats {
                z[0] += w[b];
                z[1] += w[b + 1];
            }
            let p = softmax(z);
            let g = [p[0] - (c == 0) as u8 as f32, p[1] - (c == 1) as u8 as f32];
            let step = lr * class_weight[c];
            for &b in &feats {
                w[b] -= step * g[0];
                w[b + 1] -= step * g[1];
            }
        }
    }
    let max = w.iter().fold(0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    NameLike { bits, scale, weights: w.iter().map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8).collect() }
}

/// The words of place names (split at spaces and hyphens, two letters or
/// more, alphabetic), sorted and deduplicated.
pub fn place_words<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = names.into_iter().flat_map(|n| n.split([' ', '-'])).filter(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    const GIVEN_NAMES: &[&str] = &[
        "Aoife", "Siobhan", "Niamh", "Ciara", "Saoirse", "Eimear", "Orla", "Sinead", "Mairead", "Roisin", "Aisling", "Grainne",
        "Maeve", "Brigid", "Deirdre", "Sorcha", "Clodagh", "Caitlin", "Emma", "Olivia", "Sophia", "Isabella", "Amelia",
        "Charlotte", "Harper", "Evelyn", "Abigail", "Emily", "Elizabeth", "Mila", "Ella", "Avery", "Sofia", "Camila", "Aria",
        "Scarlett", "Victoria", "Madison", "Luna", "Grace", "Chloe", "Penelope", "Layla", "Riley", "Zoey", "Nora", "Lily",
        "Eleanor", "Hannah", "Lillian", "Addison", "Aubrey", "Ellie", "Stella", "Natalie", "Zoe", "Leah", "Hazel", "Violet",
        "Aurora", "Savannah", "Audrey", "Brooklyn", "Bella", "Claire", "Skylar", "Lucy", "Paisley", "Everly", "Anna",
        "Liam", "Noah", "William", "James", "Oliver", "Benjamin", "Elijah", "Lucas", "Mason", "Logan", "Alexander", "Ethan",
        "Jacob", "Michael", "Daniel", "Henry", "Jackson", "Sebastian", "Aiden", "Matthew", "Samuel", "David", "Joseph",
        "Carter", "Owen", "Wyatt", "John", "Jack", "Luke", "Jayden", "Dylan", "Grayson", "Levi", "Isaac", "Gabriel",
        "Julian", "Mateo", "Anthony", "Jaxon", "Lincoln", "Joshua", "Christopher", "Andrew", "Theodore", "Caleb", "Ryan",
        "Asher", "Nathan", "Thomas", "Leo", "Isaiah", "Charles", "Josiah", "Hudson", "Christian", "Hunter", "Connor", "Eli",
        "Ezra", "Aaron", "Landon", "Adrian", "Jonathan", "Nolan", "Jeremiah", "Easton", "Elias", "Colton", "Cameron",
        "Juanita", "Mariana", "Rosalinda", "Esperanza", "Guadalupe", "Marisol", "Xiomara", "Yesenia", "Anahi", "Ximena",
    ];
    const PLACES: &[&str] = &[
        "Shanghai", "Beijing", "Guangzhou", "Shenzhen", "Chengdu", "Tianjin", "Wuhan", "Dongguan", "Chongqing", "Nanjing",
        "Xiamen", "Hangzhou", "Zhengzhou", "Jinan", "Harbin", "Qingdao", "Dalian", "Changsha", "Kunming", "Fuzhou",
        "Lanzhou", "Nanning", "Hefei", "Urumqi", "Taiyuan", "Shijiazhuang", "Guiyang", "Nanchang", "Baotou", "Xuzhou",
        "Ahmedabad", "Hyderabad", "Bangalore", "Chennai", "Kolkata", "Pune", "Jaipur", "Lucknow", "Kanpur", "Nagpur",
        "Indore", "Thane", "Bhopal", "Visakhapatnam", "Patna", "Vadodara", "Ghaziabad", "Ludhiana", "Agra", "Nashik",
        "Faridabad", "Meerut", "Rajkot", "Varanasi", "Srinagar", "Aurangabad", "Dhanbad", "Amritsar", "Allahabad", "Ranchi",
        "Yokohama", "Osaka", "Nagoya", "Sapporo", "Kobe", "Kyoto", "Fukuoka", "Kawasaki", "Saitama", "Hiroshima", "Sendai",
        "Kitakyushu", "Chiba", "Sakai", "Niigata", "Hamamatsu", "Kumamoto", "Sagamihara", "Okayama", "Shizuoka",
        "Guadalajara", "Monterrey", "Puebla", "Tijuana", "Zapopan", "Chihuahua", "Aguascalientes", "Hermosillo", "Culiacan",
        "Ibadan", "Kano", "Abuja", "Kaduna", "Onitsha", "Maiduguri", "Zaria", "Enugu", "Ilorin", "Jos", "Oyo", "Abeokuta",
        "Bucaramanga", "Barranquilla", "Cartagena", "Cucuta", "Ibague", "Villavicencio", "Pereira", "Manizales", "Pasto",
    ];
    const WORDS: &[&str] = &[
        "building", "people", "because", "through", "something", "government", "following", "without", "question",
        "however", "different", "important", "children", "development", "information", "interesting", "understand",
        "thinking", "nothing", "everything", "another", "business", "company", "service", "problem", "system", "program",
        "number", "morning", "evening", "weather", "market", "country", "student", "teacher", "doctor", "hospital",
        "restaurant", "kitchen", "bedroom", "window", "garden", "flower", "mountain", "station", "computer", "software",
        "message", "meeting", "manager", "employee", "customer", "product", "quality", "price", "money", "payment",
        "account", "office", "working", "walking", "talking", "looking", "getting", "making", "taking", "coming", "going",
        "helpful", "wonderful", "beautiful", "terrible", "horrible", "friendly", "quickly", "really", "actually", "usually",
        "finally", "probably", "certainly", "together", "tomorrow", "yesterday", "between", "against", "around", "before",
        "after", "during", "within", "should", "would", "could", "might", "which", "where", "there", "these", "those",
        "thought", "brought", "bought", "caught", "taught", "strength", "length", "knowledge", "movement", "statement",
        "agreement", "treatment", "happiness", "darkness", "kindness", "weakness", "relationship", "friendship",
        "exactly", "recently", "simply", "easily", "completely", "highly", "nearly", "early", "likely", "lovely",
    ];

    fn model() -> NameLike {
        train(GIVEN_NAMES, PLACES, WORDS, 12, 12, 7)
    }

    /// (word, expected likeliest class): invented or unseen words.
    fn check(m: &NameLike, word: &str, want: usize) {
        let p = m.probs(word);
        let got = (0..3).fold(0, |b, k| if p[k] > p[b] { k } else { b });
        assert_eq!(CLASSES[got], CLASSES[want], "{word}: {p:?}");
        let code = m.code(word);
        assert!(code != NONE && (code - 1) / 4 == want as u8, "{word}: code {code}");
    }

    #[test]
    fn unseen_names_look_like_names_and_words_like_words() {
        let m = model();
        for w in ["Caoimhe", "Aoibheann", "Orlaith", "Isabelle", "Annabella", "Jaxson"] {
            check(&m, w, GIVEN);
        }
        for w in ["Zhangzhou", "Quanzhou", "Hyderpur", "Secunderabad", "Okinawa"] {
            check(&m, w, PLACE);
        }
        for w in ["buildings", "shopping", "greatness", "unfriendly", "brightly", "meetings"] {
            check(&m, w, WORD);
        }
        // Case does not matter; odd input does not panic.
        assert_eq!(m.probs("CAOIMHE"), m.probs("caoimhe"));
        for w in ["", "x", "İstanbul", "😀😀", &"a".repeat(300), "1990"] {
            let p = m.probs(w);
            assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-3, "{w}");
            assert!((1..=12).contains(&m.code(w)));
        }
    }

    #[test]
    fn training_is_deterministic_and_weights_are_small() {
        let (a, b) = (model(), model());
        assert_eq!(a, b);
        assert_eq!(a.weights.len(), 2 << 12);
        assert!(a.weights.iter().any(|&w| w.abs() > 100));
    }

    #[test]
    fn place_words_split_names() {
        assert_eq!(place_words(["New York", "Winston-Salem", "St. Louis", "Xi'an", "New Delhi"]), vec!["Delhi", "Louis", "New", "Salem", "Winston", "York"]);
    }
}
