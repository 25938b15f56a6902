package org.peakpilot.inclusive.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.budget.CarbonBudgets;
import org.peakpilot.budget.SinkAvailability;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.EvidenceDocument;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The forestry carbon ticket registry (林业碳票, issue 14; Sanming model): tickets of 1 tCO2 with serials, issued from an
 * approved forestry project against the budget's verified sinks, then held, transferred (with a price: the price
 * history), pledged (locked), released, retired for a named beneficiary and purpose, or expired. Every operation is
 * one ledger transaction (asset {@link Asset#TICKET}: {@code TICKET_ISSUANCE → TICKET_HOLDER ⇄ TICKET_PLEDGED},
 * {@code → RETIRED}, {@code → EXPIRED}) and one append-only trade row; where the serials are now is kept as lots
 * (contiguous serial ranges of one holder and state) that split when part of them moves, so a 12,723 t issuance is
 * one row until it is traded, and a trade touches at most three rows per lot.
 * <p>
 * The office's operations (transfer, pledge, release) are for the forestry officer and the city's roles;
 * {@link #retire} and {@link #availableTickets} are for other code of the module (a zero-carbon event retiring
 * tickets): they check no role, the caller decides who may.
 */
@Component
public class TicketRegistry {

	private static final Logger log = LoggerFactory.getLogger(TicketRegistry.class);

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	/** Longest name (holder, beneficiary, bank), reference, purpose and memo. */
	public static final int MAX_NAME = 200;
	public static final int MAX_REFERENCE = 100;
	public static final int MAX_PURPOSE = 500;

	/** Most serials one call may name (larger amounts go by lot and quantity). */
	public static final int MAX_SERIALS = 1000;

	/** Highest price per tonne accepted, CNY (Sanming 10–15, Chengdu ≈ 43 元/t; EU ETS below 100 EUR). */
	public static final String MAX_PRICE = "100000";

	/** The roles that operate the registry. */
	static final Role[] OFFICE = { Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER };

	/** What kind of party holds tickets. */
	public enum HolderKind {
		FOREST_OWNER, COLLECTIVE, ENTERPRISE, EVENT_ORGANISER, PUBLIC_BODY, OTHER
	}

	/** Where a lot of tickets is. */
	public enum LotStatus {
		HELD, PLEDGED, RETIRED, EXPIRED
	}

	/** A holder with its tickets held and pledged (from the ledger). */
	@Schema(name = "CarbonTicketHolder", description = "A holder of forestry carbon tickets · 林业碳票持有人")
	public record Holder(@Schema(description = "The holder's id · 编号") long id,
			@Schema(description = "Name · 名称", example = "沐川县林业合作社") String name,
			@Schema(description = "Kind · 类型") HolderKind kind,
			@JsonProperty("partner_id") @Schema(description = "The scheme's partner it is, if any · 对应的合作方") Long partnerId,
			@JsonProperty("held_t") @Schema(description = "Tickets held and usable, tCO2 (ledger balance) · 持有可用碳票，吨") long held,
			@JsonProperty("pledged_t") @Schema(description = "Tickets pledged (locked), tCO2 · 质押中碳票，吨") long pledged) {
	}

	/** A contiguous range of serials with one holder and state. */
	@Schema(name = "CarbonTicketLot", description = "A contiguous range of ticket serials with one holder and state · 同一持有人、同一状态的连续碳票编号段")
	public record TicketLot(@Schema(description = "The lot's id · 批次编号") long id,
			@JsonProperty("first_serial") @Schema(description = "First serial · 起始编号", example = "LSCT-511133-2025P1-0000001-R") String firstSerial,
			@JsonProperty("last_serial") @Schema(description = "Last serial · 截止编号") String lastSerial,
			@Schema(description = "Tickets in the lot (1 t each) · 张数（每张 1 吨）") long tonnes,
			@JsonProperty("holder_id") @Schema(description = "Holder id · 持有人编号") long holderId,
			@JsonProperty("holder_name") @Schema(description = "Holder · 持有人") String holderName,
			@JsonProperty("project_id") @Schema(description = "The forestry project · 林业碳汇项目编号") long projectId,
			@JsonProperty("project_name") @Schema(description = "Project name · 项目名称") String projectName,
			@JsonProperty("county_code") @Schema(description = "County region code · 区县代码") String countyCode,
			@JsonProperty("period_code") @Schema(description = "Monitoring period: end year P n · 监测期") String periodCode,
			@Schema(description = "HELD, PLEDGED, RETIRED or EXPIRED · 状态") LotStatus status,
			@JsonProperty("expires_on") @Schema(description = "Usable until (inclusive) · 有效期至") LocalDate expiresOn,
			@JsonProperty("pledge_id") @Schema(description = "The pledge locking it · 质押编号") Long pledgeId,
			@JsonProperty("retirement_id") @Schema(description = "The retirement that used it · 注销编号") Long retirementId) {
	}

	/** A range of serials in an answer. */
	@Schema(name = "CarbonTicketSerialRange", description = "A range of ticket serials · 碳票编号段")
	public record SerialRange(@Schema(description = "First serial · 起始编号") String first, @Schema(description = "Last serial · 截止编号") String last,
			@Schema(description = "Tickets, tCO2 · 张数（吨）") long tonnes) {
	}

	/** Which tickets an operation takes: the first {@code quantity} serials of a lot, or listed serials (one holder). */
	public record Selection(Long lotId, Long quantity, List<String> serials) {

		public static Selection ofLot(long lotId, long quantity) {
			return new Selection(lotId, quantity, null);
		}

		public static Selection ofSerials(List<String> serials) {
			return new Selection(null, null, serials);
		}
	}

	/** A retirement: tickets used for good for a beneficiary and purpose. */
	@Schema(name = "CarbonTicketRetirement", description = "Tickets retired for good for a named beneficiary and purpose · 为指定受益方和用途注销的碳票")
	public record TicketRetirement(@Schema(description = "The retirement's id · 注销编号") long id,
			@JsonProperty("holder_id") @Schema(description = "Who held them · 原持有人编号") long holderId,
			@JsonProperty("holder_name") @Schema(description = "Who held them · 原持有人") String holderName,
			@Schema(description = "For whom · 受益方", example = "2027 乐山大佛国际旅游节") String beneficiary,
			@Schema(description = "Purpose · 用途", example = "零碳活动碳中和") String purpose,
			@Schema(description = "What asked for it, e.g. event:12 · 关联业务") String reference,
			@Schema(description = "Tickets retired, tCO2 · 注销量，吨") long tonnes,
			@Schema(description = "The retired serials · 注销的碳票编号") List<SerialRange> serials,
			@JsonProperty("ledger_seq") @Schema(description = "The ledger transaction · 账本交易序号") long ledgerSeq,
			@JsonProperty("retired_at") @Schema(description = "When, Beijing time · 注销时间") OffsetDateTime retiredAt) {
	}

	/** A trade of the history. */
	@Schema(name = "CarbonTicketTrade", description = "One operation on tickets: issue, transfer (with price), pledge, release, retire, expire · 碳票业务记录")
	public record Trade(@Schema(description = "Id · 编号") long id,
			@Schema(description = "ISSUE, TRANSFER, PLEDGE, RELEASE, RETIRE or EXPIRE · 类型") String kind,
			@JsonProperty("from_holder") @Schema(description = "From · 转出方") String fromHolder,
			@JsonProperty("to_holder") @Schema(description = "To · 转入方") String toHolder,
			@Schema(description = "Tickets, tCO2 · 张数（吨）") long tonnes,
			@JsonProperty("price_cny_per_t") @Schema(description = "Transfer price, CNY per t · 成交价，元/吨") BigDecimal priceCnyPerT,
			@JsonProperty("traded_on") @Schema(description = "Date of the trade · 交易日期") LocalDate tradedOn,
			@Schema(description = "The serials moved · 碳票编号段") List<SerialRange> serials,
			@JsonProperty("ledger_seq") @Schema(description = "The ledger transaction · 账本交易序号") long ledgerSeq,
			@Schema(description = "Memo · 备注") String memo,
			@Schema(description = "Who recorded it · 记录人") String actor,
			@Schema(description = "When, Beijing time · 记录时间") OffsetDateTime at) {
	}

	/** A pledge. */
	@Schema(name = "CarbonTicketPledge", description = "Tickets pledged for a bank loan, locked until released · 碳票质押（解押前锁定）")
	public record Pledge(@Schema(description = "Id · 编号") long id, @JsonProperty("holder_id") @Schema(description = "Pledgor id · 出质人编号") long holderId,
			@JsonProperty("holder_name") @Schema(description = "Pledgor · 出质人") String holderName,
			@JsonProperty("pledgee_bank") @Schema(description = "The bank (pledgee) · 质权银行") String pledgeeBank,
			@JsonProperty("loan_reference") @Schema(description = "The loan contract's reference · 贷款合同编号") String loanReference,
			@JsonProperty("loan_cny") @Schema(description = "Loan amount, CNY · 贷款金额，元") BigDecimal loanCny,
			@Schema(description = "Tickets pledged, tCO2 · 质押量，吨") long tonnes,
			@JsonProperty("pledged_on") @Schema(description = "Pledged on · 质押日期") LocalDate pledgedOn,
			@JsonProperty("released_on") @Schema(description = "Released on; null while pledged · 解押日期") LocalDate releasedOn,
			@Schema(description = "The serials pledged · 质押的碳票编号") List<SerialRange> serials) {
	}

	/** A transfer order. */
	public record TransferOrder(Selection tickets, String toHolderName, HolderKind toHolderKind, BigDecimal priceCnyPerT, LocalDate tradedOn, String memo) {
	}

	/** A pledge order. */
	public record PledgeOrder(Selection tickets, String pledgeeBank, String loanReference, BigDecimal loanCny, LocalDate pledgedOn) {
	}

	/** What the public may know of one ticket. */
	@Schema(name = "CarbonTicketFacts", description = "A ticket's public facts (verification) · 碳票公开信息（核验）")
	public record TicketFacts(@Schema(description = "The serial · 编号") String serial,
			@Schema(description = "HELD, PLEDGED, RETIRED or EXPIRED · 状态") LotStatus status,
			@JsonProperty("project_name") @Schema(description = "The forestry project · 林业碳汇项目") String projectName,
			@JsonProperty("county_code") @Schema(description = "County region code · 区县代码") String countyCode,
			@JsonProperty("county_name") @Schema(description = "County · 区县") String countyName,
			@JsonProperty("period_code") @Schema(description = "Monitoring period code · 监测期代码") String periodCode,
			@JsonProperty("period_start") @Schema(description = "Monitoring period start · 监测期起") LocalDate periodStart,
			@JsonProperty("period_end") @Schema(description = "Monitoring period end · 监测期止") LocalDate periodEnd,
			@JsonProperty("method_code") @Schema(description = "Increment method and version · 碳汇增量方法学及版本") String methodCode,
			@JsonProperty("verifier_name") @Schema(description = "Third-party verifier · 第三方核证机构") String verifierName,
			@JsonProperty("issued_on") @Schema(description = "Issued on, Beijing date · 签发日期") LocalDate issuedOn,
			@JsonProperty("expires_on") @Schema(description = "Usable until · 有效期至") LocalDate expiresOn,
			@JsonProperty("retired_for") @Schema(description = "Retired for (beneficiary); null unless retired · 注销受益方") String retiredFor,
			@JsonProperty("retired_purpose") @Schema(description = "Purpose of the retirement · 注销用途") String retiredPurpose,
			@JsonProperty("retired_on") @Schema(description = "Retired on, Beijing date · 注销日期") LocalDate retiredOn) {
	}

	/** A stored document. */
	@Schema(name = "CarbonTicketDocument", description = "A document of a forestry project or ticket trade · 林业碳汇项目或碳票交易材料")
	public record StoredDocument(@Schema(description = "Id · 编号") long id,
			@Schema(description = "What it is (MONITORING_REPORT, VERIFICATION_REPORT, …) · 材料类型") String kind,
			@Schema(description = "File name · 文件名") String name,
			@JsonProperty("content_type") @Schema(description = "application/pdf, image/png or image/jpeg · 文件类型") String contentType,
			@Schema(description = "SHA-256 of the stored bytes, 64 hex digits · 文件 SHA-256") String sha256,
			@Schema(description = "Size, bytes · 文件大小，字节") int bytes,
			@JsonProperty("uploaded_by") @Schema(description = "Who uploaded it · 上传人") String uploadedBy,
			@JsonProperty("uploaded_at") @Schema(description = "When, Beijing time · 上传时间") OffsetDateTime uploadedAt) {
	}

	/** A stored document's content. */
	public record DocumentContent(String name, String contentType, byte[] bytes) {
	}

	private final JdbcClient jdbc;
	private final Ledger ledger;
	private final AuditLog audit;
	private final Clock clock;
	private final CarbonBudgets budgets;
	private final TicketSerials serials;
	private final TicketSettings settings;

	@Autowired
	TicketRegistry(JdbcClient jdbc, Ledger ledger, AuditLog audit, Clock clock, CarbonBudgets budgets, TicketSettings settings) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.audit = audit;
		this.clock = clock;
		this.budgets = budgets;
		this.settings = settings;
		this.serials = new TicketSerials(settings);
	}

	/** The serial rule in force. */
	public TicketSerials serials() {
		return serials;
	}

	// ---------------------------------------------------------------- holders

	/** The holder of that name, created with the kind (and partner) on first use; its id. No role check. */
	@Transactional
	public long holder(String name, HolderKind kind, Long partnerId) {
		List<InputError> errors = new ArrayList<>();
		text(errors, "holder_name", name, MAX_NAME, true);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		String n = name.strip();
		Optional<Long> existing = jdbc.sql("SELECT id FROM inclusive_ticket_holder WHERE name = :n").param("n", n).query(Long.class).optional();
		if (existing.isPresent()) {
			return existing.get();
		}
		jdbc.sql("""
				INSERT INTO inclusive_ticket_holder (name, kind, partner_id, created_by, created_at) VALUES (:n, :k, :p, :by, :at)
				ON CONFLICT (name) DO NOTHING""")
			.param("n", n).param("k", (kind == null ? HolderKind.OTHER : kind).name()).param("p", partnerId)
			.param("by", AccessScope.current().actor()).param("at", now()).update();
		return jdbc.sql("SELECT id FROM inclusive_ticket_holder WHERE name = :n").param("n", n).query(Long.class).single();
	}

	/** Every holder with its balances (office). */
	@Transactional(readOnly = true)
	public List<Holder> holders() {
		AccessScope.current().requireRole(OFFICE);
		return jdbc.sql("SELECT id FROM inclusive_ticket_holder ORDER BY name").query(Long.class).list().stream().map(this::holderOf).toList();
	}

	/** A holder with its balances; 404 if unknown. No role check (the caller decides). */
	@Transactional(readOnly = true)
	public Holder holderOf(long id) {
		return jdbc.sql("SELECT id, name, kind, partner_id FROM inclusive_ticket_holder WHERE id = :id").param("id", id)
			.query((rs, n) -> new Holder(rs.getLong(1), rs.getString(2), HolderKind.valueOf(rs.getString(3)), (Long) rs.getObject(4),
					ledger.balance(AccountKind.TICKET_HOLDER, String.valueOf(id), Asset.TICKET),
					ledger.balance(AccountKind.TICKET_PLEDGED, String.valueOf(id), Asset.TICKET)))
			.optional().orElseThrow(() -> new NotFoundException("ticket holder " + id));
	}

	// ---------------------------------------------------------------- contract for other code of the module

	/**
	 * A holder's tickets that can be used now (HELD, not expired), by lot, oldest issuance first. No role check: the
	 * caller (e.g. a zero-carbon event's organiser page) decides who may see them.
	 */
	@Transactional(readOnly = true)
	public List<TicketLot> availableTickets(long holderId) {
		return jdbc.sql(LOTS + " WHERE l.holder_id = :h AND l.status = 'HELD' AND l.expires_on >= :today ORDER BY l.expires_on, l.county_code, l.period_code, l.seq_from")
			.param("h", holderId).param("today", today()).query((rs, n) -> lot(rs)).list();
	}

	/**
	 * Retires listed tickets (all of one holder, each HELD and not expired) for a named beneficiary and purpose: one
	 * ledger transaction {@code TICKET_HOLDER(holder) → RETIRED}; audited. A retired ticket is never retired or moved
	 * again; a pledged one must be released first (422 naming the serial). No role check: the caller decides.
	 *
	 * @param reference what asked for it, e.g. {@code event:12} (optional, at most 100 characters)
	 * @throws InvalidInputException naming {@code serials[i]}, {@code beneficiary}, {@code purpose} or {@code reference}
	 */
	@Transactional
	public TicketRetirement retire(List<String> serialList, String beneficiary, String purpose, String reference) {
		return retire(Selection.ofSerials(serialList), beneficiary, purpose, reference);
	}

	/** Retires the first {@code quantity} tickets of a lot; as {@link #retire(List, String, String, String)}. */
	@Transactional
	public TicketRetirement retire(long lotId, long quantity, String beneficiary, String purpose, String reference) {
		return retire(Selection.ofLot(lotId, quantity), beneficiary, purpose, reference);
	}

	/** A retirement with its serials; 404 if unknown. Public facts (a certificate lists them). */
	@Transactional(readOnly = true)
	public TicketRetirement retirement(long id) {
		return jdbc.sql("""
				SELECT r.*, h.name AS holder_name FROM inclusive_ticket_retirement r JOIN inclusive_ticket_holder h ON h.id = r.holder_id WHERE r.id = :id""")
			.param("id", id)
			.query((rs, n) -> new TicketRetirement(rs.getLong("id"), rs.getLong("holder_id"), rs.getString("holder_name"), rs.getString("beneficiary"),
					rs.getString("purpose"), rs.getString("reference"), rs.getLong("tonnes"), rangesOfRetirement(id), rs.getLong("ledger_seq"),
					beijing(rs.getObject("retired_at", OffsetDateTime.class))))
			.optional().orElseThrow(() -> new NotFoundException("ticket retirement " + id));
	}

	// ---------------------------------------------------------------- operations

	/** Retires selected tickets; see {@link #retire(List, String, String, String)}. */
	@Transactional
	public TicketRetirement retire(Selection selection, String beneficiary, String purpose, String reference) {
		List<InputError> errors = new ArrayList<>();
		text(errors, "beneficiary", beneficiary, MAX_NAME, true);
		text(errors, "purpose", purpose, MAX_PURPOSE, true);
		text(errors, "reference", reference, MAX_REFERENCE, false);
		List<Carved> pieces = take(selection, errors, "retire");
		long holderId = pieces.get(0).holderId();
		long tonnes = pieces.stream().mapToLong(Carved::tonnes).sum();
		String ref = blank(reference) ? null : reference.strip();
		var txn = ledger.post(new Ledger.NewTxn(TxnKind.RETIRE, "ticket-retirement:" + (ref == null ? "-" : ref),
				"retired for " + beneficiary.strip(), List.of(new Ledger.Posting(holderAccount(holderId), -tonnes),
						new Ledger.Posting(ledger.account(AccountKind.RETIRED, Ledger.SCHEME, Asset.TICKET), tonnes))));
		long id = jdbc.sql("""
				INSERT INTO inclusive_ticket_retirement (holder_id, beneficiary, purpose, reference, tonnes, ledger_seq, retired_by, retired_at)
				VALUES (:h, :b, :p, :r, :t, :seq, :by, :at) RETURNING id""")
			.param("h", holderId).param("b", beneficiary.strip()).param("p", purpose.strip()).param("r", ref).param("t", tonnes)
			.param("seq", txn.seq()).param("by", AccessScope.current().actor()).param("at", now()).query(Long.class).single();
		for (Carved c : pieces) {
			jdbc.sql("UPDATE inclusive_ticket_lot SET status = 'RETIRED', retirement_id = :r WHERE id = :id").param("r", id).param("id", c.lotId()).update();
		}
		trade("RETIRE", holderId, null, tonnes, null, today(), null, null, id, txn.seq(), "for " + beneficiary.strip() + ": " + purpose.strip(), pieces);
		TicketRetirement r = retirement(id);
		audit.record("inclusive.ticket-retired", "ticket-retirement", id, null, r);
		log.info("Retired {} t of carbon tickets of holder {} (retirement {}, ledger {})", tonnes, holderId, id, txn.seq());
		return r;
	}

	/** Transfers selected tickets to another holder at a price (the price history); office roles; audited. */
	@Transactional
	public Trade transfer(TransferOrder order) {
		AccessScope.current().requireRole(OFFICE);
		List<InputError> errors = new ArrayList<>();
		text(errors, "to_holder_name", order.toHolderName(), MAX_NAME, true);
		if (order.priceCnyPerT() == null) {
			errors.add(InputError.field("price_cny_per_t", "is required (0 for a gift)"));
		}
		else if (order.priceCnyPerT().scale() > 2 || order.priceCnyPerT().precision() - order.priceCnyPerT().scale() > 7) {
			errors.add(InputError.field("price_cny_per_t", "at most 2 decimals and at most " + MAX_PRICE + " CNY per t"));
		}
		else {
			InputBounds.range(errors, "price_cny_per_t", order.priceCnyPerT(), BigDecimal.ZERO, new BigDecimal(MAX_PRICE));
		}
		tradeDate(errors, "traded_on", order.tradedOn());
		text(errors, "memo", order.memo(), MAX_PURPOSE, false);
		List<Carved> pieces = take(order.tickets(), errors, "transfer");
		long from = pieces.get(0).holderId();
		long to = holder(order.toHolderName(), order.toHolderKind(), null);
		if (to == from) {
			throw new InvalidInputException("to_holder_name", "is the holder of the tickets already");
		}
		long tonnes = pieces.stream().mapToLong(Carved::tonnes).sum();
		var txn = ledger.post(new Ledger.NewTxn(TxnKind.TRANSFER, "ticket-transfer", "to " + order.toHolderName().strip(),
				List.of(new Ledger.Posting(holderAccount(from), -tonnes), new Ledger.Posting(holderAccount(to), tonnes))));
		for (Carved c : pieces) {
			jdbc.sql("UPDATE inclusive_ticket_lot SET holder_id = :to WHERE id = :id").param("to", to).param("id", c.lotId()).update();
		}
		long id = trade("TRANSFER", from, to, tonnes, order.priceCnyPerT(), order.tradedOn(), null, null, null, txn.seq(),
				blank(order.memo()) ? null : order.memo().strip(), pieces);
		Trade t = tradeOf(id);
		audit.record("inclusive.ticket-transferred", "ticket-trade", id, null, t);
		log.info("Transferred {} t of carbon tickets from holder {} to {} at {} CNY/t (trade {})", tonnes, from, to, order.priceCnyPerT(), id);
		return t;
	}

	/** Pledges selected tickets to a bank: TICKET_HOLDER → TICKET_PLEDGED, locked until released; office roles; audited. */
	@Transactional
	public Pledge pledge(PledgeOrder order) {
		AccessScope.current().requireRole(OFFICE);
		List<InputError> errors = new ArrayList<>();
		text(errors, "pledgee_bank", order.pledgeeBank(), MAX_NAME, true);
		text(errors, "loan_reference", order.loanReference(), MAX_REFERENCE, true);
		if (order.loanCny() != null) {
			if (order.loanCny().scale() > 2) {
				errors.add(InputError.field("loan_cny", "at most 2 decimals"));
			}
			else {
				InputBounds.positive(errors, "loan_cny", order.loanCny(), new BigDecimal("1e12"));
			}
		}
		tradeDate(errors, "pledged_on", order.pledgedOn());
		List<Carved> pieces = take(order.tickets(), errors, "pledge");
		long holderId = pieces.get(0).holderId();
		long tonnes = pieces.stream().mapToLong(Carved::tonnes).sum();
		var txn = ledger.post(new Ledger.NewTxn(TxnKind.PLEDGE, "ticket-pledge:" + order.loanReference().strip(), "pledged to " + order.pledgeeBank().strip(),
				List.of(new Ledger.Posting(holderAccount(holderId), -tonnes),
						new Ledger.Posting(ledger.account(AccountKind.TICKET_PLEDGED, String.valueOf(holderId), Asset.TICKET), tonnes))));
		long id = jdbc.sql("""
				INSERT INTO inclusive_ticket_pledge (holder_id, pledgee_bank, loan_reference, loan_cny, tonnes, pledged_on)
				VALUES (:h, :b, :r, :c, :t, :on) RETURNING id""")
			.param("h", holderId).param("b", order.pledgeeBank().strip()).param("r", order.loanReference().strip()).param("c", order.loanCny())
			.param("t", tonnes).param("on", order.pledgedOn()).query(Long.class).single();
		for (Carved c : pieces) {
			jdbc.sql("UPDATE inclusive_ticket_lot SET status = 'PLEDGED', pledge_id = :p WHERE id = :id").param("p", id).param("id", c.lotId()).update();
		}
		trade("PLEDGE", holderId, null, tonnes, null, order.pledgedOn(), null, id, null, txn.seq(), "pledged to " + order.pledgeeBank().strip(), pieces);
		Pledge p = pledgeOf(id);
		audit.record("inclusive.ticket-pledged", "ticket-pledge", id, null, p);
		log.info("Pledged {} t of carbon tickets of holder {} (pledge {})", tonnes, holderId, id);
		return p;
	}

	/** Releases a pledge: its tickets are the holder's usable ones again (TICKET_PLEDGED → TICKET_HOLDER); office roles; audited. */
	@Transactional
	public Pledge release(long pledgeId, LocalDate releasedOn) {
		AccessScope.current().requireRole(OFFICE);
		Pledge before = pledgeOf(pledgeId);
		List<InputError> errors = new ArrayList<>();
		tradeDate(errors, "released_on", releasedOn);
		if (releasedOn != null && releasedOn.isBefore(before.pledgedOn())) {
			errors.add(InputError.field("released_on", "must not be before the pledge's date " + before.pledgedOn()));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		boolean open = !jdbc.sql("SELECT id FROM inclusive_ticket_pledge WHERE id = :id AND released_on IS NULL FOR UPDATE").param("id", pledgeId)
			.query(Long.class).list().isEmpty();
		if (!open) {
			throw new RuleViolationException("pledge " + pledgeId + " was released on " + before.releasedOn(), true);
		}
		List<Carved> pieces = jdbc.sql("SELECT id, holder_id, county_code, period_code, seq_from, seq_to FROM inclusive_ticket_lot WHERE pledge_id = :p ORDER BY id FOR UPDATE")
			.param("p", pledgeId).query((rs, n) -> new Carved(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6)))
			.list();
		long holderId = before.holderId();
		var txn = ledger.post(new Ledger.NewTxn(TxnKind.UNPLEDGE, "ticket-pledge:" + before.loanReference(), "released by " + before.pledgeeBank(),
				List.of(new Ledger.Posting(ledger.account(AccountKind.TICKET_PLEDGED, String.valueOf(holderId), Asset.TICKET), -before.tonnes()),
						new Ledger.Posting(holderAccount(holderId), before.tonnes()))));
		jdbc.sql("UPDATE inclusive_ticket_lot SET status = 'HELD', pledge_id = NULL WHERE pledge_id = :p").param("p", pledgeId).update();
		jdbc.sql("UPDATE inclusive_ticket_pledge SET released_on = :on WHERE id = :id").param("on", releasedOn).param("id", pledgeId).update();
		trade("RELEASE", null, holderId, before.tonnes(), null, releasedOn, null, pledgeId, null, txn.seq(), "released by " + before.pledgeeBank(), pieces);
		Pledge after = pledgeOf(pledgeId);
		audit.record("inclusive.ticket-released", "ticket-pledge", pledgeId, before, after);
		return after;
	}

	/**
	 * Expires every usable lot whose validity ended before today (Beijing): one ledger transaction per lot
	 * {@code TICKET_HOLDER → EXPIRED}; pledged lots expire when released and found past their date by the next run.
	 * No role check (the daily job, or the office). Returns the lots expired.
	 */
	@Transactional
	public int expireDue() {
		List<Carved> due = jdbc.sql("""
				SELECT id, holder_id, county_code, period_code, seq_from, seq_to FROM inclusive_ticket_lot
				WHERE status = 'HELD' AND expires_on < :today ORDER BY id FOR UPDATE SKIP LOCKED""")
			.param("today", today()).query((rs, n) -> new Carved(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6)))
			.list();
		for (Carved c : due) {
			var txn = ledger.post(new Ledger.NewTxn(TxnKind.EXPIRE, "ticket-lot:" + c.lotId(), "validity ended",
					List.of(new Ledger.Posting(holderAccount(c.holderId()), -c.tonnes()),
							new Ledger.Posting(ledger.account(AccountKind.EXPIRED, Ledger.SCHEME, Asset.TICKET), c.tonnes()))));
			jdbc.sql("UPDATE inclusive_ticket_lot SET status = 'EXPIRED' WHERE id = :id").param("id", c.lotId()).update();
			trade("EXPIRE", c.holderId(), null, c.tonnes(), null, today(), null, null, null, txn.seq(), "validity ended", List.of(c));
		}
		if (!due.isEmpty()) {
			audit.record("inclusive.tickets-expired", "ticket-lot", "expiry " + today(), null, Map.of("lots", due.stream().map(Carved::lotId).toList()));
			log.info("Expired {} lots of carbon tickets", due.size());
		}
		return due.size();
	}

	// ---------------------------------------------------------------- issuance (from ForestryProjects)

	/** What an issuance created. */
	@Schema(name = "CarbonTicketIssuance", description = "Tickets issued from an approved forestry project · 由已批准林业碳汇项目签发的碳票")
	public record Issuance(@Schema(description = "Id · 编号") long id, @JsonProperty("project_id") @Schema(description = "The project · 项目编号") long projectId,
			@JsonProperty("holder_name") @Schema(description = "Holder · 持有人") String holderName,
			@Schema(description = "Tickets issued, tCO2 · 签发量，吨") long tonnes,
			@JsonProperty("first_serial") @Schema(description = "First serial · 起始编号") String firstSerial,
			@JsonProperty("last_serial") @Schema(description = "Last serial · 截止编号") String lastSerial,
			@JsonProperty("expires_on") @Schema(description = "Usable until · 有效期至") LocalDate expiresOn,
			@JsonProperty("withdrawn_by_year") @Schema(description = "Tonnes withdrawn from the budget's sink ledger per year · 各年度从预算碳汇台账扣减的吨数") Map<Integer, Long> withdrawnByYear,
			@JsonProperty("ledger_seq") @Schema(description = "The ledger transaction · 账本交易序号") long ledgerSeq,
			@JsonProperty("issued_at") @Schema(description = "When, Beijing time · 签发时间") OffsetDateTime issuedAt) {
	}

	/**
	 * Issues an approved project's tickets: floor(verified increment) tonnes, drawn from the budget's sink ledger of the
	 * project's county for the years of its increment figures (split by them, whole tonnes by largest remainder), each
	 * year withdrawn from the budget's sink credit; 422 with the figures when a year's verified sinks do not cover it.
	 * The caller (ForestryProjects) checked the role and the project's state.
	 */
	@Transactional
	Issuance issue(long projectId, String countyCode, String periodCode, long holderId, long tonnes, Map<Integer, BigDecimal> yearly) {
		Map<Integer, Long> draws = ForestryMath.split(tonnes, yearly);
		List<String> short_ = new ArrayList<>();
		for (var d : draws.entrySet()) {
			SinkAvailability a = budgets.sinkAvailableForTickets(countyCode, d.getKey());
			if (a.available().compareTo(BigDecimal.valueOf(d.getValue())) < 0) {
				short_.add(d.getValue() + " t for " + d.getKey() + " (" + a.explained() + ")");
			}
		}
		if (!short_.isEmpty()) {
			throw new RuleViolationException("the budget's record of verified sinks does not cover the issuance of " + tonnes + " t: "
					+ String.join("; ", short_));
		}
		String ref = "forestry-project:" + projectId;
		for (var d : draws.entrySet()) {
			if (d.getValue() > 0) {
				budgets.withdrawSinkForTickets(countyCode, d.getKey(), d.getValue(), ref);
			}
		}
		jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('inclusive_ticket_seq'), hashtext(:k))").param("k", countyCode + "/" + periodCode).query().singleRow();
		long first = jdbc.sql("SELECT coalesce(max(seq_to), 0) + 1 FROM inclusive_ticket_issuance WHERE county_code = :c AND period_code = :p")
			.param("c", countyCode).param("p", periodCode).query(Long.class).single();
		long last = first + tonnes - 1;
		if (last > serials.maxSeq()) {
			throw new RuleViolationException("the serial format holds " + serials.maxSeq() + " tickets per county and period; " + tonnes
					+ " more from number " + first + " do not fit (plan folder inclusive.properties, ticket.seq-digits)");
		}
		var txn = ledger.post(new Ledger.NewTxn(TxnKind.ISSUE, ref, "issued " + serials.serial(countyCode, periodCode, first) + " … "
				+ serials.serial(countyCode, periodCode, last),
				List.of(new Ledger.Posting(ledger.account(AccountKind.TICKET_ISSUANCE, Ledger.SCHEME, Asset.TICKET), -tonnes),
						new Ledger.Posting(holderAccount(holderId), tonnes))));
		LocalDate expires = today().plusYears(settings.validityYears());
		OffsetDateTime at = now();
		long id = jdbc.sql("""
				INSERT INTO inclusive_ticket_issuance (project_id, county_code, period_code, seq_from, seq_to, tonnes, holder_id, expires_on, ledger_seq, issued_by, issued_at)
				VALUES (:p, :c, :pc, :f, :l, :t, :h, :e, :seq, :by, :at) RETURNING id""")
			.param("p", projectId).param("c", countyCode).param("pc", periodCode).param("f", first).param("l", last).param("t", tonnes)
			.param("h", holderId).param("e", expires).param("seq", txn.seq()).param("by", AccessScope.current().actor()).param("at", at)
			.query(Long.class).single();
		long lotId = jdbc.sql("""
				INSERT INTO inclusive_ticket_lot (issuance_id, county_code, period_code, seq_from, seq_to, holder_id, status, expires_on)
				VALUES (:i, :c, :pc, :f, :l, :h, 'HELD', :e) RETURNING id""")
			.param("i", id).param("c", countyCode).param("pc", periodCode).param("f", first).param("l", last).param("h", holderId).param("e", expires)
			.query(Long.class).single();
		trade("ISSUE", null, holderId, tonnes, null, today(), id, null, null, txn.seq(), ref,
				List.of(new Carved(lotId, holderId, countyCode, periodCode, first, last)));
		log.info("Issued {} t of carbon tickets for project {} ({} … {})", tonnes, projectId, first, last);
		return issuanceOfProject(projectId).orElseThrow();
	}

	/** A project's issuance, if it was issued. */
	@Transactional(readOnly = true)
	public Optional<Issuance> issuanceOfProject(long projectId) {
		return jdbc.sql("""
				SELECT i.*, h.name AS holder_name FROM inclusive_ticket_issuance i JOIN inclusive_ticket_holder h ON h.id = i.holder_id WHERE i.project_id = :p""")
			.param("p", projectId).query((rs, n) -> {
				Map<Integer, Long> years = new LinkedHashMap<>();
				jdbc.sql("SELECT year, tonnes_t FROM budget_sink_withdrawal WHERE ticket_reference = :r ORDER BY year").param("r", "forestry-project:" + projectId)
					.query((r2, m) -> years.put(r2.getInt(1), r2.getBigDecimal(2).longValueExact())).list();
				return new Issuance(rs.getLong("id"), projectId, rs.getString("holder_name"), rs.getLong("tonnes"),
						serials.serial(rs.getString("county_code"), rs.getString("period_code"), rs.getLong("seq_from")),
						serials.serial(rs.getString("county_code"), rs.getString("period_code"), rs.getLong("seq_to")),
						rs.getObject("expires_on", LocalDate.class), years, rs.getLong("ledger_seq"), beijing(rs.getObject("issued_at", OffsetDateTime.class)));
			}).optional();
	}

	// ---------------------------------------------------------------- reads

	/** Lots, newest first, optionally of one holder and/or status; office roles. */
	@Transactional(readOnly = true)
	public List<TicketLot> lots(Long holderId, LotStatus status, int limit, int offset) {
		AccessScope.current().requireRole(OFFICE);
		return jdbc.sql(LOTS + " WHERE (CAST(:h AS BIGINT) IS NULL OR l.holder_id = :h) AND (CAST(:s AS TEXT) IS NULL OR l.status = :s)"
				+ " ORDER BY l.id DESC LIMIT :limit OFFSET :offset")
			.param("h", holderId).param("s", status == null ? null : status.name()).param("limit", limit).param("offset", offset)
			.query((rs, n) -> lot(rs)).list();
	}

	/** One lot; 404 if unknown. No role check. */
	@Transactional(readOnly = true)
	public TicketLot lot(long id) {
		return jdbc.sql(LOTS + " WHERE l.id = :id").param("id", id).query((rs, n) -> lot(rs)).optional()
			.orElseThrow(() -> new NotFoundException("ticket lot " + id));
	}

	/** The trade history, newest first, optionally of one kind; office roles. */
	@Transactional(readOnly = true)
	public List<Trade> trades(String kind, int limit, int offset) {
		AccessScope.current().requireRole(OFFICE);
		return jdbc.sql("SELECT id FROM inclusive_ticket_trade WHERE (CAST(:k AS TEXT) IS NULL OR kind = :k) ORDER BY id DESC LIMIT :limit OFFSET :offset")
			.param("k", kind).param("limit", limit).param("offset", offset).query(Long.class).list().stream().map(this::tradeOf).toList();
	}

	/** Pledges, newest first; office roles. */
	@Transactional(readOnly = true)
	public List<Pledge> pledges(int limit) {
		AccessScope.current().requireRole(OFFICE);
		return jdbc.sql("SELECT id FROM inclusive_ticket_pledge ORDER BY id DESC LIMIT :limit").param("limit", limit).query(Long.class).list().stream()
			.map(this::pledgeOf).toList();
	}

	/** A pledge; 404 if unknown. */
	@Transactional(readOnly = true)
	public Pledge pledgeOf(long id) {
		return jdbc.sql("""
				SELECT p.*, h.name AS holder_name FROM inclusive_ticket_pledge p JOIN inclusive_ticket_holder h ON h.id = p.holder_id WHERE p.id = :id""")
			.param("id", id)
			.query((rs, n) -> new Pledge(rs.getLong("id"), rs.getLong("holder_id"), rs.getString("holder_name"), rs.getString("pledgee_bank"),
					rs.getString("loan_reference"), rs.getBigDecimal("loan_cny"), rs.getLong("tonnes"), rs.getObject("pledged_on", LocalDate.class),
					rs.getObject("released_on", LocalDate.class),
					rangesOf("SELECT r.county_code, r.period_code, r.seq_from, r.seq_to FROM inclusive_ticket_trade_range r JOIN inclusive_ticket_trade t ON t.id = r.trade_id WHERE t.kind = 'PLEDGE' AND t.pledge_id = :x ORDER BY 1, 2, 3", id)))
			.optional().orElseThrow(() -> new NotFoundException("ticket pledge " + id));
	}

	/** A ticket's public facts; empty when the serial is malformed, its check character wrong, or it was never issued. */
	@Transactional(readOnly = true)
	public Optional<TicketFacts> facts(String serial, java.util.function.Function<String, String> countyName) {
		return serials.parse(serial).flatMap(s -> jdbc.sql("""
				SELECT l.status, l.expires_on, p.name, p.county_code, p.period_start, p.period_end, p.method_code, p.verifier_name, i.issued_at,
				  r.beneficiary, r.purpose, r.retired_at
				FROM inclusive_ticket_lot l JOIN inclusive_ticket_issuance i ON i.id = l.issuance_id JOIN inclusive_forestry_project p ON p.id = i.project_id
				  LEFT JOIN inclusive_ticket_retirement r ON r.id = l.retirement_id
				WHERE l.county_code = :c AND l.period_code = :p AND l.seq_from <= :s AND l.seq_to >= :s""")
			.param("c", s.countyCode()).param("p", s.periodCode()).param("s", s.seq())
			.query((rs, n) -> new TicketFacts(serials.serial(s.countyCode(), s.periodCode(), s.seq()), LotStatus.valueOf(rs.getString(1)), rs.getString(3),
					rs.getString(4), countyName.apply(rs.getString(4)), s.periodCode(), rs.getObject(5, LocalDate.class), rs.getObject(6, LocalDate.class),
					rs.getString(7), rs.getString(8), beijing(rs.getObject(9, OffsetDateTime.class)).toLocalDate(), rs.getObject(2, LocalDate.class),
					rs.getString(10), rs.getString(11),
					rs.getObject(12) == null ? null : beijing(rs.getObject(12, OffsetDateTime.class)).toLocalDate()))
			.optional());
	}

	/** A trade; 404 if unknown. */
	@Transactional(readOnly = true)
	public Trade tradeOf(long id) {
		return jdbc.sql("""
				SELECT t.*, f.name AS from_name, h.name AS to_name FROM inclusive_ticket_trade t LEFT JOIN inclusive_ticket_holder f ON f.id = t.from_holder_id
				  LEFT JOIN inclusive_ticket_holder h ON h.id = t.to_holder_id WHERE t.id = :id""")
			.param("id", id)
			.query((rs, n) -> new Trade(rs.getLong("id"), rs.getString("kind"), rs.getString("from_name"), rs.getString("to_name"), rs.getLong("tonnes"),
					rs.getBigDecimal("price_cny_per_t"), rs.getObject("traded_on", LocalDate.class),
					rangesOf("SELECT county_code, period_code, seq_from, seq_to FROM inclusive_ticket_trade_range WHERE trade_id = :x ORDER BY 1, 2, 3", id),
					rs.getLong("ledger_seq"), rs.getString("memo"), rs.getString("actor"), beijing(rs.getObject("at", OffsetDateTime.class))))
			.optional().orElseThrow(() -> new NotFoundException("ticket trade " + id));
	}

	// ---------------------------------------------------------------- documents

	/** The kinds of documents a registry asks for. */
	public enum DocumentKind {
		MONITORING_REPORT, VERIFICATION_REPORT, APPROVAL, FOREST_RIGHT_CERTIFICATE, TRANSFER_CONTRACT, PLEDGE_CONTRACT, RELEASE_NOTICE, RETIREMENT, OTHER
	}

	/** Attaches a document (PDF, PNG, JPEG ≤ 10 MiB) to a project or a trade; office roles; audited. */
	@Transactional
	public StoredDocument attach(Long projectId, Long tradeId, DocumentKind kind, String name, byte[] bytes) {
		AccessScope.current().requireRole(OFFICE);
		List<InputError> errors = new ArrayList<>();
		if (kind == null) {
			errors.add(InputError.field("kind", "is required: one of " + java.util.Arrays.toString(DocumentKind.values())));
		}
		if (bytes == null || bytes.length == 0) {
			errors.add(InputError.field("file", "is required: a PDF, PNG or JPEG document"));
		}
		text(errors, "file_name", name, MAX_NAME, false);
		EvidenceDocument doc = EvidenceDocument.check(bytes, errors, "");
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (projectId != null) {
			jdbc.sql("SELECT id FROM inclusive_forestry_project WHERE id = :id").param("id", projectId).query(Long.class).optional()
				.orElseThrow(() -> new NotFoundException("forestry project " + projectId));
		}
		if (tradeId != null) {
			tradeOf(tradeId);
		}
		String stored = blank(name) ? doc.defaultName(kind.name().toLowerCase(java.util.Locale.ROOT)) : name.strip();
		long id = jdbc.sql("""
				INSERT INTO inclusive_ticket_document (project_id, trade_id, kind, name, content_type, sha256, content, uploaded_by, uploaded_at)
				VALUES (:p, :t, :k, :n, :ct, :sha, :c, :by, :at) RETURNING id""")
			.param("p", projectId).param("t", tradeId).param("k", kind.name()).param("n", stored).param("ct", doc.contentType())
			.param("sha", doc.sha256()).param("c", doc.bytes()).param("by", AccessScope.current().actor()).param("at", now()).query(Long.class).single();
		StoredDocument d = documents("id = :x", id).get(0);
		audit.record("inclusive.ticket-document-attached", "ticket-document", id, null, d);
		return d;
	}

	/** A project's documents. */
	@Transactional(readOnly = true)
	public List<StoredDocument> documentsOfProject(long projectId) {
		return documents("project_id = :x", projectId);
	}

	/** A trade's documents. */
	@Transactional(readOnly = true)
	public List<StoredDocument> documentsOfTrade(long tradeId) {
		return documents("trade_id = :x", tradeId);
	}

	/** A document's content; office roles; 404 if unknown. */
	@Transactional(readOnly = true)
	public DocumentContent document(long id) {
		AccessScope.current().requireRole(OFFICE);
		return jdbc.sql("SELECT name, content_type, content FROM inclusive_ticket_document WHERE id = :id").param("id", id)
			.query((rs, n) -> new DocumentContent(rs.getString(1), rs.getString(2), rs.getBytes(3))).optional()
			.orElseThrow(() -> new NotFoundException("ticket document " + id));
	}

	private List<StoredDocument> documents(String where, long x) {
		return jdbc.sql("SELECT id, kind, name, content_type, sha256, octet_length(content), uploaded_by, uploaded_at FROM inclusive_ticket_document WHERE "
				+ where + " ORDER BY id").param("x", x)
			.query((rs, n) -> new StoredDocument(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6),
					rs.getString(7), beijing(rs.getObject(8, OffsetDateTime.class))))
			.list();
	}

	// ---------------------------------------------------------------- lots: taking and splitting

	/** A lot carved out for an operation: exactly the serials taken. */
	record Carved(long lotId, long holderId, String countyCode, String periodCode, long seqFrom, long seqTo) {
		long tonnes() {
			return seqTo - seqFrom + 1;
		}
	}

	/**
	 * Locks and carves the selected tickets out of their lots (one holder, each HELD and not expired), throwing the
	 * collected input errors first (400), then the state rules (422).
	 */
	private List<Carved> take(Selection sel, List<InputError> errors, String verb) {
		if (sel == null || (sel.lotId() == null) == (sel.serials() == null || sel.serials().isEmpty())) {
			errors.add(InputError.field("serials", "give either lot_id and quantity or a list of serials"));
			throw new InvalidInputException(errors);
		}
		if (sel.lotId() != null) {
			if (sel.quantity() == null || sel.quantity() < 1 || sel.quantity() > 1_000_000_000L) {
				errors.add(InputError.field("quantity", "must be a whole number of tickets from 1 to 1000000000"));
			}
			if (!errors.isEmpty()) {
				throw new InvalidInputException(errors);
			}
			var key = jdbc.sql("SELECT county_code, period_code FROM inclusive_ticket_lot WHERE id = :id").param("id", sel.lotId())
				.query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).optional()
				.orElseThrow(() -> new NotFoundException("ticket lot " + sel.lotId()));
			serialise(List.of(key));
			Carved lot = lockLot(sel.lotId()).orElseThrow(() -> new NotFoundException("ticket lot " + sel.lotId()));
			usable(lot, verb);
			if (sel.quantity() > lot.tonnes()) {
				throw new RuleViolationException("lot " + lot.lotId() + " holds " + lot.tonnes() + " tickets; " + sel.quantity() + " cannot be taken from it");
			}
			return List.of(carve(lot, lot.seqFrom(), lot.seqFrom() + sel.quantity() - 1));
		}
		List<String> list = sel.serials();
		if (list.size() > MAX_SERIALS) {
			errors.add(InputError.field("serials", "at most " + MAX_SERIALS + " serials; larger amounts go by lot_id and quantity"));
			throw new InvalidInputException(errors);
		}
		List<TicketSerials.Serial> parsed = new ArrayList<>();
		Set<TicketSerials.Serial> seen = new HashSet<>();
		for (int i = 0; i < list.size(); i++) {
			Optional<TicketSerials.Serial> s = serials.parse(list.get(i));
			if (s.isEmpty()) {
				errors.add(InputError.field("serials[" + i + "]", "is not a ticket serial of the format " + settings.serialFormat() + " with a right check character"));
			}
			else if (!seen.add(s.get())) {
				errors.add(InputError.field("serials[" + i + "]", "is listed twice"));
			}
			else {
				parsed.add(s.get());
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		parsed.sort(Comparator.comparing(TicketSerials.Serial::countyCode).thenComparing(TicketSerials.Serial::periodCode)
			.thenComparingLong(TicketSerials.Serial::seq));
		serialise(parsed.stream().map(x -> x.countyCode() + "/" + x.periodCode()).distinct().toList());
		// runs of consecutive serials inside one lot
		List<long[]> runs = new ArrayList<>(); // lotId, from, to
		Map<Long, Carved> lots = new LinkedHashMap<>();
		Carved current = null;
		for (TicketSerials.Serial s : parsed) {
			if (current == null || !current.countyCode().equals(s.countyCode()) || !current.periodCode().equals(s.periodCode())
					|| s.seq() < current.seqFrom() || s.seq() > current.seqTo()) {
				current = jdbc.sql("""
						SELECT id, holder_id, county_code, period_code, seq_from, seq_to FROM inclusive_ticket_lot
						WHERE county_code = :c AND period_code = :p AND seq_from <= :s AND seq_to >= :s FOR UPDATE""")
					.param("c", s.countyCode()).param("p", s.periodCode()).param("s", s.seq())
					.query((rs, n) -> new Carved(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6))).optional()
					.orElseThrow(() -> new NotFoundException("carbon ticket " + serials.serial(s.countyCode(), s.periodCode(), s.seq())));
				lots.putIfAbsent(current.lotId(), current);
			}
			long[] last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
			if (last != null && last[0] == current.lotId() && last[2] + 1 == s.seq()) {
				last[2] = s.seq();
			}
			else {
				runs.add(new long[] { current.lotId(), s.seq(), s.seq() });
			}
		}
		long holder = lots.values().iterator().next().holderId();
		for (Carved l : lots.values()) {
			if (l.holderId() != holder) {
				throw new RuleViolationException("the serials belong to more than one holder: one " + verb + " takes the tickets of one holder");
			}
			usable(l, verb);
		}
		// carve run by run; a lot's remainder after a run is a new lot, found again by serial
		List<Carved> out = new ArrayList<>();
		for (long[] run : runs) {
			Carved lot = lockContaining(lots.get(run[0]).countyCode(), lots.get(run[0]).periodCode(), run[1]);
			out.add(carve(lot, run[1], run[2]));
		}
		return out;
	}

	/**
	 * Serialises operations on the lots of each county and period (in a fixed order, so two operations never wait on
	 * each other crosswise): a lot split by a concurrent operation is then found in its new rows, never missed.
	 */
	private void serialise(List<String> keys) {
		keys.stream().sorted().forEach(k -> jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('inclusive_ticket_lot'), hashtext(:k))").param("k", k)
			.query().singleRow());
	}

	/** Refuses a lot that is not usable: retired, pledged, expired (by state or date). */
	private void usable(Carved lot, String verb) {
		var row = jdbc.sql("""
				SELECT l.status, l.expires_on, p.pledgee_bank, r.beneficiary FROM inclusive_ticket_lot l
				  LEFT JOIN inclusive_ticket_pledge p ON p.id = l.pledge_id LEFT JOIN inclusive_ticket_retirement r ON r.id = l.retirement_id WHERE l.id = :id""")
			.param("id", lot.lotId()).query().singleRow();
		String first = serials.serial(lot.countyCode(), lot.periodCode(), lot.seqFrom());
		String what = lot.tonnes() == 1 ? "ticket " + first : "tickets " + first + " … " + serials.serial(lot.countyCode(), lot.periodCode(), lot.seqTo());
		switch (LotStatus.valueOf((String) row.get("status"))) {
			case RETIRED -> throw new RuleViolationException(what + " are retired (for " + row.get("beneficiary") + "): a retired ticket cannot be "
					+ verb + "d", true);
			case PLEDGED -> throw new RuleViolationException(what + " are pledged to " + row.get("pledgee_bank") + ": they cannot be " + verb
					+ "d until the pledge is released", true);
			case EXPIRED -> throw new RuleViolationException(what + " expired on " + row.get("expires_on") + ": they cannot be " + verb + "d", true);
			case HELD -> {
				LocalDate expires = ((java.sql.Date) row.get("expires_on")).toLocalDate();
				if (expires.isBefore(today())) {
					throw new RuleViolationException(what + " expired on " + expires + ": they cannot be " + verb + "d", true);
				}
			}
		}
	}

	private Optional<Carved> lockLot(long id) {
		return jdbc.sql("SELECT id, holder_id, county_code, period_code, seq_from, seq_to FROM inclusive_ticket_lot WHERE id = :id FOR UPDATE").param("id", id)
			.query((rs, n) -> new Carved(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6))).optional();
	}

	private Carved lockContaining(String county, String period, long seq) {
		return jdbc.sql("""
				SELECT id, holder_id, county_code, period_code, seq_from, seq_to FROM inclusive_ticket_lot
				WHERE county_code = :c AND period_code = :p AND seq_from <= :s AND seq_to >= :s FOR UPDATE""")
			.param("c", county).param("p", period).param("s", seq)
			.query((rs, n) -> new Carved(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getLong(6))).single();
	}

	/**
	 * Makes [from, to] of a lot its own lot (keeping the lot's id for the carved part) and the rest before and after
	 * new lots with the same holder, state and validity.
	 */
	private Carved carve(Carved lot, long from, long to) {
		if (from == lot.seqFrom() && to == lot.seqTo()) {
			return lot;
		}
		jdbc.sql("UPDATE inclusive_ticket_lot SET seq_from = :f, seq_to = :t WHERE id = :id").param("f", from).param("t", to).param("id", lot.lotId()).update();
		String copy = """
				INSERT INTO inclusive_ticket_lot (issuance_id, county_code, period_code, seq_from, seq_to, holder_id, status, pledge_id, retirement_id, expires_on)
				SELECT issuance_id, county_code, period_code, :f, :t, holder_id, status, pledge_id, retirement_id, expires_on FROM inclusive_ticket_lot WHERE id = :id""";
		if (from > lot.seqFrom()) {
			jdbc.sql(copy).param("f", lot.seqFrom()).param("t", from - 1).param("id", lot.lotId()).update();
		}
		if (to < lot.seqTo()) {
			jdbc.sql(copy).param("f", to + 1).param("t", lot.seqTo()).param("id", lot.lotId()).update();
		}
		return new Carved(lot.lotId(), lot.holderId(), lot.countyCode(), lot.periodCode(), from, to);
	}

	// ---------------------------------------------------------------- helpers

	private long trade(String kind, Long from, Long to, long tonnes, BigDecimal price, LocalDate on, Long issuanceId, Long pledgeId, Long retirementId,
			long ledgerSeq, String memo, List<Carved> pieces) {
		AccessScope scope = AccessScope.current();
		long id = jdbc.sql("""
				INSERT INTO inclusive_ticket_trade (kind, from_holder_id, to_holder_id, tonnes, price_cny_per_t, traded_on, issuance_id, pledge_id,
				  retirement_id, ledger_seq, memo, actor, role, at)
				VALUES (:k, :f, :t, :n, :price, :on, :i, :p, :r, :seq, :memo, :actor, :role, :at) RETURNING id""")
			.param("k", kind).param("f", from).param("t", to).param("n", tonnes).param("price", price).param("on", on).param("i", issuanceId)
			.param("p", pledgeId).param("r", retirementId).param("seq", ledgerSeq).param("memo", memo == null ? null : truncate(memo, MAX_PURPOSE))
			.param("actor", scope.actor()).param("role", scope.role() == null ? null : scope.role().name()).param("at", now()).query(Long.class).single();
		for (Carved c : pieces) {
			jdbc.sql("INSERT INTO inclusive_ticket_trade_range (trade_id, county_code, period_code, seq_from, seq_to) VALUES (:id, :c, :p, :f, :t)")
				.param("id", id).param("c", c.countyCode()).param("p", c.periodCode()).param("f", c.seqFrom()).param("t", c.seqTo()).update();
		}
		return id;
	}

	private List<SerialRange> rangesOfRetirement(long retirementId) {
		return rangesOf("SELECT r.county_code, r.period_code, r.seq_from, r.seq_to FROM inclusive_ticket_trade_range r JOIN inclusive_ticket_trade t ON t.id = r.trade_id WHERE t.kind = 'RETIRE' AND t.retirement_id = :x ORDER BY 1, 2, 3",
				retirementId);
	}

	private List<SerialRange> rangesOf(String sql, long x) {
		return jdbc.sql(sql).param("x", x).query((rs, n) -> new SerialRange(serials.serial(rs.getString(1), rs.getString(2), rs.getLong(3)),
				serials.serial(rs.getString(1), rs.getString(2), rs.getLong(4)), rs.getLong(4) - rs.getLong(3) + 1)).list();
	}

	private static final String LOTS = """
			SELECT l.*, h.name AS holder_name, p.id AS project_id, p.name AS project_name FROM inclusive_ticket_lot l
			  JOIN inclusive_ticket_holder h ON h.id = l.holder_id JOIN inclusive_ticket_issuance i ON i.id = l.issuance_id
			  JOIN inclusive_forestry_project p ON p.id = i.project_id""";

	private TicketLot lot(java.sql.ResultSet rs) throws java.sql.SQLException {
		String c = rs.getString("county_code");
		String p = rs.getString("period_code");
		return new TicketLot(rs.getLong("id"), serials.serial(c, p, rs.getLong("seq_from")), serials.serial(c, p, rs.getLong("seq_to")),
				rs.getLong("seq_to") - rs.getLong("seq_from") + 1, rs.getLong("holder_id"), rs.getString("holder_name"), rs.getLong("project_id"),
				rs.getString("project_name"), c, p, LotStatus.valueOf(rs.getString("status")), rs.getObject("expires_on", LocalDate.class),
				(Long) rs.getObject("pledge_id"), (Long) rs.getObject("retirement_id"));
	}

	private long holderAccount(long holderId) {
		return ledger.account(AccountKind.TICKET_HOLDER, String.valueOf(holderId), Asset.TICKET);
	}

	private void tradeDate(List<InputError> errors, String field, LocalDate on) {
		if (on == null) {
			errors.add(InputError.field(field, "is required"));
		}
		else if (on.isAfter(today()) || on.getYear() < 2000) {
			errors.add(InputError.field(field, "must lie between 2000-01-01 and today (" + today() + ")"));
		}
	}

	LocalDate today() {
		return LocalDate.now(clock.withZone(BEIJING));
	}

	OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), BEIJING);
	}

	static OffsetDateTime beijing(OffsetDateTime t) {
		return t == null ? null : t.atZoneSameInstant(BEIJING).toOffsetDateTime();
	}

	static void text(List<InputError> errors, String field, String value, int max, boolean required) {
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

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	private static String truncate(String s, int max) {
		return s.length() <= max ? s : s.substring(0, max);
	}
}
