//! Crash consistency: `haven serve` is killed with SIGKILL in the middle of
//! writes, again and again, and restarted; every write it acknowledged must
//! be there afterwards and the database must pass its integrity check.
//! Runs against SQLite (WAL, synchronous=FULL) and, when
//! HAVEN_TEST_DATABASE_URL is set (always in CI), PostgreSQL.
//!
//! KILLS (default 100) sets the number of kills per backend.

#![cfg(unix)]

use haven_store::{test_stores, Backend, Store};
use reqwest::StatusCode;
use std::collections::BTreeSet;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PW: &str = "correct horse battery";

struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn spawn(backend: Backend, url: &str, data: &std::path::Path, port: u16) -> Serve {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_haven"));
    cmd.args(["serve", "--listen", &format!("127.0.0.1:{port}")]).stdout(Stdio::null()).stderr(Stdio::null());
    match backend {
        Backend::Sqlite => cmd.arg("--data-dir").arg(data).env_remove("DATABASE_URL"),
        Backend::Postgres => cmd.env("DATABASE_URL", url),
    };
    Serve(cmd.spawn().expect("start haven serve"))
}

async fn wait_healthy(http: &reqwest::Client, base: &str) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if let Ok(r) = http.get(format!("{base}/healthz")).send().await {
            if r.status() == StatusCode::OK {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("haven serve did not come up");
}

/// A small deterministic generator for the kill delays.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % below
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_writes_survive_sigkill() {
    let kills: usize = std::env::var("KILLS").ok().and_then(|k| k.parse().ok()).unwrap_or(100);
    let dir = tempfile::tempdir().unwrap();
    for (backend, url) in test_stores(dir.path()).await {
        let data = dir.path().join(format!("{backend:?}"));
        // The account and couple are made directly in the store; the session
        // lives in the database, so it outlives every kill.
        let store = match backend {
            Backend::Sqlite => Store::open_dir(&data).await.unwrap(),
            Backend::Postgres => Store::open(&url).await.unwrap(),
        };
        let ana = store.sign_up("ana@example.org", "Ana", PW, haven_store::now()).await.unwrap();
        let bo = store.sign_up("bo@example.org", "Bo", PW, haven_store::now()).await.unwrap();
        let code = store.create_invite(&store.member(&ana.id).await.unwrap(), haven_store::now()).await.unwrap();
        store.accept_invite(&store.member(&bo.id).await.unwrap(), &code, haven_store::now()).await.unwrap();
        let session = store.create_session(&ana.id, haven_store::now()).await.unwrap();
        store.close().await;

        let http = reqwest::Client::builder().timeout(Duration::from_secs(5)).build().unwrap();
        let cookie = format!("haven_session={}", session.token);
        let acked: Arc<Mutex<BTreeSet<String>>> = Arc::default();
        let mut rng = Lcg(42);
        let mut attempted = 0usize;
        for kill in 0..kills {
            let port = free_port();
            let base = format!("http://127.0.0.1:{port}");
            let mut server = spawn(backend, &url, &data, port);
            wait_healthy(&http, &base).await;
            // Four writers, each sending appreciations one after another and
            // recording the ones answered 201 Created.
            let writers: Vec<_> = (0..4)
                .map(|w| {
                    let (http, base, cookie, csrf, acked) =
                        (http.clone(), base.clone(), cookie.clone(), session.csrf.clone(), acked.clone());
                    tokio::spawn(async move {
                        let mut sent = 0usize;
                        for n in 0.. {
                            let body = format!("k{kill}-w{w}-n{n}");
                            sent += 1;
                            let r = http
                                .post(format!("{base}/api/appreciations"))
                                .header("cookie", &cookie)
                                .header("x-csrf-token", &csrf)
                                .json(&serde_json::json!({"body": body}))
                                .send()
                                .await;
                            match r {
                                Ok(r) if r.status() == StatusCode::CREATED => {
                                    acked.lock().unwrap().insert(body);
                                }
                                Ok(r) => panic!("write refused: {}", r.status()),
                                Err(_) => break, // the server is gone
                            }
                        }
                        sent
                    })
                })
                .collect();
            // Kill at a random moment once writes are flowing.
            let before = acked.lock().unwrap().len();
            let start = Instant::now();
            while acked.lock().unwrap().len() == before && start.elapsed() < Duration::from_secs(5) {
                tokio::time::sleep(Duration::from_millis(1)).await;
            }
            tokio::time::sleep(Duration::from_millis(rng.next(40))).await;
            server.0.kill().unwrap(); // SIGKILL
            server.0.wait().unwrap();
            for w in writers {
                attempted += w.await.unwrap();
            }
        }

        // Restart once more and read everything back.
        let port = free_port();
        let base = format!("http://127.0.0.1:{port}");
        let _server = spawn(backend, &url, &data, port);
        wait_healthy(&http, &base).await;
        let export: serde_json::Value =
            http.get(format!("{base}/account/export")).header("cookie", &cookie).send().await.unwrap().json().await.unwrap();
        let stored: Vec<String> =
            export["appreciations"].as_array().unwrap().iter().map(|a| a["body"].as_str().unwrap().to_string()).collect();
        let stored_set: BTreeSet<String> = stored.iter().cloned().collect();
        assert_eq!(stored.len(), stored_set.len(), "{backend:?}: a write was stored twice");
        let acked = acked.lock().unwrap().clone();
        let lost: Vec<&String> = acked.difference(&stored_set).collect();
        assert!(
            lost.is_empty(),
            "{backend:?}: {} acknowledged writes lost, e.g. {:?}",
            lost.len(),
            lost.iter().take(5).collect::<Vec<_>>()
        );
        assert!(acked.len() >= kills, "{backend:?}: too few writes acknowledged ({}) to test anything", acked.len());
        let store = match backend {
            Backend::Sqlite => Store::open_dir(&data).await.unwrap(),
            Backend::Postgres => Store::open(&url).await.unwrap(),
        };
        assert_eq!(store.integrity_check().await.unwrap(), "ok", "{backend:?}");
        eprintln!(
            "{backend:?}: {kills} kills, {attempted} writes attempted, {} acknowledged, {} stored (unacknowledged but committed: {}), none lost",
            acked.len(),
            stored.len(),
            stored.len() - acked.len()
        );
    }
}
