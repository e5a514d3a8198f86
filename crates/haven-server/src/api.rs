//! The JSON API, described by `/api/openapi.json`. It authenticates with the
//! same session cookie as the pages; every write carries the session's CSRF
//! token in `X-CSRF-Token` (checked by the guard).

use crate::pages::{check_draft, verdict_labels, ClientAddr};
use crate::{set_cookie, AppError, AppState, Authed, SESSION_COOKIE};
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use haven_store::{consistency, now};
use serde::Deserialize;
use serde_json::{json, Value};

/// An API error: JSON `{"error": "..."}` with the status.
pub struct ApiError(AppError);

impl<E: Into<AppError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl From<JsonRejection> for AppError {
    fn from(r: JsonRejection) -> Self {
        AppError::Invalid(format!("the JSON body could not be read: {}", r.body_text()))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.0.respond(true)
    }
}

type ApiResult = Result<Response, ApiError>;

fn ok(v: Value) -> ApiResult {
    Ok(Json(v).into_response())
}

fn created(v: Value) -> ApiResult {
    Ok((StatusCode::CREATED, Json(v)).into_response())
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi))
        .route("/api/session", post(sign_in))
        .route("/api/me", get(me))
        .route("/api/check", post(check))
        .route("/api/checkins", get(checkins).post(add_checkin))
        .route("/api/promises", get(promises).post(add_promise))
        .route("/api/promises/{id}/resolve", post(resolve_promise))
        .route("/api/pauses", get(pauses).post(call_pause))
        .route("/api/pauses/{id}/resume", post(resume_pause))
        .route("/api/appreciations", get(appreciations).post(add_appreciation))
        .route("/api/space", get(space).post(add_space))
        .route("/api/space/{id}/acknowledge", post(acknowledge_space))
        .route("/api/chat", get(chat).post(send_chat))
        .route("/api/reports", get(reports))
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], include_str!("../openapi.json")).into_response()
}

#[derive(Deserialize)]
struct Credentials {
    email: String,
    password: String,
}

/// Signs in; the session cookie is set and the CSRF token returned for the
/// `X-CSRF-Token` header of later writes.
async fn sign_in(State(s): State<AppState>, ClientAddr(client): ClientAddr, body: Result<Json<Credentials>, JsonRejection>) -> ApiResult {
    let Json(c) = body?;
    let session = s.store.sign_in(&c.email, &c.password, &client, now()).await?;
    let mut resp =
        Json(json!({"csrf": session.csrf, "user": {"id": session.member.user.id, "name": session.member.user.name}})).into_response();
    resp.headers_mut().append(
        header::SET_COOKIE,
        set_cookie(&s.config, SESSION_COOKIE, &session.token, haven_store::SESSION_TTL_SECS, "Lax").parse().expect("cookie"),
    );
    Ok(resp)
}

async fn me(Authed(sess): Authed) -> ApiResult {
    let m = &sess.member;
    ok(json!({
        "user": {"id": m.user.id, "name": m.user.name, "email": m.user.email},
        "paired": m.partner.is_some(),
        "partner": m.partner.as_ref().map(|p| json!({"id": p.id, "name": p.name})),
    }))
}

#[derive(Deserialize)]
struct Draft {
    text: String,
}

/// The draft coach: findings with spans, why, what to try, the rewrite, and
/// resources on danger. Reads nothing stored and stores nothing.
async fn check(Authed(_): Authed, body: Result<Json<Draft>, JsonRejection>) -> ApiResult {
    let Json(d) = body?;
    if d.text.chars().count() > haven_store::MAX_LONG {
        return Err(AppError::Invalid(format!("a draft is limited to {} characters", haven_store::MAX_LONG)).into());
    }
    let (verdict, _) = check_draft(&d.text);
    ok(verdict)
}

async fn checkins(State(s): State<AppState>, Authed(sess): Authed) -> ApiResult {
    ok(json!(s.store.checkins(&sess.member).await?))
}

#[derive(Deserialize)]
struct NewCheckin {
    #[serde(default)]
    felt_safe: String,
    #[serde(default)]
    felt_unsafe: String,
    #[serde(default)]
    shared: bool,
}

async fn add_checkin(State(s): State<AppState>, Authed(sess): Authed, body: Result<Json<NewCheckin>, JsonRejection>) -> ApiResult {
    let Json(c) = body?;
    created(json!(s.store.add_checkin(&sess.member, &c.felt_safe, &c.felt_unsafe, c.shared, now()).await?))
}

async fn promises(State(s): State<AppState>, Authed(sess): Authed) -> ApiResult {
    let m = &sess.member;
    let all = s.store.promises(m).await?;
    let mut people = vec![consistency(&all, &m.user.id)];
    if let Some(p) = &m.partner {
        people.push(consistency(&all, &p.id));
    }
    ok(json!({"promises": all, "consistency": people}))
}

#[derive(Deserialize)]
struct NewPromise {
    what: String,
    due_at: Option<i64>,
}

async fn add_promise(State(s): State<AppState>, Authed(sess): Authed, body: Result<Json<NewPromise>, JsonRejection>) -> ApiResult {
    let Json(p) = body?;
    created(json!(s.store.add_promise(&sess.member, &p.what, p.due_at, now()).await?))
}

#[derive(Deserialize)]
struct Outcome {
    kept: bool,
}

async fn resolve_promise(
    State(s): State<AppState>,
    Authed(sess): Authed,
    Path(id): Path<String>,
    body: Result<Json<Outcome>, JsonRejection>,
) -> ApiResult {
    let Json(o) = body?;
    s.store.resolve_promise(&sess.member, &id, o.kept, now()).await?;
    ok(json!({"id": id, "status": if o.kept { "kept" } else { "broken" }}))
}

async fn pauses(State(s): State<AppState>, Authed(sess): Authed) -> ApiResult {
    let t = now();
    let all = s.store.pauses(&sess.member).await?;
    let v: Vec<Value> = all
        .iter()
        .map(|p| {
            let mut v = json!(p);
            v["running"] = json!(p.is_running(t));
            v["due"] = json!(p.is_due(t));
            v
        })
        .collect();
    ok(json!({"now": t, "pauses": v}))
}

#[derive(Deserialize)]
struct NewPause {
    topic: String,
    minutes: i64,
}

async fn call_pause(State(s): State<AppState>, Authed(sess): Authed, body: Result<Json<NewPause>, JsonRejection>) -> ApiResult {
    let Json(p) = body?;
    created(json!(s.store.call_pause(&sess.member, &p.topic, p.minutes, now()).await?))
}

async fn resume_pause(State(s): State<AppState>, Authed(sess): Authed, Path(id): Path<String>) -> ApiResult {
    s.store.resume_pause(&sess.member, &id, now()).await?;
    ok(json!({"id": id, "resumed": true}))
}

async fn appreciations(State(s): State<AppState>, Authed(sess): Authed) -> ApiResult {
    ok(json!(s.store.appreciations(&sess.member).await?))
}

#[derive(Deserialize)]
struct NewText {
    body: String,
    hours: Option<i64>,
    #[serde(default)]
    send_anyway: bool,
}

async fn add_appreciation(State(s): State<AppState>, Authed(sess): Authed, body: Result<Json<NewText>, JsonRejection>) -> ApiResult {
    let Json(a) = body?;
    created(json!(s.store.add_appreciation(&sess.member, &a.body, now()).await?))
}

async fn space(State(s): State<AppState>, Authed(sess): Authed) -> ApiResult {
    ok(json!(s.store.space_requests(&sess.member).await?))
}

async fn add_space(State(s): State<AppState>, Authed(sess): Authed, body: Result<Json<NewText>, JsonRejection>) -> ApiResult {
    let Json(r) = body?;
    let t = now();
    let until = r.hours.filter(|h| (1..=24 * 14).contains(h)).map(|h| t + h * 3600);
    created(json!(s.store.add_space_request(&sess.member, &r.body, until, t).await?))
}

async fn acknowledge_space(State(s): State<AppState>, Authed(sess): Authed, Path(id): Path<String>) -> ApiResult {
    s.store.acknowledge_space(&sess.member, &id, now()).await?;
    ok(json!({"id": id, "acknowledged": true}))
}

async fn chat(State(s): State<AppState>, Authed(sess): Authed) -> ApiResult {
    ok(json!(s.store.chat(&sess.member, 200).await?))
}

/// Sends a chat message. A draft the coach flags is refused with 422 and the
/// coach's verdict unless `send_anyway` is true.
async fn send_chat(State(s): State<AppState>, Authed(sess): Authed, body: Result<Json<NewText>, JsonRejection>) -> ApiResult {
    let Json(m) = body?;
    let (verdict, flagged) = check_draft(&m.body);
    if flagged && !m.send_anyway {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Json(json!({"error": "the draft coach flagged this message; resend with send_anyway to send it as it is", "coach": verdict})),
        )
            .into_response());
    }
    let labels = verdict_labels(&verdict);
    created(json!(s.store.add_chat_message(&sess.member, &m.body, &labels, flagged, now()).await?))
}

async fn reports(State(s): State<AppState>, Authed(sess): Authed) -> ApiResult {
    ok(json!(s.store.reports(&sess.member).await?))
}
