package org.peakpilot.accounting;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.shared.Gj;
import org.peakpilot.shared.Tce;
import org.peakpilot.shared.Tco2;

/**
 * A stored result line of a report with the factor versions it used, current or superseded, and the defaults it
 * assumed (structured; null for lines stored before they were kept, whose notes are then read).
 */
@Schema(description = "A stored result of one activity line of a report, current or superseded · 报告一行活动数据的核算结果（当前或已被取代）")
public record StoredResult(
		@Schema(example = "901", description = "The result's id · 结果 ID") long id,
		@Schema(example = "0", description = "The activity line's index in the report's content, from 0 · 行号（从 0 起）") int lineNo,
		@Schema(description = "SCOPE_1 (direct) or SCOPE_2 (purchased energy) · 范围") Calculation.Scope scope,
		@Schema(example = "combustion", description = "Emission category (combustion, process, electricity, heat, …) · 排放类别") String category,
		@Schema(description = "How the line's energy counts (ENERGY, FEEDSTOCK, RENEWABLE) · 用能类型") EnergyUse energyUse,
		@Schema(description = "Emissions, location-based, tCO2 (negative for deductions) · 排放量（吨二氧化碳）") Tco2 co2T,
		@Schema(description = "Emissions, market-based, tCO2 · 排放量（市场法，吨二氧化碳）") Tco2 co2MarketT,
		@Schema(description = "Energy, tce (calorific equivalent) · 能耗（当量值，吨标准煤）") Tce tce,
		@Schema(description = "Energy, tce, at the year's equal-value coefficient; absent while none is set · 能耗（等价值，吨标准煤）") Tce tceEqualValue,
		@Schema(description = "Energy, GJ, where the line has a calorific value · 热量（GJ）") Gj energyGj,
		@Schema(description = "The factor versions used · 所用因子版本") List<Calculation.FactorUsed> factors,
		@Schema(description = "The formula applied, with its figures · 计算公式") String formula,
		@Schema(description = "The line's notes as a JSON array of strings (defaults, measured parameters, grid year) · 说明（JSON 字符串数组）") String notesJson,
		@Schema(description = "Parameters assumed by default; absent for results stored before they were kept · 采用的缺省参数") List<Calculation.DefaultAssumed> defaults,
		@Schema(description = "When the result was computed · 计算时间") Instant computedAt,
		@Schema(description = "Who caused the computation · 计算触发人") String computedBy,
		@Schema(description = "Why it was computed (saved, factor restated, year recomputed, …) · 计算原因") String reason,
		@Schema(description = "When a newer result superseded it; absent for the current one · 被取代时间（当前结果为空）") Instant supersededAt) {
}
