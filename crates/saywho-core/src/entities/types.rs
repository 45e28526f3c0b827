//! The entity stage's types: labels, genders, candidates before linking and
//! the linked entities and mentions every later stage reads.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Label {
    Person,
    Org,
    Loc,
    Misc,
    Date,
    Money,
    Percent,
}

impl Label {
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Loc => "LOC",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
    Unknown,
}

/// One mention: token range [start, end) into text.tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct EMention {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub entity: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EntityInfo {
    pub label: Label,
    /// The fullest mention's text.
    pub name: String,
    pub gender: Gender,
    /// Groups, e.g. "Conservatives", "Texans".
    pub plural: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Entities {
    /// Sorted by start, non-overlapping.
    pub mentions: Vec<EMention>,
    /// In order of first mention.
    pub entities: Vec<EntityInfo>,
}

/// A mention before linking.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    /// `None`: a capitalised word with no evidence of its own; it becomes a
    /// mention only if linking ties it to a named entity.
    pub label: Option<Label>,
    pub gender: Gender,
    pub plural: bool,
    /// A fallback guess, overruled by what the rest of the document says.
    pub weak: bool,
    /// A title or role word stands before it ("Ms Okafor", "Administrator Bolden").
    pub titled: bool,
    /// The first token of an earlier candidate this one abbreviates:
    /// "Kennedy Space Center (KSC)".
    pub alias_of: Option<usize>,
}
