package org.peakpilot.monitoring.internal;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The answer to a batch: how many readings came, how many were stored, how many were already stored with the
 * same value (a resend), and which were quarantined and why.
 */
@Schema(description = "The answer to a batch of readings · 读数批次的处理结果")
public record IngestResult(
		@Schema(description = "Readings in the batch · 批次读数条数") int received,
		@Schema(description = "Readings stored · 已存条数") int stored,
		@Schema(description = "Readings already stored with the same value (resending is safe) · 重复（已存且相同）条数") int duplicates,
		@Schema(description = "Readings quarantined · 隔离条数") int quarantined,
		@Schema(description = "The quarantined readings with their index and reason · 被隔离的读数及原因") List<Rejected> rejected,
		@Schema(description = "The batch id, given or assigned · 批次号") String batchId,
		@Schema(description = "Stored values replaced by corrections · 更正替换条数") int corrected,
		@Schema(description = "Times moved onto an interval boundary · 时间对齐条数") int snapped,
		@Schema(description = "Stored readings changed on the way in (SNAPPED, CORRECTED) · 入库时被调整的读数") List<Note> notes) {

	public IngestResult(int received, int stored, int duplicates, int quarantined, List<Rejected> rejected) {
		this(received, stored, duplicates, quarantined, rejected, null, 0, 0, List.of());
	}

	/** The same answer for the batch of this id. */
	public IngestResult withBatchId(String id) {
		return new IngestResult(received, stored, duplicates, quarantined, rejected, id, corrected, snapped, notes);
	}
}
