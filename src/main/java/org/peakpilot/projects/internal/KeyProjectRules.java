package org.peakpilot.projects.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.peakpilot.shared.Rounding;

/**
 * The key-project library's rules, without Spring (ADR 0018 "Key-project library"): when a project is late, when it
 * under-delivers, and realised savings from the owner's verified intensity before and after.
 */
public final class KeyProjectRules {

	/** Why a project is late. */
	public enum LateReason {
		/** The end year has passed and the project is neither COMPLETED nor IN_OPERATION. */
		END_YEAR_PASSED,
		/** Not in operation, and no stage/progress entry for the plan folder's number of months. */
		NO_PROGRESS
	}

	private KeyProjectRules() {
	}

	/**
	 * Why a project is late on {@code today} (Beijing date): its end year lies before today's year and it is not
	 * finished (建成/投运); or it is not in operation and its latest progress entry is older than {@code staleMonths}
	 * months (a progress dated exactly that many months ago is not yet late). Empty: on time.
	 */
	public static List<LateReason> late(KeyProjectStage stage, int endYear, LocalDate progressOn, LocalDate today, int staleMonths) {
		List<LateReason> reasons = new ArrayList<>();
		if (endYear < today.getYear() && !stage.finished()) {
			reasons.add(LateReason.END_YEAR_PASSED);
		}
		if (stage != KeyProjectStage.IN_OPERATION && progressOn.plusMonths(staleMonths).isBefore(today)) {
			reasons.add(LateReason.NO_PROGRESS);
		}
		return reasons;
	}

	/**
	 * Whether realised savings fall below {@code share} × expected: tCO2 where both an expected (above 0) and a realised
	 * CO2 figure exist, else tce where both exist; without a comparable pair it is not under-delivering (nothing to
	 * compare yet).
	 */
	public static boolean underDelivering(BigDecimal expectedTce, BigDecimal expectedCo2, BigDecimal realisedTce, BigDecimal realisedCo2,
			BigDecimal share) {
		if (expectedCo2 != null && expectedCo2.signum() > 0 && realisedCo2 != null) {
			return realisedCo2.compareTo(expectedCo2.multiply(share)) < 0;
		}
		if (expectedTce != null && expectedTce.signum() > 0 && realisedTce != null) {
			return realisedTce.compareTo(expectedTce.multiply(share)) < 0;
		}
		return false;
	}

	/** Realised from accounting: the intensities and the saving, each rounded once by {@link Rounding#stored}. */
	public record AccountingSaving(BigDecimal intensityBefore, BigDecimal intensityAfter, BigDecimal savingCo2T) {
	}

	/**
	 * (I_before − I_after) × output_after, with I = tCO2 ÷ output value (tCO2 per 10k CNY) of the verified months of the
	 * year: the tCO2 the owner did not emit in the after year for its output then, against its intensity before.
	 * Negative when the intensity rose. Outputs must be above 0 (the caller refuses a year without output value).
	 */
	public static AccountingSaving fromAccounting(BigDecimal beforeCo2, BigDecimal beforeOutput, BigDecimal afterCo2, BigDecimal afterOutput) {
		BigDecimal iBefore = beforeCo2.divide(beforeOutput, Rounding.WORKING);
		BigDecimal iAfter = afterCo2.divide(afterOutput, Rounding.WORKING);
		BigDecimal saving = iBefore.subtract(iAfter, Rounding.WORKING).multiply(afterOutput, Rounding.WORKING);
		return new AccountingSaving(Rounding.stored(iBefore), Rounding.stored(iAfter), Rounding.stored(saving));
	}
}
