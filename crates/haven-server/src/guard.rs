//! The one middleware every request passes: session lookup, bounded bodies,
//! same-origin and CSRF checks on every write, security headers on every
//! response.

use crate::{cookie, wants_json, AppError, AppState, PRE_COOKIE, SESSION_COOKIE};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;

/// The largest form or JSON body: generous for a long message, small enough
/// that nobody can make the server buffer much.
pub const FORM_LIMIT: usize = 64 * 1024;
/// The largest uploaded export (reports).
pub const UPLOAD_LIMIT: usize = 32 * 1024 * 1024;

/// The page's policy: only our own script and style, no frames, forms post
/// only to us.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; \
                   form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

pub async fn guard(State(s): State<AppState>, req: Request, next: Next) -> Response {
    let json = wants_json(req.headers()) || req.uri().path().starts_with("/api/");
    let session = match cookie(req.headers(), SESSION_COOKIE) {
        Some(token) => match s.store.session(token, haven_store::now()).await {
            Ok(s) => s,
            Err(e) => return with_headers(AppError::from(e).respond(json)),
        },
        None => None,
    };
    let mut req = if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        req
    } else {
        match check_write(req, session.as_ref().map(|s| s.csrf.as_str())).await {
            Ok(req) => req,
            Err((status, message)) => {
                let resp = if json {
                    (status, axum::Json(serde_json::json!({"error": message}))).into_response()
                } else {
                    (status, crate::views::error_page(status, message)).into_response()
                };
                return with_headers(resp);
            }
        }
    };
    if let Some(session) = session {
        req.extensions_mut().insert(session);
    }
    with_headers(next.run(req).await)
}

/// Buffers a write's body (bounded), then checks that it comes from our own
/// pages and carries the CSRF token: the `X-CSRF-Token` header (API), the
/// `csrf` form field, or the `csrf` query parameter (multipart uploads).
async fn check_write(req: Request, session_csrf: Option<&str>) -> Result<Request, (StatusCode, &'static str)> {
    const TOO_LARGE: &str = "this is larger than the couple space accepts: 64 KiB for a form or message, 32 MiB for an uploaded export";
    let limit = if req.uri().path() == "/reports" { crate::UPLOAD_LIMIT } else { FORM_LIMIT };
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err((StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE));
    }
    let (parts, body) = req.into_parts();
    let bytes = to_bytes(body, limit).await.map_err(|_| (StatusCode::PAYLOAD_TOO_LARGE, TOO_LARGE))?;

    // A browser says where a request comes from; refuse other sites even
    // before looking at the token.
    let host = parts.headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    if let Some(origin) = parts.headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let origin_host = origin.split_once("://").map_or(origin, |(_, h)| h);
        if origin != "null" && origin_host != host {
            return Err((StatusCode::FORBIDDEN, "this request came from another site and was refused"));
        }
    }
    if parts.headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()).is_some_and(|v| v == "cross-site") {
        return Err((StatusCode::FORBIDDEN, "this request came from another site and was refused"));
    }

    // JSON sign-in: a browser cannot send `application/json` to another
    // origin without a CORS preflight, which this server never grants, so
    // the content type itself shows the request is not a forged form.
    let json_body =
        parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|c| c.starts_with("application/json"));
    if parts.uri.path() == "/api/session" && json_body {
        return Ok(Request::from_parts(parts, Body::from(bytes)));
    }
    let pre = cookie(&parts.headers, PRE_COOKIE);
    let expected = session_csrf.or(pre).ok_or((StatusCode::FORBIDDEN, "your form has expired: reload the page and try again"))?;
    let given = parts
        .headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| query_param(parts.uri.query().unwrap_or(""), "csrf"))
        .or_else(|| {
            let urlencoded = parts
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"));
            if urlencoded {
                query_param(std::str::from_utf8(&bytes).unwrap_or(""), "csrf")
            } else {
                None
            }
        })
        .unwrap_or_default();
    if given.is_empty() || !bool::from(given.as_bytes().ct_eq(expected.as_bytes())) {
        return Err((StatusCode::FORBIDDEN, "your form has expired: reload the page and try again"));
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

fn query_param(query: &str, name: &str) -> Option<String> {
    form_urlencoded_pairs(query).find(|(k, _)| k == name).map(|(_, v)| v)
}

/// `a=1&b=2` pairs, percent- and plus-decoded.
fn form_urlencoded_pairs(s: &str) -> impl Iterator<Item = (String, String)> + '_ {
    s.split('&').filter(|p| !p.is_empty()).map(|p| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        (decode(k), decode(v))
    })
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push(h * 16 + l);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn with_headers(mut resp: Response) -> Response {
    let h = resp.headers_mut();
    let mut set = |name: header::HeaderName, value: &'static str| {
        if !h.contains_key(&name) {
            h.insert(name, HeaderValue::from_static(value));
        }
    };
    set(header::CONTENT_SECURITY_POLICY, CSP);
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::REFERRER_POLICY, "no-referrer");
    set(header::CACHE_CONTROL, "no-store");
    set(header::HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=(), interest-cohort=()");
    set(header::HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_decode() {
        assert_eq!(query_param("a=1&csrf=ab%2Bc+d&x", "csrf").as_deref(), Some("ab+c d"));
        assert_eq!(query_param("csrf=%zz%4", "csrf").as_deref(), Some("%zz%4"));
        assert_eq!(query_param("", "csrf"), None);
        assert_eq!(decode("%E2%9D%A4"), "❤");
    }
}
