//! The built-in sample: a fictional news story written for saywho that shows
//! every kind of annotation (direct, indirect and partial quotes, a quote broken
//! by its cue, a quote over two paragraphs, pronoun speakers, titles,
//! organisations, places, dates, money and percentages). Every name is invented.

pub const SAMPLE: &str = "\
Harbour city votes to rebuild the Tallis Bridge

PORT ELLERY — The city council of Port Ellery voted on Tuesday to spend $48 million rebuilding the Tallis Bridge, the century-old crossing that was closed to traffic in March after inspectors found cracks in two of its piers.

Mayor Ingrid Solberg said the vote was “the most important decision this council will make in a decade.” She added that work would begin in September and take about two years.

“We have asked people to drive an extra forty minutes every day,” Solberg told reporters outside City Hall. “That cannot go on.”

“If we wait another winter,” she said, “the repair bill will only grow, and the bridge will not get any younger.”

According to the Northern Transit Authority, about 31,000 vehicles crossed the bridge each day before it closed. The authority said ridership on the replacement ferry had risen by 18% since April.

Not everyone was convinced. Councillor Tomas Adeyemi, who voted against the plan, called the budget “a hopeful guess” and warned that similar projects in Halvik and Marren had run over by a third.

“I want this bridge open as much as anyone. My mother crosses it to get to work.

“But I have read the engineers’ report, and it does not tell us what the river bed will do once the old piers come out,” Adeyemi said.

The engineering firm Brightwater & Kask, which prepared the report, said in a statement that its estimate included a contingency of $6.5 million. A spokesperson for the firm, Lena Park, told the Port Ellery Gazette that the cracks were “serious but entirely repairable.”

Residents on the eastern bank said they were relieved. Officials at the regional health board said ambulance times to the east side had grown by nine minutes since the closure.

The council will publish a detailed timetable on 14 October, the mayor’s office said.
";

#[cfg(test)]
mod tests {
    use super::SAMPLE;

    #[test]
    fn sample_has_what_the_demo_needs() {
        for needle in ["“", "told", "According to", "she said", "$48 million", "18%", "Mayor Ingrid Solberg", "14 October"] {
            assert!(SAMPLE.contains(needle), "{needle}");
        }
        // The quote over two paragraphs: a paragraph that opens with a mark and does not close it.
        assert!(SAMPLE.lines().any(|l| l.starts_with('“') && !l.contains('”')));
    }

    #[test]
    fn the_core_annotates_the_sample_without_trouble() {
        let a = saywho_core::annotate(SAMPLE);
        assert_eq!(a.document.text, SAMPLE);
    }
}
