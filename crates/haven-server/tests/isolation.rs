//! Isolation: every route of the server, walked as an anonymous visitor, as
//! a member of another couple, and as the partner where data is private.
//! The route list is read from the router's source, so a new route is walked
//! without anyone remembering to add it here.

mod common;

use common::*;
use reqwest::{Method, StatusCode};
use serde_json::json;
use std::collections::BTreeMap;

/// (method, path) for every `.route(...)` in the server's source.
fn routes() -> Vec<(Method, String)> {
    let mut out = Vec::new();
    for src in [include_str!("../src/lib.rs"), include_str!("../src/api.rs")] {
        for (i, _) in src.match_indices(".route(\"") {
            let rest = &src[i + 8..];
            let path = rest.split('"').next().unwrap().to_string();
            let call = &rest[..rest.find(")\n").unwrap_or(rest.len())];
            if call.contains("get(") {
                out.push((Method::GET, path.clone()));
            }
            if call.contains("post(") {
                out.push((Method::POST, path.clone()));
            }
        }
    }
    assert!(out.len() > 40, "the route parser found only {} routes", out.len());
    out
}

/// Reachable without signing in.
const PUBLIC: &[&str] =
    &["/", "/signup", "/signin", "/resources", "/healthz", "/static/app.css", "/static/app.js", "/api/openapi.json", "/api/session"];

const SECRETS: &[&str] = &[
    "SECRET-private-checkin",
    "SECRET-shared-checkin",
    "SECRET-promise",
    "SECRET-pause",
    "SECRET-appreciation",
    "SECRET-space",
    "SECRET-chat",
    "SECRET-report",
];

#[tokio::test]
async fn no_route_lets_anyone_into_another_couples_space() {
    each_backend(async |_, url| {
        let server = start(&url).await;
        let (mut ana, mut bo) = couple(&server, "Ana", "Bo").await;
        let (mut cy, _dee) = couple(&server, "Cy", "Dee").await;

        // Couple 1's data, one of everything, with ids.
        ana.post("/checkins", &[("felt_safe", "SECRET-private-checkin")]).await;
        ana.post("/checkins", &[("felt_safe", "SECRET-shared-checkin"), ("share", "1")]).await;
        let checkins = ana.get("/checkins").await.body;
        let private_checkin = ids_in(between(&checkins, "Private to you", "</ul>").unwrap(), "checkins").pop().unwrap();
        let shared_checkin = ids_in(between(&checkins, "id=\"agenda\"", "</ul>").unwrap(), "checkins").pop().unwrap();
        ana.post("/promises", &[("what", "SECRET-promise")]).await;
        let promise = ids_in(&bo.get("/promises").await.body, "promises").pop().unwrap();
        ana.post("/pauses", &[("topic", "SECRET-pause"), ("minutes", "60")]).await;
        let pause = ids_in(&ana.get("/pauses").await.body, "pauses").pop().unwrap();
        ana.post("/appreciations", &[("body", "SECRET-appreciation")]).await;
        bo.get("/space").await;
        bo.post("/space", &[("body", "SECRET-space")]).await;
        let space = ids_in(&ana.get("/space").await.body, "space").pop().unwrap();
        ana.post("/chat", &[("body", "SECRET-chat"), ("intent", "send")]).await;
        ana.get("/reports").await;
        let csrf = ana.csrf.clone();
        let body = "--B\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nSECRET-report\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.csv\"\r\n\r\nspeaker,text\nAna,hi\nBo,SECRET-report hello\n\r\n--B--\r\n".to_string();
        let r = ana.send(Method::POST, &format!("/reports?csrf={csrf}"), Some(("multipart/form-data; boundary=B", body.into_bytes())), &[]).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        let report = r.location().rsplit('/').next().unwrap().to_string();

        let ids: BTreeMap<&str, &str> = [
            ("checkins", shared_checkin.as_str()),
            ("promises", promise.as_str()),
            ("pauses", pause.as_str()),
            ("space", space.as_str()),
            ("reports", report.as_str()),
        ]
        .into();
        let concrete = |path: &str| -> String {
            if !path.contains("{id}") {
                return path.to_string();
            }
            let kind = path.trim_start_matches("/api/").trim_start_matches('/').split('/').next().unwrap();
            path.replace("{id}", ids.get(kind).unwrap_or_else(|| panic!("no id for {path}")))
        };
        let leaks = |body: &str| SECRETS.iter().filter(|s| body.contains(*s)).map(|s| s.to_string()).collect::<Vec<_>>();

        let mut walked = 0;
        for (method, pattern) in routes() {
            let path = concrete(&pattern);
            let is_api = pattern.starts_with("/api/");
            let public = PUBLIC.contains(&pattern.as_str());

            // Anonymous: pages lead to sign-in, the API says 401, writes are
            // refused before any handler runs; nothing leaks.
            let mut anon = Client::new(&server);
            let headers: &[(&str, &str)] = if is_api { &[("accept", "application/json")] } else { &[] };
            let r = anon.send(method.clone(), &path, None, headers).await;
            assert!(leaks(&r.body).is_empty(), "anonymous {method} {path} leaked {:?}", leaks(&r.body));
            if !public {
                let ok = match method {
                    Method::GET if is_api => r.status == StatusCode::UNAUTHORIZED,
                    Method::GET => r.status == StatusCode::SEE_OTHER && r.location() == "/signin",
                    _ => r.status == StatusCode::FORBIDDEN,
                };
                assert!(ok, "anonymous {method} {path}: {}", r.status);
            }

            // A member of another couple, with a valid session and token.
            let skip_own_account = matches!(pattern.as_str(), "/signout" | "/account/leave" | "/account/delete" | "/pair" | "/pair/join");
            if !skip_own_account {
                let r = if is_api {
                    let (status, v) = cy.api(method.clone(), &path, (method == Method::POST).then(|| json!({"kept": true}))).await;
                    Resp { status, headers: Default::default(), body: v.to_string() }
                } else if method == Method::POST {
                    cy.post(&path, &[("outcome", "kept"), ("shared", "1")]).await
                } else {
                    cy.get(&path).await
                };
                assert!(leaks(&r.body).is_empty(), "outsider {method} {path} leaked {:?}", leaks(&r.body));
                if pattern.contains("{id}") {
                    assert!(
                        r.status == StatusCode::NOT_FOUND,
                        "outsider {method} {path}: {} {}",
                        r.status,
                        r.body.chars().take(200).collect::<String>()
                    );
                }
            }
            walked += 1;
        }
        assert!(walked > 40);

        // The partner, where data is private: Ana's unshared check-in and
        // report.
        assert!(!bo.get("/checkins").await.body.contains("SECRET-private-checkin"));
        assert!(!bo.api(Method::GET, "/api/checkins", None).await.1.to_string().contains("SECRET-private-checkin"));
        assert_eq!(bo.post(&format!("/checkins/{private_checkin}/share"), &[]).await.status, StatusCode::NOT_FOUND);
        for p in [format!("/reports/{report}"), format!("/reports/{report}/view")] {
            assert_eq!(bo.get(&p).await.status, StatusCode::NOT_FOUND, "{p}");
        }
        for p in [format!("/reports/{report}/share"), format!("/reports/{report}/delete")] {
            assert_eq!(bo.post(&p, &[("shared", "1")]).await.status, StatusCode::NOT_FOUND, "{p}");
        }
        assert!(!bo.get("/reports").await.body.contains("SECRET-report"));
        assert!(!bo.api(Method::GET, "/api/reports", None).await.1.to_string().contains("SECRET-report"));

        // Nothing of couple 1 was changed by the walk.
        let page = ana.get("/promises").await.body;
        assert!(between(&page, "Yours, open", "</ul>").unwrap().contains("SECRET-promise"));
        assert!(ana.get("/pauses").await.body.contains("SECRET-pause"));
        assert_eq!(ana.get(&format!("/reports/{report}")).await.status, StatusCode::OK);
        assert!(bo.get("/space").await.body.contains("SECRET-space"));
        assert!(!bo.get("/space").await.body.contains("acknowledged"));
    })
    .await;
}
