//! The couple space over real HTTP: the practices end to end, CSRF and
//! origin checks, bounded bodies, the sign-in rate limit, security headers,
//! two instances on one database, and report uploads.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn two_partners_practise_together() {
    each_backend(async |_, url| {
        let server = start(&url).await;
        let (mut ana, mut bo) = couple(&server, "Ana", "Bo").await;
        assert!(ana.get("/").await.body.contains("You and Bo"));

        // Check-in: private, then shared, then on the agenda for both.
        let r = ana.post("/checkins", &[("felt_safe", "you asked about my day"), ("felt_unsafe", "the door slam on Tuesday")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert!(!bo.get("/checkins").await.body.contains("door slam"), "private until shared");
        let page = ana.get("/checkins").await.body;
        let id = ids_in(&page, "checkins").pop().unwrap();
        assert_eq!(ana.post(&format!("/checkins/{id}/share"), &[]).await.status, StatusCode::SEE_OTHER);
        let page = bo.get("/checkins").await.body;
        assert!(between(&page, "id=\"agenda\"", "</ul>").unwrap().contains("door slam"));

        // Promise from Ana, kept as marked by Bo.
        ana.get("/promises").await;
        assert_eq!(
            ana.post("/promises", &[("what", "be home by seven on Fridays"), ("due", "2030-01-31")]).await.status,
            StatusCode::SEE_OTHER
        );
        let page = bo.get("/promises").await.body;
        let id = ids_in(&page, "promises").pop().unwrap();
        assert_eq!(
            ana.post(&format!("/promises/{id}/resolve"), &[("outcome", "kept")]).await.status,
            StatusCode::NOT_FOUND,
            "no grading your own"
        );
        assert_eq!(bo.post(&format!("/promises/{id}/resolve"), &[("outcome", "kept")]).await.status, StatusCode::SEE_OTHER);
        assert!(ana.get("/promises").await.body.contains("1 of 1 kept (100%)"));

        // Pause: too short is refused with the reason; a real one shows in
        // Bo's chat; Bo cannot cut it short, Ana can.
        let r = ana.post("/pauses", &[("topic", "money"), ("minutes", "5")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("20 minutes"));
        assert_eq!(ana.post("/pauses", &[("topic", "money"), ("minutes", "20")]).await.status, StatusCode::SEE_OTHER);
        let chat = bo.get("/chat").await.body;
        assert!(chat.contains("Paused: ") && chat.contains("money"));
        let id = ids_in(&ana.get("/pauses").await.body, "pauses").pop().unwrap();
        assert_eq!(bo.post(&format!("/pauses/{id}/resume"), &[]).await.status, StatusCode::CONFLICT);
        assert_eq!(ana.post(&format!("/pauses/{id}/resume"), &[]).await.status, StatusCode::SEE_OTHER);
        assert!(!bo.get("/chat").await.body.contains("Paused: "));

        // Appreciation and space.
        assert_eq!(bo.post("/appreciations", &[("body", "thank you for the soup")]).await.status, StatusCode::SEE_OTHER);
        assert!(ana.get("/appreciations").await.body.contains("thank you for the soup"));
        bo.get("/space").await;
        assert_eq!(bo.post("/space", &[("body", "I need tonight to myself"), ("hours", "12")]).await.status, StatusCode::SEE_OTHER);
        let id = ids_in(&ana.get("/space").await.body, "space").pop().unwrap();
        assert_eq!(ana.post(&format!("/space/{id}/acknowledge"), &[]).await.status, StatusCode::SEE_OTHER);
        assert!(bo.get("/space").await.body.contains("acknowledged"));

        // Chat: a sarcastic draft is held back with the coach's findings and
        // a rewrite; "send anyway" sends it; a kind one goes straight through.
        ana.get("/chat").await;
        let r = ana.post("/chat", &[("body", "Oh great, you forgot again. Real mature."), ("intent", "send")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("<mark>") && r.body.contains("coach-findings") && r.body.contains("Send anyway"), "{}", r.body);
        assert!(!bo.get("/chat").await.body.contains("Real mature"));
        let r = ana.post("/chat", &[("body", "Oh great, you forgot again. Real mature."), ("intent", "anyway")]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
        assert_eq!(ana.post("/chat", &[("body", "I missed you today"), ("intent", "send")]).await.status, StatusCode::SEE_OTHER);
        let chat = bo.get("/chat").await.body;
        assert!(chat.contains("Real mature") && chat.contains("I missed you today"));

        // A threat brings resources with it.
        let r = ana.post("/chat", &[("body", "If you leave tonight I will hurt you."), ("intent", "send")]).await;
        assert!(r.body.contains("help is available now"), "{}", r.body);

        // Export and delete.
        let e: serde_json::Value = serde_json::from_str(&ana.get("/account/export").await.body).unwrap();
        assert_eq!(e["account"]["name"], "Ana");
        assert_eq!(e["checkins"][0]["felt_unsafe"], "the door slam on Tuesday");
        ana.get("/account").await;
        let r = ana.post("/account/delete", &[("password", "not my password")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(ana.post("/account/delete", &[("password", PW)]).await.status, StatusCode::OK);
        assert!(!bo.get("/appreciations").await.body.contains("Ana"), "nothing of Ana's left");
        assert!(!bo.get("/chat").await.body.contains("Real mature"));
        assert_eq!(ana.get("/checkins").await.location(), "/signin");
    })
    .await;
}

#[tokio::test]
async fn writes_need_the_csrf_token_and_our_origin() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(&format!("sqlite://{}", dir.path().join("h.db").display())).await;
    let (mut ana, _bo) = couple(&server, "Ana", "Bo").await;
    let good = ana.csrf.clone();
    for token in ["", "0000", &"a".repeat(64)] {
        ana.csrf = token.to_string();
        let r = ana.post("/appreciations", &[("body", "forged")]).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "token {token:?}");
        assert!(r.body.contains("reload the page"));
    }
    ana.csrf = good.clone();
    let body = serde_urlencoded(&[("body", "forged"), ("csrf", &good)]).into_bytes();
    let r = ana
        .send(
            Method::POST,
            "/appreciations",
            Some(("application/x-www-form-urlencoded", body.clone())),
            &[("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = ana
        .send(Method::POST, "/appreciations", Some(("application/x-www-form-urlencoded", body)), &[("sec-fetch-site", "cross-site")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The API checks the header the same way.
    ana.csrf = "nope".into();
    assert_eq!(ana.api(Method::POST, "/api/appreciations", Some(json!({"body": "forged"}))).await.0, StatusCode::FORBIDDEN);
    ana.csrf = good;
    assert_eq!(ana.api(Method::POST, "/api/appreciations", Some(json!({"body": "real"}))).await.0, StatusCode::CREATED);
    let wall = ana.get("/appreciations").await.body;
    assert!(!wall.contains("forged") && wall.contains("real"));

    // Sign-in forms need the pre-session cookie's token (login CSRF).
    let mut stranger = Client::new(&server);
    let body = serde_urlencoded(&[("email", "ana@example.org"), ("password", PW)]).into_bytes();
    assert_eq!(
        stranger.send(Method::POST, "/signin", Some(("application/x-www-form-urlencoded", body)), &[]).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn sessions_are_fresh_cookies_are_strict_and_headers_are_set() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(&format!("sqlite://{}", dir.path().join("h.db").display())).await;
    let mut ana = Client::new(&server);
    let r = ana.get("/signup").await;
    for h in ["content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy"] {
        assert!(r.headers.contains_key(h), "{h}");
    }
    assert!(r.headers["content-security-policy"].to_str().unwrap().contains("frame-ancestors 'none'"));
    let r = ana.post("/signup", &[("name", "Ana"), ("email", "ana@example.org"), ("password", PW)]).await;
    let set: Vec<&str> = r.headers.get_all("set-cookie").iter().map(|v| v.to_str().unwrap()).collect();
    let session = set.iter().find(|c| c.starts_with("haven_session=")).unwrap();
    for attr in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(session.contains(attr), "{session} lacks {attr}");
    }
    // Session fixation: a cookie value an attacker planted is not a session,
    // and signing in issues a new one.
    let mut victim = Client::new(&server);
    victim.cookies.insert("haven_session".into(), "f".repeat(64));
    assert_eq!(victim.get("/chat").await.location(), "/signin");
    victim.sign_in("ana@example.org").await;
    assert_ne!(victim.cookies["haven_session"], "f".repeat(64));
    assert!(victim.get("/").await.body.contains("Hello, Ana"));
    // Signing out ends the session on the server, not only in the browser.
    let token = victim.cookies["haven_session"].clone();
    victim.post("/signout", &[]).await;
    let mut replay = Client::new(&server);
    replay.cookies.insert("haven_session".into(), token);
    assert_eq!(replay.get("/account").await.location(), "/signin");
}

#[tokio::test]
async fn sign_in_is_rate_limited() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(&format!("sqlite://{}", dir.path().join("h.db").display())).await;
    let mut ana = Client::new(&server);
    ana.sign_up("Ana", "ana@example.org").await;
    let mut attacker = Client::new(&server);
    for _ in 0..haven_store::MAX_SIGNIN_FAILURES {
        attacker.get("/signin").await;
        let r = attacker.post("/signin", &[("email", "ana@example.org"), ("password", "guess guess guess")]).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("wrong e-mail or password"));
    }
    attacker.get("/signin").await;
    let r = attacker.post("/signin", &[("email", "ana@example.org"), ("password", PW)]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.contains_key("retry-after"));
    assert!(r.body.contains("try again in"));
    let (status, v) =
        Client::new(&server).api(Method::POST, "/api/session", Some(json!({"email": "ana@example.org", "password": PW}))).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{v}");
}

#[tokio::test]
async fn bodies_are_bounded_and_bad_input_gets_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(&format!("sqlite://{}", dir.path().join("h.db").display())).await;
    let (mut ana, _bo) = couple(&server, "Ana", "Bo").await;
    let big = "a".repeat(haven_server::FORM_LIMIT + 1);
    let r = ana.post("/appreciations", &[("body", &big)]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("64 KiB"));
    let (status, v) = ana.api(Method::POST, "/api/check", Some(json!({"text": big}))).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(v["error"].as_str().unwrap().contains("larger than"));
    // Deeply nested JSON, wrong shapes and invalid UTF-8: 4xx with a reason.
    let nested = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let csrf = ana.csrf.clone();
    let r = ana.send(Method::POST, "/api/check", Some(("application/json", nested.into_bytes())), &[("x-csrf-token", &csrf)]).await;
    assert!(r.status.is_client_error(), "{}", r.status);
    let (status, v) = ana.api(Method::POST, "/api/promises", Some(json!({"what": 5}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v["error"].as_str().unwrap().contains("JSON"));
    let mut bytes = b"body=".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, 0x80]);
    bytes.extend_from_slice(format!("&csrf={csrf}").as_bytes());
    let r = ana.send(Method::POST, "/appreciations", Some(("application/x-www-form-urlencoded", bytes)), &[]).await;
    assert!(r.status.is_client_error() || r.status == StatusCode::SEE_OTHER, "{}", r.status);
    // A 33 MiB upload is refused before it is read.
    let upload = vec![b'x'; haven_server::UPLOAD_LIMIT + 1024 * 1024];
    let r = ana.send(Method::POST, &format!("/reports?csrf={csrf}"), Some(("multipart/form-data; boundary=x", upload)), &[]).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    // And the server is still up.
    assert_eq!(ana.get("/healthz").await.status, StatusCode::OK);
}

fn multipart(title: &str, filename: &str, content: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    b.extend_from_slice(format!("--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n{title}\r\n").as_bytes());
    b.extend_from_slice(
        format!("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: text/plain\r\n\r\n")
            .as_bytes(),
    );
    b.extend_from_slice(content);
    b.extend_from_slice(b"\r\n--XyZ--\r\n");
    b
}

#[tokio::test]
async fn reports_are_the_uploaders_until_shared() {
    each_backend(async |_, url| {
        let server = start(&url).await;
        let (mut ana, mut bo) = couple(&server, "Ana", "Bo").await;
        ana.get("/reports").await;
        let csrf = ana.csrf.clone();
        let sample = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample/whatsapp_chat.txt")).unwrap();
        let r = ana
            .send(
                Method::POST,
                &format!("/reports?csrf={csrf}"),
                Some(("multipart/form-data; boundary=XyZ", multipart("Our spring", "chat.txt", &sample))),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let path = r.location().to_string();
        let page = ana.get(&path).await.body;
        assert!(page.contains("Our spring") && page.contains("safety index"), "{page}");
        let full = ana.get(&format!("{path}/view")).await;
        assert!(full.body.contains("<svg"));
        assert!(full.headers["content-security-policy"].to_str().unwrap().contains("sandbox"));
        assert_eq!(bo.get(&path).await.status, StatusCode::NOT_FOUND);
        assert_eq!(bo.get(&format!("{path}/view")).await.status, StatusCode::NOT_FOUND);
        ana.get(&path).await;
        assert_eq!(ana.post(&format!("{path}/share"), &[("shared", "1")]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(bo.get(&path).await.status, StatusCode::OK);
        // Garbage is refused with the importer's reason, nothing stored.
        let r = ana
            .send(
                Method::POST,
                &format!("/reports?csrf={csrf}"),
                Some(("multipart/form-data; boundary=XyZ", multipart("x", "x.bin", &[0u8, 159, 146, 150]))),
                &[],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(r.body.contains("could not read this export"), "{}", r.body);
    })
    .await;
}

#[tokio::test]
async fn two_instances_serve_one_couple_from_one_database() {
    each_backend(async |_, url| {
        let a = start(&url).await;
        let b = start(&url).await;
        let (mut ana, mut bo) = couple(&a, "Ana", "Bo").await;
        // Bo's browser now talks to instance B with the same cookie.
        let cookies = bo.cookies.clone();
        let mut bo_on_b = Client::to(b.addr);
        bo_on_b.cookies = cookies;
        let page = bo_on_b.get("/pauses").await;
        assert_eq!(page.status, StatusCode::OK);
        assert_eq!(ana.post("/pauses", &[("topic", "the holidays"), ("minutes", "30")]).await.status, StatusCode::SEE_OTHER);
        assert!(bo_on_b.get("/chat").await.body.contains("the holidays"));
        assert_eq!(bo_on_b.post("/appreciations", &[("body", "written on B")]).await.status, StatusCode::SEE_OTHER);
        assert!(ana.get("/appreciations").await.body.contains("written on B"));
        bo.get("/").await;
    })
    .await;
}

#[tokio::test]
async fn the_api_is_documented_and_behaves_as_documented() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(&format!("sqlite://{}", dir.path().join("h.db").display())).await;
    let (ana, _bo) = couple(&server, "Ana", "Bo").await;
    drop(ana);
    let mut api = Client::new(&server);
    let (status, doc) = api.api(Method::GET, "/api/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    // Every API route in the router is in the document.
    let src = include_str!("../src/api.rs");
    for route in src.match_indices(".route(\"").map(|(i, _)| src[i + 8..].split('"').next().unwrap()) {
        assert!(doc["paths"].get(route).is_some(), "{route} is not documented");
    }
    assert_eq!(api.api(Method::GET, "/api/me", None).await.0, StatusCode::UNAUTHORIZED);
    let (status, s) = api.api(Method::POST, "/api/session", Some(json!({"email": "ana@example.org", "password": PW}))).await;
    assert_eq!(status, StatusCode::OK, "{s}");
    api.csrf = s["csrf"].as_str().unwrap().to_string();
    let (_, me) = api.api(Method::GET, "/api/me", None).await;
    assert_eq!(me["partner"]["name"], "Bo");
    let (status, v) = api.api(Method::POST, "/api/check", Some(json!({"text": "You're such an idiot, whatever."}))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(v["labels"].as_array().unwrap().iter().any(|l| l == "name-calling"), "{v}");
    assert!(v["suggested_rewrite"].is_string());
    let (status, v) = api.api(Method::POST, "/api/check", Some(json!({"text": "I will kill you if you leave."}))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(v["resources"].is_array(), "danger carries resources: {v}");
    let (status, v) = api.api(Method::POST, "/api/chat", Some(json!({"body": "Wow, great job as usual, genius."}))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{v}");
    assert!(v["coach"]["findings"].is_array());
    assert_eq!(
        api.api(Method::POST, "/api/chat", Some(json!({"body": "Wow, great job as usual, genius.", "send_anyway": true}))).await.0,
        StatusCode::CREATED
    );
    let (status, p) = api.api(Method::POST, "/api/pauses", Some(json!({"topic": "money", "minutes": 20}))).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, list) = api.api(Method::GET, "/api/pauses", None).await;
    assert_eq!(list["pauses"][0]["id"], p["id"]);
    assert_eq!(list["pauses"][0]["running"], true);
    assert_eq!(api.api(Method::GET, "/healthz", None).await.0, StatusCode::OK);
}
