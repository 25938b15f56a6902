package org.peakpilot.inclusive.internal;

import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.platform.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ledger's reconciliations (ADR 0019 "One ledger"): each run of {@link Ledger#reconcile()}, daily by
 * {@link LedgerJobs} or on the office's demand, stored with its sums per asset and per asset and account kind, the
 * problems found and how long it took. A run that is not ok is logged as an error (the problems themselves stay in
 * the table and on the office's page).
 */
@Component
public class LedgerReconciliations {

	private static final Logger log = LoggerFactory.getLogger(LedgerReconciliations.class);

	/** Who started a reconciliation. */
	public enum Trigger {
		SCHEDULE, OFFICE
	}

	/** A stored reconciliation. */
	@Schema(name = "LedgerReconciliationRun", description = "One run of the ledger's reconciliation · 账本对账结果")
	public record Run(
			@Schema(description = "The run's id · 对账编号", example = "12") long id,
			@Schema(description = "When it ran (Beijing time) · 对账时间（北京时间）") OffsetDateTime at,
			@Schema(description = "True when every asset sums to 0 and no problem was found · 账平且无问题时为 true") boolean ok,
			@Schema(description = "Transactions whose integrity code and balance were checked · 已核对的交易笔数", example = "125000") long transactionsChecked,
			@Schema(description = "Σ of all postings per asset (POINT: points = gCO2, ENGAGEMENT: engagement points, TICKET: tCO2); must be 0 · 各资产全部分录之和（积分=克二氧化碳，互动积分，碳票=吨二氧化碳），应为 0")
			Map<Asset, Long> sums,
			@Schema(description = "Σ of postings per asset and account kind: issued (negative), held, retired, expired · 各资产按账户类型的分录之和：发行（负数）、持有、注销、过期")
			Map<Asset, Map<AccountKind, Long>> kindSums,
			@Schema(description = "Number of problems found · 发现的问题数", example = "0") int problemCount,
			@Schema(description = "The problems (at most the first 1,000), each naming the transaction's seq and/or the account · 问题列表（至多前 1000 条），注明交易序号和/或账户")
			List<String> problems,
			@Schema(description = "How long it took, milliseconds · 耗时（毫秒）", example = "850") long durationMs,
			@Schema(description = "SCHEDULE (the daily job) or OFFICE (run on demand) · 触发方式：定时任务或办公室手动") Trigger trigger) {
	}

	private final Ledger ledger;
	private final JdbcClient jdbc;
	private final JsonMapper json;
	private final AuditLog audit;

	LedgerReconciliations(Ledger ledger, JdbcClient jdbc, JsonMapper json, AuditLog audit) {
		this.ledger = ledger;
		this.jdbc = jdbc;
		this.json = json;
		this.audit = audit;
	}

	/** Reconciles the ledger now and stores the result (its own transaction: a job or a button, never a caller's). */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public Run run(Trigger trigger) {
		long start = System.nanoTime();
		Ledger.Reconciliation r = ledger.reconcile();
		Map<Asset, Map<AccountKind, Long>> kindSums = ledger.sumsByKind();
		long ms = (System.nanoTime() - start) / 1_000_000;
		int count = r.problems().size();
		long id = jdbc.sql("""
				INSERT INTO inclusive_ledger_reconciliation (at, ok, transactions, sums, kind_sums, problem_count, problems, duration_ms, trigger_source)
				VALUES (?, ?, ?, CAST(? AS JSONB), CAST(? AS JSONB), ?, CAST(? AS JSONB), ?, ?) RETURNING id""")
			.params(r.at(), r.ok(), r.transactionsChecked(), json.writeValueAsString(r.sums()), json.writeValueAsString(kindSums), count,
					json.writeValueAsString(r.problems()), ms, trigger.name())
			.query(Long.class).single();
		if (r.ok()) {
			log.info("Ledger reconciliation {}: {} transactions, every asset sums to 0 ({} ms)", id, r.transactionsChecked(), ms);
		}
		else {
			log.error("Ledger reconciliation {} FAILED: {} problem(s), sums {} (see /inclusive/office/ledger)", id, count, r.sums());
		}
		if (trigger == Trigger.OFFICE) {
			audit.record("inclusive.ledger.reconcile", "inclusive_ledger_reconciliation", id, null, Map.of("ok", r.ok(), "problems", count));
		}
		return new Run(id, r.at(), r.ok(), r.transactionsChecked(), r.sums(), kindSums, count, r.problems(), ms, trigger);
	}

	/** The latest reconciliation, if any ran. */
	public Optional<Run> latest() {
		return recent(1).stream().findFirst();
	}

	/** The latest reconciliations, newest first. */
	public List<Run> recent(int limit) {
		return jdbc.sql("""
				SELECT id, at, ok, transactions, sums, kind_sums, problem_count, problems, duration_ms, trigger_source
				FROM inclusive_ledger_reconciliation ORDER BY id DESC LIMIT ?""")
			.param(Math.max(1, Math.min(limit, 100)))
			.query((rs, n) -> new Run(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).atZoneSameInstant(Ledger.BEIJING).toOffsetDateTime(),
					rs.getBoolean(3), rs.getLong(4), sums(rs.getString(5)), kindSums(rs.getString(6)), rs.getInt(7),
					json.readValue(rs.getString(8), new TypeReference<List<String>>() {
					}), rs.getLong(9), Trigger.valueOf(rs.getString(10))))
			.list();
	}

	private Map<Asset, Long> sums(String text) {
		Map<Asset, Long> sums = new EnumMap<>(Asset.class);
		sums.putAll(json.readValue(text, new TypeReference<Map<Asset, Long>>() {
		}));
		return sums;
	}

	private Map<Asset, Map<AccountKind, Long>> kindSums(String text) {
		Map<Asset, Map<AccountKind, Long>> sums = new EnumMap<>(Asset.class);
		json.readValue(text, new TypeReference<Map<Asset, Map<AccountKind, Long>>>() {
		}).forEach((asset, byKind) -> sums.put(asset, new EnumMap<>(byKind)));
		return sums;
	}
}
