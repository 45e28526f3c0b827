//! Dates, sums of money and percentages: "Wednesday, April 13, 2011",
//! "June 26", "in 1999", "$7 billion", "€5m", "Rs 300", "29%", "12 percent".
//!
//! These are closed patterns over tokens, found before names so that
//! "April" or "Tuesday" never reach the name chunker.

use super::types::Label;
use crate::text::{Kind, Text};

crate::text::lexicon::word_list! {
    /// Month names, matched ignoring case. (`data/lexicon/months.txt`)
    pub(crate) fn months = "months.txt";
}

crate::text::lexicon::word_list! {
    /// Month abbreviations before a full stop ("Jan.", "Sept."), matched ignoring case.
    /// (`data/lexicon/month_abbreviations.txt`)
    pub(crate) fn month_abbreviations = "month_abbreviations.txt";
}

crate::text::lexicon::word_list! {
    /// Days of the week (capitalised in the text; matched ignoring case).
    /// (`data/lexicon/weekdays.txt`)
    pub(crate) fn weekdays = "weekdays.txt";
}

crate::text::lexicon::word_list! {
    /// Words and suffixes that scale a number in a sum: "$7 billion", "€5m", "Rs 3 crore".
    /// (`data/lexicon/number_scales.txt`)
    pub(crate) fn number_scales = "number_scales.txt";
}

crate::text::lexicon::word_list! {
    /// Currency names after a number: "300 rupees" (matched ignoring case).
    /// (`data/lexicon/currency_words.txt`)
    pub(crate) fn currency_words = "currency_words.txt";
}

crate::text::lexicon::word_list! {
    /// Currency codes and signs written as words before a number: "Rs 300", "USD 5" (exact
    /// case). (`data/lexicon/currency_codes.txt`)
    pub(crate) fn currency_codes = "currency_codes.txt";
}

crate::text::lexicon::word_list! {
    /// Words before a bare year that make it a date: "in 1999", "since 2008" (matched ignoring
    /// case). (`data/lexicon/year_cues.txt`)
    pub(crate) fn year_cues = "year_cues.txt";
}

crate::text::lexicon::word_list! {
    /// Words right before a year written alone that make it a date: "the 2024 results",
    /// "fiscal 2025" (matched ignoring case). (`data/lexicon/year_openers.txt`)
    pub(crate) fn year_openers = "year_openers.txt";
}

crate::text::lexicon::word_list! {
    /// Words before a period that make a relative date: "last week", "next year" (matched
    /// ignoring case). (`data/lexicon/relative_time.txt`)
    pub(crate) fn relative_time = "relative_time.txt";
}

crate::text::lexicon::word_list! {
    /// Periods after a relative word (relative_time.txt): "last week", "this decade".
    /// (`data/lexicon/time_periods.txt`)
    pub(crate) fn time_periods = "time_periods.txt";
}

crate::text::lexicon::word_list! {
    /// Country prefixes written before "$" in a sum: "US$ 5", "HK$ 20", "A$ 3". Exact case.
    /// (`data/lexicon/dollar_prefixes.txt`)
    pub(crate) fn dollar_prefixes = "dollar_prefixes.txt";
}

fn is_month(text: &Text, i: usize) -> bool {
    if !text.is_cap(i) {
        return false;
    }
    let w = text.tok(i);
    months().words().iter().any(|m| w.eq_ignore_ascii_case(m))
        || (month_abbreviations().words().iter().any(|m| w.eq_ignore_ascii_case(m)) && text.is(i + 1, ".") && text.touches_next(i))
}

/// Tokens a month name takes (with the dot of an abbreviation).
fn month_len(text: &Text, i: usize) -> usize {
    if text.is(i + 1, ".") && text.touches_next(i) && month_abbreviations().words().iter().any(|m| text.tok(i).eq_ignore_ascii_case(m)) {
        2
    } else {
        1
    }
}

fn is_weekday(text: &Text, i: usize) -> bool {
    text.is_cap(i) && weekdays().words().iter().any(|d| text.tok(i).eq_ignore_ascii_case(d))
}

fn number_value(w: &str) -> Option<u32> {
    if w.is_empty() || w.len() > 4 || !w.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.parse().ok()
}

/// A day of the month: "26", "1st", "13th".
fn is_day(text: &Text, i: usize) -> bool {
    if i >= text.len() {
        return false;
    }
    let w = text.tok(i);
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    matches!(suffix, "" | "st" | "nd" | "rd" | "th") && number_value(digits).is_some_and(|d| (1..=31).contains(&d))
}

fn is_year(text: &Text, i: usize) -> bool {
    i < text.len() && text.kind(i) == Kind::Number && number_value(text.tok(i)).is_some_and(|y| (1000..=2199).contains(&y))
}

/// A year written alone, with no preposition before it: "the 2024 results",
/// "fiscal 2025", "2019 was", "from 2019 to 2021". Four digits, 1800–2099,
/// after a determiner, a possessive, a year word (year_openers.txt), at the
/// start of a sentence or after a bracket, or closing a range of years. Not
/// what the sentence counts with ("2000 people died", "the 2000 of them", "1500-metre")
/// nor part of a name ("the 2026 Nobel Peace Prize").
fn bare_year(text: &Text, i: usize) -> bool {
    let w = text.tok(i);
    if text.kind(i) != Kind::Number || w.len() != 4 || !number_value(w).is_some_and(|y| (1800..=2099).contains(&y)) {
        return false;
    }
    // After a determiner or a possessive a plural is what the year qualifies
    // ("the 2024 results"): news writes counts that large with a comma.
    let determined = i > 0 && (text.is_any(i - 1, &["'s", "’s"]) || year_openers().words().iter().any(|c| text.tok(i - 1).eq_ignore_ascii_case(c)));
    let opened = determined
        || i == 0
        || text.starts_sentence(i)
        || text.is(i - 1, "(")
        || (i >= 2 && text.is_any(i - 1, &["and", "or", "to", "-", "–", "—"]) && is_year(text, i - 2));
    if !opened {
        return false;
    }
    let j = i + 1;
    if j >= text.len() || text.tokens[j].para != text.tokens[i].para {
        return true;
    }
    match text.kind(j) {
        Kind::Word => {
            let next = text.tok(j);
            let mut buf = [0u8; 32];
            let Some(n) = crate::text::lexicon::ascii_lower(next, &mut buf) else { return false };
            if text.is_cap(j) {
                return false;
            }
            if !determined {
                // Alone, a number is a year only before a verb or another year:
                // "2019 was hard", "2019 and 2020", not "2000 people died".
                return crate::text::lexicon::is_finite_marker(n) || matches!(n, "and" | "or" | "to");
            }
            !(matches!(n, "of" | "per" | "percent") || is_scale(text, j) || currency_words().words().iter().any(|c| next.eq_ignore_ascii_case(c)))
        }
        // "2010-2012" is a range of years, "1500-metre" a measure.
        Kind::Hyphen => is_year(text, j + 1),
        Kind::Number => false,
        _ => !text.is_any(j, &["%", "$"]),
    }
}

/// Decades: "1990s", "1980s".
fn is_decade(text: &Text, i: usize) -> bool {
    let w = text.tok(i);
    w.len() == 5 && w.ends_with('s') && number_value(&w[..4]).is_some_and(|y| (1000..=2199).contains(&y) && y % 10 == 0)
}

/// A number token, or a number glued to a scale ("5m", "7bn").
fn is_amount(text: &Text, i: usize) -> bool {
    if i >= text.len() {
        return false;
    }
    match text.kind(i) {
        Kind::Number => true,
        Kind::Word => {
            let w = text.tok(i);
            let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
            !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') && number_scales().contains(&w[d.len()..])
        }
        _ => false,
    }
}

fn is_scale(text: &Text, i: usize) -> bool {
    i < text.len() && number_scales().words().iter().any(|s| text.tok(i).eq_ignore_ascii_case(s))
}

fn is_currency_symbol(w: &str) -> bool {
    matches!(w, "$" | "€" | "£" | "¥" | "₹" | "₨" | "₽" | "₩" | "₺" | "₦")
}

/// Finds dates, sums and percentages as sorted, non-overlapping token ranges.
pub fn find(text: &Text) -> Vec<(usize, usize, Label)> {
    let mut out = Vec::new();
    let n = text.len();
    let mut i = 0;
    while i < n {
        if let Some((end, label)) = match_at(text, i) {
            out.push((i, end, label));
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

fn match_at(text: &Text, i: usize) -> Option<(usize, Label)> {
    let w = text.tok(i);
    let kind = text.kind(i);
    // MONEY: symbol or code, amount, optional scale. "US$" arrives as "US" "$".
    let sym = if is_currency_symbol(w) {
        Some(i + 1)
    } else if dollar_prefixes().contains(w) && text.is(i + 1, "$") && text.touches_next(i) {
        Some(i + 2)
    } else if currency_codes().contains(w) && kind == Kind::Word {
        // "Rs." arrives as "Rs" ".".
        if w == "Rs" && text.is(i + 1, ".") && text.touches_next(i) {
            Some(i + 2)
        } else {
            Some(i + 1)
        }
    } else {
        None
    };
    if let Some(j) = sym {
        if is_amount(text, j) {
            let mut e = j + 1;
            if is_scale(text, e) && text.kind(j) == Kind::Number {
                e += 1;
            }
            return Some((e, Label::Money));
        }
    }
    if is_amount(text, i) && kind == Kind::Number {
        let mut e = i + 1;
        if is_scale(text, e) {
            e += 1;
        }
        if e < text.len() && currency_words().words().iter().any(|c| text.tok(e).eq_ignore_ascii_case(c)) {
            return Some((e + 1, Label::Money));
        }
        // PERCENT
        if text.is(i + 1, "%") {
            return Some((i + 2, Label::Percent));
        }
        if text.is(i + 1, "percent") || text.is(i + 1, "pct") {
            return Some((i + 2, Label::Percent));
        }
        if text.is(i + 1, "per") && text.is(i + 2, "cent") {
            return Some((i + 3, Label::Percent));
        }
    }
    // DATE
    if is_weekday(text, i) {
        // "Wednesday, April 13, 2011" / "Tuesday"
        let mut j = i + 1;
        if text.is(j, ",") {
            j += 1;
        }
        if let Some(e) = month_date(text, j) {
            return Some((e, Label::Date));
        }
        return Some((i + 1, Label::Date));
    }
    if let Some(e) = month_date(text, i) {
        return Some((e, Label::Date));
    }
    // "13 April 2011", "1 May"
    if is_day(text, i) && is_month(text, i + 1) {
        let mut e = i + 1 + month_len(text, i + 1);
        if is_year(text, e) {
            e += 1;
        }
        return Some((e, Label::Date));
    }
    if (is_year(text, i) || is_decade(text, i)) && i > 0 {
        let p = text.tok(i - 1);
        if year_cues().words().iter().any(|c| p.eq_ignore_ascii_case(c)) || (is_decade(text, i) && p.eq_ignore_ascii_case("the")) {
            return Some((i + 1, Label::Date));
        }
    }
    if bare_year(text, i) {
        return Some((i + 1, Label::Date));
    }
    if kind == Kind::Word {
        let lw = w.as_bytes();
        if lw.first().is_some_and(|c| c.is_ascii_lowercase()) || text.starts_sentence(i) {
            if ["today", "yesterday", "tomorrow", "tonight"].iter().any(|d| w.eq_ignore_ascii_case(d)) {
                return Some((i + 1, Label::Date));
            }
            if relative_time().words().iter().any(|r| w.eq_ignore_ascii_case(r)) && time_periods().words().iter().any(|p| text.is(i + 1, p)) {
                return Some((i + 2, Label::Date));
            }
        }
    }
    None
}

/// "April 12, 1981", "June 26", "Jan. 5", "March 2020", "In March"; `None`
/// if no month starts at `i`. "May" alone needs a date context.
fn month_date(text: &Text, i: usize) -> Option<usize> {
    if i >= text.len() || !is_month(text, i) {
        return None;
    }
    let after = i + month_len(text, i);
    if is_day(text, after) && !text.is(after + 1, "%") {
        let mut e = after + 1;
        if text.is(e, ",") && is_year(text, e + 1) {
            e += 2;
        } else if is_year(text, e) {
            e += 1;
        }
        return Some(e);
    }
    if is_year(text, after) {
        return Some(after + 1);
    }
    let cue = i > 0
        && ["in", "since", "by", "until", "early", "late", "mid", "last", "next", "this", "of", "during", "from", "through"]
            .iter()
            .any(|c| text.tok(i - 1).eq_ignore_ascii_case(c));
    // "April Ryan", "June Carter": a month before a capitalised word is a
    // name, unless a time word stands before it ("In January Intel announced").
    if after < text.len() && text.is_cap(after) && !is_month(text, after) && !is_weekday(text, after) && !(cue && !text.is(i, "May")) {
        return None;
    }
    if text.is(i, "may") {
        return cue.then_some(after);
    }
    // "March" as a verb is lower-case mid-sentence; capitalised, it is the month.
    Some(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(&str, Label)]) {
        let t = Text::new(input);
        let got: Vec<(String, Label)> = find(&t).into_iter().map(|(a, b, l)| (t.span(a, b).to_string(), l)).collect();
        let want: Vec<(String, Label)> = expected.iter().map(|(s, l)| (s.to_string(), *l)).collect();
        assert_eq!(got, want, "{input}");
    }

    #[test]
    fn dates_money_percentages() {
        use Label::*;
        check("spoke by phone on June 26, agreeing", &[("June 26", Date)]);
        check("On April 12, 1981, Space Shuttle Columbia", &[("April 12, 1981", Date)]);
        check("Wednesday, April 13, 2011", &[("Wednesday, April 13, 2011", Date)]);
        check("the first space shuttle Tuesday at an event", &[("Tuesday", Date)]);
        check("It was unveiled in 1999 as the", &[("1999", Date)]);
        check("In 2008, Endeavour and Atlantis", &[("2008", Date)]);
        check("In March, a bundle", &[("March", Date)]);
        check("In May, Maxime Bernier", &[("May", Date)]);
        check("She May be right, they may go", &[]);
        check("Then April Ryan and June Carter sang in March.", &[("March", Date)]);
        check("and in January Intel announced cuts", &[("January", Date)]);
        check("from May Ling's house", &[]);
        check("on 13 April 2011 and 1st May", &[("13 April 2011", Date), ("1st May", Date)]);
        check("On Jan. 5 it rained", &[("Jan. 5", Date)]);
        check("back in the 1990s", &[("1990s", Date)]);
        check("the 2026 Nobel Peace Prize and 747", &[]);
        // A year alone, after a determiner, a possessive or a year word; not a count.
        check("the 2024 results and fiscal 2025 and the firm's 2023 loss", &[("2024", Date), ("2025", Date), ("2023", Date)]);
        check("2019 was hard. (1998) From 2019 to 2021 and 2010-2012", &[("2019", Date), ("1998", Date), ("2019", Date), ("2021", Date), ("2010", Date), ("2012", Date)]);
        check("2000 people died. 1500 metres. The 1500-metre race, the 2000 of them, the 1999 percent", &[("1999 percent", Percent)]);
        check("Flight 1549 and page 2000 and more than 1900 signed", &[]);
        check("talks will conclude next week, not last year", &[("next week", Date), ("last year", Date)]);
        check("the $7 billion Reko Diq", &[("$7 billion", Money)]);
        check("a €5m grant and £3 and US$20 million", &[("€5m", Money), ("£3", Money), ("US$20 million", Money)]);
        check("more than NZ$3 billion a year, or S$40", &[("NZ$3 billion", Money), ("S$40", Money)]);
        check("costs Rs 300 or Rs. 1,500 or 40 dollars", &[("Rs 300", Money), ("Rs. 1,500", Money), ("40 dollars", Money)]);
        check("the 29% tariff and 12 percent and 3.5 per cent", &[("29%", Percent), ("12 percent", Percent), ("3.5 per cent", Percent)]);
        check("$ alone, %, Rs, May", &[]);
        check("", &[]);
    }
}
