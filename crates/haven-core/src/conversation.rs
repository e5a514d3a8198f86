//! The shape every importer produces and every analysis reads.

use serde::{Deserialize, Serialize};

/// One message (one turn of one speaker).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Message {
    /// The speaker's name as it appears in the source.
    pub speaker: String,
    /// RFC 3339 time with offset, or seconds from the start of a recording
    /// (transcripts), as written by the importer. `None` when the source has
    /// no time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// End of the utterance in seconds (transcripts with cue timings).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    pub text: String,
    /// A media placeholder ("<Media omitted>", "image omitted"…).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub media: bool,
    /// "This message was deleted".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// The message was edited after sending.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub edited: bool,
    /// An id from the source, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// A conversation between participants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Conversation {
    /// Names as they appear in the source, partner A first.
    pub participants: Vec<String>,
    pub messages: Vec<Message>,
}
