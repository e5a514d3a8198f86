//! The page frame, shared widgets, the stylesheet and the script. Every
//! piece of user text goes through maud, which escapes it.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use haven_store::{Member, Pause, Session};
use maud::{html, Markup, PreEscaped, DOCTYPE};

pub async fn css() -> Response {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/app.css"),
    )
        .into_response()
}

pub async fn js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        include_str!("../static/app.js"),
    )
        .into_response()
}

/// The frame of every page: header, navigation for a signed-in person, a
/// reminder for every pause whose time has come, then the content.
pub fn page(title: &str, session: Option<&Session>, open_pauses: &[Pause], content: Markup) -> Markup {
    let now = haven_store::now();
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · haven" }
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                a.skip href="#main" { "Skip to content" }
                header.top {
                    a.brand href="/" { "haven" }
                    @if let Some(s) = session {
                        nav aria-label="Practices" {
                            a href="/checkins" { "Check-ins" }
                            a href="/promises" { "Promises" }
                            a href="/pauses" { "Pauses" }
                            a href="/appreciations" { "Appreciations" }
                            a href="/space" { "Space" }
                            a href="/chat" { "Chat" }
                            a href="/reports" { "Reports" }
                            a href="/resources" { "Resources" }
                            a href="/account" { (s.member.user.name) }
                        }
                    }
                }
                @if let Some(s) = session {
                    meta name="csrf-token" content=(s.csrf);
                    div #reminders role="status" aria-live="polite" {
                        @for p in open_pauses.iter().filter(|p| p.is_due(now)) {
                            (pause_due(&s.member, p, &s.csrf))
                        }
                    }
                }
                main #main { (content) }
                footer { "Private to the two of you: everything stays on this machine. " a href="/resources" { "Help and resources" } }
            }
        }
    }
}

/// The reminder shown to both partners when a pause's time has come.
pub fn pause_due(m: &Member, p: &Pause, csrf: &str) -> Markup {
    html! {
        div.reminder data-pause=(p.id) {
            strong { "Time to come back to “" (p.topic) "”." }
            " The pause " (if p.called_by == m.user.id { "you" } else { m.name_of(&p.called_by) }) " asked for is over. "
            "Start gently: what did each of you think about during the break?"
            form method="post" action=(format!("/pauses/{}/resume", p.id)) .inline {
                (csrf_field(csrf))
                button type="submit" { "Reopen the topic" }
            }
        }
    }
}

pub fn csrf_field(csrf: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(csrf); }
}

/// A notice above a form: what went wrong, in words.
pub fn notice(error: Option<&str>) -> Markup {
    html! {
        @if let Some(e) = error {
            p.error role="alert" { (e) }
        }
    }
}

pub fn error_page(status: StatusCode, message: &str) -> Markup {
    page(
        status.canonical_reason().unwrap_or("Error"),
        None,
        &[],
        html! {
            h1 { (status.canonical_reason().unwrap_or("Something went wrong")) }
            p.error role="alert" { (message) }
            p { a href="/" { "Back to your space" } }
        },
    )
}

/// A time as `<time>`: UTC in the markup, local time once the script runs.
pub fn time(at: i64) -> Markup {
    let iso = iso8601(at);
    html! { time datetime=(iso) { (iso.replace('T', " ").trim_end_matches('Z')) " UTC" } }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for unix seconds (proleptic Gregorian, UTC).
pub fn iso8601(at: i64) -> String {
    let secs = at.rem_euclid(86_400);
    let date = haven_core::signals::civil_date(at.div_euclid(86_400));
    format!("{date}T{:02}:{:02}:{:02}Z", secs / 3600, secs % 3600 / 60, secs % 60)
}

/// Unix seconds for a `YYYY-MM-DD` date (midnight UTC).
pub fn parse_date(s: &str) -> Option<i64> {
    let mut it = s.trim().splitn(3, '-');
    let y: i64 = it.next()?.parse().ok()?;
    let m: i64 = it.next()?.parse().ok()?;
    let d: i64 = it.next()?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1970..=9999).contains(&y) {
        return None;
    }
    // days_from_civil
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

/// The draft coach's verdict on a message, server-rendered (the script
/// renders the same markup live while typing).
pub fn coach(text: &str, verdict: &serde_json::Value) -> Markup {
    let findings = verdict["findings"].as_array().cloned().unwrap_or_default();
    let flagged: Vec<&serde_json::Value> = findings.iter().filter(|f| f["kind"] != "builder").collect();
    html! {
        @if !flagged.is_empty() {
            div.coach-findings {
                p.coach-text { (highlight(text, &flagged)) }
                ul {
                    @for f in &flagged {
                        li class=(format!("finding {}", f["kind"].as_str().unwrap_or(""))) {
                            strong { (f["title"].as_str().unwrap_or("")) }
                            " — “" (f["text"].as_str().unwrap_or("")) "”. "
                            (f["why"].as_str().unwrap_or(""))
                            " " em { "Try: " (f["instead"].as_str().unwrap_or("")) }
                        }
                    }
                }
                @if let Some(rw) = verdict["suggested_rewrite"].as_str() {
                    p.rewrite { "A gentler way to say it: " q { (rw) } }
                }
                @if verdict.get("resources").is_some() || flagged.iter().any(|f| f["behaviour"] == "threat") {
                    (resources_box())
                }
            }
        }
    }
}

/// The message with each flagged span in `<mark>`.
fn highlight(text: &str, findings: &[&serde_json::Value]) -> Markup {
    let mut spans: Vec<(usize, usize)> = findings
        .iter()
        .filter_map(|f| Some((f["start"].as_u64()? as usize, f["end"].as_u64()? as usize)))
        .filter(|&(s, e)| s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e))
        .collect();
    spans.sort();
    let mut out = String::new();
    let mut at = 0;
    for (s, e) in spans {
        if s < at {
            continue;
        }
        out.push_str(&haven_report::escape(&text[at..s]));
        out.push_str("<mark>");
        out.push_str(&haven_report::escape(&text[s..e]));
        out.push_str("</mark>");
        at = e;
    }
    out.push_str(&haven_report::escape(&text[at..]));
    PreEscaped(out)
}

/// Where to find help, shown wherever threats or danger appear.
pub fn resources_box() -> Markup {
    html! {
        aside.resources role="note" {
            strong { "If you or someone else is in danger, help is available now:" }
            ul {
                @for (name, detail) in haven_core::taxonomy::RESOURCES {
                    li { strong { (name) } ": " (detail) }
                }
            }
            a href="/resources" { "More resources, and when to see a couples' therapist" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(1_764_115_200), "2025-11-26T00:00:00Z");
        assert_eq!(parse_date("2025-11-26"), Some(1_764_115_200));
        assert_eq!(parse_date("2024-02-29").map(iso8601).as_deref(), Some("2024-02-29T00:00:00Z"));
        assert_eq!(parse_date("2025-13-01"), None);
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn highlight_escapes_and_marks() {
        let f = serde_json::json!({"start": 4, "end": 9});
        assert_eq!(highlight("<b> idiot", &[&f]).0, "&lt;b&gt; <mark>idiot</mark>");
    }
}
