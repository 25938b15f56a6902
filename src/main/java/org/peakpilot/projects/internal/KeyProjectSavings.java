package org.peakpilot.projects.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.MonthlyResult;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.EvidenceDocument;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Owner;
import org.peakpilot.platform.PageFormat;
import org.peakpilot.platform.RuleViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A key project's realised savings (ADR 0018), append-only, the newest entry in force: from accounting — the owner
 * enterprise's verified intensity before and after, (I_before − I_after) × output_after, with the years and figures
 * kept as computed — or entered with evidence (a reference number and/or a PDF, PNG or JPEG of at most 10 MiB stored
 * with its SHA-256, as the budget's sink ledger keeps its evidence). Same scope as the project: editors of its county.
 */
@Component
public class KeyProjectSavings {

	/** Longest reference number (文号). */
	public static final int MAX_REFERENCE = 100;

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final KeyProjects projects;
	private final EmissionsAccounting accounting;
	private final KeyProjectSettings settings;

	KeyProjectSavings(JdbcClient jdbc, AuditLog audit, Clock clock, KeyProjects projects, EmissionsAccounting accounting, KeyProjectSettings settings) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.projects = projects;
		this.accounting = accounting;
		this.settings = settings;
	}

	/** Where a realised figure came from. */
	@Schema(name = "KeyProjectSavingsSource", description = "ACCOUNTING: the owner's verified intensity before/after; EVIDENCE: entered with evidence · 来源：核算或佐证录入")
	public enum Source {
		ACCOUNTING, EVIDENCE
	}

	/** One realised-savings entry. */
	@Schema(name = "KeyProjectSavings", description = "Realised annual savings of a key project and how they were found · 重点项目实际节能减碳量及来源")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Savings(
			@Schema(description = "The entry's id · 编号") long id,
			@JsonProperty("project_id") @Schema(description = "The project · 项目编号") long projectId,
			@Schema(description = "ACCOUNTING or EVIDENCE · 来源") Source source,
			@Schema(description = "The year the savings refer to · 年度") int year,
			@JsonProperty("realised_tce") @Schema(description = "Realised energy saving, tce a year; null when not known (accounting gives CO2 only) · 实际年节能量（吨标准煤）") BigDecimal realisedTce,
			@JsonProperty("realised_co2_t") @Schema(description = "Realised CO2 reduction, tCO2 a year; negative when the intensity rose · 实际年减排二氧化碳（吨）") BigDecimal realisedCo2T,
			@JsonProperty("before_year") @Schema(description = "ACCOUNTING: the year before · 对比基准年") Integer beforeYear,
			@JsonProperty("after_year") @Schema(description = "ACCOUNTING: the year after · 对比年") Integer afterYear,
			@JsonProperty("before_months") @Schema(description = "ACCOUNTING: verified months with output value in the year before · 基准年已核查月数") Integer beforeMonths,
			@JsonProperty("after_months") @Schema(description = "ACCOUNTING: verified months with output value in the year after · 对比年已核查月数") Integer afterMonths,
			@JsonProperty("before_co2_t") @Schema(description = "ACCOUNTING: verified emissions of those months before, tCO2 · 基准年排放（吨二氧化碳）") BigDecimal beforeCo2T,
			@JsonProperty("before_output_10k_cny") @Schema(description = "ACCOUNTING: their output value, 10k CNY (万元) · 基准年产值（万元）") BigDecimal beforeOutput10kCny,
			@JsonProperty("after_co2_t") @Schema(description = "ACCOUNTING: verified emissions of those months after, tCO2 · 对比年排放（吨二氧化碳）") BigDecimal afterCo2T,
			@JsonProperty("after_output_10k_cny") @Schema(description = "ACCOUNTING: their output value, 10k CNY (万元) · 对比年产值（万元）") BigDecimal afterOutput10kCny,
			@JsonProperty("intensity_before") @Schema(description = "ACCOUNTING: I_before, tCO2 per 10k CNY output value · 基准年强度（吨/万元）") BigDecimal intensityBefore,
			@JsonProperty("intensity_after") @Schema(description = "ACCOUNTING: I_after, tCO2 per 10k CNY output value · 对比年强度（吨/万元）") BigDecimal intensityAfter,
			@JsonProperty("reference_number") @Schema(description = "EVIDENCE: the reference number (文号) · 佐证文号") String referenceNumber,
			@Schema(description = "A note · 说明") String note,
			@JsonProperty("document_name") @Schema(description = "EVIDENCE: the document's file name · 佐证文件名") String documentName,
			@JsonProperty("document_type") @Schema(description = "EVIDENCE: application/pdf, image/png or image/jpeg · 文件类型") String documentType,
			@JsonProperty("document_sha256") @Schema(description = "EVIDENCE: SHA-256 of the stored document, 64 hex digits · 文件 SHA-256") String documentSha256,
			@JsonProperty("recorded_by") @Schema(description = "Who recorded it · 记录人") String recordedBy,
			@JsonProperty("recorded_at") @Schema(description = "When, Beijing time · 记录时间") OffsetDateTime recordedAt) {
	}

	/** Savings entered with evidence. */
	public record Evidence(Integer year, BigDecimal realisedTce, BigDecimal realisedCo2T, String referenceNumber, String note, String documentName,
			byte[] document) {
	}

	/** A stored document. */
	public record Document(String name, String type, byte[] bytes) {
	}

	/** The project's entries, newest first. */
	@Transactional(readOnly = true)
	public List<Savings> entries(long projectId) {
		projects.readable(projectId);
		return jdbc.sql(SELECT + " WHERE s.project_id = :id ORDER BY s.id DESC").param("id", projectId).query(KeyProjectSavings::row).list();
	}

	/** An entry's evidence document, in the project's scope. */
	@Transactional(readOnly = true)
	public Document document(long projectId, long savingsId) {
		projects.readable(projectId);
		return jdbc.sql("SELECT document_name, document_type, document FROM keylib_savings WHERE id = :s AND project_id = :p AND document IS NOT NULL")
			.param("s", savingsId).param("p", projectId).query((rs, n) -> new Document(rs.getString(1), rs.getString(2), rs.getBytes(3)))
			.optional().orElseThrow(() -> new NotFoundException("evidence document " + savingsId + " of key project " + projectId));
	}

	/**
	 * Realised savings from accounting: the owner enterprise's verified months with output value in each year (at least
	 * the plan folder's number), I = Σ tCO2 ÷ Σ output value, saving = (I_before − I_after) × output_after. Refused
	 * (422) for a project without an owner enterprise or a year without enough verified months, naming the year.
	 */
	@Transactional
	public Savings fromAccounting(long projectId, Integer beforeYear, Integer afterYear) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(KeyProjects.EDITORS);
		KeyProjects.Row p = projects.readable(projectId);
		scope.requireManage(Owner.county(p.countyCode()));
		List<InputError> errors = new ArrayList<>();
		checkYear(errors, "before_year", beforeYear);
		checkYear(errors, "after_year", afterYear);
		if (errors.isEmpty() && afterYear <= beforeYear) {
			errors.add(InputError.field("after_year", "must lie after before_year " + beforeYear));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (p.ownerEnterpriseId() == null) {
			throw new RuleViolationException("key project " + projectId + " has no owner enterprise of the registry: enter its savings with evidence");
		}
		YearFigures before = figures(p.ownerEnterpriseId(), beforeYear);
		YearFigures after = figures(p.ownerEnterpriseId(), afterYear);
		KeyProjectRules.AccountingSaving s = KeyProjectRules.fromAccounting(before.co2(), before.output(), after.co2(), after.output());
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), PageFormat.BEIJING);
		long id = jdbc.sql("""
				INSERT INTO keylib_savings (project_id, source, year, realised_co2_t, before_year, after_year, before_months, after_months,
				  before_co2_t, before_output_10k_cny, after_co2_t, after_output_10k_cny, intensity_before, intensity_after, note, recorded_by, recorded_at)
				VALUES (:p, 'ACCOUNTING', :after, :co2, :before, :after, :bm, :am, :bc, :bo, :ac, :ao, :ib, :ia, :note, :actor, :now) RETURNING id""")
			.param("p", projectId).param("after", afterYear).param("co2", s.savingCo2T()).param("before", beforeYear).param("bm", before.months())
			.param("am", after.months()).param("bc", before.co2()).param("bo", before.output()).param("ac", after.co2()).param("ao", after.output())
			.param("ib", s.intensityBefore()).param("ia", s.intensityAfter())
			.param("note", "(I_before − I_after) × output_after = (" + s.intensityBefore().toPlainString() + " − " + s.intensityAfter().toPlainString()
					+ ") × " + KeyProjects.plain(after.output()).toPlainString() + " = " + s.savingCo2T().toPlainString() + " tCO2")
			.param("actor", scope.actor()).param("now", now).query(Long.class).single();
		Savings saved = entry(id);
		audit.record("keylib.savings-from-accounting", "keylib-project", projectId, null, saved);
		return saved;
	}

	/** The verified months with output value of an enterprise's year: count, Σ tCO2, Σ output value. */
	record YearFigures(int months, BigDecimal co2, BigDecimal output) {
	}

	private YearFigures figures(long enterpriseId, int year) {
		List<MonthlyResult> months = accounting.monthlyResults(year).stream()
			.filter(m -> m.enterpriseId() == enterpriseId && m.verified() && m.outputValue() != null && m.outputValue().value().signum() > 0)
			.toList();
		if (months.size() < settings.accountingMinMonths()) {
			throw new RuleViolationException("the owner enterprise has " + months.size() + " verified months with output value in " + year
					+ "; at least " + settings.accountingMinMonths() + " are needed for its intensity");
		}
		BigDecimal co2 = months.stream().map(m -> m.totalCo2T().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal output = months.stream().map(m -> m.outputValue().value()).reduce(BigDecimal.ZERO, BigDecimal::add);
		return new YearFigures(months.size(), co2, output);
	}

	/** Realised savings entered with evidence (a reference number, a document, or both). Audited. */
	@Transactional
	public Savings withEvidence(long projectId, Evidence in) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(KeyProjects.EDITORS);
		KeyProjects.Row p = projects.readable(projectId);
		scope.requireManage(Owner.county(p.countyCode()));
		List<InputError> errors = new ArrayList<>();
		checkYear(errors, "year", in.year());
		if (in.realisedTce() == null && in.realisedCo2T() == null) {
			errors.add(InputError.field("realised_co2_t", "give realised_co2_t, realised_tce or both"));
		}
		if (in.realisedTce() != null) {
			KeyProjects.amount(errors, "realised_tce", in.realisedTce(), KeyProjects.MAX_SAVING);
		}
		if (in.realisedCo2T() != null) {
			KeyProjects.amount(errors, "realised_co2_t", in.realisedCo2T(), KeyProjects.MAX_SAVING);
		}
		String reference = KeyProjects.text(errors, "reference_number", in.referenceNumber(), MAX_REFERENCE, false);
		String note = KeyProjects.text(errors, "note", in.note(), KeyProjects.MAX_TEXT, false);
		String name = in.document() == null || in.document().length == 0 ? null
				: KeyProjects.text(errors, "document_name", in.documentName(), KeyProjects.MAX_NAME, false);
		EvidenceDocument doc = EvidenceDocument.check(in.document(), errors, "");
		if (doc != null && name == null && doc.contentType() != null) {
			name = doc.defaultName("evidence");
		}
		else if (doc == null && reference == null) {
			errors.add(InputError.field("reference_number", "is required without a document: the evidence is a reference number or a document"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), PageFormat.BEIJING);
		long id = jdbc.sql("""
				INSERT INTO keylib_savings (project_id, source, year, realised_tce, realised_co2_t, reference_number, note, document_name, document_type,
				  document_sha256, document, recorded_by, recorded_at)
				VALUES (:p, 'EVIDENCE', :year, :tce, :co2, :ref, :note, :name, :type, :sha, :doc, :actor, :now) RETURNING id""")
			.param("p", projectId).param("year", in.year()).param("tce", KeyProjects.plain(in.realisedTce())).param("co2", KeyProjects.plain(in.realisedCo2T()))
			.param("ref", reference).param("note", note).param("name", name).param("type", doc == null ? null : doc.contentType())
			.param("sha", doc == null ? null : doc.sha256()).param("doc", doc == null ? null : doc.bytes())
			.param("actor", scope.actor()).param("now", now).query(Long.class).single();
		Savings saved = entry(id);
		audit.record("keylib.savings-entered", "keylib-project", projectId, null, saved);
		return saved;
	}

	private static void checkYear(List<InputError> errors, String field, Integer y) {
		if (y == null) {
			errors.add(InputError.field(field, "is required"));
		}
		else if (y < 2000 || y > 2100) {
			errors.add(InputError.field(field, "must lie between 2000 and 2100, got " + y));
		}
	}

	static final String SELECT = """
			SELECT s.id, s.project_id, s.source, s.year, s.realised_tce, s.realised_co2_t, s.before_year, s.after_year, s.before_months, s.after_months,
			  s.before_co2_t, s.before_output_10k_cny, s.after_co2_t, s.after_output_10k_cny, s.intensity_before, s.intensity_after, s.reference_number,
			  s.note, s.document_name, s.document_type, s.document_sha256, s.recorded_by, s.recorded_at FROM keylib_savings s""";

	private Savings entry(long id) {
		return jdbc.sql(SELECT + " WHERE s.id = :id").param("id", id).query(KeyProjectSavings::row).single();
	}

	static Savings row(ResultSet rs, int n) throws SQLException {
		return new Savings(rs.getLong("id"), rs.getLong("project_id"), Source.valueOf(rs.getString("source")), rs.getInt("year"),
				KeyProjects.plain(rs.getBigDecimal("realised_tce")), KeyProjects.plain(rs.getBigDecimal("realised_co2_t")),
				rs.getObject("before_year", Integer.class), rs.getObject("after_year", Integer.class), rs.getObject("before_months", Integer.class),
				rs.getObject("after_months", Integer.class), KeyProjects.plain(rs.getBigDecimal("before_co2_t")),
				KeyProjects.plain(rs.getBigDecimal("before_output_10k_cny")), KeyProjects.plain(rs.getBigDecimal("after_co2_t")),
				KeyProjects.plain(rs.getBigDecimal("after_output_10k_cny")), KeyProjects.plain(rs.getBigDecimal("intensity_before")),
				KeyProjects.plain(rs.getBigDecimal("intensity_after")), rs.getString("reference_number"), rs.getString("note"),
				rs.getString("document_name"), rs.getString("document_type"), rs.getString("document_sha256"), rs.getString("recorded_by"),
				KeyProjects.beijing(rs, "recorded_at"));
	}


}
