//! Developer tool: print the sentences of a text with the lexicon cues, actors and dates found
//! in each. `cargo run -p harmattan-core --example cues -- FILE [YYYY-MM-DD]`
use harmattan_core::{
    actors::ActorDict, countries::Countries, dates::find_dates, lexicon::Lexicon, sentences,
    text::Folded, EngineData,
};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: cues FILE [YYYY-MM-DD]");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let published = args
        .get(2)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default());
    let data = EngineData::builtin();
    let (Ok(countries), Ok(lex)) = (
        Countries::parse(data.countries),
        Lexicon::parse(data.lexicon),
    ) else {
        eprintln!("bad data");
        return;
    };
    let Ok(actors) = ActorDict::parse(data.actors, data.state_forces, &countries) else {
        eprintln!("bad actor data");
        return;
    };
    let folded = Folded::new(&text);
    let cues = lex.find(&folded);
    let cms = countries.find(&folded);
    let ams = actors.find(&text, &folded, &cms);
    let dates = find_dates(&text, published);
    for sp in sentences::split(&text) {
        println!("## {}", &text[sp.start..sp.end]);
        for c in cues.iter().filter(|c| sp.contains(c.span)) {
            println!(
                "   cue {:14} {:?} ({})",
                c.cat.as_str(),
                &text[c.span.start..c.span.end],
                lex.id(c.entry)
            );
        }
        for a in ams.iter().filter(|a| sp.contains(a.span)) {
            let id = a.entry.map(|e| actors.entry(e).id.as_str()).unwrap_or("-");
            println!(
                "   actor {:?} {:?} ({id})",
                &text[a.span.start..a.span.end],
                a.kind
            );
        }
        for d in dates.iter().filter(|d| sp.contains(d.span)) {
            println!(
                "   date {} p{} {:?} ({})",
                d.date,
                d.precision,
                &text[d.span.start..d.span.end],
                d.rule
            );
        }
    }
}
