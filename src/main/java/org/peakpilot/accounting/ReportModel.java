package org.peakpilot.accounting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The published shapes of monthly enterprise reports (报送) and their verification (核查). */
public final class ReportModel {

	private ReportModel() {
	}

	/** draft → submitted → verified or returned → locked; a locked report changes only by a revision. */
	public enum Status {
		DRAFT, SUBMITTED, RETURNED, VERIFIED, LOCKED
	}

	/** Whether a line's energy counts in the control-scope total: feedstock (原料用能) and renewables are reported apart. */
	public enum EnergyUse {
		ENERGY, FEEDSTOCK, RENEWABLE
	}

	/** An activity line of a report: a calculator line plus how its energy counts. */
	@io.swagger.v3.oas.annotations.media.Schema(description = "One activity line of a report · 报告中的一行活动数据")
	public record ReportLine(
			@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, description = "The activity, as for the calculator · 活动数据（同计算器）") Calculation.Line line,
			@io.swagger.v3.oas.annotations.media.Schema(example = "ENERGY", description = "ENERGY (default): burnt or used as energy; FEEDSTOCK: used as raw material; "
					+ "RENEWABLE: renewable energy (both left out of the control-scope tce) · 用途：能源（默认）、原料、可再生能源") EnergyUse energyUse) {
	}

	/** A product made in the month, in the product's own unit (t, or m² for tiles). */
	@io.swagger.v3.oas.annotations.media.Schema(description = "A product made in the month · 当月产品产量")
	public record ProductLine(
			@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, example = "CLINKER",
					description = "The product's code in /api/v1/accounting/products · 产品代码") String productCode,
			@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, minimum = "0", maximum = Calculation.QUANTITY_MAX, example = "90000",
					description = "Quantity in the product's unit (t, or m² for tiles) · 产量（按产品单位）") BigDecimal quantity) {
	}

	/** What an enterprise enters for a month. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "ReportContent", description = "What an enterprise enters for a month · 企业月度填报内容")
	public record Content(
			@io.swagger.v3.oas.annotations.media.Schema(minimum = "0", maximum = MONEY_10K_CNY_MAX, example = "5200", description = "Output value of the month, 万元 (10k CNY) · 当月工业总产值（万元）") BigDecimal outputValue10kCny,
			@io.swagger.v3.oas.annotations.media.Schema(minimum = "0", maximum = MONEY_10K_CNY_MAX, example = "1300", description = "Value added of the month, 万元 (10k CNY) · 当月工业增加值（万元）") BigDecimal valueAdded10kCny,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The month's activity lines · 当月活动数据") List<ReportLine> lines,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The month's products · 当月产品产量") List<ProductLine> products) {

		/** A month's output value or value added, 10,000 CNY: the largest enterprise stays below 10^10 (10^14 CNY). */
		public static final String MONEY_10K_CNY_MAX = "10000000000";
	}

	public record Product(String code, String nameZh, String nameEn, String unit, String sector) {
		public String name(Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}
	}

	/** A stored result line with the factor versions it used, current or superseded. */
	public record StoredResult(long id, int lineNo, Calculation.Scope scope, String category, EnergyUse energyUse,
			BigDecimal co2T, BigDecimal co2MarketT, BigDecimal tce, BigDecimal tceEqualValue, BigDecimal energyGj,
			List<Calculation.FactorUsed> factors, String formula,
			String notesJson, Instant computedAt, String computedBy, String reason, Instant supersededAt) {
	}

	/**
	 * Totals of a report's current results: tCO2 by scope, market-based, tce (all, control scope, and with
	 * electricity at the year's equal-value coefficient, null while the office has set none), intensities.
	 */
	@io.swagger.v3.oas.annotations.media.Schema(name = "ReportSummary")
	public record Summary(BigDecimal scope1Co2T, BigDecimal scope2Co2T, BigDecimal totalCo2T, BigDecimal totalMarketCo2T,
			BigDecimal tce, BigDecimal controlScopeTce, BigDecimal tceEqualValue, BigDecimal co2PerOutputValueTPer10kCny,
			BigDecimal co2PerValueAddedTPer10kCny) {
	}

	/** A report with its content, workflow state, current results and their summary. */
	public record Report(long id, long enterpriseId, String countyCode, Long parkId, String industryCode, int year, int month,
			Status status, int revision, Content content, String returnComment, String revisionReason, String createdBy,
			Instant createdAt, Instant updatedAt, String submittedBy, Instant submittedAt, String verifiedBy, Instant verifiedAt,
			String lockedBy, Instant lockedAt, List<StoredResult> results, Summary summary) {

		public boolean editable() {
			return status == Status.DRAFT || status == Status.RETURNED;
		}
	}
}
