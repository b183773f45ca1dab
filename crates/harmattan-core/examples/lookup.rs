//! Developer tool: list the gazetteer entries filed under a name.
//! `cargo run -p harmattan-core --example lookup -- NAME [USER_GAZETTEER]`
use harmattan_core::{countries::Countries, geo::Gazetteer, EngineData};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data = EngineData::builtin();
    let Ok(c) = Countries::parse(data.countries) else {
        return;
    };
    let Ok(mut g) = Gazetteer::from_builtin(data.places, &c) else {
        return;
    };
    if let Some(p) = args.get(2) {
        let text = std::fs::read_to_string(p).unwrap_or_default();
        g.add_user(&text, &c);
    }
    for r in g.lookup(args.get(1).map_or("", String::as_str)) {
        println!("{r:?}");
    }
}
