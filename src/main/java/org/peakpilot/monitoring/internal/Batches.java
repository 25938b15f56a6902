package org.peakpilot.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.peakpilot.monitoring.Gateway;
import org.peakpilot.platform.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The batches received, one row each with its counts (never one per reading), so that a vendor's "what happened to
 * batch X" can be answered by the gateway's id and the batch id. Written in the batch's own transaction by
 * {@link ReadingIngest}; kept for {@code peakpilot.monitoring.batch-retention} (90 days by default).
 */
@Component
public class Batches {

	private static final Logger log = LoggerFactory.getLogger(Batches.class);

	private final JdbcClient jdbc;
	private final Gateways gateways;
	private final Clock clock;
	private final Duration retention;

	Batches(JdbcClient jdbc, Gateways gateways, Clock clock,
			@Value("${peakpilot.monitoring.batch-retention:P90D}") Duration retention) {
		this.jdbc = jdbc;
		this.gateways = gateways;
		this.clock = clock;
		this.retention = retention;
	}

	/** Records what a batch produced (within the caller's transaction); a batch without an id is not recorded. */
	void record(ReadingIngest.Origin origin, String batchId, IngestResult r, java.time.Instant at) {
		if (batchId == null) {
			return;
		}
		Long gatewayId = origin.sender() != null && origin.sender().startsWith("gateway:") ? Long.valueOf(origin.sender().substring(8)) : null;
		jdbc.sql("""
				INSERT INTO monitoring_batch (enterprise_id, gateway_id, sender, channel, batch_id, received_at, received, stored,
				    duplicates, quarantined, corrected, snapped)
				VALUES (:e, :g, :sender, :channel, :batch, :at, :received, :stored, :duplicates, :quarantined, :corrected, :snapped)
				""")
			.param("e", origin.enterpriseId()).param("g", gatewayId).param("sender", abbreviate(origin.sender()))
			.param("channel", origin.channel()).param("batch", batchId).param("at", Gateways.utc(at)).param("received", r.received())
			.param("stored", r.stored()).param("duplicates", r.duplicates()).param("quarantined", r.quarantined())
			.param("corrected", r.corrected()).param("snapped", r.snapped()).update();
	}

	/**
	 * What the batches of this id from this gateway produced, newest first (several when the gateway sent it again);
	 * for those who may read the gateway's enterprise (as {@link Gateways#get}); an empty list when no such batch was
	 * received (or it is older than the retention).
	 */
	public List<BatchRecord> find(long gatewayId, String batchId) {
		Gateway gateway = gateways.get(gatewayId);
		if (batchId == null || batchId.isBlank()) {
			throw new InvalidInputException("batchId", "the batch id the gateway sent (or was answered with)");
		}
		return jdbc.sql("""
				SELECT * FROM monitoring_batch WHERE gateway_id = :g AND batch_id = :b ORDER BY received_at DESC, id DESC LIMIT 100
				""").param("g", gateway.id()).param("b", batchId.strip())
			.query((rs, n) -> new BatchRecord(rs.getLong("gateway_id"), rs.getString("batch_id"), rs.getString("channel"),
					Gateways.instant(rs, "received_at"), rs.getInt("received"), rs.getInt("stored"), rs.getInt("duplicates"),
					rs.getInt("quarantined"), rs.getInt("corrected"), rs.getInt("snapped")))
			.list();
	}

	/** Deletes batch records older than the retention, once a day. */
	// Each instance ticks a day after its own start; the lock keeps two deletes from overlapping (a second one a few
	// hours later finds little to delete, which is harmless).
	@SchedulerLock(name = "monitoring.batchPrune", lockAtMostFor = "PT1H")
	@Scheduled(fixedDelayString = "PT24H", initialDelayString = "PT10M")
	void prune() {
		try {
			int n = jdbc.sql("DELETE FROM monitoring_batch WHERE received_at < :before")
				.param("before", Gateways.utc(clock.instant().minus(retention))).update();
			if (n > 0) {
				log.info("Deleted {} batch records older than {}", n, retention);
			}
		}
		catch (org.springframework.dao.DataAccessException ex) {
			log.warn("Pruning batch records failed, will retry: {}", ex.getMessage());
		}
	}

	private static String abbreviate(String s) {
		return s == null ? "" : s.length() > 64 ? s.substring(0, 64) : s;
	}
}
