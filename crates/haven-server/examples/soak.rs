//! A bounded soak of a running couple space: couples sign in, check in,
//! chat, check drafts, make and resolve promises, for a fixed time, from
//! many concurrent clients. Prints requests, errors and latency per phase.
//!
//! Usage: cargo run --release -p haven-server --example soak -- BASE_URL SECONDS [COUPLES]
//! (bench/soak.sh starts the server, runs this and samples its memory.)

use reqwest::StatusCode;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PW: &str = "correct horse battery";

#[derive(Default)]
struct Tally {
    ok: AtomicU64,
    errors: AtomicU64,
    micros: std::sync::Mutex<Vec<u64>>,
}

struct Api {
    http: reqwest::Client,
    base: String,
    cookie: String,
    csrf: String,
}

impl Api {
    async fn call(&self, t: &Tally, method: reqwest::Method, path: &str, body: Option<Value>, want: &[StatusCode]) -> Option<Value> {
        let start = Instant::now();
        let mut req =
            self.http.request(method, format!("{}{path}", self.base)).header("cookie", &self.cookie).header("x-csrf-token", &self.csrf);
        if let Some(b) = body {
            req = req.json(&b);
        }
        let r = req.send().await;
        t.micros.lock().unwrap().push(start.elapsed().as_micros() as u64);
        match r {
            Ok(r) if want.contains(&r.status()) => {
                t.ok.fetch_add(1, Ordering::Relaxed);
                r.json().await.ok()
            }
            Ok(r) => {
                eprintln!("{path}: unexpected {}", r.status());
                t.errors.fetch_add(1, Ordering::Relaxed);
                None
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                t.errors.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }
}

/// `name=value` of the cookie `name` the response sets.
fn set_cookie(r: &reqwest::Response, name: &str) -> Option<String> {
    let prefix = format!("{name}=");
    r.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with(&prefix))?
        .split(';')
        .next()
        .map(str::to_string)
}

async fn sign_in(http: &reqwest::Client, base: &str, email: &str, t: &Tally) -> Option<Api> {
    let start = Instant::now();
    let r = http.post(format!("{base}/api/session")).json(&json!({"email": email, "password": PW})).send().await.ok()?;
    t.micros.lock().unwrap().push(start.elapsed().as_micros() as u64);
    if r.status() != StatusCode::OK {
        eprintln!("sign-in: {}", r.status());
        t.errors.fetch_add(1, Ordering::Relaxed);
        return None;
    }
    t.ok.fetch_add(1, Ordering::Relaxed);
    let cookie = set_cookie(&r, "haven_session")?;
    let v: Value = r.json().await.ok()?;
    Some(Api { http: http.clone(), base: base.to_string(), cookie, csrf: v["csrf"].as_str()?.to_string() })
}

/// Makes the accounts through the pages' form flow (sign-up needs the
/// pre-session cookie) and pairs them through the store-backed invite flow.
async fn make_couple(http: &reqwest::Client, base: &str, i: usize) -> (String, String) {
    let mut emails = Vec::new();
    let mut codes = Vec::new();
    for who in ["a", "b"] {
        let email = format!("soak{i}{who}-{}@example.org", std::process::id());
        let r = http.get(format!("{base}/signup")).send().await.unwrap();
        let pre = set_cookie(&r, "haven_pre").unwrap();
        let token = pre.trim_start_matches("haven_pre=").to_string();
        let r = http
            .post(format!("{base}/signup"))
            .header("cookie", &pre)
            .form(&[("name", who), ("email", &email), ("password", PW), ("csrf", &token)])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "sign-up");
        let session = set_cookie(&r, "haven_session").unwrap();
        let page = http.get(format!("{base}/")).header("cookie", &session).send().await.unwrap().text().await.unwrap();
        let csrf = page.split("name=\"csrf-token\" content=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        if who == "a" {
            let page = http
                .post(format!("{base}/pair"))
                .header("cookie", &session)
                .form(&[("csrf", &csrf)])
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            codes.push(page.split("id=\"invite-code\">").nth(1).unwrap().split('<').next().unwrap().to_string());
        } else {
            let r = http
                .post(format!("{base}/pair/join"))
                .header("cookie", &session)
                .form(&[("csrf", csrf.as_str()), ("code", codes[0].as_str())])
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::SEE_OTHER, "pairing");
        }
        emails.push(email);
    }
    (emails[0].clone(), emails[1].clone())
}

const DRAFTS: &[&str] = &[
    "I felt hurt when you checked your phone during dinner; could we keep phones away while we eat?",
    "Oh great, you forgot again. Real mature.",
    "You never listen to me, you're so selfish.",
    "Thank you for picking up the kids today, it made my afternoon so much easier.",
    "Can we talk about the holidays later tonight? I need a little time first.",
];

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let base = args.get(1).cloned().unwrap_or_else(|| "http://127.0.0.1:8080".into());
    let secs: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(60);
    let couples: usize = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(8);
    let http = reqwest::Client::builder().timeout(Duration::from_secs(10)).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let mut accounts = Vec::new();
    for i in 0..couples {
        accounts.push(make_couple(&http, &base, i).await);
    }
    let tally = Arc::new(Tally::default());
    let deadline = Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for (i, (a, b)) in accounts.into_iter().enumerate() {
        for (email, role) in [(a, 0usize), (b, 1usize)] {
            let (http, base, t) = (http.clone(), base.clone(), tally.clone());
            tasks.push(tokio::spawn(async move {
                let mut n = 0usize;
                while Instant::now() < deadline {
                    // Sign in afresh every so often, as people do.
                    let Some(api) = sign_in(&http, &base, &email, &t).await else { continue };
                    for _ in 0..50 {
                        if Instant::now() >= deadline {
                            break;
                        }
                        n += 1;
                        let draft = DRAFTS[(n + i) % DRAFTS.len()];
                        use reqwest::Method as M;
                        match n % 6 {
                            0 => drop(
                                api.call(
                                    &t,
                                    M::POST,
                                    "/api/checkins",
                                    Some(json!({"felt_safe": format!("soak {n}"), "shared": n.is_multiple_of(2)})),
                                    &[StatusCode::CREATED],
                                )
                                .await,
                            ),
                            1 | 2 => drop(api.call(&t, M::POST, "/api/check", Some(json!({"text": draft})), &[StatusCode::OK]).await),
                            3 => drop(
                                api.call(
                                    &t,
                                    M::POST,
                                    "/api/chat",
                                    Some(json!({"body": draft, "send_anyway": true})),
                                    &[StatusCode::CREATED],
                                )
                                .await,
                            ),
                            4 => drop(api.call(&t, M::GET, "/api/chat", None, &[StatusCode::OK]).await),
                            _ => {
                                if role == 0 {
                                    api.call(
                                        &t,
                                        M::POST,
                                        "/api/promises",
                                        Some(json!({"what": format!("promise {n}")})),
                                        &[StatusCode::CREATED],
                                    )
                                    .await;
                                } else if let Some(v) = api.call(&t, M::GET, "/api/promises", None, &[StatusCode::OK]).await {
                                    if let Some(p) = v["promises"].as_array().and_then(|a| a.iter().find(|p| p["status"] == "open")) {
                                        let id = p["id"].as_str().unwrap_or("");
                                        api.call(
                                            &t,
                                            M::POST,
                                            &format!("/api/promises/{id}/resolve"),
                                            Some(json!({"kept": !n.is_multiple_of(3)})),
                                            &[StatusCode::OK, StatusCode::NOT_FOUND],
                                        )
                                        .await;
                                    }
                                }
                            }
                        }
                    }
                }
            }));
        }
    }
    let started = Instant::now();
    for t in tasks {
        t.await.unwrap();
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut lat = tally.micros.lock().unwrap().clone();
    lat.sort_unstable();
    let pct = |p: f64| lat.get(((lat.len() as f64 * p) as usize).min(lat.len().saturating_sub(1))).copied().unwrap_or(0);
    let ok = tally.ok.load(Ordering::Relaxed);
    let errors = tally.errors.load(Ordering::Relaxed);
    println!(
        "soak: {secs} s, {} clients, {ok} requests ok ({:.0}/s), {errors} errors, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        couples * 2,
        ok as f64 / elapsed,
        pct(0.50) as f64 / 1000.0,
        pct(0.99) as f64 / 1000.0,
        lat.last().copied().unwrap_or(0) as f64 / 1000.0
    );
    if errors > 0 {
        std::process::exit(1);
    }
}
