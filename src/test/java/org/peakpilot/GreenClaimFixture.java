package org.peakpilot;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import com.jayway.jsonpath.JsonPath;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Backs certified green kWh of a test's reports with a claim (issue 15: green kWh of a report need claimed green
 * certificates): a wind lot of {@code mwh} GECs produced in January of the year, already declared consumed within
 * its validity (historical data, so written to the ledger directly: the ledger would expire a lot of a past year on
 * entry), claimed for the whole year through the claims API as the city administrator.
 */
public final class GreenClaimFixture {

	private static final SecureRandom RANDOM = new SecureRandom();
	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

	private GreenClaimFixture() {
	}

	/** A random well-formed 32-character code. */
	public static String code() {
		StringBuilder sb = new StringBuilder();
		for (int i = 0; i < 32; i++) {
			sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return sb.toString();
	}

	/** A declared lot of {@code mwh} held by the enterprise, produced in the year's January; its id. */
	static long declaredLot(JdbcClient jdbc, long enterpriseId, int year, long mwh) {
		LocalDate month = LocalDate.of(year, 1, 1);
		long id = jdbc.sql("""
				INSERT INTO power_gec_lot (code, project_name, technology, production_month, mwh, holder_enterprise_id, status,
				    expires_on, declared_on, created_at, updated_at)
				VALUES (:code, '测试风电场 Test wind farm', 'WIND', :m, :mwh, :e, 'DECLARED', :x, :d, :now, :now) RETURNING id""")
			.param("code", code()).param("m", month).param("mwh", mwh).param("e", enterpriseId)
			.param("x", month.plusYears(2).plusMonths(1).minusDays(1)).param("d", month.plusMonths(1).minusDays(1))
			.param("now", OffsetDateTime.now()).query(Long.class).single();
		jdbc.sql("""
				INSERT INTO power_gec_event (lot_id, kind, status_before, status_after, to_enterprise_id, mwh, actor, at)
				VALUES (:l, 'IMPORT', NULL, 'DECLARED', :e, :mwh, 'test', :now)""")
			.param("l", id).param("e", enterpriseId).param("mwh", mwh).param("now", OffsetDateTime.now()).update();
		return id;
	}

	/** Claims {@code mwh} MWh of certified green electricity for the enterprise's year; the claim's id. */
	static long claim(MockMvc mvc, JdbcClient jdbc, long enterpriseId, int year, long mwh) throws Exception {
		long lot = declaredLot(jdbc, enterpriseId, year, mwh);
		String body = mvc.perform(post("/api/v1/power/claims").with(Fixtures.admin()).contentType(MediaType.APPLICATION_JSON)
			.content("{\"enterprise_id\": %d, \"year\": %d, \"lot_ids\": [%d]}".formatted(enterpriseId, year, lot)))
			.andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
		return ((Number) JsonPath.read(body, "$.id")).longValue();
	}

	/**
	 * The same without the web layer, for tests of other modules that save reports through {@code EmissionsAccounting}:
	 * the lot and its claim written directly (what the claims API would write); the claim's id.
	 */
	public static long claimDirect(JdbcClient jdbc, long enterpriseId, int year, long mwh) {
		long lot = declaredLot(jdbc, enterpriseId, year, mwh);
		long claim = jdbc.sql("""
				INSERT INTO power_green_claim (enterprise_id, year, month_from, month_to, mwh, actor, created_at)
				VALUES (:e, :y, 1, 12, :mwh, 'test', :now) RETURNING id""")
			.param("e", enterpriseId).param("y", year).param("mwh", mwh).param("now", OffsetDateTime.now()).query(Long.class).single();
		jdbc.sql("INSERT INTO power_green_claim_lot (lot_id, claim_id, mwh) VALUES (:l, :c, :m)").param("l", lot).param("c", claim)
			.param("m", mwh).update();
		return claim;
	}
}
