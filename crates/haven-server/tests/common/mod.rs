//! A real server on a loopback port, against SQLite and (when
//! HAVEN_TEST_DATABASE_URL is set, always in CI) PostgreSQL, and a small
//! HTTP client that keeps cookies the way a browser does.
#![allow(dead_code)]

use haven_store::{test_stores, Backend, Store};
use reqwest::header::{HeaderMap, HeaderValue, COOKIE, SET_COOKIE};
use reqwest::{Method, StatusCode};
use std::collections::BTreeMap;
use std::net::SocketAddr;

pub const PW: &str = "correct horse battery";

pub struct Server {
    pub addr: SocketAddr,
    pub store: Store,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Server {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// Starts an instance on `url`'s database.
pub async fn start(url: &str) -> Server {
    let store = Store::open(url).await.expect("open store");
    start_on(store).await
}

pub async fn start_on(store: Store) -> Server {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = haven_server::app(store.clone(), haven_server::Config::default()).into_make_service_with_connect_info::<SocketAddr>();
    let task = tokio::spawn(async move {
        axum::serve(listener, app).await.unwrap();
    });
    Server { addr, store, task }
}

/// Runs `f` once per backend, each with a fresh database.
pub async fn each_backend<F: AsyncFn(Backend, String)>(f: F) {
    let dir = tempfile::tempdir().unwrap();
    for (backend, url) in test_stores(dir.path()).await {
        f(backend, url).await;
    }
}

/// A browser-like client: one cookie jar, no automatic redirects.
pub struct Client {
    pub base: String,
    http: reqwest::Client,
    pub cookies: BTreeMap<String, String>,
    /// The last page's CSRF token.
    pub csrf: String,
}

pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Resp {
    pub fn location(&self) -> &str {
        self.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or("")
    }
}

impl Client {
    pub fn new(server: &Server) -> Client {
        Client::to(server.addr)
    }

    pub fn to(addr: SocketAddr) -> Client {
        Client {
            base: format!("http://{addr}"),
            http: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap(),
            cookies: BTreeMap::new(),
            csrf: String::new(),
        }
    }

    fn cookie_header(&self) -> Option<HeaderValue> {
        (!self.cookies.is_empty())
            .then(|| self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ").parse().unwrap())
    }

    pub async fn send(&mut self, method: Method, path: &str, body: Option<(&str, Vec<u8>)>, extra: &[(&str, &str)]) -> Resp {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(c) = self.cookie_header() {
            req = req.header(COOKIE, c);
        }
        for (k, v) in extra {
            req = req.header(*k, *v);
        }
        if let Some((ct, bytes)) = body {
            req = req.header("content-type", ct).body(bytes);
        }
        let r = req.send().await.unwrap();
        let status = r.status();
        let headers = r.headers().clone();
        for sc in headers.get_all(SET_COOKIE) {
            let sc = sc.to_str().unwrap();
            let (kv, attrs) = sc.split_once(';').unwrap_or((sc, ""));
            let (k, v) = kv.split_once('=').unwrap();
            if attrs.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_string(), v.to_string());
            }
        }
        let body = r.text().await.unwrap_or_default();
        if let Some(t) = csrf_in(&body) {
            self.csrf = t;
        }
        Resp { status, headers, body }
    }

    pub async fn get(&mut self, path: &str) -> Resp {
        self.send(Method::GET, path, None, &[]).await
    }

    /// A form post with this client's CSRF token added.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        let csrf = self.csrf.clone();
        all.push(("csrf", &csrf));
        let body = serde_urlencoded(&all);
        self.send(Method::POST, path, Some(("application/x-www-form-urlencoded", body.into_bytes())), &[]).await
    }

    /// A JSON API call; writes carry the CSRF header.
    pub async fn api(&mut self, method: Method, path: &str, json: Option<serde_json::Value>) -> (StatusCode, serde_json::Value) {
        let csrf = self.csrf.clone();
        let body = json.map(|j| ("application/json", serde_json::to_vec(&j).unwrap()));
        let r = self.send(method, path, body, &[("x-csrf-token", &csrf), ("accept", "application/json")]).await;
        (r.status, serde_json::from_str(&r.body).unwrap_or(serde_json::Value::Null))
    }

    /// Signs up through the pages and ends signed in.
    pub async fn sign_up(&mut self, name: &str, email: &str) {
        self.get("/signup").await;
        let r = self.post("/signup", &[("name", name), ("email", email), ("password", PW)]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "sign-up failed: {}", r.body);
        self.get("/").await;
    }

    pub async fn sign_in(&mut self, email: &str) -> Resp {
        self.get("/signin").await;
        let r = self.post("/signin", &[("email", email), ("password", PW)]).await;
        self.get("/").await;
        r
    }
}

/// Two partners, signed up and paired through the pages.
pub async fn couple(server: &Server, a: &str, b: &str) -> (Client, Client) {
    let mut ca = Client::new(server);
    ca.sign_up(a, &format!("{a}@example.org")).await;
    let r = ca.post("/pair", &[]).await;
    let code = between(&r.body, "id=\"invite-code\">", "<").expect("invite code shown").to_string();
    let mut cb = Client::new(server);
    cb.sign_up(b, &format!("{b}@example.org")).await;
    let r = cb.post("/pair/join", &[("code", &code)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    ca.get("/").await;
    cb.get("/").await;
    (ca, cb)
}

pub fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let i = s.find(start)? + start.len();
    let j = s[i..].find(end)? + i;
    Some(&s[i..j])
}

fn csrf_in(body: &str) -> Option<String> {
    between(body, "name=\"csrf\" value=\"", "\"").or_else(|| between(body, "name=\"csrf-token\" content=\"", "\"")).map(str::to_string)
}

pub fn serde_urlencoded(fields: &[(&str, &str)]) -> String {
    fn enc(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                b' ' => "+".into(),
                b => format!("%{b:02X}"),
            })
            .collect()
    }
    fields.iter().map(|(k, v)| format!("{}={}", enc(k), enc(v))).collect::<Vec<_>>().join("&")
}

/// Ids that appear in `href`/`action` attributes as `/{prefix}/{id}/…`.
pub fn ids_in(body: &str, prefix: &str) -> Vec<String> {
    let pat = format!("\"/{prefix}/");
    let mut out: Vec<String> = body
        .match_indices(&pat)
        .filter_map(|(i, _)| {
            let rest = &body[i + pat.len()..];
            let id: String = rest.chars().take_while(|c| c.is_ascii_hexdigit()).collect();
            (id.len() == 32).then_some(id)
        })
        .collect();
    out.dedup();
    out
}
