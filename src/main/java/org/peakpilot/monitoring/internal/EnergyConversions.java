package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.platform.CacheInvalidation;
import org.springframework.stereotype.Component;

/**
 * Converts metered quantities into tce and tCO2 with the accounting module's calculator, so that monitoring
 * and accounting never disagree on a factor: the conversion of one meter unit is the calculator's answer for a
 * line of 1,000,000 units (so that its six decimals keep the coefficient exact), divided back. Cached per energy
 * code, unit and year while the factor library keeps its version ({@link EmissionsAccounting#FACTOR_CACHE_TOPIC}):
 * a factor version published on any instance is used by the next conversion on every instance.
 */
@Component
class EnergyConversions {

	static final String ELECTRICITY = "ELECTRICITY";
	static final String HEAT = "HEAT";
	private static final BigDecimal PROBE = BigDecimal.valueOf(1_000_000);

	/** tce and location-based tCO2 per unit of a meter's energy in a year, with the factors that produced them. */
	record Conversion(String energyCode, String unit, int year, BigDecimal tcePerUnit, BigDecimal co2TPerUnit,
			List<Calculation.FactorUsed> factors, List<String> notes) {

		BigDecimal tce(BigDecimal quantity) {
			return quantity.multiply(tcePerUnit, MathContext.DECIMAL64);
		}

		BigDecimal co2T(BigDecimal quantity) {
			return quantity.multiply(co2TPerUnit, MathContext.DECIMAL64);
		}
	}

	private record Key(String energyCode, String unit, int year) {
	}

	private record Cached(Conversion conversion, long version) {
	}

	private final EmissionsAccounting accounting;
	private final CacheInvalidation caches;
	private final Map<Key, Cached> cache = new ConcurrentHashMap<>();

	EnergyConversions(EmissionsAccounting accounting, CacheInvalidation caches) {
		this.accounting = accounting;
		this.caches = caches;
	}

	/**
	 * The conversion for this energy and unit in a year; throws the calculator's {@code InvalidInputException}
	 * when the energy code is no fuel of the library or the unit is not one it accepts.
	 */
	Conversion of(String energyCode, String unit, int year) {
		Key key = new Key(energyCode, unit, year);
		long version = caches.version(EmissionsAccounting.FACTOR_CACHE_TOPIC);
		Cached c = cache.get(key);
		if (c == null || c.version() != version) {
			c = new Cached(compute(key), version);
			cache.put(key, c);
		}
		return c.conversion();
	}

	private Conversion compute(Key key) {
		LineType type = switch (key.energyCode()) {
			case ELECTRICITY -> LineType.ELECTRICITY;
			case HEAT -> LineType.HEAT;
			default -> LineType.FUEL;
		};
		Calculation.Line line = new Calculation.Line(type, type == LineType.FUEL ? key.energyCode() : null, PROBE, key.unit(),
				null, null, null, null, null, null, null, null, null, "meter");
		Calculation.LineResult r = accounting.calculate(new Calculation.Request(key.year(), null, List.of(line))).lines().get(0);
		return new Conversion(key.energyCode(), key.unit(), key.year(), r.tce().value().divide(PROBE, MathContext.DECIMAL64),
				r.co2T().value().divide(PROBE, MathContext.DECIMAL64), r.factors(), r.notes());
	}
}
