//! The quote stage by example: each case is a text and the quotations,
//! kinds and speakers `annotate` finds in it.

use crate::{annotate_with, Options};

/// Annotates `input` and checks each quote as (text, kind, speaker), where
/// speaker is the linked entity's name, else the speaker span's text, else "".
fn check(input: &str, expected: &[(&str, &str, &str)]) {
    check_with(input, expected, true);
}

/// [`check`] with the models on or off (the browser before they load).
fn check_with(input: &str, expected: &[(&str, &str, &str)], models: bool) {
    let doc = annotate_with(input, &Options { models }).document;
    let got: Vec<(String, String, String)> = doc
        .quotes
        .iter()
        .map(|q| {
            let who = q
                .entity
                .as_ref()
                .and_then(|id| doc.entities.iter().find(|e| &e.id == id))
                .map(|e| e.name.clone())
                .or_else(|| q.speaker.as_ref().map(|s| s.text.clone()))
                .unwrap_or_default();
            (q.text.clone(), q.kind.as_str().to_string(), who)
        })
        .collect();
    let want: Vec<(String, String, String)> =
        expected.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(got, want, "input: {input} (models: {models})");
}

#[test]
fn subject_before_the_cue() {
    check("Ahmed Khan said the talks had failed.", &[("the talks had failed", "indirect", "Ahmed Khan")]);
    check(
        "Pakistan’s Ministry of Finance later announced that trade talks will conclude next week.",
        &[("trade talks will conclude next week", "indirect", "Ministry of Finance")],
    );
    check(
        "Officials on both sides say they want to deepen ties.",
        &[("they want to deepen ties", "indirect", "Officials on both sides")],
    );
}

#[test]
fn subject_after_the_cue() {
    check(
        "“We will win,” said Daniel Osei, the group’s chief executive.",
        &[("“We will win,”", "direct", "Daniel Osei")],
    );
}

#[test]
fn appositives_and_addressees() {
    check(
        "Shabana Fayyaz, former chair of the department at Quaid-i-Azam University, said, “Relations remain complex.”",
        &[("“Relations remain complex.”", "direct", "Shabana Fayyaz")],
    );
    check(
        "Sujata Raisinghani told CBC News the department will look into the incident.",
        &[("the department will look into the incident", "indirect", "Sujata Raisinghani")],
    );
    check(
        "Tehmina Aslam Ranjha, a Lahore-based expert, told The Media Line, “Relations have become transactional.”",
        &[("“Relations have become transactional.”", "direct", "Tehmina Aslam Ranjha")],
    );
}

#[test]
fn the_agency_of_a_dateline_says_nothing() {
    check(
        "FRANKFURT (Reuters) - The regulator fined the bank for what it called \"systemic failures\".\n\nNordbank chief executive Julia Brandt told analysts the bank had hired 300 staff.",
        &[("\"systemic failures\"", "partial", "it"), ("the bank had hired 300 staff", "indirect", "Julia Brandt")],
    );
}

#[test]
fn a_name_set_off_after_its_role_is_no_content_boundary() {
    check(
        "After meeting residents, the Prime Minister, Keir Starmer, promised an inquiry.",
        &[],
    );
}

#[test]
fn pull_quotes_belong_to_who_said_them() {
    check(
        "“Every lane we build saves lives”\n\nDerek Vale runs a shop. He is angry.\n\nTransport chief Lena Marsh spoke on Monday. “Every lane we build saves lives,” she said.",
        &[
            ("“Every lane we build saves lives”", "direct", "Lena Marsh"),
            ("“Every lane we build saves lives,”", "direct", "Lena Marsh"),
        ],
    );
}

#[test]
fn pronouns_resolve_by_gender() {
    check(
        "Maria Lopez spoke first. She warned that the plan would fail.",
        &[("the plan would fail", "indirect", "Maria Lopez")],
    );
    check(
        "Maria Lopez met John Smith on Monday. She said the deal was dead.",
        &[("the deal was dead", "indirect", "Maria Lopez")],
    );
    check(
        "John Smith met Maria Lopez on Monday. He said the deal was dead.",
        &[("the deal was dead", "indirect", "John Smith")],
    );
    // The subject of an opening clause, not the byline's author.
    check(
        "By Helen Carter\n\nWhen Dr. Amara Osei arrived at the hospital, the ground floor was under water. She said the patients were safe.",
        &[("the patients were safe", "indirect", "Amara Osei")],
    );
}

#[test]
fn reported_speech_frames() {
    check(
        "Mary Okafor spoke. Lasting peace, she said, will require diplomacy.",
        &[("Lasting peace, she said, will require diplomacy", "indirect", "Mary Okafor")],
    );
    check(
        "Ahmed Khan spoke. In contrast, he said, Pakistan ranks low on the agenda.",
        &[("Pakistan ranks low on the agenda", "indirect", "Ahmed Khan")],
    );
    check(
        "Mary Okafor spoke. She urged Washington not to view the region through its rivalry.",
        &[("Washington not to view the region through its rivalry", "indirect", "Mary Okafor")],
    );
    check(
        "Mary Okafor spoke. She questioned how much Pakistan can help.",
        &[("how much Pakistan can help", "indirect", "Mary Okafor")],
    );
    check(
        "According to Khalid Ahmed, the posture has weakened.",
        &[("the posture has weakened", "indirect", "Khalid Ahmed")],
    );
    check(
        "The talks collapsed on Friday, the minister said.",
        &[("The talks collapsed on Friday", "indirect", "the minister")],
    );
    // A pronoun fused with its verb opens the clause as the two words would.
    check("Paul Ryan says he's not ready to support the bill.", &[("he's not ready to support the bill", "indirect", "Paul Ryan")]);
    check("The mayor said they’re ready to rebuild.", &[("they’re ready to rebuild", "indirect", "The mayor")]);
    // An inverted source keeps what sets it off.
    check(
        "That will be true up to a point, said Brad Sherman, a graduate whose aggressiveness has driven rivals away.",
        &[("That will be true up to a point", "indirect", "Brad Sherman")],
    );
    // An inverted name is the subject, whatever the clause before it names.
    check(
        "Clinton has a strong ground game in the state, said Mindy Romero, director of the project.",
        &[("Clinton has a strong ground game in the state", "indirect", "Mindy Romero")],
    );
    // A second subject with its own cue reports apart.
    check(
        "The company said Tuesday that it would cut 300 jobs, and analysts said the cuts were overdue.",
        &[("it would cut 300 jobs", "indirect", "The company"), ("the cuts were overdue", "indirect", "analysts")],
    );
    check(
        "One in three said the party does not care about the community and one in four said the party was hostile to it.",
        &[("the party does not care about the community", "indirect", "One in three"), ("the party was hostile to it", "indirect", "one in four")],
    );
    // Plain reported speech is kept when its source is not found.
    check(
        "Lawmakers met on Tuesday. But other advisers to the island's government have been urging the governor to default on the debt, saying that only a catastrophe would move Congress to help.",
        &[("only a catastrophe would move Congress to help", "indirect", "")],
    );
    // Marks around a title, a handle, an address or a number quote nobody.
    check("He appeared on “Fox & Friends” on Monday.", &[]);
    check("The account \"@TwitchyTeam\" posted a link to \"http://example.com\" and \"671442096285458434\".", &[]);
    check("Critics called the plan “a disgrace” on Monday.", &[("“a disgrace”", "partial", "Critics")]);
    // The cue after a quotation, past a name's appositive, a title's full
    // stop or a bracket.
    check(
        "Hillary Clinton spoke on Monday. “Today’s speech shows that the party is united,” Adam Green, co-founder of the Progressive Change Campaign Committee, said in a statement.",
        &[("“Today’s speech shows that the party is united,”", "direct", "Adam Green")],
    );
    check(
        "Antonin Scalia died on Saturday. \"It reminds us how important this election is,\" Sen. Marco Rubio (R-Fla.) said Saturday night.",
        &[("\"It reminds us how important this election is,\"", "direct", "Marco Rubio")],
    );
    check("Sen. Rand Paul (R-Ky.) said the bill would fail.", &[("the bill would fail", "indirect", "Rand Paul")]);
    // A possessive apostrophe is no quotation mark.
    check(
        "Obama spoke on Monday. Jeff Weaver, Sanders' campaign manager, said the campaign was growing.",
        &[("the campaign was growing", "indirect", "Jeff Weaver")],
    );
    // Inverted sources: after a title, a bare plural, a long clause naming
    // someone else; a time in the tail.
    check("Lawmakers met. Several of the men were not pleased with her approach, Ms. Gedrich said.", &[("Several of the men were not pleased with her approach", "indirect", "Gedrich")]);
    check("Agents are likely to want to interview Clinton, current and former officials said.", &[("Agents are likely to want to interview Clinton", "indirect", "former officials")]);
    check(
        "Obama’s rise may have been more surprising to the black community than to anyone else, said several observers.",
        &[("Obama’s rise may have been more surprising to the black community than to anyone else", "indirect", "several observers")],
    );
    // Content boundaries: a relative clause on a name that ends it is the
    // writer's; "according to" set off inside the clause breaks one content;
    // a long subject is no discourse opener.
    check(
        "Several voters said they had not heard anything to pull them away from Bernie Sanders, who also held a rally in Mason City.",
        &[("they had not heard anything to pull them away from Bernie Sanders", "indirect", "Several voters")],
    );
    check(
        "Since last November, according to Human Rights Watch, security forces have killed more than 400 protesters.",
        &[("Since last November, according to Human Rights Watch, security forces have killed more than 400 protesters", "indirect", "Human Rights Watch")],
    );
    check(
        "Mary Okafor spoke. Therefore any attempt to debunk a falsehood, she said, becomes hopeless.",
        &[("Therefore any attempt to debunk a falsehood, she said, becomes hopeless", "indirect", "Mary Okafor")],
    );
    // Where the surface rules find no clause, the parse does.
    check(
        "Amy Klobuchar spoke in Iowa. She said his frequent invocation of his rural state of Vermont in defending his past votes doesn’t fly.",
        &[("his frequent invocation of his rural state of Vermont in defending his past votes doesn’t fly", "indirect", "Amy Klobuchar")],
    );
    // …but an infinitive alone reports nothing.
    check("Sharif and Rubio spoke by phone on June 26, agreeing to strengthen bilateral ties.", &[]);
    // A title before a parenthetical source.
    check(
        "Tarek Abboud spoke. The hashtag, Mr. Abboud said, accompanied descriptions of loved ones.",
        &[("The hashtag, Mr. Abboud said, accompanied descriptions of loved ones", "indirect", "Tarek Abboud")],
    );
}

#[test]
fn a_time_after_the_cue_is_no_part_of_the_content() {
    check(
        "Veltrix Semiconductor said Thursday it would lay off about 1,200 employees.",
        &[("it would lay off about 1,200 employees", "indirect", "Veltrix Semiconductor")],
    );
    check("The ministry announced last week that talks had failed.", &[("talks had failed", "indirect", "The ministry")]);
}

#[test]
fn not_reported_speech_either() {
    check("Kim Min-Woo conceded a penalty which the referee awarded Sweden.", &[]);
    check("The U.S. has not said why the team was denied visas.", &[]);
}

#[test]
fn content_starts_after_punctuation_and_named_sources() {
    check(
        "Speaking in the parents’ defense, Tom Molomby said that, as the parents came from India, they should be acquitted.",
        &[("as the parents came from India, they should be acquitted", "indirect", "Tom Molomby")],
    );
    check(
        "According to the Saudi Interior Ministry over 345 pilgrims have been killed.",
        &[("over 345 pilgrims have been killed", "indirect", "Saudi Interior Ministry")],
    );
}

#[test]
fn not_reported_speech() {
    check("He announced the locations of the museums.", &[]);
    check("She said goodbye.", &[]);
    check("The item was added to the list.", &[]);
    check("Click on the icon to add the category to your news.", &[]);
    // "added" with an amount is no cue; the source comes from elsewhere in the sentence.
    check(
        "According to court documents, the expansion would have added 4.5 million tonnes a year to the mine's output.",
        &[("the expansion would have added 4.5 million tonnes a year to the mine's output", "indirect", "court documents")],
    );
    check(
        "The plan added 300 jobs and cost the council $5 million, officials said.",
        &[("The plan added 300 jobs and cost the council $5 million", "indirect", "officials")],
    );
}

#[test]
fn quotes_without_a_cue_inherit() {
    check(
        "“We lost the lobby,” Ashfaq Ahmed said. “It is a temporary realignment.”",
        &[
            ("“We lost the lobby,”", "direct", "Ashfaq Ahmed"),
            ("“It is a temporary realignment.”", "direct", "Ashfaq Ahmed"),
        ],
    );
    check(
        "Senator John Cornyn issued a statement on Monday. “I am disappointed with the decision.”",
        &[("“I am disappointed with the decision.”", "direct", "John Cornyn")],
    );
}

#[test]
fn bylines_and_source_lines() {
    check(
        "Rules were announced.\n\n“We will not stop.” — Jane Doe",
        &[("“We will not stop.”", "direct", "Jane Doe")],
    );
    check(
        "And from Chairwoman Jane Doe:\n\n“We will not stop.”",
        &[("“We will not stop.”", "direct", "Jane Doe")],
    );
    check(
        "Jane Doe said in an interview with local media on Tuesday, “We will not stop.”",
        &[("“We will not stop.”", "direct", "Jane Doe")],
    );
}

#[test]
fn titles_after_inverted_cues_and_colons() {
    check(
        "“It was not possible,” said Ambassador Hamdullah Mohib.",
        &[("“It was not possible,”", "direct", "Hamdullah Mohib")],
    );
    check(
        "Prime Minister Rishi Sunak defended the record: “We are working as quickly as possible.”",
        &[("“We are working as quickly as possible.”", "direct", "Rishi Sunak")],
    );
    check(
        "It quoted Caitlin Boswell, with Boswell stating: “People need quicker decisions.”",
        &[("“People need quicker decisions.”", "direct", "Caitlin Boswell")],
    );
}

#[test]
fn statements_and_named_appositions() {
    check(
        "‘We will not back down,’ said the council leader, Jane Amberley.",
        &[("‘We will not back down,’", "direct", "Jane Amberley")],
    );
    check(
        "The Harbour Trust said in a statement that it would review its options.",
        &[("it would review its options", "indirect", "Harbour Trust")],
    );
    check(
        "According to the police, the man was later released without charge.",
        &[("the man was later released without charge", "indirect", "the police")],
    );
}

#[test]
fn a_colon_after_a_subject_with_a_relative_clause() {
    check(
        "Bruno Tavares, who has scored only twice since October, was more blunt: “We have to look at ourselves.”",
        &[("“We have to look at ourselves.”", "direct", "Bruno Tavares")],
    );
}

#[test]
fn coordinated_speakers_with_a_floating_quantifier() {
    check(
        "Rafael Louzan and Javier Tebas both said they had full confidence in the referees.",
        &[("they had full confidence in the referees", "indirect", "Rafael Louzan and Javier Tebas")],
    );
}

#[test]
fn a_surname_alone_gives_no_sex() {
    // "Kamau" is also a man's given name; here it is Wanjiru Kamau's surname.
    check(
        "“It was hard,” said Wanjiru Kamau. Kamau does not like to talk about 2020.\n\n“We had no choice,” she said.",
        &[("“It was hard,”", "direct", "Wanjiru Kamau"), ("“We had no choice,”", "direct", "Wanjiru Kamau")],
    );
}

#[test]
fn a_possessive_before_the_subject_is_not_the_antecedent() {
    check(
        "Kamau opened a bakery. Kamau's husband, Peter Otieno, handles the accounts. He said the hardest year was 2020.",
        &[("the hardest year was 2020", "indirect", "Peter Otieno")],
    );
}

#[test]
fn the_person_in_apposition_to_a_role_speaks() {
    check(
        "A Kestrel spokeswoman, Hannah Osei, said the kit would ship in May.",
        &[("the kit would ship in May", "indirect", "Hannah Osei")],
    );
    check(
        "That man, former Northline Rail executive Omar Maani, testified that he had paid cash.",
        &[("he had paid cash", "indirect", "Omar Maani")],
    );
}

#[test]
fn a_person_after_a_club_and_a_role_is_the_subject() {
    check(
        "His manager, Régis Le Bris, praised the team. City captain Kyle Walker admitted the team had been poor. \"That's a question for the manager,\" he said.",
        &[("the team had been poor", "indirect", "Kyle Walker"), ("\"That's a question for the manager,\"", "direct", "Kyle Walker")],
    );
}

#[test]
fn the_person_after_an_organisation_speaks() {
    check(
        "Her colleague at The New Yorker, Kyle Chayka, disagreed, telling NPR that the market was maturing.",
        &[("the market was maturing", "indirect", "Kyle Chayka")],
    );
    check(
        "Greenpeace Australia Pacific campaigner Martin Zavan accused the government of \"approving coal mines\".",
        &[("\"approving coal mines\"", "partial", "Martin Zavan")],
    );
    check(
        "Netflix co-chief executive Ted Sarandos told investors that revenue had doubled.",
        &[("revenue had doubled", "indirect", "Ted Sarandos")],
    );
}

#[test]
fn relative_clauses_and_titles_in_appositions() {
    check(
        "Dr. Maya Ajmera, president of the Society for Science, which runs the competition, called it \"engineering with empathy\".",
        &[("\"engineering with empathy\"", "partial", "Maya Ajmera")],
    );
    check(
        "Aanya Patel won. Patel's physics teacher, Mr. Robert Alvarez, said she had worked hard.",
        &[("she had worked hard", "indirect", "Robert Alvarez")],
    );
    check("The company, which runs the plant, said it would close.", &[("it would close", "indirect", "The company")]);
}

#[test]
fn a_second_verb_of_the_speaker_ends_the_content() {
    check(
        "The mayor said the city would rebuild the bridge and thanked the volunteers.",
        &[("the city would rebuild the bridge", "indirect", "The mayor")],
    );
    check("He said prices had risen and wages had not.", &[("prices had risen and wages had not", "indirect", "He")]);
    check(
        "Minister Manohar Lal Khattar said the grid had coped, but warned that states must avoid cuts.",
        &[("the grid had coped", "indirect", "Manohar Lal Khattar"), ("states must avoid cuts", "indirect", "Manohar Lal Khattar")],
    );
}

#[test]
fn a_relative_clause_inside_the_content_of_said() {
    check(
        "The union said 98% of members who voted backed the mandate.",
        &[("98% of members who voted backed the mandate", "indirect", "The union")],
    );
}

#[test]
fn a_relative_clause_with_a_cue_ends_before_the_main_cue() {
    check(
        "Prime Minister Fumio Kishida, who announced in August that he would not run, said the party had turned a page.",
        &[("he would not run", "indirect", "Fumio Kishida"), ("the party had turned a page", "indirect", "Fumio Kishida")],
    );
}

#[test]
fn a_name_in_apposition_inside_the_content() {
    check(
        "A spokesman for the Treasury said the chancellor, Rachel Reeves, respected the Bank's independence.",
        &[("the chancellor, Rachel Reeves, respected the Bank's independence", "indirect", "Treasury")],
    );
}

#[test]
fn a_name_before_a_particle_is_the_person_too() {
    check(
        "President Luiz Inácio Lula da Silva spoke. \"The forest is ours,\" Lula said.",
        &[("\"The forest is ours,\"", "direct", "Luiz Inácio Lula da Silva")],
    );
}

#[test]
fn people_with_their_roles_speak_together() {
    check(
        "Nursing director Patricia Marquis and council member Dr. Emeka Okorafor both warned that the cuts would hurt.",
        &[("the cuts would hurt", "indirect", "Patricia Marquis and council member Dr. Emeka Okorafor")],
    );
}

#[test]
fn a_contrasting_clause_with_its_own_cue() {
    check(
        "Gene Munster wrote on X that the launch was dull, while Counterpoint Analytics' Tarun Pathak said in an interview that demand remained weak.",
        &[("the launch was dull", "indirect", "Gene Munster"), ("demand remained weak", "indirect", "Tarun Pathak")],
    );
}

#[test]
fn a_participle_cue_reports_on_its_own() {
    check(
        "Volodymyr Zelensky on Monday urged allies to hurry, saying Russia had launched 400 drones.",
        &[("allies to hurry", "indirect", "Volodymyr Zelensky"), ("Russia had launched 400 drones", "indirect", "Volodymyr Zelensky")],
    );
    check(
        "The minister resigned on Monday, saying that she had lost the trust of colleagues.",
        &[("she had lost the trust of colleagues", "indirect", "The minister")],
    );
    check("Kovacs on Monday said the talks had failed.", &[("the talks had failed", "indirect", "Kovacs")]);
}

#[test]
fn a_second_cue_of_the_same_subject() {
    check(
        "Max Verstappen won. The Dutchman complained over team radio that his tyres were gone and later told Sky Sports that Red Bull had work to do.",
        &[("his tyres were gone", "indirect", "Max Verstappen"), ("Red Bull had work to do", "indirect", "Max Verstappen")],
    );
}

#[test]
fn an_inverted_cue_before_a_subordinate_clause() {
    check(
        "The prince received the king on Tuesday, SPA said, as the two countries signed agreements.",
        &[("The prince received the king on Tuesday", "indirect", "SPA")],
    );
    check(
        "Human Rights Watch’s deputy Middle East director, Michael Page, said the visit was wrong. Others disagreed. “Trade deals should not buy silence,” he said.",
        &[("the visit was wrong", "indirect", "Michael Page"), ("“Trade deals should not buy silence,”", "direct", "Michael Page")],
    );
}

#[test]
fn an_inverted_cue_before_a_participle_clause() {
    check(
        "Pakistan and the International Monetary Fund have reached a deal on a loan, the lender said on Friday, giving the country breathing room.",
        &[("Pakistan and the International Monetary Fund have reached a deal on a loan", "indirect", "International Monetary Fund")],
    );
}

#[test]
fn a_study_speaks_not_the_journal_that_published_it() {
    check(
        "Reefs could vanish by 2050, according to a study published on Thursday in the journal Nature.",
        &[("Reefs could vanish by 2050", "indirect", "a study")],
    );
}

#[test]
fn a_verb_for_direct_quotes_only_names_no_fragment() {
    check(
        "Philip Sellinger spoke on Monday. He said his office would continue to pursue corruption \"wherever we find it\".",
        &[
            ("his office would continue to pursue corruption \"wherever we find it\"", "indirect", "Philip Sellinger"),
            ("\"wherever we find it\"", "partial", "Philip Sellinger"),
        ],
    );
}

#[test]
fn a_description_by_nationality_or_age_is_the_person_just_named() {
    check(
        "Sunderland's coach, Régis Le Bris, praised the team. The Frenchman said the priority remained promotion.",
        &[("the priority remained promotion", "indirect", "Régis Le Bris")],
    );
    check(
        "Substitute Eliezer Mayenda scored the winner. The 20-year-old said it was the best moment of his life.",
        &[("it was the best moment of his life", "indirect", "Eliezer Mayenda")],
    );
    // A woman's description does not go to the man just named.
    check(
        "Coach Tom Baker praised the team. The Frenchwoman said it was a fluke.",
        &[("it was a fluke", "indirect", "The Frenchwoman")],
    );
}

#[test]
fn inverted_reported_speech_with_irregular_verbs_numbers_and_named_sources() {
    check("The typhoon tore through the islands, officials said.", &[("The typhoon tore through the islands", "indirect", "officials")]);
    check(
        "Medicare will cover the booster, a spokesperson for the Harbour Trust said.",
        &[("Medicare will cover the booster", "indirect", "Harbour Trust")],
    );
    check(
        "Turnout was 78%, the Electoral Commission said.",
        &[("Turnout was 78%", "indirect", "Electoral Commission")],
    );
}

#[test]
fn content_that_is_one_quotation_is_not_reported_speech_too() {
    check(
        "Robert Wheeler added that “more charges are possible.”",
        &[("“more charges are possible.”", "partial", "Robert Wheeler")],
    );
}

#[test]
fn partial_quotes_inside_reported_speech() {
    check(
        "Daniel Osei spoke. He said the agreement would “protect services and jobs”.",
        &[
            ("the agreement would “protect services and jobs”", "indirect", "Daniel Osei"),
            ("“protect services and jobs”", "partial", "Daniel Osei"),
        ],
    );
    check(
        "The operator, Harbour Trust, said it was “pleased” with the outcome.",
        &[("it was “pleased” with the outcome", "indirect", "Harbour Trust"), ("“pleased”", "partial", "Harbour Trust")],
    );
}

#[test]
fn participle_cues_take_the_clause_subject() {
    check(
        "Jane Doe, the mayor, approved the plan, adding that it would pass.",
        &[("it would pass", "indirect", "Jane Doe")],
    );
}

#[test]
fn every_tense_and_colon() {
    check("Maria Lopez has said the plan is dead.", &[("the plan is dead", "indirect", "Maria Lopez")]);
    check("Maria Lopez had told aides that the plan was dead.", &[("the plan was dead", "indirect", "Maria Lopez")]);
    check("Maria Lopez says the plan is dead.", &[("the plan is dead", "indirect", "Maria Lopez")]);
    check("Maria Lopez is saying the plan is dead.", &[("the plan is dead", "indirect", "Maria Lopez")]);
    check("Maria Lopez was quoted as saying the plan was dead.", &[("the plan was dead", "indirect", "Maria Lopez")]);
    check("Maria Lopez said: “The plan is dead.”", &[("“The plan is dead.”", "direct", "Maria Lopez")]);
}

#[test]
fn organisations_by_their_head_noun() {
    check(
        "The Ministry of Finance met on Monday. The ministry said talks would resume.",
        &[("talks would resume", "indirect", "Ministry of Finance")],
    );
    // Names joined by "and" speak together.
    check(
        "Egypt and Saudi Arabia, which mediated earlier talks, said they were ready to host a new round.",
        &[("they were ready to host a new round", "indirect", "Egypt and Saudi Arabia")],
    );
    check("Ana Ruiz and Tom Bell said the plan had failed.", &[("the plan had failed", "indirect", "Ana Ruiz and Tom Bell")]);
    // A word for any organisation: the one named last, nearby.
    check(
        "The RSF denied blocking the aid. In a post, the group said its fighters had left.",
        &[("its fighters had left", "indirect", "RSF")],
    );
    check(
        "Veltrix Semiconductor cut jobs on Monday. Analysts were surprised. The company said demand had slowed.",
        &[("demand had slowed", "indirect", "Veltrix Semiconductor")],
    );
    // Too far back, or no organisation: the phrase alone.
    check(
        "Acme Corp. opened. It rained. It rained. It rained. It rained. The company said sales rose.",
        &[("sales rose", "indirect", "The company")],
    );
}

#[test]
fn someone_newly_introduced_takes_over() {
    check(
        "“We lost,” said John Smith. Maria Lopez disagreed. “We won.”",
        &[("“We lost,”", "direct", "John Smith"), ("“We won.”", "direct", "Maria Lopez")],
    );
}

#[test]
fn quotes_continue_in_the_next_paragraph() {
    check(
        "“It was not possible,” said Ambassador Hamdullah Mohib.\n\n“They represent our aspirations.”",
        &[("“It was not possible,”", "direct", "Hamdullah Mohib"), ("“They represent our aspirations.”", "direct", "Hamdullah Mohib")],
    );
}

#[test]
fn abbreviated_titles_and_dependants() {
    check(
        "“Why now?” asked Sen. Maria Delgado, a Democrat from New Mexico.",
        &[("“Why now?”", "direct", "Maria Delgado")],
    );
    check(
        "Robert Kline arrived. An aide to Kline said two senators had asked for more time.",
        &[("two senators had asked for more time", "indirect", "An aide to Kline")],
    );
    check(
        "Robert Kline arrived. A spokesman for Kline said the senator was ill.",
        &[("the senator was ill", "indirect", "Robert Kline")],
    );
}

#[test]
fn nurses_and_fragments() {
    check(
        "“I cannot pay my rent,” said one nurse, who asked not to be named.",
        &[("“I cannot pay my rent,”", "direct", "one nurse")],
    );
    check(
        "Another, Claire Dobson, said the staff felt ignored.",
        &[("the staff felt ignored", "indirect", "Claire Dobson")],
    );
    check(
        "Union organiser Femi Adebayo dismissed the letter as “more of the same”.",
        &[("“more of the same”", "partial", "Femi Adebayo")],
    );
}

#[test]
fn relative_clause_subjects() {
    check(
        "The court halted the mine, siding with residents who said it had poisoned their wells.",
        &[("it had poisoned their wells", "indirect", "residents")],
    );
}

#[test]
fn as_clauses_and_titled_surnames() {
    check(
        "As Colette Heald told The Huffington Post, ozone has dropped since 1990.",
        &[("ozone has dropped since 1990", "indirect", "Colette Heald")],
    );
    check(
        "Hamdullah Mohib arrived. “It was not possible,” said Ambassador Mohib.",
        &[("“It was not possible,”", "direct", "Hamdullah Mohib")],
    );
}

#[test]
fn surnames_and_titles_link_to_the_full_name() {
    check(
        "Ngozi Okafor chairs the panel. “We are ready,” Ms Okafor said.",
        &[("“We are ready,”", "direct", "Ngozi Okafor")],
    );
}

#[test]
fn broken_quote_takes_the_cue_inside() {
    check(
        "Azeem Khalid spoke. “As a result,” he observed, “the plan failed.”",
        &[("“As a result,” he observed, “the plan failed.”", "direct", "Azeem Khalid")],
    );
}

#[test]
fn partial_quotes_prefer_the_verb_before() {
    check(
        "Councillor Tomas Adeyemi called the budget “a hopeful guess” and warned that costs would rise.",
        &[("“a hopeful guess”", "partial", "Tomas Adeyemi"), ("costs would rise", "indirect", "Tomas Adeyemi")],
    );
}

#[test]
fn partial_quotes_take_the_fragment_verb() {
    check(
        "Pakistan praised the president for what it called “bold diplomacy.”",
        &[("“bold diplomacy.”", "partial", "Pakistan")],
    );
}

#[test]
fn an_emoji_is_no_part_of_the_sentence() {
    for models in [true, false] {
        check_with("Maria Lopez 🎉 said the team would win the final.", &[("the team would win the final", "indirect", "Maria Lopez")], models);
        check_with("“We did it 👏🏽,” said Maria Lopez.", &[("“We did it 👏🏽,”", "direct", "Maria Lopez")], models);
    }
}

#[test]
fn a_fronted_as_clause_frames_the_report() {
    check("As The Washington Post reported, Sanders would still trail.", &[("Sanders would still trail", "indirect", "Washington Post")]);
    check("Maria Lopez spoke. As she noted, the deal was dead.", &[("the deal was dead", "indirect", "Maria Lopez")]);
    // Not an as-clause later in the sentence, nor one with no clause after it.
    check("Prices rose, as The Washington Post reported, by a lot.", &[]);
}

#[test]
fn a_name_before_a_role_only_modifies_it() {
    check("Clinton ally James Carville said the race was over.", &[("the race was over", "indirect", "James Carville")]);
    check("Clinton's top foreign policy aide Jake Sullivan said the deal held.", &[("the deal held", "indirect", "Jake Sullivan")]);
    check("“It is over,” said Clinton ally James Carville.", &[("“It is over,”", "direct", "James Carville")]);
    // A preposition or a conjunction between keeps the first name.
    check("“It is over,” said Ana Ruiz, and Tom Bell agreed.", &[("“It is over,”", "direct", "Ana Ruiz")]);
}

#[test]
fn a_number_opens_an_unnamed_source() {
    check("62 percent of voters said race relations are growing worse.", &[("race relations are growing worse", "indirect", "62 percent of voters")]);
    check("2,000 workers said they would strike.", &[("they would strike", "indirect", "2,000 workers")]);
}

#[test]
fn poll_quantities_speak() {
    check("Nearly a third say they don't know.", &[("they don't know", "indirect", "Nearly a third")]);
    check("40 percent say the economy is the top issue.", &[("the economy is the top issue", "indirect", "40 percent")]);
}
