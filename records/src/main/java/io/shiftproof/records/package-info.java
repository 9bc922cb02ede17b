/**
 * The day-record store: every SQL statement over the tables the working-time job fills ({@code
 * day_record_version}, {@code day_record_live}, {@code late_event}, {@code anchor_batch}, {@code
 * stream_progress}; their DDL is in the {@code schemas} module, migrated by {@code
 * DatabaseSchema}).
 *
 * <ul>
 *   <li>Writes: {@link io.shiftproof.records.DayRecordStore}, in the caller's transaction, of
 *       {@link io.shiftproof.records.SealedVersion}s (alone, or as an anchored {@link
 *       io.shiftproof.records.SealedBatch}), {@link io.shiftproof.records.LiveRecord}s and {@link
 *       io.shiftproof.records.LateEvent}s. The stream job's Flink sinks call it; where to write is
 *       a {@link io.shiftproof.records.RecordStoreConfig}.
 *   <li>Reads for the gateway, behind interfaces its tests fake: {@link
 *       io.shiftproof.records.DayRecordReader}, {@link io.shiftproof.records.LateEventReader} and
 *       {@link io.shiftproof.records.EvidenceReader}, each with its PostgreSQL implementation.
 *   <li>Reads for the record audit: {@link io.shiftproof.records.StoredBatches}.
 * </ul>
 *
 * <p>The test jar of this module holds what tests elsewhere share: {@code DayRecords}, the one
 * builder of day records; {@code RecordStoreFixture}, a real PostgreSQL server with the schema;
 * {@code InMemoryDayRecordReader}.
 */
package io.shiftproof.records;
