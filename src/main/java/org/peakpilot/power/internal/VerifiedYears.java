package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.ProductLine;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.ReportStatus;
import org.peakpilot.accounting.ReportSummary;
import org.peakpilot.shared.Quantity;
import org.peakpilot.shared.Rounding;
import org.springframework.stereotype.Component;

/**
 * An enterprise's year as its verified (or locked) monthly reports state it, read month by month through
 * accounting's entry point within the caller's scope: which months are verified, scope 1 and scope 2, the totals
 * location- and market-based (tCO2), and the products made (in each product's unit).
 */
@Component
public class VerifiedYears {

	/** The verified months' figures; all 0 (and no months) without a verified report. */
	public record YearFigures(long enterpriseId, int year, List<Integer> months, BigDecimal scope1T, BigDecimal scope2T,
			BigDecimal totalT, BigDecimal totalMarketT, Map<String, BigDecimal> products) {

		public int verifiedMonths() {
			return months.size();
		}

		/** Scope 2 market-based: the market-based total less scope 1. */
		public BigDecimal scope2MarketT() {
			return Rounding.stored(totalMarketT.subtract(scope1T));
		}
	}

	private final EmissionsAccounting accounting;

	VerifiedYears(EmissionsAccounting accounting) {
		this.accounting = accounting;
	}

	public YearFigures of(long enterpriseId, int year) {
		List<Integer> months = new ArrayList<>();
		BigDecimal s1 = BigDecimal.ZERO;
		BigDecimal s2 = BigDecimal.ZERO;
		BigDecimal total = BigDecimal.ZERO;
		BigDecimal market = BigDecimal.ZERO;
		Map<String, BigDecimal> products = new LinkedHashMap<>();
		for (int m = 1; m <= 12; m++) {
			Report r = accounting.report(enterpriseId, year, m).orElse(null);
			if (r == null || (r.status() != ReportStatus.VERIFIED && r.status() != ReportStatus.LOCKED)) {
				continue;
			}
			months.add(m);
			ReportSummary s = r.summary();
			if (s != null) {
				s1 = s1.add(value(s.scope1Co2T()));
				s2 = s2.add(value(s.scope2Co2T()));
				total = total.add(value(s.totalCo2T()));
				market = market.add(value(s.totalMarketCo2T() == null ? s.totalCo2T() : s.totalMarketCo2T()));
			}
			if (r.content() != null && r.content().products() != null) {
				for (ProductLine p : r.content().products()) {
					if (p != null && p.productCode() != null && p.quantity() != null) {
						products.merge(p.productCode(), p.quantity(), BigDecimal::add);
					}
				}
			}
		}
		products.replaceAll((k, v) -> Rounding.stored(v));
		return new YearFigures(enterpriseId, year, List.copyOf(months), Rounding.stored(s1), Rounding.stored(s2), Rounding.stored(total),
				Rounding.stored(market), products);
	}

	private static BigDecimal value(Quantity<?> q) {
		return q == null || q.value() == null ? BigDecimal.ZERO : q.value();
	}
}
