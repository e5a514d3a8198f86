//! The self-contained HTML report: inline CSS, inline SVG charts, no
//! scripts, no fonts, no network. Every piece of user text is escaped.

use crate::{duration, ConversationReport, Row};
use haven_core::signals::{Outcome, TurnType, RULES, SPLIT_RATIO, STABLE_RATIO};
use haven_core::taxonomy::{Behaviour, Kind, RESOURCES};
use std::fmt::Write;

const COLORS: [&str; 4] = ["#2b6cb0", "#c05621", "#2f855a", "#6b46c1"];

/// Escape text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const CSS: &str = "*{box-sizing:border-box}body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;padding:12px;line-height:1.45;color:#1a202c;background:#f7fafc;font-size:16px}main{max-width:860px;margin:0 auto}h1{font-size:1.5rem;margin:.3em 0}h2{font-size:1.2rem;margin:1.4em 0 .5em;border-bottom:1px solid #cbd5e0}h3{font-size:1.05rem}section{background:#fff;border-radius:10px;padding:10px 14px;margin:12px 0;box-shadow:0 1px 3px rgba(0,0,0,.08)}.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px}.card{background:#edf2f7;border-radius:8px;padding:8px}.card b{display:block;font-size:1.4rem}.danger{background:#fff5f5;border:2px solid #c53030}.danger h2{color:#c53030}svg{width:100%;height:auto;display:block}table{border-collapse:collapse;width:100%;font-size:.92rem}.scroll{overflow-x:auto}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #e2e8f0;vertical-align:top}mark{background:#fed7d7;padding:0 2px;border-radius:3px}mark.builder{background:#c6f6d5}mark.danger{background:#c53030;color:#fff}details{border:1px solid #e2e8f0;border-radius:8px;padding:6px 10px;margin:6px 0}summary{cursor:pointer;font-weight:600}.msg{margin:6px 0}.who{font-weight:600}.tag{display:inline-block;font-size:.75rem;background:#edf2f7;border-radius:4px;padding:0 4px;margin-left:4px}.legend span{margin-right:12px}.swatch{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:4px;vertical-align:middle}small{color:#4a5568}";

/// Render the reports as one self-contained HTML page.
pub fn html(reports: &[ConversationReport]) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    out.push_str("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">");
    out.push_str("<title>haven report</title><style>");
    out.push_str(CSS);
    out.push_str("</style></head><body><main>\n<h1>haven: emotional safety report</h1>");
    out.push_str("<p><small>Made on your own machine; nothing in this file was sent anywhere. Labels are an automatic reading of the messages, not a judgment of either of you.</small></p>\n");
    let any_danger = reports.iter().any(|r| r.total(Behaviour::Danger) > 0);
    if any_danger {
        danger_box(&mut out, reports);
    }
    for r in reports {
        conversation(&mut out, r);
    }
    what_to_try(&mut out, reports);
    if !any_danger {
        resources(&mut out, "Resources");
    }
    out.push_str("<section id=\"how\"><h2>How this is computed</h2><dl>");
    for (name, rule) in RULES {
        let _ = write!(out, "<dt><b>{}</b></dt><dd>{}</dd>", escape(name), escape(rule));
    }
    out.push_str("</dl></section>\n</main></body></html>\n");
    out
}

fn danger_box(out: &mut String, reports: &[ConversationReport]) {
    let n: u32 = reports.iter().map(|r| r.total(Behaviour::Danger)).sum();
    let _ = write!(
        out,
        "<section class=\"danger\" id=\"danger\"><h2>Safety first: {n} message(s) show danger</h2><p>{}</p><p>This is not a communication-style problem, and positive messages do not balance it out. If you are in danger, reach out now:</p>",
        escape(Behaviour::Danger.info().why)
    );
    resources_list(out);
    out.push_str("</section>\n");
}

fn resources(out: &mut String, title: &str) {
    let _ = write!(out, "<section id=\"resources\"><h2>{}</h2>", escape(title));
    resources_list(out);
    out.push_str("</section>\n");
}

fn resources_list(out: &mut String) {
    out.push_str("<ul>");
    for (name, what) in RESOURCES {
        let _ = write!(out, "<li><b>{}</b>: {}</li>", escape(name), escape(what));
    }
    out.push_str("</ul>");
}

fn color(i: usize) -> &'static str {
    COLORS[i % COLORS.len()]
}

fn conversation(out: &mut String, r: &ConversationReport) {
    let s = &r.signals;
    let name = r.conversation.as_deref().map(|c| format!("Conversation {c}")).unwrap_or_else(|| "Your conversation".into());
    let _ = write!(out, "<section class=\"conversation\"><h2>{}</h2>", escape(&name));
    let people: Vec<String> = r
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| format!("<span><i class=\"swatch\" style=\"background:{}\"></i>{}</span>", color(i), escape(p)))
        .collect();
    let _ = write!(out, "<p class=\"legend\">{}</p>", people.join(""));
    let toward: Vec<String> = r
        .participants
        .iter()
        .map(|p| format!("{} {}", escape(p), s.turning_toward_rate(p).map(|x| format!("{:.0}%", x * 100.0)).unwrap_or("–".into())))
        .collect();
    let kept = s.promises.iter().filter(|p| p.outcome == Outcome::Kept).count();
    let _ = write!(
        out,
        "<div class=\"cards\"><div class=\"card\"><b>{}</b>messages</div><div class=\"card\"><b>{}</b>positive : negative</div><div class=\"card\"><b>{}</b>escalations ({} with a pause)</div><div class=\"card\"><b>{}/{}</b>promises kept</div><div class=\"card\"><b>{}</b>bids turned toward</div></div>",
        s.messages,
        s.ratio.ratio.map(|x| format!("{x:.1}:1")).unwrap_or_else(|| format!("{}:0", s.ratio.positive)),
        s.escalations.len(),
        s.escalations.iter().filter(|e| e.pause_called).count(),
        kept,
        s.promises.len(),
        toward.join(" · ")
    );
    out.push_str("<h3>Safety index over time</h3>");
    safety_chart(out, r);
    out.push_str("<h3>Positive to negative, against 5:1</h3>");
    ratio_chart(out, r);
    out.push_str("<h3>Behaviours per partner</h3>");
    breakdown(out, r);
    out.push_str("<h3>Escalations</h3>");
    escalations(out, r);
    out.push_str("<h3>Promises</h3>");
    if s.promises.is_empty() {
        out.push_str("<p>No promises found.</p>");
    } else {
        out.push_str("<div class=\"scroll\"><table id=\"promises\"><tr><th>promise</th><th>by</th><th>outcome</th><th>evidence</th></tr>");
        for p in &s.promises {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                msg_cell(r, &p.promise),
                escape(&p.speaker),
                p.outcome.as_str(),
                p.evidence.as_deref().map(|e| msg_cell(r, e)).unwrap_or_default()
            );
        }
        out.push_str("</table></div>");
    }
    out.push_str("<h3>Bids for connection</h3>");
    if s.bids.is_empty() {
        out.push_str("<p>No bids found.</p>");
    } else {
        out.push_str(
            "<div class=\"scroll\"><table id=\"bids\"><tr><th>bid</th><th>by</th><th>kind</th><th>answer</th><th>turned</th></tr>",
        );
        for b in &s.bids {
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                msg_cell(r, &b.bid),
                escape(&b.speaker),
                b.kind,
                b.response.as_deref().map(|e| msg_cell(r, e)).unwrap_or_else(|| "no answer".into()),
                b.turn.as_str()
            );
        }
        out.push_str("</table></div>");
    }
    out.push_str("<h3>Balance</h3><div class=\"scroll\"><table><tr><th>partner</th><th>turns</th><th>words</th><th>questions</th><th>interruptions</th><th>mean reply time</th></tr>");
    for b in &s.balance {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&b.speaker),
            b.turns,
            b.words,
            b.questions,
            b.interruptions,
            b.mean_response_s.map(duration).unwrap_or_else(|| "–".into())
        );
    }
    out.push_str("</table></div>");
    let pauses = &s.pauses;
    if !pauses.is_empty() {
        out.push_str("<h3>Pauses</h3><ul>");
        for p in pauses {
            let verdict = match p.honoured {
                Some(true) => "honoured",
                Some(false) => "not honoured",
                None => "the conversation ended inside the pause",
            };
            let _ = write!(out, "<li>{} asked for a pause ({}): {verdict}</li>", escape(&p.speaker), msg_cell(r, &p.message));
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>\n");
}

fn find<'a>(r: &'a ConversationReport, id: &str) -> Option<&'a Row> {
    r.messages.iter().find(|m| m.id == id)
}

fn msg_cell(r: &ConversationReport, id: &str) -> String {
    match find(r, id) {
        Some(m) => format!("“{}”", escape(&m.text)),
        None => escape(id),
    }
}

/// Most days charted one by one; longer conversations are charted by week.
const MAX_DAILY_POINTS: usize = 90;
/// Most points drawn with a marker (and a tooltip) each.
const MAX_MARKERS: usize = 120;

fn safety_chart(out: &mut String, r: &ConversationReport) {
    // (period, speaker, index): days, or weeks when there are many days.
    let daily: Vec<(Option<String>, &str, u8)> = r.signals.safety.iter().map(|p| (p.day.clone(), p.speaker.as_str(), p.index)).collect();
    let day_count = daily.iter().map(|d| &d.0).collect::<std::collections::HashSet<_>>().len();
    let weekly = day_count > MAX_DAILY_POINTS && !r.signals.safety_weekly.is_empty();
    let series: Vec<(Option<String>, &str, u8)> =
        if weekly { r.signals.safety_weekly.iter().map(|w| (Some(w.week.clone()), w.speaker.as_str(), w.index)).collect() } else { daily };
    let mut periods: Vec<Option<String>> = series.iter().map(|p| p.0.clone()).collect();
    periods.sort();
    periods.dedup();
    let slot: std::collections::HashMap<&Option<String>, usize> = periods.iter().enumerate().map(|(i, d)| (d, i)).collect();
    let unit = if weekly { "week" } else { "day" };
    let (w, h, pad) = (600.0, 220.0, 30.0);
    let x = |i: usize| if periods.len() <= 1 { w / 2.0 } else { pad + (w - 2.0 * pad) * i as f64 / (periods.len() - 1) as f64 };
    let y = |v: u8| h - pad - (h - 2.0 * pad) * f64::from(v) / 100.0;
    let _ = write!(
        out,
        "<svg id=\"safety-chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Safety index per {unit} for each partner\">"
    );
    for v in [0u8, 50, 100] {
        let _ = write!(out, "<line x1=\"{pad}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\" stroke=\"#e2e8f0\"/><text x=\"2\" y=\"{}\" font-size=\"11\" fill=\"#4a5568\">{v}</text>", w - pad, y(v) + 4.0, y = y(v));
    }
    for (si, p) in r.participants.iter().enumerate() {
        let pts: Vec<(f64, f64, u8, String)> = series
            .iter()
            .filter(|(_, sp, _)| sp == p)
            .map(|(d, _, v)| {
                let i = slot.get(d).copied().unwrap_or(0);
                let label = match d {
                    Some(d) if weekly => format!("week of {d}"),
                    Some(d) => d.clone(),
                    None => "all".into(),
                };
                (x(i), y(*v), *v, label)
            })
            .collect();
        let line: Vec<String> = pts.iter().map(|(x, y, _, _)| format!("{x:.1},{y:.1}")).collect();
        let width = if pts.len() > MAX_MARKERS { 1.5 } else { 2.5 };
        let _ = write!(out, "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"{width}\" points=\"{}\"/>", color(si), line.join(" "));
        if pts.len() <= MAX_MARKERS {
            for (x, y, v, d) in &pts {
                let _ = write!(
                    out,
                    "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"{}\"><title>{} {}: {v}</title></circle>",
                    color(si),
                    escape(p),
                    escape(d)
                );
            }
        }
    }
    if let (Some(first), Some(last)) = (periods.first(), periods.last()) {
        let f = first.clone().unwrap_or_else(|| "all messages".into());
        let _ = write!(out, "<text x=\"{pad}\" y=\"{}\" font-size=\"11\" fill=\"#4a5568\">{}</text>", h - 8.0, escape(&f));
        if periods.len() > 1 {
            let l = last.clone().unwrap_or_default();
            let _ = write!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"11\" fill=\"#4a5568\" text-anchor=\"end\">{}</text>",
                w - pad,
                h - 8.0,
                escape(&l)
            );
        }
    }
    out.push_str("</svg>");
    if weekly {
        let _ = write!(out, "<p><small>Per week (Monday to Sunday): {day_count} days are too many to read one by one.</small></p>");
    }
}

fn ratio_chart(out: &mut String, r: &ConversationReport) {
    let s = &r.signals;
    let max = 6.0;
    let (w, left) = (600.0, 130.0);
    let sx = |v: f64| left + (w - left - 10.0) * (v.min(max) / max);
    let rows = [("overall", s.ratio), ("in escalations", s.ratio_in_escalations)];
    let _ = write!(
        out,
        "<svg id=\"ratio-chart\" viewBox=\"0 0 {w} 110\" role=\"img\" aria-label=\"Positive to negative ratio against 5:1 and 0.8:1\">"
    );
    for (i, (name, ratio)) in rows.iter().enumerate() {
        let yy = 10.0 + i as f64 * 34.0;
        let v = ratio.ratio.unwrap_or(if ratio.positive > 0 { max } else { 0.0 });
        let fill = if v >= STABLE_RATIO {
            "#2f855a"
        } else if v >= SPLIT_RATIO {
            "#d69e2e"
        } else {
            "#c53030"
        };
        let label = ratio.ratio.map(|x| format!("{x:.1}:1")).unwrap_or_else(|| format!("{}:0", ratio.positive));
        let _ = write!(
            out,
            "<text x=\"0\" y=\"{}\" font-size=\"13\">{name}</text><rect x=\"{left}\" y=\"{yy}\" width=\"{:.1}\" height=\"22\" fill=\"{fill}\" rx=\"3\"/><text x=\"{:.1}\" y=\"{}\" font-size=\"12\">{label}</text>",
            yy + 16.0,
            sx(v) - left,
            sx(v) + 4.0,
            yy + 16.0
        );
    }
    for (v, name) in [(SPLIT_RATIO, "0.8:1"), (STABLE_RATIO, "5:1")] {
        let _ = write!(out, "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"4\" y2=\"80\" stroke=\"#1a202c\" stroke-dasharray=\"4 3\"/><text x=\"{x:.1}\" y=\"100\" font-size=\"11\" text-anchor=\"middle\">{name}</text>", x = sx(v));
    }
    out.push_str("</svg><p><small>Gottman's couples who stayed together showed about 5 positive interactions to 1 negative during conflict; 0.8:1 characterised those who split.</small></p>");
}

fn breakdown(out: &mut String, r: &ConversationReport) {
    let seen: Vec<Behaviour> = Behaviour::ALL.iter().copied().filter(|&b| r.total(b) > 0).collect();
    if seen.is_empty() {
        out.push_str("<p>No behaviours found.</p>");
        return;
    }
    let mut order = seen.clone();
    order.sort_by_key(|b| (b.kind(), *b));
    let max = seen.iter().flat_map(|&b| r.counts.iter().map(move |c| c[b.index()])).max().unwrap_or(1).max(1);
    let row_h = 16.0 * r.participants.len() as f64 + 8.0;
    let (w, left) = (600.0, 150.0);
    let h = row_h * order.len() as f64 + 4.0;
    let _ = write!(out, "<svg id=\"behaviour-chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Behaviour counts per partner\">");
    for (i, b) in order.iter().enumerate() {
        let y0 = 4.0 + i as f64 * row_h;
        let tone = match b.kind() {
            Kind::Danger => "#c53030",
            Kind::Sabotage => "#9b2c2c",
            Kind::Builder => "#276749",
        };
        let _ = write!(out, "<text x=\"0\" y=\"{}\" font-size=\"12\" fill=\"{tone}\">{}</text>", y0 + row_h / 2.0, b.id());
        for (pi, c) in r.counts.iter().enumerate() {
            let n = c[b.index()];
            let bw = (w - left - 40.0) * f64::from(n) / f64::from(max);
            let y = y0 + pi as f64 * 16.0;
            let _ = write!(
                out,
                "<rect x=\"{left}\" y=\"{y}\" width=\"{bw:.1}\" height=\"13\" fill=\"{}\"><title>{}: {n}</title></rect><text x=\"{:.1}\" y=\"{}\" font-size=\"11\">{n}</text>",
                color(pi),
                escape(&r.participants[pi]),
                left + bw + 4.0,
                y + 11.0
            );
        }
    }
    out.push_str("</svg>");
}

/// The message text with every finding's span in `<mark>`, escaped.
pub fn highlighted(m: &Row) -> String {
    let mut spans: Vec<(usize, usize, Kind)> = m
        .findings
        .iter()
        .filter(|f| f.start < f.end && m.text.is_char_boundary(f.start) && f.end <= m.text.len() && m.text.is_char_boundary(f.end))
        .map(|f| (f.start, f.end, f.behaviour.kind()))
        .collect();
    spans.sort();
    let mut merged: Vec<(usize, usize, Kind)> = Vec::new();
    for (s, e, k) in spans {
        match merged.last_mut() {
            Some(last) if s < last.1 => {
                last.1 = last.1.max(e);
                last.2 = last.2.min(k);
            }
            _ => merged.push((s, e, k)),
        }
    }
    let mut out = String::new();
    let mut at = 0;
    for (s, e, k) in merged {
        out.push_str(&escape(&m.text[at..s]));
        let class = match k {
            Kind::Danger => " class=\"danger\"",
            Kind::Sabotage => "",
            Kind::Builder => " class=\"builder\"",
        };
        let _ = write!(out, "<mark{class}>{}</mark>", escape(&m.text[s..e]));
        at = e;
    }
    out.push_str(&escape(&m.text[at..]));
    out
}

fn escalations(out: &mut String, r: &ConversationReport) {
    let eps = &r.signals.escalations;
    if eps.is_empty() {
        out.push_str("<p>No escalation: no run of 3 in 4 messages with sabotage from both of you.</p>");
        return;
    }
    for (i, e) in eps.iter().enumerate() {
        let (a, b) = e.range();
        let when = r.messages.get(a).and_then(|m| m.time.clone()).map(|t| format!(" · {t}")).unwrap_or_default();
        let _ = write!(
            out,
            "<details class=\"episode\"><summary>Episode {} · {} messages{} · started by {} · pause called: {}</summary>",
            i + 1,
            e.messages,
            escape(&when),
            escape(&e.escalated_by),
            if e.pause_called { "yes" } else { "no" }
        );
        let last = (b + 2).min(r.messages.len().saturating_sub(1));
        for m in r.messages.get(a..=last).unwrap_or(&[]) {
            let tags: String = m.labels.iter().map(|l| format!("<span class=\"tag\">{}</span>", l.id())).collect();
            let pause = if m.id == e.pause_point { " <span class=\"tag\">a pause here would have helped</span>" } else { "" };
            let _ = write!(out, "<p class=\"msg\"><span class=\"who\">{}:</span> {}{tags}{pause}</p>", escape(&m.speaker), highlighted(m));
        }
        let _ = write!(out, "<p><small>{} positive, {} negative labels inside this episode.</small></p></details>", e.positive, e.negative);
    }
}

fn what_to_try(out: &mut String, reports: &[ConversationReport]) {
    let mut totals = [0u32; 22];
    for r in reports {
        for b in Behaviour::ALL {
            totals[b.index()] += r.total(b);
        }
    }
    let mut top: Vec<Behaviour> = Behaviour::ALL.iter().copied().filter(|b| b.is_sabotage() && totals[b.index()] > 0).collect();
    top.sort_by(|a, b| totals[b.index()].cmp(&totals[a.index()]).then(a.cmp(b)));
    out.push_str("<section id=\"try\"><h2>What to try</h2>");
    if top.is_empty() {
        out.push_str("<p>No sabotage habits found. Keep turning toward each other's bids and closing the loop on promises.</p>");
    }
    for b in top.iter().take(3) {
        let info = b.info();
        let _ = write!(
            out,
            "<h3>{} <small>({}×)</small></h3><p>{}</p><p><b>Try:</b> {}</p>",
            escape(info.title),
            totals[b.index()],
            escape(info.why),
            escape(info.instead)
        );
    }
    let bids: Vec<TurnType> = reports.iter().flat_map(|r| r.signals.bids.iter().map(|b| b.turn)).collect();
    if bids.iter().any(|t| *t != TurnType::Toward) {
        out.push_str("<p><b>Bids:</b> when your partner shares news or a feeling, answer it before anything else, even briefly (“tell me more”).</p>");
    }
    if reports.iter().any(|r| r.signals.escalations.iter().any(|e| !e.pause_called)) {
        let info = Behaviour::Boundary.info();
        let _ = write!(out, "<p><b>Pauses:</b> {}</p>", escape(info.instead));
    }
    out.push_str("</section>\n");
}
