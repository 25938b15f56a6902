package org.peakpilot.accounting;

import java.util.List;

import org.peakpilot.shared.Cny10k;

/** What an enterprise enters for a month. */
@io.swagger.v3.oas.annotations.media.Schema(description = "What an enterprise enters for a month · 企业月度填报内容")
public record ReportContent(
		@io.swagger.v3.oas.annotations.media.Schema(minimum = "0", maximum = MONEY_10K_CNY_MAX, example = "5200", description = "Output value of the month, 万元 (10k CNY) · 当月工业总产值（万元）") Cny10k outputValue10kCny,
		@io.swagger.v3.oas.annotations.media.Schema(minimum = "0", maximum = MONEY_10K_CNY_MAX, example = "1300", description = "Value added of the month, 万元 (10k CNY) · 当月工业增加值（万元）") Cny10k valueAdded10kCny,
		@io.swagger.v3.oas.annotations.media.Schema(description = "The month's activity lines · 当月活动数据") List<ReportLine> lines,
		@io.swagger.v3.oas.annotations.media.Schema(description = "The month's products · 当月产品产量") List<ProductLine> products) {

	/** A month's output value or value added, 10,000 CNY: the largest enterprise stays below 10^10 (10^14 CNY). */
	public static final String MONEY_10K_CNY_MAX = "10000000000";
}
