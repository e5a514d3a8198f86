//! End to end in a real headless Chromium (Debian's chromium and
//! chromium-driver), driven through WebDriver with fantoccini: two partners
//! sign up, pair, check in, make and keep a promise, call and resume a
//! pause, and the draft coach flags a sarcastic draft in the chat as it is
//! typed. Skipped only when chromedriver is absent and CI is unset.

mod common;

use fantoccini::{Client as Browser, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn browser(port: u16, profile: &std::path::Path) -> Browser {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=412,915",
                     format!("--user-data-dir={}", profile.display())]
        }),
    );
    for _ in 0..50 {
        if let Ok(c) =
            ClientBuilder::new(HttpConnector::new()).capabilities(caps.clone()).connect(&format!("http://127.0.0.1:{port}")).await
        {
            return c;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    panic!("chromedriver did not start a browser");
}

async fn fill(b: &Browser, css: &str, text: &str) {
    let e = b.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}"));
    e.clear().await.unwrap();
    e.send_keys(text).await.unwrap();
}

async fn click(b: &Browser, css: &str) {
    b.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).click().await.unwrap();
}

/// Clicks a submit button and waits for the page it leads to (the old page
/// is marked first, so a redirect back to the same URL is noticed too).
async fn submit(b: &Browser, css: &str) {
    b.execute("document.documentElement.dataset.stale = '1'", vec![]).await.unwrap();
    click(b, css).await;
    for _ in 0..100 {
        let v = b.execute("return document.readyState === 'complete' && !document.documentElement.dataset.stale", vec![]).await;
        if v.ok().and_then(|v| v.as_bool()) == Some(true) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no new page after clicking {css}");
}

async fn text(b: &Browser, css: &str) -> String {
    b.find(Locator::Css(css)).await.unwrap_or_else(|e| panic!("{css}: {e}")).text().await.unwrap()
}

async fn sign_up(b: &Browser, base: &str, name: &str) {
    b.goto(&format!("{base}/signup")).await.unwrap();
    fill(b, "#name", name).await;
    fill(b, "#email", &format!("{}@example.org", name.to_lowercase())).await;
    fill(b, "#password", common::PW).await;
    submit(b, "button[type=submit]").await;
    b.wait().for_element(Locator::Css("h1")).await.unwrap();
}

#[tokio::test]
async fn two_partners_in_a_real_browser() {
    if Command::new("chromedriver").arg("--version").output().is_err() {
        assert!(std::env::var_os("CI").is_none(), "CI is set but chromedriver is missing");
        eprintln!("skipping: chromedriver not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let server = common::start(&format!("sqlite://{}", dir.path().join("h.db").display())).await;
    // localhost, not 127.0.0.1: browsers accept Secure cookies from it.
    let base = format!("http://localhost:{}", server.addr.port());
    let port = free_port();
    let _driver =
        Driver(Command::new("chromedriver").arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap());

    let ana = browser(port, &dir.path().join("ana")).await;
    let bo = browser(port, &dir.path().join("bo")).await;

    // Sign up and pair.
    sign_up(&ana, &base, "Ana").await;
    submit(&ana, "form[action='/pair'] button").await;
    let code = ana.wait().for_element(Locator::Css("#invite-code")).await.unwrap().text().await.unwrap();
    assert_eq!(code.len(), 11, "{code}");
    sign_up(&bo, &base, "Bo").await;
    fill(&bo, "#code", &code).await;
    submit(&bo, "form[action='/pair/join'] button").await;
    assert!(text(&bo, "h1").await.contains("You and Ana"));

    // Bo checks in and shares; it is on Ana's agenda.
    bo.goto(&format!("{base}/checkins")).await.unwrap();
    fill(&bo, "#felt_unsafe", "when plans changed without a word").await;
    click(&bo, "input[name=share]").await;
    submit(&bo, "form[action='/checkins'] button").await;
    ana.goto(&format!("{base}/checkins")).await.unwrap();
    assert!(text(&ana, "#agenda").await.contains("when plans changed without a word"));

    // Ana promises; Bo marks it kept; Ana sees it.
    ana.goto(&format!("{base}/promises")).await.unwrap();
    fill(&ana, "#what", "text when I'm running late").await;
    submit(&ana, "form[action='/promises'] button").await;
    bo.goto(&format!("{base}/promises")).await.unwrap();
    submit(&bo, "#to-grade button[value=kept]").await;
    ana.goto(&format!("{base}/promises")).await.unwrap();
    assert!(text(&ana, "#resolved").await.contains("kept"));
    assert!(text(&ana, "#consistency").await.contains("1 of 1 kept"));

    // Ana calls a pause; Bo's chat shows it; Ana resumes; it is gone.
    ana.goto(&format!("{base}/pauses")).await.unwrap();
    fill(&ana, "#topic", "the move").await;
    click(&ana, "#minutes option[value='20']").await;
    submit(&ana, "form[action='/pauses'] button").await;
    bo.goto(&format!("{base}/chat")).await.unwrap();
    assert!(text(&bo, ".paused-banner").await.contains("the move"));
    submit(&ana, "#running button").await;
    assert!(ana.current_url().await.unwrap().path().ends_with("/chat"));
    bo.refresh().await.unwrap();
    assert!(bo.find(Locator::Css(".paused-banner")).await.is_err());

    // The draft coach flags sarcasm while Ana types, words underlined, with
    // a gentler rewrite; "send anyway" still sends.
    ana.goto(&format!("{base}/chat")).await.unwrap();
    fill(&ana, "#draft", "Oh great, you forgot again. Real mature.").await;
    let live = ana.wait().at_most(Duration::from_secs(10)).for_element(Locator::Css("#coach .coach-findings[data-live]")).await.unwrap();
    let coach = live.text().await.unwrap();
    assert!(coach.contains("Sarcasm"), "{coach}");
    assert!(coach.contains("gentler way"), "{coach}");
    assert!(!ana.find(Locator::Css("#coach mark")).await.unwrap().text().await.unwrap().is_empty());
    let png = ana.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000);
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("draft-coach.png"), &png).unwrap();
    submit(&ana, "#send").await;
    submit(&ana, "#send-anyway").await;
    bo.goto(&format!("{base}/chat")).await.unwrap();
    assert!(text(&bo, "#messages").await.contains("Real mature"));

    ana.close().await.unwrap();
    bo.close().await.unwrap();
}
