package org.peakpilot.inclusive.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The points mall (积分商城): partners' goods and tickets for points, entered by the office or by the partner itself.
 * A redemption is one ledger {@link TxnKind#SPEND} from the citizen's points to the partner's account, with the item's
 * stock taken in the same transaction: the stock update locks the item's row, so concurrent redemptions of an item
 * queue there and can neither oversell nor pass the per-citizen limit; the ledger refuses a spend beyond the balance
 * and the whole redemption rolls back. Points are not money and not transferable: nothing here moves points from one
 * citizen to another.
 */
@Component
public class Mall {

	private static final Logger log = LoggerFactory.getLogger(Mall.class);
	public static final int NAME_MAX = 100;
	public static final int DESCRIPTION_MAX = 500;
	public static final long PRICE_MAX = 100_000_000L;
	public static final int STOCK_MAX = 1_000_000;
	public static final int LIMIT_MAX = 1000;
	private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
	private static final SecureRandom RANDOM = new SecureRandom();

	/** An item as entered. */
	public record ItemForm(Long partnerId, String name, String description, Long pointsPrice, Integer stock,
			Integer perCitizenLimit, LocalDate validFrom, LocalDate validTo) {
	}

	/** An item as shown. */
	public record Item(long id, long partnerId, String partnerName, String name, String description, long pointsPrice,
			int stock, int perCitizenLimit, LocalDate validFrom, LocalDate validTo, boolean active) {
	}

	/** A redemption as the citizen sees it. */
	public record Redemption(long id, long itemId, String itemName, String partnerName, long points, String code,
			OffsetDateTime redeemedAt, LocalDate validTo) {
	}

	private final JdbcClient jdbc;
	private final Ledger ledger;
	private final Clock clock;

	Mall(JdbcClient jdbc, Ledger ledger, Clock clock) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.clock = clock;
	}

	/**
	 * Creates an item. {@code partnerOfCaller}: the caller's partner when a partner enters it (the form's partner is
	 * ignored), null for the office (the form names the partner).
	 */
	@Transactional
	public Item create(ItemForm form, Long partnerOfCaller) {
		List<InputError> errors = new ArrayList<>();
		Long partnerId = partnerOfCaller != null ? partnerOfCaller : form.partnerId();
		if (partnerId == null || jdbc.sql("SELECT count(*) FROM inclusive_partner WHERE id = :p AND active").param("p", partnerId)
			.query(Long.class).single() == 0) {
			errors.add(InputError.field("partnerId", "an active partner is required"));
		}
		if (form.name() == null || form.name().isBlank() || form.name().strip().length() > NAME_MAX) {
			errors.add(InputError.field("name", "a name of 1 to " + NAME_MAX + " characters"));
		}
		if (form.description() != null && form.description().strip().length() > DESCRIPTION_MAX) {
			errors.add(InputError.field("description", "at most " + DESCRIPTION_MAX + " characters"));
		}
		if (form.pointsPrice() == null || form.pointsPrice() < 1 || form.pointsPrice() > PRICE_MAX) {
			errors.add(InputError.field("pointsPrice", "1 to " + PRICE_MAX + " points"));
		}
		if (form.stock() == null || form.stock() < 0 || form.stock() > STOCK_MAX) {
			errors.add(InputError.field("stock", "0 to " + STOCK_MAX));
		}
		if (form.perCitizenLimit() == null || form.perCitizenLimit() < 1 || form.perCitizenLimit() > LIMIT_MAX) {
			errors.add(InputError.field("perCitizenLimit", "1 to " + LIMIT_MAX));
		}
		if (form.validFrom() == null || form.validFrom().getYear() < 2020 || form.validFrom().getYear() > 2100) {
			errors.add(InputError.field("validFrom", "a date from 2020 to 2100"));
		}
		if (form.validTo() == null || form.validTo().getYear() > 2100
				|| (form.validFrom() != null && form.validTo().isBefore(form.validFrom()))) {
			errors.add(InputError.field("validTo", "a date on or after the first day, up to 2100"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		long id = jdbc.sql("""
				INSERT INTO inclusive_mall_item (partner_id, name, description, points_price, stock, per_citizen_limit,
				                                 valid_from, valid_to, created_by, created_at)
				VALUES (:p, :n, :d, :price, :stock, :lim, :from, :to, :by, :now) RETURNING id
				""").param("p", partnerId).param("n", form.name().strip())
			.param("d", form.description() == null || form.description().isBlank() ? null : form.description().strip())
			.param("price", form.pointsPrice()).param("stock", form.stock()).param("lim", form.perCitizenLimit())
			.param("from", form.validFrom()).param("to", form.validTo()).param("by", AccessScope.current().actor())
			.param("now", now()).query(Long.class).single();
		log.info("Mall item {} of partner {} created", id, partnerId);
		return item(id);
	}

	public Item item(long id) {
		return jdbc.sql(ITEM_SQL + " WHERE i.id = :id").param("id", id).query((rs, n) -> item(rs)).optional()
			.orElseThrow(() -> new NotFoundException("mall item " + id));
	}

	/** What citizens may redeem today: active, valid today, in stock; cheapest first. */
	public List<Item> offered() {
		return jdbc.sql(ITEM_SQL + " WHERE i.active AND p.active AND i.stock > 0 AND :today BETWEEN i.valid_from AND i.valid_to ORDER BY i.points_price, i.id LIMIT 200")
			.param("today", today()).query((rs, n) -> item(rs)).list();
	}

	/** A partner's items (null: every partner's, for the office), newest first. */
	public List<Item> items(Long partnerId) {
		return jdbc.sql(ITEM_SQL + " WHERE (CAST(:p AS BIGINT) IS NULL OR i.partner_id = :p) ORDER BY i.id DESC LIMIT 500")
			.param("p", partnerId).query((rs, n) -> item(rs)).list();
	}

	/**
	 * Redeems one unit of an item for the citizen: one SPEND of the price from the citizen's points to the partner,
	 * the stock taken atomically. Refused (422) when the item is not offered today, out of stock, over the citizen's
	 * limit, or the citizen's points do not suffice (nothing changes then).
	 */
	@Transactional
	public Redemption redeem(long citizenId, long itemId) {
		LocalDate today = today();
		record Taken(long partnerId, long price, int limit) {
		}
		Taken taken = jdbc.sql("""
				UPDATE inclusive_mall_item i SET stock = stock - 1
				WHERE i.id = :id AND i.active AND i.stock > 0 AND :today BETWEEN i.valid_from AND i.valid_to
				  AND EXISTS (SELECT 1 FROM inclusive_partner p WHERE p.id = i.partner_id AND p.active)
				RETURNING i.partner_id, i.points_price, i.per_citizen_limit
				""").param("id", itemId).param("today", today)
			.query((rs, n) -> new Taken(rs.getLong(1), rs.getLong(2), rs.getInt(3))).optional()
			.orElseThrow(() -> {
				if (jdbc.sql("SELECT count(*) FROM inclusive_mall_item WHERE id = :id").param("id", itemId).query(Long.class).single() == 0) {
					return new NotFoundException("mall item " + itemId);
				}
				return new RuleViolationException("item " + itemId + " is not offered today or out of stock");
			});
		// the item's row is locked until commit: concurrent redemptions of this item wait above and then see this one
		long already = jdbc.sql("SELECT count(*) FROM inclusive_redemption WHERE item_id = :i AND citizen_id = :c")
			.param("i", itemId).param("c", citizenId).query(Long.class).single();
		if (already >= taken.limit()) {
			throw new RuleViolationException("limit of " + taken.limit() + " per citizen reached for item " + itemId);
		}
		long from = ledger.account(AccountKind.CITIZEN, String.valueOf(citizenId), Asset.POINT);
		long to = ledger.account(AccountKind.PARTNER, String.valueOf(taken.partnerId()), Asset.POINT);
		String code = code();
		Ledger.PostedTxn txn = ledger.post(new Ledger.NewTxn(TxnKind.SPEND, "mall:" + itemId + ":" + code,
				"redeemed item " + itemId, List.of(new Ledger.Posting(from, -taken.price()), new Ledger.Posting(to, taken.price()))));
		long id = jdbc.sql("""
				INSERT INTO inclusive_redemption (item_id, citizen_id, points, ledger_seq, code, redeemed_at)
				VALUES (:i, :c, :p, :seq, :code, :now) RETURNING id
				""").param("i", itemId).param("c", citizenId).param("p", taken.price()).param("seq", txn.seq())
			.param("code", code).param("now", now()).query(Long.class).single();
		log.info("Citizen {} redeemed item {} ({} points)", citizenId, itemId, taken.price());
		return redemptions(citizenId).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
	}

	/** The citizen's redemptions, newest first. */
	public List<Redemption> redemptions(long citizenId) {
		return jdbc.sql("""
				SELECT r.*, i.name AS item_name, i.valid_to, p.name AS partner_name FROM inclusive_redemption r
				JOIN inclusive_mall_item i ON i.id = r.item_id JOIN inclusive_partner p ON p.id = i.partner_id
				WHERE r.citizen_id = :c ORDER BY r.id DESC LIMIT 100
				""").param("c", citizenId)
			.query((rs, n) -> new Redemption(rs.getLong("id"), rs.getLong("item_id"), rs.getString("item_name"),
					rs.getString("partner_name"), rs.getLong("points"), rs.getString("code"),
					rs.getObject("redeemed_at", OffsetDateTime.class), rs.getObject("valid_to", LocalDate.class)))
			.list();
	}

	private static final String ITEM_SQL = """
			SELECT i.*, p.name AS partner_name FROM inclusive_mall_item i JOIN inclusive_partner p ON p.id = i.partner_id
			""";

	private static Item item(java.sql.ResultSet rs) throws java.sql.SQLException {
		return new Item(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("partner_name"), rs.getString("name"),
				rs.getString("description"), rs.getLong("points_price"), rs.getInt("stock"), rs.getInt("per_citizen_limit"),
				rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class), rs.getBoolean("active"));
	}

	private static String code() {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < 10; i++) {
			sb.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
		}
		return sb.toString();
	}

	private LocalDate today() {
		return LocalDate.now(clock.withZone(CitizenActivity.BEIJING));
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
	}
}
