//! The audit trail as a hash chain, so that an event edited, deleted, inserted or moved
//! directly in the database is found.
//!
//! Each event has a place in the chain (`seq`, 1, 2, 3, … with no gaps), the hash of the
//! event before it (`prev_hash`; the first event's is [`GENESIS`]) and its own hash:
//! SHA-256 over the previous hash and a canonical encoding of the event's fields
//! ([`canonical`]). The chain is extended in the same transaction as the change, and write
//! transactions take their turn one at a time (`Db::begin`), so concurrent writers make one
//! chain. A checkpoint — the head signed with the office's key (`checkpoint`) — kept
//! elsewhere proves later that history up to it was not rewritten, even by someone who
//! recomputed every hash after it.

use std::collections::HashMap;

use base64::Engine as _;
use ed25519_dalek::{Signer, Verifier};
use futures_util::TryStreamExt;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, FromRow};

use crate::{Db, Result};

/// The previous hash of the first event.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// An event's fields that its hash covers: everything but its row id and its place, which
/// only say where it is stored (a moved event is found by its link to the one before).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Fields {
    pub at: i64,
    pub actor_id: Option<i64>,
    pub actor_label: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
    pub address: Option<String>,
}

/// The bytes hashed for an event: a version tag, then each field in a fixed order, absent
/// as one 0 byte, present as a 1 byte, its length (8 bytes, big-endian) and its UTF-8 —
/// so no two different events encode the same.
pub fn canonical(fields: &Fields) -> Vec<u8> {
    fn put(out: &mut Vec<u8>, value: Option<&str>) {
        match value {
            None => out.push(0),
            Some(text) => {
                out.push(1);
                out.extend_from_slice(&(text.len() as u64).to_be_bytes());
                out.extend_from_slice(text.as_bytes());
            }
        }
    }
    let mut out = b"scrutineer-audit-v1".to_vec();
    put(&mut out, Some(&fields.at.to_string()));
    put(
        &mut out,
        fields.actor_id.map(|id| id.to_string()).as_deref(),
    );
    put(&mut out, Some(&fields.actor_label));
    put(&mut out, Some(&fields.action));
    put(&mut out, Some(&fields.entity));
    put(&mut out, fields.entity_id.as_deref());
    put(&mut out, fields.before_json.as_deref());
    put(&mut out, fields.after_json.as_deref());
    put(&mut out, fields.address.as_deref());
    out
}

/// The hash of an event that follows the event whose hash is `prev`, as lower-case hex.
pub fn hash(prev: &str, fields: &Fields) -> String {
    let mut digest = Sha256::new();
    digest.update(prev.as_bytes());
    digest.update(canonical(fields));
    crate::hex(&digest.finalize())
}

/// Where the chain ends: the place and hash of its last event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, FromRow)]
pub struct Head {
    pub seq: i64,
    pub hash: String,
}

/// The last event in the chain, if any. Called inside the writing transaction, whose turn
/// (`Db::begin`) keeps it the last until the transaction ends.
pub(crate) async fn head(conn: &mut AnyConnection) -> Result<Option<Head>> {
    Ok(sqlx::query_as(
        "SELECT seq, hash FROM audit_events WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1",
    )
    .fetch_optional(conn)
    .await?)
}

/// The place and hashes for the next event.
pub(crate) async fn next(
    conn: &mut AnyConnection,
    fields: &Fields,
) -> Result<(i64, String, String)> {
    let (seq, prev) = match head(conn).await? {
        Some(head) => (head.seq + 1, head.hash),
        None => (1, GENESIS.to_owned()),
    };
    let hash = hash(&prev, fields);
    Ok((seq, prev, hash))
}

/// Seals the events written before the chain existed, in the order they were written, when
/// the chain has not begun. Afterwards an event outside the chain can only have been put
/// there behind Scrutineer's back, and [`verify`] says so instead of sealing it.
pub(crate) async fn seal_earlier_events(db: &Db) -> Result<u64> {
    let mut tx = db.begin().await?;
    let unsealed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) AS n FROM audit_events WHERE hash IS NULL")
            .fetch_one(&mut *tx)
            .await?;
    if unsealed == 0 || head(&mut tx).await?.is_some() {
        return Ok(0);
    }
    let rows: Vec<Stored> = sqlx::query_as(&format!("{SELECT} WHERE hash IS NULL ORDER BY id"))
        .fetch_all(&mut *tx)
        .await?;
    let mut prev = GENESIS.to_owned();
    for (seq, stored) in (1..).zip(&rows) {
        let hash = hash(&prev, &stored.fields);
        sqlx::query("UPDATE audit_events SET seq = $1, prev_hash = $2, hash = $3 WHERE id = $4")
            .bind(seq)
            .bind(&prev)
            .bind(&hash)
            .bind(stored.id)
            .execute(&mut *tx)
            .await?;
        prev = hash;
    }
    tx.commit().await?;
    Ok(rows.len() as u64)
}

const SELECT: &str = "SELECT id, seq, prev_hash, hash, at, actor_id, actor_label, action, entity, \
     entity_id, before_json, after_json, address FROM audit_events";

/// An event as stored, chain columns and all.
#[derive(Debug, Clone, FromRow)]
struct Stored {
    id: i64,
    seq: Option<i64>,
    prev_hash: Option<String>,
    hash: Option<String>,
    #[sqlx(flatten)]
    fields: Fields,
}

impl Stored {
    fn hash_is_right(&self) -> bool {
        match (&self.prev_hash, &self.hash) {
            (Some(prev), Some(stored)) => hash(prev, &self.fields) == *stored,
            _ => false,
        }
    }
}

/// The first thing wrong with the chain, as found by [`verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub enum Break {
    #[error("event {seq} (row {id}) was edited: its contents no longer match its hash")]
    Edited { seq: i64, id: i64 },
    #[error("{} deleted: the chain goes from event {before} to event {after}", missing(*.first, *.last))]
    Deleted {
        first: i64,
        last: i64,
        before: i64,
        after: i64,
    },
    #[error("row {id} was inserted: it is not part of the chain")]
    Inserted { id: i64 },
    #[error("event {seq} (row {id}) was inserted: the event after it follows the one before it")]
    InsertedInChain { seq: i64, id: i64 },
    #[error("event {seq} (row {id}) is out of order: it follows event {follows}, which now stands after it")]
    Reordered { seq: i64, id: i64, follows: i64 },
    #[error("the chain breaks at event {seq} (row {id}): it follows an event that is no longer there — the event before it was rewritten and rehashed, or replaced")]
    Relinked { seq: i64, id: i64 },
    #[error("the chain's head at event {seq} does not match the checkpoint: history up to it was rewritten")]
    Rewritten { seq: i64 },
    #[error("the checkpoint names event {seq}, but the chain ends at event {head}: events after the checkpoint's were deleted")]
    Truncated { seq: i64, head: i64 },
}

fn missing(first: i64, last: i64) -> String {
    if first == last {
        format!("event {first} was")
    } else {
        format!("events {first} to {last} were")
    }
}

/// What [`verify`] found: how many events it read, the head, and the first break if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub events: i64,
    pub head: Option<Head>,
    pub first_break: Option<Break>,
}

/// Reads the whole trail in chain order and returns the first edited, deleted, inserted or
/// moved event. Reads in one pass plus a map of hash → place (about 100 bytes an event).
pub async fn verify(db: &Db) -> Result<Report> {
    let mut conn = db.pool().acquire().await?;
    let mut events: Vec<Stored> = Vec::new();
    let mut outside = Outside::default();
    let sql = format!("{SELECT} ORDER BY seq, id");
    {
        let mut rows = sqlx::query_as::<_, Stored>(&sql).fetch(&mut *conn);
        while let Some(stored) = rows.try_next().await? {
            if stored.seq.is_none() || stored.hash.is_none() || stored.prev_hash.is_none() {
                outside.rows += 1;
                outside.first.get_or_insert(stored.id);
            } else {
                events.push(stored);
            }
        }
    }
    Ok(examine(&events, outside))
}

/// Rows found outside the chain: how many, and the first's id.
#[derive(Debug, Default, Clone, Copy)]
struct Outside {
    rows: i64,
    first: Option<i64>,
}

fn examine(events: &[Stored], outside: Outside) -> Report {
    let head = events.last().map(|e| Head {
        seq: e.seq.unwrap_or_default(),
        hash: e.hash.clone().unwrap_or_default(),
    });
    let place: HashMap<&str, i64> = events
        .iter()
        .filter_map(|e| Some((e.hash.as_deref()?, e.seq?)))
        .collect();
    let report = |first_break| Report {
        events: events.len() as i64 + outside.rows,
        head: head.clone(),
        first_break,
    };
    let mut prev = GENESIS;
    let mut prev_seq = 0;
    for (i, event) in events.iter().enumerate() {
        let (seq, id) = (event.seq.unwrap_or_default(), event.id);
        let event_prev = event.prev_hash.as_deref().unwrap_or_default();
        let own = event.hash.as_deref().unwrap_or_default();
        let next_prev = events.get(i + 1).and_then(|n| n.prev_hash.as_deref());
        let found = if !event.hash_is_right() {
            Some(Break::Edited { seq, id })
        } else if event_prev != prev {
            match place.get(event_prev) {
                Some(&follows) if follows > seq => Some(Break::Reordered { seq, id, follows }),
                _ if seq > prev_seq + 1 => Some(Break::Deleted {
                    first: prev_seq + 1,
                    last: seq - 1,
                    before: prev_seq,
                    after: seq,
                }),
                _ if next_prev == Some(prev) => Some(Break::InsertedInChain { seq, id }),
                _ => Some(Break::Relinked { seq, id }),
            }
        } else if next_prev == Some(prev) && own != prev {
            Some(Break::InsertedInChain { seq, id })
        } else if seq != prev_seq + 1 {
            Some(Break::Deleted {
                first: prev_seq + 1,
                last: seq - 1,
                before: prev_seq,
                after: seq,
            })
        } else {
            None
        };
        if found.is_some() {
            return report(found);
        }
        prev = own;
        prev_seq = seq;
    }
    report(outside.first.map(|id| Break::Inserted { id }))
}

/// The office's signing key for checkpoints: 32 random bytes, base64 (`audit keygen`).
pub struct SigningKey(ed25519_dalek::SigningKey);

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error(
        "the audit signing key must be 32 bytes in base64, as `scrutineer audit keygen` prints"
    )]
    Signing,
    #[error("the checkpoint cannot be read: {0}")]
    Checkpoint(&'static str),
    #[error("the checkpoint's signature does not match its contents and key")]
    Signature,
}

fn b64() -> base64::engine::GeneralPurpose {
    base64::engine::general_purpose::STANDARD
}

impl SigningKey {
    pub fn generate() -> SigningKey {
        let mut seed = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut seed);
        SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed))
    }

    pub fn parse(text: &str) -> std::result::Result<SigningKey, KeyError> {
        let bytes = b64().decode(text.trim()).map_err(|_| KeyError::Signing)?;
        let seed: [u8; 32] = bytes.try_into().map_err(|_| KeyError::Signing)?;
        Ok(SigningKey(ed25519_dalek::SigningKey::from_bytes(&seed)))
    }

    /// The secret, to put in the configuration.
    pub fn secret(&self) -> String {
        b64().encode(self.0.to_bytes())
    }

    /// The public half, which checks checkpoints and may be shared.
    pub fn public(&self) -> String {
        b64().encode(self.0.verifying_key().to_bytes())
    }
}

/// A signed statement that the chain's event `seq` had hash `hash` at time `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
    pub at: i64,
    pub public_key: String,
    pub signature: String,
}

const CHECKPOINT_TAG: &str = "scrutineer-audit-checkpoint-v1";

impl Checkpoint {
    fn message(seq: i64, hash: &str, at: i64) -> String {
        format!("{CHECKPOINT_TAG} seq={seq} hash={hash} at={at}")
    }

    pub fn sign(head: &Head, at: i64, key: &SigningKey) -> Checkpoint {
        let message = Checkpoint::message(head.seq, &head.hash, at);
        Checkpoint {
            seq: head.seq,
            hash: head.hash.clone(),
            at,
            public_key: key.public(),
            signature: b64().encode(key.0.sign(message.as_bytes()).to_bytes()),
        }
    }

    /// One line, to keep elsewhere.
    pub fn line(&self) -> String {
        format!(
            "{} key={} signature={}",
            Checkpoint::message(self.seq, &self.hash, self.at),
            self.public_key,
            self.signature
        )
    }

    /// Reads a line written by [`Checkpoint::line`] and checks its signature against the
    /// key it names (which the reader compares with the office's published key).
    pub fn parse(line: &str) -> std::result::Result<Checkpoint, KeyError> {
        let mut words = line.split_whitespace();
        if words.next() != Some(CHECKPOINT_TAG) {
            return Err(KeyError::Checkpoint(
                "it does not start with the checkpoint tag",
            ));
        }
        let mut field = |name: &'static str| -> std::result::Result<String, KeyError> {
            words
                .next()
                .and_then(|w| w.strip_prefix(name)?.strip_prefix('='))
                .map(str::to_owned)
                .ok_or(KeyError::Checkpoint(name))
        };
        let seq = field("seq")?
            .parse()
            .map_err(|_| KeyError::Checkpoint("seq"))?;
        let hash = field("hash")?;
        let at = field("at")?
            .parse()
            .map_err(|_| KeyError::Checkpoint("at"))?;
        let public_key = field("key")?;
        let signature = field("signature")?;
        let key_bytes: [u8; 32] = b64()
            .decode(&public_key)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(KeyError::Checkpoint("key"))?;
        let signature_bytes: [u8; 64] = b64()
            .decode(&signature)
            .ok()
            .and_then(|b| b.try_into().ok())
            .ok_or(KeyError::Checkpoint("signature"))?;
        let key = ed25519_dalek::VerifyingKey::from_bytes(&key_bytes)
            .map_err(|_| KeyError::Checkpoint("key"))?;
        key.verify(
            Checkpoint::message(seq, &hash, at).as_bytes(),
            &ed25519_dalek::Signature::from_bytes(&signature_bytes),
        )
        .map_err(|_| KeyError::Signature)?;
        Ok(Checkpoint {
            seq,
            hash,
            at,
            public_key,
            signature,
        })
    }
}

/// Signs the chain's head as it is now; `None` when the trail is empty.
pub async fn checkpoint(db: &Db, key: &SigningKey) -> Result<Option<Checkpoint>> {
    let mut conn = db.pool().acquire().await?;
    let head = head(&mut conn).await?;
    Ok(head.map(|head| Checkpoint::sign(&head, crate::now(), key)))
}

/// Verifies the chain, then that its event at the checkpoint's place still has the hash the
/// checkpoint signed (a chain rewritten and rehashed from some event on verifies by itself,
/// but not against a checkpoint taken before).
pub async fn verify_against(db: &Db, checkpoint: &Checkpoint) -> Result<Report> {
    let mut report = verify(db).await?;
    if report.first_break.is_some() {
        return Ok(report);
    }
    let mut conn = db.pool().acquire().await?;
    let at_place: Option<String> =
        sqlx::query_scalar("SELECT hash FROM audit_events WHERE seq = $1")
            .bind(checkpoint.seq)
            .fetch_optional(&mut *conn)
            .await?;
    report.first_break = match at_place {
        Some(hash) if hash == checkpoint.hash => None,
        Some(_) => Some(Break::Rewritten {
            seq: checkpoint.seq,
        }),
        None => Some(Break::Truncated {
            seq: checkpoint.seq,
            head: report.head.as_ref().map(|h| h.seq).unwrap_or_default(),
        }),
    };
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(action: &str) -> Fields {
        Fields {
            at: 1_700_000_000,
            actor_id: Some(1),
            actor_label: "Admin".into(),
            action: action.into(),
            entity: "user".into(),
            entity_id: Some("1".into()),
            before_json: None,
            after_json: Some(r#"{"a":1}"#.into()),
            address: None,
        }
    }

    fn chain(actions: &[&str]) -> Vec<Stored> {
        let mut prev = GENESIS.to_owned();
        let mut events = Vec::new();
        for (i, action) in actions.iter().enumerate() {
            let fields = fields(action);
            let hash = hash(&prev, &fields);
            events.push(Stored {
                id: i as i64 + 10,
                seq: Some(i as i64 + 1),
                prev_hash: Some(prev),
                hash: Some(hash.clone()),
                fields,
            });
            prev = hash;
        }
        events
    }

    #[test]
    fn the_encoding_tells_absent_from_empty_and_fields_apart() {
        let mut a = fields("x");
        let mut b = fields("x");
        a.entity_id = None;
        b.entity_id = Some(String::new());
        assert_ne!(canonical(&a), canonical(&b));
        // Moving text from one field to the next changes the encoding.
        let (mut c, mut d) = (fields("ab"), fields("a"));
        c.entity = "c".into();
        d.entity = "bc".into();
        assert_ne!(canonical(&c), canonical(&d));
        assert_eq!(hash(GENESIS, &a), hash(GENESIS, &a.clone()));
        assert_eq!(hash(GENESIS, &a).len(), 64);
    }

    #[test]
    fn an_intact_chain_verifies_and_each_tampering_is_named() {
        let good = chain(&["a", "b", "c", "d", "e"]);
        assert_eq!(examine(&good, Outside::default()).first_break, None);
        assert_eq!(examine(&good, Outside::default()).head.unwrap().seq, 5);

        let mut edited = good.clone();
        edited[2].fields.action = "forged".into();
        assert_eq!(
            examine(&edited, Outside::default()).first_break,
            Some(Break::Edited { seq: 3, id: 12 })
        );

        let mut deleted = good.clone();
        deleted.remove(2);
        assert_eq!(
            examine(&deleted, Outside::default()).first_break,
            Some(Break::Deleted {
                first: 3,
                last: 3,
                before: 2,
                after: 4
            })
        );

        // Rows 2 and 3 swap places.
        let mut reordered = good.clone();
        reordered.swap(1, 2);
        reordered[1].seq = Some(2);
        reordered[2].seq = Some(3);
        assert_eq!(
            examine(&reordered, Outside::default()).first_break,
            Some(Break::Reordered {
                seq: 2,
                id: 12,
                follows: 3
            })
        );

        // A forged event linked to the one before, with the rest renumbered after it.
        let mut inserted = good.clone();
        let forged_fields = fields("forged");
        let forged = Stored {
            id: 99,
            seq: Some(3),
            prev_hash: good[1].hash.clone(),
            hash: Some(hash(good[1].hash.as_deref().unwrap(), &forged_fields)),
            fields: forged_fields,
        };
        inserted.insert(2, forged);
        for (i, e) in inserted.iter_mut().enumerate() {
            e.seq = Some(i as i64 + 1);
        }
        assert_eq!(
            examine(&inserted, Outside::default()).first_break,
            Some(Break::InsertedInChain { seq: 3, id: 99 })
        );

        assert_eq!(
            examine(
                &good,
                Outside {
                    rows: 1,
                    first: Some(77)
                }
            )
            .first_break,
            Some(Break::Inserted { id: 77 })
        );

        // An event rewritten with its own hash recomputed breaks the next link.
        let mut rehashed = good.clone();
        rehashed[1].fields.action = "forged".into();
        rehashed[1].hash = Some(hash(good[0].hash.as_deref().unwrap(), &rehashed[1].fields));
        assert_eq!(
            examine(&rehashed, Outside::default()).first_break,
            Some(Break::Relinked { seq: 3, id: 12 })
        );
    }

    #[test]
    fn checkpoints_round_trip_and_refuse_a_changed_line() {
        let key = SigningKey::generate();
        let again = SigningKey::parse(&key.secret()).unwrap();
        assert_eq!(key.public(), again.public());
        assert!(SigningKey::parse("not a key").is_err());

        let head = Head {
            seq: 42,
            hash: "ab".repeat(32),
        };
        let line = Checkpoint::sign(&head, 1_800_000_000, &key).line();
        let read = Checkpoint::parse(&line).unwrap();
        assert_eq!((read.seq, read.hash.as_str()), (42, head.hash.as_str()));

        let forged = line.replace("seq=42", "seq=43");
        assert!(matches!(
            Checkpoint::parse(&forged),
            Err(KeyError::Signature)
        ));
        assert!(Checkpoint::parse("hello").is_err());
    }
}
