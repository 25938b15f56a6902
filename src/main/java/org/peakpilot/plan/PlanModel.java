package org.peakpilot.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The published shapes of the plan module: items, targets, observations, progress. */
public final class PlanModel {

	private PlanModel() {
	}

	public enum Kind {
		INDICATOR, COMMITMENT
	}

	/** Which way is better: a higher value (shares), a lower one (intensities), or at most a cap (7–10). */
	public enum Direction {
		HIGHER, LOWER, CAP
	}

	public enum TargetType {
		/** A number stated in the plan. */
		VALUE,
		/** An upper limit stated in the plan ("≤ 4.03"). */
		CAP,
		/** 完成省下目标: the province sets it; the office enters the value. */
		PROVINCIAL
	}

	public enum Origin {
		ENTERED, IMPORTED, COMPUTED
	}

	/**
	 * Where an item stands. {@code PROVISIONAL} is no status: the latest value was computed from incomplete data,
	 * so it is not judged against a target at all (architecture rule 7).
	 */
	public enum Status {
		ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA, TARGET_MISSING, PROVISIONAL
	}

	/**
	 * How complete the data behind a computed value is: {@code complete} by the plan's coverage rule
	 * ({@link CoverageRule}), {@code percent} the share of the expected data present (0–100, one decimal).
	 */
	public record Coverage(boolean complete, BigDecimal percent) {
	}

	/**
	 * When a computed city figure counts as complete, from the plan folder's {@code plan.properties}
	 * ({@code coverage.all-sectors-required}, {@code coverage.min-key-unit-months-percent}): every sector the
	 * enterprises do not cover entered (if required), and verified reports for at least that share of the key
	 * energy-using units' months.
	 */
	public record CoverageRule(boolean allSectorsRequired, BigDecimal minKeyUnitMonthsPercent) {
	}

	public record PlanInfo(String code, String nameZh, String nameEn, String cityRegionCode, String cityNameZh,
			String cityNameEn, int baselineYear, BigDecimal atRiskTolerance, int version, Instant loadedAt) {

		public String name(Locale locale) {
			return english(locale) ? nameEn : nameZh;
		}

		public String cityName(Locale locale) {
			return english(locale) ? cityNameEn : cityNameZh;
		}
	}

	/**
	 * A target of an item for a year. For a provincial target {@code value} is the entered value, or {@code null}
	 * while none has been entered; {@code source} names the document it came from. A target stated in words
	 * ("2 zero-carbon parks; 1 port area") keeps them in {@code label}, and in Chinese in {@code labelZh} when the
	 * plan gives them.
	 */
	public record Target(int year, TargetType type, BigDecimal value, String label, String labelZh, String source) {

		public Target(int year, TargetType type, BigDecimal value, String label, String source) {
			this(year, type, value, label, null, source);
		}

		public boolean known() {
			return value != null;
		}

		/** The words of the target in the language asked for ("zh" or another), falling back to the other one. */
		public String label(String language) {
			if ("zh".equals(language)) {
				return labelZh != null ? labelZh : label;
			}
			return label != null ? label : labelZh;
		}
	}

	/** An indicator of the plan's table or another numeric commitment of its text. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "PlanItem", description = "An indicator or commitment of the plan · 试点方案的指标或承诺")
	public record Item(
			@io.swagger.v3.oas.annotations.media.Schema(example = "1", description = "Code: the indicator's number (1–31) or the commitment's (C01…) · 编号") String code,
			@io.swagger.v3.oas.annotations.media.Schema(description = "INDICATOR (the plan's table) or COMMITMENT (a number in its text) · 指标或承诺") Kind kind,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Order within the plan · 排序") int seq,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The group's key · 分组键") String groupKey,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The group, Chinese · 分组（中文）") String groupZh,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The group, English · 分组（英文）") String groupEn,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Name, Chinese · 名称（中文）") String nameZh,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Name, English · 名称（英文）") String nameEn,
			@io.swagger.v3.oas.annotations.media.Schema(example = "%", description = "Unit, Chinese · 单位（中文）") String unitZh,
			@io.swagger.v3.oas.annotations.media.Schema(example = "%", description = "Unit of the values and targets (%, tCO2/10k CNY, tce, …) · 数值与目标的单位") String unit,
			@io.swagger.v3.oas.annotations.media.Schema(description = "HIGHER or LOWER is better, or CAP (at most the target) · 方向") Direction direction,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Baseline year · 基准年") Integer baselineYear,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Baseline value, in unit · 基准值") BigDecimal baselineValue,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Targets by year · 分年目标") List<Target> targets) {

		public String name(Locale locale) {
			return english(locale) ? nameEn : nameZh;
		}

		public String group(Locale locale) {
			return english(locale) ? groupEn : groupZh;
		}

		public String unitLabel(Locale locale) {
			return english(locale) ? unit : unitZh;
		}

		public Target target(int year) {
			return targets.stream().filter(t -> t.year() == year).findFirst().orElse(null);
		}

		public boolean hasProvincialTargets() {
			return targets.stream().anyMatch(t -> t.type() == TargetType.PROVINCIAL);
		}
	}

	/**
	 * A value for a year with its lineage: who entered it, when, from which document, or what computed it. A
	 * computed value is {@code provisional} while its data is incomplete ({@code coveragePercent} of it present)
	 * and reaches the public only once published ({@code publishedAt}); an entered or imported value is the
	 * office's own figure from a named document and is public as entered.
	 */
	public record Observation(long id, String itemCode, int year, BigDecimal value, Origin origin,
			String sourceDocument, String note, String lineage, String enteredBy, Instant enteredAt, Long supersedesId,
			Instant supersededAt, boolean provisional, BigDecimal coveragePercent, Instant publishedAt, String publishedBy) {

		public Observation(long id, String itemCode, int year, BigDecimal value, Origin origin, String sourceDocument,
				String note, String lineage, String enteredBy, Instant enteredAt, Long supersedesId, Instant supersededAt) {
			this(id, itemCode, year, value, origin, sourceDocument, note, lineage, enteredBy, enteredAt, supersedesId,
					supersededAt, false, null, null, null);
		}

		public boolean current() {
			return supersededAt == null;
		}

		/** Whether the public may see it: entered and imported values always, computed ones once published. */
		public boolean published() {
			return origin != Origin.COMPUTED || publishedAt != null;
		}
	}

	/**
	 * Where an item stands. {@code percent} is the share of the change from the path's start to the next target
	 * achieved (0–100), {@code expected} the value the straight path asks for in the latest year; {@code reason}
	 * names the rule that decided, with up to three arguments.
	 */
	@io.swagger.v3.oas.annotations.media.Schema(description = "Where an item stands · 进展")
	public record Progress(
			@io.swagger.v3.oas.annotations.media.Schema(description = "ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA, TARGET_MISSING; PROVISIONAL: computed from "
					+ "incomplete data, not judged · 进展状态") Status status,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Year of the latest value · 最新数值年份") Integer latestYear,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The latest value, in the item's unit · 最新数值（按指标单位）") BigDecimal latestValue,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The next target · 下一目标") Target nextTarget,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The value the straight path to the target asks for in the latest year, in the item's unit · 按线性路径当年应达值") BigDecimal expected,
			@io.swagger.v3.oas.annotations.media.Schema(minimum = "0", maximum = "100", description = "Share of the change to the next target achieved, % · 目标完成进度（%）") Integer percent,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The rule that decided (a message key) · 判定依据") String reason,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Up to three arguments of the rule · 判定参数") List<String> args) {
	}

	/** An item with its progress: one row of the cockpit. */
	@io.swagger.v3.oas.annotations.media.Schema(description = "An item with its progress: one row of the cockpit · 指标及其进展（驾驶舱一行）")
	public record Tracked(@io.swagger.v3.oas.annotations.media.Schema(description = "The item · 指标") Item item, @io.swagger.v3.oas.annotations.media.Schema(description = "Its progress · 进展") Progress progress) {
	}

	public record Zone(String code, String nameZh, String nameEn, String countyNameZh, String industryZh,
			String industryEn, BigDecimal maxTco2Per10kCny, int fromYear) {

		public String name(Locale locale) {
			return english(locale) ? nameEn : nameZh;
		}
	}

	public record ProjectDomain(int no, String nameZh, String nameEn) {
	}

	static boolean english(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage());
	}
}
