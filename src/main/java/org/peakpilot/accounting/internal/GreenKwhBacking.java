package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.util.List;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.CertifiedGreenElectricity;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InvalidInputException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The rule that certified green kWh of a report are backed by claimed green certificates (issue 15): the
  * {@code greenKwh} of all ELECTRICITY lines of an enterprise's reports of a year together never exceed the kWh it has
 * claimed for that year ({@link CertifiedGreenElectricity}, answered by the power module's claims, where a
 * certificate backs one claim only). A report that would pass the claimed kWh is refused with a 400 naming the line
 * ({@code lines[i].greenKwh}); nothing is filled in automatically — the enterprise states its green kWh, the claims
 * bound them. Checked when a report is saved, revised and submitted; saves of one enterprise's reports are serialised
 * by a transaction-scoped advisory lock so that two months saved at once cannot together pass the claim.
 */
@Component
public class GreenKwhBacking {

	/** The advisory-lock namespace of this rule (the first key; the enterprise id is the second). */
	static final int LOCK_SPACE = 0x47_4b_57_48;

	private final JdbcClient jdbc;
	private final ObjectProvider<CertifiedGreenElectricity> claims;

	GreenKwhBacking(JdbcClient jdbc, ObjectProvider<CertifiedGreenElectricity> claims) {
		this.jdbc = jdbc;
		this.claims = claims;
	}

	/**
	 * Refuses the lines of the enterprise's report of {@code year}/{@code month} if their green kWh, with those of its
	 * other reports of the year, exceed the kWh claimed for the year. Must run inside the saving transaction.
	 */
	public void check(long enterpriseId, int year, int month, List<Calculation.Line> lines) {
		BigDecimal typed = BigDecimal.ZERO;
		for (Calculation.Line l : lines) {
			if (l != null && l.type() == Calculation.LineType.ELECTRICITY && l.greenKwh() != null && l.greenKwh().signum() > 0) {
				typed = typed.add(l.greenKwh());
			}
		}
		if (typed.signum() == 0) {
			return;
		}
		jdbc.sql("SELECT pg_advisory_xact_lock(:space, :key)").param("space", LOCK_SPACE).param("key", (int) enterpriseId)
			.query((rs, n) -> 1).list();
		BigDecimal other = jdbc.sql("""
				SELECT coalesce(sum(l.green_kwh), 0) FROM accounting_report r JOIN accounting_report_line l ON l.report_id = r.id
				WHERE r.enterprise_id = :e AND r.year = :y AND r.month <> :m AND l.type = 'ELECTRICITY'""")
			.param("e", enterpriseId).param("y", year).param("m", month).query(BigDecimal.class).single();
		CertifiedGreenElectricity source = claims.getIfAvailable();
		BigDecimal claimed = source == null ? BigDecimal.ZERO : source.claimedKwh(enterpriseId, year);
		BigDecimal left = claimed.subtract(other);
		BigDecimal running = BigDecimal.ZERO;
		for (int i = 0; i < lines.size(); i++) {
			Calculation.Line l = lines.get(i);
			if (l == null || l.type() != Calculation.LineType.ELECTRICITY || l.greenKwh() == null || l.greenKwh().signum() <= 0) {
				continue;
			}
			running = running.add(l.greenKwh());
			if (running.compareTo(left) > 0) {
				throw new InvalidInputException("lines[" + i + "].greenKwh", shown(running)
						+ " kWh certified green exceed the green electricity claimed for " + year + " from declared green certificates: "
						+ shown(claimed) + " kWh claimed, " + shown(other) + " kWh stated in the enterprise's other reports of "
						+ year + ", " + shown(left.max(BigDecimal.ZERO)) + " kWh left; claim declared certificates first (绿电声明 /power/claims)");
			}
		}
	}

	private static String shown(BigDecimal v) {
		return InputBounds.shown(Calculator.strip(v));
	}
}
