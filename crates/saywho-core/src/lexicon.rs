//! Word lists kept as data (`data/lexicon/*.txt`), parsed once on first use.

pub fn is_abbreviation(w: &str) -> bool {
    matches!(
        w,
        "Mr" | "Mrs" | "Ms" | "Dr" | "Prof" | "Sen" | "Gov" | "Rep" | "Gen" | "St" | "No" | "Jan" | "Feb" | "Mar" | "Apr"
            | "Jun" | "Jul" | "Aug" | "Sep" | "Sept" | "Oct" | "Nov" | "Dec" | "Inc" | "Corp" | "Ltd" | "Co" | "Jr" | "Sr"
            | "Lt" | "Col" | "Capt" | "Sgt" | "Maj" | "Adm" | "Rev" | "Hon" | "vs" | "etc" | "Mt" | "Ft" | "Ave" | "Blvd"
            | "Gens" | "Reps" | "Sens" | "Cmdr" | "Supt" | "Insp" | "Det" | "Cpl" | "Pvt" | "Brig" | "Messrs" | "Mme" | "Mlle"
            | "approx" | "est" | "Dept" | "Univ" | "Assn" | "Bros" | "Nos" | "pp" | "Fig" | "cf" | "al"
    )
}
