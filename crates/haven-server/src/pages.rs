//! The server-rendered pages: accounts and pairing, then one page per
//! practice. A write that fails on what the person typed re-renders its page
//! with the reason above the form; every write then redirects (303) so a
//! reload never repeats it.

use crate::views::{self, coach, csrf_field, notice, page, resources_box, time};
use crate::{cookie, set_cookie, AppError, AppState, Authed, PRE_COOKIE, SESSION_COOKIE};
use axum::extract::{FromRequestParts, Multipart, Path, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use haven_core::Analyzer;
use haven_store::{consistency, now, random_token, Member, Session, StoreError, MIN_PAUSE_MINUTES};
use maud::{html, Markup, PreEscaped};
use serde::Deserialize;
use std::net::SocketAddr;

pub type PageResult = Result<Response, AppError>;

/// The client's address, for the sign-in rate limit.
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = parts.extensions.get::<axum::extract::ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
        Ok(ClientAddr(ip.unwrap_or_else(|| "local".into())))
    }
}

/// The page frame with this couple's pause reminders.
async fn frame(s: &AppState, sess: &Session, title: &str, content: Markup) -> Result<Markup, AppError> {
    let pauses = if sess.member.couple.is_some() { s.store.open_pauses(&sess.member).await? } else { Vec::new() };
    Ok(page(title, Some(sess), &pauses, content))
}

/// A page answer with a status (422 when re-rendered with an error).
fn respond(status: StatusCode, markup: Markup) -> PageResult {
    Ok((status, markup).into_response())
}

/// A store error from a form: the reason above the re-rendered form when it
/// is about what was typed, an error page otherwise.
async fn form_error<F: AsyncFnOnce(Option<String>) -> PageResult>(e: StoreError, render: F) -> PageResult {
    let e = AppError::from(e);
    match &e {
        AppError::Invalid(_) | AppError::Conflict(_) | AppError::NotFound => {
            let status = e.status();
            let mut resp = render(Some(e.message())).await?;
            *resp.status_mut() = status;
            Ok(resp)
        }
        _ => Err(e),
    }
}

fn see(path: &str) -> PageResult {
    Ok(Redirect::to(path).into_response())
}

/// Practice pages need a partner; until then they lead to pairing.
fn needs_partner(m: &Member) -> Option<Response> {
    m.partner.is_none().then(|| Redirect::to("/").into_response())
}

// ---- accounts -------------------------------------------------------------

#[derive(Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    password: String,
}

/// The pre-session CSRF token: the cookie's when present, else a new one
/// that the response sets.
fn pre_token(headers: &HeaderMap) -> (String, bool) {
    match cookie(headers, PRE_COOKIE) {
        Some(t) if t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()) => (t.to_string(), false),
        _ => (random_token(32), true),
    }
}

fn auth_page(s: &AppState, headers: &HeaderMap, status: StatusCode, signup: bool, error: Option<&str>, email: &str) -> PageResult {
    let (token, fresh) = pre_token(headers);
    let body = html! {
        section.auth {
            h1 { @if signup { "Create your private space" } @else { "Welcome back" } }
            p.lede { "haven is a quiet place for the two of you to practise emotional safety: check-ins, promises, pauses when a talk gets heated, appreciations, and a coach that helps you say hard things gently. It runs on this machine only." }
            (notice(error))
            form method="post" action=(if signup { "/signup" } else { "/signin" }) {
                input type="hidden" name="csrf" value=(token);
                @if signup {
                    label for="name" { "Your first name" }
                    input #name name="name" autocomplete="given-name" required maxlength="60";
                }
                label for="email" { "E-mail" }
                input #email name="email" type="email" autocomplete="email" required value=(email);
                label for="password" { "Password" @if signup { " (at least 10 characters)" } }
                input #password name="password" type="password" required minlength=(if signup { "10" } else { "1" })
                    autocomplete=(if signup { "new-password" } else { "current-password" });
                button type="submit" { @if signup { "Create account" } @else { "Sign in" } }
            }
            p { @if signup { "Already have an account? " a href="/signin" { "Sign in" } } @else { "New here? " a href="/signup" { "Create an account" } } }
        }
    };
    let mut resp = (status, page(if signup { "Sign up" } else { "Sign in" }, None, &[], body)).into_response();
    if fresh {
        let c = set_cookie(&s.config, PRE_COOKIE, &token, 3600 * 12, "Strict");
        resp.headers_mut().append(header::SET_COOKIE, c.parse().expect("cookie"));
    }
    Ok(resp)
}

pub async fn signup_form(State(s): State<AppState>, headers: HeaderMap) -> PageResult {
    auth_page(&s, &headers, StatusCode::OK, true, None, "")
}

pub async fn signin_form(State(s): State<AppState>, headers: HeaderMap) -> PageResult {
    auth_page(&s, &headers, StatusCode::OK, false, None, "")
}

fn signed_in(s: &AppState, session: &Session, to: &str) -> Response {
    let mut resp = Redirect::to(to).into_response();
    let h = resp.headers_mut();
    h.append(
        header::SET_COOKIE,
        set_cookie(&s.config, SESSION_COOKIE, &session.token, haven_store::SESSION_TTL_SECS, "Lax").parse().expect("cookie"),
    );
    h.append(header::SET_COOKIE, set_cookie(&s.config, PRE_COOKIE, "", 0, "Strict").parse().expect("cookie"));
    resp
}

pub async fn signup(State(s): State<AppState>, headers: HeaderMap, Form(f): Form<SignupForm>) -> PageResult {
    let t = now();
    match s.store.sign_up(&f.email, &f.name, &f.password, t).await {
        Ok(user) => {
            let session = s.store.create_session(&user.id, t).await?;
            Ok(signed_in(&s, &session, "/"))
        }
        Err(e) => {
            let e = AppError::from(e);
            match e {
                AppError::Invalid(_) | AppError::Conflict(_) => auth_page(&s, &headers, e.status(), true, Some(&e.message()), &f.email),
                e => Err(e),
            }
        }
    }
}

pub async fn signin(
    State(s): State<AppState>,
    headers: HeaderMap,
    ClientAddr(client): ClientAddr,
    Form(f): Form<SignupForm>,
) -> PageResult {
    match s.store.sign_in(&f.email, &f.password, &client, now()).await {
        Ok(session) => Ok(signed_in(&s, &session, "/")),
        Err(e) => {
            let e = AppError::from(e);
            match &e {
                AppError::Invalid(_) | AppError::RateLimited(_) => {
                    let mut resp = auth_page(&s, &headers, e.status(), false, Some(&e.message()), &f.email)?;
                    if let AppError::RateLimited(secs) = e {
                        resp.headers_mut().insert(header::RETRY_AFTER, secs.to_string().parse().expect("digits"));
                    }
                    Ok(resp)
                }
                _ => Err(e),
            }
        }
    }
}

pub async fn signout(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    s.store.sign_out(&sess.token).await?;
    let mut resp = Redirect::to("/signin").into_response();
    resp.headers_mut().append(header::SET_COOKIE, set_cookie(&s.config, SESSION_COOKIE, "", 0, "Lax").parse().expect("cookie"));
    Ok(resp)
}

// ---- home and pairing -----------------------------------------------------

pub async fn home(State(s): State<AppState>, sess: Option<Authed>) -> PageResult {
    let Some(Authed(sess)) = sess else {
        return respond(StatusCode::OK, landing());
    };
    home_page(&s, &sess, None, None).await
}

fn landing() -> Markup {
    page(
        "Welcome",
        None,
        &[],
        html! {
            section.hero {
                h1 { "A safe place to be open with each other" }
                p.lede { "Emotional safety is what lets two people be honest and vulnerable. It grows with small practices: saying what felt safe or unsafe, keeping promises, pausing a heated talk and coming back to it, noticing the good. haven gives the two of you a private space for them, on your own machine." }
                p { a.button href="/signup" { "Create your space" } " " a href="/signin" { "Sign in" } }
            }
        },
    )
}

async fn home_page(s: &AppState, sess: &Session, code: Option<&str>, error: Option<&str>) -> PageResult {
    let m = &sess.member;
    let content = match &m.partner {
        None => html! {
            h1 { "Hello, " (m.user.name) }
            p.lede { "Your space is ready. Invite your partner to join it: everything here is shared between the two of you, except what you keep private." }
            (notice(error))
            section.card {
                h2 { "Invite your partner" }
                @if let Some(code) = code {
                    p { "Give your partner this one-time code (valid for 24 hours):" }
                    p.code #invite-code { (code) }
                } @else {
                    form method="post" action="/pair" { (csrf_field(&sess.csrf)) button type="submit" { "Make an invite code" } }
                }
            }
            section.card {
                h2 { "Join your partner's space" }
                form method="post" action="/pair/join" {
                    (csrf_field(&sess.csrf))
                    label for="code" { "The code your partner gave you" }
                    input #code name="code" autocomplete="off" required maxlength="20" placeholder="XXXXX-XXXXX";
                    button type="submit" { "Join" }
                }
            }
        },
        Some(partner) => {
            let now = now();
            let promises = s.store.promises(m).await?;
            let to_grade = promises.iter().filter(|p| p.made_to == m.user.id && p.status == "open").count();
            let mine_open = promises.iter().filter(|p| p.made_by == m.user.id && p.status == "open").count();
            let space = s.store.space_requests(m).await?;
            let space_waiting = space.iter().filter(|r| r.author_id != m.user.id && r.acknowledged_at.is_none()).count();
            let agenda = s.store.checkins(m).await?.into_iter().filter(|c| c.shared == 1 && c.discussed == 0).count();
            let pauses = s.store.open_pauses(m).await?;
            let appreciation = s.store.appreciations(m).await?.into_iter().next();
            html! {
                h1 { "You and " (partner.name) }
                div.grid {
                    @for p in pauses.iter().filter(|p| p.is_running(now)) {
                        a.card.paused href="/pauses" { strong { "Paused: " (p.topic) } br; "until " (time(p.resume_at)) }
                    }
                    a.card href="/checkins" { strong { (agenda) } " shared check-in" @if agenda != 1 { "s" } " to talk about calmly" }
                    a.card href="/promises" { strong { (to_grade) } " promise" @if to_grade != 1 { "s" } " made to you, " strong { (mine_open) } " of yours open" }
                    a.card href="/space" { strong { (space_waiting) } " space request" @if space_waiting != 1 { "s" } " from " (partner.name) " to acknowledge" }
                    a.card href="/appreciations" {
                        @if let Some(a) = &appreciation { "Latest appreciation: “" (a.body) "”" } @else { "Write the first appreciation" }
                    }
                    a.card href="/chat" { "Talk, with the draft coach beside you" }
                }
            }
        }
    };
    respond(if error.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK }, frame(s, sess, "Home", content).await?)
}

pub async fn create_invite(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    match s.store.create_invite(&sess.member, now()).await {
        Ok(code) => {
            let sess = Session { member: s.store.member(&sess.member.user.id).await?, ..sess };
            home_page(&s, &sess, Some(&code), None).await
        }
        Err(e) => form_error(e, async |err| home_page(&s, &sess, None, err.as_deref()).await).await,
    }
}

#[derive(Deserialize)]
pub struct JoinForm {
    #[serde(default)]
    code: String,
}

pub async fn join(State(s): State<AppState>, Authed(sess): Authed, Form(f): Form<JoinForm>) -> PageResult {
    match s.store.accept_invite(&sess.member, &f.code, now()).await {
        Ok(()) => see("/"),
        Err(StoreError::RateLimited(secs)) => Err(AppError::RateLimited(secs)),
        Err(e) => form_error(e, async |err| home_page(&s, &sess, None, err.as_deref()).await).await,
    }
}

// ---- account ----------------------------------------------------------------

async fn account_page(s: &AppState, sess: &Session, error: Option<&str>) -> PageResult {
    let m = &sess.member;
    let content = html! {
        h1 { "Your account" }
        (notice(error))
        p { (m.user.name) " · " (m.user.email) }
        @if let Some(p) = &m.partner { p { "In a couple with " (p.name) "." } }
        section.card {
            h2 { "Your data" }
            p { "Download everything stored about you and by you, as JSON." }
            a.button href="/account/export" download="haven-export.json" { "Export all my data" }
        }
        @if m.couple.is_some() {
            section.card {
                h2 { "Leave the couple" }
                p { "Your private check-ins are deleted and your reports stop being shared. What you already shared stays with your partner." }
                form method="post" action="/account/leave" { (csrf_field(&sess.csrf)) button.danger type="submit" { "Leave the couple" } }
            }
        }
        section.card {
            h2 { "Delete my account" }
            p { "This deletes your account and everything you wrote, for good." }
            form method="post" action="/account/delete" {
                (csrf_field(&sess.csrf))
                label for="password" { "Your password, to confirm" }
                input #password name="password" type="password" required autocomplete="current-password";
                button.danger type="submit" { "Delete my account and data" }
            }
        }
        form method="post" action="/signout" { (csrf_field(&sess.csrf)) button type="submit" { "Sign out" } }
    };
    respond(StatusCode::OK, frame(s, sess, "Account", content).await?)
}

pub async fn account(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    account_page(&s, &sess, None).await
}

pub async fn export(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    let v = s.store.export(&sess.member).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json"), (header::CONTENT_DISPOSITION, "attachment; filename=\"haven-export.json\"")],
        serde_json::to_string_pretty(&v).expect("json"),
    )
        .into_response())
}

pub async fn leave(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    match s.store.leave_couple(&sess.member).await {
        Ok(()) => see("/"),
        Err(e) => form_error(e, async |err| account_page(&s, &sess, err.as_deref()).await).await,
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    password: String,
}

pub async fn delete_account(State(s): State<AppState>, Authed(sess): Authed, Form(f): Form<PasswordForm>) -> PageResult {
    if !s.store.check_password(&sess.member.user.id, &f.password).await? {
        let mut resp = account_page(&s, &sess, Some("that password is not right; nothing was deleted")).await?;
        *resp.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(resp);
    }
    s.store.delete_account(&sess.member.user.id).await?;
    let mut resp = respond(
        StatusCode::OK,
        page("Deleted", None, &[], html! { h1 { "Your account is deleted" } p { "Everything you wrote is gone. Take care of yourself." } }),
    )?;
    resp.headers_mut().append(header::SET_COOKIE, set_cookie(&s.config, SESSION_COOKIE, "", 0, "Lax").parse().expect("cookie"));
    Ok(resp)
}

// ---- safety check-ins -----------------------------------------------------

async fn checkins_page(s: &AppState, sess: &Session, error: Option<&str>) -> PageResult {
    let m = &sess.member;
    let all = s.store.checkins(m).await?;
    let agenda: Vec<_> = all.iter().filter(|c| c.shared == 1 && c.discussed == 0).collect();
    let private: Vec<_> = all.iter().filter(|c| c.shared == 0).collect();
    let talked: Vec<_> = all.iter().filter(|c| c.discussed == 1).collect();
    let content = html! {
        h1 { "Safety check-ins" }
        p.lede { "Once a week, write what made you feel safe with each other and what felt unsafe. Keep it private until you are ready; shared check-ins become the agenda of a calm talk." }
        (notice(error))
        form.card method="post" action="/checkins" {
            (csrf_field(&sess.csrf))
            label for="felt_safe" { "This week I felt safe when…" }
            textarea #felt_safe name="felt_safe" rows="3" maxlength="4000" {}
            label for="felt_unsafe" { "This week I felt unsafe when…" }
            textarea #felt_unsafe name="felt_unsafe" rows="3" maxlength="4000" {}
            label.check { input type="checkbox" name="share" value="1"; " Share it with my partner now" }
            button type="submit" { "Save check-in" }
        }
        h2 { "Agenda for your next calm talk" }
        @if agenda.is_empty() { p.empty { "Nothing shared yet." } }
        ul.items #agenda {
            @for c in &agenda {
                li {
                    (checkin_body(m, c))
                    form method="post" action=(format!("/checkins/{}/discussed", c.id)) .inline {
                        (csrf_field(&sess.csrf)) button type="submit" { "We talked about it" }
                    }
                }
            }
        }
        h2 { "Private to you" }
        @if private.is_empty() { p.empty { "No private check-ins." } }
        ul.items {
            @for c in &private {
                li {
                    (checkin_body(m, c))
                    form method="post" action=(format!("/checkins/{}/share", c.id)) .inline {
                        (csrf_field(&sess.csrf)) button type="submit" { "Share with my partner" }
                    }
                }
            }
        }
        @if !talked.is_empty() {
            h2 { "Talked about" }
            ul.items { @for c in &talked { li { (checkin_body(m, c)) } } }
        }
    };
    respond(StatusCode::OK, frame(s, sess, "Check-ins", content).await?)
}

fn checkin_body(m: &Member, c: &haven_store::Checkin) -> Markup {
    html! {
        p.meta { (m.name_of(&c.author_id)) " · " (time(c.created_at)) }
        @if !c.felt_safe.is_empty() { p { strong { "Felt safe: " } (c.felt_safe) } }
        @if !c.felt_unsafe.is_empty() { p { strong { "Felt unsafe: " } (c.felt_unsafe) } }
    }
}

pub async fn checkins(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    if let Some(r) = needs_partner(&sess.member) {
        return Ok(r);
    }
    checkins_page(&s, &sess, None).await
}

#[derive(Deserialize)]
pub struct CheckinForm {
    #[serde(default)]
    felt_safe: String,
    #[serde(default)]
    felt_unsafe: String,
    share: Option<String>,
}

pub async fn add_checkin(State(s): State<AppState>, Authed(sess): Authed, Form(f): Form<CheckinForm>) -> PageResult {
    match s.store.add_checkin(&sess.member, &f.felt_safe, &f.felt_unsafe, f.share.is_some(), now()).await {
        Ok(_) => see("/checkins"),
        Err(e) => form_error(e, async |err| checkins_page(&s, &sess, err.as_deref()).await).await,
    }
}

pub async fn share_checkin(State(s): State<AppState>, Authed(sess): Authed, Path(id): Path<String>) -> PageResult {
    s.store.share_checkin(&sess.member, &id).await?;
    see("/checkins")
}

pub async fn checkin_discussed(State(s): State<AppState>, Authed(sess): Authed, Path(id): Path<String>) -> PageResult {
    s.store.mark_discussed(&sess.member, &id).await?;
    see("/checkins")
}

// ---- promises ---------------------------------------------------------------

async fn promises_page(s: &AppState, sess: &Session, error: Option<&str>) -> PageResult {
    let m = &sess.member;
    let all = s.store.promises(m).await?;
    let partner = m.partner.as_ref().map_or("your partner", |p| p.name.as_str());
    let to_grade: Vec<_> = all.iter().filter(|p| p.made_to == m.user.id && p.status == "open").collect();
    let mine: Vec<_> = all.iter().filter(|p| p.made_by == m.user.id && p.status == "open").collect();
    let done: Vec<_> = all.iter().filter(|p| p.status != "open").collect();
    let people: Vec<(&str, String)> =
        std::iter::once(("You", m.user.id.clone())).chain(m.partner.iter().map(|p| (p.name.as_str(), p.id.clone()))).collect();
    let content = html! {
        h1 { "Promises" }
        p.lede { "Trust grows when what we say matches what we do. Make small promises you can keep; the partner a promise was made to marks it kept or broken." }
        (notice(error))
        form.card method="post" action="/promises" {
            (csrf_field(&sess.csrf))
            label for="what" { "I promise " (partner) " to…" }
            input #what name="what" required maxlength="200";
            label for="due" { "By (optional)" }
            input #due name="due" type="date";
            button type="submit" { "Make the promise" }
        }
        section.card #consistency {
            h2 { "Keeping our word" }
            @for (name, id) in &people {
                @let c = consistency(&all, id);
                p {
                    strong { (name) } ": "
                    @match c.score {
                        Some(score) => { (c.kept) " of " (c.kept + c.broken) " kept (" (format!("{:.0}", score * 100.0)) "%)" }
                        None => { "no promise resolved yet" }
                    }
                    @if c.open > 0 { ", " (c.open) " open" }
                    @if c.weekly.len() > 1 {
                        " · by week: "
                        @for (_, share) in &c.weekly { span.week title="kept share that week" { (format!("{:.0}%", share * 100.0)) " " } }
                    }
                }
            }
        }
        h2 { "Made to you" }
        @if to_grade.is_empty() { p.empty { "No open promises to you." } }
        ul.items #to-grade {
            @for p in &to_grade {
                li {
                    (promise_body(m, p))
                    form method="post" action=(format!("/promises/{}/resolve", p.id)) .inline {
                        (csrf_field(&sess.csrf))
                        button type="submit" name="outcome" value="kept" { "Kept" }
                        button.secondary type="submit" name="outcome" value="broken" { "Not kept" }
                    }
                }
            }
        }
        h2 { "Yours, open" }
        @if mine.is_empty() { p.empty { "No open promises of yours." } }
        ul.items { @for p in &mine { li { (promise_body(m, p)) } } }
        @if !done.is_empty() {
            h2 { "Resolved" }
            ul.items #resolved { @for p in &done { li { (promise_body(m, p)) } } }
        }
    };
    respond(StatusCode::OK, frame(s, sess, "Promises", content).await?)
}

fn promise_body(m: &Member, p: &haven_store::Promise) -> Markup {
    html! {
        p { strong { (m.name_of(&p.made_by)) } " promised: " (p.what) }
        p.meta {
            "made " (time(p.created_at))
            @if let Some(d) = p.due_at { " · by " (time(d)) }
            @match p.status.as_str() { "kept" => { " · " span.kept { "kept" } } "broken" => { " · " span.broken { "not kept" } } _ => {} }
        }
    }
}

pub async fn promises(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    if let Some(r) = needs_partner(&sess.member) {
        return Ok(r);
    }
    promises_page(&s, &sess, None).await
}

#[derive(Deserialize)]
pub struct PromiseForm {
    #[serde(default)]
    what: String,
    #[serde(default)]
    due: String,
}

pub async fn add_promise(State(s): State<AppState>, Authed(sess): Authed, Form(f): Form<PromiseForm>) -> PageResult {
    let due = match f.due.trim() {
        "" => None,
        d => match views::parse_date(d) {
            Some(t) => Some(t + 86_399),
            None => {
                return form_error(StoreError::Invalid("the date should look like 2026-12-24".into()), async |e| {
                    promises_page(&s, &sess, e.as_deref()).await
                })
                .await
            }
        },
    };
    match s.store.add_promise(&sess.member, &f.what, due, now()).await {
        Ok(_) => see("/promises"),
        Err(e) => form_error(e, async |err| promises_page(&s, &sess, err.as_deref()).await).await,
    }
}

#[derive(Deserialize)]
pub struct OutcomeForm {
    #[serde(default)]
    outcome: String,
}

pub async fn resolve_promise(
    State(s): State<AppState>,
    Authed(sess): Authed,
    Path(id): Path<String>,
    Form(f): Form<OutcomeForm>,
) -> PageResult {
    let kept = match f.outcome.as_str() {
        "kept" => true,
        "broken" => false,
        _ => return Err(AppError::Invalid("choose kept or not kept".into())),
    };
    s.store.resolve_promise(&sess.member, &id, kept, now()).await?;
    see("/promises")
}

// ---- pause and resume -----------------------------------------------------

async fn pauses_page(s: &AppState, sess: &Session, error: Option<&str>) -> PageResult {
    let m = &sess.member;
    let t = now();
    let all = s.store.pauses(m).await?;
    let running: Vec<_> = all.iter().filter(|p| p.is_running(t)).collect();
    let past: Vec<_> = all.iter().filter(|p| p.resumed_at.is_some()).collect();
    let content = html! {
        h1 { "Pause and resume" }
        p.lede { "When a talk gets heated, heart rate climbs and listening stops. Either of you can call a pause on the topic — at least 20 minutes, the time the body needs to settle — and you both come back to it when the time is up." }
        (notice(error))
        form.card method="post" action="/pauses" {
            (csrf_field(&sess.csrf))
            label for="topic" { "What are we pausing?" }
            input #topic name="topic" required maxlength="200" placeholder="the holiday plans";
            label for="minutes" { "Come back to it in" }
            select #minutes name="minutes" {
                option value="20" { "20 minutes" }
                option value="30" { "30 minutes" }
                option value="60" selected { "1 hour" }
                option value="120" { "2 hours" }
                option value="1440" { "tomorrow (24 hours)" }
            }
            button type="submit" { "Call a pause" }
        }
        h2 { "Paused now" }
        @if running.is_empty() { p.empty { "Nothing is paused." } }
        ul.items #running {
            @for p in &running {
                li.paused {
                    p { strong { (p.topic) } }
                    p.meta { "called by " (m.name_of(&p.called_by)) " · reopens " (time(p.resume_at)) }
                    @if p.called_by == m.user.id {
                        form method="post" action=(format!("/pauses/{}/resume", p.id)) .inline {
                            (csrf_field(&sess.csrf)) button type="submit" { "I'm ready to come back now" }
                        }
                    } @else {
                        p { "Give them this time. Breathe, take a walk, and think about what you want them to understand — and what you want to understand about them." }
                    }
                }
            }
        }
        @if !past.is_empty() {
            h2 { "Came back to" }
            ul.items #resumed {
                @for p in &past {
                    li { (p.topic) span.meta { " · paused " (time(p.created_at)) " · reopened " (time(p.resumed_at.unwrap_or(p.resume_at))) } }
                }
            }
        }
    };
    respond(StatusCode::OK, frame(s, sess, "Pauses", content).await?)
}

pub async fn pauses(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    if let Some(r) = needs_partner(&sess.member) {
        return Ok(r);
    }
    pauses_page(&s, &sess, None).await
}

#[derive(Deserialize)]
pub struct PauseForm {
    #[serde(default)]
    topic: String,
    #[serde(default)]
    minutes: String,
}

pub async fn call_pause(State(s): State<AppState>, Authed(sess): Authed, Form(f): Form<PauseForm>) -> PageResult {
    let minutes = f.minutes.trim().parse::<i64>().unwrap_or(MIN_PAUSE_MINUTES - 1);
    match s.store.call_pause(&sess.member, &f.topic, minutes, now()).await {
        Ok(_) => see("/pauses"),
        Err(e) => form_error(e, async |err| pauses_page(&s, &sess, err.as_deref()).await).await,
    }
}

pub async fn resume_pause(State(s): State<AppState>, Authed(sess): Authed, Path(id): Path<String>) -> PageResult {
    match s.store.resume_pause(&sess.member, &id, now()).await {
        Ok(()) => see("/chat"),
        Err(e) => form_error(e, async |err| pauses_page(&s, &sess, err.as_deref()).await).await,
    }
}

// ---- appreciations ----------------------------------------------------------

async fn appreciations_page(s: &AppState, sess: &Session, error: Option<&str>) -> PageResult {
    let m = &sess.member;
    let all = s.store.appreciations(m).await?;
    let content = html! {
        h1 { "Appreciations" }
        p.lede { "Notice what your partner does well and say it. Stable couples share about five good moments for every hard one." }
        (notice(error))
        form.card method="post" action="/appreciations" {
            (csrf_field(&sess.csrf))
            label for="body" { "I appreciate…" }
            textarea #body name="body" rows="2" required maxlength="4000" {}
            button type="submit" { "Add to the wall" }
        }
        ul.wall #wall {
            @for a in &all { li { p { (a.body) } p.meta { (m.name_of(&a.author_id)) " · " (time(a.created_at)) } } }
        }
    };
    respond(StatusCode::OK, frame(s, sess, "Appreciations", content).await?)
}

pub async fn appreciations(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    if let Some(r) = needs_partner(&sess.member) {
        return Ok(r);
    }
    appreciations_page(&s, &sess, None).await
}

#[derive(Deserialize)]
pub struct BodyForm {
    #[serde(default)]
    body: String,
    #[serde(default)]
    hours: String,
    #[serde(default)]
    intent: String,
}

pub async fn add_appreciation(State(s): State<AppState>, Authed(sess): Authed, Form(f): Form<BodyForm>) -> PageResult {
    match s.store.add_appreciation(&sess.member, &f.body, now()).await {
        Ok(_) => see("/appreciations"),
        Err(e) => form_error(e, async |err| appreciations_page(&s, &sess, err.as_deref()).await).await,
    }
}

// ---- space requests ---------------------------------------------------------

async fn space_page(s: &AppState, sess: &Session, error: Option<&str>) -> PageResult {
    let m = &sess.member;
    let all = s.store.space_requests(m).await?;
    let content = html! {
        h1 { "Space" }
        p.lede { "Needing time alone is not rejection. Ask for it plainly; your partner acknowledges it without argument." }
        (notice(error))
        form.card method="post" action="/space" {
            (csrf_field(&sess.csrf))
            label for="body" { "What I need" }
            input #body name="body" required maxlength="200" placeholder="I need tonight to myself";
            label for="hours" { "For about" }
            select #hours name="hours" {
                option value="" { "no set time" }
                option value="2" { "2 hours" }
                option value="12" selected { "tonight" }
                option value="24" { "a day" }
                option value="72" { "a few days" }
            }
            button type="submit" { "Ask for space" }
        }
        ul.items #space {
            @for r in &all {
                li {
                    p { strong { (m.name_of(&r.author_id)) } ": " (r.body) }
                    p.meta {
                        (time(r.created_at))
                        @if let Some(u) = r.until_at { " · until " (time(u)) }
                        @if let Some(a) = r.acknowledged_at { " · acknowledged " (time(a)) }
                    }
                    @if r.author_id != m.user.id && r.acknowledged_at.is_none() {
                        form method="post" action=(format!("/space/{}/acknowledge", r.id)) .inline {
                            (csrf_field(&sess.csrf)) button type="submit" { "Of course — take the time you need" }
                        }
                    }
                }
            }
        }
    };
    respond(StatusCode::OK, frame(s, sess, "Space", content).await?)
}

pub async fn space(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    if let Some(r) = needs_partner(&sess.member) {
        return Ok(r);
    }
    space_page(&s, &sess, None).await
}

pub async fn add_space(State(s): State<AppState>, Authed(sess): Authed, Form(f): Form<BodyForm>) -> PageResult {
    let t = now();
    let until = f.hours.trim().parse::<i64>().ok().filter(|h| (1..=24 * 14).contains(h)).map(|h| t + h * 3600);
    match s.store.add_space_request(&sess.member, &f.body, until, t).await {
        Ok(_) => see("/space"),
        Err(e) => form_error(e, async |err| space_page(&s, &sess, err.as_deref()).await).await,
    }
}

pub async fn acknowledge_space(State(s): State<AppState>, Authed(sess): Authed, Path(id): Path<String>) -> PageResult {
    s.store.acknowledge_space(&sess.member, &id, now()).await?;
    see("/space")
}

// ---- chat with the draft coach ----------------------------------------------

/// The coach's verdict on a draft, as the API returns it.
pub fn check_draft(text: &str) -> (serde_json::Value, bool) {
    let r = Analyzer::new().analyze(text, None);
    let flagged = r.has_danger() || r.has_sabotage();
    (haven_report::draft::to_json(text, &r), flagged)
}

/// The behaviour ids of a verdict from [`check_draft`], as stored with a
/// chat message.
pub fn verdict_labels(verdict: &serde_json::Value) -> Vec<&str> {
    verdict["labels"].as_array().map(|a| a.iter().filter_map(|v| v.as_str()).collect()).unwrap_or_default()
}

async fn chat_page(s: &AppState, sess: &Session, draft: Option<(&str, &serde_json::Value)>, error: Option<&str>) -> PageResult {
    let m = &sess.member;
    let t = now();
    let messages = s.store.chat(m, 200).await?;
    let running: Vec<_> = s.store.open_pauses(m).await?.into_iter().filter(|p| p.is_running(t)).collect();
    let content = html! {
        h1 { "Chat" }
        @for p in &running {
            p.paused-banner role="status" { "Paused: " strong { (p.topic) } " — until " (time(p.resume_at)) ". Let this topic rest until then." }
        }
        ol.chat #messages aria-live="polite" {
            @for c in &messages {
                li class=(if c.author_id == m.user.id { "mine" } else { "theirs" }) {
                    p { (c.body) }
                    p.meta { (m.name_of(&c.author_id)) " · " (time(c.created_at)) }
                }
            }
        }
        (notice(error))
        form.card #compose method="post" action="/chat" {
            (csrf_field(&sess.csrf))
            label for="draft" { "Your message" }
            textarea #draft name="body" rows="3" required maxlength="4000" { @if let Some((text, _)) = draft { (text) } }
            div #coach aria-live="polite" {
                @if let Some((text, verdict)) = draft { (coach(text, verdict)) }
            }
            div.actions {
                button #send type="submit" name="intent" value="send" { "Send" }
                @if draft.is_some() {
                    button.secondary #send-anyway type="submit" name="intent" value="anyway" { "Send anyway" }
                }
            }
            p.hint { "The coach reads your draft as you type, on this machine, and suggests a gentler way to say hard things. You can always send anyway." }
        }
    };
    respond(if draft.is_some() { StatusCode::UNPROCESSABLE_ENTITY } else { StatusCode::OK }, frame(s, sess, "Chat", content).await?)
}

pub async fn chat(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    if let Some(r) = needs_partner(&sess.member) {
        return Ok(r);
    }
    chat_page(&s, &sess, None, None).await
}

pub async fn send_chat(State(s): State<AppState>, Authed(sess): Authed, Form(f): Form<BodyForm>) -> PageResult {
    let (verdict, flagged) = check_draft(&f.body);
    let anyway = f.intent == "anyway";
    if flagged && !anyway {
        // Not sent yet: the coach's findings, the rewrite, and "send anyway".
        return chat_page(&s, &sess, Some((&f.body, &verdict)), None).await;
    }
    let labels = verdict_labels(&verdict);
    match s.store.add_chat_message(&sess.member, &f.body, &labels, flagged && anyway, now()).await {
        Ok(_) => see("/chat"),
        Err(e) => form_error(e, async |err| chat_page(&s, &sess, None, err.as_deref()).await).await,
    }
}

// ---- reports ------------------------------------------------------------------

async fn reports_page(s: &AppState, sess: &Session, error: Option<&str>) -> PageResult {
    let m = &sess.member;
    let all = s.store.reports(m).await?;
    let content = html! {
        h1 { "Reports" }
        p.lede { "Upload a chat export (WhatsApp, Telegram, Messenger, iMessage, Signal, CSV or JSON Lines). haven reads it here, on this machine, and saves the analysis for you only — share it with your partner if you want to." }
        (notice(error))
        form.card method="post" action=(format!("/reports?csrf={}", sess.csrf)) enctype="multipart/form-data" {
            label for="title" { "Title" }
            input #title name="title" maxlength="200" placeholder="Our chat, spring";
            label for="file" { "Export file (up to 32 MiB)" }
            input #file name="file" type="file" required;
            button type="submit" { "Analyse" }
        }
        ul.items #reports {
            @for r in &all {
                li {
                    a href=(format!("/reports/{}", r.id)) { (r.title) }
                    span.meta { " · " (m.name_of(&r.owner_id)) " · " (time(r.created_at)) @if r.shared == 1 { " · shared" } @else { " · private" } }
                }
            }
        }
    };
    respond(StatusCode::OK, frame(s, sess, "Reports", content).await?)
}

pub async fn reports(State(s): State<AppState>, Authed(sess): Authed) -> PageResult {
    reports_page(&s, &sess, None).await
}

/// Imports and analyses an uploaded export into the terminal summary, the
/// JSON report and the HTML report.
pub fn analyse_export(name: &str, bytes: &[u8]) -> Result<(String, String, String), String> {
    let imported = haven_import::import_bytes(name, bytes, &haven_import::ImportOptions::default()).map_err(|e| e.to_string())?;
    if imported.conversation.messages.is_empty() {
        return Err("the file holds no messages".into());
    }
    let mut analyzer = haven_core::analyze::ConversationAnalyzer::new(Analyzer::new());
    let mut builder = haven_report::ReportBuilder::new(Some(name.to_string()), haven_report::Retention::All);
    for (i, msg) in imported.conversation.messages.into_iter().enumerate() {
        let a = analyzer.push(Some(&msg.speaker), &msg.text);
        let m = haven_report::MessageIn { id: (i + 1).to_string(), speaker: msg.speaker, time: msg.time, end: msg.end, text: msg.text };
        builder.push_analysis(m, &a);
    }
    let reports = [builder.finish()];
    Ok((haven_report::text(&reports), haven_report::json(&reports).to_string(), haven_report::html(&reports)))
}

pub async fn upload_report(State(s): State<AppState>, Authed(sess): Authed, mut form: Multipart) -> PageResult {
    let mut title = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = form.next_field().await.map_err(|e| AppError::Invalid(format!("the upload could not be read: {e}")))? {
        match field.name() {
            Some("title") => title = field.text().await.map_err(|e| AppError::Invalid(e.to_string()))?,
            Some("file") => {
                let name = field.file_name().unwrap_or("export.txt").to_string();
                let bytes = field.bytes().await.map_err(|e| AppError::Invalid(e.to_string()))?;
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return form_error(StoreError::Invalid("choose an export file to analyse".into()), async |e| {
            reports_page(&s, &sess, e.as_deref()).await
        })
        .await;
    };
    let title = if title.trim().is_empty() { name.clone() } else { title };
    let analysed =
        tokio::task::spawn_blocking(move || analyse_export(&name, &bytes)).await.map_err(|e| AppError::Internal(e.to_string()))?;
    match analysed {
        Ok((summary, json, html)) => {
            let r = s.store.add_report(&sess.member, &title, &summary, &json, &html, now()).await?;
            see(&format!("/reports/{}", r.id))
        }
        Err(e) => {
            form_error(StoreError::Invalid(format!("haven could not read this export: {e}")), async |e| {
                reports_page(&s, &sess, e.as_deref()).await
            })
            .await
        }
    }
}

pub async fn report(State(s): State<AppState>, Authed(sess): Authed, Path(id): Path<String>) -> PageResult {
    let m = &sess.member;
    let (r, analysis, _) = s.store.report(m, &id).await?;
    let danger = analysis.contains("\"danger\"");
    let mine = r.owner_id == m.user.id;
    let content = html! {
        h1 { (r.title) }
        p.meta { "uploaded by " (m.name_of(&r.owner_id)) " · " (time(r.created_at)) @if r.shared == 1 { " · shared with your partner" } @else { " · private to its uploader" } }
        @if danger { (resources_box()) }
        pre.summary { (r.summary) }
        p { a.button href=(format!("/reports/{}/view", r.id)) { "Open the full report" } }
        @if mine {
            @if m.partner.is_some() {
                form method="post" action=(format!("/reports/{}/share", r.id)) .inline {
                    (csrf_field(&sess.csrf))
                    input type="hidden" name="shared" value=(if r.shared == 1 { "0" } else { "1" });
                    button type="submit" { @if r.shared == 1 { "Stop sharing" } @else { "Share with my partner" } }
                }
            }
            form method="post" action=(format!("/reports/{}/delete", r.id)) .inline {
                (csrf_field(&sess.csrf)) button.danger type="submit" { "Delete this report" }
            }
        }
    };
    respond(StatusCode::OK, frame(&s, &sess, &r.title, content).await?)
}

/// The full HTML report, as `haven analyze --format html` writes it: inline
/// styles and SVG, no script, so its policy allows inline style only.
pub async fn report_html(State(s): State<AppState>, Authed(sess): Authed, Path(id): Path<String>) -> PageResult {
    let (_, _, html) = s.store.report(&sess.member, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; form-action 'none'; sandbox",
            ),
        ],
        html,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct ShareForm {
    #[serde(default)]
    shared: String,
}

pub async fn share_report(State(s): State<AppState>, Authed(sess): Authed, Path(id): Path<String>, Form(f): Form<ShareForm>) -> PageResult {
    s.store.share_report(&sess.member, &id, f.shared == "1").await?;
    see(&format!("/reports/{id}"))
}

pub async fn delete_report(State(s): State<AppState>, Authed(sess): Authed, Path(id): Path<String>) -> PageResult {
    s.store.delete_report(&sess.member, &id).await?;
    see("/reports")
}

// ---- resources ----------------------------------------------------------------

pub async fn resources(State(s): State<AppState>, sess: Option<Authed>) -> PageResult {
    let content = html! {
        h1 { "Help and resources" }
        (resources_box())
        section.card {
            h2 { "When to see a couples' therapist" }
            ul {
                li { "The same argument keeps coming back and neither of you feels heard." }
                li { "One of you walks on eggshells, or feels afraid to bring things up." }
                li { "Contempt, name-calling, threats or ultimatums have become part of how you talk." }
                li { "Trust was broken (an affair, a broken promise that mattered) and you want to rebuild it." }
                li { "A big change — a child, a move, an illness, a loss — is straining you both." }
            }
            p { "Look for a licensed couples' therapist; approaches with good evidence include Emotionally Focused Therapy and the Gottman Method. Many work online. Going is a sign of care for the relationship, not of failure." }
        }
        section.card {
            h2 { "If you are not safe" }
            p { "If your partner threatens you, controls where you go, who you see or what you spend, or you are afraid of them, that is not a communication problem a coach can fix. Talk to a domestic-violence hotline; they help you make a safety plan, confidentially. If you are in immediate danger, call your local emergency number." }
            p { "If you are thinking about ending your life, call or text a crisis line now; you do not have to be in immediate danger to call." }
        }
        p.meta { "This page works without an account, and haven never sends anything off this machine." }
        @if sess.is_none() { p { a href="/" { "Back" } } }
        (PreEscaped(""))
    };
    match sess {
        Some(Authed(sess)) => respond(StatusCode::OK, frame(&s, &sess, "Resources", content).await?),
        None => respond(StatusCode::OK, page("Resources", None, &[], content)),
    }
}
