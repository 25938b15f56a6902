package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.ReportStatus;

/** Published shapes of emission results: roll-up rows, an enterprise's year, product intensities, grades. */
public final class ResultsModel {

	private ResultsModel() {
	}

	/**
	 * One group of a roll-up: {@code key} is the enterprise ID, park ID, county code, industry code or "city";
	 * intensity is tCO2 per 10k CNY of output value.
	 */
	@Schema(name = "EmissionsRollup", description = "One group of a roll-up of a year's results · 年度结果汇总中的一组")
	public record Row(
			@Schema(example = "511111", description = "The group: enterprise id, park id ('-' outside parks), county code, industry code or 'city' · 分组键") String key,
			@Schema(example = "12", description = "Number of enterprises counted · 企业数") int enterprises,
			@Schema(example = "120", description = "Number of monthly reports counted · 月报数") int reports,
			@Schema(example = "180000.5", description = "Scope 1 (direct) emissions, tCO2 · 范围一排放（吨二氧化碳）") BigDecimal scope1Co2T,
			@Schema(example = "42000.2", description = "Scope 2 (purchased energy) emissions, tCO2 · 范围二排放（吨二氧化碳）") BigDecimal scope2Co2T,
			@Schema(example = "222000.7", description = "Total emissions, location-based, tCO2 · 排放总量（吨二氧化碳）") BigDecimal co2T,
			@Schema(example = "219500.1", description = "Total emissions, market-based, tCO2 · 排放总量（市场法，吨二氧化碳）") BigDecimal marketCo2T,
			@Schema(example = "81000.3", description = "Energy, all uses, tce · 综合能耗（吨标准煤）") BigDecimal tce,
			@Schema(example = "79000.3", description = "Energy in the control scope (without feedstock and renewables), tce · 双控口径能耗（吨标准煤）") BigDecimal controlScopeTce,
			@Schema(example = "62400", description = "Output value, 万元 (10k CNY) · 工业总产值（万元）") BigDecimal outputValue10kCny,
			@Schema(example = "3.5577", description = "Emissions per output value, tCO2/10k CNY (吨二氧化碳/万元); absent without output value · 单位产值排放（吨/万元）") BigDecimal co2PerOutputValueTPer10kCny) {
	}

	@Schema(name = "MonthlyEmissions", description = "An enterprise's month · 企业月度结果")
	public record Month(
			@Schema(example = "42", description = "The month's report id · 报告 ID") long reportId,
			@Schema(minimum = "1", maximum = "12", example = "3", description = "Month of the year, 1–12 · 月份") int month,
			@Schema(implementation = ReportStatus.class, example = "VERIFIED", description = "The report's workflow state · 报告状态") String status,
			@Schema(example = "15000.2", description = "Scope 1 (direct) emissions, tCO2 · 范围一排放（吨二氧化碳）") BigDecimal scope1Co2T,
			@Schema(example = "3500.1", description = "Scope 2 (purchased energy) emissions, tCO2 · 范围二排放（吨二氧化碳）") BigDecimal scope2Co2T,
			@Schema(example = "6800.4", description = "Energy, all uses, tce · 综合能耗（吨标准煤）") BigDecimal tce,
			@Schema(example = "5200", description = "Output value, 万元 (10k CNY); absent when not entered · 工业总产值（万元）") BigDecimal outputValue10kCny,
			@Schema(example = "1300", description = "Value added, 万元 (10k CNY); absent when not entered · 工业增加值（万元）") BigDecimal valueAdded10kCny) {
	}

	/** tCO2 per unit of a product (the enterprise's whole emissions over that product's output). */
	@Schema(description = "tCO2 per unit of a product over the year · 产品碳排放强度")
	public record ProductIntensity(
			@Schema(example = "CLINKER", description = "The product's code (/api/v1/accounting/products) · 产品代码") String productCode,
			@Schema(example = "t", description = "The product's unit (t, or m² for tiles) · 产品单位") String unit,
			@Schema(example = "1080000", description = "The year's output, in unit · 年产量（按产品单位）") BigDecimal quantity,
			@Schema(example = "0.8612", description = "The enterprise's whole emissions over this output, tCO2 per unit · 单位产品排放（吨二氧化碳/产品单位）") BigDecimal co2TPerUnit) {
	}

	/**
	 * Carbon-efficiency grade 1 (best) to 5: the enterprise's tCO2 per 10k CNY output value over its industry's;
	 * {@code grade} is null when it cannot be judged, {@code basis} says why or gives the ratio.
	 */
	@Schema(description = "Carbon-efficiency grade against the industry · 碳效等级")
	public record Grade(
			@Schema(minimum = "1", example = "2", description = "Grade from 1 (best), one step per bound of the plan's grade.bounds "
					+ "the ratio reaches (1–5 with the default four bounds); absent when it cannot be judged · 碳效等级（1 最优）") Integer grade,
			@Schema(example = "3.5577", description = "The enterprise's emissions per output value, tCO2/10k CNY (吨二氧化碳/万元) · 企业单位产值排放（吨/万元）") BigDecimal intensityTPer10kCny,
			@Schema(example = "4.1020", description = "The industry's emissions per output value, tCO2/10k CNY (吨二氧化碳/万元) · 行业单位产值排放（吨/万元）") BigDecimal industryIntensityTPer10kCny,
			@Schema(example = "3011", description = "The industry code compared with (GB/T 4754) · 对比行业代码") String industryCode,
			@Schema(example = "ratio 0.870", description = "The ratio of the two intensities (\"ratio 0.870\"), or why no grade is given: "
					+ "no-output-value, no-industry-benchmark, zero-benchmark · 评级依据（比值或无法评级的原因）") String basis) {
	}

	@Schema(description = "An enterprise's year of results · 企业年度结果")
	public record EnterpriseYear(
			@Schema(example = "7", description = "The enterprise's id · 企业 ID") long enterpriseId,
			@Schema(example = "2025", description = "Accounting year · 核算年度") int year,
			@Schema(description = "The months with counted reports · 各月结果") List<Month> months,
			@Schema(description = "Emissions by category (combustion, process, electricity, heat, …), tCO2 · 分来源排放（吨二氧化碳）") Map<String, BigDecimal> co2TBySource,
			@Schema(example = "222000.7", description = "Total emissions (scope 1 + 2), tCO2 · 排放总量（吨二氧化碳）") BigDecimal co2T,
			@Schema(example = "81000.3", description = "Energy, all uses, tce · 综合能耗（吨标准煤）") BigDecimal tce,
			@Schema(example = "62400", description = "Output value, 万元 (10k CNY) · 工业总产值（万元）") BigDecimal outputValue10kCny,
			@Schema(example = "15600", description = "Value added, 万元 (10k CNY) · 工业增加值（万元）") BigDecimal valueAdded10kCny,
			@Schema(example = "3.5577", description = "Emissions per output value, tCO2/10k CNY (吨二氧化碳/万元); absent without output value · 单位产值排放（吨/万元）") BigDecimal co2PerOutputValueTPer10kCny,
			@Schema(example = "14.2308", description = "Emissions per value added, tCO2/10k CNY (吨二氧化碳/万元); absent without value added · 单位增加值排放（吨/万元）") BigDecimal co2PerValueAddedTPer10kCny,
			@Schema(description = "Emissions per unit of each product · 各产品碳排放强度") List<ProductIntensity> products,
			@Schema(description = "The year's carbon-efficiency grade · 碳效等级") Grade grade) {
	}

	/** One year of an enterprise's grade history. */
	@Schema(description = "One year of an enterprise's grade history · 企业某年碳效等级")
	public record YearGrade(
			@Schema(example = "2025", description = "Accounting year · 核算年度") int year,
			@Schema(example = "222000.7", description = "Total emissions of verified reports, tCO2 · 排放总量（吨二氧化碳）") BigDecimal co2T,
			@Schema(example = "3.5577", description = "Emissions per output value, tCO2/10k CNY (吨二氧化碳/万元) · 单位产值排放（吨/万元）") BigDecimal co2PerOutputValueTPer10kCny,
			@Schema(description = "The year's grade · 碳效等级") Grade grade) {
	}
}
