package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.EvidenceDocument;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.peakpilot.shared.Rounding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The sink ledger (碳汇, issue 12 item 7, ADR 0016): verified forestry sink increments ΔS per county and year with
 * their evidence, append-only (a correction is a new entry; the database refuses updates and deletes), and the sink
 * credit of a version: {@code min(Σ ΔS of the year, β × total)} with β from {@link BudgetSettings}, credited to the
 * reserve or to the producing counties (split by their ΔS in whole tonnes by largest remainder).
 * <p>
 * The forestry bureau's officer ({@link Role#FORESTRY_OFFICER}, 林业部门人员) enters the entries and reads the whole
 * ledger; the city's roles may enter them too, recorded as entered for the forestry bureau (林业局), the bureau's
 * verification being the evidence. Sinks never enter an intensity figure: the credit is a line of the
 * budget's identity, not a change of emissions.
 */
@Component
public class SinkLedger {

	private static final Logger log = LoggerFactory.getLogger(SinkLedger.class);

	/** Largest ΔS of one entry, tCO2 (Leshan's forests absorb a few million tonnes a year). */
	public static final String MAX_INCREMENT_T = "1e9";

	/** Longest verifying body, document name. */
	public static final int MAX_NAME = 200;

	/** Longest reference number (文号, e.g. 乐市林发〔2026〕12号). */
	public static final int MAX_REFERENCE = 100;

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final Registry registry;
	private final BudgetSettings settings;

	SinkLedger(JdbcClient jdbc, AuditLog audit, Clock clock, Registry registry, BudgetSettings settings) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.registry = registry;
		this.settings = settings;
	}

	/** Whom a version's sink credit serves. */
	@Schema(name = "BudgetSinkCreditTarget", description = "RESERVE: the city's reserve; COUNTIES: the producing counties, split by their ΔS · 计入预留或产生碳汇的区县")
	public enum CreditedTo {
		RESERVE, COUNTIES
	}

	/** What the forestry bureau verified, as entered. */
	public record NewEntry(String countyCode, Integer year, BigDecimal increment, Long correctsEntryId, LocalDate verifiedOn, String verifiedBy,
			String referenceNumber, String documentName, byte[] document) {
	}

	/** One entry of the ledger. */
	@Schema(name = "BudgetSinkEntry", description = "A verified forestry sink increment with its evidence · 经核证的林业碳汇增量及证明材料")
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Entry(
			@Schema(description = "The entry's id · 编号") long id,
			@JsonProperty("county_code") @Schema(description = "The county (region code) whose forests absorbed it · 区县代码", example = "511181") String countyCode,
			@Schema(description = "The year of the increment · 年度", example = "2027") int year,
			@JsonProperty("increment_t") @Schema(description = "ΔS: the verified sink increment, tCO2; negative for a correction · 碳汇增量，吨二氧化碳（更正为负）") BigDecimal increment,
			@JsonProperty("corrects_entry_id") @Schema(description = "The entry this one corrects; null for an increment · 所更正的条目") Long correctsEntryId,
			@JsonProperty("verified_on") @Schema(description = "When it was verified · 核证日期") LocalDate verifiedOn,
			@JsonProperty("verified_by") @Schema(description = "The verifying body · 核证机构") String verifiedBy,
			@JsonProperty("reference_number") @Schema(description = "The reference number of the verification (文号); null without · 核证文号") String referenceNumber,
			@JsonProperty("document_name") @Schema(description = "The evidence document's file name; null without · 证明文件名") String documentName,
			@JsonProperty("document_type") @Schema(description = "The document's media type (application/pdf, image/png, image/jpeg) · 文件类型") String documentType,
			@JsonProperty("document_sha256") @Schema(description = "SHA-256 of the stored document, 64 hex digits · 文件 SHA-256") String documentSha256,
			@JsonProperty("document_bytes") @Schema(description = "The document's size, bytes; null without · 文件大小，字节") Integer documentBytes,
			@JsonProperty("entered_by") @Schema(description = "Who entered it (user name) · 录入人") String enteredBy,
			@JsonProperty("entered_role") @Schema(description = "The role it was entered in: FORESTRY_OFFICER (the bureau's own user), or a city role entering it for the forestry bureau · 录入角色（林业部门人员，或代林业局录入的市级角色）") Role enteredRole,
			@JsonProperty("entered_at") @Schema(description = "When, Beijing time · 录入时间") OffsetDateTime enteredAt) {
	}

	/** A stored evidence document. */
	public record Document(String name, String type, byte[] bytes) {
	}

	/** How a version's sink credit came about. */
	@Schema(name = "BudgetSinkCredit", description = "A version's sink credit: min(Σ ΔS, β × total), and whom it is credited to · 版本的碳汇抵扣及其去向")
	public record Credit(
			@Schema(description = "The budget year · 预算年度") int year,
			@Schema(description = "The version number · 版本号") int version,
			@JsonProperty("ledger_sum_t") @Schema(description = "Σ ΔS of the year's ledger entries minus the tonnes issued as forestry carbon tickets, when the credit was set, tCO2 · 当年碳汇增量合计（扣除已签发为林业碳票的部分），吨二氧化碳") BigDecimal ledgerSum,
			@JsonProperty("cap_share") @Schema(description = "β, fraction of 1 (plan folder, sink.credit-max-share) · 抵扣上限比例") BigDecimal capShare,
			@JsonProperty("cap_t") @Schema(description = "β × total_t, tCO2 · 抵扣上限，吨二氧化碳") BigDecimal cap,
			@JsonProperty("credit_t") @Schema(description = "The version's sink_credit_t, tCO2; never part of an intensity figure · 碳汇抵扣量（不计入强度）") BigDecimal credit,
			@JsonProperty("entered_by_office") @Schema(description = "true: the office entered the figure; false: min(ledger_sum_t, cap_t) · 是否由办公室录入") boolean enteredByOffice,
			@JsonProperty("credited_to") @Schema(description = "RESERVE or COUNTIES · 计入去向") CreditedTo creditedTo,
			@Schema(description = "COUNTIES: each producing county's part, whole tonnes by largest remainder of ΔS; empty for RESERVE · 各区县分得量") List<CountyCredit> counties) {
	}

	/** A county's part of the sink credit. */
	@Schema(name = "BudgetSinkCountyCredit", description = "A producing county's part of the sink credit · 区县分得的碳汇抵扣")
	public record CountyCredit(
			@Schema(description = "The county's region code · 区县代码") String code,
			@JsonProperty("increment_t") @Schema(description = "Its Σ ΔS of the year, tCO2 · 当年碳汇增量，吨二氧化碳") BigDecimal increment,
			@JsonProperty("credit_t") @Schema(description = "Its part of the credit, whole tCO2 · 分得量，吨二氧化碳") BigDecimal credit) {
	}

	/** Appends a verified increment (the forestry officer, or a city role for the forestry bureau); audited with the actor. */
	@Transactional
	public Entry record(NewEntry in) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER);
		List<InputError> errors = new ArrayList<>();
		if (in.countyCode() == null || in.countyCode().isBlank()) {
			errors.add(InputError.field("county_code", "is required"));
		}
		else if (in.countyCode().length() > 12 || !registry.isCounty(in.countyCode())) {
			errors.add(InputError.field("county_code", "is not a county-level division of the registry"));
		}
		if (in.year() == null) {
			errors.add(InputError.field("year", "is required"));
		}
		else if (in.year() < 2000 || in.year() > 2100) {
			errors.add(InputError.field("year", "must lie between 2000 and 2100, got " + in.year()));
		}
		if (in.increment() == null) {
			errors.add(InputError.field("increment_t", "is required"));
		}
		else if (in.increment().scale() > Rounding.SCALE || in.increment().precision() - in.increment().scale() > 10) {
			errors.add(InputError.field("increment_t", "at most " + Rounding.SCALE + " decimals and at most " + MAX_INCREMENT_T + " t"));
		}
		else if (in.correctsEntryId() == null) {
			if (in.increment().signum() < 0) {
				errors.add(InputError.field("increment_t", "a negative increment corrects an entry: give corrects_entry_id"));
			}
			else {
				InputBounds.positive(errors, "increment_t", in.increment(), new BigDecimal(MAX_INCREMENT_T));
			}
		}
		else {
			corrected(errors, in);
		}
		LocalDate today = LocalDate.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai")));
		if (in.verifiedOn() == null) {
			errors.add(InputError.field("verified_on", "is required"));
		}
		else if (in.verifiedOn().isAfter(today) || in.verifiedOn().getYear() < 2000) {
			errors.add(InputError.field("verified_on", "must lie between 2000-01-01 and today (" + today + ")"));
		}
		text(errors, "verified_by", in.verifiedBy(), MAX_NAME, true);
		text(errors, "reference_number", in.referenceNumber(), MAX_REFERENCE, false);
		if (in.document() != null && in.document().length > 0) {
			text(errors, "document_name", in.documentName(), MAX_NAME, false);
		}
		EvidenceDocument doc = EvidenceDocument.check(in.document(), errors, " (the verification report or its scan)");
		if (doc == null && blank(in.referenceNumber())) {
			errors.add(InputError.field("reference_number", "is required without a document: the evidence is the verification's reference number or its document"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		String name = doc == null ? null : blank(in.documentName()) ? doc.defaultName("verification") : in.documentName().strip();
		long id = jdbc.sql("""
				INSERT INTO budget_sink_entry (county_code, year, increment_t, corrects_entry_id, verified_on, verified_by, reference_number,
				  document_name, document_type, document_sha256, document, entered_by, entered_role, entered_at)
				VALUES (:county, :year, :inc, :corrects, :on, :by, :ref, :name, :type, :sha, :doc, :actor, :role, :at) RETURNING id""")
			.param("county", in.countyCode()).param("year", in.year()).param("inc", in.increment()).param("corrects", in.correctsEntryId())
			.param("on", in.verifiedOn())
			.param("by", in.verifiedBy().strip()).param("ref", blank(in.referenceNumber()) ? null : in.referenceNumber().strip())
			.param("name", name).param("type", doc == null ? null : doc.contentType()).param("sha", doc == null ? null : doc.sha256())
			.param("doc", doc == null ? null : doc.bytes()).param("actor", scope.actor())
			.param("role", scope.role().name()).param("at", OffsetDateTime.ofInstant(clock.instant(), clock.getZone()))
			.query(Long.class).single();
		Entry entry = entry(id);
		audit.record("budget.sink-recorded", "budget-sink", id, null, entry);
		log.info("Sink entry {} of county {} and year {}: {} t", id, entry.countyCode(), entry.year(), entry.increment());
		return entry;
	}

	/** The year's entries; city roles and the forestry officer all, a county officer its county's. */
	@Transactional(readOnly = true)
	public List<Entry> entries(int year) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		var where = ledgerScope(scope);
		return jdbc.sql(SELECT + " WHERE year = :year AND " + where.sql() + " ORDER BY county_code, id").param("year", year)
			.params(where.params()).query((rs, n) -> row(rs)).list();
	}

	/** An entry's evidence document, in the caller's scope. */
	@Transactional(readOnly = true)
	public Document document(long id) {
		AccessScope scope = AccessScope.current();
		scope.requireRole(Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		var where = ledgerScope(scope);
		return jdbc.sql("SELECT document_name, document_type, document FROM budget_sink_entry WHERE id = :id AND document IS NOT NULL AND "
				+ where.sql()).param("id", id).params(where.params())
			.query((rs, n) -> new Document(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional()
			.orElseThrow(() -> new NotFoundException("sink evidence document " + id));
	}

	/** The ledger is the forestry officer's whole work: it reads the city's ledger; everyone else as their scope says. */
	private static AccessScope.SqlCondition ledgerScope(AccessScope scope) {
		return scope.hasRole(Role.FORESTRY_OFFICER) ? new AccessScope.SqlCondition("TRUE", java.util.Map.of())
				: scope.where("county_code", null, null);
	}

	/**
	 * Σ ΔS of the year's entries minus the tonnes withdrawn for forestry carbon tickets (林业碳票), tCO2: what the
	 * budget may still credit. A tonne issued as a ticket is no longer here.
	 */
	BigDecimal ledgerSum(int year) {
		return jdbc.sql("""
				SELECT coalesce((SELECT sum(increment_t) FROM budget_sink_entry WHERE year = :year), 0)
				  - coalesce((SELECT sum(tonnes_t) FROM budget_sink_withdrawal WHERE year = :year), 0)""").param("year", year)
			.query(BigDecimal.class).single();
	}

	/**
	 * Whole tonnes of the county's verified sinks of the year that may still be issued as carbon tickets: its Σ ΔS minus
	 * its withdrawals, and never more than the city's Σ ΔS minus all withdrawals minus the largest sink credit a
	 * budget version of the year already took (a tonne credited to the city is not sold again).
	 */
	@Transactional(readOnly = true)
	public org.peakpilot.budget.SinkAvailability availableForTickets(String countyCode, int year) {
		var row = jdbc.sql("""
				SELECT coalesce((SELECT sum(increment_t) FROM budget_sink_entry WHERE year = :year AND county_code = :county), 0) AS county_inc,
				  coalesce((SELECT sum(tonnes_t) FROM budget_sink_withdrawal WHERE year = :year AND county_code = :county), 0) AS county_out,
				  coalesce((SELECT sum(increment_t) FROM budget_sink_entry WHERE year = :year), 0) AS city_inc,
				  coalesce((SELECT sum(tonnes_t) FROM budget_sink_withdrawal WHERE year = :year), 0) AS city_out,
				  coalesce((SELECT max(sink_credit_t) FROM budget_version WHERE year = :year), 0) AS credit""")
			.param("year", year).param("county", countyCode).query().singleRow();
		BigDecimal countyInc = (BigDecimal) row.get("county_inc");
		BigDecimal countyOut = (BigDecimal) row.get("county_out");
		BigDecimal cityInc = (BigDecimal) row.get("city_inc");
		BigDecimal cityOut = (BigDecimal) row.get("city_out");
		BigDecimal credit = (BigDecimal) row.get("credit");
		BigDecimal available = countyInc.subtract(countyOut).min(cityInc.subtract(cityOut).subtract(credit)).setScale(0, RoundingMode.FLOOR)
			.max(BigDecimal.ZERO);
		return new org.peakpilot.budget.SinkAvailability(countyCode, year, countyInc, countyOut, cityInc, cityOut, credit, available);
	}

	/**
	 * Withdraws whole tonnes of a county's sinks of a year for an issuance of carbon tickets (one row per issuance and
	 * year, append-only); audited. Serialised with the year's budget versions.
	 *
	 * @throws InvalidInputException naming county_code, year, tonnes or ticket_reference
	 * @throws RuleViolationException (422) when the tonnes exceed {@link #availableForTickets}, with the figures
	 */
	@Transactional
	public void withdrawForTickets(String countyCode, int year, long tonnes, String ticketReference) {
		List<InputError> errors = new ArrayList<>();
		if (countyCode == null || countyCode.isBlank() || countyCode.length() > 12 || !registry.isCounty(countyCode)) {
			errors.add(InputError.field("county_code", "is not a county-level division of the registry"));
		}
		if (year < 2000 || year > 2100) {
			errors.add(InputError.field("year", "must lie between 2000 and 2100, got " + year));
		}
		if (tonnes <= 0 || tonnes > 1_000_000_000L) {
			errors.add(InputError.field("tonnes", "must be a whole number of tCO2 from 1 to " + MAX_INCREMENT_T + ", got " + tonnes));
		}
		text(errors, "ticket_reference", ticketReference, MAX_REFERENCE, true);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('budget_version'), :year)").param("year", year).query().singleRow();
		org.peakpilot.budget.SinkAvailability a = availableForTickets(countyCode, year);
		if (a.available().compareTo(BigDecimal.valueOf(tonnes)) < 0) {
			throw new RuleViolationException(tonnes + " t cannot be issued as carbon tickets: " + a.explained());
		}
		long id = jdbc.sql("""
				INSERT INTO budget_sink_withdrawal (county_code, year, tonnes_t, ticket_reference, withdrawn_by, withdrawn_at)
				VALUES (:county, :year, :t, :ref, :by, :at) RETURNING id""")
			.param("county", countyCode).param("year", year).param("t", BigDecimal.valueOf(tonnes)).param("ref", ticketReference.strip())
			.param("by", AccessScope.current().actor()).param("at", OffsetDateTime.ofInstant(clock.instant(), clock.getZone()))
			.query(Long.class).single();
		audit.record("budget.sink-withdrawn", "budget-sink-withdrawal", id, null,
				java.util.Map.of("county_code", countyCode, "year", year, "tonnes_t", tonnes, "ticket_reference", ticketReference.strip()));
		log.info("Sinks of county {} and year {}: {} t withdrawn for carbon tickets ({})", countyCode, year, tonnes, ticketReference);
	}

	/** β × total, tCO2, 6 decimals. */
	BigDecimal cap(BigDecimal total) {
		return Rounding.stored(total.multiply(settings.sinkCreditMaxShare()));
	}

	/** The sink credit of a new draft of the year: min(Σ ΔS of the year, β × total). */
	BigDecimal creditFor(int year, BigDecimal total) {
		return ledgerSum(year).min(cap(total));
	}

	/** Records how a new draft's sink credit came about, credited to the reserve until the office says otherwise. */
	void recordCredit(long versionId, int year, BigDecimal total, BigDecimal credit, boolean enteredByOffice) {
		jdbc.sql("""
				INSERT INTO budget_sink_credit (version_id, ledger_sum_t, cap_share, cap_t, credit_t, entered_by_office, credited_to)
				VALUES (:id, :sum, :share, :cap, :credit, :office, 'RESERVE')""")
			.param("id", versionId).param("sum", ledgerSum(year)).param("share", settings.sinkCreditMaxShare()).param("cap", cap(total))
			.param("credit", credit).param("office", enteredByOffice).update();
	}

	/**
	 * Copies a version's sink credit record to a version built from it (an adjustment), with the new credit and cap
	 * where a GDP revision moved the total; the counties' split is made again for the new credit.
	 */
	void copyCredit(long fromVersion, long toVersion, BigDecimal credit, BigDecimal total) {
		jdbc.sql("""
				INSERT INTO budget_sink_credit (version_id, ledger_sum_t, cap_share, cap_t, credit_t, entered_by_office, credited_to)
				SELECT :to, ledger_sum_t, cap_share, :cap, :credit, entered_by_office, credited_to FROM budget_sink_credit WHERE version_id = :from""")
			.param("to", toVersion).param("from", fromVersion).param("cap", Rounding.stored(total.multiply(settings.sinkCreditMaxShare())))
			.param("credit", credit).update();
		jdbc.sql("""
				INSERT INTO budget_sink_credit_county (version_id, county_code, increment_t, credit_t)
				SELECT :to, county_code, increment_t, credit_t FROM budget_sink_credit_county WHERE version_id = :from""")
			.param("to", toVersion).param("from", fromVersion).update();
		BigDecimal before = jdbc.sql("SELECT credit_t FROM budget_sink_credit WHERE version_id = :from").param("from", fromVersion)
			.query(BigDecimal.class).optional().orElse(null);
		if (before != null && before.compareTo(credit) != 0) {
			split(toVersion, credit);
		}
	}

	/** A version's sink credit; 404 for a version made before the ledger existed. */
	@Transactional(readOnly = true)
	public Credit credit(int year, int number) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
		return creditOf(year, number);
	}

	/** Credits a draft's sink credit to the reserve or to the producing counties (city roles, drafts only); audited. */
	@Transactional
	public Credit creditTo(int year, int number, CreditedTo to) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		if (to == null) {
			throw new InvalidInputException("credited_to", "is required: RESERVE or COUNTIES");
		}
		long id = versionId(year, number);
		String status = jdbc.sql("SELECT status FROM budget_version WHERE id = :id").param("id", id).query(String.class).single();
		if (!"DRAFT".equals(status)) {
			throw new RuleViolationException("budget " + year + " version " + number + " is in " + status
					+ ": the sink credit is credited while the version is a draft", true);
		}
		Credit before = creditOf(year, number);
		jdbc.sql("UPDATE budget_sink_credit SET credited_to = :to WHERE version_id = :id").param("to", to.name()).param("id", id).update();
		jdbc.sql("DELETE FROM budget_sink_credit_county WHERE version_id = :id").param("id", id).update();
		if (to == CreditedTo.COUNTIES) {
			if (before.credit().signum() > 0 && ledgerSum(year).signum() == 0) {
				throw new RuleViolationException("the ledger of " + year + " has no sink entries: no county produced the credit");
			}
			split(id, before.credit());
		}
		Credit after = creditOf(year, number);
		audit.record("budget.sink-credited", "budget-version", year + "/" + number, before, after);
		return after;
	}

	/** The credit's whole tonnes split among the producing counties by their Σ ΔS (largest remainder). */
	private void split(long versionId, BigDecimal credit) {
		String to = jdbc.sql("SELECT credited_to FROM budget_sink_credit WHERE version_id = :id").param("id", versionId)
			.query(String.class).single();
		jdbc.sql("DELETE FROM budget_sink_credit_county WHERE version_id = :id").param("id", versionId).update();
		if (!"COUNTIES".equals(to)) {
			return;
		}
		int year = jdbc.sql("SELECT year FROM budget_version WHERE id = :id").param("id", versionId).query(Integer.class).single();
		List<Object[]> rows = jdbc.sql("""
				SELECT county_code, sum(t) FROM (SELECT county_code, increment_t AS t FROM budget_sink_entry WHERE year = :year
				  UNION ALL SELECT county_code, -tonnes_t FROM budget_sink_withdrawal WHERE year = :year) s
				GROUP BY county_code HAVING sum(t) > 0 ORDER BY county_code""")
			.param("year", year).query((rs, n) -> new Object[] { rs.getString(1), rs.getBigDecimal(2) }).list();
		if (rows.isEmpty()) {
			return;
		}
		List<BigDecimal> raw = rows.stream().map(r -> (BigDecimal) r[1]).toList();
		List<String> codes = rows.stream().map(r -> (String) r[0]).toList();
		List<BigDecimal> parts = LargestRemainder.divide(credit.setScale(0, RoundingMode.FLOOR), raw, codes);
		for (int i = 0; i < rows.size(); i++) {
			jdbc.sql("INSERT INTO budget_sink_credit_county (version_id, county_code, increment_t, credit_t) VALUES (:id, :c, :inc, :credit)")
				.param("id", versionId).param("c", codes.get(i)).param("inc", raw.get(i)).param("credit", parts.get(i)).update();
		}
	}

	private Credit creditOf(int year, int number) {
		long id = versionId(year, number);
		List<CountyCredit> counties = jdbc.sql("""
				SELECT county_code, increment_t, credit_t FROM budget_sink_credit_county WHERE version_id = :id ORDER BY county_code""")
			.param("id", id)
			.query((rs, n) -> new CountyCredit(rs.getString(1), BudgetVersions.plain(rs.getBigDecimal(2)), BudgetVersions.plain(rs.getBigDecimal(3))))
			.list();
		return jdbc.sql("SELECT * FROM budget_sink_credit WHERE version_id = :id").param("id", id)
			.query((rs, n) -> new Credit(year, number, BudgetVersions.plain(rs.getBigDecimal("ledger_sum_t")),
					BudgetVersions.plain(rs.getBigDecimal("cap_share")), BudgetVersions.plain(rs.getBigDecimal("cap_t")),
					BudgetVersions.plain(rs.getBigDecimal("credit_t")), rs.getBoolean("entered_by_office"),
					CreditedTo.valueOf(rs.getString("credited_to")), counties))
			.optional().orElseThrow(() -> new NotFoundException("sink credit of budget " + year + " version " + number));
	}

	private long versionId(int year, int number) {
		return jdbc.sql("SELECT id FROM budget_version WHERE year = :year AND number = :number").param("year", year).param("number", number)
			.query(Long.class).optional().orElseThrow(() -> new NotFoundException("budget " + year + " version " + number));
	}

	private static final String SELECT = """
			SELECT id, county_code, year, increment_t, corrects_entry_id, verified_on, verified_by, reference_number, document_name, document_type,
			  document_sha256, octet_length(document) AS document_bytes, entered_by, entered_role, entered_at FROM budget_sink_entry""";

	private Entry entry(long id) {
		return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query((rs, n) -> row(rs)).single();
	}

	private Entry row(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Entry(rs.getLong("id"), rs.getString("county_code"), rs.getInt("year"), BudgetVersions.plain(rs.getBigDecimal("increment_t")),
				(Long) rs.getObject("corrects_entry_id"), rs.getObject("verified_on", LocalDate.class), rs.getString("verified_by"), rs.getString("reference_number"),
				rs.getString("document_name"), rs.getString("document_type"), rs.getString("document_sha256"),
				(Integer) rs.getObject("document_bytes"),
				rs.getString("entered_by"), Role.valueOf(rs.getString("entered_role")), rs.getObject("entered_at", OffsetDateTime.class).atZoneSameInstant(java.time.ZoneId.of("Asia/Shanghai"))
					.toOffsetDateTime());
	}

	/**
	 * A correction: a negative increment of the same county and year as the entry it corrects, at most what is left of
	 * that entry after its earlier corrections (the entry's ΔS never goes below 0).
	 */
	private void corrected(List<InputError> errors, NewEntry in) {
		var original = jdbc.sql("""
				SELECT county_code, year, increment_t, increment_t + coalesce((SELECT sum(c.increment_t) FROM budget_sink_entry c
				  WHERE c.corrects_entry_id = e.id), 0) AS left_t FROM budget_sink_entry e WHERE id = :id AND corrects_entry_id IS NULL""")
			.param("id", in.correctsEntryId()).query().listOfRows();
		if (original.isEmpty()) {
			errors.add(InputError.field("corrects_entry_id", "is not an increment of the ledger"));
			return;
		}
		var o = original.get(0);
		if (!o.get("county_code").equals(in.countyCode()) || !o.get("year").equals(in.year())) {
			errors.add(InputError.field("corrects_entry_id", "is an entry of county " + o.get("county_code") + " and year " + o.get("year")));
		}
		BigDecimal left = (BigDecimal) o.get("left_t");
		if (in.increment().signum() >= 0 || in.increment().negate().compareTo(left) > 0) {
			errors.add(InputError.field("increment_t", "a correction is negative and at most the " + BudgetVersions.plain(left)
					+ " t left of the entry it corrects"));
		}
		else {
			BigDecimal free = jdbc.sql("""
					SELECT coalesce((SELECT sum(increment_t) FROM budget_sink_entry WHERE year = :year AND county_code = :county), 0)
					  - coalesce((SELECT sum(tonnes_t) FROM budget_sink_withdrawal WHERE year = :year AND county_code = :county), 0)""")
				.param("year", in.year()).param("county", in.countyCode()).query(BigDecimal.class).single();
			if (in.increment().negate().compareTo(free) > 0) {
				errors.add(InputError.field("increment_t", "the county's sinks of " + in.year() + " not issued as carbon tickets are "
						+ BudgetVersions.plain(free) + " t: a correction cannot take back tonnes already issued as tickets"));
			}
		}
	}

	private static void text(List<InputError> errors, String field, String value, int max, boolean required) {
		if (blank(value)) {
			if (required) {
				errors.add(InputError.field(field, "is required"));
			}
			return;
		}
		InputBounds.length(errors, field, value, max);
		if (value.chars().anyMatch(c -> c < 0x20)) {
			errors.add(InputError.field(field, "must not contain control characters"));
		}
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}



}
