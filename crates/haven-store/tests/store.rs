//! The store's behaviour, run against SQLite and (when
//! HAVEN_TEST_DATABASE_URL is set, always in CI) PostgreSQL.

use haven_store::{consistency, test_stores, Member, Store, StoreError};

const T0: i64 = 1_780_000_000;
const PW: &str = "correct horse battery";

/// Runs `f` against every backend with a fresh database.
async fn each_store<F: AsyncFn(Store)>(f: F) {
    let dir = tempfile::tempdir().unwrap();
    for (backend, url) in test_stores(dir.path()).await {
        let store = Store::open(&url).await.unwrap_or_else(|e| panic!("{backend:?}: {e}"));
        assert_eq!(store.backend(), backend);
        f(store.clone()).await;
        store.close().await;
    }
}

async fn user(s: &Store, name: &str) -> Member {
    let u = s.sign_up(&format!("{name}@example.org"), name, PW, T0).await.unwrap();
    s.member(&u.id).await.unwrap()
}

/// Two people paired through an invite code.
async fn couple(s: &Store, a: &str, b: &str) -> (Member, Member) {
    let ma = user(s, a).await;
    let mb = user(s, b).await;
    let code = s.create_invite(&ma, T0).await.unwrap();
    s.accept_invite(&mb, &code.to_lowercase(), T0 + 60).await.unwrap();
    (s.member(&ma.user.id).await.unwrap(), s.member(&mb.user.id).await.unwrap())
}

#[tokio::test]
async fn accounts_sessions_and_the_rate_limit() {
    each_store(async |s: Store| {
        let ana = user(&s, "ana").await;
        assert!(matches!(s.sign_up("ANA@example.org", "Ana", PW, T0).await, Err(StoreError::Conflict(_))));
        assert!(matches!(s.sign_up("bo@example.org", "Bo", "short", T0).await, Err(StoreError::Invalid(_))));

        let sess = s.sign_in(" Ana@Example.org", PW, "10.0.0.1", T0).await.unwrap();
        assert_eq!(sess.member.user.id, ana.user.id);
        assert_eq!(sess.token.len(), 64);
        let again = s.session(&sess.token, T0 + 10).await.unwrap().unwrap();
        assert_eq!(again.csrf, sess.csrf);
        // A second sign-in gets a different token (no fixation) and both live.
        let other = s.sign_in("ana@example.org", PW, "10.0.0.1", T0).await.unwrap();
        assert_ne!(other.token, sess.token);
        s.sign_out(&sess.token).await.unwrap();
        assert!(s.session(&sess.token, T0 + 20).await.unwrap().is_none());
        assert!(s.session(&other.token, T0 + 20).await.unwrap().is_some());
        // Sessions expire.
        assert!(s.session(&other.token, T0 + haven_store::SESSION_TTL_SECS + 1).await.unwrap().is_none());

        for i in 0..haven_store::MAX_SIGNIN_FAILURES {
            let e = s.sign_in("ana@example.org", "wrong password", "10.0.0.2", T0 + i).await.unwrap_err();
            assert!(matches!(e, StoreError::Invalid(_)), "{e}");
        }
        // Now even the right password is refused until the window passes.
        assert!(matches!(s.sign_in("ana@example.org", PW, "10.0.0.3", T0 + 30).await, Err(StoreError::RateLimited(_))));
        assert!(s.sign_in("ana@example.org", PW, "10.0.0.3", T0 + haven_store::SIGNIN_WINDOW_SECS + 10).await.is_ok());
        // An unknown address fails the same way as a wrong password.
        assert!(matches!(s.sign_in("nobody@example.org", PW, "10.0.0.4", T0).await, Err(StoreError::Invalid(_))));
        assert!(s.check_password(&ana.user.id, PW).await.unwrap());
        assert!(!s.check_password(&ana.user.id, "nope nope nope").await.unwrap());
    })
    .await;
}

#[tokio::test]
async fn pairing_codes_work_once_and_couples_hold_two() {
    each_store(async |s: Store| {
        let ana = user(&s, "ana").await;
        let bo = user(&s, "bo").await;
        let cy = user(&s, "cy").await;
        let code = s.create_invite(&ana, T0).await.unwrap();
        let ana = s.member(&ana.user.id).await.unwrap();
        assert!(matches!(s.accept_invite(&ana, &code, T0).await, Err(StoreError::Invalid(_))), "own code");
        assert!(matches!(s.accept_invite(&bo, "ZZZZZ-ZZZZZ", T0).await, Err(StoreError::Invalid(_))));
        s.accept_invite(&bo, &code, T0 + 1).await.unwrap();
        assert!(matches!(s.accept_invite(&cy, &code, T0 + 2).await, Err(StoreError::Invalid(_))), "used code");
        let ana = s.member(&ana.user.id).await.unwrap();
        let bo = s.member(&bo.user.id).await.unwrap();
        assert_eq!(ana.partner.as_ref().unwrap().id, bo.user.id);
        assert_eq!(bo.partner.as_ref().unwrap().id, ana.user.id);
        assert_eq!(ana.couple, bo.couple);
        assert!(matches!(s.create_invite(&ana, T0).await, Err(StoreError::Conflict(_))));
        // Expired codes do not work.
        let dee = user(&s, "dee").await;
        let code = s.create_invite(&cy, T0).await.unwrap();
        assert!(s.accept_invite(&dee, &code, T0 + haven_store::INVITE_TTL_SECS + 1).await.is_err());
        // Guessing is rate limited.
        let eve = user(&s, "eve").await;
        for _ in 0..haven_store::MAX_SIGNIN_FAILURES {
            let _ = s.accept_invite(&eve, "AAAAA-AAAAA", T0 + 5).await;
        }
        assert!(matches!(s.accept_invite(&eve, &code, T0 + 6).await, Err(StoreError::RateLimited(_))));
    })
    .await;
}

#[tokio::test]
async fn private_until_shared_and_no_way_into_another_couple() {
    each_store(async |s: Store| {
        let (ana, bo) = couple(&s, "ana", "bo").await;
        let (cy, dee) = couple(&s, "cy", "dee").await;
        let private = s.add_checkin(&ana, "you listened", "", false, T0).await.unwrap();
        assert_eq!(s.checkins(&ana).await.unwrap().len(), 1);
        assert!(s.checkins(&bo).await.unwrap().is_empty(), "private until shared");
        assert!(matches!(s.share_checkin(&bo, &private.id).await, Err(StoreError::NotFound)), "only the author shares");
        s.share_checkin(&ana, &private.id).await.unwrap();
        assert_eq!(s.checkins(&bo).await.unwrap()[0].felt_safe, "you listened");
        s.mark_discussed(&bo, &private.id).await.unwrap();

        let p = s.add_promise(&ana, "call my sister back", None, T0).await.unwrap();
        s.add_appreciation(&ana, "thank you for dinner", T0).await.unwrap();
        let pause = s.call_pause(&ana, "money", 30, T0).await.unwrap();
        let space = s.add_space_request(&bo, "tonight to myself", None, T0).await.unwrap();
        s.add_chat_message(&ana, "hello love", &[], false, T0).await.unwrap();
        let report = s.add_report(&ana, "spring", "summary", "{}", "<p>r</p>", T0).await.unwrap();

        // The other couple sees nothing and can change nothing.
        for m in [&cy, &dee] {
            assert!(s.checkins(m).await.unwrap().is_empty());
            assert!(s.promises(m).await.unwrap().is_empty());
            assert!(s.appreciations(m).await.unwrap().is_empty());
            assert!(s.pauses(m).await.unwrap().is_empty());
            assert!(s.space_requests(m).await.unwrap().is_empty());
            assert!(s.chat(m, 10).await.unwrap().is_empty());
            assert!(s.reports(m).await.unwrap().is_empty());
            assert!(matches!(s.report(m, &report.id).await, Err(StoreError::NotFound)));
            assert!(matches!(s.resolve_promise(m, &p.id, false, T0).await, Err(StoreError::NotFound)));
            assert!(matches!(s.mark_discussed(m, &private.id).await, Err(StoreError::NotFound)));
            assert!(matches!(s.resume_pause(m, &pause.id, T0 + 99_999).await, Err(StoreError::NotFound)));
            assert!(matches!(s.acknowledge_space(m, &space.id, T0).await, Err(StoreError::NotFound)));
            assert!(matches!(s.share_report(m, &report.id, true).await, Err(StoreError::NotFound)));
            assert!(matches!(s.delete_report(m, &report.id).await, Err(StoreError::NotFound)));
        }
        // Reports are private to the uploader until shared.
        assert!(s.reports(&bo).await.unwrap().is_empty());
        assert!(matches!(s.report(&bo, &report.id).await, Err(StoreError::NotFound)));
        s.share_report(&ana, &report.id, true).await.unwrap();
        assert_eq!(s.report(&bo, &report.id).await.unwrap().2, "<p>r</p>");
        assert!(matches!(s.delete_report(&bo, &report.id).await, Err(StoreError::NotFound)), "only the owner deletes");
        // Space is acknowledged by the partner, not the asker.
        assert!(matches!(s.acknowledge_space(&bo, &space.id, T0).await, Err(StoreError::NotFound)));
        s.acknowledge_space(&ana, &space.id, T0 + 5).await.unwrap();
        assert_eq!(s.space_requests(&bo).await.unwrap()[0].acknowledged_at, Some(T0 + 5));
    })
    .await;
}

#[tokio::test]
async fn promises_are_graded_by_the_partner_they_were_made_to() {
    each_store(async |s: Store| {
        let (ana, bo) = couple(&s, "ana", "bo").await;
        let p1 = s.add_promise(&ana, "walk the dog", None, T0).await.unwrap();
        let p2 = s.add_promise(&ana, "phone at dinner away", None, T0).await.unwrap();
        let p3 = s.add_promise(&ana, "book the trip", Some(T0 + 86_400), T0).await.unwrap();
        assert_eq!(p1.made_to, bo.user.id);
        assert!(matches!(s.resolve_promise(&ana, &p1.id, true, T0).await, Err(StoreError::NotFound)), "no grading your own");
        s.resolve_promise(&bo, &p1.id, true, T0 + 10).await.unwrap();
        s.resolve_promise(&bo, &p2.id, false, T0 + 8 * 86_400).await.unwrap();
        assert!(matches!(s.resolve_promise(&bo, &p1.id, false, T0).await, Err(StoreError::NotFound)), "resolved once");
        let all = s.promises(&bo).await.unwrap();
        let c = consistency(&all, &ana.user.id);
        assert_eq!((c.kept, c.broken, c.open), (1, 1, 1));
        assert_eq!(c.score, Some(0.5));
        assert_eq!(c.weekly.len(), 2);
        assert!(consistency(&all, &bo.user.id).score.is_none());
        assert_eq!(all.iter().find(|p| p.id == p3.id).unwrap().due_at, Some(T0 + 86_400));
        assert!(matches!(s.add_promise(&ana, "  ", None, T0).await, Err(StoreError::Invalid(_))));
    })
    .await;
}

#[tokio::test]
async fn pauses_last_at_least_twenty_minutes_and_only_the_caller_cuts_them_short() {
    each_store(async |s: Store| {
        let (ana, bo) = couple(&s, "ana", "bo").await;
        assert!(matches!(s.call_pause(&ana, "money", 5, T0).await, Err(StoreError::Invalid(_))));
        let p = s.call_pause(&ana, "money", 20, T0).await.unwrap();
        assert!(p.is_running(T0 + 60) && !p.is_due(T0 + 60));
        assert!(matches!(s.resume_pause(&bo, &p.id, T0 + 60).await, Err(StoreError::Conflict(_))));
        let open = s.open_pauses(&bo).await.unwrap();
        assert_eq!(open.len(), 1);
        assert!(open[0].is_due(T0 + 20 * 60));
        // Once due, either partner reopens it.
        s.resume_pause(&bo, &p.id, T0 + 20 * 60).await.unwrap();
        assert!(s.open_pauses(&ana).await.unwrap().is_empty());
        let q = s.call_pause(&bo, "the in-laws", 60, T0).await.unwrap();
        s.resume_pause(&bo, &q.id, T0 + 30).await.unwrap();
        let all = s.pauses(&ana).await.unwrap();
        assert!(all.iter().all(|p| p.resumed_at.is_some()));
        assert_eq!(all.iter().find(|x| x.id == q.id).unwrap().resumed_by.as_deref(), Some(bo.user.id.as_str()));
    })
    .await;
}

#[tokio::test]
async fn export_holds_ones_data_and_delete_really_deletes() {
    each_store(async |s: Store| {
        let (ana, bo) = couple(&s, "ana", "bo").await;
        s.add_checkin(&ana, "safe", "unsafe", false, T0).await.unwrap();
        s.add_promise(&bo, "cook friday", None, T0).await.unwrap();
        s.add_appreciation(&ana, "you made me laugh", T0).await.unwrap();
        s.add_chat_message(&ana, "see you soon", &[], false, T0).await.unwrap();
        s.add_report(&ana, "r", "s", "{}", "<p></p>", T0).await.unwrap();
        let e = s.export(&ana).await.unwrap();
        assert_eq!(e["account"]["email"], "ana@example.org");
        assert_eq!(e["checkins"][0]["felt_unsafe"], "unsafe");
        assert_eq!(e["promises"][0]["what"], "cook friday", "promises made to me are mine too");
        assert_eq!(e["appreciations"].as_array().unwrap().len(), 1);
        assert_eq!(e["chat_messages"][0]["body"], "see you soon");
        assert_eq!(e["reports"].as_array().unwrap().len(), 1);

        s.delete_account(&ana.user.id).await.unwrap();
        assert!(matches!(s.member(&ana.user.id).await, Err(StoreError::NotFound)));
        let bo = s.member(&bo.user.id).await.unwrap();
        assert!(bo.partner.is_none());
        assert!(s.appreciations(&bo).await.unwrap().is_empty());
        assert!(s.chat(&bo, 10).await.unwrap().is_empty());
        assert!(s.promises(&bo).await.unwrap().is_empty(), "a promise to a deleted person goes with them");
        assert!(matches!(s.sign_in("ana@example.org", PW, "x", T0).await, Err(StoreError::Invalid(_))));
        // The last member gone, the couple goes too.
        s.delete_account(&bo.user.id).await.unwrap();
    })
    .await;
}

#[tokio::test]
async fn leaving_keeps_what_was_shared_and_drops_what_was_private() {
    each_store(async |s: Store| {
        let (ana, bo) = couple(&s, "ana", "bo").await;
        s.add_checkin(&ana, "private", "", false, T0).await.unwrap();
        s.add_checkin(&ana, "shared", "", true, T0).await.unwrap();
        let r = s.add_report(&ana, "r", "s", "{}", "<p></p>", T0).await.unwrap();
        s.share_report(&ana, &r.id, true).await.unwrap();
        s.leave_couple(&ana).await.unwrap();
        let ana = s.member(&ana.user.id).await.unwrap();
        let bo = s.member(&bo.user.id).await.unwrap();
        assert!(ana.couple.is_none() && bo.partner.is_none());
        let left: Vec<String> = s.checkins(&bo).await.unwrap().into_iter().map(|c| c.felt_safe).collect();
        assert_eq!(left, ["shared"]);
        assert!(s.reports(&bo).await.unwrap().is_empty(), "the report is no longer shared");
        assert_eq!(s.reports(&ana).await.unwrap().len(), 1, "but still the uploader's");
        // Bo can pair again.
        let code = s.create_invite(&bo, T0).await.unwrap();
        let cy = user(&s, "cy").await;
        s.accept_invite(&cy, &code, T0).await.unwrap();
    })
    .await;
}
