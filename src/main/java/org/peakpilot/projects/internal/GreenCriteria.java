package org.peakpilot.projects.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.CarbonEfficiency;
import org.peakpilot.shared.Rounding;

/**
 * The entry criteria of the green library applied to figures (no I/O): each criterion is MET, NOT_MET or
 * NOT_ASSESSABLE with the figure and the threshold it was compared with. The whole is MET when every criterion is
 * met, NOT_MET when any is not met, INCOMPLETE otherwise (something could not be assessed, nothing failed).
 * <ul>
 * <li>ENTERPRISE_GRADE: carbon-efficiency grade ≤ {@code enterprise.max-grade} (accounting's grade; 1 best).</li>
 * <li>ENTERPRISE_INTENSITY: the enterprise's tCO2 per 10k CNY output value &lt; its industry's of the same year.</li>
 * <li>ENTERPRISE_GREEN_POWER: certified green kWh ÷ purchased kWh ≥ {@code enterprise.min-green-power-share}; not
 * assessable without purchased electricity or when no line states its green kWh.</li>
 * <li>PROJECT_CATEGORY: the project's category is a first-level category of the catalogue.</li>
 * <li>PROJECT_INTENSITY: annual tCO2 ÷ output value (10k CNY) &lt; the applicant's industry average; not assessable
 * without both figures or without the industry's figure.</li>
 * </ul>
 */
public final class GreenCriteria {

	private GreenCriteria() {
	}

	/** A criterion's state. */
	@Schema(name = "GreenCriterionState", description = "MET, NOT_MET or NOT_ASSESSABLE (data missing) · 满足、不满足、无法评价（数据缺失）")
	public enum State {
		MET, NOT_MET, NOT_ASSESSABLE
	}

	/** The whole evaluation's outcome. */
	@Schema(name = "GreenEvaluationOutcome", description = "MET: every criterion met; NOT_MET: any not met; INCOMPLETE: some not assessable, none failed · 全部满足、有不满足、不完整")
	public enum Outcome {
		MET, NOT_MET, INCOMPLETE
	}

	/** The criteria's codes. */
	@Schema(name = "GreenCriterionCode", description = "The criterion · 准入条件")
	public enum Code {
		ENTERPRISE_GRADE, ENTERPRISE_INTENSITY, ENTERPRISE_GREEN_POWER, PROJECT_CATEGORY, PROJECT_INTENSITY
	}

	/** One criterion's result. */
	@Schema(name = "GreenCriterionResult", description = "One entry criterion evaluated, with its figure and threshold · 单项准入条件评价结果")
	public record Result(
			@Schema(description = "The criterion · 条件") Code code,
			@Schema(description = "MET, NOT_MET or NOT_ASSESSABLE · 满足、不满足、无法评价") State state,
			@Schema(description = "The figure: grade (1 best), tCO2 per 10k CNY (吨二氧化碳/万元) or green-power share (fraction of 1); null when not assessable or for the category · 数值：碳效等级、单位产值排放（吨/万元）或绿电占比（小数）", example = "0.1255") BigDecimal figure,
			@Schema(description = "How the figure is compared: ≤, <, ≥ or 'in' (the catalogue) · 比较方式", example = "<") String comparison,
			@Schema(description = "The threshold in the figure's unit; null for the category · 阈值（与数值同单位）", example = "0.3012") BigDecimal threshold,
			@Schema(description = "Unit of figure and threshold: grade, tCO2/10k CNY, share · 单位", example = "tCO2/10k CNY") String unit,
			@Schema(description = "What was compared (year, industry, category, kWh) · 说明（年度、行业、类别、电量）", example = "2025, industry 3072") String note,
			@Schema(description = "Why it is not assessable or not met, as a code: NO_REPORTS, NO_GRADE, NO_INTENSITY, NO_INDUSTRY_AVERAGE, NO_ELECTRICITY, NO_GREEN_STATED, NO_PROJECT_FIGURES, NOT_IN_CATALOGUE; null otherwise · 无法评价或不满足的原因代码", example = "NO_GREEN_STATED") String reason) {
	}

	/** A whole evaluation. */
	@Schema(name = "GreenEvaluation", description = "An evaluation against the entry criteria, with the criteria version · 按准入条件的评价（含条件版本）")
	public record Evaluation(
			@Schema(description = "MET, NOT_MET or INCOMPLETE · 评价结论") Outcome outcome,
			@JsonProperty("criteria_version") @Schema(description = "The plan folder's criteria.version · 准入条件版本", example = "leshan-2026.12-1") String criteriaVersion,
			@JsonProperty("data_year") @Schema(description = "The accounting year of the figures; null without verified reports · 数据年度", example = "2025") Integer dataYear,
			@Schema(description = "The carbon-efficiency grade used (1 best); null without · 碳效等级", example = "1") Integer grade,
			@Schema(description = "Each criterion · 各项条件") List<Result> criteria) {
	}

	/** An enterprise against the enterprise criteria; {@code efficiency} empty without verified reports. */
	public static Evaluation enterprise(GreenSettings s, CarbonEfficiency e) {
		List<Result> r = new ArrayList<>();
		BigDecimal maxGrade = BigDecimal.valueOf(s.maxGrade());
		if (e == null) {
			r.add(new Result(Code.ENTERPRISE_GRADE, State.NOT_ASSESSABLE, null, "≤", maxGrade, "grade", null, "NO_REPORTS"));
			if (s.enterpriseIntensityBelowAverage()) {
				r.add(new Result(Code.ENTERPRISE_INTENSITY, State.NOT_ASSESSABLE, null, "<", null, "tCO2/10k CNY", null, "NO_REPORTS"));
			}
			r.add(new Result(Code.ENTERPRISE_GREEN_POWER, State.NOT_ASSESSABLE, null, "≥", s.minGreenPowerShare(), "share", null, "NO_REPORTS"));
			return of(s, null, null, r);
		}
		String year = e.year() + ", industry " + e.industryCode();
		if (e.grade() == null) {
			r.add(new Result(Code.ENTERPRISE_GRADE, State.NOT_ASSESSABLE, null, "≤", maxGrade, "grade", e.year() + ": " + e.basis(), "NO_GRADE"));
		}
		else {
			r.add(new Result(Code.ENTERPRISE_GRADE, e.grade() <= s.maxGrade() ? State.MET : State.NOT_MET, BigDecimal.valueOf(e.grade()), "≤",
					maxGrade, "grade", year + ", " + e.basis(), null));
		}
		if (s.enterpriseIntensityBelowAverage()) {
			r.add(below(Code.ENTERPRISE_INTENSITY, e.intensity(), e.industryIntensity(), year));
		}
		if (e.purchasedKwh() == null || e.purchasedKwh().signum() <= 0) {
			r.add(new Result(Code.ENTERPRISE_GREEN_POWER, State.NOT_ASSESSABLE, null, "≥", s.minGreenPowerShare(), "share",
					String.valueOf(e.year()), "NO_ELECTRICITY"));
		}
		else if (e.greenKwh() == null) {
			r.add(new Result(Code.ENTERPRISE_GREEN_POWER, State.NOT_ASSESSABLE, null, "≥", s.minGreenPowerShare(), "share",
					String.valueOf(e.year()), "NO_GREEN_STATED"));
		}
		else {
			BigDecimal share = Rounding.stored(e.greenKwh().divide(e.purchasedKwh(), Rounding.WORKING));
			r.add(new Result(Code.ENTERPRISE_GREEN_POWER, share.compareTo(s.minGreenPowerShare()) >= 0 ? State.MET : State.NOT_MET, share, "≥",
					s.minGreenPowerShare(), "share", e.year() + ": " + e.greenKwh().toPlainString() + " ÷ " + e.purchasedKwh().toPlainString() + " kWh", null));
		}
		return of(s, e.year(), e.grade(), r);
	}

	/**
	 * A project against the project criteria: its category, and where it states annual CO2 (t) and output value
	 * (10k CNY), its intensity against the applicant's industry average ({@code applicant} may be null).
	 */
	public static Evaluation project(GreenSettings s, String categoryCode, BigDecimal annualCo2T, BigDecimal outputValue10kCny,
			CarbonEfficiency applicant) {
		List<Result> r = new ArrayList<>();
		var category = s.category(categoryCode);
		r.add(new Result(Code.PROJECT_CATEGORY, category.isPresent() ? State.MET : State.NOT_MET, null, "in", null, "catalogue",
				category.map(c -> c.code() + " " + c.nameZh()).orElse(categoryCode), category.isPresent() ? null : "NOT_IN_CATALOGUE"));
		if (s.projectIntensityBelowAverage()) {
			if (annualCo2T == null || outputValue10kCny == null || outputValue10kCny.signum() <= 0) {
				r.add(new Result(Code.PROJECT_INTENSITY, State.NOT_ASSESSABLE, null, "<", applicant == null ? null : applicant.industryIntensity(),
						"tCO2/10k CNY", null, "NO_PROJECT_FIGURES"));
			}
			else {
				BigDecimal intensity = Rounding.stored(annualCo2T.divide(outputValue10kCny, Rounding.WORKING));
				r.add(below(Code.PROJECT_INTENSITY, intensity, applicant == null ? null : applicant.industryIntensity(),
						applicant == null ? null : applicant.year() + ", industry " + applicant.industryCode()));
			}
		}
		return of(s, applicant == null ? null : applicant.year(), null, r);
	}

	private static Result below(Code code, BigDecimal figure, BigDecimal threshold, String note) {
		if (figure == null || threshold == null) {
			return new Result(code, State.NOT_ASSESSABLE, figure, "<", threshold, "tCO2/10k CNY", note,
					figure == null ? "NO_INTENSITY" : note == null ? "NO_REPORTS" : "NO_INDUSTRY_AVERAGE");
		}
		return new Result(code, figure.compareTo(threshold) < 0 ? State.MET : State.NOT_MET, figure, "<", threshold, "tCO2/10k CNY", note, null);
	}

	private static Evaluation of(GreenSettings s, Integer year, Integer grade, List<Result> r) {
		Outcome o = r.stream().anyMatch(x -> x.state() == State.NOT_MET) ? Outcome.NOT_MET
				: r.stream().allMatch(x -> x.state() == State.MET) ? Outcome.MET : Outcome.INCOMPLETE;
		return new Evaluation(o, s.version(), year, grade, List.copyOf(r));
	}
}
