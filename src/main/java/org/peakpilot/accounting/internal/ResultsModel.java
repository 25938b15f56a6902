package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Published shapes of emission results: roll-up rows, an enterprise's year, product intensities, grades. */
public final class ResultsModel {

	private ResultsModel() {
	}

	/**
	 * One group of a roll-up: {@code key} is the enterprise ID, park ID, county code, industry code or "city";
	 * intensity is tCO2 per 10k CNY of output value.
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "EmissionsRollup")
	public record Row(String key, int enterprises, int reports, BigDecimal scope1Co2T, BigDecimal scope2Co2T, BigDecimal co2T,
			BigDecimal marketCo2T, BigDecimal tce, BigDecimal controlScopeTce, BigDecimal outputValue10kCny,
			BigDecimal co2PerOutputValueTPer10kCny) {
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "MonthlyEmissions")
	public record Month(long reportId, int month, String status, BigDecimal scope1Co2T, BigDecimal scope2Co2T, BigDecimal tce,
			BigDecimal outputValue10kCny, BigDecimal valueAdded10kCny) {
	}

	/** tCO2 per unit of a product (the enterprise's whole emissions over that product's output). */
	public record ProductIntensity(String productCode, String unit, BigDecimal quantity, BigDecimal co2TPerUnit) {
	}

	/**
	 * Carbon-efficiency grade 1 (best) to 5: the enterprise's tCO2 per 10k CNY output value over its industry's;
	 * {@code grade} is null when it cannot be judged, {@code basis} says why or gives the ratio.
	 */
	public record Grade(Integer grade, BigDecimal intensityTPer10kCny, BigDecimal industryIntensityTPer10kCny,
			String industryCode, String basis) {
	}

	public record EnterpriseYear(long enterpriseId, int year, List<Month> months, Map<String, BigDecimal> co2TBySource,
			BigDecimal co2T, BigDecimal tce, BigDecimal outputValue10kCny, BigDecimal valueAdded10kCny,
			BigDecimal co2PerOutputValueTPer10kCny, BigDecimal co2PerValueAddedTPer10kCny, List<ProductIntensity> products,
			Grade grade) {
	}

	/** One year of an enterprise's grade history. */
	public record YearGrade(int year, BigDecimal co2T, BigDecimal co2PerOutputValueTPer10kCny, Grade grade) {
	}
}
