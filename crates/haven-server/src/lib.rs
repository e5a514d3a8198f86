//! haven-server: the couple space, a local web app where two partners
//! practise emotional safety together.
//!
//! Server-rendered pages (maud, no external assets) and a JSON API described
//! at `/api/openapi.json`, on axum. An instance keeps no state of its own:
//! sessions, rate-limit counters, pauses and reminders live in the store, so
//! several instances can serve one PostgreSQL behind a load balancer.
//!
//! Every request passes through [`guard`], which bounds the body, checks the
//! origin and the CSRF token of every write, and adds the security headers;
//! handlers cannot forget any of it.

mod api;
mod guard;
mod pages;
mod views;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use haven_store::{Session, Store, StoreError};
use std::net::SocketAddr;
use std::sync::Arc;

pub use guard::{FORM_LIMIT, UPLOAD_LIMIT};

/// Name of the session cookie (an opaque 256-bit token).
pub const SESSION_COOKIE: &str = "haven_session";
/// Name of the pre-session cookie that carries the CSRF token of the sign-in
/// and sign-up forms (double-submit).
pub const PRE_COOKIE: &str = "haven_pre";

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// Mark cookies `Secure`. Browsers accept Secure cookies from
    /// `http://localhost` and `127.0.0.1`; turn off only to serve plain HTTP
    /// to other machines on a trusted network.
    pub secure_cookies: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config { secure_cookies: true }
    }
}

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
}

/// The whole application.
pub fn app(store: Store, config: Config) -> Router {
    let state = AppState { store, config: Arc::new(config) };
    Router::new()
        .route("/", get(pages::home))
        .route("/signup", get(pages::signup_form).post(pages::signup))
        .route("/signin", get(pages::signin_form).post(pages::signin))
        .route("/signout", post(pages::signout))
        .route("/pair", post(pages::create_invite))
        .route("/pair/join", post(pages::join))
        .route("/account", get(pages::account))
        .route("/account/export", get(pages::export))
        .route("/account/leave", post(pages::leave))
        .route("/account/delete", post(pages::delete_account))
        .route("/checkins", get(pages::checkins).post(pages::add_checkin))
        .route("/checkins/{id}/share", post(pages::share_checkin))
        .route("/checkins/{id}/discussed", post(pages::checkin_discussed))
        .route("/promises", get(pages::promises).post(pages::add_promise))
        .route("/promises/{id}/resolve", post(pages::resolve_promise))
        .route("/pauses", get(pages::pauses).post(pages::call_pause))
        .route("/pauses/{id}/resume", post(pages::resume_pause))
        .route("/appreciations", get(pages::appreciations).post(pages::add_appreciation))
        .route("/space", get(pages::space).post(pages::add_space))
        .route("/space/{id}/acknowledge", post(pages::acknowledge_space))
        .route("/chat", get(pages::chat).post(pages::send_chat))
        .route("/reports", get(pages::reports).post(pages::upload_report))
        .route("/reports/{id}", get(pages::report))
        .route("/reports/{id}/view", get(pages::report_html))
        .route("/reports/{id}/share", post(pages::share_report))
        .route("/reports/{id}/delete", post(pages::delete_report))
        .route("/resources", get(pages::resources))
        .route("/static/app.css", get(views::css))
        .route("/static/app.js", get(views::js))
        .route("/healthz", get(healthz))
        .merge(api::routes())
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), guard::guard))
        .layer(axum::extract::DefaultBodyLimit::disable())
        .with_state(state)
}

/// Serves until ctrl-c (or SIGTERM), finishing requests in flight.
pub async fn serve(listener: tokio::net::TcpListener, store: Store, config: Config) -> std::io::Result<()> {
    // Every rule regex compiled before the first draft check, so that no
    // request pays for one (the CLI compiles them lazily instead).
    tokio::task::spawn_blocking(haven_core::rules::compile_all);
    let app = app(store, config).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

async fn healthz(axum::extract::State(s): axum::extract::State<AppState>) -> Response {
    match s.store.ping().await {
        Ok(()) => (StatusCode::OK, axum::Json(serde_json::json!({"status": "ok"}))).into_response(),
        Err(e) => {
            tracing::error!("health check: {e}");
            (StatusCode::SERVICE_UNAVAILABLE, axum::Json(serde_json::json!({"status": "database unavailable"}))).into_response()
        }
    }
}

async fn not_found(headers: HeaderMap) -> Response {
    AppError::NotFound.respond(wants_json(&headers))
}

/// An error a handler returns; pages render it as HTML, the API as JSON.
#[derive(Debug)]
pub enum AppError {
    SignInRequired,
    NotFound,
    Invalid(String),
    Conflict(String),
    RateLimited(i64),
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(m) => AppError::Conflict(m.into()),
            StoreError::Invalid(m) => AppError::Invalid(m),
            StoreError::RateLimited(s) => AppError::RateLimited(s),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn message(&self) -> String {
        match self {
            AppError::SignInRequired => "sign in first".into(),
            AppError::NotFound => "nothing here (or not yours to see)".into(),
            AppError::Invalid(m) | AppError::Conflict(m) => m.clone(),
            AppError::RateLimited(s) => format!("too many failed attempts; try again in {} minutes", (s + 59) / 60),
            AppError::Internal(_) => "something went wrong on our side; nothing you saved was lost".into(),
        }
    }

    fn respond(self, json: bool) -> Response {
        if let AppError::Internal(detail) = &self {
            tracing::error!("internal error: {detail}");
        }
        let mut resp = if json {
            (self.status(), axum::Json(serde_json::json!({"error": self.message()}))).into_response()
        } else if matches!(self, AppError::SignInRequired) {
            Redirect::to("/signin").into_response()
        } else {
            (self.status(), views::error_page(self.status(), &self.message())).into_response()
        };
        if let AppError::RateLimited(s) = self {
            resp.headers_mut().insert(header::RETRY_AFTER, s.to_string().parse().expect("digits"));
        }
        resp
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.respond(false)
    }
}

/// True when the client asked for JSON (the API) rather than a page.
fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("application/json") && !a.contains("text/html"))
}

/// A signed-in person: the extractor fails with [`AppError::SignInRequired`]
/// when the session cookie is missing, unknown or expired. The session is
/// looked up once per request by [`guard`] and handed over in extensions.
pub struct Authed(pub Session);

impl<S: Send + Sync> FromRequestParts<S> for Authed {
    /// A redirect to the sign-in page, or 401 JSON for the API.
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get::<Session>().cloned().map(Authed).ok_or_else(|| {
            let json = parts.uri.path().starts_with("/api/") || wants_json(&parts.headers);
            AppError::SignInRequired.respond(json)
        })
    }
}

impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for Authed {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<Session>().cloned().map(Authed))
    }
}

/// The value of cookie `name` in the request, if any.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// A `Set-Cookie` value with the attributes haven always sets.
pub fn set_cookie(config: &Config, name: &str, value: &str, max_age: i64, same_site: &str) -> String {
    format!(
        "{name}={value}; Path=/; HttpOnly; SameSite={same_site}; Max-Age={max_age}{}",
        if config.secure_cookies { "; Secure" } else { "" }
    )
}
