package org.peakpilot.accounting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One version of a factor. {@code value} is in {@code unit} (e.g. tCO2/t, tCO2/MWh, tce/kWh) per
 * {@code activityUnit}; fuels also carry the parameters the standard multiplies (NCV, carbon content per unit
 * calorific value, oxidation rate) and their tce coefficient. {@code tag} says how far the figure is verified.
 */
@Schema(description = "One version of an emission or energy factor · 排放因子或能源折算系数的一个版本")
public record Factor(
		@Schema(example = "NATURAL-GAS", description = "The factor's code, stable across versions · 因子代码") String code,
		@Schema(example = "1", description = "Version number, from 1; a new version supersedes the previous one · 版本号") int version,
		@Schema(description = "FUEL burned, ENERGY carrier converted to tce, PROCESS factor, GRID emission factor, METHOD note · 因子类别") Kind kind,
		@Schema(example = "天然气", description = "Name in Chinese · 中文名称") String nameZh,
		@Schema(example = "Natural gas", description = "Name in English · 英文名称") String nameEn,
		@Schema(example = "21.62", description = "The factor's value, in unit per activityUnit (e.g. tCO2/t, tCO2/MWh, tce/kWh) · 因子数值（单位见 unit）") BigDecimal value,
		@Schema(example = "tCO2/10^4 Nm3", description = "The value's unit (tCO2/t, tCO2/MWh, tce/kWh, …) · 数值单位") String unit,
		@Schema(example = "10^4 Nm3", description = "The activity unit the value applies to (t, 10^4 Nm3, kWh, GJ, …) · 活动数据单位") String activityUnit,
		@Schema(example = "389.31", description = "FUEL: default net calorific value, in ncvUnit · 缺省低位发热量") BigDecimal ncv,
		@Schema(example = "GJ/10^4 Nm3", description = "FUEL: the unit of ncv (GJ per activity unit) · 低位发热量单位") String ncvUnit,
		@Schema(example = "15.3", description = "FUEL: default carbon content per calorific value, tC/TJ · 缺省单位热值含碳量（tC/TJ）") BigDecimal carbonContentTcPerTj,
		@Schema(example = "0.99", description = "FUEL: default oxidation rate, a fraction 0–1 (99 % is 0.99) · 缺省碳氧化率（0–1）") BigDecimal oxidationRate,
		@Schema(example = "13.3", description = "Energy conversion coefficient, tce per activity unit · 折标准煤系数（吨标准煤/活动单位）") BigDecimal tcePerUnit,
		@Schema(example = "SICHUAN", description = "GRID: the grid region the factor belongs to · 电网区域") String regionCode,
		@Schema(example = "2024", description = "GRID: the year the factor is published for · 适用年份") Integer year,
		@Schema(example = "cement", description = "The industry sector the factor serves (general, steel, cement, ceramics, chemicals, polysilicon, …) · 适用行业") String sector,
		@Schema(description = "How the standard applies the factor · 方法说明") String methodNote,
		@Schema(example = "GB/T 32151.22-2024 附录C 表C.1", description = "Where the value comes from (standard, table, announcement) · 数据来源") String source,
		@Schema(description = "How far the value is verified: VERIFIED_SECONDARY, COMPUTED and CONVENTION count as verified · 核验标记") Tag tag,
		@Schema(example = "2024-01-01", description = "First day the version applies (Beijing date) · 生效日期") LocalDate effectiveFrom,
		@Schema(example = "2024-12-31", description = "Last day the version applies; absent: open-ended · 失效日期（空为长期有效）") LocalDate effectiveTo,
		@Schema(description = "Who published the version · 发布人") String publishedBy,
		@Schema(description = "When the version was published · 发布时间") Instant publishedAt,
		@Schema(example = "new year's factor", description = "Why the version was published · 变更说明") String changeNote) {

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
