package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The live city view of a Beijing day within the caller's scope: energy in tce and tCO2 by county, by industry
 * and in total, the top consumers, meters online and offline as of {@code at}, open alarms and the latest ones,
 * and the accounting factors that converted the quantities.
 */
@Schema(description = "The live view of a Beijing day · 当日实时监测概览")
public record CitySummary(
		@Schema(description = "The Beijing day shown · 北京日期") java.time.LocalDate day,
		@Schema(description = "When online and offline were determined · 在线状态判定时间") Instant at,
		@Schema(description = "Energy in tce (tonnes of standard coal equivalent) · 能耗（吨标准煤 tce）") BigDecimal tce,
		@Schema(description = "Emissions in tCO2 · 排放量（吨二氧化碳 tCO2）") BigDecimal co2T,
		@Schema(description = "The day's energy per county · 分区县能耗") List<EnergyShare> byCounty,
		@Schema(description = "The day's energy per industry · 分行业能耗") List<EnergyShare> byIndustry,
		@Schema(description = "The ten largest consumers of the day · 当日能耗前十企业") List<EnterpriseEnergy> top,
		@Schema(description = "Meters online now · 在线表计数") int metersOnline,
		@Schema(description = "Meters offline now · 离线表计数") int metersOffline,
		@Schema(description = "A meter is offline after this many of its intervals without a reading · 多少个间隔无读数视为离线") int offlineAfterIntervals,
		@Schema(description = "Alarms open or acknowledged · 未关闭告警数") long openAlarms,
		@Schema(description = "The latest ten alarms · 最新十条告警") List<LiveAlarm> latestAlarms,
		@Schema(description = "The accounting factors that converted the quantities · 换算所用核算因子") List<FactorConversion> conversions) {
}
