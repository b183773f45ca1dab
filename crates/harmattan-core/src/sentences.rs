//! Sentence segmentation with an English and French abbreviation list. Returns spans; lines
//! are always boundaries (headlines and list items have no final stop).

use crate::types::Span;

/// Abbreviations after which a full stop does not end a sentence (lower case, no dot).
const ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "capt", "cpt", "maj", "sgt", "cmdr",
    "adm", "gov", "sen", "rep", "st", "mt", "ft", "no", "nos", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu",
    "fri", "sat", "sun", "inc", "ltd", "co", "corp", "dept", "approx", "est", "m", "mm", "mme",
    "mlle", "gén", "gen", "lt-col", "cdt", "av", "bd", "u.s", "u.n", "e.g", "i.e", "al", "jr",
];

/// Sentence spans of `text` (trimmed, non-empty), in order.
pub fn split(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let boundary = match b {
            // a dateline closed by a colon ("5 May 2021, near X village:") opens the line
            // after it: the date and place it gives belong to that report
            b'\n' if is_dateline(&text[start..i]) => None,
            b'\n' => Some(i + 1),
            b'.' | b'!' | b'?' => {
                // a run of closing punctuation and quotes belongs to the sentence
                let mut j = i + 1;
                while j < bytes.len()
                    && matches!(bytes[j], b'.' | b'!' | b'?' | b'"' | b'\'' | b')')
                {
                    j += 1;
                }
                // closing curly quotes (3 bytes) too
                while text[j..].starts_with('\u{201D}')
                    || text[j..].starts_with('\u{2019}')
                    || text[j..].starts_with('\u{00BB}')
                {
                    j += text[j..].chars().next().map_or(1, char::len_utf8);
                }
                let next_is_space = j >= bytes.len()
                    || bytes[j] == b' '
                    || bytes[j] == b'\n'
                    || bytes[j] == b'\t'
                    || bytes[j] == b'\r';
                if b == b'.' && next_is_space && !ends_with_abbrev(&text[start..i]) {
                    // next word should start with an upper-case letter, digit or quote
                    let rest = text[j..].trim_start();
                    let c = rest.chars().next();
                    if c.is_none_or(|c| {
                        c.is_uppercase() || c.is_ascii_digit() || "\"'«“(".contains(c)
                    }) {
                        Some(j)
                    } else {
                        None
                    }
                } else if b != b'.' && next_is_space {
                    Some(j)
                } else {
                    None
                }
            }
            _ => None,
        };
        if let Some(end) = boundary {
            push(text, start, end, &mut out);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push(text, start, text.len(), &mut out);
    out
}

/// A line that starts with a date and ends with a colon: "5 May 2021, 0700 local time, near
/// X village:", "March 3rd, Y town:".
fn is_dateline(line: &str) -> bool {
    let t = line.trim();
    if !t.ends_with(':') || t.len() > 160 {
        return false;
    }
    let first = t.split([' ', ',']).next().unwrap_or("");
    let word = first.trim_end_matches('.');
    first.bytes().next().is_some_and(|b| b.is_ascii_digit())
        || crate::dates::month_num(&crate::text::fold_key(word)).is_some()
}

fn push(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push(Span::new(start + lead, start + lead + t.len()));
    }
}

fn ends_with_abbrev(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"')
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return false;
    }
    // single capital letter initials ("J. Smith")
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    // lower-cased into a stack buffer: no allocation per full stop (no entry is longer)
    let mut buf = [0u8; 16];
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let w = c.len_utf8();
        if n + w > buf.len() {
            return false;
        }
        c.encode_utf8(&mut buf[n..n + w]);
        n += w;
    }
    let lw = &buf[..n];
    ABBREV.iter().any(|a| a.as_bytes() == lw) || TITLE_ABBREV.iter().any(|a| a.as_bytes() == lw)
}

/// Abbreviated military, police and civil titles written before a name ("Cpl. Musa",
/// "Insp. Ali", "Brig. Gen. Kone", "Sgt-Maj. Traore"): their period ends no sentence.
/// Lower-case ASCII.
pub(crate) const TITLE_ABBREV: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "capt", "cpt", "maj", "sgt", "cpl", "lcpl", "pvt",
    "pte", "pfc", "spc", "brig", "cdr", "cmdr", "insp", "supt", "asp", "dsp", "hon", "rev",
    "sgt-maj", "lt-gen", "maj-gen", "brig-gen", "lt-col", "sub-lt", "cpo",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_titles_end_no_sentence() {
        let t = "Cpl. Musa and Pte. Okon were shot. Insp. Bello and Sgt-Maj. Diallo fled.";
        let s: Vec<&str> = split(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            s,
            vec![
                "Cpl. Musa and Pte. Okon were shot.",
                "Insp. Bello and Sgt-Maj. Diallo fled."
            ]
        );
    }

    #[test]
    fn a_dateline_opens_the_next_line() {
        let t = "Field reports\n3 May 2020, near Kiri village:\nGunmen killed two farmers.\n\
                 Shelling on Tuesday:\nNo one was hurt.";
        let s: Vec<&str> = split(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            s,
            vec![
                "Field reports",
                "3 May 2020, near Kiri village:\nGunmen killed two farmers.",
                "Shelling on Tuesday:",
                "No one was hurt."
            ]
        );
        assert!(is_dateline("March 3rd, Y town:"));
        assert!(!is_dateline("Marchers in the town said:"));
    }

    #[test]
    fn splits_with_abbreviations() {
        let t = "Gen. Diarra said the army won. Gunmen fled to Boni.\nHeadline without stop\nOn Nov. 7 they came.";
        let s: Vec<&str> = split(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(
            s,
            vec![
                "Gen. Diarra said the army won.",
                "Gunmen fled to Boni.",
                "Headline without stop",
                "On Nov. 7 they came."
            ]
        );
    }

    #[test]
    fn unicode_never_panics() {
        for t in ["é.É", "«Oui.» Non", "a.\u{201D} B", "...", "\u{2019}."] {
            for s in split(t) {
                assert!(t.is_char_boundary(s.start) && t.is_char_boundary(s.end));
            }
        }
    }
}
