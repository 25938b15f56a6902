package org.peakpilot.accounting;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.Gj;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;
import org.peakpilot.shared.Tco2PerCny10k;

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
	public record ReportLine(Calculation.Line line, EnergyUse energyUse) {
	}

	/** A product made in the month, in the product's own unit (t, or m² for tiles). */
	public record ProductLine(String productCode, BigDecimal quantity) {
	}

	/** What an enterprise enters for a month. */
	public record Content(Cny10k outputValue10kCny, Cny10k valueAdded10kCny, List<ReportLine> lines,
			List<ProductLine> products) {
	}

	public record Product(String code, String nameZh, String nameEn, String unit, String sector) {
		public String name(Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}
	}

	/** A stored result line with the factor versions it used, current or superseded. */
	public record StoredResult(long id, int lineNo, Calculation.Scope scope, String category, EnergyUse energyUse,
			Tco2 co2T, Tco2 co2MarketT, Tce tce, Tce tceEqualValue, Gj energyGj,
			List<Calculation.FactorUsed> factors, String formula,
			String notesJson, Instant computedAt, String computedBy, String reason, Instant supersededAt) {
	}

	/**
	 * Totals of a report's current results: tCO2 by scope, market-based, tce (all, control scope, and with
	 * electricity at the year's equal-value coefficient, null while the office has set none), intensities.
	 */
	public record Summary(Tco2 scope1Co2T, Tco2 scope2Co2T, Tco2 totalCo2T, Tco2 totalMarketCo2T,
			Tce tce, Tce controlScopeTce, Tce tceEqualValue, Tco2PerCny10k co2PerOutputValueTPer10kCny,
			Tco2PerCny10k co2PerValueAddedTPer10kCny) {
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
