//! Events and affiliations as a news analyst reads them: one test per class of error found by
//! hand on real news (docs/accuracy.md), each on a short text written in its style.

use newsgraph::Pipeline;

/// The statements of `text` as `subject predicate object polarity` lines (speech left out).
fn edges(text: &str) -> Vec<String> {
    let x = Pipeline::new().run_text(text);
    let name = |id| x.resolution.entity(id).name.clone();
    x.statements
        .iter()
        .filter(|s| s.predicate.name() != "said")
        .map(|s| {
            let object = s.object.map(name).unwrap_or_default();
            format!("{} {} {} {}", name(s.subject), s.predicate.name(), object, s.polarity.name()).trim().to_owned()
        })
        .collect()
}

fn has(edges: &[String], edge: &str) -> bool {
    edges.iter().any(|e| e == edge)
}

#[test]
fn events_a_list_of_titled_people_gives_each_their_own_role() {
    let e = edges(
        "US Secretary of State Condoleezza Rice, UN Secretary General Kofi Annan, World Bank officials and \
         aid groups met in Geneva on Monday.",
    );
    assert!(has(&e, "Kofi Annan leaderOf United Nations asserted"), "{e:?}");
    assert!(has(&e, "Condoleezza Rice worksFor United States asserted"), "{e:?}");
    for wrong in ["Condoleezza Rice leaderOf United Nations", "Condoleezza Rice worksFor World Bank"] {
        assert!(!e.iter().any(|x| x.starts_with(wrong)), "{wrong}: {e:?}");
    }
    assert!(!e.iter().any(|x| x.contains("worksFor World Bank")), "{e:?}");
}

#[test]
fn events_a_venue_is_no_nationality_and_a_bracketed_country_is_one() {
    let e = edges("Paul McCartney played a concert at American football's Super Bowl in Jacksonville.");
    assert!(!e.iter().any(|x| x.contains("nationality") || x.contains("livesIn")), "{e:?}");
    let e = edges("Roger Federer (Switzerland) beat Andy Roddick (United States) in the final.");
    assert!(has(&e, "Roger Federer nationality Switzerland asserted"), "{e:?}");
    assert!(has(&e, "Andy Roddick nationality United States asserted"), "{e:?}");
    assert!(!e.iter().any(|x| x.contains("livesIn")), "a country in brackets is where they play for: {e:?}");
}

#[test]
fn events_a_bare_participle_makes_its_noun_the_one_acted_on() {
    let e = edges("Former Worldcom boss Bernie Ebbers is standing trial, accused of overseeing an $11bn fraud.");
    assert!(!e.iter().any(|x| x.starts_with("Bernie Ebbers accused")), "Ebbers is the accused: {e:?}");
    let e = edges("The BBC has been criticised for its coverage by Ofcom.");
    assert!(!e.iter().any(|x| x.starts_with("BBC criticised")), "the BBC is criticised: {e:?}");
    let e = edges("The BBC, criticised by Ofcom for its coverage, said nothing.");
    assert!(!e.iter().any(|x| x.starts_with("BBC criticised")), "{e:?}");
}

#[test]
fn events_titled_partners_meet_each_other() {
    let e = edges("Vladimir Putin met China's Xi Jinping in Moscow.");
    assert!(has(&e, "Vladimir Putin met Xi Jinping asserted"), "the person China has, not China: {e:?}");
    let e = edges("Kenyan President William Ruto and Tanzanian President Samia Hassan met in Nairobi on Friday.");
    assert!(
        has(&e, "William Ruto met Samia Hassan asserted") || has(&e, "Samia Hassan met William Ruto asserted"),
        "{e:?}"
    );
}

#[test]
fn events_modals_mark_an_event_as_not_yet_happened() {
    let e = edges("Kenya will sign a trade pact with Ethiopia next month.");
    assert!(has(&e, "Kenya signed Ethiopia hypothetical"), "{e:?}");
    let e = edges("Kenya signed a trade pact with Ethiopia on Monday.");
    assert!(has(&e, "Kenya signed Ethiopia asserted"), "{e:?}");
    let e = edges("Germany's chancellor Olaf Scholz would not meet the Chinese premier Li Qiang.");
    assert!(has(&e, "Olaf Scholz met Li Qiang negated"), "a negated modal stays negated: {e:?}");
}

#[test]
fn events_verb_senses_that_are_no_event() {
    // sharing an opinion is not cooperation, a plea of guilt is no appeal, a question is no
    // appeal, talking about someone is no meeting, nor is meeting their cross, and stopping a
    // goal is no denial
    let e = edges("Kenya agreed with Ethiopia that the border was calm. Ethiopia agreed.");
    assert!(!e.iter().any(|x| x.contains("cooperated")), "{e:?}");
    let e = edges("Kenya agreed a trade deal with Ethiopia on Monday.");
    assert!(e.iter().any(|x| x.starts_with("Kenya cooperated")), "a deal is agreed: {e:?}");
    let e = edges("Kenya refused to comment on the report.");
    assert!(!e.iter().any(|x| x.contains("rejected")), "{e:?}");
    let e = edges("Bernie Ebbers pleaded not guilty on Monday. Anna Berg asked if Bernie Ebbers would stay.");
    assert!(!e.iter().any(|x| x.contains("appealed")), "{e:?}");
    let e = edges("Wayne Rooney talked about David Beckham on Sunday. Wayne Rooney met David Beckham's cross.");
    assert!(!e.iter().any(|x| x.contains(" met ")), "{e:?}");
    let e = edges("Petr Cech denied Wayne Rooney a goal. Russia denied the claims.");
    assert!(!e.iter().any(|x| x.starts_with("Petr Cech denied")), "{e:?}");
    assert!(has(&e, "Russia denied  asserted") || e.iter().any(|x| x.starts_with("Russia denied")), "{e:?}");
}

#[test]
fn events_the_owner_of_a_speaker_does_not_speak() {
    for text in ["Gordon Brown's closest ally denied the claims.", "A Gordon Brown ally denied the claims."] {
        let e = edges(text);
        assert!(!e.iter().any(|x| x.starts_with("Gordon Brown denied")), "{text}: {e:?}");
    }
}

#[test]
fn events_a_place_after_a_comma_is_where_it_lies() {
    let e = edges("The boat sank off the coast of Aceh, Indonesia.");
    assert!(has(&e, "Aceh locatedIn Indonesia asserted"), "{e:?}");
}

#[test]
fn events_affiliations_from_titles_and_appositions() {
    let e = edges(
        "India's defence ministry rejected the report. Rajesh Mehta, a spokesman with the defence ministry, \
         said the report was false. Indian Foreign \
         Ministry spokesman Ravi Kumar said talks would go on. BA's chief executive Rod Eddington said \
         profits would rise.",
    );
    assert!(e.iter().any(|x| x.starts_with("Rajesh Mehta spokespersonOf") && x.contains("Defence Ministry")), "{e:?}");
    assert!(e.iter().any(|x| x.starts_with("Ravi Kumar spokespersonOf") && x.contains("Foreign Ministry")), "{e:?}");
    assert!(has(&e, "Rod Eddington leaderOf BA asserted"), "{e:?}");
    // the chief of a part of the party works for it
    let e = edges("Labour's election chief Alan Milburn said the campaign was going well.");
    assert!(e.iter().any(|x| x.starts_with("Alan Milburn worksFor")), "{e:?}");
    assert!(!e.iter().any(|x| x.starts_with("Alan Milburn leaderOf")), "{e:?}");
}
