//! Cleaning: finds the lines of an article that are not its report — "Read also" links,
//! share prompts, bylines, newsletter and donation boxes, photo credits — so later stages
//! skip them. The text is never rewritten: offsets stay those of the input.

use crate::types::Span;

/// Line starts (folded, lower-case) that mark boilerplate lines. IDs: `CLEAN/<n>`.
const PREFIXES: &[&str] = &[
    "read also",
    "read more",
    "also read",
    "see also",
    "related:",
    "related articles",
    "related stories",
    "recommended",
    "lire aussi",
    "a lire aussi",
    "à lire aussi",
    "voir aussi",
    "share this",
    "share on",
    "share:",
    "partager",
    "click here",
    "subscribe",
    "sign up",
    "abonnez-vous",
    "newsletter",
    "follow us",
    "suivez-nous",
    "advertisement",
    "publicité",
    "copyright",
    "©",
    "all rights reserved",
    "photo:",
    "photo credit",
    "image:",
    "image caption",
    "getty images",
    "by ",
    "par ",
    "written by",
    "reporting by",
    "editing by",
    "support our",
    "donate",
    "make a donation",
    "faites un don",
    "tags:",
    "filed under",
    "comments",
    "leave a comment",
    "print",
    "whatsapp",
    "twitter",
    "facebook",
    "you may also like",
    "you might also like",
    "more stories",
];

/// Prefixes of a header that opens a list of links to other stories ("You may also like
/// these stories:"): the headline-like lines right after it (short, no final full stop) are
/// those links, not the report.
const LIST_HEADERS: &[&str] = &[
    "you may also like",
    "you might also like",
    "related stories",
    "related articles",
    "more stories",
];

/// A boilerplate line: its span and the rule that matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Boilerplate {
    /// The whole line.
    pub span: Span,
    /// Index into the prefix table (rule `CLEAN/<n>`).
    pub rule: usize,
}

/// Boilerplate lines of `text`. A byline ("By ...", "Par ...") only counts when the line is
/// short and has no sentence punctuation, so a sentence starting "By Friday" is kept.
pub fn boilerplate(text: &str) -> Vec<Boilerplate> {
    let mut out = Vec::new();
    let mut pos = 0;
    // the rule of an open link-list header, while its headline lines last
    let mut in_list: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(rule) = in_list {
            if t.len() < 160 && !t.ends_with('.') {
                let lead = line.len() - line.trim_start().len();
                out.push(Boilerplate {
                    span: Span::new(start + lead, start + lead + t.len()),
                    rule,
                });
                continue;
            }
            in_list = None;
        }
        if t.len() > 300 {
            continue;
        }
        let lower = t.to_lowercase();
        if LIST_HEADERS.iter().any(|h| lower.starts_with(h)) && t.len() < 80 {
            in_list = PREFIXES.iter().position(|p| lower.starts_with(p));
        }
        for (i, p) in PREFIXES.iter().enumerate() {
            if !lower.starts_with(p) {
                continue;
            }
            let short = t.len() < 80 && !t.contains(". ") && !t.ends_with('.');
            let needs_short = matches!(
                *p,
                "by "
                    | "par "
                    | "print"
                    | "comments"
                    | "whatsapp"
                    | "twitter"
                    | "facebook"
                    | "recommended"
                    | "donate"
                    | "partager"
                    | "newsletter"
            );
            if needs_short && !short {
                continue;
            }
            let lead = line.len() - line.trim_start().len();
            out.push(Boilerplate {
                span: Span::new(start + lead, start + lead + t.len()),
                rule: i,
            });
            break;
        }
    }
    out
}

/// The headline: the first line when a blank line follows it, or when it is short and has
/// no final full stop (a typical headline). `None` otherwise.
/// Lines before it that carry no words are skipped: a transfer-encoding chunk size left in a
/// scraped page ("1ad6"), a lone dash or rule.
pub fn headline(text: &str) -> Option<Span> {
    let mut base = 0;
    let mut first = text.lines().next()?;
    for _ in 0..3 {
        if !no_words(first) {
            break;
        }
        let nl = text[base..].find('\n')?;
        let next = base + nl + 1;
        match text.get(next..).and_then(|r| r.lines().next()) {
            Some(l) => {
                base = next;
                first = l;
            }
            None => return None,
        }
    }
    let t = first.trim();
    if t.is_empty() {
        return None;
    }
    let rest = &text[base + first.len()..];
    let blank_follows = rest.starts_with("\n\n") || rest.starts_with("\r\n\r\n");
    // a line set in capitals is a headline even when long ("SOLDIERS KILL ..., ARREST
    // SEVERAL AFTER ...; MINISTER ACCUSES ...")
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    let capitals = t.chars().filter(|c| c.is_uppercase()).count();
    let limit = if letters >= 20 && capitals * 10 >= letters * 9 {
        320
    } else {
        160
    };
    if blank_follows
        || (t.len() < limit
            && !t.ends_with('.')
            && (rest.starts_with('\n') || rest.starts_with("\r\n")))
    {
        let lead = base + first.len() - first.trim_start().len();
        return Some(Span::new(lead, lead + t.len()));
    }
    None
}

/// A line with no word in it: one short token of hex digits with both a digit and a letter
/// (a chunk size, "7ff2") or of punctuation only ("-", "***").
fn no_words(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && !t.contains(char::is_whitespace)
        && (t.chars().all(|c| !c.is_alphanumeric())
            || (t.len() <= 8
                && t.chars().all(|c| c.is_ascii_hexdigit())
                && t.contains(|c: char| c.is_ascii_digit())
                && t.contains(|c: char| c.is_ascii_alphabetic())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_read_also_and_byline() {
        let t = "Title here\n\nBy Jane Doe\nGunmen attacked a post.\nRead Also: Something else\nBy Friday, troops had left.\n";
        let b = boilerplate(t);
        let lines: Vec<&str> = b.iter().map(|b| &t[b.span.start..b.span.end]).collect();
        assert_eq!(lines, vec!["By Jane Doe", "Read Also: Something else"]);
        assert_eq!(headline(t).map(|s| &t[s.start..s.end]), Some("Title here"));
    }

    #[test]
    fn a_long_headline_in_capitals() {
        let h = "REPORT: TROOPS KILL SCORES OF VILLAGERS, DETAIN SEVERAL IN BORNO AFTER INSURGENTS KILLED FOUR, WOUNDED NINE; MINISTER BLAMES FOREIGN BACKERS FOR THE UNREST IN THE NORTH-EAST";
        assert!(h.len() > 160);
        let t = format!("{h}\nResidents said soldiers opened fire on a market.\n");
        assert_eq!(headline(&t).map(|s| &t[s.start..s.end]), Some(h));
        // a long line in sentence case is no headline
        let t = "Residents said that soldiers opened fire on the market of the town on Friday morning, killing several traders, and that the troops then searched houses near the mosque for hours without saying why\nMore text.\n";
        assert_eq!(headline(t), None);
    }

    #[test]
    fn headline_after_a_chunk_size_line() {
        let t = "7e3\nRebels kill two soldiers in raid\nRebels killed two soldiers on Monday.\n";
        assert_eq!(
            headline(t).map(|s| &t[s.start..s.end]),
            Some("Rebels kill two soldiers in raid")
        );
        let t = "-\r\nTitle\r\nBody text.\r\n";
        assert_eq!(headline(t).map(|s| &t[s.start..s.end]), Some("Title"));
        // a number that is a word of the text is not skipped
        let t = "2021\nBody text follows here.\n";
        assert_eq!(headline(t).map(|s| &t[s.start..s.end]), Some("2021"));
    }

    #[test]
    fn a_list_of_other_stories_is_boilerplate() {
        let t = "Gunmen attacked a post.\nYou may also like these stories:\nTen Killed in Raid on Town\nMinister Visits Region\n\nThe army said it sent troops.\n";
        let b = boilerplate(t);
        let lines: Vec<&str> = b.iter().map(|b| &t[b.span.start..b.span.end]).collect();
        assert_eq!(
            lines,
            vec![
                "You may also like these stories:",
                "Ten Killed in Raid on Town",
                "Minister Visits Region"
            ]
        );
    }
}
