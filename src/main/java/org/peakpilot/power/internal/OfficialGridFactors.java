package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.EmissionsAccounting.FactorQuery;
import org.peakpilot.accounting.Factor;
import org.springframework.stereotype.Component;

/**
 * The official grid factors of accounting's library (MEE/NBS, kind GRID, one number per region and year) in gCO2/kWh
 * (tCO2/MWh × 1000): for a year without a factor, the latest year before it, else the earliest after it, and the
 * returned {@link Official#year()} says which year was used.
 */
@Component
public class OfficialGridFactors {

	/** A region's factor used for {@code requestedYear}: the factor's own year, value, code and tag. */
	public record Official(String region, int requestedYear, int year, BigDecimal gPerKwh, String factorCode, String tag) {

		/** Whether the factor is of another year than asked for. */
		public boolean substituted() {
			return year != requestedYear;
		}
	}

	private final EmissionsAccounting accounting;

	OfficialGridFactors(EmissionsAccounting accounting) {
		this.accounting = accounting;
	}

	/** Every region's GRID factors (newest versions). */
	public Lookup lookup() {
		return new Lookup(accounting.factors(new FactorQuery(Factor.Kind.GRID, null, false)));
	}

	/** A snapshot of the library's GRID factors, to look up many hours without a query each. */
	public static final class Lookup {

		private final List<Factor> grid;

		Lookup(List<Factor> grid) {
			this.grid = grid.stream().filter(f -> f.regionCode() != null && f.year() != null && f.value() != null).toList();
		}

		/** The factor of the region for the year, or the nearest year as described above. */
		public Optional<Official> of(String region, int year) {
			List<Factor> own = grid.stream().filter(f -> f.regionCode().equals(region)).toList();
			Optional<Factor> f = own.stream().filter(x -> x.year() <= year).max(Comparator.comparingInt(Factor::year));
			if (f.isEmpty()) {
				f = own.stream().min(Comparator.comparingInt(Factor::year));
			}
			return f.map(x -> new Official(region, year, x.year(), x.value().movePointRight(3), x.code(), x.tag().name()));
		}
	}
}
