package org.peakpilot.inclusive.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.Factor;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.registry.Registry;
import org.peakpilot.shared.Rounding;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Zero-carbon events (零碳会议/活动, issue 14; MEE 2019 large-event guide): an organiser (a partner of kind
 * EVENT_ORGANISER) or the office enters an event and its footprint line by line — venue electricity and fuels computed
 * by {@link EmissionsAccounting#calculate} with the grid factor of the event's year, travel, room-nights, meals,
 * materials and waste with {@link EventFactors} — then offsets it by retiring carbon tickets and the points citizens
 * donated to it. A line without a factor is "not assessed"; a footprint with such a line is incomplete and never
 * neutralised. Neutralising is one transaction: every unit retired, coverage (offsets ÷ footprint) at least 100 %,
 * or nothing happens. 1,000,000 points = 1 tCO2 (1 point = 1 gCO2).
 * <p>
 * Who: a PARTNER user reaches its own organiser's events only (another's is not found); the office (CITY_ADMIN,
 * CITY_OFFICER) all; the public a neutralised event's certificate by its serial.
 */
@Component
public class ZeroCarbonEvents {

	/** Points per tCO2 (1 point = 1 gCO2). */
	public static final long POINTS_PER_TONNE = 1_000_000L;
	public static final int NAME_MAX = 200;
	public static final int VENUE_MAX = 200;
	public static final int LABEL_MAX = 200;
	public static final int ITEM_MAX = 40;
	public static final int UNIT_MAX = 24;
	/** The largest quantity of a footprint line, in its unit (the accounting calculator's bound). */
	public static final String QUANTITY_MAX = Calculation.QUANTITY_MAX;
	/** The most points one donation or one offset moves (10^12 points = 10^6 tCO2). */
	public static final long POINTS_MAX = 1_000_000_000_000L;
	/** The most carbon tickets one offset retires. */
	public static final int TICKETS_MAX = 1000;
	public static final int SERIAL_MAX = 64;
	/** The earliest and latest event dates accepted. */
	public static final LocalDate DATE_MIN = LocalDate.of(2020, 1, 1);
	public static final LocalDate DATE_MAX = LocalDate.of(2100, 12, 31);
	/** The longest event accepted, days. */
	public static final int DAYS_MAX = 366;
	/** The footprint item of purchased electricity (kWh or MWh). */
	public static final String ELECTRICITY = "ELECTRICITY";

	@Schema(name = "ZeroCarbonEventStatus", description = "PLANNED (footprint open) or NEUTRALISED (offsets retired, locked) · 计划中或已中和")
	public enum Status {
		/** Entered; footprint may change; donations accepted while open. */
		PLANNED,
		/** Offsets retired, coverage ≥ 100 % of a complete footprint; locked. */
		NEUTRALISED
	}

	/** Where a line's factor comes from. */
	@Schema(name = "ZeroCarbonFactorOrigin", description = "ACCOUNTING library, REFERENCE file, office SOURCED_DEFAULT, NONE · 因子来源")
	public enum FactorOrigin {
		ACCOUNTING, REFERENCE, SOURCED_DEFAULT, NONE
	}

	/** An event as entered (organiser: a partner id). */
	public record EventInput(Long organiserId, String name, LocalDate startsOn, LocalDate endsOn, String venue, String countyCode,
			Boolean donationsOpen) {
	}

	/** One footprint line as entered: an item (ELECTRICITY, an accounting fuel code, an event factor code), quantity, unit. */
	public record LineInput(String item, BigDecimal quantity, String unit, String label) {
	}

	/** What an offset retires: carbon tickets by serial and/or points of the event's donated pool. */
	public record OffsetInput(List<String> ticketSerials, Long points) {
	}

	/** The factor a line was computed with (null value: none, not assessed). */
	@Schema(name = "ZeroCarbonLineFactor", description = "The factor a footprint line was computed with · 足迹行所用排放因子")
	public record LineFactor(
			@Schema(description = "Where the factor comes from · 因子来源") FactorOrigin origin,
			@Schema(example = "GRID-SICHUAN-2023", description = "The factor's code · 因子代码") String code,
			@Schema(example = "1", description = "The factor's version · 因子版本") Integer version,
			@Schema(example = "0.1564", description = "The value, in unit; absent: no factor (not assessed) · 因子数值（空为未评估）") BigDecimal value,
			@Schema(example = "tCO2/MWh", description = "The value's unit · 因子单位") String unit,
			@Schema(description = "Where the value comes from, with its verification tag · 数据来源及核验标记") String source,
			@Schema(description = "Whether the value counts as verified · 是否已核验") boolean verified) {
	}

	@Schema(name = "ZeroCarbonFootprintLine", description = "One line of an event's footprint · 活动碳足迹的一行")
	public record FootprintLine(
			@Schema(description = "The line's id · 行编号") long id,
			@Schema(description = "MEE 2019 category · 排放类别（生态环境部 2019 指南）") EventCategory category,
			@Schema(example = "ELECTRICITY", description = "ELECTRICITY, an accounting fuel code or an event factor code · 项目代码") String item,
			@Schema(example = "12000", description = "Quantity, in unit · 活动数据量") BigDecimal quantity,
			@Schema(example = "kWh", description = "The quantity's unit · 计量单位") String unit,
			@Schema(description = "The organiser's label · 说明") String label,
			@Schema(example = "1.8768", description = "tCO2; absent: not assessed (no factor) · 排放量（吨二氧化碳；空为未评估）") BigDecimal co2T,
			@Schema(description = "The factor used · 所用因子") LineFactor factor,
			@Schema(description = "The formula with its figures · 计算公式") String formula,
			@Schema(description = "Who entered the line · 录入人") String enteredBy,
			@Schema(description = "When the line was entered · 录入时间") Instant enteredAt) {

		public boolean assessed() {
			return co2T != null;
		}
	}

	/** One category's lines: tCO2 of the assessed ones, how many are not assessed. */
	@Schema(name = "ZeroCarbonCategoryTotal", description = "A category's total · 分类合计")
	public record CategoryTotal(
			@Schema(description = "MEE 2019 category · 排放类别") EventCategory category,
			@Schema(description = "tCO2 of the assessed lines · 已评估行排放量（吨二氧化碳）") BigDecimal co2T,
			@Schema(description = "Lines in the category · 行数") int lines,
			@Schema(description = "Lines not assessed (no factor) · 未评估行数（无因子）") int unassessedLines) {
	}

	/**
	 * The footprint: lines, totals per category, the assessed total (tCO2), the lines not assessed; complete when it
	 * has lines and none unassessed. Offsets (tCO2) and coverage (offsets ÷ total, a fraction; null while the total
	 * is 0).
	 */
	@Schema(name = "ZeroCarbonFootprint", description = "An event's footprint and its coverage · 活动碳足迹及抵消覆盖率")
	public record Footprint(
			@Schema(description = "The lines · 各行") List<FootprintLine> lines,
			@Schema(description = "Totals per MEE 2019 category · 分类合计") List<CategoryTotal> categories,
			@Schema(description = "tCO2 of the assessed lines · 已评估排放量合计（吨二氧化碳）") BigDecimal assessedCo2T,
			@Schema(description = "Lines not assessed; any makes the footprint incomplete · 未评估行数（有则足迹不完整）") int unassessedLines,
			@Schema(description = "Has lines and none unassessed; only a complete footprint can be neutralised · 足迹是否完整") boolean complete,
			@Schema(description = "tCO2 retired for the event · 已注销抵消量（吨二氧化碳）") BigDecimal offsetCo2T,
			@Schema(example = "1.02", description = "Offsets ÷ footprint, a fraction (1 = 100 %); absent while the footprint is 0 · 抵消覆盖率（小数）") BigDecimal coverage) {
	}

	@Schema(name = "ZeroCarbonOffset", description = "Units retired for an event · 为活动注销的抵消单位")
	public record Offset(
			@Schema(description = "The offset's id · 编号") long id,
			@Schema(example = "TICKET", description = "TICKET (carbon ticket) or POINTS (donated points) · 类型：碳票或捐赠积分") String kind,
			@Schema(description = "TICKET: the ticket's serial · 碳票编号") String ticketSerial,
			@Schema(description = "POINTS: points retired (1,000,000 = 1 tCO2) · 注销积分数") Long points,
			@Schema(description = "tCO2 retired · 注销量（吨二氧化碳）") BigDecimal co2T,
			@Schema(description = "The ledger transaction's sequence number · 账本交易序号") Long ledgerSeq,
			@Schema(description = "Who retired it · 注销人") String retiredBy,
			@Schema(description = "When · 注销时间") Instant retiredAt) {
	}

	@Schema(name = "ZeroCarbonEvent", description = "A zero-carbon event with its footprint and offsets · 零碳活动及其碳足迹和抵消")
	public record Event(
			@Schema(description = "The event's id · 活动编号") long id,
			@Schema(example = "ZCE-2026-000001", description = "The certificate's serial · 证书编号") String serial,
			@Schema(description = "The organiser (partner id) · 主办方编号") long organiserId,
			@Schema(description = "The organiser's name · 主办方名称") String organiserName,
			@Schema(description = "Name · 活动名称") String name,
			@Schema(description = "First day · 开始日期") LocalDate startsOn,
			@Schema(description = "Last day · 结束日期") LocalDate endsOn,
			@Schema(description = "Venue · 场馆") String venue,
			@Schema(example = "511102", description = "County (GB/T 2260) · 区县代码") String countyCode,
			@Schema(description = "Whether citizens may donate points · 是否接受积分捐赠") boolean donationsOpen,
			@Schema(description = "Status · 状态") Status status,
			@Schema(description = "Donated points not yet retired · 已捐赠未注销积分") long pooledPoints,
			@Schema(description = "The footprint · 碳足迹") Footprint footprint,
			@Schema(description = "Units retired · 已注销的抵消") List<Offset> offsets,
			@Schema(description = "When neutralised · 中和时间") Instant neutralisedAt,
			@Schema(description = "Who neutralised it · 中和操作人") String neutralisedBy,
			@Schema(description = "Who entered it · 创建人") String createdBy,
			@Schema(description = "When entered · 创建时间") Instant createdAt) {

		/** Whether citizens may donate points to it now. */
		public boolean openForDonation() {
			return status == Status.PLANNED && donationsOpen;
		}
	}

	/** An event in a list, without its lines. */
	@Schema(name = "ZeroCarbonEventListing", description = "A zero-carbon event in a list · 零碳活动列表项")
	public record EventListing(
			@Schema(description = "The event's id · 活动编号") long id,
			@Schema(example = "ZCE-2026-000001", description = "The certificate's serial · 证书编号") String serial,
			@Schema(description = "The organiser (partner id) · 主办方编号") long organiserId,
			@Schema(description = "The organiser's name · 主办方名称") String organiserName,
			@Schema(description = "Name · 活动名称") String name,
			@Schema(description = "First day · 开始日期") LocalDate startsOn,
			@Schema(description = "Last day · 结束日期") LocalDate endsOn,
			@Schema(description = "Venue · 场馆") String venue,
			@Schema(description = "County (GB/T 2260) · 区县代码") String countyCode,
			@Schema(description = "Whether citizens may donate points · 是否接受积分捐赠") boolean donationsOpen,
			@Schema(description = "Status · 状态") Status status) {
	}

	/** An event citizens may donate points to, with the points pooled so far. */
	public record EventForDonation(long id, String serial, String name, String organiserName, LocalDate startsOn, LocalDate endsOn,
			String venue, String countyCode, long pooledPoints) {
	}

	/** A citizen's donation as recorded (the ledger's DONATE transaction's sequence number). */
	public record Donation(long id, long eventId, long citizenId, long points, long ledgerSeq, Instant donatedAt) {
	}

	/** A partner that organises events. */
	@Schema(name = "ZeroCarbonEventOrganiser", description = "A partner that organises events · 活动主办方")
	public record Organiser(
			@Schema(description = "Partner id · 合作方编号") long id,
			@Schema(description = "Partner code · 合作方代码") String code,
			@Schema(description = "Name · 名称") String name) {
	}

	private final JdbcClient jdbc;
	private final EventFactors factors;
	private final EmissionsAccounting accounting;
	private final Registry registry;
	private final Ledger ledger;
	private final TicketRegistry tickets;
	private final AuditLog audit;
	private final Clock clock;
	private final Partners partners;

	ZeroCarbonEvents(JdbcClient jdbc, EventFactors factors, EmissionsAccounting accounting, Registry registry, Ledger ledger,
			TicketRegistry tickets, AuditLog audit, Clock clock, Partners partners) {
		this.partners = partners;
		this.tickets = tickets;
		this.jdbc = jdbc;
		this.factors = factors;
		this.accounting = accounting;
		this.registry = registry;
		this.ledger = ledger;
		this.audit = audit;
		this.clock = clock;
	}

	// ---------------------------------------------------------------- donations (the citizen pages' contract)

	/**
	 * A citizen donates points to an event open for donation: one ledger transaction {@code DONATE} CITIZEN
	 * ({@code citizenId}) → EVENT ({@code eventId}), asset POINT, reference {@code event:<id>}. The caller (the citizen
	 * page) passes the signed-in citizen's own id. 400 ({@code points}) unless 1 ≤ points ≤ {@link #POINTS_MAX}; 404 for
	 * an unknown citizen or event; 409 when the event does not take donations (neutralised or closed); the ledger
	 * refuses (409/422) more points than the citizen holds, so the same points cannot be donated twice.
	 */
	@Transactional
	public Donation donatePoints(long citizenId, long eventId, long points) {
		if (points < 1 || points > POINTS_MAX) {
			throw new InvalidInputException("points", "must lie between 1 and " + POINTS_MAX);
		}
		boolean citizen = jdbc.sql("SELECT count(*) FROM inclusive_citizen WHERE id = :id").param("id", citizenId)
			.query(Long.class).single() > 0;
		if (!citizen) {
			throw new NotFoundException("citizen " + citizenId);
		}
		boolean open = jdbc.sql("SELECT status = 'PLANNED' AND donations_open FROM inclusive_event WHERE id = :id FOR UPDATE")
			.param("id", eventId).query(Boolean.class).optional().orElseThrow(() -> new NotFoundException("event " + eventId));
		if (!open) {
			throw new RuleViolationException("event " + eventId + " does not take donations", true);
		}
		long from = ledger.account(AccountKind.CITIZEN, String.valueOf(citizenId), Asset.POINT);
		long to = ledger.account(AccountKind.EVENT, String.valueOf(eventId), Asset.POINT);
		Ledger.PostedTxn txn = ledger.post(new Ledger.NewTxn(TxnKind.DONATE, "event:" + eventId, "donation to zero-carbon event " + eventId,
				List.of(new Ledger.Posting(from, -points), new Ledger.Posting(to, points))));
		Instant at = clock.instant();
		long id = jdbc.sql("""
				INSERT INTO inclusive_event_donation (event_id, citizen_id, points, ledger_seq, donated_at)
				VALUES (:e, :c, :p, :seq, :at) RETURNING id
				""").param("e", eventId).param("c", citizenId).param("p", points).param("seq", txn.seq())
			.param("at", OffsetDateTime.ofInstant(at, clock.getZone())).query(Long.class).single();
		return new Donation(id, eventId, citizenId, points, txn.seq(), at);
	}

	/** The events citizens may donate to now (planned, donations open), soonest first, with the points pooled so far. */
	public List<EventForDonation> openForDonation() {
		return jdbc.sql("""
				SELECT e.*, p.name AS organiser_name FROM inclusive_event e JOIN inclusive_partner p ON p.id = e.organiser_id
				WHERE e.status = 'PLANNED' AND e.donations_open ORDER BY e.starts_on, e.id LIMIT 200
				""").query((rs, n) -> new EventForDonation(rs.getLong("id"), rs.getString("serial"), rs.getString("name"),
					rs.getString("organiser_name"), rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
					rs.getString("venue"), rs.getString("county_code"), 0))
			.list().stream()
			.map(e -> new EventForDonation(e.id(), e.serial(), e.name(), e.organiserName(), e.startsOn(), e.endsOn(), e.venue(),
					e.countyCode(), pooled(e.id())))
			.toList();
	}

	/** The points donated to an event and not yet retired (its EVENT account's balance). */
	public long pooled(long eventId) {
		return ledger.balance(AccountKind.EVENT, String.valueOf(eventId), Asset.POINT);
	}

	// ---------------------------------------------------------------- events

	/** The organisers (partners of kind EVENT_ORGANISER, active), by name. */
	public List<Organiser> organisers() {
		return jdbc.sql("SELECT id, code, name FROM inclusive_partner WHERE kind = 'EVENT_ORGANISER' AND active ORDER BY name, id")
			.query((rs, n) -> new Organiser(rs.getLong("id"), rs.getString("code"), rs.getString("name"))).list();
	}

	/** The events the caller may see: a partner its organiser's, the office all; newest first. */
	public List<EventListing> list() {
		Long partner = callerPartnerOrOffice();
		return jdbc.sql("""
				SELECT e.*, p.name AS organiser_name FROM inclusive_event e JOIN inclusive_partner p ON p.id = e.organiser_id
				WHERE (CAST(:partner AS bigint) IS NULL OR e.organiser_id = :partner)
				ORDER BY e.starts_on DESC, e.id DESC LIMIT 500
				""").param("partner", partner).query(ZeroCarbonEvents::listing).list();
	}

	/** One event with its footprint and offsets; not found outside the caller's reach. */
	public Event event(long id) {
		Long partner = callerPartnerOrOffice();
		EventListing e = jdbc.sql("""
				SELECT e.*, p.name AS organiser_name FROM inclusive_event e JOIN inclusive_partner p ON p.id = e.organiser_id
				WHERE e.id = :id AND (CAST(:partner AS bigint) IS NULL OR e.organiser_id = :partner)
				""").param("id", id).param("partner", partner).query(ZeroCarbonEvents::listing).optional()
			.orElseThrow(() -> new NotFoundException("event " + id));
		return full(e);
	}

	/** Creates an event: a partner for its own organiser (organiserId ignored), the office for the organiser it names. */
	@Transactional
	public Event create(EventInput in) {
		Long partner = callerPartnerOrOffice();
		List<InputError> errors = new ArrayList<>();
		long organiser;
		if (partner != null) {
			organiser = partner;
			String kind = jdbc.sql("SELECT kind FROM inclusive_partner WHERE id = :id").param("id", partner).query(String.class).single();
			if (!"EVENT_ORGANISER".equals(kind)) {
				throw new AccessDeniedException("partner " + partner + " is not an event organiser");
			}
		}
		else if (in.organiserId() == null) {
			errors.add(InputError.field("organiserId", "is required: a partner of kind EVENT_ORGANISER"));
			organiser = 0;
		}
		else {
			organiser = in.organiserId();
			if (organisers().stream().noneMatch(o -> o.id() == organiser)) {
				errors.add(InputError.field("organiserId", "is not an active partner of kind EVENT_ORGANISER"));
			}
		}
		validate(in, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = jdbc.sql("SELECT nextval('inclusive_event_id_seq')").query(Long.class).single();
		String serial = "ZCE-" + in.startsOn().getYear() + "-" + String.format(Locale.ROOT, "%06d", id);
		jdbc.sql("""
				INSERT INTO inclusive_event (id, serial, organiser_id, name, starts_on, ends_on, venue, county_code, donations_open,
				    created_by, created_at)
				VALUES (:id, :serial, :organiser, :name, :starts, :ends, :venue, :county, :open, :by, :at)
				""").param("id", id).param("serial", serial).param("organiser", organiser).param("name", in.name().strip())
			.param("starts", in.startsOn()).param("ends", in.endsOn()).param("venue", in.venue().strip())
			.param("county", in.countyCode().strip()).param("open", in.donationsOpen() == null || in.donationsOpen())
			.param("by", AccessScope.current().actor()).param("at", now()).update();
		Event created = event(id);
		audit.record("inclusive.event-created", "inclusive-event", id, null, summary(created));
		return created;
	}

	/** Changes a planned event's facts (organiser stays). */
	@Transactional
	public Event update(long id, EventInput in) {
		Event before = planned(id);
		List<InputError> errors = new ArrayList<>();
		validate(in, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		jdbc.sql("""
				UPDATE inclusive_event SET name = :name, starts_on = :starts, ends_on = :ends, venue = :venue, county_code = :county,
				    donations_open = :open WHERE id = :id
				""").param("id", id).param("name", in.name().strip()).param("starts", in.startsOn()).param("ends", in.endsOn())
			.param("venue", in.venue().strip()).param("county", in.countyCode().strip())
			.param("open", in.donationsOpen() == null ? before.donationsOpen() : in.donationsOpen()).update();
		Event after = event(id);
		audit.record("inclusive.event-changed", "inclusive-event", id, summary(before), summary(after));
		return after;
	}

	private void validate(EventInput in, List<InputError> errors) {
		text(errors, "name", in.name(), NAME_MAX);
		text(errors, "venue", in.venue(), VENUE_MAX);
		if (in.countyCode() == null || in.countyCode().isBlank()) {
			errors.add(InputError.field("countyCode", "is required"));
		}
		else if (!in.countyCode().strip().matches("\\d{6}") || !registry.isCounty(in.countyCode().strip())) {
			errors.add(InputError.field("countyCode", "is not a county of the plan (GB/T 2260, 6 digits)"));
		}
		if (in.startsOn() == null) {
			errors.add(InputError.field("startsOn", "is required"));
		}
		else if (in.startsOn().isBefore(DATE_MIN) || in.startsOn().isAfter(DATE_MAX)) {
			errors.add(InputError.field("startsOn", "must lie between " + DATE_MIN + " and " + DATE_MAX));
		}
		if (in.endsOn() == null) {
			errors.add(InputError.field("endsOn", "is required"));
		}
		else if (in.startsOn() != null && (in.endsOn().isBefore(in.startsOn()) || in.endsOn().isAfter(in.startsOn().plusDays(DAYS_MAX)))) {
			errors.add(InputError.field("endsOn", "must lie between startsOn and " + DAYS_MAX + " days after it"));
		}
	}

	private static void text(List<InputError> errors, String field, String value, int max) {
		if (value == null || value.isBlank()) {
			errors.add(InputError.field(field, "is required"));
		}
		else if (value.strip().length() > max) {
			errors.add(InputError.field(field, "at most " + max + " characters"));
		}
	}

	// ---------------------------------------------------------------- footprint

	/**
	 * Adds a footprint line to a planned event, computed at once: ELECTRICITY (kWh or MWh) and accounting fuel codes by
	 * the accounting calculator for the event's year (the plan's grid region, else the latest earlier year's factor);
	 * an event factor code (TRAVEL-CAR, ROOM-NIGHT, …) by its newest version, or "not assessed" when it has no value.
	 */
	@Transactional
	public Event addLine(long eventId, LineInput in) {
		Event event = planned(eventId);
		List<InputError> errors = new ArrayList<>();
		String item = in.item() == null ? "" : in.item().strip().toUpperCase(Locale.ROOT);
		if (item.isEmpty()) {
			errors.add(InputError.field("item", "is required: ELECTRICITY, a fuel code of the accounting library or an event factor code"));
		}
		else if (item.length() > ITEM_MAX || !item.matches("[A-Z0-9][A-Z0-9-]*")) {
			errors.add(InputError.field("item", "at most " + ITEM_MAX + " capitals, digits and hyphens"));
		}
		if (in.quantity() == null) {
			errors.add(InputError.field("quantity", "is required"));
		}
		else if (in.quantity().signum() <= 0 || in.quantity().compareTo(new BigDecimal(QUANTITY_MAX)) >= 0) {
			errors.add(InputError.field("quantity", "must lie above 0 and below " + QUANTITY_MAX));
		}
		else if (in.quantity().stripTrailingZeros().scale() > 6) {
			errors.add(InputError.field("quantity", "at most 6 decimals"));
		}
		String unit = in.unit() == null ? "" : in.unit().strip();
		if (unit.length() > UNIT_MAX) {
			errors.add(InputError.field("unit", "at most " + UNIT_MAX + " characters"));
		}
		String label = in.label() == null || in.label().isBlank() ? null : in.label().strip();
		if (label != null && label.length() > LABEL_MAX) {
			errors.add(InputError.field("label", "at most " + LABEL_MAX + " characters"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Computed c = compute(event, item, in.quantity(), unit, label);
		jdbc.sql("""
				INSERT INTO inclusive_event_line (event_id, category, item, quantity, unit, label, co2_t, factor_origin, factor_code,
				    factor_version, factor_value, factor_unit, factor_source, factor_verified, formula, entered_by, entered_at)
				VALUES (:e, :category, :item, :q, :unit, :label, :co2, :origin, :code, :version, :value, :funit, :source, :verified,
				    :formula, :by, :at)
				""").param("e", eventId).param("category", c.category().name()).param("item", item).param("q", in.quantity())
			.param("unit", c.unit()).param("label", label).param("co2", c.co2T()).param("origin", c.factor().origin().name())
			.param("code", c.factor().code()).param("version", c.factor().version()).param("value", c.factor().value())
			.param("funit", c.factor().unit()).param("source", c.factor().source()).param("verified", c.factor().verified())
			.param("formula", c.formula()).param("by", AccessScope.current().actor()).param("at", now()).update();
		Event after = event(eventId);
		audit.record("inclusive.event-line-added", "inclusive-event", eventId, null, after.footprint().lines().get(after.footprint().lines().size() - 1));
		return after;
	}

	/** Removes a line of a planned event's footprint. */
	@Transactional
	public Event removeLine(long eventId, long lineId) {
		Event event = planned(eventId);
		FootprintLine line = event.footprint().lines().stream().filter(l -> l.id() == lineId).findFirst()
			.orElseThrow(() -> new NotFoundException("footprint line " + lineId));
		jdbc.sql("DELETE FROM inclusive_event_line WHERE id = :id AND event_id = :e").param("id", lineId).param("e", eventId).update();
		audit.record("inclusive.event-line-removed", "inclusive-event", eventId, line, null);
		return event(eventId);
	}

	private record Computed(EventCategory category, String unit, BigDecimal co2T, LineFactor factor, String formula) {
	}

	private Computed compute(Event event, String item, BigDecimal quantity, String unit, String label) {
		Optional<EventFactors.EventFactor> own = factors.current(item);
		if (own.isPresent()) {
			EventFactors.EventFactor f = own.get();
			if (!unit.isEmpty() && !unit.equals(f.unit())) {
				throw new InvalidInputException("unit", "must be " + f.unit() + " for " + item);
			}
			LineFactor lf = new LineFactor(f.origin() == EventFactors.Origin.REFERENCE ? FactorOrigin.REFERENCE : FactorOrigin.SOURCED_DEFAULT,
					f.code(), f.version(), f.kgCo2PerUnit(), "kgCO2/" + f.unit(), f.source(), f.verified());
			if (!f.assessed()) {
				return new Computed(f.category(), f.unit(), null, lf, "not assessed: " + f.code() + " v" + f.version() + " has no factor");
			}
			BigDecimal t = Rounding.stored(quantity.multiply(f.kgCo2PerUnit(), Rounding.WORKING).divide(BigDecimal.valueOf(1000), Rounding.WORKING));
			return new Computed(f.category(), f.unit(), t, lf, quantity.stripTrailingZeros().toPlainString() + " " + f.unit() + " × "
					+ f.kgCo2PerUnit().stripTrailingZeros().toPlainString() + " kgCO2/" + f.unit() + " ÷ 1000 = " + t.toPlainString() + " tCO2");
		}
		Calculation.Line line;
		if (ELECTRICITY.equals(item)) {
			String u = unit.isEmpty() ? "kWh" : unit;
			if (!u.equals("kWh") && !u.equals("MWh")) {
				throw new InvalidInputException("unit", "must be kWh or MWh for ELECTRICITY");
			}
			line = new Calculation.Line(Calculation.LineType.ELECTRICITY, null, quantity, u, null, null, null, null, null, null, null, null,
					null, label);
		}
		else {
			Factor fuel = accounting.factors(new EmissionsAccounting.FactorQuery(Factor.Kind.FUEL, item, false)).stream()
				.filter(f -> f.code().equals(item)).findFirst()
				.orElseThrow(() -> new InvalidInputException("item", "'" + item + "' is not a footprint item: ELECTRICITY, a fuel code of the "
						+ "accounting library (e.g. NATURAL-GAS, DIESEL, LPG) or one of " + factors.current().stream().map(EventFactors.EventFactor::code).toList()));
			String u = unit.isEmpty() ? fuel.activityUnit() : unit;
			line = new Calculation.Line(Calculation.LineType.FUEL, item, quantity, u, null, null, null, null, null, null, null, null, null, label);
		}
		int year = Math.max(Calculation.YEAR_MIN, Math.min(Calculation.YEAR_MAX, event.startsOn().getYear()));
		Calculation.LineResult r;
		try {
			r = accounting.calculate(new Calculation.Request(year, null, List.of(line))).lines().get(0);
		}
		catch (InvalidInputException ex) {
			throw new InvalidInputException(ex.errors().stream()
				.map(e -> InputError.field(calculatorField(e.field()), e.message())).toList());
		}
		Calculation.FactorUsed used = r.factors().stream().filter(f -> f.unit() != null && f.unit().startsWith("tCO2")).findFirst()
			.orElse(r.factors().isEmpty() ? null : r.factors().get(0));
		LineFactor lf = used == null ? new LineFactor(FactorOrigin.ACCOUNTING, null, null, null, null, null, false)
				: new LineFactor(FactorOrigin.ACCOUNTING, used.code(), used.version(), used.value(), used.unit(), used.source(), used.verified());
		return new Computed(EventCategory.VENUE_ENERGY, line.unit(), r.co2T().value(), lf,
				r.formula() + (r.notes().isEmpty() ? "" : " (" + String.join("; ", r.notes()) + ")"));
	}

	private static String calculatorField(String field) {
		if (field == null) {
			return "item";
		}
		String f = field.replaceFirst("^lines\\[\\d+]\\.?", "");
		return switch (f) {
			case "quantity", "unit" -> f;
			default -> "item";
		};
	}

	// ---------------------------------------------------------------- offsetting

	/**
	 * Offsets a planned event and neutralises it, in one transaction: retires the named carbon tickets and the given
	 * points of the event's donated pool (EVENT → RETIRED), then requires a complete footprint and coverage ≥ 100 %;
	 * otherwise nothing is retired (422). The tickets ({@link TicketRegistry#retire}, beneficiary the event, reference
	 * {@code event:<id>}) must be held by the organiser's ticket holder (a holder whose partner is the organiser); a
	 * ticket retired once can never be retired again (the registry refuses it, and the offset's serial is unique).
	 */
	@Transactional
	public Event offset(long eventId, OffsetInput in) {
		Event event = planned(eventId);
		List<String> serials = in.ticketSerials() == null ? List.of() : in.ticketSerials();
		long points = in.points() == null ? 0 : in.points();
		List<InputError> errors = new ArrayList<>();
		if (serials.size() > TICKETS_MAX) {
			errors.add(InputError.field("ticketSerials", "at most " + TICKETS_MAX + " serials"));
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < serials.size() && i < TICKETS_MAX; i++) {
			String s = serials.get(i);
			if (s == null || s.isBlank() || s.strip().length() > SERIAL_MAX || !s.strip().matches("[A-Za-z0-9-]+")) {
				errors.add(InputError.field("ticketSerials[" + i + "]", "a ticket serial: at most " + SERIAL_MAX + " letters, digits and hyphens"));
			}
			else if (!seen.add(s.strip())) {
				errors.add(InputError.field("ticketSerials[" + i + "]", "repeats an earlier serial"));
			}
		}
		if (points < 0 || points > POINTS_MAX) {
			errors.add(InputError.field("points", "must lie between 0 and " + POINTS_MAX));
		}
		if (serials.isEmpty() && points == 0 && errors.isEmpty()) {
			errors.add(InputError.field("points", "name tickets to retire or points of the pool"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Footprint fp = event.footprint();
		if (!fp.complete()) {
			throw new RuleViolationException(fp.lines().isEmpty() ? "the event has no footprint yet"
					: "the footprint has " + fp.unassessedLines() + " line(s) not assessed (no factor): an incomplete footprint is never neutralised");
		}
		if (fp.assessedCo2T().signum() <= 0) {
			throw new RuleViolationException("the footprint is 0 tCO2: nothing to offset");
		}
		String actor = AccessScope.current().actor();
		OffsetDateTime at = now();
		BigDecimal retired = BigDecimal.ZERO;
		if (!serials.isEmpty()) {
			List<String> wanted = serials.stream().map(x -> x.strip().toUpperCase(Locale.ROOT)).toList();
			TicketRegistry.TicketRetirement r;
			try {
				r = tickets.retire(wanted, event.name(), "零碳活动碳中和 zero-carbon event " + event.serial(), "event:" + eventId);
			}
			catch (InvalidInputException ex) {
				throw new InvalidInputException(ex.errors().stream()
					.map(x -> InputError.field(x.field() == null ? "ticketSerials" : x.field().replaceFirst("^serials", "ticketSerials"), x.message()))
					.toList());
			}
			Long holderPartner = tickets.holderOf(r.holderId()).partnerId();
			if (holderPartner == null || holderPartner != event.organiserId()) {
				throw new RuleViolationException("the tickets are held by " + r.holderName() + ", not by the event's organiser " + event.organiserName());
			}
			if (r.tonnes() != wanted.size()) {
				throw new IllegalStateException("retired " + r.tonnes() + " t for " + wanted.size() + " serials");
			}
			for (String serial : wanted) {
				jdbc.sql("""
						INSERT INTO inclusive_event_offset (event_id, kind, ticket_serial, co2_t, ledger_seq, retired_by, retired_at)
						VALUES (:e, 'TICKET', :s, 1, :seq, :by, :at)
						""").param("e", eventId).param("s", serial).param("seq", r.ledgerSeq()).param("by", actor).param("at", at).update();
			}
			retired = retired.add(BigDecimal.valueOf(r.tonnes()));
		}
		if (points > 0) {
			long pool = ledger.account(AccountKind.EVENT, String.valueOf(eventId), Asset.POINT);
			long sink = ledger.account(AccountKind.RETIRED, "scheme", Asset.POINT);
			Ledger.PostedTxn txn = ledger.post(new Ledger.NewTxn(TxnKind.RETIRE, "event:" + eventId,
					"offset of zero-carbon event " + event.serial(), List.of(new Ledger.Posting(pool, -points), new Ledger.Posting(sink, points))));
			BigDecimal t = BigDecimal.valueOf(points).divide(BigDecimal.valueOf(POINTS_PER_TONNE), Rounding.SCALE, RoundingMode.HALF_UP);
			if (t.signum() == 0) {
				throw new InvalidInputException("points", "at least 1 point per gram: " + points + " points round to 0 tCO2");
			}
			jdbc.sql("""
					INSERT INTO inclusive_event_offset (event_id, kind, points, co2_t, ledger_seq, retired_by, retired_at)
					VALUES (:e, 'POINTS', :p, :t, :seq, :by, :at)
					""").param("e", eventId).param("p", points).param("t", t).param("seq", txn.seq()).param("by", actor).param("at", at).update();
			retired = retired.add(t);
		}
		BigDecimal total = fp.offsetCo2T().add(retired);
		if (total.compareTo(fp.assessedCo2T()) < 0) {
			throw new RuleViolationException("coverage " + percent(total, fp.assessedCo2T()) + " % is below 100 %: offsets of "
					+ total.stripTrailingZeros().toPlainString() + " tCO2 for a footprint of " + fp.assessedCo2T().stripTrailingZeros().toPlainString()
					+ " tCO2; nothing was retired");
		}
		jdbc.sql("""
				UPDATE inclusive_event SET status = 'NEUTRALISED', footprint_co2_t = :fp, offset_co2_t = :off, neutralised_at = :at,
				    neutralised_by = :by WHERE id = :id
				""").param("fp", fp.assessedCo2T()).param("off", Rounding.stored(total)).param("at", at).param("by", actor)
			.param("id", eventId).update();
		Event after = event(eventId);
		audit.record("inclusive.event-neutralised", "inclusive-event", eventId, summary(event), after.offsets());
		return after;
	}

	private static String percent(BigDecimal part, BigDecimal whole) {
		return part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.DOWN).toPlainString();
	}

	// ---------------------------------------------------------------- public certificate

	/** A neutralised event's certificate by its serial; not found for any other serial. */
	public Event certificate(String serial) {
		if (serial == null || serial.length() > 32) {
			throw new NotFoundException("certificate " + serial);
		}
		EventListing e = jdbc.sql("""
				SELECT e.*, p.name AS organiser_name FROM inclusive_event e JOIN inclusive_partner p ON p.id = e.organiser_id
				WHERE e.serial = :s AND e.status = 'NEUTRALISED'
				""").param("s", serial).query(ZeroCarbonEvents::listing).optional()
			.orElseThrow(() -> new NotFoundException("certificate " + serial));
		return full(e);
	}

	/** Neutralised events, newest first (the public list). */
	public List<EventListing> neutralised() {
		return jdbc.sql("""
				SELECT e.*, p.name AS organiser_name FROM inclusive_event e JOIN inclusive_partner p ON p.id = e.organiser_id
				WHERE e.status = 'NEUTRALISED' ORDER BY e.neutralised_at DESC LIMIT 200
				""").query(ZeroCarbonEvents::listing).list();
	}

	// ---------------------------------------------------------------- reading

	/** The event within the caller's reach, locked for the rest of the transaction (writes serialise), if still planned. */
	private Event planned(long id) {
		jdbc.sql("SELECT id FROM inclusive_event WHERE id = :id FOR UPDATE").param("id", id).query(Long.class).optional();
		Event e = event(id);
		if (e.status() != Status.PLANNED) {
			throw new RuleViolationException("event " + e.serial() + " is neutralised: its footprint and offsets are locked", true);
		}
		return e;
	}

	private Event full(EventListing e) {
		List<FootprintLine> lines = jdbc.sql("SELECT * FROM inclusive_event_line WHERE event_id = :e ORDER BY id").param("e", e.id())
			.query(ZeroCarbonEvents::line).list();
		List<Offset> offsets = jdbc.sql("SELECT * FROM inclusive_event_offset WHERE event_id = :e ORDER BY id").param("e", e.id())
			.query((rs, n) -> new Offset(rs.getLong("id"), rs.getString("kind"), rs.getString("ticket_serial"),
					(Long) rs.getObject("points", Long.class), rs.getBigDecimal("co2_t"), (Long) rs.getObject("ledger_seq", Long.class),
					rs.getString("retired_by"), rs.getObject("retired_at", OffsetDateTime.class).toInstant()))
			.list();
		Map<EventCategory, BigDecimal> tonnes = new EnumMap<>(EventCategory.class);
		Map<EventCategory, int[]> counts = new EnumMap<>(EventCategory.class);
		BigDecimal total = BigDecimal.ZERO;
		int unassessed = 0;
		for (FootprintLine l : lines) {
			int[] c = counts.computeIfAbsent(l.category(), k -> new int[2]);
			c[0]++;
			if (l.assessed()) {
				tonnes.merge(l.category(), l.co2T(), BigDecimal::add);
				total = total.add(l.co2T());
			}
			else {
				c[1]++;
				unassessed++;
			}
		}
		List<CategoryTotal> categories = new ArrayList<>();
		for (EventCategory c : EventCategory.values()) {
			int[] n = counts.getOrDefault(c, new int[2]);
			categories.add(new CategoryTotal(c, Rounding.stored(tonnes.getOrDefault(c, BigDecimal.ZERO)), n[0], n[1]));
		}
		BigDecimal offset = offsets.stream().map(Offset::co2T).reduce(BigDecimal.ZERO, BigDecimal::add);
		total = Rounding.stored(total);
		BigDecimal coverage = total.signum() == 0 ? null : offset.divide(total, 6, RoundingMode.DOWN);
		Footprint fp = new Footprint(lines, categories, total, unassessed, !lines.isEmpty() && unassessed == 0, Rounding.stored(offset), coverage);
		Object[] extra = jdbc.sql("SELECT neutralised_at, neutralised_by, created_by, created_at FROM inclusive_event WHERE id = :id")
			.param("id", e.id()).query((rs, n) -> new Object[] { rs.getObject("neutralised_at", OffsetDateTime.class),
					rs.getString("neutralised_by"), rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class) })
			.single();
		OffsetDateTime neutralisedAt = (OffsetDateTime) extra[0];
		return new Event(e.id(), e.serial(), e.organiserId(), e.organiserName(), e.name(), e.startsOn(), e.endsOn(), e.venue(),
				e.countyCode(), e.donationsOpen(), e.status(), pooled(e.id()), fp, offsets,
				neutralisedAt == null ? null : neutralisedAt.toInstant(), (String) extra[1], (String) extra[2],
				((OffsetDateTime) extra[3]).toInstant());
	}

	/**
	 * The caller's partner id when the caller is a PARTNER (its organiser); null for the office (CITY_ADMIN,
	 * CITY_OFFICER); anyone else is refused.
	 */
	Long callerPartnerOrOffice() {
		return partners.ofCallerOrOffice("zero-carbon events");
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
	}

	private static EventListing summary(Event e) {
		return new EventListing(e.id(), e.serial(), e.organiserId(), e.organiserName(), e.name(), e.startsOn(), e.endsOn(), e.venue(),
				e.countyCode(), e.donationsOpen(), e.status());
	}

	static EventListing listing(ResultSet rs, int n) throws SQLException {
		return new EventListing(rs.getLong("id"), rs.getString("serial"), rs.getLong("organiser_id"), rs.getString("organiser_name"),
				rs.getString("name"), rs.getObject("starts_on", LocalDate.class), rs.getObject("ends_on", LocalDate.class),
				rs.getString("venue"), rs.getString("county_code"), rs.getBoolean("donations_open"), Status.valueOf(rs.getString("status")));
	}

	static FootprintLine line(ResultSet rs, int n) throws SQLException {
		Integer version = (Integer) rs.getObject("factor_version", Integer.class);
		return new FootprintLine(rs.getLong("id"), EventCategory.valueOf(rs.getString("category")), rs.getString("item"),
				rs.getBigDecimal("quantity").stripTrailingZeros(), rs.getString("unit"), rs.getString("label"),
				rs.getBigDecimal("co2_t") == null ? null : rs.getBigDecimal("co2_t").stripTrailingZeros(),
				new LineFactor(FactorOrigin.valueOf(rs.getString("factor_origin")), rs.getString("factor_code"), version,
						rs.getBigDecimal("factor_value") == null ? null : rs.getBigDecimal("factor_value").stripTrailingZeros(),
						rs.getString("factor_unit"), rs.getString("factor_source"), rs.getBoolean("factor_verified")),
				rs.getString("formula"), rs.getString("entered_by"), rs.getObject("entered_at", OffsetDateTime.class).toInstant());
	}
}
