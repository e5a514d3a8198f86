//! haven-core: the emotional-safety taxonomy, text understanding, the rules,
//! the learned scorer and the analysis of one message in its context.
//!
//! Pure and synchronous: no I/O. Importers, reports, storage and the server
//! build on it; nothing here knows about them.

pub mod analyze;
pub mod batch;
pub mod conversation;
pub mod embed;
pub mod eval;
mod huge_pages;
pub mod lexicon;
pub mod rules;
pub mod scorer;
pub mod signals;
pub mod taxonomy;
pub mod text;

pub use analyze::{Analyzer, MessageAnalysis};

/// The longest single message haven reads (1 MiB): far beyond any chat
/// message or draft. A 10 MB "message" is a pasted file or a broken export;
/// analysing it would take seconds and say nothing, so the importers, the
/// CLI and the server refuse it with an error that says where.
pub const MAX_MESSAGE_BYTES: usize = 1 << 20;
pub use conversation::{Conversation, Message};
pub use rules::Finding;
pub use taxonomy::{Behaviour, Kind};
