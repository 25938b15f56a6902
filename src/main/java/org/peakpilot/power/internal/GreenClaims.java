package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what enterprises have claimed as certified green electricity (绿电声明): claims are made only from declared,
 * valid, period-matched certificates the enterprise holds (the claim book of this package); each certificate lot backs
 * one claim at most. For the module's other parts (green-power shares, product footprints) and, through the
 * accounting interface, market-based scope 2. Energy in MWh (1 GEC = 1 MWh); a year is a calendar year and a claim
 * lies within one year.
 */
@Component
public class GreenClaims {

	/** One certificate lot used by a claim: technology, production month and the MWh it backs. */
	public record ClaimedLot(long claimId, long lotId, String code, GecTechnology technology, YearMonth productionMonth,
			BigDecimal mwh) {
	}

	private final JdbcClient jdbc;

	GreenClaims(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The MWh the enterprise has claimed for months of {@code year} (0 when none). */
	public BigDecimal claimedMwh(long enterpriseId, int year) {
		return jdbc.sql("SELECT COALESCE(SUM(mwh), 0) FROM power_green_claim WHERE enterprise_id = :e AND year = :y")
			.param("e", enterpriseId).param("y", year).query(BigDecimal.class).single();
	}

	/** The lots behind the enterprise's claims for {@code year}, by production month then code. */
	public List<ClaimedLot> claimedLots(long enterpriseId, int year) {
		return jdbc.sql("""
				SELECT c.id, l.id, l.code, l.technology, l.production_month, cl.mwh
				FROM power_green_claim c JOIN power_green_claim_lot cl ON cl.claim_id = c.id JOIN power_gec_lot l ON l.id = cl.lot_id
				WHERE c.enterprise_id = :e AND c.year = :y ORDER BY l.production_month, l.code""")
			.param("e", enterpriseId).param("y", year)
			.query((rs, n) -> new ClaimedLot(rs.getLong(1), rs.getLong(2), rs.getString(3), GecTechnology.valueOf(rs.getString(4)),
					YearMonth.from(rs.getObject(5, LocalDate.class)), rs.getBigDecimal(6)))
			.list();
	}
}
