//! Where parsed messages go: speaker bookkeeping, `--pair` filtering,
//! group-chat detection, `--me` ordering and `--lenient` warnings.

use haven_core::Message;

use crate::error::{ErrorKind, ImportError, Location};
use crate::time::LocalZone;
use crate::ImportOptions;

/// Shared state of one import: options, zone, output.
pub(crate) struct Sink<'a> {
    /// The file name used in errors.
    pub file: String,
    /// The zone for wall-clock times.
    pub zone: LocalZone,
    lenient: bool,
    me: Option<String>,
    pair: Option<(String, String)>,
    /// Everyone who speaks, in order of first message.
    speakers: Vec<String>,
    /// For each speaker: are their messages kept?
    keep: Vec<bool>,
    /// Names a format declares (a participant list) even if they never speak.
    declared: Vec<String>,
    /// Where the third speaker first appeared.
    group_at: Option<Location>,
    delivered: usize,
    /// The first oversized message, reported when the import finishes.
    oversized: Option<ImportError>,
    out: &'a mut dyn FnMut(Message),
    warn: &'a mut dyn FnMut(ImportError),
}

fn same_name(a: &str, b: &str) -> bool {
    a == b || a.trim().to_lowercase() == b.trim().to_lowercase()
}

impl<'a> Sink<'a> {
    pub(crate) fn new(
        file: String,
        opts: &ImportOptions,
        out: &'a mut dyn FnMut(Message),
        warn: &'a mut dyn FnMut(ImportError),
    ) -> Result<Self, ImportError> {
        let zone = LocalZone::from_env(&file)?;
        Ok(Sink {
            file,
            zone,
            lenient: opts.lenient,
            me: opts.me.clone(),
            pair: opts.pair.clone(),
            speakers: Vec::new(),
            keep: Vec::new(),
            declared: Vec::new(),
            group_at: None,
            delivered: 0,
            oversized: None,
            out,
            warn,
        })
    }

    /// The name for the exporting user's own messages where the export has
    /// none (iMessage `is_from_me`, Signal "outgoing"): `--me`, else "Me".
    pub(crate) fn me_name(&self) -> String {
        self.me.clone().unwrap_or_else(|| "Me".to_string())
    }

    /// Record names the export declares as participants.
    pub(crate) fn declare(&mut self, name: &str) {
        if !name.is_empty() && !self.declared.iter().any(|d| d == name) {
            self.declared.push(name.to_string());
        }
    }

    /// Deliver one message found at `loc`. A message over
    /// [`haven_core::MAX_MESSAGE_BYTES`] is skipped: with a warning under
    /// `lenient`, otherwise the import fails when it finishes, naming it.
    pub(crate) fn push(&mut self, msg: Message, loc: impl FnOnce() -> Location) {
        if msg.text.len() > haven_core::MAX_MESSAGE_BYTES {
            let err = ImportError::new(
                ErrorKind::TooLarge,
                &self.file,
                loc(),
                format!("a message of {:.1} MB from {}", msg.text.len() as f64 / 1e6, msg.speaker),
                format!("messages of at most {} MiB", haven_core::MAX_MESSAGE_BYTES >> 20),
                "this looks like a pasted file or a damaged export; run with --lenient to skip it",
            );
            if self.lenient {
                (self.warn)(err);
            } else if self.oversized.is_none() {
                self.oversized = Some(err);
            }
            return;
        }
        let idx = match self.speakers.iter().position(|s| *s == msg.speaker) {
            Some(i) => i,
            None => {
                let keep = match &self.pair {
                    Some((a, b)) => same_name(a, &msg.speaker) || same_name(b, &msg.speaker),
                    None => self.speakers.len() < 2,
                };
                if !keep && self.pair.is_none() && self.group_at.is_none() {
                    self.group_at = Some(loc());
                }
                self.speakers.push(msg.speaker.clone());
                self.keep.push(keep);
                self.speakers.len() - 1
            }
        };
        if self.keep[idx] && self.group_at.is_none() {
            self.delivered += 1;
            (self.out)(msg);
        }
    }

    /// A malformed record: an error, or under `lenient` a warning.
    pub(crate) fn malformed(&mut self, err: ImportError) -> Result<(), ImportError> {
        if self.lenient {
            (self.warn)(err);
            Ok(())
        } else {
            Err(err)
        }
    }

    /// The `--pair` names, when given.
    pub(crate) fn pair_names(&self) -> Option<(String, String)> {
        self.pair.clone()
    }

    /// Settle the participants (partner A first) once every message has
    /// been delivered.
    pub(crate) fn finish(mut self) -> Result<Vec<String>, ImportError> {
        if let Some(e) = self.oversized.take() {
            return Err(e);
        }
        let everyone: Vec<String> = {
            let mut v = self.speakers.clone();
            for d in &self.declared {
                if !v.iter().any(|s| s == d) {
                    v.push(d.clone());
                }
            }
            v
        };
        let mut participants = if let Some((a, b)) = &self.pair {
            let mut chosen = Vec::new();
            for want in [a, b] {
                let found = everyone.iter().find(|s| *s == want).or_else(|| everyone.iter().find(|s| same_name(s, want)));
                match found {
                    Some(n) => chosen.push(n.clone()),
                    None => {
                        return Err(ImportError::new(
                            ErrorKind::UnknownName,
                            &self.file,
                            Location::Whole,
                            format!("--pair name {want:?} is not a participant"),
                            format!("one of: {}", everyone.join(", ")),
                            "check the spelling of the names given to --pair",
                        )
                        .with_participants(everyone))
                    }
                }
            }
            if same_name(&chosen[0], &chosen[1]) {
                return Err(ImportError::new(
                    ErrorKind::UnknownName,
                    &self.file,
                    Location::Whole,
                    "--pair names the same person twice",
                    format!("two different names among: {}", everyone.join(", ")),
                    "give two different participants to --pair NAME1,NAME2",
                )
                .with_participants(everyone));
            }
            chosen
        } else if let Some(at) = self.group_at.clone() {
            return Err(ImportError::new(
                ErrorKind::GroupChat,
                &self.file,
                at,
                format!("this is a group chat with {} participants: {}", self.speakers.len(), self.speakers.join(", ")),
                "a conversation between two people",
                "choose the two people to analyse with --pair NAME1,NAME2",
            )
            .with_participants(self.speakers.clone()));
        } else {
            let mut p = self.speakers.clone();
            for d in &self.declared {
                if p.len() >= 2 {
                    break;
                }
                if !p.iter().any(|s| s == d) {
                    p.push(d.clone());
                }
            }
            p
        };
        if self.delivered == 0 {
            return Err(ImportError::new(
                ErrorKind::NoMessages,
                &self.file,
                Location::Whole,
                "no messages found (only system lines, or nothing from the chosen people)",
                "at least one message",
                "check that this is the right file and that the export includes messages",
            )
            .with_participants(everyone));
        }
        if let Some(me) = &self.me {
            let pos = participants.iter().position(|s| s == me).or_else(|| participants.iter().position(|s| same_name(s, me)));
            match pos {
                Some(i) => {
                    let m = participants.remove(i);
                    participants.insert(0, m);
                }
                None => {
                    return Err(ImportError::new(
                        ErrorKind::UnknownName,
                        &self.file,
                        Location::Whole,
                        format!("--me name {me:?} is not a participant"),
                        format!("one of: {}", participants.join(", ")),
                        "check the spelling of the name given to --me",
                    )
                    .with_participants(participants))
                }
            }
        }
        Ok(participants)
    }
}
