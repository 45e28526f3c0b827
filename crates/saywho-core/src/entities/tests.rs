use super::*;

/// The mentions of `input` as "LABEL text" strings, in order.
fn mentions(input: &str) -> Vec<String> {
    let t = Text::new(input);
    let e = extract_rules(&t);
    e.mentions.iter().map(|m| format!("{} {}", m.label.as_str(), t.span(m.start, m.end))).collect()
}

/// Every expected mention is found (others may be found too).
fn check(input: &str, expected: &[&str]) {
    let got = mentions(input);
    for want in expected {
        assert!(got.iter().any(|g| g == want), "{input:?}: missing {want:?} in {got:?}");
    }
}

/// None of these spans is a mention with this label.
fn check_not(input: &str, unexpected: &[&str]) {
    let got = mentions(input);
    for bad in unexpected {
        assert!(!got.iter().any(|g| g == bad), "{input:?}: unexpected {bad:?} in {got:?}");
    }
}

/// The entity of the mention whose text is `mention`: (label, name, gender).
fn entity_of(input: &str, mention: &str) -> Option<(Label, String, Gender)> {
    let t = Text::new(input);
    let e = extract_rules(&t);
    let m = e.mentions.iter().rev().find(|m| t.span(m.start, m.end) == mention)?;
    let x = &e.entities[m.entity];
    Some((x.label, x.name.clone(), x.gender))
}

#[test]
fn titles_stay_out_of_person_spans() {
    check("Pakistan’s Prime Minister Shehbaz Sharif spoke.", &["LOC Pakistan", "PERSON Shehbaz Sharif"]);
    check("He invited Field Marshal Asim Munir to lunch.", &["PERSON Asim Munir"]);
    check("U.S. Senator John Cornyn, Republican from Texas, issued a statement.", &["PERSON John Cornyn", "MISC Republican", "LOC Texas"]);
    check("In a statement, Governor of Washington Chris Gregoire said so.", &["LOC Washington", "PERSON Chris Gregoire"]);
    check("They met United States Secretary of State Marco Rubio on Friday.", &["LOC United States", "PERSON Marco Rubio"]);
    check("It followed talks with Finance Minister Muhammad Aurangzeb last week.", &["PERSON Muhammad Aurangzeb"]);
    check("At the ceremony, NASA Administrator Charles Bolden spoke.", &["ORG NASA", "PERSON Charles Bolden"]);
    check("Munir was accompanied by General Asim Malik, director general of the agency.", &["PERSON Asim Malik"]);
    check("Senate Majority Leader Chuck Schumer agreed.", &["PERSON Chuck Schumer"]);
    check("Detective Sgt. Laura Perez said so.", &["PERSON Laura Perez"]);
    check_not("He called the Secretary of State about it.", &["LOC Secretary of State", "ORG Secretary of State"]);
    check("The Governor of Texas spoke.", &["LOC Texas"]);
    check("He met NATO Secretary General Mark Rutte in Kyiv.", &["ORG NATO", "PERSON Mark Rutte", "LOC Kyiv"]);
    check("Then, Australian Treasurer Jim Chalmers unveiled it. Chalmers said so.", &["PERSON Jim Chalmers", "PERSON Chalmers"]);
    check_not("U.S. Senator John Cornyn spoke.", &["PERSON Senator John Cornyn", "PERSON U.S. Senator John Cornyn"]);
}

#[test]
fn possessives_and_the_are_left_out() {
    check("Police chief Luis Ortega’s office said so.", &["PERSON Luis Ortega"]);
    check("Bonnie Dunbar's trainer will go to the Museum of Flight.", &["PERSON Bonnie Dunbar", "ORG Museum of Flight"]);
    check("In interviews with The Media Line, analysts spoke.", &["ORG Media Line"]);
    check("It was taken from the Hells Angels biker gang.", &["ORG Hells Angels"]);
    check("A statement from the Prime Minister’s Office said so.", &["ORG Prime Minister’s Office"]);
}

#[test]
fn names_with_connectors_are_one_mention() {
    check("Pakistan’s Ministry of Finance later announced it.", &["ORG Ministry of Finance"]);
    check("She chaired the Department of Defense and Strategic Studies at Quaid-i-Azam University.", &[
        "ORG Department of Defense and Strategic Studies",
        "ORG Quaid-i-Azam University",
    ]);
    check("He is chair at the University of Sargodha, she said.", &["ORG University of Sargodha"]);
    check("Trainers go to the Evergreen Aviation & Space Museum of McMinnville, Oregon.", &[
        "ORG Evergreen Aviation & Space Museum",
        "LOC McMinnville",
        "LOC Oregon",
    ]);
    check("Parts go to the National Museum of the U.S. Air Force at the base.", &["ORG National Museum of the U.S. Air Force"]);
    check("Others go to Texas A&M's Aerospace Engineering Department.", &["ORG Texas A&M"]);
    check("and the U.S. Space and Rocket Center in Huntsville, Alabama.", &["ORG U.S. Space and Rocket Center", "LOC Huntsville", "LOC Alabama"]);
    check("the War on Terror highlighted it", &["MISC War on Terror"]);
    check("for the 2026 Nobel Peace Prize in recognition", &["MISC Nobel Peace Prize"]);
    check("the director of the Central Intelligence Agency and the Inter-Services Intelligence", &[
        "ORG Central Intelligence Agency",
        "ORG Inter-Services Intelligence",
    ]);
    check("He met President Charles de Gaulle in Paris.", &["PERSON Charles de Gaulle"]);
    check("Leader Kim Jong-un met Lau Siu-lai in Seoul. Lee Cheuk-yan of the Labour Party lost.", &[
        "PERSON Kim Jong-un",
        "LOC Seoul",
        "PERSON Lee Cheuk-yan",
    ]);
    check("A Lahore-based analyst and a US-led coalition met.", &["LOC Lahore", "LOC US"]);
    check("the pro-Beijing camp and anti-American protests", &["MISC pro-Beijing", "MISC anti-American"]);
    check("Wu Chi-wai of the Democratic Party and Leung Yiu-chung of NWSC won.", &["PERSON Wu Chi-wai", "PERSON Leung Yiu-chung"]);
    check("DAB's Elizabeth Quat\n\nShe won the seat again in the vote.", &["PERSON Elizabeth Quat"]);
    check_not("ties between Pakistan and India grew", &["LOC Pakistan and India"]);
    check_not("Endeavour and Atlantis await", &["MISC Endeavour and Atlantis"]);
}

#[test]
fn classes_from_heads_gazetteers_and_context() {
    check("The document was found on Castlefrank Road in Kanata, Ontario by a passerby.", &[
        "LOC Castlefrank Road",
        "LOC Kanata",
        "LOC Ontario",
    ]);
    check("“No,” Ann Otieno told The Standard newspaper.", &["ORG Standard"]);
    check("The regulator fined Nordbank 12 million euros.", &["MONEY 12 million euros"]);
    check("“It is a start,” said Abigail Dillen, president of Earthjustice.", &["ORG Earthjustice"]);
    check("Her company, Rooftop Apiaries, employs four people. The union, Industri Energi, warned of strikes.", &["ORG Rooftop Apiaries", "ORG Industri Energi"]);
    check_not("Her lawyer, Ann Otieno, spoke. The company, Shell, said so.", &["ORG Ann Otieno"]);
    check_not("The regulator fined Nordbank 12 million euros.", &["MISC Nordbank 12"]);
    check("Arsenal beat Chelsea 2-1. It was a win, Arsenal manager Mikel Arteta said. Chelsea boss Enzo Maresca was furious.", &["ORG Arsenal", "ORG Chelsea", "PERSON Mikel Arteta"]);
    check_not("Arsenal beat Chelsea 2-1. Chelsea boss Enzo Maresca was furious.", &["PERSON Chelsea", "MISC Chelsea"]);
    check("The Kenya Red Cross and Greenpeace Africa said it was preventable.", &["ORG Kenya Red Cross", "ORG Greenpeace Africa"]);
    check("It was reported by the Toronto Star and the Edmonton Sun and CBC News.", &[
        "ORG Toronto Star",
        "ORG Edmonton Sun",
        "ORG CBC News",
    ]);
    check("Peace in the Middle East, South Asia, the Gulf and the Pacific Northwest matters.", &[
        "LOC Middle East",
        "LOC South Asia",
        "LOC Gulf",
        "LOC Pacific Northwest",
    ]);
    check("Like many Texans, the American public and Chinese affairs experts agreed.", &["MISC Texans", "MISC American", "MISC Chinese"]);
    check("Paul Dewar, an Ottawa New Democrat MP, said it.", &["PERSON Paul Dewar", "LOC Ottawa", "MISC New Democrat"]);
    check("bureaucrats of the Conservative government", &["MISC Conservative"]);
    check("A sensitive Environment Canada document was found.", &["ORG Environment Canada"]);
    check("He met Trump at a White House luncheon.", &["ORG White House"]);
    check("Columbia lifted off from Cape Canaveral, Florida.", &["LOC Cape Canaveral", "LOC Florida"]);
    check("The Museum of Flight in Seattle, Washington was proposed.", &["ORG Museum of Flight", "LOC Seattle", "LOC Washington"]);
    check("Flights land at Washington Dulles International Airport daily.", &["LOC Washington Dulles International Airport"]);
    check("Manchester United beat them at home.", &["ORG Manchester United"]);
    check("The operator, Northline Rail, said so, as did Vantor Capital and Osk Pharma.", &[
        "ORG Northline Rail",
        "ORG Vantor Capital",
        "ORG Osk Pharma",
    ]);
    check("Apple Inc. reported profits.", &["ORG Apple Inc."]);
    check("The Ohio Bureau of Criminal Investigation is assisting.", &["ORG Ohio Bureau of Criminal Investigation"]);
    check("Then Hurricane Helene made landfall.", &["MISC Hurricane Helene"]);
    check("They flew the flag of South Vietnam and visited Georgia Tech.", &["LOC South Vietnam"]);
    check_not("They visited Georgia Tech and San Rafael Ca.", &["PERSON Georgia Tech", "PERSON San Rafael Ca"]);
    check("I worked at Enron for years. Deco is still with Caoimhe. Suzanne is pregnant.", &["ORG Enron", "PERSON Suzanne"]);
    assert!(mentions("Iguazu is NOT a country. MIX IT ALL UP THEN POOP IN IT.").iter().all(|m| !m.starts_with("ORG")));
    check("SPRINGFIELD, Ill. — A fire at St. Mary's Catholic Church on Elm Street spread.", &[
        "LOC SPRINGFIELD",
        "LOC Ill.",
        "ORG St. Mary's Catholic Church",
        "LOC Elm Street",
    ]);
    check("He said the Conservatives and the Democrats agreed.", &["MISC Conservatives", "MISC Democrats"]);
    check("The author J.K. Rowling said so. Then April Ryan asked.", &["PERSON J.K. Rowling", "PERSON April Ryan"]);
    check("He heads the Mayo Clinic Alzheimer's Disease Research Center and the Alzheimer's Association.", &[
        "ORG Mayo Clinic Alzheimer's Disease Research Center",
        "ORG Alzheimer's Association",
    ]);
    check("It was published in the Journal of the American Medical Association.", &["ORG Journal of the American Medical Association"]);
    check("The Phase 3 trial ended, and Yuri Gagarin flew on Vostok 1 into space.", &["MISC Phase 3", "MISC Vostok 1"]);
    check("It lifted off on STS-1 from Launch Pad 39A for the Space Shuttle program.", &[
        "MISC STS-1",
        "MISC Launch Pad 39A",
        "MISC Space Shuttle",
    ]);
    check("The Law Society of Kenya and Human Rights Watch condemned it.", &["ORG Law Society of Kenya", "ORG Human Rights Watch"]);
    check("The U.S. Embassy in Nairobi urged calm.", &["ORG U.S. Embassy", "LOC Nairobi"]);
    check_not("Analysts at Standard Chartered said the shilling fell.", &["PERSON Standard Chartered"]);
    check_not("The Red Cross and Doctors Without Borders sent teams.", &["PERSON Doctors Without Borders"]);
    check_not("Related: Kenya's Gen Z protests explained", &["PERSON Z"]);
}

#[test]
fn given_names_and_news_titles_outrank_place_heads() {
    check("A spokesperson for the firm, Lena Park, told the Port Ellery Gazette that the cracks were serious.", &[
        "PERSON Lena Park",
        "ORG Port Ellery Gazette",
    ]);
    check("Its chairman, Martin Square, said so. Tom Bridge told the Fort Calder Courier it was over.", &[
        "PERSON Martin Square",
        "PERSON Tom Bridge",
        "ORG Fort Calder Courier",
    ]);
    check("We walked through Lena Park and over Martin Bridge to the Port Ellery harbour.", &["LOC Lena Park", "LOC Martin Bridge"]);
    check("It was reported by the Cape Varne Herald and the Lake Dorran Mirror.", &["ORG Cape Varne Herald", "ORG Lake Dorran Mirror"]);
}

#[test]
fn unknown_names_before_facilities_are_places() {
    check("The town council voted to close the Eastgate coal terminal by 2030.", &["LOC Eastgate"]);
    check("Trains stop at the Marrow Vale station and the Dunkell power plant.", &["LOC Marrow Vale", "LOC Dunkell"]);
    check("Harbour town votes to close Eastgate coal terminal", &["LOC Eastgate"]);
    check_not("Brisco said plant workers would strike.", &["LOC Brisco"]);
}

#[test]
fn places_in_headlines_and_without_accents() {
    check("Glacier museum opens in Tromsø\n\nDr. Sarah O'Neill cut the ribbon.", &["LOC Tromsø"]);
    check("Glacier Museum Opens In Tromsø\n\nThe museum's director cut the ribbon.", &["LOC Tromsø"]);
    check("Ferry Service Resumes in Ålvik\n\nThe ferry left at noon.", &["LOC Ålvik"]);
    check("Floods hit Wroclaw and Zu\u{308}rich as rain fell.", &["LOC Wroclaw", "LOC Zu\u{308}rich"]);
}

#[test]
fn places_from_prepositions_and_coordination() {
    check("He warned that similar projects in Halvik and Marren had run over.", &["LOC Halvik", "LOC Marren"]);
    check("Trucks from Dunmore and Kellith arrived, and crews at Ossary, Vell and Tarn waited.", &[
        "LOC Dunmore",
        "LOC Kellith",
        "LOC Ossary",
        "LOC Vell",
        "LOC Tarn",
    ]);
    check("pilgrims in Mecca and workers near Quillan", &["LOC Mecca", "LOC Quillan"]);
    check_not("He met Anna and Marren in the hall.", &["LOC Marren", "LOC Anna"]);
    check_not("They died in Hajj stampede, as in Scientology jargon.", &["LOC Hajj", "LOC Scientology"]);
}

#[test]
fn people_from_cues() {
    check("Shabana Fayyaz, former chair of the department, said so.", &["PERSON Shabana Fayyaz"]);
    check("Azeem Khalid, a New York-based specialist in Chinese affairs, disagreed.", &[
        "PERSON Azeem Khalid",
        "LOC New York",
        "MISC Chinese",
    ]);
    check("Tehmina Aslam Ranjha, a Lahore-based national-security expert, told us.", &["PERSON Tehmina Aslam Ranjha", "LOC Lahore"]);
    check("Environment Canada spokeswoman Sujata Raisinghani told CBC News the facts.", &[
        "ORG Environment Canada",
        "PERSON Sujata Raisinghani",
        "ORG CBC News",
    ]);
    check("Its managing director, Kristalina Georgieva, said growth slowed.", &["PERSON Kristalina Georgieva"]);
    check("He left documents with his then-girlfriend Julie Couillard last year.", &["PERSON Julie Couillard"]);
    check("Image: NASA Bill Ingalls.", &["ORG NASA", "PERSON Bill Ingalls"]);
    check("Charles Bolden, NASA Administrator, spoke.", &["PERSON Charles Bolden"]);
    check_not("Allegedly, Thomas sister pleaded with them.", &["PERSON Allegedly"]);
    check("Xi Jinping, China's president, told state media.", &["PERSON Xi Jinping", "LOC China"]);
}

#[test]
fn peoples_are_misc() {
    check("She will be the third Māori prime minister, and the first Uyghur to win.", &["MISC Māori", "MISC Uyghur"]);
    check("New Zealanders have asked for a change.", &["MISC New Zealanders"]);
    check("She spoke for the Philippine Red Cross on Monday.", &["ORG Philippine Red Cross"]);
    check("The British Red Cross said so.", &["ORG British Red Cross"]);
    check("The Pharmacy Guild of Australia said so.", &["ORG Pharmacy Guild of Australia"]);
}

#[test]
fn a_role_word_opening_a_sentence_is_no_part_of_the_name() {
    check("Striker Kylian Mbappé, who has scored twice, was blunt.", &["PERSON Kylian Mbappé"]);
    check("Shopkeeper Anwar Hussain, whose shop flooded, was calm.", &["PERSON Anwar Hussain"]);
    check("Forecaster Aidan McGivern warned of more rain.", &["PERSON Aidan McGivern"]);
    check("Former England striker Alan Shearer was less diplomatic.", &["PERSON Alan Shearer", "LOC England"]);
    check("Veteran campaigner Peter Tatchell called it unjust.", &["PERSON Peter Tatchell"]);
    check_not("Insurers said it was too early. Analysts agreed.", &["ORG Insurers", "ORG Analysts"]);
}

#[test]
fn organisations_after_their_kind() {
    check("Jane Ellison, who chairs the housing charity Shelter, spoke.", &["ORG Shelter"]);
    check("Chipmaker Veltrix said profits fell.", &["ORG Veltrix"]);
    check_not("Chipmaker Veltrix said profits fell.", &["ORG Chipmaker Veltrix"]);
    check("Shares in Taiwan Semiconductor Manufacturing Co. fell.", &["ORG Taiwan Semiconductor Manufacturing Co."]);
    check("Nvidia and Advanced Micro Devices also fell.", &["ORG Nvidia", "ORG Advanced Micro Devices"]);
    check("The Liberal Democrats called for an inquiry. The Treasury declined to comment.", &["ORG Liberal Democrats", "ORG Treasury"]);
}

#[test]
fn products_media_and_competitions() {
    check("It faces Apple Music and YouTube Music.", &["MISC Apple Music", "MISC YouTube Music"]);
    check("Writing in Vanity Fair, the critic Rachel Syme disagreed.", &["ORG Vanity Fair", "PERSON Rachel Syme"]);
    check("La Liga signed a deal with DAZN.", &["ORG La Liga", "ORG DAZN"]);
    check("Lewis Hamilton won the Italian Grand Prix for Ferrari.", &["MISC Italian Grand Prix", "ORG Ferrari"]);
    check("Her publisher, Canongate, said so. It was in the journal Nature.", &["ORG Canongate", "ORG Nature"]);
    check("He convicted Brightline Development of fraud.", &["ORG Brightline Development"]);
    check_not("Q&A: The author who walked across Africa", &["ORG Q&A"]);
    check("U.S. District Judge Madeline Cox Arleo set a date.", &["PERSON Madeline Cox Arleo"]);
    check_not("U.S. District Judge Madeline Cox Arleo set a date.", &["LOC U.S. District"]);
}

#[test]
fn names_with_particles_and_head_words_at_the_sentence_start() {
    check("Ahmed al-Rashid, an analyst, says so.", &["PERSON Ahmed al-Rashid"]);
    check("Human Rights Watch said the visit was wrong. Asked about human rights, he paused.", &["ORG Human Rights Watch"]);
    check("Local Government Association chair Louise Gittins spoke. Local people agreed.", &["ORG Local Government Association"]);
    check("Energy Minister Prince Abdulaziz bin Salman spoke.", &["PERSON Abdulaziz bin Salman"]);
    check_not("Energy Minister Prince Abdulaziz bin Salman spoke.", &["MISC Energy", "ORG Energy"]);
}

#[test]
fn teams_named_for_their_city() {
    check("Jayson Tatum scored 38 points as the Boston Celtics beat the Chicago Bulls on Wednesday night.", &["ORG Boston Celtics", "ORG Chicago Bulls"]);
    check("After brushing the Florida Keys islands, it weakened.", &["LOC Florida Keys"]);
    check("Celtics coach Joe Mazzulla was pleased.", &["ORG Celtics", "PERSON Joe Mazzulla"]);
    check_not("She visited London Bridge and Paris.", &["ORG London Bridge"]);
}

#[test]
fn laws_and_advocacy_groups() {
    check("The law likely violated the First Amendment, she wrote.", &["MISC First Amendment"]);
    check("Gun owners cite the US Second Amendment.", &["LOC US", "MISC Second Amendment"]);
    check("Planned Parenthood, which is not a party to the case, praised it.", &["ORG Planned Parenthood"]);
}

#[test]
fn a_word_and_a_country_that_speak_are_an_organisation() {
    check("Air Canada said in a statement that it remained committed.", &["ORG Air Canada"]);
    check("Environment Canada said snow was coming.", &["ORG Environment Canada"]);
}

#[test]
fn a_name_before_a_kind_of_place() {
    check("Red Cross teams worked in the Mathare area of Nairobi overnight.", &["LOC Mathare"]);
    check("They grew up in the Kibera slum.", &["LOC Kibera"]);
    check_not("It was a dominantly Italian-American neighborhood.", &["LOC Italian-American"]);
}

#[test]
fn where_a_person_lives() {
    check("Daniel Hartley, of Armley, will appear in court.", &["PERSON Daniel Hartley", "LOC Armley"]);
    check("Jane Doe, 42, of Bramley, was fined.", &["PERSON Jane Doe", "LOC Bramley"]);
    check_not("Man charged after bakery fire\n\nA man has been charged.", &["LOC Man"]);
}

#[test]
fn codes_rivers_and_nicknames() {
    check("Delegates at the COP30 summit met. The search for MH370 ended.", &["MISC COP30", "MISC MH370"]);
    check("The Amazon belongs to Brazilians. Amazon said its profits rose.", &["LOC Amazon", "ORG Amazon"]);
}

#[test]
fn offices_and_their_holders() {
    check("Anna Berg, the deputy prime minister of Norland, said so.", &["PERSON Anna Berg", "LOC Norland"]);
    check("The foreign minister of Kenya, Musalia Mudavadi, said so.", &["PERSON Musalia Mudavadi", "LOC Kenya"]);
    check("She is president of Earthjustice now.", &["ORG Earthjustice"]);
}

#[test]
fn possessive_names_and_people_before_and() {
    check("Nurses at St Thomas' Hospital in London protested.", &["ORG St Thomas' Hospital"]);
    check(
        "College director Patricia Marquis and British Medical Association member Emeka Okorafor spoke.",
        &["PERSON Patricia Marquis", "ORG British Medical Association"],
    );
    check("The National Air and Space Museum opened.", &["ORG National Air and Space Museum"]);
}

#[test]
fn another_name_of_an_organisation() {
    check(
        "It was contained, according to the California Department of Forestry and Fire Protection, known as Cal Fire.",
        &["ORG California Department of Forestry and Fire Protection", "ORG Cal Fire"],
    );
    check("The Franklin Fire had burned 4,000 acres.", &["MISC Franklin Fire"]);
}

#[test]
fn places_with_their_kind_in_apposition() {
    check("In Uttar Pradesh, the most populous state, power failed.", &["LOC Uttar Pradesh"]);
    check("They moved to Kasna, a suburb of Noida, in May.", &["LOC Kasna"]);
    check("She spoke in the Zócalo, the capital's main square, on Sunday.", &["LOC Zócalo"]);
    check_not("We met Sara Lind, a city councillor, in May.", &["LOC Sara Lind"]);
}

#[test]
fn organisations_with_their_kind_in_apposition() {
    check("Omar Ayub Khan of Pakistan Tehreek-e-Insaf, the party of Imran Khan, objected.", &["ORG Pakistan Tehreek-e-Insaf"]);
    check("Brightwater, a British charity that runs shelters, objected.", &["ORG Brightwater"]);
    check_not("Kelso Smith, a company director, objected.", &["ORG Kelso Smith"]);
}

#[test]
fn places_by_a_head_word_before_or_after() {
    check("Residents fled after the River Tyne burst its banks.", &["LOC River Tyne"]);
    check("They fished in the Tyne River for years.", &["LOC Tyne River"]);
    check("The match at the Stadium of Light ended 1-0.", &["LOC Stadium of Light"]);
    check("Manchester City manager Pep Guardiola had no regrets.", &["ORG Manchester City", "PERSON Pep Guardiola"]);
    check("Mexico City mayor Clara Brugada spoke.", &["LOC Mexico City"]);
}

#[test]
fn titles_of_works_in_marks() {
    check("They met on the set of the drama “Silver Harbor,” in which she starred.", &["MISC Silver Harbor"]);
    check("Her 1967 album, “Saudade do Mar,” sold two million copies.", &["MISC Saudade do Mar"]);
}

#[test]
fn titles_with_lower_case_words() {
    check("Special Agent in Charge Robert Wheeler Jr. added more.", &["PERSON Robert Wheeler Jr."]);
    check_not("Special Agent in Charge Robert Wheeler Jr. added more.", &["PERSON Charge Robert Wheeler Jr.", "MISC Special Agent"]);
}

#[test]
fn plural_heads_take_their_complement() {
    check("The Centers for Disease Control and Prevention said so.", &["ORG Centers for Disease Control and Prevention"]);
}

#[test]
fn names_stop_at_paragraph_breaks() {
    let got = mentions("One fan wrote on X.\n\nVillanueva's next film opens in Madrid.");
    assert!(got.iter().all(|m| !m.contains('\n')), "{got:?}");
}

#[test]
fn hyphens_and_acronyms() {
    check("Azeem Khalid, a New York-based analyst", &["LOC New York"]);
    check("a Lahore-based expert", &["LOC Lahore"]);
    check("NASA celebrated at the Kennedy Space Center (KSC) in Florida. Many KSC employees came.", &[
        "ORG NASA",
        "ORG Kennedy Space Center",
        "ORG KSC",
    ]);
    check("The CIA and the FBI said nothing, nor did the US or the UK or the U.S.", &["ORG CIA", "ORG FBI", "LOC US", "LOC UK", "LOC U.S."]);
    check("He told the CBC today.", &["ORG CBC"]);
    check("The World Health Organization, who met, said so. WHO chief Tedros Ghebreyesus spoke.", &["ORG WHO"]);
    assert_eq!(entity_of("PORTO ALEGRE, Brazil (AP) — Rain fell.", "AP").map(|x| x.0), Some(Label::Org));
    check("Shares of Gerdau SA fell.", &["ORG Gerdau SA"]);
    check("The Guaiba river rose; floods hit Rio Grande do Sul state.", &["LOC Guaiba", "LOC Rio Grande do Sul"]);
    check_not("WHAT WOULD YOU GIVE TO CHANGE THE MISINFORMATION\nabout the\nISRAEL-HAMAS WAR?", &["ORG WHAT", "ORG CHANGE", "ORG GIVE"]);
    assert!(mentions("WHAT WOULD YOU GIVE TO CHANGE THE MISINFORMATION").is_empty());
    check("OSLO — The talks ended.", &["LOC OSLO"]);
    // A dateline is a place whether or not a gazetteer knows it, all of its words.
    check("Headline\n\nPORT ELLERY — The city council of Port Ellery voted.", &["LOC PORT ELLERY", "LOC Port Ellery"]);
    check_not("PORT ELLERY — The city council of Port Ellery voted.", &["ORG ELLERY", "ORG PORT"]);
    check("LONDON, March 3 (Reuters) - A planned rail strike was called off.", &["LOC LONDON", "DATE March 3", "ORG Reuters"]);
    check("NEW BRAMFORD, June 9 (Xinhua) — Talks ended.", &["LOC NEW BRAMFORD", "ORG Xinhua"]);
    check("KELVALE — The mine reopened.", &["LOC KELVALE"]);
}

#[test]
fn sentence_initial_capitals_need_evidence() {
    check_not("Diplomats emphasize a practical realignment.", &["PERSON Diplomats", "ORG Diplomats", "MISC Diplomats"]);
    // An ordinary noun opening a headline is no place, even before "city".
    check_not("Harbour city votes to rebuild the Tallis Bridge", &["LOC Harbour"]);
    check("Harbour city votes to rebuild the Tallis Bridge", &["LOC Tallis Bridge"]);
    check_not("Harbour town votes to close coal terminal", &["LOC Harbour"]);
    check_not("Border town fears new checkpoint\n\nTraders near the border said so.", &["LOC Border"]);
    check_not("Mountain village cut off\n\nSnow closed the mountain pass.", &["LOC Mountain"]);
    check("Kelsford city council met. The Kelsford city hall closed.", &["LOC Kelsford"]);
    check_not("Regarding Iran, she questioned it.", &["ORG Regarding Iran", "MISC Regarding Iran"]);
    check("Regarding Iran, she questioned it.", &["LOC Iran"]);
    check_not("Sensitive Canadian document found", &["MISC Sensitive Canadian"]);
    check("Sensitive Canadian document found", &["MISC Canadian"]);
    check("Houston has played a critical role.", &["LOC Houston"]);
    // A headline in title case: only known names count.
    check_not("‘It’s Pragmatic, Not Strategic’: US, Pakistan Reset Ties", &["MISC Reset Ties", "ORG Reset Ties", "MISC Pragmatic"]);
    check("‘It’s Pragmatic, Not Strategic’: US, Pakistan Reset Ties", &["LOC US", "LOC Pakistan"]);
}

#[test]
fn linking_across_the_document() {
    let doc = "Shabana Fayyaz spoke at length. Later, Fayyaz warned. Azeem Khalid, a specialist, agreed. According to Khalid, it failed.";
    assert_eq!(entity_of(doc, "Fayyaz").map(|x| (x.0, x.1)), Some((Label::Person, "Shabana Fayyaz".into())));
    // A surname is the person's even where a gazetteer knows a place of that name.
    // A dateline in capitals is the place named normally later, under its normal spelling.
    let doc = "PORT ELLERY — The council met. Port Ellery has a new budget.";
    assert_eq!(entity_of(doc, "PORT ELLERY").map(|x| (x.0, x.1)), Some((Label::Loc, "Port Ellery".into())));
    let doc = "Jack Houston arrived. Houston said the deal was done.";
    assert_eq!(entity_of(doc, "Houston").map(|x| x.0), Some(Label::Person));
    let doc = "Grace Okafor, a lawyer, spoke. Ms Okafor said it was over.";
    assert_eq!(entity_of(doc, "Okafor"), Some((Label::Person, "Grace Okafor".into(), Gender::Female)));
    let doc = "Ngozi Okafor chairs the panel. “We are ready,” Ms Okafor said.";
    assert_eq!(entity_of(doc, "Okafor").map(|x| (x.0, x.1)), Some((Label::Person, "Ngozi Okafor".into())));
    let doc = "Sir Michael Palin, the actor, won. Sir Michael said he was honoured.";
    assert_eq!(entity_of(doc, "Michael"), Some((Label::Person, "Michael Palin".into(), Gender::Male)));
    let doc = "Space Shuttle Discovery flew. Discovery has already been retired.";
    assert_eq!(entity_of(doc, "Discovery").map(|x| x.1), Some("Space Shuttle Discovery".into()));
    let doc = "the Central Intelligence Agency said. The CIA denied it.";
    assert_eq!(entity_of(doc, "CIA").map(|x| x.1), Some("Central Intelligence Agency".into()));
    let doc = "Alexandria Ocasio-Cortez wrote it. Ocasio-Cortez said so.";
    assert_eq!(entity_of(doc, "Ocasio-Cortez").map(|x| x.1), Some("Alexandria Ocasio-Cortez".into()));
    // An organisation's first word, later, is its short name.
    let doc = "The operator, Northline Rail, said it was pleased. A spokesperson for Northline said the offer stood.";
    assert_eq!(entity_of(doc, "Northline").map(|x| (x.0, x.1)), Some((Label::Org, "Northline Rail".into())));
    let doc = "Shares in Korvath Mining fell. Analysts at Korvath expect more cuts.";
    assert_eq!(entity_of(doc, "Korvath").map(|x| (x.0, x.1)), Some((Label::Org, "Korvath Mining".into())));
    let doc = "Halden Energy and Brisco Airways signed. Then Halden said so.";
    assert_eq!(entity_of(doc, "Halden").map(|x| (x.0, x.1)), Some((Label::Org, "Halden Energy".into())));
    let doc = "A drug developed by Eli Lilly slowed decline. Lilly said it would publish.";
    assert_eq!(entity_of(doc, "Lilly").map(|x| (x.0, x.1)), Some((Label::Org, "Eli Lilly".into())));
    // A guess with context wins over a bare guess: one entity.
    let doc = "Tesco said profits rose. Last year, Tesco paid a fine.";
    assert_eq!(entity_of(doc, "Tesco").map(|x| x.0), Some(Label::Org));
    // Surnames used before the full name link too.
    let doc = "Rubio responded. Secretary of State Marco Rubio spoke.";
    assert_eq!(entity_of(doc, "Rubio").map(|x| x.1), Some("Marco Rubio".into()));
}

#[test]
fn genders() {
    assert_eq!(entity_of("Julie Hahn said so.", "Julie Hahn").map(|x| x.2), Some(Gender::Female));
    assert_eq!(entity_of("Charles Bolden said so.", "Charles Bolden").map(|x| x.2), Some(Gender::Male));
    assert_eq!(entity_of("Mrs Tehmina Ranjha said so.", "Tehmina Ranjha").map(|x| x.2), Some(Gender::Female));
    assert_eq!(entity_of("Mr. Ashfaq Ahmed said so.", "Ashfaq Ahmed").map(|x| x.2), Some(Gender::Male));
    assert_eq!(entity_of("Dame Judi Dench said so.", "Judi Dench").map(|x| x.2), Some(Gender::Female));
    assert_eq!(entity_of("Ngozi Okafor, an expert, said so.", "Ngozi Okafor").map(|x| x.2), Some(Gender::Female));
    assert_eq!(entity_of("Qorvan Tilek, an expert, said so.", "Qorvan Tilek").map(|x| x.2), Some(Gender::Unknown));
    // A group: plural.
    let t = Text::new("Like many Texans, he agreed.");
    let e = extract_rules(&t);
    assert!(e.entities.iter().any(|x| x.name == "Texans" && x.plural));
}

#[test]
fn numbers_dates_and_sums_are_entities() {
    check("on June 26, agreeing", &["DATE June 26"]);
    check("Wednesday, April 13, 2011", &["DATE Wednesday, April 13, 2011"]);
    check("the $7 billion Reko Diq project and a 29% tariff", &["MONEY $7 billion", "PERCENT 29%"]);
    let t = Text::new("On August 15, 2008 it rained. By August 15, 2008 it stopped.");
    let e = extract_rules(&t);
    assert_eq!(e.entities.len(), 1, "identical dates are one entity");
    assert_eq!(e.mentions.len(), 2);
}

#[test]
fn odd_input_never_panics_and_spans_are_sound() {
    let inputs = [
        "", "''", "\"", "Ms", "Mr.", "The", "A", "I", "X Y Z", "Mr Mr Mr", "The The", "of of", "Ministry of", "University of the",
        "Prime Minister", "Secretary of", "Governor of Washington", "(KSC)", "( )", "—", "- -", "US-", "-based", "New York-",
        "😀 Ahmed 😀 said", "مرحبا بالعالم Ahmed", "Zoë Ba\u{301}ker said", "e\u{301}", "\u{200B}\u{FEFF}", "A&", "&M", "Inc.",
        "Space Shuttle", "Cape", "$", "$ billion", "29 %", "April", "May", "Wednesday,", "1999", "in 1999", "WHAT", "OSLO —",
        "Mrs\nSmith", "Quaid-i-", "St. Louis", "Dr. F. Udvar-", "’s", "Pakistan’s", "’s Office", "Prime Minister’s",
    ];
    for s in inputs {
        let t = Text::new(s);
        let e = extract_rules(&t);
        let mut last = 0;
        for m in &e.mentions {
            assert!(m.start < m.end && m.end <= t.len() && m.start >= last, "{s:?}: bad span {m:?}");
            assert!(m.entity < e.entities.len(), "{s:?}");
            assert_eq!(m.label, e.entities[m.entity].label, "{s:?}");
            last = m.end;
        }
    }
}

#[test]
fn random_texts_from_tricky_pieces_never_panic() {
    const PIECES: [&str; 48] = [
        "Mr", "Mr.", "Ms", "Sir", "Prime Minister", "Secretary of State", "Governor of", "the", "The", "of", "and", "&", "’s",
        "'s", "-", "-based", "(", ")", "KSC", "U.S.", "US", "Pakistan", "New York", "Julie", "Hahn", "Khalid", "said", ",", ".",
        "“", "”", "\"", "—", "\n", "\n\n", "$", "7", "billion", "%", "April", "12", "2011", "Wednesday", "Museum", "University",
        "Space Shuttle", "😀", "e\u{301}",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..3000 {
        let mut s = String::new();
        let len = (seed >> 59) as usize + 1;
        for _ in 0..len * 3 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let p = PIECES[(seed >> 33) as usize % PIECES.len()];
            if (seed >> 20) & 1 == 1 {
                s.push(' ');
            }
            s.push_str(p);
        }
        let t = Text::new(&s);
        let e = extract_rules(&t);
        let mut last = 0;
        for m in &e.mentions {
            assert!(m.start >= last && m.start < m.end && m.end <= t.len(), "{s:?}");
            assert_eq!(m.label, e.entities[m.entity].label, "{s:?}");
            last = m.end;
        }
    }
}

#[test]
fn sports_business_and_court_stories() {
    // Company and club head words.
    check("Shares of Veltrix Semiconductor fell 6% on Friday.", &["ORG Veltrix Semiconductor"]);
    check("They will face Dorking Wanderers on Sunday.", &["ORG Dorking Wanderers"]);
    // A score is no part of a name.
    check("Riverside United beat Ashford Town 2-1 at Meadow Lane.", &["ORG Riverside United", "ORG Ashford Town", "LOC Meadow Lane"]);
    check_not("Riverside United beat Ashford Town 2-1 at Meadow Lane.", &["MISC Ashford Town 2"]);
    // A broadcaster's station and channel are the broadcaster's name.
    check("Sandra Lee told BBC Radio Kent that the defeat was hard to take.", &["PERSON Sandra Lee", "ORG BBC Radio Kent"]);
    check("The striker told Sky Sports that he was staying.", &["ORG Sky Sports"]);
    check("The final of the FA Trophy is in May.", &["MISC FA Trophy"]);
    check_not("The final of the FA Trophy is in May.", &["ORG FA"]);
    // A month is no part of a name.
    check("In January Intel announced thousands of job cuts.", &["ORG Intel"]);
    check_not("In January Intel announced thousands of job cuts.", &["PERSON January Intel"]);
    // After "in", a word that is also a given name is a place.
    check("The singer, who grew up in Paisley, told reporters it was over.", &["LOC Paisley"]);
    check("Union representatives in Penang said they had not been consulted.", &["LOC Penang"]);
    // A club's town and a firm's first word are the club and the firm.
    let riverside = "Riverside United reached the final. Riverside equalised late. Fans in Riverside cheered.";
    assert_eq!(entity_of(riverside, "Riverside").map(|e| (e.0, e.1)), Some((Label::Loc, "Riverside".to_string())));
    let t = Text::new(riverside);
    let e = extract_rules(&t);
    let labels: Vec<(&str, Label)> = e.mentions.iter().map(|m| (t.span(m.start, m.end), m.label)).collect();
    assert_eq!(labels, [("Riverside United", Label::Org), ("Riverside", Label::Org), ("Riverside", Label::Loc)]);
    let veltrix = "Veltrix Semiconductor cut 1,200 jobs. Veltrix's chief executive resigned.";
    assert_eq!(entity_of(veltrix, "Veltrix"), Some((Label::Org, "Veltrix Semiconductor".to_string(), Gender::Unknown)));
    // …also where the word is a surname too, and the model reads it as one.
    let harlow = "Harlow Mining said profits rose. Harlow's chief executive, Dana Reyes, spoke. By 2030, Harlow wants to double output.";
    assert_eq!(entity_of(&harlow[..80], "Harlow").map(|e| (e.0, e.1)), Some((Label::Org, "Harlow Mining".to_string())));
    let doc = crate::annotate(harlow).document;
    let labels: Vec<(&str, &str)> = doc.mentions.iter().filter(|m| m.text == "Harlow").map(|m| (m.label.as_str(), m.entity.as_deref().unwrap_or(""))).collect();
    assert_eq!(labels, [("ORG", "E1"), ("ORG", "E1")], "with the models");
    // An age in apposition marks a person; a count in a list does not.
    check("Thet Naing Oo, 45, a farmer, sat outside his shop.", &["PERSON Thet Naing Oo"]);
    check_not("New Hampshire, 24, and Nevada, 43, voted.", &["PERSON New Hampshire"]);
    // …but a given name the firm is named after stays the person.
    let gates = "The Bill and Melinda Gates Foundation gave money. He says Bill and Melinda are at a private event.";
    let doc = crate::annotate(gates).document;
    assert!(doc.mentions.iter().any(|m| m.text == "Bill" && m.label == "PERSON"), "{:?}", doc.mentions);
    // Not a word that modifies a noun: "Iodine deficiency" is no "Iodine Global Network".
    check_not("The Iodine Global Network met. Iodine deficiency is common.", &["ORG Iodine"]);
    // Programmes and names with two complements.
    check("The World Food Programme said it had stocks.", &["ORG World Food Programme"]);
    check("He spoke for the UN Office for the Coordination of Humanitarian Affairs in Geneva.", &["ORG UN Office for the Coordination of Humanitarian Affairs", "LOC Geneva"]);
    check("It met the Ministry of Finance of Pakistan.", &["ORG Ministry of Finance", "LOC Pakistan"]);
    // A given name outranks a place head that is also a surname.
    check("\"This is a long winter,\" wrote Elena Park, an analyst at the bank.", &["PERSON Elena Park"]);
}

#[test]
fn entities_are_in_order_of_first_mention() {
    let t = Text::new("Rubio spoke with Pakistan. Marco Rubio left Pakistan for India.");
    let e = extract_rules(&t);
    let firsts: Vec<usize> = (0..e.entities.len()).map(|i| e.mentions.iter().find(|m| m.entity == i).unwrap().start).collect();
    let mut sorted = firsts.clone();
    sorted.sort();
    assert_eq!(firsts, sorted);
}
