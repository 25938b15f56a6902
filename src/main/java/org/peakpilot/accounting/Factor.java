package org.peakpilot.accounting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One version of a factor. {@code value} is in {@code unit} (e.g. tCO2/t, tCO2/MWh, tce/kWh) per
 * {@code activityUnit}; fuels also carry the parameters the standard multiplies (NCV, carbon content per unit
 * calorific value, oxidation rate) and their tce coefficient. {@code tag} says how far the figure is verified.
 */
public record Factor(String code, int version, Kind kind, String nameZh, String nameEn, BigDecimal value, String unit,
		String activityUnit, BigDecimal ncv, String ncvUnit, BigDecimal carbonContentTcPerTj, BigDecimal oxidationRate,
		BigDecimal tcePerUnit, String regionCode, Integer year, String sector, String methodNote, String source, Tag tag,
		LocalDate effectiveFrom, LocalDate effectiveTo, String publishedBy, Instant publishedAt, String changeNote) {

	public enum Kind {
		/** A fuel burned: NCV × carbon content × oxidation × 44/12. */
		FUEL,
		/** An energy carrier converted to tce only (electricity, heat, steam). */
		ENERGY,
		/** A process factor (carbonates, clinker, electrodes, carbon fixed in products, carbon contents). */
		PROCESS,
		/** A grid emission factor of a region and year. */
		GRID,
		/** A method note without a number of its own. */
		METHOD
	}

	/** The verification tags of the reference data. */
	public enum Tag {
		VERIFIED_SECONDARY, COMPUTED, UNVERIFIED, CONVENTION, NOT_FOUND, UNTAGGED;

		public boolean verified() {
			return this == VERIFIED_SECONDARY || this == COMPUTED || this == CONVENTION;
		}

		public static Tag of(String source) {
			String s = source == null ? "" : source.strip().toLowerCase(Locale.ROOT);
			if (!s.startsWith("[")) {
				return UNTAGGED;
			}
			String tag = s.substring(1, Math.max(1, s.indexOf(']')));
			if (tag.startsWith("unverified")) {
				return UNVERIFIED;
			}
			if (tag.startsWith("verified-secondary") || tag.equals("v2")) {
				return VERIFIED_SECONDARY;
			}
			if (tag.startsWith("computed") || tag.equals("c")) {
				return COMPUTED;
			}
			if (tag.startsWith("convention")) {
				return CONVENTION;
			}
			if (tag.startsWith("not found") || tag.equals("nf")) {
				return NOT_FOUND;
			}
			return UNTAGGED;
		}
	}

	public String name(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
	}

	public boolean appliesTo(int accountingYear) {
		return !effectiveFrom.isAfter(LocalDate.of(accountingYear, 12, 31))
				&& (effectiveTo == null || !effectiveTo.isBefore(LocalDate.of(accountingYear, 1, 1)));
	}
}
