// Which import batches count: a batch superseded by a new version of its file, or removed by a user, keeps its
// record (provenance) but its rows are gone. A module of its own so that the tables derived per batch
// (analytics/derived/) can use it without importing the batch lifecycle that deletes them.

/** Active = neither superseded nor removed (an SQL condition on import_batches). */
export const ACTIVE_BATCH = 'superseded_by IS NULL AND removed_at IS NULL';
