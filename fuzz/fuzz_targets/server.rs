//! The couple space's request handling on arbitrary bodies: every write route
//! of the pages and the JSON API, with a valid session and CSRF token, must
//! answer without panicking and without a 5xx (a 500 is a bug: bad input
//! deserves a 4xx).
//!
//! Input layout: byte 0 picks the route (or, past the table, takes the path
//! from the input up to the first newline), byte 1 the content type, where
//! the CSRF token goes and the Accept header; the rest is the body.
#![no_main]

use axum::body::Body;
use axum::http::{header, Method, Request};
use axum::Router;
use haven_store::{now, Store};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use tower::ServiceExt;

struct Fixture {
    rt: tokio::runtime::Runtime,
    app: Router,
    cookie: String,
    csrf: String,
    /// Paths with real ids (a promise, a pause, a space request, a check-in)
    /// and with made-up ones.
    routes: Vec<String>,
}

/// Form and API writes, except those that would end the fixture's session or
/// couple (`/signout`, `/account/leave`, `/account/delete`).
const ROUTES: &[&str] = &[
    "/signup",
    "/signin",
    "/pair",
    "/pair/join",
    "/checkins",
    "/promises",
    "/pauses",
    "/appreciations",
    "/space",
    "/chat",
    "/reports",
    "/reports/0123456789abcdef0123456789abcdef/share",
    "/reports/0123456789abcdef0123456789abcdef/delete",
    "/checkins/0123456789abcdef0123456789abcdef/share",
    "/promises/nope/resolve",
    "/api/session",
    "/api/check",
    "/api/checkins",
    "/api/promises",
    "/api/promises/0123456789abcdef0123456789abcdef/resolve",
    "/api/pauses",
    "/api/pauses/x/resume",
    "/api/appreciations",
    "/api/space",
    "/api/space/x/acknowledge",
    "/api/chat",
];

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
        // A RAM-backed directory when there is one: the store fsyncs every
        // write, which would make the fuzzer crawl.
        let base = if std::path::Path::new("/dev/shm").is_dir() { "/dev/shm".into() } else { std::env::temp_dir() };
        let dir = base.join(format!("haven-fuzz-server-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (app, cookie, csrf, routes) = rt.block_on(async {
            let store = Store::open_dir(&dir).await.expect("store");
            let t = now();
            let pw = "correct horse battery";
            let a = store.sign_up("a@example.org", "Ann", pw, t).await.expect("sign up a");
            let b = store.sign_up("b@example.org", "Ben", pw, t).await.expect("sign up b");
            let ma = store.member(&a.id).await.expect("member a");
            let code = store.create_invite(&ma, t).await.expect("invite");
            let mb = store.member(&b.id).await.expect("member b");
            store.accept_invite(&mb, &code, t).await.expect("accept");
            let sess = store.create_session(&a.id, t).await.expect("session");
            let m = &sess.member;
            let mut routes: Vec<String> = ROUTES.iter().map(|r| r.to_string()).collect();
            let p = store.add_promise(m, "call when I leave work", None, t).await.expect("promise");
            routes.push(format!("/promises/{}/resolve", p.id));
            routes.push(format!("/api/promises/{}/resolve", p.id));
            let pause = store.call_pause(m, "money", 20, t).await.expect("pause");
            routes.push(format!("/pauses/{}/resume", pause.id));
            routes.push(format!("/api/pauses/{}/resume", pause.id));
            let mb = store.member(&b.id).await.expect("paired b");
            let sp = store.add_space_request(&mb, "an evening alone", None, t).await.expect("space");
            routes.push(format!("/space/{}/acknowledge", sp.id));
            routes.push(format!("/api/space/{}/acknowledge", sp.id));
            let c = store.add_checkin(m, "you listened", "", false, t).await.expect("checkin");
            routes.push(format!("/checkins/{}/share", c.id));
            routes.push(format!("/checkins/{}/discussed", c.id));
            let app = haven_server::app(store, haven_server::Config::default());
            (app, format!("haven_session={}", sess.token), sess.csrf, routes)
        });
        let f = Fixture { rt, app, cookie, csrf, routes };
        // The fixture works: a valid draft check passes the guard.
        let req = Request::post("/api/check")
            .header(header::HOST, "127.0.0.1")
            .header(header::COOKIE, &f.cookie)
            .header("x-csrf-token", &f.csrf)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(r#"{"text":"you never listen"}"#))
            .expect("request");
        let status = f.rt.block_on(f.app.clone().oneshot(req)).expect("infallible").status();
        assert_eq!(status, 200, "the fixture's session should pass the guard");
        f
    })
}

fuzz_target!(|data: &[u8]| {
    if data.len() < 2 {
        return;
    }
    let f = fixture();
    let (route, mode, mut body) = (data[0] as usize, data[1], &data[2..]);
    let mut path = match f.routes.get(route) {
        Some(p) => p.clone(),
        None => {
            // The path comes from the input: routing and path extraction.
            let end = body.iter().position(|&b| b == b'\n').unwrap_or(body.len());
            let Ok(p) = std::str::from_utf8(&body[..end]) else { return };
            body = &body[(end + 1).min(body.len())..];
            format!("/{}", p.trim_start_matches('/'))
        }
    };
    let content_type = match mode & 3 {
        0 => "application/x-www-form-urlencoded",
        1 => "application/json",
        2 => "multipart/form-data; boundary=haven",
        _ => "text/plain",
    };
    let mut body = body.to_vec();
    let mut req = Request::builder().method(Method::POST).header(header::HOST, "127.0.0.1").header(header::COOKIE, &f.cookie);
    match (mode >> 2) & 3 {
        0 => req = req.header("x-csrf-token", &f.csrf),
        1 => path = format!("{path}{}csrf={}", if path.contains('?') { '&' } else { '?' }, f.csrf),
        2 => {
            let mut b = format!("csrf={}&", f.csrf).into_bytes();
            b.extend_from_slice(&body);
            body = b;
        }
        _ => {} // no token: must be refused, not fail
    }
    if mode & 16 != 0 {
        req = req.header(header::ACCEPT, "application/json");
    }
    if mode & 32 != 0 {
        req = req.header(header::ORIGIN, "http://127.0.0.1");
    }
    let Ok(req) = req.uri(path.as_str()).header(header::CONTENT_TYPE, content_type).body(Body::from(body)) else {
        return; // not a request line hyper would accept
    };
    f.rt.block_on(async {
        let resp = f.app.clone().oneshot(req).await.expect("infallible");
        let status = resp.status();
        let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX).await.expect("body");
        assert!(!status.is_server_error(), "{path} ({content_type}, mode {mode}) answered {status}: {}", String::from_utf8_lossy(&bytes));
    });
});
