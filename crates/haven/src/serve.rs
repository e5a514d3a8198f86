//! `haven serve`: the couple space on this machine.

use anyhow::{Context, Result};
use std::net::SocketAddr;
use std::path::PathBuf;

/// The per-user data directory: `$XDG_DATA_HOME/haven`, else
/// `~/.local/share/haven` (`%APPDATA%\haven` on Windows).
fn default_data_dir() -> Result<PathBuf> {
    if let Some(d) = std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d).join("haven"));
    }
    if let Some(d) = std::env::var_os("APPDATA").filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(d).join("haven"));
    }
    let home = std::env::var_os("HOME").filter(|d| !d.is_empty()).context("cannot find your home directory: pass --data-dir DIR")?;
    Ok(PathBuf::from(home).join(".local/share/haven"))
}

/// glibc raises its mmap threshold after the first large block is freed, so
/// argon2's 19 MiB working memory then comes from per-thread heaps that keep
/// it: a sign-in burst left the server at 1 GB RSS in a soak. Pinning the
/// threshold keeps large blocks mmapped and returned on free (RSS stays near
/// 50 MB in the same soak).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn pin_mmap_threshold() {
    // SAFETY: mallopt only changes allocator tuning; called before any
    // other thread of this process exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn pin_mmap_threshold() {}

pub fn run(listen: SocketAddr, data_dir: Option<PathBuf>, insecure_cookies: bool) -> Result<u8> {
    pin_mmap_threshold();
    let rt = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    rt.block_on(async move {
        let (store, where_) = match std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()) {
            Some(url) => {
                let shown = url.split_once('@').map_or(url.clone(), |(_, host)| format!("postgres://…@{host}"));
                (haven_store::Store::open(&url).await.with_context(|| format!("opening the database {shown}"))?, shown)
            }
            None => {
                let dir = match data_dir {
                    Some(d) => d,
                    None => default_data_dir()?,
                };
                let store = haven_store::Store::open_dir(&dir).await.with_context(|| format!("opening the database in {}", dir.display()))?;
                (store, dir.join("haven.db").display().to_string())
            }
        };
        let listener = tokio::net::TcpListener::bind(listen).await.with_context(|| format!("listening on {listen}"))?;
        let addr = listener.local_addr()?;
        println!("haven couple space: http://{addr}/  (data: {where_}; ctrl-c to stop)");
        if !addr.ip().is_loopback() && !insecure_cookies {
            eprintln!("note: serving beyond this machine over plain HTTP; browsers will refuse the Secure session cookie unless a TLS proxy fronts it (or pass --insecure-cookies on a trusted network)");
        }
        haven_server::serve(listener, store.clone(), haven_server::Config { secure_cookies: !insecure_cookies }).await.context("serving")?;
        store.close().await;
        Ok(0)
    })
}
