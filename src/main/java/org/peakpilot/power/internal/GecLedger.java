package org.peakpilot.power.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The green certificate ledger (绿证台账; 1 GEC = 1 MWh; ../shared/INCLUSIVE-POWER.md §2, §3.B). A lot is a whole
 * number of GECs of one project and production month under one 32-character code, held by an enterprise of the
 * registry. Rules, each a rule of this class and not a typed flag:
 * <ul>
 * <li>A code exists once (unique; a second entry or import of it is refused naming the row).</li>
 * <li>Expiry: production month + 2 years, the end of that month (Beijing date) [V]; the expiry job marks held and
 * transferred lots past it EXPIRED.</li>
 * <li>Tradable: not self-use (自发自用) and not hydro produced before 2023-01-01 [V] (m.bailiqin.com). Sold once [V]
 * (policycn.com): a lot can be transferred only while HELD, so a TRANSFERRED lot is never sold again.</li>
 * <li>CCER-frozen lots (the project chose CCER, 国能综通新能〔2024〕124号 [V]) can be neither transferred, declared nor
 * claimed.</li>
 * <li>Declared (consumed for a claim, 核销) lots stay with their holder and back one claim at most.</li>
 * </ul>
 * Every change is one append-only event ({@code power_gec_event}). Lots move whole; a partial transfer is not
 * supported (split the lot on the trading platform and import the parts).
 */
@Component
public class GecLedger {

	private static final Logger log = LoggerFactory.getLogger(GecLedger.class);

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	public static final int MAX_NAME = 200;
	public static final int MAX_NOTE = 500;
	public static final int MAX_REFERENCE = 100;
	public static final int MAX_SERIAL = 64;
	public static final long MAX_MWH = 100_000_000L;
	/** Hydro produced before this month is never tradable. */
	static final YearMonth HYDRO_TRADABLE_FROM = YearMonth.of(2023, 1);
	/** The first production month accepted (the GEC scheme began in 2017). */
	static final YearMonth FIRST_MONTH = YearMonth.of(2017, 1);
	static final Role[] OFFICE = { Role.CITY_ADMIN, Role.CITY_OFFICER };

	/** Where a lot is. */
	public enum LotStatus {
		HELD, TRANSFERRED, DECLARED, CANCELLED, EXPIRED
	}

	@Schema(name = "GecLot", description = "A lot of green certificates (1 GEC = 1 MWh) of one project and production month · 绿证批次（1 个绿证 = 1 MWh）")
	public record Lot(@Schema(description = "The lot's id · 批次编号") long id,
			@Schema(description = "The 32-character code · 32 位绿证编码", example = "A1B2C3D4E5F6G7H8J202403000012345") String code,
			@JsonProperty("project_name") @Schema(description = "Project · 项目名称") String projectName,
			@Schema(description = "Technology · 技术类型") GecTechnology technology,
			@JsonProperty("production_month") @Schema(description = "Production month, yyyy-MM · 电量生产年月", example = "2024-03") String productionMonth,
			@Schema(description = "GECs in the lot = MWh · 绿证数量（= 兆瓦时）") long mwh,
			@JsonProperty("first_serial") @Schema(description = "First GEC serial, if known · 起始序号") String firstSerial,
			@JsonProperty("last_serial") @Schema(description = "Last GEC serial, if known · 截止序号") String lastSerial,
			@JsonProperty("self_use") @Schema(description = "Self-used electricity (not tradable) · 自发自用") boolean selfUse,
			@JsonProperty("ccer_frozen") @Schema(description = "Frozen because the project chose CCER · 因项目选择 CCER 冻结") boolean ccerFrozen,
			@Schema(description = "Whether the rules let it be traded (not self-use, not pre-2023 hydro) · 是否可交易") boolean tradable,
			@JsonProperty("not_tradable_because") @Schema(description = "Why not tradable, if so · 不可交易原因") String notTradableBecause,
			@JsonProperty("holder_enterprise_id") @Schema(description = "The holding enterprise · 持有企业编号") long holderEnterpriseId,
			@JsonProperty("holder_name") @Schema(description = "The holding enterprise's name · 持有企业") String holderName,
			@Schema(description = "HELD, TRANSFERRED, DECLARED, CANCELLED or EXPIRED · 状态") LotStatus status,
			@JsonProperty("expires_on") @Schema(description = "Valid until (inclusive), Beijing date: production month + 2 years, month end · 有效期至") LocalDate expiresOn,
			@JsonProperty("declared_on") @Schema(description = "Declared (consumed) on · 声明消费日期") LocalDate declaredOn,
			@JsonProperty("claim_id") @Schema(description = "The claim it backs, if any · 所支撑的绿电声明") Long claimId,
			@JsonProperty("contract_id") @Schema(description = "The green-power contract it came with, if any · 所属绿电交易合同") Long contractId) {
	}

	@Schema(name = "GecLotEvent", description = "One change of a lot, append-only · 绿证批次变更记录（只增不改）")
	public record Event(@Schema(description = "Id · 编号") long id,
			@Schema(description = "IMPORT, ENTER, TRANSFER, CONTRACT, DECLARE, CLAIM, CANCEL, EXPIRE or FREEZE · 类型") String kind,
			@JsonProperty("status_before") @Schema(description = "Status before · 变更前状态") String statusBefore,
			@JsonProperty("status_after") @Schema(description = "Status after · 变更后状态") String statusAfter,
			@JsonProperty("from_enterprise") @Schema(description = "From (transfers) · 转出方") String fromEnterprise,
			@JsonProperty("to_enterprise") @Schema(description = "To (imports, transfers) · 转入方") String toEnterprise,
			@Schema(description = "MWh · 兆瓦时") long mwh,
			@Schema(description = "Reference (contract, claim, file) · 关联单据") String reference,
			@Schema(description = "Note · 备注") String note,
			@Schema(description = "Who · 操作人") String actor,
			@Schema(description = "When, Beijing time · 时间") OffsetDateTime at) {
	}

	@Schema(name = "GecLotInput", description = "A lot entered by hand · 手工录入的绿证批次")
	public record LotInput(
			@Schema(description = "The 32-character code · 32 位绿证编码", example = "A1B2C3D4E5F6G7H8J202403000012345") String code,
			@JsonProperty("project_name") @Schema(description = "Project, at most 200 characters · 项目名称", example = "沐川县风电场一期") String projectName,
			@Schema(description = "Technology · 技术类型", example = "WIND") GecTechnology technology,
			@JsonProperty("production_month") @Schema(description = "Production month, yyyy-MM, 2017-01 to this month · 电量生产年月", example = "2024-03") String productionMonth,
			@Schema(description = "GECs = MWh, 1 to 100,000,000 · 绿证数量（兆瓦时）", example = "1200") Long mwh,
			@JsonProperty("first_serial") @Schema(description = "First serial, optional, at most 64 letters, digits or '-' · 起始序号") String firstSerial,
			@JsonProperty("last_serial") @Schema(description = "Last serial, optional · 截止序号") String lastSerial,
			@JsonProperty("holder_enterprise_id") @Schema(description = "The holding enterprise (an enterprise user: its own) · 持有企业编号", example = "42") Long holderEnterpriseId,
			@JsonProperty("self_use") @Schema(description = "Self-used electricity (never tradable) · 自发自用") Boolean selfUse,
			@JsonProperty("ccer_frozen") @Schema(description = "The project chose CCER: frozen · 项目选择 CCER，冻结") Boolean ccerFrozen) {
	}

	/** A filter of the list. */
	public record LotQuery(Long enterpriseId, LotStatus status, String text, Integer year, int limit, int offset) {
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	GecLedger(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	// ------------------------------------------------------------------ rules

	/** The last valid day of a lot produced in {@code month}: two years on, end of that month. */
	public static LocalDate expiry(YearMonth month) {
		return month.plusYears(2).atEndOfMonth();
	}

	/** Why a lot of these properties cannot be traded, or null when it can. */
	public static String notTradableBecause(GecTechnology technology, YearMonth month, boolean selfUse) {
		if (selfUse) {
			return "self-used electricity (自发自用) is not tradable";
		}
		if (technology == GecTechnology.HYDRO && month.isBefore(HYDRO_TRADABLE_FROM)) {
			return "hydro produced before 2023-01 is not tradable";
		}
		return null;
	}

	LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), BEIJING);
	}

	// ------------------------------------------------------------------ reads

	private static final String SELECT = """
			SELECT l.*, e.name AS holder_name, e.county_code AS holder_county,
			       (SELECT cl.claim_id FROM power_green_claim_lot cl WHERE cl.lot_id = l.id) AS claim_id,
			       (SELECT cl.contract_id FROM power_green_contract_lot cl WHERE cl.lot_id = l.id) AS contract_id
			FROM power_gec_lot l JOIN enterprise e ON e.id = l.holder_enterprise_id
			""";

	/** Lots within the caller's scope (an enterprise its own, a county officer its county's, the office all). */
	public List<Lot> list(LotQuery q) {
		AccessScope.SqlCondition scope = AccessScope.current().where("e.county_code", "e.park_id", "l.holder_enterprise_id");
		String text = q.text() == null || q.text().isBlank() ? null : "%" + q.text().strip().replace("%", "").replace("_", "") + "%";
		return jdbc.sql(SELECT + """
				WHERE %s AND (CAST(:e AS bigint) IS NULL OR l.holder_enterprise_id = :e)
				  AND (CAST(:s AS text) IS NULL OR l.status = :s)
				  AND (CAST(:y AS int) IS NULL OR extract(year FROM l.production_month) = :y)
				  AND (CAST(:t AS text) IS NULL OR l.code ILIKE :t OR l.project_name ILIKE :t)
				ORDER BY l.production_month DESC, l.id DESC LIMIT :limit OFFSET :offset""".formatted(scope.sql()))
			.params(scope.params()).param("e", q.enterpriseId()).param("s", q.status() == null ? null : q.status().name())
			.param("y", q.year()).param("t", text).param("limit", q.limit()).param("offset", q.offset())
			.query(GecLedger::lot).list();
	}

	/** One lot; not found outside the caller's scope. */
	public Lot get(long id) {
		AccessScope.SqlCondition scope = AccessScope.current().where("e.county_code", "e.park_id", "l.holder_enterprise_id");
		return jdbc.sql(SELECT + " WHERE l.id = :id AND " + scope.sql()).params(scope.params()).param("id", id)
			.query(GecLedger::lot).optional().orElseThrow(() -> new NotFoundException("green certificate lot " + id));
	}

	/** A lot's history, oldest first; not found outside the caller's scope. */
	public List<Event> history(long id) {
		get(id);
		return jdbc.sql("""
				SELECT v.*, f.name AS from_name, t.name AS to_name FROM power_gec_event v
				LEFT JOIN enterprise f ON f.id = v.from_enterprise_id LEFT JOIN enterprise t ON t.id = v.to_enterprise_id
				WHERE v.lot_id = :id ORDER BY v.id""").param("id", id)
			.query((rs, n) -> new Event(rs.getLong("id"), rs.getString("kind"), rs.getString("status_before"), rs.getString("status_after"),
					rs.getString("from_name"), rs.getString("to_name"), rs.getLong("mwh"), rs.getString("reference"), rs.getString("note"),
					rs.getString("actor"), rs.getObject("at", OffsetDateTime.class).atZoneSameInstant(BEIJING).toOffsetDateTime()))
			.list();
	}

	// ------------------------------------------------------------------ entry and import

	/** Enters one lot (the office for any enterprise, an enterprise user for its own). */
	@Transactional
	public Lot enter(LotInput in) {
		List<InputError> errors = new ArrayList<>();
		Valid v = validate(in, null, "", errors, new HashSet<>());
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = insert(v, "ENTER", null);
		return get(id);
	}

	/** A lot as validated, ready to insert. */
	record Valid(String code, String projectName, GecTechnology technology, YearMonth month, long mwh, String firstSerial,
			String lastSerial, long holderId, boolean selfUse, boolean ccerFrozen) {
	}

	/**
	 * Checks one lot; errors carry {@code row} (null for single entry) and the field prefixed by {@code at}. The holder
	 * must exist and be the caller's to enter for (an enterprise outside the caller's scope is named as not found).
	 */
	Valid validate(LotInput in, Integer row, String at, List<InputError> errors, Set<String> codesSeen) {
		if (in == null) {
			errors.add(new InputError(row, "body", "the lot is required"));
			return null;
		}
		int before = errors.size();
		String code = null;
		try {
			code = GecCodes.normalise(at + "code", in.code());
		}
		catch (InvalidInputException ex) {
			ex.errors().forEach(e -> errors.add(new InputError(row, e.field(), e.message())));
		}
		if (code != null && !codesSeen.add(code)) {
			errors.add(new InputError(row, at + "code", "the code " + code + " appears twice in this input"));
		}
		else if (code != null && jdbc.sql("SELECT count(*) FROM power_gec_lot WHERE code = :c").param("c", code).query(Long.class).single() > 0) {
			errors.add(new InputError(row, at + "code", "the code " + code + " is already in the ledger: a green certificate exists once"));
		}
		String name = in.projectName() == null ? "" : in.projectName().strip();
		if (name.isEmpty()) {
			errors.add(new InputError(row, at + "project_name", "the project's name is required"));
		}
		else if (name.length() > MAX_NAME) {
			errors.add(new InputError(row, at + "project_name", "at most " + MAX_NAME + " characters"));
		}
		if (in.technology() == null) {
			errors.add(new InputError(row, at + "technology", "the technology is required: one of " + List.of(GecTechnology.values())));
		}
		YearMonth month = month(in.productionMonth(), row, at + "production_month", errors);
		if (in.mwh() == null || in.mwh() < 1 || in.mwh() > MAX_MWH) {
			errors.add(new InputError(row, at + "mwh", "a whole number of GECs (MWh) from 1 to " + MAX_MWH + " is required"));
		}
		String first = serial(in.firstSerial(), row, at + "first_serial", errors);
		String last = serial(in.lastSerial(), row, at + "last_serial", errors);
		Long holder = in.holderEnterpriseId();
		if (holder == null) {
			errors.add(new InputError(row, at + "holder_enterprise_id", "the holding enterprise is required"));
		}
		else {
			requireMayEnterFor(holder, row, at + "holder_enterprise_id", errors);
		}
		if (errors.size() > before) {
			return null;
		}
		return new Valid(code, name, in.technology(), month, in.mwh(), first, last, holder, Boolean.TRUE.equals(in.selfUse()),
				Boolean.TRUE.equals(in.ccerFrozen()));
	}

	private void requireMayEnterFor(long enterpriseId, Integer row, String field, List<InputError> errors) {
		AccessScope scope = AccessScope.current();
		Optional<String> county = jdbc.sql("SELECT county_code FROM enterprise WHERE id = :id").param("id", enterpriseId).query(String.class).optional();
		boolean own = scope.hasRole(Role.ENTERPRISE_USER) && scope.enterprises().contains(enterpriseId);
		if (county.isEmpty() || !(scope.isCityWide() || own)) {
			errors.add(new InputError(row, field, "enterprise " + enterpriseId + " is not one you may enter certificates for"
					+ (scope.hasRole(Role.ENTERPRISE_USER) ? " (your own enterprise only)" : "")));
		}
	}

	private YearMonth month(String text, Integer row, String field, List<InputError> errors) {
		if (text == null || text.isBlank()) {
			errors.add(new InputError(row, field, "the production month is required, yyyy-MM"));
			return null;
		}
		YearMonth m;
		try {
			m = YearMonth.parse(text.strip().length() > 7 ? text.strip().substring(0, Math.min(7, text.strip().length())) : text.strip());
		}
		catch (RuntimeException ex) {
			errors.add(new InputError(row, field, "'" + cut(text) + "' is not a month yyyy-MM"));
			return null;
		}
		YearMonth now = YearMonth.from(today());
		if (m.isBefore(FIRST_MONTH) || m.isAfter(now)) {
			errors.add(new InputError(row, field, "a production month from " + FIRST_MONTH + " to " + now + " (not in the future)"));
			return null;
		}
		return m;
	}

	private static String serial(String text, Integer row, String field, List<InputError> errors) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String s = text.strip();
		if (s.length() > MAX_SERIAL || !s.matches("[A-Za-z0-9-]+")) {
			errors.add(new InputError(row, field, "a serial has at most " + MAX_SERIAL + " letters, digits or '-'"));
			return null;
		}
		return s.toUpperCase(Locale.ROOT);
	}

	static String cut(String s) {
		return s.length() > 40 ? s.substring(0, 40) + "…" : s;
	}

	/** Inserts a validated lot with its first event; a code inserted meanwhile by another request is refused. */
	long insert(Valid v, String kind, String reference) {
		OffsetDateTime now = OffsetDateTime.now(clock);
		LotStatus status = today().isAfter(expiry(v.month())) ? LotStatus.EXPIRED : LotStatus.HELD;
		long id;
		try {
			id = jdbc.sql("""
					INSERT INTO power_gec_lot (code, project_name, technology, production_month, mwh, first_serial, last_serial, self_use,
					    ccer_frozen, holder_enterprise_id, status, expires_on, created_at, updated_at)
					VALUES (:code, :name, :tech, :month, :mwh, :first, :last, :self, :frozen, :holder, :status, :expires, :now, :now)
					RETURNING id""")
				.param("code", v.code()).param("name", v.projectName()).param("tech", v.technology().name())
				.param("month", v.month().atDay(1)).param("mwh", v.mwh()).param("first", v.firstSerial()).param("last", v.lastSerial())
				.param("self", v.selfUse()).param("frozen", v.ccerFrozen()).param("holder", v.holderId()).param("status", status.name())
				.param("expires", expiry(v.month())).param("now", now).query(Long.class).single();
		}
		catch (DuplicateKeyException ex) {
			throw new InvalidInputException("code", "the code " + v.code() + " is already in the ledger: a green certificate exists once");
		}
		event(id, kind, null, status, null, v.holderId(), v.mwh(), reference,
				status == LotStatus.EXPIRED ? "expired on " + expiry(v.month()) + " before it was entered" : null);
		return id;
	}

	void event(long lotId, String kind, LotStatus before, LotStatus after, Long from, Long to, long mwh, String reference, String note) {
		jdbc.sql("""
				INSERT INTO power_gec_event (lot_id, kind, status_before, status_after, from_enterprise_id, to_enterprise_id, mwh,
				    reference, note, actor, at)
				VALUES (:lot, :kind, :before, :after, :from, :to, :mwh, :ref, :note, :actor, :at)""")
			.param("lot", lotId).param("kind", kind).param("before", before == null ? null : before.name()).param("after", after.name())
			.param("from", from).param("to", to).param("mwh", mwh).param("ref", reference).param("note", note)
			.param("actor", AccessScope.current().actor()).param("at", OffsetDateTime.now(clock)).update();
	}

	// ------------------------------------------------------------------ operations

	/** The lot locked for a change, after the caller's scope (404 outside it) and right to operate it (403). */
	LockedLot lockForChange(long id) {
		Lot visible = get(id);
		AccessScope scope = AccessScope.current();
		boolean own = scope.hasRole(Role.ENTERPRISE_USER) && scope.enterprises().contains(visible.holderEnterpriseId());
		if (!scope.isCityWide() && !own) {
			throw new AccessDeniedException(scope.actor() + " may not operate the lots of enterprise " + visible.holderEnterpriseId());
		}
		jdbc.sql("SELECT id FROM power_gec_lot WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).single();
		Lot lot = get(id);
		return new LockedLot(lot, YearMonth.parse(lot.productionMonth()));
	}

	record LockedLot(Lot lot, YearMonth month) {
	}

	/**
	 * Transfers a lot to another enterprise of the registry (sold once): only a HELD, tradable, unexpired, unfrozen lot.
	 * The holder's enterprise user or the office.
	 */
	@Transactional
	public Lot transfer(long id, Long toEnterpriseId, String reference, String note) {
		List<InputError> errors = new ArrayList<>();
		String ref = text(reference, "reference", MAX_REFERENCE, errors);
		String n = text(note, "note", MAX_NOTE, errors);
		if (toEnterpriseId == null) {
			errors.add(InputError.field("to_enterprise_id", "the receiving enterprise is required"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		LockedLot l = lockForChange(id);
		Lot lot = l.lot();
		if (jdbc.sql("SELECT count(*) FROM enterprise WHERE id = :id").param("id", toEnterpriseId).query(Long.class).single() == 0) {
			throw new InvalidInputException("to_enterprise_id", "no enterprise " + toEnterpriseId + " in the registry");
		}
		if (toEnterpriseId == lot.holderEnterpriseId()) {
			throw new InvalidInputException("to_enterprise_id", "the lot is already held by enterprise " + toEnterpriseId);
		}
		requireUsable(lot, "transferred");
		if (lot.status() != LotStatus.HELD) {
			throw new RuleViolationException("lot " + id + " is " + lot.status() + ": a green certificate is sold once, only a HELD lot can be transferred", true);
		}
		if (!lot.tradable()) {
			throw new RuleViolationException("lot " + id + " is not tradable: " + lot.notTradableBecause());
		}
		move(lot, toEnterpriseId, "TRANSFER", ref, n);
		return afterTransfer(id);
	}

	private Lot afterTransfer(long id) {
		// the caller may no longer see the lot: answer it unscoped, it was the caller's a moment ago
		return jdbc.sql(SELECT + " WHERE l.id = :id").param("id", id).query(GecLedger::lot).single();
	}

	/** Moves a lot to a new holder as TRANSFERRED with an event of the kind given (TRANSFER or CONTRACT). */
	void move(Lot lot, long toEnterpriseId, String kind, String reference, String note) {
		jdbc.sql("UPDATE power_gec_lot SET holder_enterprise_id = :to, status = 'TRANSFERRED', updated_at = :now WHERE id = :id")
			.param("to", toEnterpriseId).param("now", OffsetDateTime.now(clock)).param("id", lot.id()).update();
		event(lot.id(), kind, lot.status(), LotStatus.TRANSFERRED, lot.holderEnterpriseId(), toEnterpriseId, lot.mwh(), reference, note);
	}

	/** Refuses a lot that is frozen, expired (by date or status), cancelled or already declared. */
	void requireUsable(Lot lot, String verb) {
		if (lot.ccerFrozen()) {
			throw new RuleViolationException("lot " + lot.id() + " is frozen: its project chose CCER, so its certificates cannot be " + verb);
		}
		if (lot.status() == LotStatus.EXPIRED || today().isAfter(lot.expiresOn())) {
			throw new RuleViolationException("lot " + lot.id() + " expired on " + lot.expiresOn() + " and cannot be " + verb);
		}
		if (lot.status() == LotStatus.CANCELLED || lot.status() == LotStatus.DECLARED) {
			throw new RuleViolationException("lot " + lot.id() + " is " + lot.status() + " and cannot be " + verb, true);
		}
	}

	/** Declares a held or transferred lot consumed by its holder (核销), so that a claim may use it. */
	@Transactional
	public Lot declare(long id, String note) {
		List<InputError> errors = new ArrayList<>();
		String n = text(note, "note", MAX_NOTE, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		LockedLot l = lockForChange(id);
		Lot lot = l.lot();
		requireUsable(lot, "declared");
		jdbc.sql("UPDATE power_gec_lot SET status = 'DECLARED', declared_on = :d, updated_at = :now WHERE id = :id")
			.param("d", today()).param("now", OffsetDateTime.now(clock)).param("id", id).update();
		event(id, "DECLARE", lot.status(), LotStatus.DECLARED, null, null, lot.mwh(), null, n);
		return get(id);
	}

	/** The office cancels a lot not yet backing a claim (an error of the platform, a withdrawn issuance). */
	@Transactional
	public Lot cancel(long id, String reason) {
		AccessScope.current().requireRole(OFFICE);
		List<InputError> errors = new ArrayList<>();
		String r = text(reason, "reason", MAX_NOTE, errors);
		if (r == null) {
			errors.add(InputError.field("reason", "say why the lot is cancelled"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Lot lot = lockForChange(id).lot();
		if (lot.claimId() != null || lot.status() == LotStatus.CANCELLED) {
			throw new RuleViolationException("lot " + id + (lot.claimId() != null ? " backs claim " + lot.claimId() : " is already cancelled")
					+ " and cannot be cancelled", true);
		}
		jdbc.sql("UPDATE power_gec_lot SET status = 'CANCELLED', declared_on = NULL, updated_at = :now WHERE id = :id")
			.param("now", OffsetDateTime.now(clock)).param("id", id).update();
		event(id, "CANCEL", lot.status(), LotStatus.CANCELLED, null, null, lot.mwh(), null, r);
		return get(id);
	}

	/** The office marks a lot frozen because its project chose CCER (not undone here). */
	@Transactional
	public Lot freeze(long id, String reference) {
		AccessScope.current().requireRole(OFFICE);
		List<InputError> errors = new ArrayList<>();
		String ref = text(reference, "reference", MAX_REFERENCE, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Lot lot = lockForChange(id).lot();
		if (lot.claimId() != null) {
			throw new RuleViolationException("lot " + id + " already backs claim " + lot.claimId() + ": record the CCER choice on the claim's project instead", true);
		}
		if (!lot.ccerFrozen()) {
			jdbc.sql("UPDATE power_gec_lot SET ccer_frozen = true, updated_at = :now WHERE id = :id")
				.param("now", OffsetDateTime.now(clock)).param("id", id).update();
			event(id, "FREEZE", lot.status(), lot.status(), null, null, lot.mwh(), ref, "project chose CCER: certificates frozen");
		}
		return get(id);
	}

	/**
	 * Marks HELD and TRANSFERRED lots whose validity ended before today (Beijing date) EXPIRED, each with an event.
	 * Declared lots were consumed in time and stay declared. Returns how many expired.
	 */
	@Transactional
	public int expireDue() {
		LocalDate today = today();
		List<Map<String, Object>> due = jdbc.sql("""
				SELECT id, status, mwh FROM power_gec_lot WHERE status IN ('HELD', 'TRANSFERRED') AND expires_on < :today
				ORDER BY id FOR UPDATE""").param("today", today).query().listOfRows();
		for (Map<String, Object> row : due) {
			long id = ((Number) row.get("id")).longValue();
			jdbc.sql("UPDATE power_gec_lot SET status = 'EXPIRED', updated_at = :now WHERE id = :id")
				.param("now", OffsetDateTime.now(clock)).param("id", id).update();
			event(id, "EXPIRE", LotStatus.valueOf((String) row.get("status")), LotStatus.EXPIRED, null, null,
					((Number) row.get("mwh")).longValue(), null, "validity ended (production month + 2 years)");
		}
		if (!due.isEmpty()) {
			log.info("Expired {} green certificate lots on {}", due.size(), today);
		}
		return due.size();
	}

	static String text(String value, String field, int max, List<InputError> errors) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String s = value.strip();
		if (!InputBounds.length(errors, field, s, max)) {
			return null;
		}
		return s;
	}

	/** The enterprise ids by USCC (unscoped: the import names holders by their code). */
	Map<String, Long> enterprisesByUscc(Set<String> usccs) {
		Map<String, Long> ids = new HashMap<>();
		if (usccs.isEmpty()) {
			return ids;
		}
		jdbc.sql("SELECT uscc, id FROM enterprise WHERE uscc = ANY(:u)").param("u", usccs.toArray(String[]::new))
			.query((rs, n) -> ids.put(rs.getString(1), rs.getLong(2))).list();
		return ids;
	}

	static Lot lot(ResultSet rs, int n) throws SQLException {
		GecTechnology tech = GecTechnology.valueOf(rs.getString("technology"));
		YearMonth month = YearMonth.from(rs.getObject("production_month", LocalDate.class));
		boolean selfUse = rs.getBoolean("self_use");
		String because = notTradableBecause(tech, month, selfUse);
		return new Lot(rs.getLong("id"), rs.getString("code"), rs.getString("project_name"), tech, month.toString(), rs.getLong("mwh"),
				rs.getString("first_serial"), rs.getString("last_serial"), selfUse, rs.getBoolean("ccer_frozen"), because == null, because,
				rs.getLong("holder_enterprise_id"), rs.getString("holder_name"), LotStatus.valueOf(rs.getString("status")),
				rs.getObject("expires_on", LocalDate.class), rs.getObject("declared_on", LocalDate.class),
				rs.getObject("claim_id", Long.class), rs.getObject("contract_id", Long.class));
	}
}
