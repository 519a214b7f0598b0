//! The layout pass end to end: site chrome, tables and promotions give no entities and no
//! statements; tickers are a property of the organisation before them, never an entity.

use newsgraph::model::{EntityKind, LayoutKind};
use newsgraph::Pipeline;

fn names(text: &str) -> Vec<(String, EntityKind)> {
    let x = Pipeline::new().run_text(text);
    x.resolution.entities.iter().map(|e| (e.name.clone(), e.kind)).collect()
}

#[test]
fn layout_chrome_and_promotions_give_no_entities_or_statements() {
    let page = "» News »\nHome > World > Europe\nGet Baltic Business News in your Inbox\n\
                Estonian Prime Minister Kadri Saar said on Monday that Latvia would join the talks.\n\
                Source: Harbour Wire\nSign up for Harbour Daily\n© 2026 Harbour Media Ltd\n\
                The War Against Plastic\nWhy Ferries From Tallinn Are Late";
    let x = Pipeline::new().run_text(page);
    let found: Vec<&str> = x.resolution.entities.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(found, ["Estonia", "Kadri Saar", "Latvia"]);
    // every statement's evidence is the one prose line
    let prose = page.find("Estonian").unwrap();
    assert!(!x.statements.is_empty());
    assert!(x.statements.iter().all(|s| s.evidence.start >= prose && s.evidence.end < page.find("Source:").unwrap()));
    let kinds: Vec<LayoutKind> = x.document.layout.iter().map(|l| l.kind).collect();
    assert_eq!(kinds.iter().filter(|k| **k == LayoutKind::Chrome).count(), 6);
    assert_eq!(kinds.iter().filter(|k| **k == LayoutKind::Promotion).count(), 2);
}

#[test]
fn layout_price_lists_give_no_entities() {
    let page = "Grain prices in Chicago were mixed on Tuesday, traders at Northwind Grain said.\n\
                Wheat    3.45    3.50    +0.05\nMaize ... 2.10 2.12 -0.02\nSoya Beans\t6.05\t6.10\t+1.2%\n\
                Brent Crude  45.20  45.80  +0.60";
    let found = names(page);
    assert!(found.iter().any(|(n, _)| n == "Chicago"), "{found:?}");
    assert!(
        found.iter().all(|(n, _)| !["Wheat", "Maize", "Soya Beans", "Brent Crude"].contains(&n.as_str())),
        "{found:?}"
    );
}

#[test]
fn layout_ticker_is_the_organisations_property_not_an_entity() {
    let text = "Northwind Chemie France <UK> said on Tuesday it would buy Harbour Energy Corp (NYSE: HBE). \
                Harbour Energy said the offer was too low.";
    let x = Pipeline::new().run_text(text);
    let found: Vec<(&str, EntityKind, Option<&str>)> =
        x.resolution.entities.iter().map(|e| (e.name.as_str(), e.kind, e.ticker.as_deref())).collect();
    assert!(found.iter().all(|(n, k, _)| *n != "UK" && *n != "HBE" && *k != EntityKind::Country), "{found:?}");
    assert!(found.contains(&("Northwind Chemie France", EntityKind::Organisation, Some("UK"))), "{found:?}");
    assert!(found.iter().any(|(n, _, t)| n.starts_with("Harbour Energy") && *t == Some("HBE")), "{found:?}");
}

#[test]
fn layout_ticker_and_the_bare_symbol_are_one_entity() {
    let text = "Shares in Baltic Petroleum <BLP> rose 3 percent. BLP said output would rise.";
    let x = Pipeline::new().run_text(text);
    let found: Vec<(&str, Option<&str>, usize)> =
        x.resolution.entities.iter().map(|e| (e.name.as_str(), e.ticker.as_deref(), e.mentions.len())).collect();
    assert_eq!(found, [("Baltic Petroleum", Some("BLP"), 2)]);
}
