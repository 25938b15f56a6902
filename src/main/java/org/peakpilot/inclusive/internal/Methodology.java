package org.peakpilot.inclusive.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * A methodology version (方法学版本), e.g. {@code LS-CM-001 V1}: per mode, the figures that turn a trip or a visit into
 * gCO2 avoided (ER = BE − PE), each with its source and verification tag. Immutable: a change is a new version.
 */
public record Methodology(long id, String code, int version, Kind kind, String nameZh, String nameEn, LocalDate validFrom,
		String note, String createdBy, OffsetDateTime createdAt, List<Factor> factors) {

	public enum Kind {
		/** green trips pushed by partners */
		TRAVEL,
		/** scene check-ins */
		CHECK_IN
	}

	/** How a factor computes ER (gCO2). */
	public enum Basis {
		/** ER = (baseline g/pkm − mode g/pkm) × km; walking and cycling have mode 0 */
		BASELINE_MINUS_MODE,
		/** ER = reduction g/pkm × km (a methodology that publishes the reduction, e.g. Shenzhen's e-bus) */
		REDUCTION_PER_PKM,
		/** ER = a fixed g per trip, whatever the distance (e.g. Wuhan's bus check-in trip) */
		PER_TRIP,
		/** ER = a fixed g per scene visit */
		PER_VISIT;

		public boolean needsDistance() {
			return this == BASELINE_MINUS_MODE || this == REDUCTION_PER_PKM;
		}
	}

	/**
	 * One mode's figures. {@code value}: the mode's emission factor (g/pkm) for BASELINE_MINUS_MODE, the reduction
	 * (g/pkm) for REDUCTION_PER_PKM, the reduction per trip or visit (g) otherwise; null when no verified figure exists.
	 * {@code borrowedFrom}: the city whose figure is used (Leshan has none of its own yet).
	 */
	public record Factor(TripMode mode, Basis basis, BigDecimal baseline, String baselineSource, String baselineTag,
			BigDecimal value, String valueSource, String valueTag, String borrowedFrom) {

		/** Whether the figures needed by the basis are present; an unconfigured mode earns nothing. */
		public boolean configured() {
			return value != null && (basis != Basis.BASELINE_MINUS_MODE || baseline != null);
		}

		/** Configured and every figure used carries a verification tag ([verified…] or [convention]). */
		public boolean verified() {
			return configured() && verifiedTag(valueTag) && (basis != Basis.BASELINE_MINUS_MODE || verifiedTag(baselineTag));
		}

		/**
		 * ER in gCO2, exact (not rounded); {@code km} may be null for per-trip and per-visit bases. Never negative: a
		 * mode above the baseline avoids nothing.
		 */
		public BigDecimal reduction(BigDecimal km) {
			BigDecimal er = switch (basis) {
				case BASELINE_MINUS_MODE -> baseline.subtract(value).multiply(km);
				case REDUCTION_PER_PKM -> value.multiply(km);
				case PER_TRIP, PER_VISIT -> value;
			};
			return er.signum() < 0 ? BigDecimal.ZERO : er;
		}

		/** The computation in words, e.g. "(271.8 − 0) g/pkm × 2.5 km = 679.5 gCO2". */
		public String formula(BigDecimal km) {
			String er = reduction(km).stripTrailingZeros().toPlainString();
			return switch (basis) {
				case BASELINE_MINUS_MODE -> "(" + plain(baseline) + " − " + plain(value) + ") g/pkm × " + plain(km) + " km = " + er + " gCO2";
				case REDUCTION_PER_PKM -> plain(value) + " g/pkm × " + plain(km) + " km = " + er + " gCO2";
				case PER_TRIP, PER_VISIT -> er + " gCO2";
			};
		}

		private static String plain(BigDecimal v) {
			return v.stripTrailingZeros().toPlainString();
		}
	}

	/** Whether a tag marks a verified figure or a convention; anything else (office-set, [not found]) is unverified. */
	public static boolean verifiedTag(String tag) {
		return tag != null && (tag.startsWith("[verified") || tag.startsWith("[convention"));
	}

	/**
	 * Points for an ER: 1 point = 1 gCO2, rounded down to whole grams (a fraction of a gram is never credited, so
	 * the scheme never credits more than the methodology computes).
	 */
	public static long points(BigDecimal erGrams) {
		return erGrams.setScale(0, RoundingMode.FLOOR).longValueExact();
	}

	/** "LS-CM-001 V1". */
	public String label() {
		return code + " V" + version;
	}

	public Optional<Factor> factor(TripMode mode) {
		return factors.stream().filter(f -> f.mode() == mode).findFirst();
	}
}
