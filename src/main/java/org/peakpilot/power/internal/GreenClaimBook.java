package org.peakpilot.power.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.power.internal.GecLedger.Lot;
import org.peakpilot.power.internal.GecLedger.LotStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Green-electricity claims (绿电声明) and green-power contracts (绿电交易).
 * <p>
 * A claim: an enterprise claims certified green electricity for months of one year (a whole year is months 1–12) from
 * lots it holds that are DECLARED (consumed, 核销), not CCER-frozen, declared while valid, and period-matched. The
 * period-matching rule is an inference of ours, [U] per ../shared/INCLUSIVE-POWER.md §2 ("claimed MWh = GECs
 * cancelled/declared in matching period"): a lot matches when its production month lies within the claimed months.
 * Lots are used whole; a claim's MWh is the sum of its lots; asking for more than the eligible declared MWh is refused.
 * Each lot backs one claim at most: the lots are locked, re-read after the lock, and {@code power_green_claim_lot}
 * is keyed by the lot, so two concurrent claims can never both take a lot. Claims are append-only (never withdrawn
 * here), so what accounting has used stays backed.
 * <p>
 * A contract: the office records a buyer's green-power purchase of a month (MWh) from a generator; the generator's
 * lots of that production month move to the buyer (event CONTRACT) and are linked to the contract, at most its MWh.
 */
@Component
public class GreenClaimBook {

	public static final int MAX_LOTS = 1000;

	@Schema(name = "GreenElectricityClaim", description = "A claim of certified green electricity for months of one year · 绿电消费声明")
	public record Claim(@Schema(description = "Id · 编号") long id,
			@JsonProperty("enterprise_id") @Schema(description = "The claiming enterprise · 声明企业编号") long enterpriseId,
			@JsonProperty("enterprise_name") @Schema(description = "The claiming enterprise · 声明企业") String enterpriseName,
			@Schema(description = "Year · 年度") int year,
			@JsonProperty("month_from") @Schema(description = "First month claimed, 1–12 · 起始月") int monthFrom,
			@JsonProperty("month_to") @Schema(description = "Last month claimed, 1–12 · 截止月") int monthTo,
			@Schema(description = "MWh claimed = the lots' GECs · 声明电量（兆瓦时）") long mwh,
			@Schema(description = "Note · 备注") String note,
			@Schema(description = "Who · 操作人") String actor,
			@JsonProperty("created_at") @Schema(description = "When, Beijing time · 时间") OffsetDateTime createdAt,
			@Schema(description = "The lots used · 所用绿证批次") List<ClaimLot> lots) {
	}

	@Schema(name = "GreenElectricityClaimLot", description = "A lot used by a claim · 声明所用绿证批次")
	public record ClaimLot(@JsonProperty("lot_id") @Schema(description = "Lot id · 批次编号") long lotId,
			@Schema(description = "Code · 绿证编码") String code,
			@Schema(description = "Technology · 技术类型") GecTechnology technology,
			@JsonProperty("production_month") @Schema(description = "Production month · 生产年月") String productionMonth,
			@Schema(description = "MWh · 兆瓦时") long mwh) {
	}

	@Schema(name = "GreenElectricityClaimInput", description = "A claim: period and, optionally, the lots and MWh · 绿电声明申请")
	public record ClaimInput(
			@JsonProperty("enterprise_id") @Schema(description = "The claiming enterprise (an enterprise user: its own) · 声明企业编号", example = "42") Long enterpriseId,
			@Schema(description = "Year, 2017–2100 · 年度", example = "2024") Integer year,
			@JsonProperty("month_from") @Schema(description = "First month, 1–12; default 1 · 起始月", example = "1") Integer monthFrom,
			@JsonProperty("month_to") @Schema(description = "Last month, 1–12; default 12 · 截止月", example = "12") Integer monthTo,
			@JsonProperty("lot_ids") @Schema(description = "The lots to use (at most 1000); absent: every eligible declared lot of the period, earliest first · 使用的绿证批次；缺省为期间内全部可用批次") List<Long> lotIds,
			@Schema(description = "MWh to claim; absent: the lots' sum. Lots are used whole · 声明电量（兆瓦时）；缺省为所选批次之和", example = "1200") Long mwh,
			@Schema(description = "Note, at most 500 characters · 备注") String note) {
	}

	@Schema(name = "GreenPowerContract", description = "A green-power purchase (绿电交易) of one month with its certificates · 绿电交易合同及对应绿证")
	public record Contract(@Schema(description = "Id · 编号") long id,
			@JsonProperty("buyer_enterprise_id") @Schema(description = "Buyer · 购电企业编号") long buyerEnterpriseId,
			@JsonProperty("buyer_name") @Schema(description = "Buyer · 购电企业") String buyerName,
			@JsonProperty("seller_enterprise_id") @Schema(description = "The generator, if in the registry · 发电企业编号") Long sellerEnterpriseId,
			@JsonProperty("generator_name") @Schema(description = "The generator · 发电企业") String generatorName,
			@Schema(description = "Contract reference · 合同编号") String reference,
			@JsonProperty("delivery_month") @Schema(description = "Month delivered, yyyy-MM · 交割月份") String deliveryMonth,
			@Schema(description = "MWh bought · 交易电量（兆瓦时）") long mwh,
			@JsonProperty("gec_mwh") @Schema(description = "MWh of linked certificates · 已对应绿证（兆瓦时）") long gecMwh,
			@JsonProperty("lot_ids") @Schema(description = "The linked lots · 对应绿证批次") List<Long> lotIds) {
	}

	@Schema(name = "GreenPowerContractInput", description = "A green-power purchase to record · 录入绿电交易")
	public record ContractInput(
			@JsonProperty("buyer_enterprise_id") @Schema(description = "Buyer · 购电企业编号", example = "42") Long buyerEnterpriseId,
			@JsonProperty("seller_enterprise_id") @Schema(description = "Generator in the registry holding the lots (needed when lots are given) · 发电企业编号", example = "7") Long sellerEnterpriseId,
			@JsonProperty("generator_name") @Schema(description = "Generator's name, at most 200 characters · 发电企业名称", example = "沐川县风电场") String generatorName,
			@Schema(description = "Contract reference, at most 100 characters, unique per buyer · 合同编号", example = "SC-LD-2024-0315") String reference,
			@JsonProperty("delivery_month") @Schema(description = "Month delivered, yyyy-MM · 交割月份", example = "2024-03") String deliveryMonth,
			@Schema(description = "MWh bought, 1 to 100,000,000 · 交易电量（兆瓦时）", example = "1200") Long mwh,
			@JsonProperty("lot_ids") @Schema(description = "The generator's lots of that month to move to the buyer (at most 1000; together at most mwh) · 对应绿证批次") List<Long> lotIds) {
	}

	private final JdbcClient jdbc;
	private final GecLedger ledger;
	private final Clock clock;

	GreenClaimBook(JdbcClient jdbc, GecLedger ledger, Clock clock) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.clock = clock;
	}

	// ------------------------------------------------------------------ claims

	/** Claims within the caller's scope, newest first, optionally of one enterprise and year. */
	public List<Claim> claims(Long enterpriseId, Integer year, int limit, int offset) {
		AccessScope.SqlCondition scope = AccessScope.current().where("e.county_code", "e.park_id", "c.enterprise_id");
		List<Claim> heads = jdbc.sql("""
				SELECT c.*, e.name AS enterprise_name FROM power_green_claim c JOIN enterprise e ON e.id = c.enterprise_id
				WHERE %s AND (CAST(:e AS bigint) IS NULL OR c.enterprise_id = :e) AND (CAST(:y AS int) IS NULL OR c.year = :y)
				ORDER BY c.id DESC LIMIT :limit OFFSET :offset""".formatted(scope.sql()))
			.params(scope.params()).param("e", enterpriseId).param("y", year).param("limit", limit).param("offset", offset)
			.query((rs, n) -> new Claim(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("enterprise_name"), rs.getInt("year"),
					rs.getInt("month_from"), rs.getInt("month_to"), rs.getLong("mwh"), rs.getString("note"), rs.getString("actor"),
					rs.getObject("created_at", OffsetDateTime.class).atZoneSameInstant(GecLedger.BEIJING).toOffsetDateTime(), List.of()))
			.list();
		return heads.stream().map(c -> new Claim(c.id(), c.enterpriseId(), c.enterpriseName(), c.year(), c.monthFrom(), c.monthTo(), c.mwh(),
				c.note(), c.actor(), c.createdAt(), lotsOf(c.id()))).toList();
	}

	/** One claim; not found outside the caller's scope. */
	public Claim claim(long id) {
		AccessScope.SqlCondition scope = AccessScope.current().where("e.county_code", "e.park_id", "c.enterprise_id");
		boolean visible = jdbc.sql("SELECT count(*) FROM power_green_claim c JOIN enterprise e ON e.id = c.enterprise_id WHERE c.id = :id AND "
				+ scope.sql()).params(scope.params()).param("id", id).query(Long.class).single() > 0;
		if (!visible) {
			throw new NotFoundException("claim " + id);
		}
		return jdbc.sql("SELECT c.*, e.name AS enterprise_name FROM power_green_claim c JOIN enterprise e ON e.id = c.enterprise_id WHERE c.id = :id")
			.param("id", id)
			.query((rs, n) -> new Claim(rs.getLong("id"), rs.getLong("enterprise_id"), rs.getString("enterprise_name"), rs.getInt("year"),
					rs.getInt("month_from"), rs.getInt("month_to"), rs.getLong("mwh"), rs.getString("note"), rs.getString("actor"),
					rs.getObject("created_at", OffsetDateTime.class).atZoneSameInstant(GecLedger.BEIJING).toOffsetDateTime(), lotsOf(id)))
			.single();
	}

	private List<ClaimLot> lotsOf(long claimId) {
		return jdbc.sql("""
				SELECT l.id, l.code, l.technology, l.production_month, cl.mwh FROM power_green_claim_lot cl JOIN power_gec_lot l ON l.id = cl.lot_id
				WHERE cl.claim_id = :c ORDER BY l.production_month, l.id""").param("c", claimId)
			.query((rs, n) -> new ClaimLot(rs.getLong(1), rs.getString(2), GecTechnology.valueOf(rs.getString(3)),
					YearMonth.from(rs.getObject(4, LocalDate.class)).toString(), rs.getLong(5)))
			.list();
	}

	/** The lots the enterprise could claim for the period now: declared, unfrozen, unclaimed, production month within it. */
	public List<Lot> eligible(long enterpriseId, int year, int monthFrom, int monthTo) {
		return jdbc.sql("""
				SELECT l.id FROM power_gec_lot l
				WHERE l.holder_enterprise_id = :e AND l.status = 'DECLARED' AND NOT l.ccer_frozen AND l.declared_on <= l.expires_on
				  AND l.production_month BETWEEN :from AND :to
				  AND NOT EXISTS (SELECT 1 FROM power_green_claim_lot cl WHERE cl.lot_id = l.id)
				ORDER BY l.production_month, l.id""")
			.param("e", enterpriseId).param("from", LocalDate.of(year, monthFrom, 1)).param("to", LocalDate.of(year, monthTo, 1))
			.query(Long.class).list().stream().map(ledger::get).toList();
	}

	/** Makes a claim (the enterprise's own user or the office); see the class comment for the rules. */
	@Transactional
	public Claim claim(ClaimInput in) {
		List<InputError> errors = new ArrayList<>();
		if (in == null) {
			throw new InvalidInputException("body", "the claim is required");
		}
		if (in.enterpriseId() == null) {
			errors.add(InputError.field("enterprise_id", "the claiming enterprise is required"));
		}
		if (in.year() == null || in.year() < 2017 || in.year() > 2100) {
			errors.add(InputError.field("year", "a year from 2017 to 2100 is required"));
		}
		int from = in.monthFrom() == null ? 1 : in.monthFrom();
		int to = in.monthTo() == null ? 12 : in.monthTo();
		if (from < 1 || from > 12) {
			errors.add(InputError.field("month_from", "a month 1–12"));
		}
		if (to < 1 || to > 12) {
			errors.add(InputError.field("month_to", "a month 1–12"));
		}
		else if (from >= 1 && from <= 12 && to < from) {
			errors.add(InputError.field("month_to", "the last month comes at or after the first (" + from + ")"));
		}
		if (in.mwh() != null && (in.mwh() < 1 || in.mwh() > GecLedger.MAX_MWH * 100)) {
			errors.add(InputError.field("mwh", "MWh from 1 to " + GecLedger.MAX_MWH * 100));
		}
		if (in.lotIds() != null && (in.lotIds().isEmpty() || in.lotIds().size() > MAX_LOTS)) {
			errors.add(InputError.field("lot_ids", "from 1 to " + MAX_LOTS + " lots, or leave it out to use every eligible lot"));
		}
		String note = GecLedger.text(in.note(), "note", GecLedger.MAX_NOTE, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long enterpriseId = in.enterpriseId();
		requireOperate(enterpriseId);
		int year = in.year();
		LocalDate first = LocalDate.of(year, from, 1);
		LocalDate last = LocalDate.of(year, to, 1);
		// lock the enterprise's declared lots of the period (in id order: no deadlock between two claims), then re-read
		List<Long> candidates = in.lotIds() == null ? jdbc.sql("""
				SELECT id FROM power_gec_lot WHERE holder_enterprise_id = :e AND status = 'DECLARED'
				  AND production_month BETWEEN :from AND :to ORDER BY id FOR UPDATE""")
			.param("e", enterpriseId).param("from", first).param("to", last).query(Long.class).list()
				: lockListed(in.lotIds());
		List<Lot> lots = new ArrayList<>();
		List<InputError> lotErrors = new ArrayList<>();
		List<Long> order = in.lotIds() == null ? candidates : in.lotIds();
		for (int i = 0; i < order.size(); i++) {
			Long id = order.get(i);
			String at = "lot_ids[" + i + "]";
			Lot lot = id == null ? null : jdbc.sql("SELECT l.*, e.name AS holder_name, "
					+ "(SELECT cl.claim_id FROM power_green_claim_lot cl WHERE cl.lot_id = l.id) AS claim_id, "
					+ "(SELECT cl.contract_id FROM power_green_contract_lot cl WHERE cl.lot_id = l.id) AS contract_id "
					+ "FROM power_gec_lot l JOIN enterprise e ON e.id = l.holder_enterprise_id WHERE l.id = :id")
				.param("id", id).query(GecLedger::lot).optional().orElse(null);
			String why = lot == null || lot.holderEnterpriseId() != enterpriseId ? "no lot " + id + " held by enterprise " + enterpriseId
					: lot.claimId() != null ? "lot " + id + " already backs claim " + lot.claimId() + ": a certificate is claimed once"
					: lot.ccerFrozen() ? "lot " + id + " is CCER-frozen and cannot be claimed"
					: lot.status() != LotStatus.DECLARED ? "lot " + id + " is " + lot.status() + ": only declared (consumed) certificates can be claimed"
					: lot.declaredOn() != null && lot.declaredOn().isAfter(lot.expiresOn()) ? "lot " + id + " was declared after it expired"
					: !matches(lot, first, last) ? "lot " + id + " was produced in " + lot.productionMonth() + ", outside the claimed period "
							+ YearMonth.from(first) + " to " + YearMonth.from(last) : null;
			if (why != null) {
				if (in.lotIds() != null) {
					lotErrors.add(InputError.field(at, why));
				}
				continue;
			}
			lots.add(lot);
		}
		if (!lotErrors.isEmpty()) {
			throw new InvalidInputException(lotErrors);
		}
		long available = lots.stream().mapToLong(Lot::mwh).sum();
		if (in.mwh() != null && in.mwh() > available) {
			throw new RuleViolationException("the claim of " + in.mwh() + " MWh is beyond the declared certificates: " + available
					+ " MWh of declared, unclaimed lots of " + YearMonth.from(first) + " to " + YearMonth.from(last) + " are available");
		}
		if (lots.isEmpty()) {
			throw new RuleViolationException("no declared, unclaimed certificates of enterprise " + enterpriseId + " produced in "
					+ YearMonth.from(first) + " to " + YearMonth.from(last) + ": declare lots first");
		}
		List<Lot> used = lots;
		if (in.mwh() != null && in.mwh() < available) {
			if (in.lotIds() != null) {
				throw new InvalidInputException("mwh", "lots are used whole: the lots listed hold " + available + " MWh, not " + in.mwh());
			}
			used = new ArrayList<>();
			long sum = 0;
			for (Lot l : lots) {
				if (sum + l.mwh() <= in.mwh()) {
					used.add(l);
					sum += l.mwh();
				}
			}
			if (sum != in.mwh()) {
				throw new InvalidInputException("mwh", "lots are used whole: " + in.mwh() + " MWh cannot be made of whole eligible lots "
						+ "(earliest first they give " + sum + " MWh); list the lots to use in lot_ids");
			}
		}
		long mwh = used.stream().mapToLong(Lot::mwh).sum();
		long claimId = jdbc.sql("""
				INSERT INTO power_green_claim (enterprise_id, year, month_from, month_to, mwh, note, actor, created_at)
				VALUES (:e, :y, :f, :t, :mwh, :note, :actor, :now) RETURNING id""")
			.param("e", enterpriseId).param("y", year).param("f", from).param("t", to).param("mwh", mwh).param("note", note)
			.param("actor", AccessScope.current().actor()).param("now", OffsetDateTime.now(clock)).query(Long.class).single();
		try {
			for (Lot l : used) {
				jdbc.sql("INSERT INTO power_green_claim_lot (lot_id, claim_id, mwh) VALUES (:l, :c, :m)").param("l", l.id())
					.param("c", claimId).param("m", l.mwh()).update();
				ledger.event(l.id(), "CLAIM", l.status(), l.status(), null, null, l.mwh(), "claim " + claimId, null);
			}
		}
		catch (DuplicateKeyException ex) {
			throw new RuleViolationException("a lot of this claim was claimed meanwhile by another claim: a certificate is claimed once", true);
		}
		return claim(claimId);
	}

	private List<Long> lockListed(List<Long> ids) {
		Set<Long> distinct = new LinkedHashSet<>();
		List<InputError> errors = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			if (ids.get(i) == null) {
				errors.add(InputError.field("lot_ids[" + i + "]", "a lot id is required"));
			}
			else if (!distinct.add(ids.get(i))) {
				errors.add(InputError.field("lot_ids[" + i + "]", "lot " + ids.get(i) + " is listed twice"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return jdbc.sql("SELECT id FROM power_gec_lot WHERE id = ANY(:ids) ORDER BY id FOR UPDATE")
			.param("ids", distinct.toArray(Long[]::new)).query(Long.class).list();
	}

	/** The period rule [U]: the lot's production month lies within the claimed months. */
	static boolean matches(Lot lot, LocalDate firstMonth, LocalDate lastMonth) {
		YearMonth m = YearMonth.parse(lot.productionMonth());
		return !m.isBefore(YearMonth.from(firstMonth)) && !m.isAfter(YearMonth.from(lastMonth));
	}

	/** The enterprise's own user or the office may claim or contract for it; others outside their scope see 404, inside 403. */
	private void requireOperate(long enterpriseId) {
		AccessScope scope = AccessScope.current();
		if (scope.isCityWide() || (scope.hasRole(Role.ENTERPRISE_USER) && scope.enterprises().contains(enterpriseId))) {
			if (jdbc.sql("SELECT count(*) FROM enterprise WHERE id = :id").param("id", enterpriseId).query(Long.class).single() == 0) {
				throw new NotFoundException("enterprise " + enterpriseId);
			}
			return;
		}
		AccessScope.SqlCondition where = scope.where("e.county_code", "e.park_id", "e.id");
		boolean visible = jdbc.sql("SELECT count(*) FROM enterprise e WHERE e.id = :id AND " + where.sql()).params(where.params())
			.param("id", enterpriseId).query(Long.class).single() > 0;
		if (!visible) {
			throw new NotFoundException("enterprise " + enterpriseId);
		}
		throw new AccessDeniedException(scope.actor() + " may not claim for enterprise " + enterpriseId);
	}

	// ------------------------------------------------------------------ contracts

	/** Contracts within the caller's scope (the buyer's), newest first. */
	public List<Contract> contracts(Long enterpriseId, int limit, int offset) {
		AccessScope.SqlCondition scope = AccessScope.current().where("e.county_code", "e.park_id", "c.buyer_enterprise_id");
		return jdbc.sql("""
				SELECT c.*, e.name AS buyer_name,
				       coalesce((SELECT sum(l.mwh) FROM power_green_contract_lot cl JOIN power_gec_lot l ON l.id = cl.lot_id WHERE cl.contract_id = c.id), 0) AS gec_mwh,
				       (SELECT array_agg(cl.lot_id ORDER BY cl.lot_id) FROM power_green_contract_lot cl WHERE cl.contract_id = c.id) AS lot_ids
				FROM power_green_contract c JOIN enterprise e ON e.id = c.buyer_enterprise_id
				WHERE %s AND (CAST(:e AS bigint) IS NULL OR c.buyer_enterprise_id = :e)
				ORDER BY c.id DESC LIMIT :limit OFFSET :offset""".formatted(scope.sql()))
			.params(scope.params()).param("e", enterpriseId).param("limit", limit).param("offset", offset)
			.query((rs, n) -> {
				java.sql.Array a = rs.getArray("lot_ids");
				List<Long> lotIds = a == null ? List.of() : List.of((Long[]) a.getArray());
				return new Contract(rs.getLong("id"), rs.getLong("buyer_enterprise_id"), rs.getString("buyer_name"),
						rs.getObject("seller_enterprise_id", Long.class), rs.getString("generator_name"), rs.getString("reference"),
						YearMonth.from(rs.getObject("delivery_month", LocalDate.class)).toString(), rs.getLong("mwh"), rs.getLong("gec_mwh"), lotIds);
			})
			.list();
	}

	/** The office records a green-power purchase; the generator's lots of that month move to the buyer, linked. */
	@Transactional
	public Contract contract(ContractInput in) {
		AccessScope.current().requireRole(GecLedger.OFFICE);
		List<InputError> errors = new ArrayList<>();
		if (in == null) {
			throw new InvalidInputException("body", "the contract is required");
		}
		if (in.buyerEnterpriseId() == null || !exists(in.buyerEnterpriseId())) {
			errors.add(InputError.field("buyer_enterprise_id", "an enterprise of the registry is required"));
		}
		if (in.sellerEnterpriseId() != null && !exists(in.sellerEnterpriseId())) {
			errors.add(InputError.field("seller_enterprise_id", "no enterprise " + in.sellerEnterpriseId() + " in the registry"));
		}
		String generator = GecLedger.text(in.generatorName(), "generator_name", GecLedger.MAX_NAME, errors);
		if (generator == null && in.generatorName() == null) {
			errors.add(InputError.field("generator_name", "the generator's name is required"));
		}
		String reference = GecLedger.text(in.reference(), "reference", GecLedger.MAX_REFERENCE, errors);
		if (reference == null && (in.reference() == null || in.reference().isBlank())) {
			errors.add(InputError.field("reference", "the contract reference is required"));
		}
		YearMonth month = null;
		try {
			month = in.deliveryMonth() == null ? null : YearMonth.parse(in.deliveryMonth().strip());
		}
		catch (RuntimeException ex) {
			// named below
		}
		if (month == null || month.isBefore(GecLedger.FIRST_MONTH) || month.isAfter(YearMonth.from(ledger.today()))) {
			errors.add(InputError.field("delivery_month", "a month yyyy-MM from " + GecLedger.FIRST_MONTH + " to this month"));
		}
		if (in.mwh() == null || in.mwh() < 1 || in.mwh() > GecLedger.MAX_MWH) {
			errors.add(InputError.field("mwh", "MWh from 1 to " + GecLedger.MAX_MWH));
		}
		List<Long> lotIds = in.lotIds() == null ? List.of() : in.lotIds();
		if (lotIds.size() > MAX_LOTS) {
			errors.add(InputError.field("lot_ids", "at most " + MAX_LOTS + " lots"));
		}
		if (!lotIds.isEmpty() && in.sellerEnterpriseId() == null) {
			errors.add(InputError.field("seller_enterprise_id", "the generator holding the lots is required to move them"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (jdbc.sql("SELECT count(*) FROM power_green_contract WHERE buyer_enterprise_id = :b AND reference = :r")
			.param("b", in.buyerEnterpriseId()).param("r", reference).query(Long.class).single() > 0) {
			throw new InvalidInputException("reference", "the buyer already has a contract " + reference);
		}
		List<Lot> lots = new ArrayList<>();
		if (!lotIds.isEmpty()) {
			lockListed(lotIds);
			for (int i = 0; i < lotIds.size(); i++) {
				Lot lot = ledger.get(lotIds.get(i));
				String at = "lot_ids[" + i + "]";
				String why = lot.holderEnterpriseId() != in.sellerEnterpriseId() ? "lot " + lot.id() + " is not held by the generator"
						: !lot.productionMonth().equals(month.toString()) ? "lot " + lot.id() + " was produced in " + lot.productionMonth() + ", not the delivery month " + month
						: lot.status() != LotStatus.HELD ? "lot " + lot.id() + " is " + lot.status() + ": only a HELD lot can move (sold once)"
						: lot.ccerFrozen() ? "lot " + lot.id() + " is CCER-frozen"
						: !lot.tradable() ? "lot " + lot.id() + " is not tradable: " + lot.notTradableBecause()
						: ledger.today().isAfter(lot.expiresOn()) ? "lot " + lot.id() + " expired on " + lot.expiresOn()
						: lot.contractId() != null ? "lot " + lot.id() + " belongs to contract " + lot.contractId() : null;
				if (why != null) {
					errors.add(InputError.field(at, why));
				}
				lots.add(lot);
			}
			long gec = lots.stream().mapToLong(Lot::mwh).sum();
			if (errors.isEmpty() && gec > in.mwh()) {
				errors.add(InputError.field("lot_ids", "the lots hold " + gec + " MWh, more than the contract's " + in.mwh() + " MWh"));
			}
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
		}
		long id = jdbc.sql("""
				INSERT INTO power_green_contract (buyer_enterprise_id, seller_enterprise_id, generator_name, reference, delivery_month, mwh,
				    created_at, actor)
				VALUES (:b, :s, :g, :r, :m, :mwh, :now, :actor) RETURNING id""")
			.param("b", in.buyerEnterpriseId()).param("s", in.sellerEnterpriseId()).param("g", generator).param("r", reference)
			.param("m", month.atDay(1)).param("mwh", in.mwh()).param("now", OffsetDateTime.now(clock))
			.param("actor", AccessScope.current().actor()).query(Long.class).single();
		for (Lot lot : lots) {
			jdbc.sql("INSERT INTO power_green_contract_lot (contract_id, lot_id) VALUES (:c, :l)").param("c", id).param("l", lot.id()).update();
			ledger.move(lot, in.buyerEnterpriseId(), "CONTRACT", "contract " + reference, generator);
		}
		return contracts(in.buyerEnterpriseId(), 1000, 0).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
	}

	private boolean exists(long enterpriseId) {
		return jdbc.sql("SELECT count(*) FROM enterprise WHERE id = :id").param("id", enterpriseId).query(Long.class).single() > 0;
	}
}
