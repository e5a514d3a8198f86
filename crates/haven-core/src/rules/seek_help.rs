//! # seek-help
//!
//! ## What it flags
//! Proposing or arranging outside help for the relationship or for emotional
//! wellbeing: a couples therapist, a counsellor, a helpline, a doctor for
//! mental health, a trusted third person ("maybe we should see a couples
//! counselor", "I booked us a session with Dr Lee"). Refusing help is never
//! flagged; dismissing it is `dismissal`.
//!
//! ## Why it matters
//! Asking for help is a sign of commitment, not failure; couples wait on
//! average six years after problems start before they seek it.
//!
//! ## Example
//! > would you be open to seeing a couples therapist together?
//!
//! ## Say instead
//! Keep doing it.
//!
//! ## Crosswalk
//! The source's "seek therapy".

use super::prelude::*;

pub const RULE: Rule = Rule {
    behaviour: Behaviour::SeekHelp,
    patterns: &[
        p(
            r"(?P<m>(?:couples?|marriage|relationship|family|individual|couple's|couples') (?:therapy|therapist|counseling|counselling|counselor|counsellor|coach|coaching|retreat|workshop|session|sessions)|(?:therapy|therapist|counseling|counselling|counselor|counsellor|psychologist|psychiatrist|mediator|mediation)\b)",
            0.75,
            NOT_REPORTED | NOT_NEGATED,
        ),
        p(
            r"(?P<m>(?:see|talk to|speak to|call|book|find|get|try|go to|visit|reach out to|ring|contact) (?:a |an |some |the |your |our |my )?(?:professional|therapist|counselor|counsellor|psychologist|psychiatrist|doctor|gp|mediator|pastor|priest|rabbi|imam|helpline|hotline|crisis line|support group|someone (?:about|who|professional))|(?:get|getting|find|finding|need|seek|seeking) (?:some |professional |outside |real )?help (?:for|with|together|from)?|(?:talk|speak) to someone (?:about|who|professional)|(?:book|booked|made|make|schedule|scheduled) (?:us )?(?:an |a |our )?(?:appointment|session|consultation|intake))",
            0.7,
            NOT_REPORTED | NOT_NEGATED,
        ),
    ],
    check: Some(check),
    context: None,
    rewrite: None,
};

/// Refusing or mocking help is not seeking it; a haircut appointment is not
/// therapy.
fn check(ctx: &Ctx, span: std::ops::Range<usize>, conf: f32) -> Option<f32> {
    let t = &ctx.msg.text;
    let m = &t[span];
    if [
        "waste",
        "bullshit",
        "scam",
        "do not need",
        "never going",
        "not going",
        "for crazy",
        "stupid",
        "useless",
        "pointless",
        "nonsense",
        "refuse",
    ]
    .iter()
    .any(|w| t.contains(w))
    {
        return None;
    }
    if (m.contains("appointment")
        || m.contains("doctor")
        || m.contains("gp")
        || m.starts_with("get")
        || m.starts_with("find")
        || m.starts_with("need"))
        && ![
            "therap", "counsel", "mental", "anxiety", "depress", "feel", "us", "together", "talk", "someone", "help", "panic", "grief",
            "stress",
        ]
        .iter()
        .any(|w| t.contains(w) && !m.contains(w))
    {
        return None;
    }
    Some(conf)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::ids;

    #[test]
    fn flags_proposing_help() {
        for t in [
            "maybe we should see a couples counselor",
            "would you be open to couples therapy?",
            "I booked us a session with a therapist",
            "please talk to someone about the panic attacks",
        ] {
            assert!(ids(t).contains(&"seek-help"), "{t}");
        }
    }

    #[test]
    fn refusing_help_is_not_seek_help() {
        for t in ["therapy is a waste of money", "I don't need a therapist", "dentist appointment at 3"] {
            assert!(!ids(t).contains(&"seek-help"), "{t}");
        }
    }
}
